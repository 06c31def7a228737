import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { StatSubmission } from '@smartedu/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { isDepartment, useCan, useMe } from '../auth/auth.hooks';
import { useSubmission, useSubmissionActions } from './statistics.hooks';
import { STATUS_COLOR } from './statistics-format';

type Values = Record<string, number | null>;

/** Field messages of a refused save or submission (`details.fields` of the server's error). */
function fieldMessages(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields =
    (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
  return Object.fromEntries(fields.map((f) => [f.field, f.message]));
}

/** The school's own fields of a submission (the rest is counted from the registry). */
function ownValues(data: StatSubmission): Values {
  const out: Values = {};
  for (const s of data.definition.sections)
    for (const r of s.rows)
      for (const c of s.columns)
        if (c.source === 'school')
          out[`${s.key}.${r.key}.${c.key}`] = data.values[`${s.key}.${r.key}.${c.key}`] ?? null;
  return out;
}

/** A school's report: registry figures (read-only, counted by the server), its own figures, submit and review. */
export function SubmissionPage() {
  const { t } = useTranslation();
  const { periodId, schoolId } = useParams();
  const submission = useSubmission(schoolId, periodId);
  if (submission.error) return <QueryError error={submission.error} />;
  if (!submission.data || !schoolId || !periodId) return <PageLoader />;
  return (
    <SubmissionForm
      key={`${schoolId}:${periodId}`}
      data={submission.data}
      schoolId={schoolId}
      periodId={periodId}
      t={t}
    />
  );
}

function SubmissionForm({
  data,
  schoolId,
  periodId,
  t,
}: {
  data: StatSubmission;
  schoolId: string;
  periodId: string;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  const me = useMe().data;
  const department = isDepartment(me);
  const canManage = useCan('operations.manage');
  const actions = useSubmissionActions(schoolId, periodId);
  const [own, setOwn] = useState<Values>(() => ownValues(data));
  const [comment, setComment] = useState('');
  // After a save, submit or review the server's values replace the form's.
  useEffect(() => setOwn(ownValues(data)), [data]);
  const editable = canManage && !department && data.school.status !== 'accepted';
  const reviewable = canManage && department && data.school.status === 'submitted';
  const error = actions.submit.error ?? actions.save.error ?? actions.review.error;
  const messages = fieldMessages(error);
  const s = data.school;
  return (
    <Stack data-testid="statistics-submission">
      <PageHeader
        title={`${s.schoolName} — ${data.period.label}`}
        subtitle={`${data.period.title} · ${t('statistics.deadline')}: ${data.period.deadlineText}`}
        back={{
          to: department ? `/statistics/periods/${periodId}` : '/statistics',
          label: t('statistics.title'),
        }}
      />
      <Group gap="xs">
        <Badge color={STATUS_COLOR[s.status]} data-testid="submission-status">
          {t(`statistics.statuses.${s.status}`)}
        </Badge>
        {s.late && <Badge color="orange">{t('statistics.late')}</Badge>}
        {s.overdue && <Badge color="red">{t('statistics.overdue')}</Badge>}
        {s.submittedAt && (
          <Text size="sm" c="dimmed">
            {t('statistics.submittedAt')}: {formatDateTime(s.submittedAt)}
          </Text>
        )}
      </Group>
      {s.reviewComment && (
        <Alert color={s.status === 'returned' ? 'orange' : 'green'} title={t('statistics.comment')}>
          {s.reviewComment}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('statistics.registryHint')}
      </Text>
      {data.definition.sections.map((section) => (
        <Paper key={section.key} withBorder p="sm">
          <Title order={4} size="h5" mb="xs">
            {section.title}
          </Title>
          <ScrollArea>
            <Table withColumnBorders striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {section.columns.map((c) => (
                    <Table.Th key={c.key}>{c.label}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {section.rows.map((row) => (
                  <Table.Tr key={row.key} fw={row.key === 'total' ? 700 : undefined}>
                    <Table.Td>{row.label}</Table.Td>
                    {section.columns.map((c) => {
                      const key = `${section.key}.${row.key}.${c.key}`;
                      if (c.source === 'registry')
                        return (
                          <Table.Td key={c.key} data-field={key} ta="right">
                            {data.values[key] ?? '—'}
                          </Table.Td>
                        );
                      return (
                        <Table.Td key={c.key} miw={140}>
                          <NumberInput
                            size="xs"
                            min={0}
                            allowDecimal={false}
                            value={own[key] ?? ''}
                            disabled={!editable}
                            error={messages[key]}
                            aria-label={`${section.title} — ${row.label} — ${c.label}`}
                            data-field={key}
                            onChange={(v) => setOwn((o) => ({ ...o, [key]: v === '' ? null : Number(v) }))}
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      ))}
      {error && <QueryError error={error} />}
      {Object.keys(messages).length > 1 && (
        <Alert color="red" data-testid="field-errors">
          {Object.values(messages).map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Alert>
      )}
      {editable && (
        <Group>
          <Button variant="default" loading={actions.save.isPending} onClick={() => actions.save.mutate(own)}>
            {t('statistics.saveDraft')}
          </Button>
          <Button
            loading={actions.submit.isPending}
            onClick={() => actions.submit.mutate(own)}
            data-testid="submit-report"
          >
            {t('statistics.submit')}
          </Button>
        </Group>
      )}
      {reviewable && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Textarea
              label={t('statistics.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Group>
              <Button
                color="green"
                onClick={() => actions.review.mutate({ decision: 'accept', comment })}
                data-testid="accept-report"
              >
                {t('statistics.accept')}
              </Button>
              <Button
                color="orange"
                variant="light"
                onClick={() => actions.review.mutate({ decision: 'return', comment })}
              >
                {t('statistics.return')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
