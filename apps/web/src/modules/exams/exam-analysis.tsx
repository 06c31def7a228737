import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { Distribution, ItemAnalysisRow } from '@smartedu/contracts';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { fmt, pct } from './exam-labels';
import { useAnalysis, useRefreshAnalysis } from './exams.hooks';

/** Bins of width 0.25 added up to width w (0.5, 1 or 2) on the 10-point scale. */
function binsOf(d: Distribution, width: number) {
  const per = Math.round(width / 0.25);
  const out: { range: string; count: number }[] = [];
  for (let i = 0; i < d.bins.length; i += per) {
    const from = i * 0.25;
    out.push({
      range: `${fmt(from, width < 1 ? 1 : 0)}–${fmt(from + width, width < 1 ? 1 : 0)}`,
      count: d.bins.slice(i, i + per).reduce((a, b) => a + b, 0),
    });
  }
  return out;
}

/** Phổ điểm, so sánh và phân tích câu hỏi of one exam, from the rollups. */
export function ExamAnalysisPanel({ examId }: { examId: string }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [width, setWidth] = useState('1');
  const [open, setOpen] = useState<string | null>(null);
  const analysis = useAnalysis(examId, unitId);
  const refresh = useRefreshAnalysis(examId);
  if (analysis.isPending) return <PageLoader />;
  if (analysis.isError) return <QueryError error={analysis.error} />;
  const a = analysis.data;
  const d = a.distribution;
  const units = d ? [d, ...a.comparison] : [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {a.computedAt
            ? t('exams.analysis.computedAt', { at: formatDateTime(a.computedAt) })
            : t('exams.analysis.notYet')}
          {a.stale && ` · ${t('exams.analysis.stale')}`}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={refresh.isPending}
            onClick={() => refresh.mutate(undefined, { onError: (err) => notifyError(err) })}
            data-testid="analysis-refresh"
          >
            {t('exams.analysis.refresh')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconDownload size={16} />}
            component="a"
            href={`/api/exams/${examId}/export.xlsx${unitId ? `?unitId=${unitId}` : ''}`}
            data-testid="analysis-export"
          >
            {t('exams.analysis.export')}
          </Button>
        </Group>
      </Group>
      {!d && <Alert color="gray">{t('exams.analysis.empty')}</Alert>}
      {d && (
        <>
          <Group align="flex-end">
            <Select
              label={t('exams.analysis.unit')}
              w={320}
              data={units.map((u) => ({
                value: u.unitId,
                label: `${u.name} (${t(`exams.unitKind.${u.unitKind}`)})`,
              }))}
              value={d.unitId}
              onChange={(v) => setUnitId(v ?? undefined)}
              data-testid="analysis-unit"
            />
            <SegmentedControl
              value={width}
              onChange={setWidth}
              data={[
                { value: '0.5', label: '0,5' },
                { value: '1', label: '1' },
                { value: '2', label: '2' },
              ]}
            />
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 4, md: 8 }} data-testid="analysis-summary">
            {(
              [
                ['count', String(d.summary.count)],
                ['mean', fmt(d.summary.mean)],
                ['median', fmt(d.summary.median)],
                ['sd', fmt(d.summary.sd)],
                ['min', fmt(d.summary.min)],
                ['max', fmt(d.summary.max)],
                ['atLeast5', pct(d.summary.atLeast5)],
                ['atLeast8', pct(d.summary.atLeast8)],
              ] as const
            ).map(([k, v]) => (
              <Paper key={k} withBorder p="xs" radius="md" data-testid={`stat-${k}`} data-value={v}>
                <Text size="xs" c="dimmed">
                  {t(`exams.analysis.${k}`)}
                </Text>
                <Text fw={700}>{v}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Paper withBorder p="md" radius="md" data-testid="result-histogram" data-count={d.summary.count}>
            <Title order={4} size="h5" mb="sm">
              {t('exams.analysis.histogram', { name: d.name })}
            </Title>
            <BarChart
              h={260}
              data={binsOf(d, Number(width))}
              dataKey="range"
              series={[{ name: 'count', label: t('exams.analysis.students'), color: 'blue.6' }]}
              withTooltip
              tickLine="y"
            />
          </Paper>
          {a.comparison.length > 0 && (
            <Paper withBorder p="md" radius="md" data-testid="comparison">
              <Title order={4} size="h5" mb="sm">
                {t('exams.analysis.comparison')}
              </Title>
              <BarChart
                h={Math.max(200, a.comparison.length * 40)}
                orientation="vertical"
                yAxisProps={{ width: 160 }}
                data={a.comparison.map((c) => ({
                  name: c.name,
                  mean: Math.round((c.summary.mean ?? 0) * 100) / 100,
                  median: Math.round((c.summary.median ?? 0) * 100) / 100,
                }))}
                dataKey="name"
                series={[
                  { name: 'mean', label: t('exams.analysis.mean'), color: 'blue.6' },
                  { name: 'median', label: t('exams.analysis.median'), color: 'teal.6' },
                ]}
                withLegend
                withTooltip
              />
              <Table mt="sm" striped data-testid="comparison-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('exams.analysis.unit')}</Table.Th>
                    <Table.Th>{t('exams.analysis.count')}</Table.Th>
                    <Table.Th>{t('exams.analysis.mean')}</Table.Th>
                    <Table.Th>{t('exams.analysis.median')}</Table.Th>
                    <Table.Th>{t('exams.analysis.sd')}</Table.Th>
                    <Table.Th>{t('exams.analysis.atLeast5')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.comparison.map((c) => (
                    <Table.Tr key={c.unitId}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>{c.summary.count}</Table.Td>
                      <Table.Td>{fmt(c.summary.mean)}</Table.Td>
                      <Table.Td>{fmt(c.summary.median)}</Table.Td>
                      <Table.Td>{fmt(c.summary.sd)}</Table.Td>
                      <Table.Td>{pct(c.summary.atLeast5)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </>
      )}
      <Group gap="md">
        <Text size="sm">
          KR-20: <b data-testid="kr20">{fmt(a.kr20, 3)}</b>
        </Text>
        <Text size="sm">
          Cronbach α: <b data-testid="alpha">{fmt(a.alpha, 3)}</b>
        </Text>
        <Text size="sm">
          {t('exams.analysis.participants')}: <b>{a.participants}</b>
        </Text>
        {a.rasch && (
          <Text size="sm" c="dimmed">
            {t('exams.analysis.rasch', { n: a.rasch.iterations })}
          </Text>
        )}
      </Group>
      <Title order={4} size="h5">
        {t('exams.analysis.items')}
      </Title>
      <DataTable
        testId="item-analysis-table"
        empty={a.items.length === 0}
        minWidth={900}
        head={[
          t('exams.analysis.col.number'),
          t('exams.analysis.col.topic'),
          t('exams.analysis.col.level'),
          'n',
          t('exams.analysis.col.difficulty'),
          'r (pb)',
          'D (27%)',
          'Rasch b',
          'Infit',
          t('exams.analysis.col.flags'),
        ]}
      >
        {a.items.map((i) => (
          <Fragment key={i.questionId}>
            <Table.Tr
              data-testid="item-row"
              data-number={i.number}
              onClick={() => setOpen(open === i.questionId ? null : i.questionId)}
              style={{ cursor: i.distractors ? 'pointer' : undefined }}
            >
              <Table.Td>{i.number}</Table.Td>
              <Table.Td>{i.topic}</Table.Td>
              <Table.Td>{i.level}</Table.Td>
              <Table.Td>{i.n}</Table.Td>
              <Table.Td>{fmt(i.difficulty)}</Table.Td>
              <Table.Td>{fmt(i.correctedPointBiserial)}</Table.Td>
              <Table.Td>{fmt(i.upperLower)}</Table.Td>
              <Table.Td>{fmt(i.raschDifficulty)}</Table.Td>
              <Table.Td>{fmt(i.infit)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {i.flags.map((f) => (
                    <Badge key={f} size="xs" color="orange" variant="light">
                      {t(`exams.flags.${f}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
            {open === i.questionId && i.distractors && (
              <Table.Tr>
                <Table.Td colSpan={10}>
                  <Distractors item={i} />
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
      </DataTable>
      <Text size="xs" c="dimmed">
        {t('exams.analysis.help')}
      </Text>
    </Stack>
  );
}

function Distractors({ item }: { item: ItemAnalysisRow }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder data-testid="distractor-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('exams.analysis.col.option')}</Table.Th>
          <Table.Th>{t('exams.analysis.col.chosen')}</Table.Th>
          <Table.Th>{t('exams.analysis.col.upper')}</Table.Th>
          <Table.Th>{t('exams.analysis.col.lower')}</Table.Th>
          <Table.Th>D</Table.Th>
          <Table.Th>{t('exams.analysis.col.flags')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(item.distractors ?? []).map((o) => (
          <Table.Tr key={o.optionId ?? 'blank'} fw={o.isKey ? 700 : undefined}>
            <Table.Td>
              {o.letter} {o.isKey ? `(${t('exams.analysis.key')})` : ''} {o.text}
            </Table.Td>
            <Table.Td>
              {o.count} ({pct(o.share)})
            </Table.Td>
            <Table.Td>{pct(o.upperShare)}</Table.Td>
            <Table.Td>{pct(o.lowerShare)}</Table.Td>
            <Table.Td>{fmt(o.discrimination)}</Table.Td>
            <Table.Td>{o.flag && o.flag !== 'ok' ? t(`exams.flags.${o.flag}`) : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
