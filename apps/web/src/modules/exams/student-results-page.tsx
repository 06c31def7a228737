import { Anchor, Badge, Card, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { Student } from '@smartedu/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { api, type Paged } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { fmt, pct } from './exam-labels';
import { useStudentResults } from './exams.hooks';
import { MathText } from './math-text';

const BAND_COLOR = { weak: 'red', developing: 'yellow', mastered: 'teal' } as const;

/** Kết quả thi (đã công bố) for a student or a parent's children: score, mastery by topic and level, practice. */
export function StudentResultsPage() {
  const { t } = useTranslation();
  const students = useQuery({
    queryKey: ['exams', 'my-students'],
    queryFn: () => api.get<Paged<Student>>('/api/students', { pageSize: 20 }),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = students.data?.items ?? [];
  const student = list.find((s) => s.id === chosen) ?? list[0];
  const results = useStudentResults(student?.schoolId ?? null, student?.id ?? null);
  if (students.isPending) return <PageLoader />;
  if (students.isError) return <QueryError error={students.error} />;
  return (
    <>
      <PageHeader title={t('exams.results.title')} back={{ to: '/exams', label: t('exams.title') }} />
      {list.length > 1 && (
        <Select
          mb="md"
          w={320}
          data={list.map((s) => ({ value: s.id, label: s.fullName }))}
          value={student?.id ?? null}
          onChange={setChosen}
        />
      )}
      {results.isError && <QueryError error={results.error} />}
      {results.data?.length === 0 && <Text c="dimmed">{t('exams.results.none')}</Text>}
      <Stack>
        {results.data?.map((r) => (
          <Card key={r.examId} withBorder radius="md" data-testid="student-result">
            <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
              <Stack gap={0}>
                <Text fw={700}>{r.title}</Text>
                <Text size="sm" c="dimmed">
                  {formatDateTime(r.closesAt)}
                </Text>
              </Stack>
              <Badge size="xl" variant="light" data-testid="student-score">
                {fmt(r.score10)}
              </Badge>
            </Group>
            <Anchor component={Link} to={`/exams/attempts/${r.schoolId}/${r.attemptId}`} size="sm">
              {t('exams.results.review')}
            </Anchor>
            {r.mastery && (
              <>
                <Title order={5} mt="md" mb="xs">
                  {t('exams.results.byTopic')}
                </Title>
                <Stack gap={6}>
                  {r.mastery.byTopic.map((m) => (
                    <div key={m.key}>
                      <Group justify="space-between" gap="xs">
                        <Text size="sm">{m.key}</Text>
                        <Badge size="sm" color={BAND_COLOR[m.band]} variant="light">
                          {t(`exams.band.${m.band}`)} · {pct(m.mastery)}
                        </Badge>
                      </Group>
                      <Progress value={m.mastery * 100} color={BAND_COLOR[m.band]} size="sm" />
                    </div>
                  ))}
                </Stack>
                <Title order={5} mt="md" mb="xs">
                  {t('exams.results.byLevel')}
                </Title>
                <Table>
                  <Table.Tbody>
                    {r.mastery.byLevel.map((m) => (
                      <Table.Tr key={m.key}>
                        <Table.Td>{t(`exams.level.${m.key}`, { defaultValue: m.key })}</Table.Td>
                        <Table.Td>{pct(m.observed)}</Table.Td>
                        <Table.Td>
                          <Badge size="sm" color={BAND_COLOR[m.band]} variant="light">
                            {t(`exams.band.${m.band}`)}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {r.mastery.suggestions.length > 0 && (
                  <>
                    <Title order={5} mt="md" mb="xs">
                      {t('exams.results.practice')}
                    </Title>
                    <Stack gap="xs" data-testid="practice-suggestions">
                      {r.mastery.suggestions.map((s) => (
                        <div key={s.topic}>
                          <Text size="sm" fw={600}>
                            {s.topic}
                          </Text>
                          {s.questions.map((q) => (
                            <Text key={q.id} size="sm" c="dimmed" lineClamp={2}>
                              • [{q.level}] <MathText text={q.stem} />
                            </Text>
                          ))}
                        </div>
                      ))}
                    </Stack>
                  </>
                )}
              </>
            )}
          </Card>
        ))}
      </Stack>
    </>
  );
}
