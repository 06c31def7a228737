import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { MessageThread } from '@smartedu/contracts';
import { IconMessageCircle, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';

/** Kênh trao đổi, newest activity first; unread counts per thread. */
export function ThreadList({ threads }: { threads: MessageThread[] }) {
  const { t } = useTranslation();
  if (threads.length === 0)
    return (
      <Text c="dimmed" size="sm" data-testid="thread-list">
        {t('contactBook.noThreads')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="thread-list">
      {threads.map((th) => (
        <Card
          key={th.id}
          component={Link}
          to={`/contact-book/threads/${th.schoolId}/${th.id}`}
          withBorder
          radius="md"
          padding="sm"
          data-testid="thread-item"
          data-kind={th.kind}
        >
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              {th.kind === 'class' ? <IconUsersGroup size={18} /> : <IconMessageCircle size={18} />}
              <Text fw={600} size="sm" truncate>
                {th.title}
              </Text>
            </Group>
            {th.unreadCount > 0 && (
              <Badge color="red" size="sm" data-testid="thread-unread">
                {th.unreadCount}
              </Badge>
            )}
          </Group>
          {th.lastMessagePreview && (
            <Text size="xs" c="dimmed" lineClamp={1} mt={4}>
              {th.lastMessagePreview}
            </Text>
          )}
          {th.lastMessageAt && (
            <Text size="xs" c="dimmed">
              {formatDateTime(th.lastMessageAt)}
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
