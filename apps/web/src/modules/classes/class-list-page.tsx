import { Anchor, Badge, Button, NativeSelect, Switch, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ExportButton } from '../../components/export-button';
import { FilterBar } from '../../components/filter-bar';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { SearchInput } from '../../components/search-input';
import { useListParams } from '../../lib/list-params';
import { rolesOf, useCan, useMe } from '../auth/auth.hooks';
import { useSchoolYears } from '../reference/reference.hooks';
import { useSchoolOptions } from '../units/units.hooks';
import { ClassFormModal } from './class-form-modal';
import { useClasses } from './classes.hooks';

const GRADES = Array.from({ length: 12 }, (_, i) => String(i + 1));

/** Danh sách lớp; with ?mine=1 only the teacher's homeroom classes (Lớp của tôi). */
export function ClassListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useListParams();
  const schools = useSchoolOptions();
  const years = useSchoolYears();
  const canWrite = useCan('classes.write');
  const [createOpen, create] = useDisclosure(false);
  const mine = values.mine === '1' && Boolean(me.data?.staffId);
  const isTeacher = rolesOf(me.data).includes('teacher');
  const multiSchool = schools.options.length > 1;

  const filters = {
    q: values.q,
    schoolId: values.schoolId,
    schoolYearId: values.schoolYearId,
    grade: values.grade,
    smart: values.smart,
  };
  // 'Mine' filters homeroom classes on the client, so it reads the whole (already scoped) list.
  const classes = useClasses(mine ? { ...filters, pageSize: 500 } : { ...filters, page, pageSize });
  const all = classes.data?.items ?? [];
  const items = mine ? all.filter((c) => c.homeroomTeacherId === me.data?.staffId) : all;
  const createSchoolId =
    values.schoolId ?? (schools.options.length === 1 ? schools.options[0].value : undefined);

  return (
    <>
      <PageHeader
        title={mine ? t('nav.myClasses') : t('classes.title')}
        actions={
          <>
            <ExportButton kind="classes" filters={filters} />
            {canWrite && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={create.open}
                disabled={!createSchoolId}
                title={createSchoolId ? undefined : t('classes.chooseSchoolFirst')}
                data-testid="add-class"
              >
                {t('classes.add')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchInput
          value={values.q ?? ''}
          onSearch={(q) => update({ q })}
          placeholder={t('classes.search')}
        />
        {multiSchool && (
          <NativeSelect
            label={t('common.school')}
            value={values.schoolId ?? ''}
            onChange={(e) => update({ schoolId: e.currentTarget.value })}
            data={[{ value: '', label: t('list.all') }, ...schools.options]}
            data-testid="filter-school"
          />
        )}
        <NativeSelect
          label={t('classes.year')}
          value={values.schoolYearId ?? ''}
          onChange={(e) => update({ schoolYearId: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            ...(years.data ?? []).map((y) => ({ value: y.id, label: y.name })),
          ]}
          data-testid="filter-year"
        />
        <NativeSelect
          label={t('classes.grade')}
          value={values.grade ?? ''}
          onChange={(e) => update({ grade: e.currentTarget.value })}
          data={[{ value: '', label: t('list.all') }, ...GRADES.map((g) => ({ value: g, label: g }))]}
          data-testid="filter-grade"
        />
        <NativeSelect
          label={t('classes.smart')}
          value={values.smart ?? ''}
          onChange={(e) => update({ smart: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            { value: 'true', label: t('classes.smartOnly') },
            { value: 'false', label: t('classes.notSmart') },
          ]}
          data-testid="filter-smart"
        />
        {isTeacher && (
          <Switch
            label={t('classes.onlyMine')}
            checked={mine}
            onChange={(e) => update({ mine: e.currentTarget.checked ? '1' : null })}
            mb={8}
            data-testid="filter-mine"
          />
        )}
      </FilterBar>
      {classes.isError && <QueryError error={classes.error} />}
      <DataTable
        testId="classes-table"
        head={[
          t('classes.name'),
          t('classes.grade'),
          ...(multiSchool ? [t('common.school')] : []),
          t('classes.year'),
          t('classes.homeroom'),
          t('classes.room'),
          t('classes.size'),
        ]}
        empty={items.length === 0}
        loading={classes.isFetching}
      >
        {items.map((c) => (
          <Table.Tr key={c.id} data-testid="class-row">
            <Table.Td>
              <Anchor component={Link} to={`/schools/${c.schoolId}/classes/${c.id}`} fw={600}>
                {c.name}
              </Anchor>
              {c.isSmart && (
                <Badge ml="xs" size="xs" color="teal" variant="light">
                  {t('classes.smart')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{c.grade}</Table.Td>
            {multiSchool && <Table.Td>{c.schoolName}</Table.Td>}
            <Table.Td>{c.schoolYearName}</Table.Td>
            <Table.Td>
              {c.homeroomTeacherName}
              {mine || c.homeroomTeacherId !== me.data?.staffId ? null : (
                <Badge ml="xs" size="xs" variant="light">
                  {t('classes.you')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{c.room}</Table.Td>
            <Table.Td>{c.studentCount}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {mine ? null : (
        <ListPagination
          total={classes.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onChange={(p) => update({ page: p })}
        />
      )}
      {canWrite && createSchoolId && (
        <ClassFormModal
          key={createSchoolId}
          opened={createOpen}
          onClose={create.close}
          schoolId={createSchoolId}
        />
      )}
    </>
  );
}
