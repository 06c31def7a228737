import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import type { AppNotification } from '@smartedu/contracts';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useMarkNotificationRead, useNotifications } from './contact-book.hooks';

/** Chuông thông báo: the unread count, and the latest notifications in a dropdown. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const mark = useMarkNotificationRead();
  const unread = list.data?.unread ?? 0;

  const open = (n: AppNotification) => {
    if (!n.readAt) mark.mutate(n.id);
    setOpened(false);
    if (n.link) navigate(n.link);
  };

  return (
    <Popover width={340} position="bottom-end" shadow="md" opened={opened} onChange={setOpened}>
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          disabled={unread === 0}
          size={18}
          color="red"
          offset={6}
        >
          <ActionIcon
            variant="light"
            size="xl"
            radius="xl"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('contactBook.notifications')}
            data-testid="notif-bell"
            data-unread={unread}
          >
            <IconBell size={22} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group
          justify="space-between"
          px="sm"
          py={8}
          style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Text fw={700} size="sm">
            {t('contactBook.notifications')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            onClick={() => mark.mutate('all')}
          >
            {t('contactBook.markAllRead')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {list.data?.items.length === 0 && (
            <Text c="dimmed" size="sm" p="sm">
              {t('contactBook.noNotifications')}
            </Text>
          )}
          <Stack gap={0}>
            {list.data?.items.map((n) => (
              <UnstyledButton
                key={n.id}
                onClick={() => open(n)}
                px="sm"
                py={8}
                data-testid="notif-item"
                data-kind={n.kind}
                data-read={n.readAt ? 'true' : 'false'}
                style={{
                  borderBottom: '1px solid var(--mantine-color-gray-2)',
                  background: n.readAt ? undefined : 'var(--mantine-color-blue-0)',
                }}
              >
                <Text size="sm" fw={n.readAt ? 500 : 700} lineClamp={2}>
                  {n.title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                  {n.body}
                </Text>
                <Text size="xs" c="dimmed" mt={2}>
                  {formatDateTime(n.createdAt)}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
