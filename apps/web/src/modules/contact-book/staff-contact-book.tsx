import { Button, Group, Select, SimpleGrid, Stack, Tabs, Title } from '@mantine/core';
import type { TeachingAssignment } from '@smartedu/contracts';
import { IconMessageCircle, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { QueryError } from '../../components/query-state';
import { api } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { rolesOf, useCan, useMe } from '../auth/auth.hooks';
import { useClasses } from '../classes/classes.hooks';
import { useStudents } from '../students/students.hooks';
import { AnnouncementForm, AnnouncementList } from './announcements';
import { useAnnouncements, useOpenThread, useThreads } from './contact-book.hooks';
import { EmailPreference } from './family-contact-book';
import { NotificationBell } from './notification-bell';
import { ThreadList } from './thread-list';

/** Sổ liên lạc of a teacher or a school manager: class and student threads, announcements with read counts. */
export function StaffContactBook() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const roles = rolesOf(me.data);
  const manager = roles.includes('school_admin') || roles.includes('dept_admin');
  const canWrite = useCan('messages.write');
  const grant =
    me.data?.roles.find((r) => r.role === 'teacher' || r.role === 'school_admin') ?? me.data?.roles[0];
  const schoolId = me.data?.homeUnitId ?? grant?.unitId ?? '';
  const classes = useClasses({ schoolId, pageSize: 500 }, Boolean(schoolId));
  const assignments = useQuery({
    queryKey: ['contact-book', 'assignments', schoolId, me.data?.staffId],
    queryFn: () =>
      api.get<TeachingAssignment[]>(`/api/schools/${schoolId}/assignments`, { staffId: me.data?.staffId }),
    enabled: Boolean(schoolId && me.data?.staffId && !manager),
  });
  const taught = new Set((assignments.data ?? []).map((a) => a.classId));
  const myClasses = (classes.data?.items ?? [])
    .filter((c) => manager || c.homeroomTeacherId === me.data?.staffId || taught.has(c.id))
    .map((c) => ({ id: c.id, name: c.name }));
  const [classId, setClassId] = useState<string | null>(null);
  const selected = classId ?? myClasses[0]?.id ?? null;
  const students = useStudents({ classId: selected, pageSize: 100 }, Boolean(selected));
  const [studentId, setStudentId] = useState<string | null>(null);
  const open = useOpenThread(schoolId);
  const threads = useThreads();
  const announcements = useAnnouncements({ schoolId });

  const go = (body: { kind: 'class'; classId: string } | { kind: 'student'; studentId: string }) =>
    open.mutate(body, {
      onSuccess: (th) => navigate(`/contact-book/threads/${th.schoolId}/${th.id}`),
      onError: (e) => notifyError(e),
    });

  return (
    <Stack maw={900} mx="auto" gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t('contactBook.title')}</Title>
        <NotificationBell />
      </Group>
      <Tabs defaultValue="messages" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="messages" data-testid="tab-messages">
            {t('contactBook.messages')}
          </Tabs.Tab>
          <Tabs.Tab value="announcements" data-testid="tab-announcements">
            {t('contactBook.announcements')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="messages" pt="md">
          <Stack gap="md">
            {canWrite && myClasses.length > 0 && (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Stack gap={6}>
                  <Select
                    label={t('common.class')}
                    data={myClasses.map((c) => ({ value: c.id, label: c.name }))}
                    value={selected}
                    onChange={(v) => {
                      setClassId(v);
                      setStudentId(null);
                    }}
                    allowDeselect={false}
                    searchable
                    data-testid="thread-class"
                  />
                  <Button
                    variant="light"
                    leftSection={<IconUsersGroup size={16} />}
                    disabled={!selected}
                    loading={open.isPending}
                    onClick={() => selected && go({ kind: 'class', classId: selected })}
                    data-testid="open-class-thread"
                  >
                    {t('contactBook.classThread')}
                  </Button>
                </Stack>
                <Stack gap={6}>
                  <Select
                    label={t('contactBook.student')}
                    data={(students.data?.items ?? []).map((s) => ({ value: s.id, label: s.fullName }))}
                    value={studentId}
                    onChange={setStudentId}
                    searchable
                    clearable
                    data-testid="thread-student"
                  />
                  <Button
                    variant="light"
                    leftSection={<IconMessageCircle size={16} />}
                    disabled={!studentId}
                    onClick={() => studentId && go({ kind: 'student', studentId })}
                    data-testid="open-student-thread"
                  >
                    {t('contactBook.messageFamily')}
                  </Button>
                </Stack>
              </SimpleGrid>
            )}
            {threads.isError && <QueryError error={threads.error} />}
            {threads.data && <ThreadList threads={threads.data.items} />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="announcements" pt="md">
          <Stack gap="md">
            {schoolId && (
              <AnnouncementForm schoolId={schoolId} classes={myClasses} canAnnounceSchool={manager} />
            )}
            {announcements.isError && <QueryError error={announcements.error} />}
            {announcements.data && <AnnouncementList items={announcements.data.items} />}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <EmailPreference />
    </Stack>
  );
}
