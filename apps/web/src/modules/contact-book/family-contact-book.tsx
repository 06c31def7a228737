import { Avatar, Badge, Button, Card, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import type { Student } from '@smartedu/contracts';
import { IconMessageCircle, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageLoader, QueryError } from '../../components/query-state';
import { ApiError } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { rolesOf, useMe } from '../auth/auth.hooks';
import { longResult } from '../gradebook/grade-labels';
import { useStudentReport } from '../gradebook/gradebook.hooks';
import { useSchoolYears } from '../reference/reference.hooks';
import { useStudents } from '../students/students.hooks';
import { AnnouncementList } from './announcements';
import {
  useAnnouncements,
  useOpenThread,
  usePreferences,
  useSetPreferences,
  useStudentAttendance,
  useThreads,
} from './contact-book.hooks';
import { NotificationBell } from './notification-bell';
import { ThreadList } from './thread-list';

const today = () => new Date().toLocaleDateString('en-CA');

/** Điểm mới nhất: the latest published period of the gradebook's report (nothing published: a note). */
function LatestGrades({ student }: { student: Student }) {
  const { t } = useTranslation();
  const report = useStudentReport(student.schoolId, student.id);
  if (report.isPending) return null;
  if (report.isError) {
    const missing = report.error instanceof ApiError && [403, 404].includes(report.error.status);
    return (
      <Text size="sm" c="dimmed">
        {missing ? t('contactBook.noGrades') : t('errors.generic')}
      </Text>
    );
  }
  const r = report.data;
  const period = (['year', 'term2', 'term1'] as const).find((p) => r.subjects.some((s) => s[p]));
  if (!period)
    return (
      <Text size="sm" c="dimmed">
        {t('contactBook.noGrades')}
      </Text>
    );
  const rows = r.subjects.filter((s) => s[period]);
  return (
    <Stack gap={2} data-testid="child-grades">
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {t('contactBook.latestGrades')} · {t(`gradebook.${period}`)}
      </Text>
      {rows.map((s) => (
        <Group key={s.id} justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" truncate>
            {s.name}
          </Text>
          <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
            {longResult(s[period], r.circular) || '—'}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Chuyên cần: this school year's absences and late arrivals (the attendance module's history). */
function AttendanceSummary({ student }: { student: Student }) {
  const { t } = useTranslation();
  const years = useSchoolYears();
  const year = years.data?.find((y) => y.isCurrent);
  const to = year && year.endDate < today() ? year.endDate : today();
  const history = useStudentAttendance(student.schoolId, student.id, year?.startDate ?? null, to);
  if (!history.data) return null;
  const s = history.data.summary;
  return (
    <Group gap={6} data-testid="child-attendance">
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {t('contactBook.attendance')}
      </Text>
      <Badge color="gray" variant="light">
        {t('contactBook.excused', { n: s.excused })}
      </Badge>
      <Badge color={s.unexcused ? 'red' : 'gray'} variant="light">
        {t('contactBook.unexcused', { n: s.unexcused })}
      </Badge>
      <Badge color={s.late ? 'orange' : 'gray'} variant="light">
        {t('contactBook.late', { n: s.late })}
      </Badge>
    </Group>
  );
}

function ChildCard({ student, canWrite }: { student: Student; canWrite: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenThread(student.schoolId);
  const go = (body: { kind: 'class'; classId: string } | { kind: 'student'; studentId: string }) =>
    open.mutate(body, {
      onSuccess: (th) => navigate(`/contact-book/threads/${th.schoolId}/${th.id}`),
      onError: (e) => notifyError(e),
    });
  return (
    <Card withBorder radius="lg" padding="md" data-testid="child-card">
      <Group wrap="nowrap" mb="sm">
        <Avatar color={student.gender === 'F' ? 'pink' : 'blue'} radius="xl">
          {student.fullName.split(/\s+/).slice(-1)[0]?.[0]}
        </Avatar>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={700} truncate>
            {student.fullName}
          </Text>
          <Text size="sm" c="dimmed">
            {student.currentClassName ? `${t('common.class')} ${student.currentClassName}` : ''} ·{' '}
            {student.schoolName}
          </Text>
        </Stack>
      </Group>
      <Stack gap="sm">
        <AttendanceSummary student={student} />
        <LatestGrades student={student} />
        {canWrite && (
          <SimpleGrid cols={2} spacing="xs">
            <Button
              variant="light"
              leftSection={<IconMessageCircle size={16} />}
              onClick={() => go({ kind: 'student', studentId: student.id })}
              loading={open.isPending}
              data-testid="message-teacher"
            >
              {t('contactBook.messageTeacher')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconUsersGroup size={16} />}
              disabled={!student.currentClassId}
              onClick={() => student.currentClassId && go({ kind: 'class', classId: student.currentClassId })}
              data-testid="class-thread"
            >
              {t('contactBook.classThread')}
            </Button>
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

function EmailPreference() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const set = useSetPreferences();
  if (!prefs.data?.emailAvailable) return null;
  return (
    <Switch
      label={t('contactBook.emailNotifications')}
      checked={prefs.data.email}
      onChange={(e) => set.mutate({ email: e.currentTarget.checked }, { onError: (err) => notifyError(err) })}
      data-testid="pref-email"
    />
  );
}

/** Sổ liên lạc of a parent (every child) or a student (themself), phone first. */
export function FamilyContactBook() {
  const { t } = useTranslation();
  const me = useMe();
  const isParent = rolesOf(me.data).includes('parent');
  const students = useStudents({ pageSize: 50 });
  const threads = useThreads();
  const announcements = useAnnouncements();
  return (
    <Stack maw={720} mx="auto" gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t('contactBook.title')}</Title>
        <NotificationBell />
      </Group>
      {students.isPending && <PageLoader />}
      {students.isError && <QueryError error={students.error} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {students.data?.items.map((s) => (
          <ChildCard key={s.id} student={s} canWrite={isParent} />
        ))}
      </SimpleGrid>
      <Title order={3} size="h4">
        {t('contactBook.announcements')}
      </Title>
      {announcements.isError && <QueryError error={announcements.error} />}
      {announcements.data && <AnnouncementList items={announcements.data.items} />}
      <Title order={3} size="h4">
        {t('contactBook.messages')}
      </Title>
      {threads.isError && <QueryError error={threads.error} />}
      {threads.data && <ThreadList threads={threads.data.items} />}
      <EmailPreference />
    </Stack>
  );
}

export { EmailPreference };
