import { BarChart, LineChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { OpsDashboard } from '@smartedu/contracts';
import {
  IconAlertTriangle,
  IconBuildingCommunity,
  IconCalendarCheck,
  IconChalkboard,
  IconDeviceDesktop,
  IconNotebook,
  IconRefresh,
  IconSchool,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useCan } from '../auth/auth.hooks';
import { useOpsDashboard, useRefreshRollups } from './operations.hooks';
import { formatValue } from './ops-format';
import { SchoolMap } from './school-map';
import { TrafficLightBadge } from './traffic-light';

function Kpi({
  label,
  value,
  hint,
  icon,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fw={700} fz={26} lh={1.2}>
            {value}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        {icon}
      </Group>
    </Card>
  );
}

const SEVERITY_COLOR = { critical: 'red', warning: 'yellow', info: 'blue' } as const;

/** Bảng điều hành: a department's schools (default) or one school (/operations/schools/:schoolId). */
export function OpsDashboardPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  const { schoolId } = useParams();
  const navigate = useNavigate();
  const dashboard = useOpsDashboard({ schoolId });
  const refresh = useRefreshRollups();
  const canManage = useCan('operations.manage');
  if (dashboard.isPending) return <PageLoader />;
  if (dashboard.isError) return <QueryError error={dashboard.error} />;
  const d: OpsDashboard = dashboard.data;
  const n = (v: number) => formatNumber(v, locale);
  const k = d.kpis;
  const isSchool = d.unit.kind === 'school';

  return (
    <div data-testid="ops-dashboard">
      <PageHeader
        title={t('operations.title')}
        subtitle={[
          d.unit.name,
          d.schoolYear && `${t('classes.year')} ${d.schoolYear.name}`,
          d.asOf && t('operations.asOf', { at: formatDateTime(d.asOf) }),
        ]
          .filter(Boolean)
          .join(' · ')}
        back={schoolId ? { to: '/operations', label: t('operations.title') } : undefined}
        actions={
          canManage && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={refresh.isPending}
              onClick={() => refresh.mutate(isSchool ? d.unit.id : undefined)}
            >
              {t('operations.refresh')}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} mb="md" data-testid="ops-kpis">
        {!isSchool && (
          <Kpi
            label={t('nav.schools')}
            value={n(k.schools)}
            icon={<IconBuildingCommunity size={28} color="var(--mantine-color-blue-6)" />}
          />
        )}
        <Kpi
          label={t('nav.students')}
          value={n(k.students)}
          hint={t('operations.smartStudents', { count: k.smartStudents })}
          icon={<IconSchool size={28} color="var(--mantine-color-orange-6)" />}
        />
        <Kpi
          label={t('operations.smartClasses')}
          value={`${n(k.smartClasses)}/${n(k.classes)}`}
          icon={<IconChalkboard size={28} color="var(--mantine-color-teal-6)" />}
        />
        <Kpi
          label={
            d.attendanceDay === d.today
              ? t('operations.attendanceToday')
              : t('operations.attendanceOn', { day: formatDate(d.attendanceDay) })
          }
          value={k.attendance.rate === null ? '—' : formatValue(k.attendance.rate, 'percent', locale)}
          hint={t('operations.attendanceHint', {
            absent: k.attendance.absent,
            classes: k.attendance.classesWithRoll,
          })}
          icon={<IconCalendarCheck size={28} color="var(--mantine-color-green-6)" />}
        />
        <Kpi
          label={t('operations.equipment')}
          value={n(k.equipment.total)}
          hint={t('operations.equipmentHint', {
            broken: k.equipment.broken,
            repairing: k.equipment.repairing,
          })}
          icon={<IconDeviceDesktop size={28} color="var(--mantine-color-grape-6)" />}
        />
        <Kpi
          label={t('operations.gradeEntries')}
          value={n(k.gradeEntries)}
          hint={
            k.examsInProgress === null
              ? t('operations.examsPending')
              : t('operations.examsInProgress', { count: k.examsInProgress })
          }
          icon={<IconNotebook size={28} color="var(--mantine-color-indigo-6)" />}
        />
      </SimpleGrid>

      <Grid mb="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SchoolMap schools={d.schools} onSelect={(id) => navigate(`/operations/schools/${id}`)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Title order={3} size="h5" mb="sm">
              {t('operations.alerts')} ({d.alerts.length})
            </Title>
            <ScrollArea h={290} data-testid="ops-alerts">
              <Stack gap={6}>
                {d.alerts.length === 0 && <Text c="dimmed">{t('operations.noAlerts')}</Text>}
                {d.alerts.map((a, i) => (
                  <Alert
                    // biome-ignore lint/suspicious/noArrayIndexKey: alerts have no id
                    key={i}
                    color={SEVERITY_COLOR[a.severity]}
                    variant="light"
                    p="xs"
                    icon={<IconAlertTriangle size={16} />}
                    data-testid="ops-alert"
                    data-kind={a.kind}
                  >
                    <Text size="sm">{a.message}</Text>
                  </Alert>
                ))}
              </Stack>
            </ScrollArea>
          </Paper>
        </Grid.Col>
      </Grid>

      {d.plans.map((plan) => (
        <Paper key={plan.id} withBorder radius="md" p="md" mb="md" data-testid="ops-plan">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <div>
              <Text fw={700}>
                {t('operations.plan')} {plan.code}
              </Text>
              <Text size="sm" c="dimmed">
                {plan.title}
              </Text>
            </div>
            <Group gap={6}>
              {(['on_track', 'at_risk', 'off_track', 'no_data'] as const).map((l) =>
                plan.lights[l] ? <TrafficLightBadge key={l} status={l} count={plan.lights[l]} /> : null,
              )}
              <Button component={Link} to={`/operations/plans/${plan.id}`} size="xs" variant="light">
                {t('operations.openPlan')}
              </Button>
            </Group>
          </Group>
          <DataTable
            testId="ops-targets"
            empty={plan.targets.length === 0}
            head={[
              t('operations.target'),
              t('operations.value'),
              t('operations.goal'),
              t('operations.status'),
              '',
            ]}
          >
            {plan.targets.map((x) => (
              <Table.Tr key={x.id} data-testid="target-row" data-code={x.code}>
                <Table.Td>
                  <Text size="sm" fw={600} span>
                    {x.code}
                  </Text>{' '}
                  <Text size="sm" span>
                    {x.title}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatValue(x.value, x.measure, locale)}
                  {x.denominator !== null && x.numerator !== null && (
                    <Text size="xs" c="dimmed">
                      {n(x.numerator)}/{n(x.denominator)}
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
                  <Anchor
                    component={Link}
                    to={`/operations/plans/${plan.id}?target=${x.id}${schoolId ? `&school=${schoolId}` : ''}`}
                    size="sm"
                    data-testid="target-drill"
                  >
                    {t('operations.drill')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Paper>
      ))}

      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Title order={3} size="h5" mb="sm">
              {t('operations.attendanceTrend')}
            </Title>
            {d.attendanceTrend.filter((p) => p.rate !== null).length === 0 ? (
              <Text c="dimmed">{t('operations.noAttendance')}</Text>
            ) : (
              <LineChart
                h={220}
                data={d.attendanceTrend.map((p) => ({
                  day: formatDate(p.day).slice(0, 5),
                  rate: p.rate === null ? null : Math.round(p.rate * 10) / 10,
                }))}
                dataKey="day"
                series={[{ name: 'rate', label: t('operations.attendanceRate'), color: 'green.6' }]}
                yAxisProps={{ domain: [80, 100] }}
                connectNulls
                withTooltip
              />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Title order={3} size="h5" mb="sm">
              {t('operations.equipmentByKind')}
            </Title>
            {d.equipmentByKind.length === 0 ? (
              <Text c="dimmed">{t('list.empty')}</Text>
            ) : (
              <BarChart
                h={220}
                data={d.equipmentByKind.map((e) => ({
                  kind: e.kind,
                  working: e.working,
                  other: e.total - e.working,
                }))}
                dataKey="kind"
                type="stacked"
                series={[
                  { name: 'working', label: t('operations.working'), color: 'teal.6' },
                  { name: 'other', label: t('operations.notWorking'), color: 'red.5' },
                ]}
                withTooltip
              />
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      {isSchool && d.classes.length > 0 && (
        <Paper withBorder radius="md" p="md" mt="md">
          <Title order={3} size="h5" mb="sm">
            {t('nav.classes')}
          </Title>
          <Group gap="xs">
            {d.classes.map((c) => (
              <Badge key={c.id} variant={c.isSmart ? 'filled' : 'light'} size="lg">
                {c.name} · {c.students}
              </Badge>
            ))}
          </Group>
        </Paper>
      )}
    </div>
  );
}
