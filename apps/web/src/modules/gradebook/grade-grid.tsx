import { Alert, Badge, Group, List, ScrollArea, Table, Text } from '@mantine/core';
import {
  checkGradeCell,
  formatGradeAverage,
  formatGradeCell,
  type GradeCellError,
  type GradeCellValue,
  type GradeGrid,
  type GradeSlot,
} from '@smartedu/contracts';
import { parsePeriodicTestScore, parseScore } from '@smartedu/domain';
import { useQueryClient } from '@tanstack/react-query';
import { type ClipboardEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { gradebookKeys, saveGridCells } from './gradebook.hooks';

/** The same domain parsers the server uses: a cell is refused here exactly when the server would refuse it. */
const PARSERS = { parseScore, parsePeriodicTestScore };
const AUTOSAVE_MS = 700;

type Pending = { studentId: string; slot: string; value: GradeCellValue; expected: GradeCellValue };
type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

const cellKey = (studentId: string, slot: string) => `${studentId}|${slot}`;
const same = (a: GradeCellValue | undefined, b: GradeCellValue | undefined) => (a ?? null) === (b ?? null);

/**
 * Sổ điểm as a spreadsheet: arrows, Enter and Tab move between cells; a block copied from Excel (tabs and
 * new lines) is pasted from the focused cell on; every cell is checked as it is typed with the domain rules;
 * valid changes are saved automatically after a short pause (all or nothing per save, each with the value
 * it replaces); a locked term is read-only.
 */
export function GradeGridTable({ schoolId, grid }: { schoolId: string; grid: GradeGrid }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const editable = grid.canEdit;
  const slots = grid.slots;
  const rows = grid.rows;

  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<SaveState>('idle');
  const [message, setMessage] = useState('');
  const pending = useRef(new Map<string, Pending>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef(false);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const latest = useRef(grid);
  latest.current = grid;

  const serverValue = useCallback(
    (studentId: string, slot: string): GradeCellValue =>
      latest.current.rows.find((r) => r.studentId === studentId)?.values[slot] ?? null,
    [],
  );

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (saving.current) {
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
      return;
    }
    const batch = [...pending.current.entries()];
    if (batch.length === 0) return;
    saving.current = true;
    setState('saving');
    const g = latest.current;
    const query = { classId: g.classId, subjectId: g.subject.id, termNo: g.termNo };
    const done = (keys: string[]) => {
      for (const k of keys) pending.current.delete(k);
      setDrafts((d) => {
        const next = { ...d };
        for (const k of keys) delete next[k];
        return next;
      });
    };
    let failed = false;
    try {
      const res = await saveGridCells(schoolId, { ...query, changes: batch.map(([, c]) => c) });
      queryClient.setQueryData<GradeGrid>(gradebookKeys.grid(schoolId, query), (old) =>
        old
          ? { ...old, rows: old.rows.map((r) => res.rows.find((x) => x.studentId === r.studentId) ?? r) }
          : old,
      );
      latest.current = {
        ...latest.current,
        rows: latest.current.rows.map((r) => res.rows.find((x) => x.studentId === r.studentId) ?? r),
      };
      // Cells typed again while saving stay pending with their newer value.
      done(batch.filter(([k, c]) => pending.current.get(k) === c).map(([k]) => k));
      void queryClient.invalidateQueries({ queryKey: ['gradebook', 'summary', schoolId, g.classId] });
      setState(pending.current.size ? 'pending' : 'saved');
      setMessage('');
    } catch (err) {
      failed = true;
      setState('error');
      setMessage(errorMessage(err));
      if (err instanceof ApiError && err.status === 400) {
        const cellErrors = ((err.details as { errors?: GradeCellError[] })?.errors ?? []).map(
          (e) => [cellKey(e.row, e.slot), e.message] as const,
        );
        setErrors((old) => ({ ...old, ...Object.fromEntries(cellErrors) }));
        for (const [k] of cellErrors) pending.current.delete(k);
      } else if (err instanceof ApiError && err.status === 409) {
        // Locked meanwhile, or changed by someone else: reload, keep nothing stale.
        done(batch.map(([k]) => k));
        await queryClient.invalidateQueries({ queryKey: gradebookKeys.grid(schoolId, query) });
      }
    } finally {
      saving.current = false;
      if (pending.current.size > 0 && !timer.current && !failed)
        timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    }
  }, [queryClient, schoolId]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setState(pending.current.size ? 'pending' : 'idle');
    if (pending.current.size) timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  }, [flush]);

  // Save what is left when leaving the page.
  useEffect(
    () => () => {
      if (pending.current.size) void flush();
    },
    [flush],
  );

  function setCell(studentId: string, slot: GradeSlot, text: string) {
    const k = cellKey(studentId, slot.code);
    setDrafts((d) => ({ ...d, [k]: text }));
    const check = checkGradeCell(slot.valueType, text, PARSERS);
    const server = serverValue(studentId, slot.code);
    if (!check.ok) {
      setErrors((e) => ({ ...e, [k]: check.message }));
      pending.current.delete(k);
      return;
    }
    setErrors((e) => {
      if (!(k in e)) return e;
      const next = { ...e };
      delete next[k];
      return next;
    });
    if (same(check.value, server)) pending.current.delete(k);
    else pending.current.set(k, { studentId, slot: slot.code, value: check.value, expected: server });
  }

  function focusCell(r: number, c: number) {
    const row = Math.max(0, Math.min(rows.length - 1, r));
    const col = Math.max(0, Math.min(slots.length - 1, c));
    const input = inputs.current.get(`${row}:${col}`);
    if (input) {
      input.focus();
      input.select();
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>, r: number, c: number) {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0;
    const atEnd = input.selectionEnd === input.value.length;
    let target: [number, number] | null = null;
    if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) target = [r + 1, c];
    else if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) target = [r - 1, c];
    else if (e.key === 'ArrowRight' && atEnd) target = [r, c + 1];
    else if (e.key === 'ArrowLeft' && atStart) target = [r, c - 1];
    else if (e.key === 'Tab') {
      const flat = r * slots.length + c + (e.shiftKey ? -1 : 1);
      if (flat >= 0 && flat < rows.length * slots.length)
        target = [Math.floor(flat / slots.length), flat % slots.length];
    } else if (e.key === 'Escape') {
      const k = cellKey(rows[r].studentId, slots[c].code);
      pending.current.delete(k);
      setDrafts(({ [k]: _, ...rest }) => rest);
      setErrors(({ [k]: _, ...rest }) => rest);
      schedule();
      return;
    }
    if (target) {
      e.preventDefault();
      focusCell(target[0], target[1]);
    }
  }

  /** A block from Excel: tab-separated columns, one line per row, written from the focused cell on. */
  function onPaste(e: ClipboardEvent<HTMLInputElement>, r: number, c: number) {
    if (!editable) return;
    const text = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n').replace(/\n$/, '');
    if (!/[\t\n]/.test(text)) return; // one value: the input's own paste
    e.preventDefault();
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      line.split('\t').forEach((value, j) => {
        const row = rows[r + i];
        const slot = slots[c + j];
        if (row && slot) setCell(row.studentId, slot, value.trim());
      });
    });
    schedule();
  }

  const errorList = Object.entries(errors).map(([k, msg]) => {
    const [studentId, slot] = k.split('|');
    return { k, name: rows.find((r) => r.studentId === studentId)?.fullName ?? '', slot, msg };
  });
  const shownState: SaveState | 'locked' = grid.lock.status === 'locked' ? 'locked' : state;
  const resultHeader =
    grid.circular === 'TT27'
      ? t('gradebook.levelEnd')
      : grid.subject.assessment === 'comment'
        ? t('gradebook.termResult')
        : t('gradebook.termAverage');

  return (
    <>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text size="sm" c="dimmed">
          {editable ? t('gradebook.gridHelp') : t('gradebook.readOnly')}
        </Text>
        <Badge
          data-testid="grade-save-status"
          data-state={shownState}
          color={
            shownState === 'error'
              ? 'red'
              : shownState === 'saved'
                ? 'green'
                : shownState === 'locked'
                  ? 'gray'
                  : shownState === 'idle'
                    ? 'gray'
                    : 'yellow'
          }
          variant="light"
          size="lg"
        >
          {t(`gradebook.save.${shownState}`)}
        </Badge>
      </Group>
      {state === 'error' && message && (
        <Alert color="red" mb="xs" data-testid="grade-save-error">
          {message}
        </Alert>
      )}
      <ScrollArea type="auto">
        <Table
          data-testid="grade-grid"
          withTableBorder
          withColumnBorders
          striped
          highlightOnHover
          style={{ minWidth: 420 + slots.length * 64 }}
          verticalSpacing={2}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>#</Table.Th>
              <Table.Th miw={180}>{t('common.fullName')}</Table.Th>
              {slots.map((s) => (
                <Table.Th
                  key={s.code}
                  ta="center"
                  miw={s.kind === 'remark' ? 220 : 56}
                  title={t(`gradebook.slot.${s.kind}`)}
                >
                  {s.label}
                </Table.Th>
              ))}
              <Table.Th ta="center" miw={72}>
                {resultHeader}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, r) => (
              <Table.Tr key={row.studentId}>
                <Table.Td>{r + 1}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.fullName}</Table.Td>
                {slots.map((slot, c) => {
                  const k = cellKey(row.studentId, slot.code);
                  const error = errors[k];
                  const draft = drafts[k];
                  const isPending = pending.current.has(k);
                  return (
                    <Table.Td key={slot.code} p={0}>
                      <input
                        ref={(el) => {
                          if (el) inputs.current.set(`${r}:${c}`, el);
                          else inputs.current.delete(`${r}:${c}`);
                        }}
                        data-testid="grade-cell"
                        data-student={row.studentId}
                        data-slot={slot.code}
                        data-invalid={error ? 'true' : undefined}
                        aria-invalid={error ? true : undefined}
                        aria-label={`${row.fullName} ${slot.label}`}
                        title={error}
                        readOnly={!editable}
                        value={draft ?? formatGradeCell(slot.valueType, row.values[slot.code])}
                        onChange={(e) => {
                          setCell(row.studentId, slot, e.currentTarget.value);
                          schedule();
                        }}
                        onKeyDown={(e) => onKeyDown(e, r, c)}
                        onPaste={(e) => onPaste(e, r, c)}
                        onFocus={(e) => e.currentTarget.select()}
                        style={{
                          width: '100%',
                          minWidth: slot.kind === 'remark' ? 220 : 52,
                          border: error ? '2px solid var(--mantine-color-red-6)' : '1px solid transparent',
                          background: error
                            ? 'var(--mantine-color-red-0)'
                            : isPending
                              ? 'var(--mantine-color-yellow-0)'
                              : 'transparent',
                          padding: '6px 6px',
                          textAlign: slot.kind === 'remark' ? 'left' : 'center',
                          font: 'inherit',
                          outlineColor: 'var(--mantine-color-blue-5)',
                          cursor: editable ? 'text' : 'default',
                        }}
                      />
                    </Table.Td>
                  );
                })}
                <Table.Td ta="center" fw={600} data-testid="grade-average" data-student={row.studentId}>
                  {row.average !== null
                    ? formatGradeAverage(row.average)
                    : row.result
                      ? formatGradeCell(grid.circular === 'TT27' ? 'level' : 'comment_result', row.result)
                      : ''}
                  {row.testScore !== null && grid.circular === 'TT27' ? ` · ${row.testScore}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {errorList.length > 0 && (
        <Alert
          color="red"
          mt="sm"
          title={t('gradebook.invalidCells', { count: errorList.length })}
          data-testid="grade-errors"
        >
          <List size="sm">
            {errorList.slice(0, 20).map((e) => (
              <List.Item key={e.k}>
                {e.name}, {e.slot}: {e.msg}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}
