import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { TeachingAssignment } from '@smartedu/contracts';
import { IconTable } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { rolesOf, useMe } from '../auth/auth.hooks';
import { useMyAssignments, useSchoolClasses } from './gradebook.hooks';
import { UnlockRequestsPanel } from './unlock-requests';

/** Sổ điểm: a teacher's class-subjects and homeroom class; a principal's classes; families go to the report. */
export function GradebookHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = rolesOf(me.data);
  const principalGrant = me.data?.roles.find((r) => r.role === 'school_admin');
  const isTeacher = roles.includes('teacher');
  const schoolId = principalGrant?.unitId ?? me.data?.homeUnitId ?? null;
  const assignments = useMyAssignments(isTeacher ? schoolId : null, me.data?.staffId ?? null);
  const classes = useSchoolClasses(schoolId);

  if (me.isPending) return <PageLoader />;
  if (!principalGrant && !isTeacher) return <Navigate to="/gradebook/report" replace />;

  const schoolClasses = classes.data?.items ?? [];
  const homerooms = schoolClasses.filter((c) => me.data?.staffId && c.homeroomTeacherId === me.data.staffId);
  const byClass = new Map<string, TeachingAssignment[]>();
  for (const a of assignments.data ?? []) byClass.set(a.classId, [...(byClass.get(a.classId) ?? []), a]);

  return (
    <>
      <PageHeader title={t('nav.gradebook')} subtitle={t('gradebook.homeHelp')} />
      {schoolId && (
        <UnlockRequestsPanel schoolId={schoolId} status={principalGrant ? 'pending' : undefined} showClass />
      )}
      {(classes.isError || assignments.isError) && <QueryError error={classes.error ?? assignments.error} />}
      {isTeacher && !principalGrant && (
        <Stack gap="md">
          {assignments.isPending && <PageLoader />}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {[...byClass.entries()].map(([classId, list]) => (
              <Card
                key={classId}
                withBorder
                radius="md"
                data-testid="gradebook-class-card"
                data-class={list[0].className}
              >
                <Group justify="space-between" mb="xs">
                  <Text fw={700} size="lg">
                    {t('common.class')} {list[0].className}
                  </Text>
                  {homerooms.some((h) => h.id === classId) && (
                    <Badge variant="light" color="teal">
                      {t('gradebook.homeroom')}
                    </Badge>
                  )}
                </Group>
                <Group gap="xs">
                  {list.map((a) => (
                    <Button
                      key={a.id}
                      size="xs"
                      variant="light"
                      leftSection={<IconTable size={14} />}
                      component={Link}
                      to={`/gradebook/classes/${a.schoolId}/${a.classId}/grid?subjectId=${a.subjectId}&termNo=2`}
                      data-testid="assignment-link"
                      data-class={a.className}
                      data-subject={a.subjectName}
                    >
                      {a.subjectName}
                    </Button>
                  ))}
                </Group>
                <Anchor
                  component={Link}
                  to={`/gradebook/classes/${list[0].schoolId}/${classId}`}
                  size="sm"
                  mt="sm"
                  display="block"
                >
                  {t('gradebook.openClassBook')}
                </Anchor>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {principalGrant && (
        <>
          {classes.isPending && <PageLoader />}
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
            {schoolClasses.map((c) => (
              <Card
                key={c.id}
                withBorder
                radius="md"
                component={Link}
                to={`/gradebook/classes/${c.schoolId}/${c.id}`}
                data-testid="gradebook-class-link"
                data-class={c.name}
              >
                <Text fw={700}>
                  {t('common.class')} {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.schoolYearName} · {c.studentCount} {t('gradebook.studentsCount')}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        </>
      )}
    </>
  );
}
