import { ActionIcon, Badge, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { ExportButton } from '../../components/export-button';
import { FilterBar } from '../../components/filter-bar';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { dayBoundary, formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/list-params';
import { useSchoolOptions } from '../units/units.hooks';
import { useAuditLog } from './audit.hooks';
import { AuditDiff } from './audit-diff';

const ENTITIES = [
  'session',
  'user',
  'api_token',
  'unit',
  'class',
  'student',
  'guardian',
  'staff',
  'teaching_assignment',
  'import',
] as const;

const ACTION_COLOR: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'gray',
  import: 'grape',
};

/** Nhật ký hệ thống: who did what, when, with the before/after of each change. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, update } = useListParams(50);
  const schools = useSchoolOptions();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const filters = {
    unitId: values.unitId,
    entity: values.entity,
    entityId: values.entityId,
    actorUserId: values.actorUserId,
    from: values.from ? dayBoundary(values.from, 'start') : undefined,
    to: values.to ? dayBoundary(values.to, 'end') : undefined,
  };
  const log = useAuditLog({ ...filters, page, pageSize });
  const items = log.data?.items ?? [];
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader title={t('audit.title')} actions={<ExportButton kind="audit" filters={filters} />} />
      <FilterBar>
        {schools.options.length > 1 && (
          <NativeSelect
            label={t('audit.unit')}
            value={values.unitId ?? ''}
            onChange={(e) => update({ unitId: e.currentTarget.value })}
            data={[{ value: '', label: t('list.all') }, ...schools.options]}
            data-testid="filter-unit"
          />
        )}
        <NativeSelect
          label={t('audit.entity')}
          value={values.entity ?? ''}
          onChange={(e) => update({ entity: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            ...ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) })),
          ]}
          data-testid="filter-entity"
        />
        <TextInput
          type="date"
          label={t('audit.from')}
          value={values.from ?? ''}
          onChange={(e) => update({ from: e.currentTarget.value })}
          data-testid="filter-from"
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={values.to ?? ''}
          onChange={(e) => update({ to: e.currentTarget.value })}
          data-testid="filter-to"
        />
        {values.entityId && (
          <TextInput
            label={t('audit.entityId')}
            value={values.entityId}
            onChange={(e) => update({ entityId: e.currentTarget.value })}
          />
        )}
      </FilterBar>
      {log.isError && <QueryError error={log.error} />}
      <DataTable
        testId="audit-table"
        head={[
          '',
          t('audit.time'),
          t('audit.actor'),
          t('audit.action'),
          t('audit.entity'),
          t('audit.entityId'),
          'IP',
        ]}
        empty={items.length === 0}
        loading={log.isFetching}
        minWidth={760}
      >
        {items.map((e) => {
          const expanded = open.has(e.id);
          const hasDetail = e.before !== null || e.after !== null;
          return (
            <Fragment key={e.id}>
              <Table.Tr data-testid="audit-row">
                <Table.Td w={40}>
                  {hasDetail && (
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      onClick={() => toggle(e.id)}
                      aria-expanded={expanded}
                      aria-label={t('audit.showChanges')}
                      data-testid="audit-expand"
                    >
                      {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>{e.actorName ?? t('audit.system')}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={ACTION_COLOR[e.action] ?? 'gray'}>
                    {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}</Table.Td>
                <Table.Td>
                  {e.entityId && (
                    <Text
                      size="xs"
                      ff="monospace"
                      c="blue"
                      style={{ cursor: 'pointer' }}
                      component="button"
                      type="button"
                      bd={0}
                      bg="transparent"
                      onClick={() => update({ entityId: e.entityId })}
                      title={t('audit.filterByEntity')}
                    >
                      {e.entityId.slice(0, 8)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {e.ip}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {expanded && (
                <Table.Tr>
                  <Table.Td colSpan={7} bg="gray.0">
                    <AuditDiff before={e.before} after={e.after} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </DataTable>
      <ListPagination
        total={log.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />
    </>
  );
}
