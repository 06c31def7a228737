import { Badge, Button, Group, NativeSelect, Switch, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { SearchInput } from '../../components/search-input';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/list-params';
import { useCan, useMe } from '../auth/auth.hooks';
import { useSchoolOptions } from '../units/units.hooks';
import { UserFormModal } from './user-form-modal';
import { useSetUserDisabled, useUsers } from './users.hooks';

/** Tài khoản: accounts in scope, create and lock/unlock. */
export function UserListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useListParams();
  const schools = useSchoolOptions();
  const canWrite = useCan('users.write');
  const [addOpen, add] = useDisclosure(false);
  const users = useUsers({ q: values.q, unitId: values.unitId, page, pageSize });
  const setDisabled = useSetUserDisabled();
  const items = users.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          canWrite && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={add.open} data-testid="add-user">
              {t('users.add')}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchInput value={values.q ?? ''} onSearch={(q) => update({ q })} placeholder={t('users.search')} />
        {schools.options.length > 1 && (
          <NativeSelect
            label={t('users.unit')}
            value={values.unitId ?? ''}
            onChange={(e) => update({ unitId: e.currentTarget.value })}
            data={[{ value: '', label: t('list.all') }, ...schools.options]}
          />
        )}
      </FilterBar>
      {users.isError && <QueryError error={users.error} />}
      <DataTable
        testId="users-table"
        head={[
          t('auth.username'),
          t('common.fullName'),
          t('users.role'),
          t('users.lastLogin'),
          t('users.active'),
        ]}
        empty={items.length === 0}
        loading={users.isFetching}
      >
        {items.map((u) => (
          <Table.Tr key={u.id} data-testid="user-row">
            <Table.Td>
              <Text size="sm" ff="monospace">
                {u.username}
              </Text>
            </Table.Td>
            <Table.Td>{u.fullName}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {u.roles.map((r) => (
                  <Badge key={`${r.role}-${r.unitId}`} size="sm" variant="light" title={r.unitName}>
                    {t(`roles.${r.role}`)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '—'}</Table.Td>
            <Table.Td>
              <Switch
                checked={!u.disabled}
                disabled={!canWrite || u.id === me.data?.id || setDisabled.isPending}
                onChange={(e) =>
                  setDisabled.mutate(
                    { id: u.id, disabled: !e.currentTarget.checked },
                    { onError: (err) => notifyError(err) },
                  )
                }
                aria-label={t('users.active')}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListPagination
        total={users.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />
      {canWrite && <UserFormModal opened={addOpen} onClose={add.close} />}
    </>
  );
}
