import { Anchor, NativeSelect, Table, Text } from '@mantine/core';
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
import { useSchoolOptions } from '../units/units.hooks';
import { useGuardians } from './guardians.hooks';

/** Danh sách cha mẹ học sinh. */
export function GuardianListPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, update } = useListParams();
  const schools = useSchoolOptions();
  const filters = { q: values.q, schoolId: values.schoolId, studentId: values.studentId };
  const guardians = useGuardians({ ...filters, page, pageSize });
  const items = guardians.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('guardians.title')}
        subtitle={t('guardians.addHint')}
        actions={<ExportButton kind="guardians" filters={filters} />}
      />
      <FilterBar>
        <SearchInput
          value={values.q ?? ''}
          onSearch={(q) => update({ q })}
          placeholder={t('guardians.search')}
        />
        {schools.options.length > 1 && (
          <NativeSelect
            label={t('common.school')}
            value={values.schoolId ?? ''}
            onChange={(e) => update({ schoolId: e.currentTarget.value })}
            data={[{ value: '', label: t('list.all') }, ...schools.options]}
            data-testid="filter-school"
          />
        )}
      </FilterBar>
      {guardians.isError && <QueryError error={guardians.error} />}
      <DataTable
        testId="guardians-table"
        head={[t('common.fullName'), t('common.phone'), t('guardians.children'), t('guardians.occupation')]}
        empty={items.length === 0}
        loading={guardians.isFetching}
        minWidth={620}
      >
        {items.map((g) => (
          <Table.Tr key={g.id} data-testid="guardian-row">
            <Table.Td>
              <Anchor component={Link} to={`/schools/${g.schoolId}/guardians/${g.id}`} fw={500}>
                {g.fullName}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Anchor href={`tel:${g.phone}`}>{g.phone}</Anchor>
            </Table.Td>
            <Table.Td>
              {g.children.map((c) => (
                <Text key={c.studentId} size="sm">
                  <Anchor component={Link} to={`/schools/${g.schoolId}/students/${c.studentId}`}>
                    {c.fullName}
                  </Anchor>{' '}
                  <Text span c="dimmed" size="xs">
                    ({t(`relationship.${c.relationship}`, { defaultValue: c.relationship })}
                    {c.className ? ` · ${c.className}` : ''})
                  </Text>
                </Text>
              ))}
            </Table.Td>
            <Table.Td>{g.occupation}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListPagination
        total={guardians.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />
    </>
  );
}
