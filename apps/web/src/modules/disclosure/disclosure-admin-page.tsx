import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DisclosureSection, type Feedback, type FeedbackStatus } from '@smartedu/contracts';
import { IconExternalLink, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '../../components/query-state';
import { errorMessage } from '../../lib/errors';
import { primaryGrant, useMe } from '../auth/auth.hooks';
import { useUnits } from '../units/units.hooks';
import {
  useDeleteDocument,
  useDocuments,
  useFeedbackList,
  useUpdateFeedback,
  useUploadDocument,
} from './disclosure.hooks';

const STATUS_COLOR: Record<FeedbackStatus, string> = { new: 'red', in_progress: 'yellow', answered: 'green' };

/** Công khai và góp ý: the department or school side (feedback to an answer; documents per section). */
export function DisclosureAdminPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={2}>{t('disclosure.admin.title')}</Title>
      <Tabs defaultValue="feedback">
        <Tabs.List>
          <Tabs.Tab value="feedback">{t('disclosure.admin.feedback')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('disclosure.admin.documents')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="feedback" pt="md">
          <FeedbackPanel />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <DocumentsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function FeedbackPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('all');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Feedback | null>(null);
  const list = useFeedbackList({ status: status === 'all' ? undefined : (status as FeedbackStatus), page });
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        data={[
          { value: 'all', label: t('disclosure.status.all') },
          { value: 'new', label: t('disclosure.status.new') },
          { value: 'in_progress', label: t('disclosure.status.in_progress') },
          { value: 'answered', label: t('disclosure.status.answered') },
        ]}
        maw={520}
      />
      {list.isLoading && <PageLoader />}
      {list.error && <QueryError error={list.error} />}
      {list.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover data-testid="feedback-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('disclosure.admin.code')}</Table.Th>
                  <Table.Th>{t('disclosure.admin.unit')}</Table.Th>
                  <Table.Th>{t('disclosure.feedback.subject')}</Table.Th>
                  <Table.Th>{t('disclosure.admin.status')}</Table.Th>
                  <Table.Th>{t('disclosure.admin.assignee')}</Table.Th>
                  <Table.Th>{t('disclosure.admin.received')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((f) => (
                  <Table.Tr
                    key={f.id}
                    onClick={() => setOpen(f)}
                    style={{ cursor: 'pointer' }}
                    data-testid="feedback-row"
                    data-code={f.trackingCode}
                  >
                    <Table.Td ff="monospace">{f.trackingCode}</Table.Td>
                    <Table.Td>{f.unitName}</Table.Td>
                    <Table.Td>{f.subject}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[f.status]}>{t(`disclosure.status.${f.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{f.assigneeName ?? '—'}</Table.Td>
                    <Table.Td>{new Date(f.createdAt).toLocaleString()}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.items.length === 0 && (
            <Text c="dimmed" p="sm">
              {t('disclosure.admin.none')}
            </Text>
          )}
          {list.data.total > list.data.pageSize && (
            <Group justify="center" p="xs">
              <Pagination
                total={Math.ceil(list.data.total / list.data.pageSize)}
                value={page}
                onChange={setPage}
              />
            </Group>
          )}
        </Paper>
      )}
      {open && <FeedbackModal item={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function FeedbackModal({ item, onClose }: { item: Feedback; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateFeedback();
  const [answer, setAnswer] = useState(item.answer ?? '');
  return (
    <Modal opened onClose={onClose} title={`${item.trackingCode} — ${item.subject}`} size="lg">
      <Stack gap="sm" data-testid="feedback-modal">
        <Text size="sm" c="dimmed">
          {item.unitName} · {item.name ?? t('disclosure.admin.anonymous')} · {item.contact}
        </Text>
        {/* Plain text, rendered escaped by React; line breaks kept. */}
        <Paper withBorder p="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {item.message}
        </Paper>
        <Group gap="xs">
          <Badge color={STATUS_COLOR[item.status]}>{t(`disclosure.status.${item.status}`)}</Badge>
          {item.assigneeName && (
            <Text size="sm">{t('disclosure.admin.assignedTo', { name: item.assigneeName })}</Text>
          )}
        </Group>
        {item.status === 'new' && (
          <Button
            variant="light"
            loading={update.isPending}
            onClick={() =>
              update.mutate({ item, body: { status: 'in_progress', assignee: 'me' } }, { onSuccess: onClose })
            }
            data-testid="feedback-take"
          >
            {t('disclosure.admin.take')}
          </Button>
        )}
        <Textarea
          label={t('disclosure.admin.answer')}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
          rows={5}
          maxLength={8000}
          data-testid="feedback-answer"
        />
        {update.error && <Alert color="red">{errorMessage(update.error)}</Alert>}
        <Group justify="flex-end">
          <Button
            disabled={!answer.trim()}
            loading={update.isPending}
            onClick={() => update.mutate({ item, body: { answer: answer.trim() } }, { onSuccess: onClose })}
            data-testid="feedback-send-answer"
          >
            {t('disclosure.admin.sendAnswer')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DocumentsPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const units = useUnits({ pageSize: 500 });
  const [unitId, setUnitId] = useState<string | null>(null);
  const current = unitId ?? (me.data ? primaryGrant(me.data).unitId : undefined);
  const unit = units.data?.items.find((u) => u.id === current);
  const docs = useDocuments(current);
  const upload = useUploadDocument(current);
  const remove = useDeleteDocument(current);
  const [file, setFile] = useState<File | null>(null);
  const [section, setSection] = useState<string>('finance');
  const [title, setTitle] = useState('');
  const publicPath = unit
    ? unit.kind === 'school'
      ? `/cong-khai/${unit.code}`
      : `/cong-khai/phong/${unit.code}`
    : null;
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <Select
          label={t('disclosure.admin.unit')}
          data={(units.data?.items ?? [])
            .filter((u) => u.kind !== 'school_site')
            .map((u) => ({ value: u.id, label: u.name }))}
          value={current ?? null}
          onChange={setUnitId}
          searchable
          w={360}
        />
        {publicPath && (
          <Anchor href={publicPath} target="_blank">
            <Group gap={4}>
              <IconExternalLink size={16} />
              {t('disclosure.admin.openPublic')}
            </Group>
          </Anchor>
        )}
      </Group>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Group grow align="flex-end">
            <Select
              label={t('disclosure.admin.section')}
              data={DisclosureSection.options.map((s) => ({ value: s, label: t(`disclosure.section.${s}`) }))}
              value={section}
              onChange={(v) => setSection(v ?? 'finance')}
            />
            <TextInput
              label={t('disclosure.admin.docTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <FileInput
              label={t('disclosure.admin.file')}
              accept="application/pdf"
              value={file}
              onChange={setFile}
              clearable
            />
          </Group>
          {upload.error && <Alert color="red">{errorMessage(upload.error)}</Alert>}
          <Group justify="flex-end">
            <Button
              disabled={!file || !title.trim()}
              loading={upload.isPending}
              onClick={() =>
                file &&
                upload.mutate(
                  { file, section: section as DisclosureSection, title: title.trim() },
                  {
                    onSuccess: () => {
                      setFile(null);
                      setTitle('');
                    },
                  },
                )
              }
            >
              {t('disclosure.admin.upload')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {docs.error && <QueryError error={docs.error} />}
      {docs.data && (
        <Paper withBorder>
          <Table>
            <Table.Tbody>
              {docs.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{t(`disclosure.section.${d.section}`)}</Table.Td>
                  <Table.Td>
                    <Anchor href={d.url} target="_blank">
                      {d.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{new Date(d.uploadedAt).toLocaleDateString()}</Table.Td>
                  <Table.Td w={40}>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate(d.id)}
                      aria-label={t('disclosure.admin.remove')}
                    >
                      <IconTrash size={16} />
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {docs.data.length === 0 && (
            <Text c="dimmed" p="sm">
              {t('disclosure.admin.noDocs')}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
