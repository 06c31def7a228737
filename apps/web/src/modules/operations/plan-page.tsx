import { LineChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Spoiler,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { PlanDetail, TargetProgress } from '@smartedu/contracts';
import { IconBuildingWarehouse } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { usePlan, useTargetHistory, useTargetRecords, useTargetSchools } from './operations.hooks';
import { formatValue } from './ops-format';
import { TrafficLightBadge } from './traffic-light';

const PAGE_SIZE = 20;

/** Kế hoạch: legal basis, objectives, the targets with their lights; a target drills into schools and students. */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  const { planId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const plan = usePlan(planId);
  const targetId = search.get('target');
  if (plan.isPending) return <PageLoader />;
  if (plan.isError) return <QueryError error={plan.error} />;
  const p: PlanDetail = plan.data;
  const selected = p.targets.find((x) => x.id === targetId) ?? null;
  const select = (id: string) => {
    const next = new URLSearchParams(search);
    next.set('target', id);
    next.delete('school');
    setSearch(next);
  };

  return (
    <>
      <PageHeader
        title={`${t('operations.plan')} ${p.code}`}
        subtitle={`${p.title} · ${p.issuer}, ${formatDate(p.issuedOn)}`}
        back={{ to: '/operations', label: t('operations.title') }}
        actions={
          <Button
            component={Link}
            to={`/operations/plans/${p.id}/pilot`}
            variant="light"
            leftSection={<IconBuildingWarehouse size={16} />}
            data-testid="open-pilot"
          >
            {t('operations.pilot')}
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('operations.legalBasis')}
            </Text>
            <Spoiler maxHeight={72} showLabel={t('operations.more')} hideLabel={t('operations.less')}>
              <Text size="sm">{p.legalBasis ?? '—'}</Text>
            </Spoiler>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('operations.objectives')}
            </Text>
            <Spoiler maxHeight={72} showLabel={t('operations.more')} hideLabel={t('operations.less')}>
              <Text size="sm">{p.objectives ?? '—'}</Text>
            </Spoiler>
          </Grid.Col>
        </Grid>
        <Group mt="sm" gap="xs">
          <Badge variant="outline">
            {t('operations.period')}: {formatDate(p.periodStart)} – {formatDate(p.periodEnd)}
          </Badge>
          {p.schools.map((s) => (
            <Badge key={s.id} variant="light">
              {s.name}
            </Badge>
          ))}
          {p.asOf && (
            <Text size="xs" c="dimmed">
              {t('operations.asOf', { at: formatDateTime(p.asOf) })}
            </Text>
          )}
        </Group>
      </Paper>

      <DataTable
        testId="plan-targets"
        empty={p.targets.length === 0}
        head={[
          t('operations.target'),
          t('operations.kind'),
          t('operations.value'),
          t('operations.goal'),
          t('operations.status'),
          '',
        ]}
      >
        {p.targets.map((x) => (
          <Table.Tr
            key={x.id}
            data-testid="target-row"
            data-code={x.code}
            bg={x.id === targetId ? 'var(--mantine-color-blue-light)' : undefined}
          >
            <Table.Td>
              <Text size="sm" fw={600} span>
                {x.code}
              </Text>{' '}
              <Text size="sm" span>
                {x.title}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="dot" color={x.kind === 'computed' ? 'blue' : 'grape'}>
                {t(`operations.kinds.${x.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatValue(x.value, x.measure, locale)}
              {x.denominator !== null && x.numerator !== null && (
                <Text size="xs" c="dimmed">
                  {formatNumber(x.numerator, locale)}/{formatNumber(x.denominator, locale)}
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {x.comparator === 'gte' ? '≥' : '≤'} {formatValue(x.targetValue, x.measure, locale)}
            </Table.Td>
            <Table.Td>
              <TrafficLightBadge status={x.status} />
            </Table.Td>
            <Table.Td>
              <Anchor component="button" size="sm" onClick={() => select(x.id)} data-testid="target-drill">
                {t('operations.drill')}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>

      {selected && <TargetDrill planId={p.id} target={selected} />}
    </>
  );
}

/** Drill-down of one target: its schools, then the students (classes, rooms, teachers) behind the number. */
function TargetDrill({ planId, target }: { planId: string; target: TargetProgress }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  const [search, setSearch] = useSearchParams();
  const schoolId = search.get('school') ?? undefined;
  const [outcome, setOutcome] = useState<string>('all');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const schools = useTargetSchools(planId, target.id);
  const records = useTargetRecords(planId, target.kind === 'computed' ? target.id : null, {
    schoolId,
    outcome: outcome === 'all' ? undefined : outcome,
    q: q || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const history = useTargetHistory(planId, target.id, schoolId);
  const pickSchool = (id: string) => {
    const next = new URLSearchParams(search);
    next.set('school', id);
    setSearch(next);
    setPage(1);
  };
  const rows = schools.data?.schools ?? [];
  const points = (history.data?.points ?? []).map((pt) => ({
    day: formatDate(pt.day),
    value: pt.value === null ? null : Math.round(pt.value * 100) / 100,
  }));

  return (
    <Paper withBorder radius="md" p="md" mt="md" data-testid="target-detail">
      <Title order={3} size="h5" mb="sm">
        {target.code} {target.title}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <DataTable
            testId="drill-schools"
            empty={rows.length === 0}
            loading={schools.isFetching}
            minWidth={480}
            head={[t('nav.school'), t('operations.value'), t('operations.goal'), t('operations.status')]}
          >
            {rows.map((s) => (
              <Table.Tr
                key={s.schoolId}
                data-testid="drill-school-row"
                style={{ cursor: 'pointer' }}
                bg={s.schoolId === schoolId ? 'var(--mantine-color-blue-light)' : undefined}
                onClick={() => pickSchool(s.schoolId)}
              >
                <Table.Td>
                  <Anchor component="span" size="sm">
                    {s.schoolName}
                  </Anchor>
                  {s.report && (
                    <Text size="xs" c="dimmed">
                      {t('operations.reported', { day: formatDate(s.report.asOf) })}: {s.report.evidence}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatValue(s.value, target.measure, locale)}
                  {s.denominator !== null && s.numerator !== null && (
                    <Text size="xs" c="dimmed">
                      {formatNumber(s.numerator, locale)}/{formatNumber(s.denominator, locale)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{s.goal === null ? '—' : formatValue(s.goal, target.measure, locale)}</Table.Td>
                <Table.Td>
                  <TrafficLightBadge status={s.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Text size="sm" fw={600} mb={4}>
            {t('operations.history')}
          </Text>
          {points.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('operations.noHistory')}
            </Text>
          ) : (
            <LineChart
              h={200}
              data={points}
              dataKey="day"
              series={[{ name: 'value', label: target.code, color: 'blue.6' }]}
              referenceLines={[{ y: target.targetValue, label: t('operations.goal'), color: 'red.6' }]}
              connectNulls
              withTooltip
              data-testid="target-history"
            />
          )}
        </Grid.Col>
      </Grid>

      {target.kind === 'computed' && (
        <>
          <Group justify="space-between" mt="md" mb="xs" wrap="wrap">
            <Text fw={600}>
              {schoolId ? rows.find((s) => s.schoolId === schoolId)?.schoolName : t('operations.allSchools')}
            </Text>
            <Group gap="xs">
              <TextInput
                size="xs"
                placeholder={t('operations.searchName')}
                value={q}
                onChange={(e) => {
                  setQ(e.currentTarget.value);
                  setPage(1);
                }}
              />
              <SegmentedControl
                size="xs"
                value={outcome}
                onChange={(v) => {
                  setOutcome(v);
                  setPage(1);
                }}
                data={[
                  { value: 'all', label: t('operations.outcome.all') },
                  { value: 'met', label: t('operations.outcome.met') },
                  { value: 'not_met', label: t('operations.outcome.not_met') },
                  { value: 'not_assessed', label: t('operations.outcome.not_assessed') },
                ]}
                data-testid="drill-outcome"
              />
            </Group>
          </Group>
          <DataTable
            testId="drill-records"
            empty={(records.data?.items.length ?? 0) === 0}
            loading={records.isFetching}
            head={[
              t('operations.name'),
              t('nav.school'),
              t('operations.class'),
              t('operations.counted'),
              t('operations.detail'),
            ]}
          >
            {(records.data?.items ?? []).map((r) => (
              <Table.Tr
                key={`${r.schoolId}:${r.id}`}
                data-testid="drill-student-row"
                data-outcome={r.outcome}
              >
                <Table.Td>
                  {r.kind === 'student' ? (
                    <Anchor component={Link} to={`/schools/${r.schoolId}/students/${r.id}`} size="sm">
                      {r.name}
                    </Anchor>
                  ) : (
                    r.name
                  )}
                </Table.Td>
                <Table.Td>{r.schoolName}</Table.Td>
                <Table.Td>{r.className ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={r.outcome === 'met' ? 'green' : r.outcome === 'not_met' ? 'red' : 'gray'}
                  >
                    {t(`operations.outcome.${r.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.detail}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <ListPagination
            total={records.data?.total ?? 0}
            page={page}
            pageSize={PAGE_SIZE}
            onChange={setPage}
          />
        </>
      )}
    </Paper>
  );
}
