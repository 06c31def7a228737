import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Table, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChalkboard, IconEdit, IconFileImport, IconSchool, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { InfoGrid } from '../../components/info-grid';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatNumber } from '../../lib/format';
import { isDepartment, useCan, useMe } from '../auth/auth.hooks';
import { useClasses } from '../classes/classes.hooks';
import { useStaffList } from '../staff/staff.hooks';
import { positionLabel } from '../staff/staff-positions';
import { useStudents } from '../students/students.hooks';
import { UnitFormModal } from './unit-form-modal';
import { useUnit } from './units.hooks';

function StatCard({
  label,
  value,
  icon,
  to,
}: {
  label: string;
  value: ReactNode;
  icon: ReactNode;
  to?: string;
}) {
  const body = (
    <Group justify="space-between" wrap="nowrap">
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text fw={700} size="xl">
          {value}
        </Text>
      </div>
      {icon}
    </Group>
  );
  return to ? (
    <Card withBorder padding="md" radius="md" component={Link} to={to}>
      {body}
    </Card>
  ) : (
    <Card withBorder padding="md" radius="md">
      {body}
    </Card>
  );
}

/** Hồ sơ trường: information, counts, classes and staff. */
export function SchoolDetailPage() {
  const { t, i18n } = useTranslation();
  const { schoolId = '' } = useParams();
  const me = useMe();
  const school = useUnit(schoolId);
  const classes = useClasses({ schoolId, pageSize: 500 });
  const students = useStudents({ schoolId, pageSize: 1 });
  const staff = useStaffList({ schoolId, pageSize: 500 });
  const canWrite = useCan('units.write');
  const canImport = useCan('imports.run');
  const [editOpen, edit] = useDisclosure(false);
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  const count = (n: number | undefined) => (n === undefined ? '…' : formatNumber(n, locale));

  if (school.isPending) return <PageLoader />;
  if (school.isError) return <QueryError error={school.error} />;
  const s = school.data;
  const classItems = classes.data?.items ?? [];
  const staffItems = staff.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={<span data-testid="school-name">{s.name}</span>}
        subtitle={
          <Group gap={6} component="span">
            <span>{s.code}</span>
            {s.schoolLevel && (
              <Badge size="sm" variant="light">
                {t(`schoolLevel.${s.schoolLevel}`)}
              </Badge>
            )}
          </Group>
        }
        back={isDepartment(me.data) ? { to: '/schools', label: t('schools.title') } : undefined}
        actions={
          <>
            {canImport && (
              <Button
                component={Link}
                to={`/imports?schoolId=${s.id}`}
                variant="default"
                leftSection={<IconFileImport size={16} />}
              >
                {t('nav.imports')}
              </Button>
            )}
            {canWrite && (
              <Button leftSection={<IconEdit size={16} />} onClick={edit.open} data-testid="edit-school">
                {t('actions.edit')}
              </Button>
            )}
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} mb="md">
        <StatCard
          label={t('nav.students')}
          value={count(students.data?.total)}
          icon={<IconSchool size={28} color="var(--mantine-color-blue-6)" />}
          to={`/students?schoolId=${s.id}`}
        />
        <StatCard
          label={t('nav.classes')}
          value={count(classes.data?.total)}
          icon={<IconChalkboard size={28} color="var(--mantine-color-teal-6)" />}
          to={`/classes?schoolId=${s.id}`}
        />
        <StatCard
          label={t('nav.staff')}
          value={staff.isError ? '—' : count(staff.data?.total)}
          icon={<IconUsers size={28} color="var(--mantine-color-grape-6)" />}
          to={`/staff?schoolId=${s.id}`}
        />
      </SimpleGrid>

      <Tabs defaultValue="classes" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="classes" data-testid="tab-classes">
            {t('nav.classes')}
          </Tabs.Tab>
          <Tabs.Tab value="staff" data-testid="tab-staff">
            {t('staff.title')}
          </Tabs.Tab>
          <Tabs.Tab value="info" data-testid="tab-info">
            {t('schools.info')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="classes">
          {classes.isError && <QueryError error={classes.error} />}
          <DataTable
            testId="classes-table"
            head={[
              t('classes.name'),
              t('classes.grade'),
              t('classes.year'),
              t('classes.homeroom'),
              t('classes.size'),
            ]}
            empty={classItems.length === 0}
            loading={classes.isFetching}
            minWidth={560}
          >
            {classItems.map((c) => (
              <Table.Tr key={c.id} data-testid="class-row">
                <Table.Td>
                  <Anchor component={Link} to={`/schools/${c.schoolId}/classes/${c.id}`}>
                    {c.name}
                  </Anchor>
                  {c.isSmart && (
                    <Badge ml="xs" size="xs" color="teal" variant="light">
                      {t('classes.smart')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{c.grade}</Table.Td>
                <Table.Td>{c.schoolYearName}</Table.Td>
                <Table.Td>{c.homeroomTeacherName}</Table.Td>
                <Table.Td>{c.studentCount}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Tabs.Panel>
        <Tabs.Panel value="staff">
          {staff.isError ? (
            <QueryError error={staff.error} />
          ) : (
            <DataTable
              testId="school-staff-table"
              head={[t('staff.code'), t('common.fullName'), t('staff.category'), t('staff.position')]}
              empty={staffItems.length === 0}
              loading={staff.isFetching}
              minWidth={560}
            >
              {staffItems.map((m) => (
                <Table.Tr key={m.id} data-testid="staff-row">
                  <Table.Td>{m.staffCode}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/schools/${m.schoolId}/staff/${m.id}`}>
                      {m.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`staffCategory.${m.category}`)}</Table.Td>
                  <Table.Td>{positionLabel(t, m.position)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="info">
          <Paper withBorder p="md" radius="md">
            <InfoGrid
              items={[
                { label: t('units.kind'), value: t(`unitKind.${s.kind}`) },
                { label: t('units.code'), value: s.code },
                { label: t('units.ownership'), value: s.ownership ? t(`ownership.${s.ownership}`) : '' },
                { label: t('common.address'), value: s.address },
                { label: t('common.phone'), value: s.phone },
                { label: t('common.email'), value: s.email },
                { label: t('units.website'), value: s.website },
                {
                  label: t('units.status'),
                  value: s.active ? t('units.active') : t('units.inactive'),
                },
              ]}
            />
          </Paper>
        </Tabs.Panel>
      </Tabs>
      {canWrite && <UnitFormModal key={s.id} opened={editOpen} onClose={edit.close} unit={s} />}
    </>
  );
}
