import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { usePeriod } from './statistics.hooks';
import { STATUS_COLOR } from './statistics-format';

/** A period seen by the department: every school's status, late flags, reminders, and the consolidated report. */
export function PeriodPage() {
  const { t } = useTranslation();
  const { periodId } = useParams();
  const period = usePeriod(periodId);
  if (period.error) return <QueryError error={period.error} />;
  if (!period.data) return <PageLoader />;
  const p = period.data;
  return (
    <Stack data-testid="statistics-period">
      <PageHeader
        title={`${p.title} — ${p.label}`}
        subtitle={`${p.unitName} · ${t('statistics.deadline')}: ${p.deadlineText}`}
        back={{ to: '/statistics', label: t('statistics.title') }}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={`/api/statistics/periods/${p.id}/report.xlsx`}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              data-testid="report-xlsx"
            >
              {t('statistics.reportExcel')}
            </Button>
            <Button
              component="a"
              href={`/api/statistics/periods/${p.id}/report.pdf`}
              download
              variant="default"
              leftSection={<IconFileTypePdf size={16} />}
              data-testid="report-pdf"
            >
              {t('statistics.reportPdf')}
            </Button>
          </Group>
        }
      />
      <Group gap="xs">
        <Badge color="blue" size="lg">
          {t('statistics.submittedOf', { n: p.counts.submitted, total: p.counts.schools })}
        </Badge>
        <Badge color="green" size="lg">
          {t('statistics.acceptedCount', { n: p.counts.accepted })}
        </Badge>
        <Badge color="orange" size="lg">
          {t('statistics.lateCount', { n: p.counts.late })}
        </Badge>
        <Badge color="red" size="lg">
          {t('statistics.missingCount', { n: p.counts.missing })}
        </Badge>
      </Group>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.school')}</Table.Th>
            <Table.Th>{t('statistics.status')}</Table.Th>
            <Table.Th>{t('statistics.submittedAt')}</Table.Th>
            <Table.Th>{t('statistics.reminders')}</Table.Th>
            <Table.Th>{t('statistics.comment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.schools.map((s) => (
            <Table.Tr key={s.schoolId} data-testid="school-status" data-status={s.status} data-late={s.late}>
              <Table.Td>
                <Link to={`/statistics/periods/${p.id}/schools/${s.schoolId}`}>{s.schoolName}</Link>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge color={STATUS_COLOR[s.status]}>{t(`statistics.statuses.${s.status}`)}</Badge>
                  {s.late && <Badge color="orange">{t('statistics.late')}</Badge>}
                  {s.overdue && <Badge color="red">{t('statistics.overdue')}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>{formatDateTime(s.submittedAt)}</Table.Td>
              <Table.Td>
                <Text size="sm">{s.reminders.map((r) => formatDateTime(r.sentAt)).join(', ')}</Text>
              </Table.Td>
              <Table.Td>{s.reviewComment}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
