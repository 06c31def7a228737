import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { AttendanceStatus } from '@smartedu/contracts';
import { IconCheck, IconClockHour8 } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import {
  type RollEntry,
  useAttendanceClasses,
  useClassRoll,
  useSaveClassRoll,
  useSaveStaffRoll,
  useStaffRoll,
} from './attendance.hooks';
import { vnTime } from './attendance-dates';

const STATUSES: AttendanceStatus[] = ['present', 'excused', 'unexcused', 'late'];
const STATUS_COLOR: Record<AttendanceStatus, string> = {
  present: 'teal',
  excused: 'blue',
  unexcused: 'red',
  late: 'orange',
};

type Row = {
  id: string;
  fullName: string;
  detail: string;
  status: AttendanceStatus | null;
  note: string | null;
  arrivedAt: string | null;
  leftAt: string | null;
};
type Mark = { status: AttendanceStatus; note: string };

export type RollCallPanelProps = {
  date: string;
  onDateChange: (date: string) => void;
  target: string | null;
  onTargetChange: (target: string | null) => void;
  period: number;
  onPeriodChange: (period: number) => void;
  /** School administrators also keep the staff roll (chấm công cán bộ). */
  withStaff: boolean;
};

/** Điểm danh: a phone-friendly roll; everyone starts present, the teacher taps the absent and late ones. */
export function RollCallPanel(props: RollCallPanelProps) {
  const { t } = useTranslation();
  const { date, target, period } = props;
  const classes = useAttendanceClasses({ date });
  const items = classes.data?.items ?? [];
  const multiSchool = new Set(items.map((c) => c.schoolId)).size > 1;
  const schools = [...new Map(items.map((c) => [c.schoolId, c.schoolName])).entries()];
  const options = [
    { value: '', label: t('attendance.chooseClass') },
    ...items.map((c) => ({
      value: `class:${c.schoolId}:${c.id}`,
      label: `${c.name}${multiSchool ? ` — ${c.schoolName}` : ''}${c.taken ? ' ✓' : ''}`,
    })),
    ...(props.withStaff
      ? schools.map(([id, name]) => ({
          value: `staff:${id}`,
          label: `${t('attendance.staffRoll')}${multiSchool ? ` — ${name}` : ''}`,
        }))
      : []),
  ];
  const [kind, schoolId, classId] = (target ?? '').split(':');
  const isStaff = kind === 'staff';

  const classRoll = useClassRoll(kind === 'class' ? schoolId : undefined, classId, date, period);
  const staffRoll = useStaffRoll(isStaff ? schoolId : undefined, date, isStaff);
  const rows = useMemo<Row[] | undefined>(
    () =>
      isStaff
        ? staffRoll.data?.rows.map((r) => ({ ...r, id: r.staffId, detail: r.staffCode }))
        : classRoll.data?.rows.map((r) => ({ ...r, id: r.studentId, detail: r.sectorId })),
    [isStaff, staffRoll.data, classRoll.data],
  );
  const taken = isStaff ? staffRoll.data?.taken : classRoll.data?.taken;
  const saveClass = useSaveClassRoll(schoolId ?? '', classId ?? '');
  const saveStaff = useSaveStaffRoll(schoolId ?? '');
  const saving = saveClass.isPending || saveStaff.isPending;

  const [marks, setMarks] = useState<Record<string, Mark>>({});
  useEffect(() => {
    if (!rows) return;
    setMarks(
      Object.fromEntries(rows.map((r) => [r.id, { status: r.status ?? 'present', note: r.note ?? '' }])),
    );
  }, [rows]);

  const counts = useMemo(() => {
    const c: Record<AttendanceStatus, number> = { present: 0, excused: 0, unexcused: 0, late: 0 };
    for (const m of Object.values(marks)) c[m.status]++;
    return c;
  }, [marks]);

  const setMark = (id: string, patch: Partial<Mark>) =>
    setMarks((m) => ({ ...m, [id]: { ...(m[id] ?? { status: 'present', note: '' }), ...patch } }));

  async function save() {
    const entries: RollEntry[] = (rows ?? []).map((r) => ({
      id: r.id,
      status: marks[r.id]?.status ?? 'present',
      note: marks[r.id]?.note.trim() || null,
    }));
    try {
      if (isStaff) await saveStaff.mutateAsync({ date, entries });
      else await saveClass.mutateAsync({ date, period, entries });
      notifySuccess(t('attendance.saved'));
    } catch (err) {
      notifyError(err);
    }
  }

  const error = classes.error ?? classRoll.error ?? staffRoll.error;
  return (
    <Stack gap="sm" data-testid="roll-call">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('attendance.date')}
          value={date}
          onChange={(e) => e.currentTarget.value && props.onDateChange(e.currentTarget.value)}
          data-testid="roll-date"
        />
        <NativeSelect
          label={t('attendance.class')}
          value={target ?? ''}
          onChange={(e) => props.onTargetChange(e.currentTarget.value || null)}
          data={options}
          data-testid="roll-class"
          style={{ minWidth: 200 }}
        />
        {!isStaff && (
          <NativeSelect
            label={t('attendance.period')}
            value={String(period)}
            onChange={(e) => props.onPeriodChange(Number(e.currentTarget.value))}
            data={Array.from({ length: 11 }, (_, p) => ({
              value: String(p),
              label: p === 0 ? t('attendance.wholeDay') : t('attendance.periodN', { n: p }),
            }))}
            data-testid="roll-period"
          />
        )}
      </Group>
      {error && <QueryError error={error} />}
      {!target && !classes.isLoading && (
        <Text c="dimmed">{items.length ? t('attendance.pickClass') : t('attendance.noClasses')}</Text>
      )}
      {rows && (
        <>
          <Group gap="xs">
            <Text fw={600}>{formatDate(date)}</Text>
            {taken ? (
              <Badge color="teal" leftSection={<IconCheck size={12} />}>
                {t('attendance.taken')}
              </Badge>
            ) : (
              <Badge color="gray">{t('attendance.notTaken')}</Badge>
            )}
          </Group>
          {rows.length === 0 && <Alert color="gray">{t('attendance.emptyRoll')}</Alert>}
          {rows.map((r, index) => {
            const mark = marks[r.id] ?? { status: 'present' as const, note: '' };
            return (
              <Paper
                key={r.id}
                withBorder
                p="xs"
                radius="md"
                data-testid="roll-row"
                data-status={mark.status}
              >
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <div style={{ minWidth: 0, flex: '1 1 180px' }}>
                    <Text fw={500} truncate>
                      {index + 1}. {r.fullName}
                    </Text>
                    <Group gap={6}>
                      {r.arrivedAt && (
                        <Text size="xs" c="dimmed">
                          <IconClockHour8 size={12} style={{ verticalAlign: 'middle' }} />{' '}
                          {vnTime(r.arrivedAt)}
                          {r.leftAt ? ` – ${vnTime(r.leftAt)}` : ''}
                        </Text>
                      )}
                    </Group>
                  </div>
                  <SegmentedControl
                    size="xs"
                    value={mark.status}
                    onChange={(v) => setMark(r.id, { status: v as AttendanceStatus })}
                    color={STATUS_COLOR[mark.status]}
                    data={STATUSES.map((s) => ({ value: s, label: t(`attendance.short.${s}`) }))}
                    data-testid="roll-status"
                  />
                </Group>
                {mark.status !== 'present' && (
                  <TextInput
                    mt={6}
                    size="xs"
                    placeholder={t('attendance.notePlaceholder')}
                    value={mark.note}
                    onChange={(e) => setMark(r.id, { note: e.currentTarget.value })}
                    maxLength={300}
                    data-testid="roll-note"
                  />
                )}
              </Paper>
            );
          })}
          <Paper
            withBorder
            p="xs"
            radius="md"
            shadow="sm"
            style={{ position: 'sticky', bottom: 8, zIndex: 2 }}
          >
            <Group justify="space-between" gap="xs">
              <Group gap={6}>
                {STATUSES.map((s) => (
                  <Badge key={s} color={STATUS_COLOR[s]} variant="light">
                    {t(`attendance.short.${s}`)}: {counts[s]}
                  </Badge>
                ))}
              </Group>
              <Button onClick={save} loading={saving} disabled={rows.length === 0} data-testid="roll-save">
                {t('attendance.save')}
              </Button>
            </Group>
          </Paper>
        </>
      )}
    </Stack>
  );
}
