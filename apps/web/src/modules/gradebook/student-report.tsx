import { Badge, Card, Divider, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { GradeResultPeriod, StudentPeriodResult, StudentReport } from '@smartedu/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageLoader, QueryError } from '../../components/query-state';
import { useStudents } from '../students/students.hooks';
import {
  awardLabel,
  conductLabel,
  learningLabel,
  longResult,
  primaryResultLabel,
  promotionLabel,
} from './grade-labels';
import { useStudentReport } from './gradebook.hooks';

function defaultPeriod(r: StudentReport): GradeResultPeriod {
  if (r.year || r.subjects.some((s) => s.year)) return 'year';
  if (r.term2 || r.subjects.some((s) => s.term2)) return 'term2';
  return 'term1';
}

function Overall({
  result,
  circular,
  period,
}: {
  result: StudentPeriodResult | null;
  circular: string;
  period: GradeResultPeriod;
}) {
  const { t } = useTranslation();
  if (!result) {
    return (
      <Text size="sm" c="dimmed" data-testid="report-not-published">
        {t('gradebook.report.notYet')}
      </Text>
    );
  }
  const item = (label: string, value: string, testId: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value || '—'}
      </Text>
    </Stack>
  );
  const absences =
    result.absentSessions === null
      ? ''
      : t('gradebook.absencesValue', {
          total: result.absentSessions,
          excused: result.absentExcused ?? 0,
          unexcused: result.absentUnexcused ?? 0,
        });
  if (circular === 'TT27') {
    return period === 'year' ? (
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {item(t('gradebook.yearResult'), primaryResultLabel(result.primaryResult), 'report-result')}
        {item(t('gradebook.absences'), absences, 'report-absences')}
      </SimpleGrid>
    ) : null;
  }
  return (
    <SimpleGrid cols={{ base: 2, sm: period === 'year' ? 4 : 2 }}>
      {item(t('gradebook.learning'), learningLabel(result.learning), 'report-learning')}
      {item(t('gradebook.conduct'), conductLabel(result.conduct), 'report-conduct')}
      {period === 'year' &&
        item(
          t('gradebook.promotion'),
          [promotionLabel(result.promotion), awardLabel(result.award)].filter(Boolean).join(' · '),
          'report-promotion',
        )}
      {period === 'year' && item(t('gradebook.absences'), absences, 'report-absences')}
    </SimpleGrid>
  );
}

/** Kết quả học tập of one student, as a parent sees it on a phone: one card, one line per subject. */
export function StudentReportCard({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const { t } = useTranslation();
  const report = useStudentReport(schoolId, studentId);
  const [chosen, setChosen] = useState<GradeResultPeriod | null>(null);
  if (report.isPending) return <PageLoader />;
  if (report.isError) return <QueryError error={report.error} />;
  const r = report.data;
  const period = chosen ?? defaultPeriod(r);
  const overall = r[period];
  return (
    <Card withBorder radius="lg" padding="md" data-testid="student-report" data-student={r.student.id}>
      <Stack gap={2} mb="sm">
        <Title order={3} size="h4" data-testid="report-student-name">
          {r.student.fullName}
        </Title>
        <Text size="sm" c="dimmed">
          {[
            r.student.className ? `${t('common.class')} ${r.student.className}` : null,
            r.student.schoolName,
            `${t('gradebook.schoolYear')} ${r.schoolYearName}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
      <SegmentedControl
        fullWidth
        mb="sm"
        value={period}
        onChange={(v) => setChosen(v as GradeResultPeriod)}
        data={[
          { value: 'term1', label: t('gradebook.term1') },
          { value: 'term2', label: t('gradebook.term2') },
          { value: 'year', label: t('gradebook.year') },
        ]}
        data-testid="report-period"
      />
      <Stack gap={0}>
        {r.subjects.map((s) => {
          const value = s[period];
          return (
            <Group
              key={s.id}
              justify="space-between"
              wrap="nowrap"
              py={8}
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="report-subject-row"
              data-subject={s.code}
            >
              <Text size="sm" style={{ minWidth: 0 }}>
                {s.name}
              </Text>
              {value ? (
                <Text fw={700} size="md" data-testid="report-subject-value" style={{ whiteSpace: 'nowrap' }}>
                  {longResult(value, r.circular) || '—'}
                </Text>
              ) : (
                <Badge variant="light" color="gray" size="sm">
                  {t('gradebook.report.notPublished')}
                </Badge>
              )}
            </Group>
          );
        })}
      </Stack>
      <Divider my="sm" />
      <Overall result={overall} circular={r.circular} period={period} />
    </Card>
  );
}

/** Phụ huynh: every child's report; học sinh: their own. */
export function FamilyReportPage() {
  const { t } = useTranslation();
  const students = useStudents({ pageSize: 50 });
  return (
    <Stack maw={720} mx="auto" gap="md">
      <Title order={2}>{t('gradebook.report.title')}</Title>
      {students.isPending && <PageLoader />}
      {students.isError && <QueryError error={students.error} />}
      {students.data?.items.length === 0 && <Text c="dimmed">{t('family.none')}</Text>}
      {students.data?.items.map((s) => (
        <StudentReportCard key={s.id} schoolId={s.schoolId} studentId={s.id} />
      ))}
    </Stack>
  );
}

/** One student's report (staff, or a parent following a link). */
export function StudentReportPage() {
  const { schoolId = '', studentId = '' } = useParams();
  return (
    <Stack maw={720} mx="auto">
      <StudentReportCard schoolId={schoolId} studentId={studentId} />
    </Stack>
  );
}
