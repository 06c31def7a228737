import { Button, Card, Group, MultiSelect, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { ClassItem, TestSummary, Unit } from '@smartedu/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { api, type Paged } from '../../lib/api';
import { isDepartment, primaryGrant, useMe } from '../auth/auth.hooks';
import { useCreateExam } from './exams.hooks';

const localInput = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** Lên lịch kỳ thi: a test of the bank, a window, and the audience (classes, or whole schools for a department). */
export function ExamCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const dept = isDepartment(me.data);
  const tests = useQuery({
    queryKey: ['exams', 'tests'],
    queryFn: () => api.get<Paged<TestSummary>>('/api/tests', { pageSize: 200 }),
  });
  const classes = useQuery({
    queryKey: ['exams', 'classes'],
    queryFn: () => api.get<Paged<ClassItem>>('/api/classes', { pageSize: 500 }),
  });
  const schools = useQuery({
    queryKey: ['exams', 'schools'],
    queryFn: () => api.get<Paged<Unit>>('/api/units', { kind: 'school', pageSize: 200 }),
    enabled: dept,
  });
  const create = useCreateExam();
  const [testId, setTestId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [classIds, setClassIds] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [opensAt, setOpensAt] = useState(() => localInput(new Date()));
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 2 * 3_600_000)));
  const [duration, setDuration] = useState<number>(45);

  const grant = me.data ? primaryGrant(me.data) : null;
  const ownerUnitId =
    grant && (dept || grant.role === 'school_admin')
      ? grant.unitId
      : (me.data?.homeUnitId ?? grant?.unitId ?? '');
  const chosenTest = tests.data?.items.find((x) => x.id === testId);

  const submit = () => {
    if (!testId) return;
    create.mutate(
      {
        testId,
        title: title || chosenTest?.title || '',
        ownerUnitId,
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        durationMinutes: duration,
        audience: { classIds, unitIds },
      },
      { onSuccess: (exam) => navigate(`/exams/${exam.id}`) },
    );
  };

  return (
    <>
      <PageHeader title={t('exams.create.title')} back={{ to: '/exams', label: t('exams.title') }} />
      <Card withBorder radius="md" maw={720}>
        <Stack>
          {(tests.isError || classes.isError) && <QueryError error={tests.error ?? classes.error} />}
          <Select
            label={t('exams.create.test')}
            searchable
            data-testid="exam-test"
            data={(tests.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.title} (${x.itemCount} ${t('exams.create.questions')}, ${x.versionCodes.length} ${t('exams.create.versions')})`,
            }))}
            value={testId}
            onChange={(v) => {
              setTestId(v);
              const test = tests.data?.items.find((x) => x.id === v);
              if (test) {
                setTitle(test.title);
                setDuration(test.durationMinutes);
              }
            }}
          />
          <TextInput
            label={t('exams.create.name')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-testid="exam-title"
          />
          <MultiSelect
            label={t('exams.create.classes')}
            searchable
            data-testid="exam-classes"
            data={(classes.data?.items ?? []).map((c) => ({
              value: c.id,
              label: dept ? `${c.name} – ${c.schoolName ?? ''}` : c.name,
            }))}
            value={classIds}
            onChange={setClassIds}
          />
          {dept && (
            <MultiSelect
              label={t('exams.create.units')}
              description={t('exams.create.unitsHelp')}
              searchable
              data-testid="exam-units"
              data={[
                ...(grant ? [{ value: grant.unitId, label: grant.unitName }] : []),
                ...(schools.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
              ]}
              value={unitIds}
              onChange={setUnitIds}
            />
          )}
          <Group grow>
            <TextInput
              type="datetime-local"
              label={t('exams.create.opensAt')}
              value={opensAt}
              onChange={(e) => setOpensAt(e.currentTarget.value)}
              data-testid="exam-opens"
            />
            <TextInput
              type="datetime-local"
              label={t('exams.create.closesAt')}
              value={closesAt}
              onChange={(e) => setClosesAt(e.currentTarget.value)}
              data-testid="exam-closes"
            />
          </Group>
          <NumberInput
            label={t('exams.create.duration')}
            min={1}
            max={600}
            value={duration}
            onChange={(v) => setDuration(Number(v) || 0)}
            data-testid="exam-duration"
          />
          {create.isError && <QueryError error={create.error} />}
          <Group justify="flex-end">
            <Button
              onClick={submit}
              loading={create.isPending}
              disabled={!testId || (classIds.length === 0 && unitIds.length === 0)}
              data-testid="exam-create-submit"
            >
              {t('exams.create.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
