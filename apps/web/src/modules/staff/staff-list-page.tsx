import { Anchor, Badge, Button, Modal, NativeSelect, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { StaffCategory } from '@smartedu/contracts';
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
import { useListParams } from '../../lib/list-params';
import { useCan } from '../auth/auth.hooks';
import { useSchoolOptions } from '../units/units.hooks';
import { useStaffList } from './staff.hooks';
import { StaffEditForm } from './staff-edit-form';
import { positionLabel } from './staff-positions';

/** Danh sách cán bộ, giáo viên, nhân viên. */
export function StaffListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { values, page, pageSize, update } = useListParams();
  const schools = useSchoolOptions();
  const multiSchool = schools.options.length > 1;
  const schoolId = values.schoolId ?? (multiSchool ? undefined : schools.options[0]?.value);
  const canWrite = useCan('staff.write');
  const [addOpen, add] = useDisclosure(false);
  const filters = { q: values.q, schoolId: values.schoolId, category: values.category };
  const staff = useStaffList({ ...filters, page, pageSize });
  const items = staff.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('staff.title')}
        actions={
          <>
            <ExportButton kind="staff" filters={filters} />
            {canWrite && (
              <Button
                leftSection={<IconUserPlus size={16} />}
                onClick={add.open}
                disabled={!schoolId}
                data-testid="add-staff"
              >
                {t('staff.add')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchInput value={values.q ?? ''} onSearch={(q) => update({ q })} placeholder={t('staff.search')} />
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
          label={t('staff.category')}
          value={values.category ?? ''}
          onChange={(e) => update({ category: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            ...StaffCategory.options.map((c) => ({ value: c, label: t(`staffCategory.${c}`) })),
          ]}
          data-testid="filter-category"
        />
      </FilterBar>
      {staff.isError && <QueryError error={staff.error} />}
      <DataTable
        testId="staff-table"
        head={[
          t('staff.code'),
          t('common.fullName'),
          t('staff.category'),
          t('staff.position'),
          ...(multiSchool ? [t('common.school')] : []),
          t('common.phone'),
          t('common.status'),
        ]}
        empty={items.length === 0}
        loading={staff.isFetching}
      >
        {items.map((m) => (
          <Table.Tr key={m.id} data-testid="staff-row">
            <Table.Td>{m.staffCode}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/schools/${m.schoolId}/staff/${m.id}`} fw={500}>
                {m.fullName}
              </Anchor>
            </Table.Td>
            <Table.Td>{t(`staffCategory.${m.category}`)}</Table.Td>
            <Table.Td>{positionLabel(t, m.position)}</Table.Td>
            {multiSchool && <Table.Td>{m.schoolName}</Table.Td>}
            <Table.Td>{m.phone}</Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={m.status === 'working' ? 'green' : 'gray'}>
                {t(`staffStatus.${m.status}`, { defaultValue: m.status })}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListPagination
        total={staff.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />
      <Modal opened={addOpen} onClose={add.close} title={t('staff.add')} size="lg">
        {addOpen && schoolId && (
          <StaffEditForm
            schoolId={schoolId}
            onDone={(m) => {
              add.close();
              void navigate(`/schools/${m.schoolId}/staff/${m.id}`);
            }}
            onCancel={add.close}
          />
        )}
      </Modal>
    </>
  );
}
