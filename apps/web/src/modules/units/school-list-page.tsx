import { Anchor, Badge, NativeSelect, Table } from '@mantine/core';
import { SchoolLevel } from '@smartedu/contracts';
import { useMemo } from 'react';
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
import { type UnitNode, useUnits, useUnitTree } from './units.hooks';

function districtsOf(nodes: UnitNode[], out: UnitNode[] = []): UnitNode[] {
  for (const n of nodes) {
    if (n.kind === 'district_department' || n.kind === 'province_department') out.push(n);
    districtsOf(n.children, out);
  }
  return out;
}

/** Danh sách trường học in the caller's scope. */
export function SchoolListPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, update } = useListParams();
  const filters = { kind: 'school', q: values.q, level: values.level, parentId: values.parentId };
  const schools = useUnits({ ...filters, page, pageSize });
  const tree = useUnitTree();
  const departments = useMemo(() => districtsOf(tree.data ?? []), [tree.data]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const items = schools.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('schools.title')} actions={<ExportButton kind="schools" filters={filters} />} />
      <FilterBar>
        <SearchInput
          value={values.q ?? ''}
          onSearch={(q) => update({ q })}
          placeholder={t('schools.search')}
        />
        <NativeSelect
          label={t('units.level')}
          value={values.level ?? ''}
          onChange={(e) => update({ level: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            ...SchoolLevel.options.map((l) => ({ value: l, label: t(`schoolLevel.${l}`) })),
          ]}
          data-testid="filter-level"
        />
        {departments.length > 1 && (
          <NativeSelect
            label={t('units.parent')}
            value={values.parentId ?? ''}
            onChange={(e) => update({ parentId: e.currentTarget.value })}
            data={[
              { value: '', label: t('list.all') },
              ...departments.map((d) => ({ value: d.id, label: d.name })),
            ]}
            data-testid="filter-parent"
          />
        )}
      </FilterBar>
      {schools.isError && <QueryError error={schools.error} />}
      <DataTable
        testId="schools-table"
        head={[t('units.code'), t('units.name'), t('units.level'), t('units.parent'), t('common.phone')]}
        empty={items.length === 0}
        loading={schools.isFetching}
      >
        {items.map((s) => (
          <Table.Tr key={s.id} data-testid="school-row">
            <Table.Td>{s.code}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/schools/${s.id}`}>
                {s.name}
              </Anchor>
              {!s.active && (
                <Badge ml="xs" size="xs" color="gray">
                  {t('units.inactive')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{s.schoolLevel ? t(`schoolLevel.${s.schoolLevel}`) : ''}</Table.Td>
            <Table.Td>{(s.parentId && deptName.get(s.parentId)) ?? ''}</Table.Td>
            <Table.Td>{s.phone}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListPagination
        total={schools.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />
    </>
  );
}
