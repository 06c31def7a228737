import { Avatar, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { rolesOf, useMe } from '../auth/auth.hooks';
import { useStudents } from '../students/students.hooks';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(-2)
    .map((w) => w[0])
    .join('')
    .toUpperCase();

/** Phone-first home of a parent ('Con của tôi') or a student ('Hồ sơ của em'). */
export function FamilyHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const isParent = rolesOf(me.data).includes('parent');
  // The server narrows the list to the parent's children or the student's own record.
  const students = useStudents({ pageSize: 50 });

  return (
    <Stack maw={720} mx="auto" gap="md">
      <div>
        <Text c="dimmed" size="sm">
          {t('family.hello', { name: me.data?.fullName ?? '' })}
        </Text>
        <Title order={2} data-testid="family-title">
          {isParent ? t('nav.myChildren') : t('nav.myProfile')}
        </Title>
      </div>
      {students.isPending && <PageLoader />}
      {students.isError && <QueryError error={students.error} />}
      {students.data?.items.length === 0 && <Text c="dimmed">{t('family.none')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {students.data?.items.map((s) => (
          <Card key={s.id} withBorder radius="lg" padding="md" data-testid="child-card">
            <Group wrap="nowrap" mb="sm">
              <Avatar color={s.gender === 'F' ? 'pink' : 'blue'} radius="xl" size="lg">
                {initials(s.fullName)}
              </Avatar>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={700} size="lg" truncate data-testid="child-name">
                  {s.fullName}
                </Text>
                <Text size="sm" c="dimmed">
                  {s.currentClassName ? `${t('common.class')} ${s.currentClassName}` : t('family.noClass')}
                </Text>
              </Stack>
            </Group>
            <Stack gap={2} mb="md">
              <Text size="sm">{s.schoolName}</Text>
              <Text size="sm" c="dimmed">
                {t('common.birthDate')}: {formatDate(s.birthDate)}
              </Text>
            </Stack>
            <Button
              component={Link}
              to={`/schools/${s.schoolId}/students/${s.id}`}
              fullWidth
              size="md"
              rightSection={<IconChevronRight size={18} />}
              data-testid="child-link"
            >
              {t('family.viewProfile')}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
