import { Badge, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { isDepartment, primaryGrant, useCan, useMe } from '../auth/auth.hooks';
import { useCreatePeriod, usePeriods } from './statistics.hooks';

/** Kỳ báo cáo thống kê: a department's periods with their progress; a school's periods with its own status. */
export function PeriodsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const department = isDepartment(me);
  const periods = usePeriods();
  const canManage = useCan('operations.manage');
  const schoolId = me && !department ? primaryGrant(me).unitId : null;
  return (
    <Stack data-testid="statistics-periods">
      <PageHeader
        title={t('statistics.title')}
        subtitle={t('statistics.subtitle')}
        actions={
          <Button
            component={Link}
            to="/statistics/scores"
            variant="default"
            leftSection={<IconChartBar size={16} />}
          >
            {t('statistics.scores.title')}
          </Button>
        }
      />
      {department && canManage && me && <OpenPeriod unitId={primaryGrant(me).unitId} />}
      {periods.error && <QueryError error={periods.error} />}
      {periods.isLoading && <PageLoader />}
      {periods.data && periods.data.length === 0 && <Text c="dimmed">{t('statistics.noPeriods')}</Text>}
      {periods.data && periods.data.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statistics.period')}</Table.Th>
              <Table.Th>{t('statistics.collectedBy')}</Table.Th>
              <Table.Th>{t('statistics.deadline')}</Table.Th>
              <Table.Th>{t('statistics.progress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {periods.data.map((p) => (
              <Table.Tr key={p.id} data-testid="period-row" data-label={p.label}>
                <Table.Td>
                  <Link
                    to={
                      department
                        ? `/statistics/periods/${p.id}`
                        : `/statistics/periods/${p.id}/schools/${schoolId}`
                    }
                    data-testid="period-link"
                  >
                    {p.title} — {p.label}
                  </Link>
                </Table.Td>
                <Table.Td>{p.unitName}</Table.Td>
                <Table.Td>
                  {p.deadlineText}{' '}
                  {p.pastDeadline && (
                    <Badge color="gray" size="sm">
                      {t('statistics.closed')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color="blue">
                      {t('statistics.submittedOf', { n: p.counts.submitted, total: p.counts.schools })}
                    </Badge>
                    {p.counts.late > 0 && (
                      <Badge color="orange">{t('statistics.lateCount', { n: p.counts.late })}</Badge>
                    )}
                    {p.counts.missing > 0 && (
                      <Badge color="red">{t('statistics.missingCount', { n: p.counts.missing })}</Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function OpenPeriod({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const create = useCreatePeriod();
  const now = new Date();
  const [year, setYear] = useState<number>(now.getFullYear());
  const [quarter, setQuarter] = useState<string>(String(Math.ceil((now.getMonth() + 1) / 3)));
  return (
    <Paper withBorder p="sm">
      <Group align="flex-end" gap="sm">
        <NumberInput label={t('statistics.year')} value={year} onChange={(v) => setYear(Number(v))} w={120} />
        <NativeSelect
          label={t('statistics.quarter')}
          value={quarter}
          onChange={(e) => setQuarter(e.currentTarget.value)}
          data={['1', '2', '3', '4'].map((q) => ({ value: q, label: t('statistics.quarterN', { n: q }) }))}
        />
        <Button
          leftSection={<IconPlus size={16} />}
          loading={create.isPending}
          onClick={() => create.mutate({ unitId, year, quarter: Number(quarter) })}
        >
          {t('statistics.open')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('statistics.openHint')}
        </Text>
      </Group>
      {create.error && <QueryError error={create.error} />}
    </Paper>
  );
}
