import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import {
  ANNOUNCEMENT_BODY_MAX_LENGTH,
  ANNOUNCEMENT_TITLE_MAX_LENGTH,
  type Announcement,
  type Audience,
} from '@smartedu/contracts';
import { IconArrowLeft, IconCheck, IconPin } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader, QueryError } from '../../components/query-state';
import { ApiError } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { rolesOf, useMe } from '../auth/auth.hooks';
import { useAnnouncement, useCreateAnnouncement, useMarkAnnouncementRead } from './contact-book.hooks';

const AUDIENCES: Audience[] = ['parents', 'students', 'staff', 'all'];

/** One announcement card; recipients confirm reading, authors and managers see the read count. */
export function AnnouncementItem({ a, full = false }: { a: Announcement; full?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const mark = useMarkAnnouncementRead();
  const roles = rolesOf(me.data);
  // Only a recipient confirms reading: not the author, not a reader outside the audience.
  const recipient =
    me.data?.id !== a.authorUserId &&
    (a.audience === 'all' ||
      (a.audience === 'parents' && roles.includes('parent')) ||
      (a.audience === 'students' && roles.includes('student')) ||
      (a.audience === 'staff' &&
        roles.some((r) => r === 'teacher' || r === 'staff' || r === 'school_admin')));
  const scheduled = new Date(a.publishAt).getTime() > Date.now();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="announcement-item" data-id={a.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text
          fw={700}
          size="sm"
          component={Link}
          to={`/contact-book/announcements/${a.schoolId}/${a.id}`}
          style={{ minWidth: 0 }}
        >
          {a.pinned && <IconPin size={14} style={{ marginRight: 4, verticalAlign: 'middle' }} />}
          {a.title}
        </Text>
        <Group gap={4} wrap="nowrap">
          {scheduled && (
            <Badge size="xs" color="yellow">
              {t('contactBook.scheduled')}
            </Badge>
          )}
          <Badge size="xs" variant="light">
            {a.className ? `${t('common.class')} ${a.className}` : t('contactBook.wholeSchool')}
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {a.authorName} · {formatDateTime(a.publishAt)} · {t(`contactBook.audience.${a.audience}`)}
      </Text>
      <Text
        size="sm"
        mt={6}
        lineClamp={full ? undefined : 4}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {a.body}
      </Text>
      <Group justify="space-between" mt={6}>
        {a.readCount !== null && a.recipientCount !== null ? (
          <Text size="xs" c="dimmed" data-testid="announcement-read-count">
            {t('contactBook.readCount', { read: a.readCount, total: a.recipientCount })}
          </Text>
        ) : (
          <span />
        )}
        {a.readAt ? (
          <Text size="xs" c="teal" data-testid="announcement-read">
            <IconCheck size={12} /> {t('contactBook.read')}
          </Text>
        ) : recipient ? (
          <Button
            size="compact-xs"
            variant="light"
            loading={mark.isPending}
            onClick={() =>
              mark.mutate({ schoolId: a.schoolId, id: a.id }, { onError: (e) => notifyError(e) })
            }
            data-testid="announcement-mark-read"
          >
            {t('contactBook.markRead')}
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}

export function AnnouncementList({ items }: { items: Announcement[] }) {
  const { t } = useTranslation();
  if (items.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('contactBook.noAnnouncements')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="announcement-list">
      {items.map((a) => (
        <AnnouncementItem key={a.id} a={a} />
      ))}
    </Stack>
  );
}

/**
 * Soạn thông báo: to one of the teacher's classes, or (school managers) to the whole school; for parents,
 * students, staff or everybody; optionally pinned or published later.
 */
export function AnnouncementForm({
  schoolId,
  classes,
  canAnnounceSchool,
}: {
  schoolId: string;
  classes: { id: string; name: string }[];
  canAnnounceSchool: boolean;
}) {
  const { t } = useTranslation();
  const create = useCreateAnnouncement(schoolId);
  const [target, setTarget] = useState<string | null>(
    canAnnounceSchool ? 'school' : (classes[0]?.id ?? null),
  );
  const [audience, setAudience] = useState<Audience>('parents');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [pinned, setPinned] = useState(false);
  const [publishAt, setPublishAt] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!target && classes[0]) setTarget(classes[0].id);
  }, [classes, target]);

  const targets = [
    ...(canAnnounceSchool ? [{ value: 'school', label: t('contactBook.wholeSchool') }] : []),
    ...classes.map((c) => ({ value: c.id, label: `${t('common.class')} ${c.name}` })),
  ];
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    create.mutate(
      {
        classId: target === 'school' ? null : target,
        audience,
        title,
        body,
        pinned,
        publishAt: publishAt ? new Date(publishAt).toISOString() : undefined,
      },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
          setPinned(false);
          setPublishAt('');
          notifySuccess(t('contactBook.announcementSent'));
        },
        onError: (err) => {
          if (err instanceof ApiError) setErrors(err.fieldErrors());
          notifyError(err);
        },
      },
    );
  };
  if (targets.length === 0) return null;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="form"
      onSubmit={submit}
      data-testid="announcement-form"
    >
      <Stack gap="xs">
        <Title order={4}>{t('contactBook.newAnnouncement')}</Title>
        <Group grow>
          <Select
            label={t('contactBook.to')}
            data={targets}
            value={target}
            onChange={setTarget}
            allowDeselect={false}
            data-testid="announcement-target"
          />
          <Select
            label={t('contactBook.audienceLabel')}
            data={AUDIENCES.map((a) => ({ value: a, label: t(`contactBook.audience.${a}`) }))}
            value={audience}
            onChange={(v) => v && setAudience(v as Audience)}
            allowDeselect={false}
            data-testid="announcement-audience"
          />
        </Group>
        <TextInput
          label={t('contactBook.announcementTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={ANNOUNCEMENT_TITLE_MAX_LENGTH}
          required
          error={errors.title}
          data-testid="announcement-title"
        />
        <Textarea
          label={t('contactBook.announcementBody')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={ANNOUNCEMENT_BODY_MAX_LENGTH}
          required
          error={errors.body}
          data-testid="announcement-body"
        />
        <Group grow align="flex-end">
          <TextInput
            type="datetime-local"
            label={t('contactBook.publishAt')}
            description={t('contactBook.publishAtHint')}
            value={publishAt}
            onChange={(e) => setPublishAt(e.currentTarget.value)}
          />
          <Switch
            label={t('contactBook.pinned')}
            checked={pinned}
            onChange={(e) => setPinned(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <Button
          type="submit"
          loading={create.isPending}
          disabled={!title.trim() || !body.trim() || !target}
          data-testid="announcement-submit"
        >
          {t('contactBook.publish')}
        </Button>
      </Stack>
    </Card>
  );
}

/** An announcement opened from a notification: shown in full and marked read. */
export function AnnouncementPage() {
  const { t } = useTranslation();
  const { schoolId = '', id = '' } = useParams();
  const a = useAnnouncement(schoolId, id);
  const mark = useMarkAnnouncementRead();
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per loaded announcement
  useEffect(() => {
    if (a.data && !a.data.readAt) mark.mutate({ schoolId, id });
  }, [a.data?.id]);
  return (
    <Stack maw={720} mx="auto" gap="sm">
      <Group>
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
      {a.isPending && <PageLoader />}
      {a.isError && <QueryError error={a.error} />}
      {a.data && <AnnouncementItem a={a.data} full />}
    </Stack>
  );
}
