import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { Availability, QuestionType } from '@smartedu/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { useSubjects } from '../reference/reference.hooks';
import { MathText } from './math-text';
import { useAvailability, useCreateTest, useQuestions } from './question-bank.hooks';
import { GRADES, LEVEL_COLORS, LEVELS, QuestionBankNav, TYPES, useWriteUnit, vn } from './question-bank-nav';

type Level = (typeof LEVELS)[number];
const DEFAULT_POINTS: Record<QuestionType, number> = {
  single: 0.25,
  multiple: 0.5,
  true_false: 1,
  short_answer: 0.5,
  matching: 1,
  fill_blank: 0.5,
  essay: 1,
};
const cellKey = (type: string, topic: string, level: string) => `${type}|${topic}|${level}`;
const available = (a: Availability | undefined, type: string, topic: string, level: string) =>
  a?.cells
    .filter(
      (c) =>
        c.type === type &&
        c.level === level &&
        c.topic.toLocaleLowerCase('vi') === topic.toLocaleLowerCase('vi'),
    )
    .reduce((s, c) => s + c.count, 0) ?? 0;

/** Ma trận đề: topics × levels for one question type at a time; each cell shows how many questions exist. */
function MatrixBuilder({
  availability,
  counts,
  setCounts,
  points,
  setPoints,
}: {
  availability: Availability | undefined;
  counts: Record<string, number>;
  setCounts: (c: Record<string, number>) => void;
  points: Record<string, number>;
  setPoints: (p: Record<string, number>) => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<QuestionType>('single');
  const topics = availability?.topics ?? [];
  const totals = { NB: 0, TH: 0, VD: 0, VDC: 0 } as Record<Level, number>;
  let count = 0;
  for (const [k, n] of Object.entries(counts)) {
    const [ty, , level] = k.split('|');
    totals[level as Level] += n * (points[ty] ?? DEFAULT_POINTS[ty as QuestionType]);
    count += n;
  }
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  return (
    <Stack gap="sm" data-testid="matrix-builder">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          value={type}
          onChange={(v) => setType(v as QuestionType)}
          data={TYPES.map((x) => ({ value: x, label: t(`questionBank.types.${x}`) }))}
          data-testid="matrix-type"
        />
        <NumberInput
          w={180}
          label={t('questionBank.tests.pointsEach')}
          decimalSeparator=","
          min={0.05}
          step={0.25}
          value={points[type] ?? DEFAULT_POINTS[type]}
          onChange={(v) => setPoints({ ...points, [type]: Number(v) || DEFAULT_POINTS[type] })}
        />
      </Group>
      <Paper withBorder radius="md" style={{ overflow: 'auto' }}>
        <Table withColumnBorders verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('questionBank.topic')}</Table.Th>
              {LEVELS.map((l) => (
                <Table.Th key={l} ta="center">
                  <Badge color={LEVEL_COLORS[l]} variant="light">
                    {t(`questionBank.levels.${l}`)}
                  </Badge>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {topics.map((topic) => (
              <Table.Tr key={topic}>
                <Table.Td>{topic}</Table.Td>
                {LEVELS.map((level) => {
                  const k = cellKey(type, topic, level);
                  const max = available(availability, type, topic, level);
                  return (
                    <Table.Td key={level} data-testid="matrix-cell" data-available={max}>
                      <Group gap={4} wrap="nowrap" justify="center">
                        <NumberInput
                          size="xs"
                          w={64}
                          min={0}
                          max={max}
                          disabled={max === 0}
                          value={counts[k] ?? 0}
                          onChange={(v) => {
                            const n = Math.max(0, Math.min(max, Number(v) || 0));
                            const next = { ...counts };
                            if (n) next[k] = n;
                            else delete next[k];
                            setCounts(next);
                          }}
                          aria-label={`${topic} ${level}`}
                        />
                        <Text size="xs" c={max ? 'dimmed' : 'red'}>
                          /{max}
                        </Text>
                      </Group>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group gap="lg" data-testid="matrix-summary">
        <Text size="sm">{t('questionBank.tests.summary', { count, total: vn(total) })}</Text>
        {LEVELS.map((l) => (
          <Text key={l} size="sm" c="dimmed">
            {l}: {vn(totals[l])} ({total ? Math.round((totals[l] / total) * 100) : 0}%)
          </Text>
        ))}
      </Group>
    </Stack>
  );
}

/** Tạo đề: from a blueprint (random draw) or by picking questions. */
export function TestCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const schoolId = useWriteUnit();
  const subjects = useSubjects();
  const [mode, setMode] = useState<'matrix' | 'manual'>('matrix');
  const [form, setForm] = useState({
    title: '',
    subjectCode: 'THCS_TOAN',
    grade: 6,
    durationMinutes: 45,
    scope: 'own' as 'own' | 'school' | 'department',
    versions: 4,
    seed: '',
  });
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [points, setPoints] = useState<Record<string, number>>({});
  const [picked, setPicked] = useState<Record<string, { questionSchoolId: string; questionId: string }>>({});
  const [error, setError] = useState<{
    message: string;
    shortages?: { topic: string; level: string; needed: number; available: number }[];
  } | null>(null);
  const availability = useAvailability(form.subjectCode, form.grade);
  const pool = useQuestions(
    { subjectCode: form.subjectCode, grade: form.grade, pageSize: 200 },
    mode === 'manual',
  );
  const create = useCreateTest(schoolId);

  const submit = async () => {
    setError(null);
    const cells = Object.entries(counts).map(([k, count]) => {
      const [type, topic, level] = k.split('|');
      return {
        type: type as QuestionType,
        topic,
        level: level as Level,
        count,
        pointsEach: points[type] ?? DEFAULT_POINTS[type as QuestionType],
      };
    });
    try {
      const test = await create.mutateAsync({
        title: form.title,
        subjectCode: form.subjectCode,
        grade: form.grade,
        durationMinutes: form.durationMinutes,
        scope: form.scope,
        versions: { count: form.versions },
        ...(mode === 'matrix'
          ? { blueprint: { cells, ...(form.seed ? { seed: Number(form.seed) } : {}) } }
          : { items: Object.values(picked) }),
      });
      void navigate(`/question-bank/tests/${test.schoolId}/${test.id}`);
    } catch (err) {
      const details =
        err instanceof ApiError
          ? (err.details as
              | { shortages?: { topic: string; level: string; needed: number; available: number }[] }
              | undefined)
          : undefined;
      setError({ message: errorMessage(err), shortages: details?.shortages });
    }
  };

  return (
    <>
      <PageHeader
        title={t('questionBank.tests.create')}
        back={{ to: '/question-bank/tests', label: t('questionBank.tests.title') }}
      />
      <QuestionBankNav />
      <Paper withBorder p="md" radius="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('questionBank.tests.name')}
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
            required
            data-testid="test-title"
          />
          <NativeSelect
            label={t('questionBank.subject')}
            value={form.subjectCode}
            onChange={(e) => setForm({ ...form, subjectCode: e.currentTarget.value })}
            data={(subjects.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.level})` }))}
            data-testid="test-subject"
          />
          <NativeSelect
            label={t('questionBank.grade')}
            value={String(form.grade)}
            onChange={(e) => setForm({ ...form, grade: Number(e.currentTarget.value) })}
            data={GRADES}
            data-testid="test-grade"
          />
          <NumberInput
            label={t('questionBank.tests.duration')}
            min={5}
            max={300}
            value={form.durationMinutes}
            onChange={(v) => setForm({ ...form, durationMinutes: Number(v) || 45 })}
          />
          <NumberInput
            label={t('questionBank.tests.versionCount')}
            min={1}
            max={24}
            value={form.versions}
            onChange={(v) => setForm({ ...form, versions: Number(v) || 1 })}
          />
          <NativeSelect
            label={t('questionBank.scope')}
            value={form.scope}
            onChange={(e) => setForm({ ...form, scope: e.currentTarget.value as typeof form.scope })}
            data={['own', 'school', 'department'].map((s) => ({
              value: s,
              label: t(`questionBank.scopes.${s}`),
            }))}
          />
        </SimpleGrid>
      </Paper>
      <SegmentedControl
        mb="md"
        value={mode}
        onChange={(v) => setMode(v as 'matrix' | 'manual')}
        data={[
          { value: 'matrix', label: t('questionBank.tests.fromMatrix') },
          { value: 'manual', label: t('questionBank.tests.byHand') },
        ]}
      />
      {mode === 'matrix' ? (
        <>
          <MatrixBuilder
            availability={availability.data}
            counts={counts}
            setCounts={setCounts}
            points={points}
            setPoints={setPoints}
          />
          <TextInput
            mt="sm"
            w={200}
            label={t('questionBank.tests.seed')}
            description={t('questionBank.tests.seedHelp')}
            value={form.seed}
            onChange={(e) => setForm({ ...form, seed: e.currentTarget.value.replace(/\D/g, '') })}
          />
        </>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'auto', maxHeight: 480 }}>
          <Table striped verticalSpacing={4}>
            <Table.Tbody>
              {(pool.data?.items ?? []).map((q) => {
                const k = `${q.schoolId}:${q.id}`;
                return (
                  <Table.Tr key={k}>
                    <Table.Td w={40}>
                      <Checkbox
                        checked={Boolean(picked[k])}
                        onChange={(e) => {
                          const next = { ...picked };
                          if (e.currentTarget.checked)
                            next[k] = { questionSchoolId: q.schoolId, questionId: q.id };
                          else delete next[k];
                          setPicked(next);
                        }}
                        aria-label={t('questionBank.tests.pick')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2} component="div">
                        <MathText text={q.body.content.stem} />
                      </Text>
                    </Table.Td>
                    <Table.Td>{q.topic}</Table.Td>
                    <Table.Td>{q.level}</Table.Td>
                    <Table.Td>{t(`questionBank.types.${q.type}`)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {error && (
        <Alert color="red" mt="md" data-testid="matrix-shortage">
          {error.message}
          {error.shortages && (
            <ul>
              {error.shortages.map((s) => (
                <li key={`${s.topic}-${s.level}`}>
                  {s.topic} – {t(`questionBank.levels.${s.level}`)}:{' '}
                  {t('questionBank.tests.shortage', { needed: s.needed, available: s.available })}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <Group mt="md">
        <Button
          onClick={submit}
          loading={create.isPending}
          disabled={!form.title.trim() || !schoolId}
          data-testid="test-submit"
        >
          {t('questionBank.tests.build')}
        </Button>
      </Group>
    </>
  );
}
