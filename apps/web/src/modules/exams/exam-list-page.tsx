import { Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { rolesOf, useCan, useMe } from '../auth/auth.hooks';
import { fmt, PhaseBadge } from './exam-labels';
import { useExams, useMyExams } from './exams.hooks';

/** Kỳ thi: a student's exams to take; for staff the exams within reach and scheduling. */
export function ExamListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = rolesOf(me.data);
  const isStudent = roles.includes('student');
  const canManage = useCan('exams.manage');
  const staff = roles.some((r) => r !== 'student' && r !== 'parent');
  if (me.isPending) return <PageLoader />;
  return (
    <>
      <PageHeader
        title={t('exams.title')}
        subtitle={isStudent ? t('exams.studentHelp') : t('exams.help')}
        actions={
          <>
            {!staff && (
              <Button variant="light" component={Link} to="/exams/results" data-testid="exam-results-link">
                {t('exams.results.title')}
              </Button>
            )}
            {canManage && (
              <Button
                leftSection={<IconPlus size={16} />}
                component={Link}
                to="/exams/new"
                data-testid="exam-new"
              >
                {t('exams.create.title')}
              </Button>
            )}
          </>
        }
      />
      {isStudent && <MyExams />}
      {staff && <StaffExams />}
    </>
  );
}

function MyExams() {
  const { t } = useTranslation();
  const mine = useMyExams();
  if (mine.isPending) return <PageLoader />;
  if (mine.isError) return <QueryError error={mine.error} />;
  if (!mine.data.length) return <Text c="dimmed">{t('exams.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {mine.data.map((e) => {
        const canTake = e.phase === 'open' && (!e.attempt || e.attempt.status === 'in_progress');
        return (
          <Card key={e.id} withBorder radius="md" data-testid="my-exam" data-exam-id={e.id}>
            <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
              <Text fw={700}>{e.title}</Text>
              <PhaseBadge phase={e.phase} />
            </Group>
            <Text size="sm" c="dimmed">
              {formatDateTime(e.opensAt)} – {formatDateTime(e.closesAt)} ·{' '}
              {t('exams.minutes', { n: e.durationMinutes })}
            </Text>
            {e.attempt && e.attempt.status !== 'in_progress' && (
              <Text size="sm" mt="xs">
                {e.released && e.attempt.score10 !== null
                  ? t('exams.myScore', { score: fmt(e.attempt.score10) })
                  : t('exams.submittedWaiting')}
              </Text>
            )}
            {canTake && (
              <Button mt="sm" component={Link} to={`/exams/${e.id}/take`} data-testid="exam-open">
                {e.attempt ? t('exams.take.resume') : t('exams.take.start')}
              </Button>
            )}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

function StaffExams() {
  const { t } = useTranslation();
  const list = useExams({});
  if (list.isError) return <QueryError error={list.error} />;
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <DataTable
        testId="exams-table"
        loading={list.isPending}
        empty={items.length === 0}
        head={[
          t('exams.col.title'),
          t('exams.col.unit'),
          t('exams.col.window'),
          t('exams.col.phase'),
          t('exams.col.submitted'),
        ]}
      >
        {items.map((e) => (
          <Table.Tr key={e.id} data-testid="exam-row" data-exam-id={e.id}>
            <Table.Td>
              <Link to={`/exams/${e.id}`}>{e.title}</Link>
            </Table.Td>
            <Table.Td>{e.ownerUnitName}</Table.Td>
            <Table.Td>
              {formatDateTime(e.opensAt)} – {formatDateTime(e.closesAt)}
            </Table.Td>
            <Table.Td>
              <PhaseBadge phase={e.phase} />
            </Table.Td>
            <Table.Td>
              {e.submitted}/{e.started}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}
