import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { MESSAGE_MAX_LENGTH } from '@smartedu/contracts';
import { IconArrowLeft, IconSend } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useMarkThreadRead, useMessages, useSendMessage, useThread } from './contact-book.hooks';

/** One thread: messages oldest first (rendered as text), and the box to answer. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { schoolId = '', id = '' } = useParams();
  const thread = useThread(schoolId, id);
  const messages = useMessages(schoolId, id);
  const send = useSendMessage(schoolId, id);
  const markRead = useMarkThreadRead(schoolId, id);
  const [text, setText] = useState('');
  const unread = thread.data?.unreadCount ?? 0;
  const newest = messages.data?.items[0]?.id;

  // Reading the thread marks it read (again when a new message arrives while it is open).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the newest message changes
  useEffect(() => {
    if (thread.data && (unread > 0 || newest)) markRead.mutate();
  }, [thread.data?.id, newest]);

  if (thread.isPending) return <PageLoader />;
  if (thread.isError) return <QueryError error={thread.error} />;
  const th = thread.data;
  const items = [...(messages.data?.items ?? [])].reverse();

  const submit = () => {
    const body = text.trim();
    if (!body) return;
    send.mutate(body, { onSuccess: () => setText(''), onError: (e) => notifyError(e) });
  };

  return (
    <Stack maw={720} mx="auto" gap="sm">
      <Group gap="xs" wrap="nowrap">
        <Button
          component={Link}
          to="/contact-book"
          variant="subtle"
          size="compact-sm"
          leftSection={<IconArrowLeft size={16} />}
        >
          {t('contactBook.title')}
        </Button>
      </Group>
      <Title order={3} data-testid="thread-title">
        {th.title}
      </Title>
      {messages.isError && <QueryError error={messages.error} />}
      <Stack gap="xs" data-testid="message-list">
        {items.length === 0 && messages.isSuccess && (
          <Text c="dimmed" size="sm">
            {t('contactBook.noMessages')}
          </Text>
        )}
        {items.map((m) => (
          <Card
            key={m.id}
            withBorder
            radius="lg"
            padding="xs"
            maw="85%"
            ml={m.mine ? 'auto' : undefined}
            bg={m.mine ? 'blue.0' : undefined}
            data-testid="message-item"
          >
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs" fw={700}>
                {m.senderName}
                <Text span size="xs" c="dimmed" fw={400}>
                  {' · '}
                  {t(`roles.${m.senderRole}`, { defaultValue: m.senderRole })}
                </Text>
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(m.createdAt)}
              </Text>
            </Group>
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              data-testid="message-body"
            >
              {m.body}
            </Text>
          </Card>
        ))}
      </Stack>
      {th.canWrite ? (
        <Stack gap={6}>
          <Textarea
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            placeholder={t('contactBook.messagePlaceholder')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={MESSAGE_MAX_LENGTH}
            data-testid="message-input"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
            }}
          />
          <Button
            onClick={submit}
            loading={send.isPending}
            disabled={!text.trim()}
            leftSection={<IconSend size={16} />}
            size="md"
            data-testid="message-send"
          >
            {t('contactBook.send')}
          </Button>
        </Stack>
      ) : (
        <Alert color="gray">{t('contactBook.readOnly')}</Alert>
      )}
    </Stack>
  );
}
