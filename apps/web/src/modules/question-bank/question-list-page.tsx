import { Anchor, Badge, Button, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
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
import { MathText } from './math-text';
import { exportUrl, useQuestions } from './question-bank.hooks';
import { GRADES, LEVEL_COLORS, LEVELS, QuestionBankNav, STATUS_COLORS, TYPES, vn } from './question-bank-nav';

const FILTERS = ['subjectCode', 'grade', 'topic', 'level', 'type', 'status', 'scope', 'q', 'mine'] as const;

/** Ngân hàng câu hỏi: browse with filters, open a question, export to QTI. */
export function QuestionListPage({ reviewQueue = false }: { reviewQueue?: boolean }) {
  const { t } = useTranslation();
  const { values, page, pageSize, update } = useListParams();
  const subjects = useSubjects();
  const canWrite = useCan('questions.write');
  const filters = Object.fromEntries(FILTERS.map((k) => [k, values[k]]));
  const query = {
    ...filters,
    ...(reviewQueue ? { reviewable: 'true', status: 'pending_review' } : {}),
    page,
    pageSize,
  };
  const list = useQuestions(query);
  const items = list.data?.items ?? [];
  const subjectName = new Map((subjects.data ?? []).map((s) => [s.code, s.name]));
  const select = (key: string, label: string, data: { value: string; label: string }[]) => (
    <NativeSelect
      label={label}
      value={values[key] ?? ''}
      onChange={(e) => update({ [key]: e.currentTarget.value })}
      data={[{ value: '', label: t('list.all') }, ...data]}
      data-testid={`qb-filter-${key}`}
    />
  );
  return (
    <>
      <PageHeader
        title={reviewQueue ? t('questionBank.reviewTitle') : t('questionBank.title')}
        subtitle={t('questionBank.subtitle')}
        actions={
          <>
            {!reviewQueue && (
              <Button
                component="a"
                href={exportUrl(filters)}
                variant="default"
                leftSection={<IconDownload size={16} />}
                data-testid="qb-export"
              >
                {t('questionBank.exportQti')}
              </Button>
            )}
            {canWrite && (
              <Button
                component={Link}
                to="/question-bank/new"
                leftSection={<IconPlus size={16} />}
                data-testid="qb-new"
              >
                {t('questionBank.new')}
              </Button>
            )}
          </>
        }
      />
      <QuestionBankNav />
      <FilterBar>
        <SearchInput
          value={values.q ?? ''}
          onSearch={(q) => update({ q })}
          placeholder={t('questionBank.search')}
        />
        {select(
          'subjectCode',
          t('questionBank.subject'),
          (subjects.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.level})` })),
        )}
        {select(
          'grade',
          t('questionBank.grade'),
          GRADES.map((g) => ({ value: g, label: g })),
        )}
        <TextInput
          label={t('questionBank.topic')}
          defaultValue={values.topic ?? ''}
          onBlur={(e) => update({ topic: e.currentTarget.value.trim() })}
          data-testid="qb-filter-topic"
        />
        {select(
          'level',
          t('questionBank.level'),
          LEVELS.map((l) => ({ value: l, label: t(`questionBank.levels.${l}`) })),
        )}
        {select(
          'type',
          t('questionBank.type'),
          TYPES.map((x) => ({ value: x, label: t(`questionBank.types.${x}`) })),
        )}
        {!reviewQueue &&
          select(
            'status',
            t('questionBank.status'),
            ['draft', 'pending_review', 'approved', 'rejected'].map((s) => ({
              value: s,
              label: t(`questionBank.statuses.${s}`),
            })),
          )}
        {select(
          'scope',
          t('questionBank.scope'),
          ['own', 'school', 'department'].map((s) => ({ value: s, label: t(`questionBank.scopes.${s}`) })),
        )}
      </FilterBar>
      {list.isError && <QueryError error={list.error} />}
      <DataTable
        testId="qb-table"
        head={[
          t('questionBank.stem'),
          t('questionBank.subject'),
          t('questionBank.topic'),
          t('questionBank.level'),
          t('questionBank.type'),
          t('questionBank.points'),
          t('questionBank.status'),
        ]}
        empty={items.length === 0}
        loading={list.isFetching}
        minWidth={900}
      >
        {items.map((q) => (
          <Table.Tr key={q.id} data-testid="qb-row">
            <Table.Td maw={420}>
              <Anchor
                component={Link}
                to={`/question-bank/${q.schoolId}/${q.id}`}
                c="inherit"
                underline="hover"
              >
                <Text size="sm" lineClamp={3} component="div">
                  <MathText text={q.body.content.stem} />
                </Text>
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{subjectName.get(q.subjectCode) ?? q.subjectCode}</Text>
              <Text size="xs" c="dimmed">
                {t('questionBank.gradeN', { grade: q.grade })}
              </Text>
            </Table.Td>
            <Table.Td>{q.topic}</Table.Td>
            <Table.Td>
              <Badge color={LEVEL_COLORS[q.level]} variant="light">
                {q.level}
              </Badge>
            </Table.Td>
            <Table.Td>{t(`questionBank.types.${q.type}`)}</Table.Td>
            <Table.Td>{vn(q.points)}</Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLORS[q.status]} variant="light">
                {t(`questionBank.statuses.${q.status}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {t(`questionBank.scopes.${q.scope}`)}
              </Text>
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
