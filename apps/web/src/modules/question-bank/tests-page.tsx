import { Anchor, Badge, Button, NativeSelect, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { SearchInput } from '../../components/search-input';
import { useListParams } from '../../lib/list-params';
import { useCan } from '../auth/auth.hooks';
import { useSubjects } from '../reference/reference.hooks';
import { useTests } from './question-bank.hooks';
import { GRADES, QuestionBankNav, vn } from './question-bank-nav';

/** Đề kiểm tra: hand-built or drawn from a blueprint; versions and paper copies. */
export function TestsPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, update } = useListParams();
  const subjects = useSubjects();
  const canWrite = useCan('tests.write');
  const list = useTests({
    q: values.q,
    subjectCode: values.subjectCode,
    grade: values.grade,
    status: values.status,
    page,
    pageSize,
  });
  const items = list.data?.items ?? [];
  const subjectName = new Map((subjects.data ?? []).map((s) => [s.code, s.name]));
  return (
    <>
      <PageHeader
        title={t('questionBank.tests.title')}
        actions={
          canWrite && (
            <Button
              component={Link}
              to="/question-bank/tests/new"
              leftSection={<IconPlus size={16} />}
              data-testid="test-create"
            >
              {t('questionBank.tests.create')}
            </Button>
          )
        }
      />
      <QuestionBankNav />
      <FilterBar>
        <SearchInput
          value={values.q ?? ''}
          onSearch={(q) => update({ q })}
          placeholder={t('questionBank.tests.search')}
        />
        <NativeSelect
          label={t('questionBank.subject')}
          value={values.subjectCode ?? ''}
          onChange={(e) => update({ subjectCode: e.currentTarget.value })}
          data={[
            { value: '', label: t('list.all') },
            ...(subjects.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.level})` })),
          ]}
        />
        <NativeSelect
          label={t('questionBank.grade')}
          value={values.grade ?? ''}
          onChange={(e) => update({ grade: e.currentTarget.value })}
          data={[{ value: '', label: t('list.all') }, ...GRADES]}
        />
      </FilterBar>
      {list.isError && <QueryError error={list.error} />}
      <DataTable
        testId="tests-table"
        head={[
          t('questionBank.tests.name'),
          t('questionBank.subject'),
          t('questionBank.tests.items'),
          t('questionBank.tests.total'),
          t('questionBank.tests.versions'),
          t('questionBank.status'),
        ]}
        empty={items.length === 0}
        loading={list.isFetching}
      >
        {items.map((x) => (
          <Table.Tr key={x.id} data-testid="test-row">
            <Table.Td>
              <Anchor component={Link} to={`/question-bank/tests/${x.schoolId}/${x.id}`} fw={500}>
                {x.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {x.schoolName} · {t(`questionBank.scopes.${x.scope}`)} ·{' '}
                {x.fromBlueprint ? t('questionBank.tests.fromMatrix') : t('questionBank.tests.byHand')}
              </Text>
            </Table.Td>
            <Table.Td>
              {subjectName.get(x.subjectCode) ?? x.subjectCode} ·{' '}
              {t('questionBank.gradeN', { grade: x.grade })}
            </Table.Td>
            <Table.Td>{x.itemCount}</Table.Td>
            <Table.Td>{vn(x.totalPoints)}</Table.Td>
            <Table.Td>{x.versionCodes.join(', ')}</Table.Td>
            <Table.Td>
              <Badge
                variant="light"
                color={x.status === 'ready' ? 'green' : x.status === 'archived' ? 'gray' : 'yellow'}
              >
                {t(`questionBank.tests.statuses.${x.status}`)}
              </Badge>
              {x.lockedUntil && new Date(x.lockedUntil) > new Date() && (
                <Badge ml={4} variant="light" color="red">
                  {t('questionBank.tests.locked')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ListPagination
        total={list.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onChange={(p) => update({ page: p })}
      />
    </>
  );
}
