import { BarChart } from '@mantine/charts';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { toQueryString } from '../../lib/api';
import { useScoreComparison } from './statistics.hooks';
import { fmt2, signed } from './statistics-format';

/** So sánh phổ điểm, điểm trung bình giữa các trường, per subject, with the gap to the city mean. */
export function ScoresPage() {
  const { t } = useTranslation();
  const [source, setSource] = useState<'gradebook' | 'exam'>('gradebook');
  const [period, setPeriod] = useState<'term1' | 'term2' | 'year'>('year');
  const [examId, setExamId] = useState<string | undefined>(undefined);
  const query = { source, period, examId: source === 'exam' ? examId : undefined };
  const cmp = useScoreComparison(query);
  const c = cmp.data;
  return (
    <Stack data-testid="statistics-scores">
      <PageHeader
        title={t('statistics.scores.title')}
        subtitle={
          c ? `${c.title} · ${t('statistics.scores.reference', { name: c.reference.name })}` : undefined
        }
        back={{ to: '/statistics', label: t('statistics.title') }}
        actions={
          <Button
            component="a"
            href={`/api/statistics/scores.xlsx${toQueryString(query)}`}
            download
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            data-testid="scores-xlsx"
          >
            {t('actions.exportExcel')}
          </Button>
        }
      />
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label={t('statistics.scores.source')}
          value={source}
          onChange={(e) => setSource(e.currentTarget.value as 'gradebook' | 'exam')}
          data={[
            { value: 'gradebook', label: t('statistics.scores.gradebook') },
            { value: 'exam', label: t('statistics.scores.exam') },
          ]}
          data-testid="scores-source"
        />
        {source === 'gradebook' ? (
          <NativeSelect
            label={t('statistics.scores.period')}
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value as 'term1' | 'term2' | 'year')}
            data={(['term1', 'term2', 'year'] as const).map((p) => ({
              value: p,
              label: t(`statistics.scores.periods.${p}`),
            }))}
          />
        ) : (
          <NativeSelect
            label={t('statistics.scores.exam')}
            value={examId ?? c?.examId ?? ''}
            onChange={(e) => setExamId(e.currentTarget.value)}
            data={(c?.exams ?? []).map((e) => ({ value: e.id, label: e.title }))}
          />
        )}
      </Group>
      {cmp.error && <QueryError error={cmp.error} />}
      {cmp.isLoading && <PageLoader />}
      {c && c.subjects.length === 0 && <Text c="dimmed">{t('statistics.scores.none')}</Text>}
      {c?.subjects.map((s) => (
        <Paper key={s.subject} withBorder p="md" data-testid="subject-comparison" data-subject={s.subject}>
          <Title order={4} size="h5" mb="xs">
            {s.subject} — {t('statistics.scores.cityMean')}: {fmt2(s.mean)} (
            {t('statistics.scores.students', { n: s.count })})
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <BarChart
              h={220}
              data={s.schools.map((x) => ({
                name: x.schoolName.replace(/^Trường /, ''),
                gap: Number((x.gap ?? 0).toFixed(2)),
              }))}
              dataKey="name"
              series={[{ name: 'gap', label: t('statistics.scores.gap'), color: 'indigo.6' }]}
              referenceLines={[{ y: 0, label: t('statistics.scores.cityMean'), color: 'red.6' }]}
              withTooltip
            />
            <BarChart
              h={220}
              data={c.binLabels.map((label, i) => ({
                range: label,
                ...Object.fromEntries(
                  s.schools.map((x) => [x.schoolName.replace(/^Trường /, ''), x.bins[i] ?? 0]),
                ),
              }))}
              dataKey="range"
              type="stacked"
              series={s.schools.map((x, i) => ({
                name: x.schoolName.replace(/^Trường /, ''),
                color: ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'lime.6'][i % 6],
              }))}
              withLegend
              withTooltip
            />
          </SimpleGrid>
          <Table mt="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.school')}</Table.Th>
                <Table.Th>{t('statistics.scores.count')}</Table.Th>
                <Table.Th>{t('statistics.scores.mean')}</Table.Th>
                <Table.Th>{t('statistics.scores.gap')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.schools.map((x) => (
                <Table.Tr key={x.schoolId} data-testid="school-score">
                  <Table.Td>{x.schoolName}</Table.Td>
                  <Table.Td>{x.count}</Table.Td>
                  <Table.Td>{fmt2(x.mean)}</Table.Td>
                  <Table.Td c={x.gap !== null && x.gap < 0 ? 'red' : 'green'}>{signed(x.gap)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}
