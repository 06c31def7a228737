import { Anchor, Badge, Button, Modal, NativeSelect, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ExportButton } from '../../components/export-button';
import { FilterBar } from '../../components/filter-bar';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { SearchInput } from '../../components/search-input';
import { formatDate } from '../../lib/format';
import { useListParams } from '../../lib/list-params';
import { useCan } from '../auth/auth.hooks';
import { useClassOptions } from '../classes/classes.hooks';
import { useEthnicities } from '../reference/reference.hooks';
import { useSchoolOptions } from '../units/units.hooks';
import { StudentEditForm } from './student-edit-form';
import { useStudents } from './students.hooks';

export const STUDENT_STATUSES = ['studying', 'transferred_out', 'graduated', 'dropped_out'] as const;

/** Danh sách học sinh: search, filters, pagination, export. */
export function StudentListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { values, page, pageSize, update } = useListParams();
  const schools = useSchoolOptions();
  const singleSchool = schools.options.length === 1 ? schools.options[0].value : undefined;
  const schoolId = values.schoolId ?? singleSchool;
  const classes = useClassOptions(schoolId);
  const ethnicities = useEthnicities();
  const canWrite = useCan('students.write');
  const [addOpen, add] = useDisclosure(false);

  const filters = {
    q: values.q,
    schoolId: values.schoolId,
    classId: values.classId,
    gender: values.gender,
    ethnicityCode: values.ethnicityCode,
    status: values.status,
  };
  const students = useStudents({ ...filters, page, pageSize });
  const items = students.data?.items ?? [];
  const multiSchool = schools.options.length > 1;

  return (
    <>
      <PageHeader
        title={t('students.title')}
        actions={
          <>
            <ExportButton kind="students" filters={filters} />
            {canWrite && (
              <Button
                leftSection={<IconUserPlus size={16} />}
                onClick={add.open}
                disabled={!schoolId}
                title={schoolId ? undefined : t('classes.chooseSchoolFirst')}
                data-testid="add-student"
              >
                {t('students.add')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchInput
          value={values.q ?? ''}
          onSearch={(q) => update({ q })}
          placeholder={t('students.search')}
          testId="students-search"
        />
        {multiSchool && (
          <NativeSelect
            label={t('common.school')}
            value={values.schoolId ?? ''}
            onChange={(e) => update({ schoolId: e.currentTarget.value, classId: null })}
            data={[{ value: '', label: t('list.all') }, ...schools.options]}
            data-testid="filter-school"
          />
        )}
        <NativeSelect
          label={t('common.class')}
          value={values.classId ?? ''}
          onChange={(e) => update({ classId: e.currentTarget.value })}
          data={[
            { value: '', label: schoolId ? t('list.all') : t('classes.chooseSchoolFirst') },
            ...classes.options,
          ]}
          disabled={!schoolId}
          data-testid="filter-class"
        />
        <NativeSelect
          label={t('common.gender')}
          value={values.gender ?? ''}
          onChange={(e) => update({ gender: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            { value: 'M', label: t('gender.M') },
            { value: 'F', label: t('gender.F') },
          ]}
          data-testid="filter-gender"
        />
        <NativeSelect
          label={t('common.ethnicity')}
          value={values.ethnicityCode ?? ''}
          onChange={(e) => update({ ethnicityCode: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            ...(ethnicities.data ?? []).map((e) => ({ value: e.code, label: e.name })),
          ]}
          data-testid="filter-ethnicity"
        />
        <NativeSelect
          label={t('common.status')}
          value={values.status ?? ''}
          onChange={(e) => update({ status: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            ...STUDENT_STATUSES.map((s) => ({ value: s, label: t(`studentStatus.${s}`) })),
          ]}
          data-testid="filter-status"
        />
      </FilterBar>
      {students.isError && <QueryError error={students.error} />}
      <DataTable
        testId="students-table"
        head={[
          t('common.fullName'),
          t('students.sectorId'),
          t('common.birthDate'),
          t('common.gender'),
          t('common.ethnicity'),
          t('common.class'),
          ...(multiSchool ? [t('common.school')] : []),
          t('common.status'),
        ]}
        empty={items.length === 0}
        loading={students.isFetching}
      >
        {items.map((s) => (
          <Table.Tr key={s.id} data-testid="student-row">
            <Table.Td>
              <Anchor component={Link} to={`/schools/${s.schoolId}/students/${s.id}`} fw={500}>
                {s.fullName}
              </Anchor>
            </Table.Td>
            <Table.Td>{s.sectorId}</Table.Td>
            <Table.Td>{formatDate(s.birthDate)}</Table.Td>
            <Table.Td>{t(`gender.${s.gender}`)}</Table.Td>
            <Table.Td>{s.ethnicityName ?? s.ethnicityCode}</Table.Td>
            <Table.Td>
              {s.currentClassId ? (
                <Anchor component={Link} to={`/schools/${s.schoolId}/classes/${s.currentClassId}`}>
                  {s.currentClassName}
                </Anchor>
              ) : (
                '—'
              )}
            </Table.Td>
            {multiSchool && <Table.Td>{s.schoolName}</Table.Td>}
            <Table.Td>
              <Badge size="sm" variant="light" color={s.status === 'studying' ? 'green' : 'gray'}>
                {t(`studentStatus.${s.status}`, { defaultValue: s.status })}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListPagination
        total={students.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />
      <Modal opened={addOpen} onClose={add.close} title={t('students.add')} size="lg">
        {addOpen && schoolId && (
          <StudentEditForm
            schoolId={schoolId}
            classId={values.classId}
            onDone={(s) => {
              add.close();
              void navigate(`/schools/${s.schoolId}/students/${s.id}`);
            }}
            onCancel={add.close}
          />
        )}
      </Modal>
    </>
  );
}
