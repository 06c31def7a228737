import { Badge, Button, Group, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconChartBar, IconEye, IconListCheck, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ExamAnalysisPanel } from './exam-analysis';
import { fmt, PhaseBadge } from './exam-labels';
import { useExam, useProctor, useRelease, useResults } from './exams.hooks';

/** One exam: live proctoring, results and grading, the analysis; release when the teacher decides. */
export function ExamDetailPage() {
  const { t } = useTranslation();
  const { examId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const exam = useExam(examId);
  const release = useRelease(examId);
  if (exam.isPending) return <PageLoader />;
  if (exam.isError) return <QueryError error={exam.error} />;
  const e = exam.data;
  const tab = params.get('tab') ?? (e.phase === 'closed' ? 'analysis' : 'proctor');
  return (
    <>
      <PageHeader
        title={e.title}
        back={{ to: '/exams', label: t('exams.title') }}
        subtitle={
          <Group gap="xs" component="span">
            <PhaseBadge phase={e.phase} />
            <span>
              {formatDateTime(e.opensAt)} – {formatDateTime(e.closesAt)} ·{' '}
              {t('exams.minutes', { n: e.durationMinutes })} ·{' '}
              {e.audience
                .map((a) => (a.kind === 'class' ? `${a.name} (${a.schoolName})` : a.name))
                .join(', ')}
            </span>
          </Group>
        }
        actions={
          e.canManage &&
          e.phase === 'closed' && (
            <Button
              leftSection={<IconSpeakerphone size={16} />}
              variant={e.releasedAt ? 'default' : 'filled'}
              loading={release.isPending}
              onClick={() => release.mutate(!e.releasedAt, { onError: (err) => notifyError(err) })}
              data-testid="exam-release"
            >
              {e.releasedAt ? t('exams.withdraw') : t('exams.release')}
            </Button>
          )
        }
      />
      {e.releasedAt && (
        <Badge color="teal" variant="light" mb="sm">
          {t('exams.releasedAt', { at: formatDateTime(e.releasedAt) })}
        </Badge>
      )}
      <Tabs
        value={tab}
        onChange={(v) => setParams({ tab: v ?? 'proctor' }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="proctor" leftSection={<IconEye size={16} />} data-testid="tab-proctor">
            {t('exams.tabs.proctor')}
          </Tabs.Tab>
          <Tabs.Tab value="results" leftSection={<IconListCheck size={16} />} data-testid="tab-results">
            {t('exams.tabs.results')}
          </Tabs.Tab>
          <Tabs.Tab value="analysis" leftSection={<IconChartBar size={16} />} data-testid="tab-analysis">
            {t('exams.tabs.analysis')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="proctor">
          <ProctorPanel examId={examId} live={e.phase === 'open'} />
        </Tabs.Panel>
        <Tabs.Panel value="results">
          <ResultsPanel examId={examId} />
        </Tabs.Panel>
        <Tabs.Panel value="analysis">
          <ExamAnalysisPanel examId={examId} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ProctorPanel({ examId, live }: { examId: string; live: boolean }) {
  const { t } = useTranslation();
  const view = useProctor(examId, live);
  if (view.isError) return <QueryError error={view.error} />;
  const v = view.data;
  const STATUS_COLOR: Record<string, string> = {
    not_started: 'gray',
    in_progress: 'blue',
    submitted: 'teal',
    auto_submitted: 'teal',
  };
  return (
    <Stack>
      {v && (
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {(
            [
              ['audience', v.counts.audience],
              ['notStarted', v.counts.notStarted],
              ['online', v.counts.online],
              ['offline', v.counts.offline],
              ['submitted', v.counts.submitted],
            ] as const
          ).map(([k, n]) => (
            <Stack key={k} gap={0} data-testid={`proctor-count-${k}`} data-value={n}>
              <Text size="xl" fw={700}>
                {n}
              </Text>
              <Text size="sm" c="dimmed">
                {t(`exams.proctor.${k}`)}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      )}
      <DataTable
        testId="proctor-table"
        loading={view.isPending}
        empty={(v?.rows.length ?? 0) === 0}
        head={[
          t('exams.col.student'),
          t('exams.col.class'),
          t('exams.col.status'),
          t('exams.col.answered'),
          t('exams.col.focus'),
          t('exams.col.lastSeen'),
        ]}
      >
        {v?.rows.map((r) => (
          <Table.Tr
            key={r.studentId}
            data-testid="proctor-row"
            data-student={r.fullName}
            data-status={r.status}
            data-presence={r.presence ?? ''}
            data-answered={r.answered}
          >
            <Table.Td>{r.fullName}</Table.Td>
            <Table.Td>{r.className}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Badge color={STATUS_COLOR[r.status]} variant="light">
                  {t(`exams.status.${r.status}`)}
                </Badge>
                {r.presence && (
                  <Badge color={r.presence === 'online' ? 'green' : 'orange'} variant="dot">
                    {t(`exams.presence.${r.presence}`)}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              {r.answered}/{r.questionCount}
            </Table.Td>
            <Table.Td>
              {r.focusLosses} / {r.offlineEvents}
            </Table.Td>
            <Table.Td>{formatDateTime(r.lastSeenAt)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Text size="xs" c="dimmed">
        {t('exams.proctor.help')}
      </Text>
    </Stack>
  );
}

function ResultsPanel({ examId }: { examId: string }) {
  const { t } = useTranslation();
  const results = useResults(examId);
  if (results.isError) return <QueryError error={results.error} />;
  const items = results.data?.items ?? [];
  return (
    <DataTable
      testId="results-table"
      loading={results.isPending}
      empty={items.length === 0}
      head={[
        t('exams.col.student'),
        t('exams.col.class'),
        t('exams.col.status'),
        t('exams.col.score'),
        t('exams.col.grading'),
        '',
      ]}
    >
      {items.map((r) => (
        <Table.Tr
          key={r.attemptId}
          data-testid="result-row"
          data-student={r.fullName}
          data-score={r.score10 ?? ''}
        >
          <Table.Td>{r.fullName}</Table.Td>
          <Table.Td>{r.className}</Table.Td>
          <Table.Td>{t(`exams.status.${r.status}`)}</Table.Td>
          <Table.Td>
            {fmt(r.score10)} ({fmt(r.rawScore)}/{fmt(r.maxScore)})
          </Table.Td>
          <Table.Td>{r.gradingStatus ? t(`exams.grading.${r.gradingStatus}`) : ''}</Table.Td>
          <Table.Td>
            <Link to={`/exams/attempts/${r.schoolId}/${r.attemptId}`}>{t('exams.openAttempt')}</Link>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
