import { BarChart, DonutChart } from '@mantine/charts';
import { Card, Grid, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { IconBuildingCommunity, IconChalkboard, IconSchool, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { formatNumber } from '../../lib/format';
import { primaryGrant, useMe } from '../auth/auth.hooks';
import { useClasses } from '../classes/classes.hooks';
import { useSchoolYears } from '../reference/reference.hooks';
import { useStaffList } from '../staff/staff.hooks';
import { useStudents } from '../students/students.hooks';
import { useUnits } from '../units/units.hooks';

function Stat({ label, value, icon, to }: { label: string; value: string; icon: ReactNode; to: string }) {
  return (
    <Card withBorder radius="md" padding="md" component={Link} to={to}>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fw={700} fz={28} lh={1.2}>
            {value}
          </Text>
        </div>
        {icon}
      </Group>
    </Card>
  );
}

/** Tổng quan for department users: counts and enrolment by school for the current year. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  const years = useSchoolYears();
  const currentYear = years.data?.find((y) => y.isCurrent);
  const schools = useUnits({ kind: 'school', pageSize: 1 });
  const students = useStudents({ pageSize: 1, status: 'studying' });
  const boys = useStudents({ pageSize: 1, status: 'studying', gender: 'M' });
  const girls = useStudents({ pageSize: 1, status: 'studying', gender: 'F' });
  const staff = useStaffList({ pageSize: 1 });
  const classes = useClasses({ schoolYearId: currentYear?.id, pageSize: 500 }, Boolean(currentYear));
  const n = (v: number | undefined) => (v === undefined ? '…' : formatNumber(v, locale));

  const bySchool = new Map<string, { school: string; classes: number; students: number }>();
  for (const c of classes.data?.items ?? []) {
    const row = bySchool.get(c.schoolId) ?? { school: c.schoolName, classes: 0, students: 0 };
    row.classes += 1;
    row.students += c.studentCount;
    bySchool.set(c.schoolId, row);
  }
  const chartData = [...bySchool.values()]
    .sort((a, b) => b.students - a.students)
    .slice(0, 15)
    .map((r) => ({ ...r, school: r.school.replace(/^Trường\s+/i, '') }));

  return (
    <>
      <PageHeader
        title={t('nav.dashboard')}
        subtitle={[
          me.data ? primaryGrant(me.data)?.unitName : '',
          currentYear && `${t('classes.year')} ${currentYear.name}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="lg">
        <Stat
          label={t('nav.schools')}
          value={n(schools.data?.total)}
          to="/schools"
          icon={<IconBuildingCommunity size={30} color="var(--mantine-color-blue-6)" />}
        />
        <Stat
          label={t('nav.classes')}
          value={n(classes.data?.total)}
          to="/classes"
          icon={<IconChalkboard size={30} color="var(--mantine-color-teal-6)" />}
        />
        <Stat
          label={t('dashboard.studying')}
          value={n(students.data?.total)}
          to="/students"
          icon={<IconSchool size={30} color="var(--mantine-color-orange-6)" />}
        />
        <Stat
          label={t('nav.staff')}
          value={staff.isError ? '—' : n(staff.data?.total)}
          to="/staff"
          icon={<IconUsers size={30} color="var(--mantine-color-grape-6)" />}
        />
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md" radius="md" h="100%">
            <Title order={3} size="h5" mb="md">
              {t('dashboard.studentsBySchool')}
            </Title>
            {chartData.length === 0 ? (
              <Text c="dimmed">{t('list.empty')}</Text>
            ) : (
              <BarChart
                h={Math.max(220, chartData.length * 36)}
                data={chartData}
                dataKey="school"
                orientation="vertical"
                yAxisProps={{ width: 140 }}
                series={[{ name: 'students', label: t('nav.students'), color: 'blue.6' }]}
                withTooltip
              />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" radius="md" h="100%">
            <Title order={3} size="h5" mb="md">
              {t('dashboard.byGender')}
            </Title>
            <Group justify="center">
              <DonutChart
                size={160}
                thickness={26}
                withLabels
                withTooltip
                data={[
                  { name: t('gender.M'), value: boys.data?.total ?? 0, color: 'blue.6' },
                  { name: t('gender.F'), value: girls.data?.total ?? 0, color: 'pink.6' },
                ]}
              />
            </Group>
            <Group justify="center" gap="lg" mt="sm">
              <Text size="sm">
                {t('gender.M')}: <b>{n(boys.data?.total)}</b>
              </Text>
              <Text size="sm">
                {t('gender.F')}: <b>{n(girls.data?.total)}</b>
              </Text>
            </Group>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
