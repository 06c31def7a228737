import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { UnlockRequest } from '@smartedu/contracts';
import { IconCheck, IconLockQuestion, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useDecideUnlockRequest, useFileUnlockRequest, useUnlockRequests } from './gradebook.hooks';

const termName = (t: (k: string) => string, n: number) => t(n === 1 ? 'gradebook.term1' : 'gradebook.term2');
const STATUS_COLOR: Record<UnlockRequest['status'], string> = {
  pending: 'yellow',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'gray',
};

/** Đề nghị mở khoá: a subject teacher asks the principal to reopen a locked term of one subject. */
export function UnlockRequestButton({
  schoolId,
  classId,
  termNo,
  subjects,
}: {
  schoolId: string;
  classId: string;
  termNo: number;
  /** The subjects the teacher may write in this class; the first is preselected. */
  subjects: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const file = useFileUnlockRequest(schoolId);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  if (subjects.length === 0) return null;
  // The subjects may arrive after the first render: the first one until the teacher picks another.
  const subjectId = subjects.some((s) => s.id === chosen) ? chosen : subjects[0].id;
  const submit = () =>
    file.mutate(
      { classId, subjectId, termNo, reason: reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('gradebook.unlockRequest.filed'));
          setOpen(false);
          setReason('');
        },
        onError: (err) => notifyError(err),
      },
    );
  return (
    <>
      <Button
        size="xs"
        variant="default"
        w="fit-content"
        leftSection={<IconLockQuestion size={14} />}
        onClick={() => setOpen(true)}
        data-testid="unlock-request-open"
        data-term={termNo}
      >
        {t('gradebook.unlockRequest.ask')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('gradebook.unlockRequest.title')}>
        <Stack>
          <Text size="sm">{t('gradebook.unlockRequest.help', { term: termName(t, termNo) })}</Text>
          {subjects.length > 1 && (
            <NativeSelect
              label={t('gradebook.subject')}
              value={subjectId}
              onChange={(e) => setChosen(e.currentTarget.value)}
              data={subjects.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="unlock-request-subject"
            />
          )}
          <Textarea
            label={t('gradebook.unlockReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            minRows={3}
            autosize
            data-testid="unlock-request-reason"
            error={
              reason.length > 0 && reason.trim().length < 10 ? t('gradebook.unlockReasonShort') : undefined
            }
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('actions.cancel')}
            </Button>
            <Button
              disabled={reason.trim().length < 10 || !subjectId}
              loading={file.isPending}
              onClick={submit}
              data-testid="unlock-request-send"
            >
              {t('gradebook.unlockRequest.send')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * The requests of a school (the principal, with approve and reject) or the teacher's own, optionally of one
 * class or one status. Renders nothing when there is none to show.
 */
export function UnlockRequestsPanel({
  schoolId,
  classId,
  status,
  showClass = false,
}: {
  schoolId: string;
  classId?: string;
  status?: 'pending';
  showClass?: boolean;
}) {
  const { t } = useTranslation();
  const list = useUnlockRequests(schoolId, { classId, status });
  const decide = useDecideUnlockRequest(schoolId);
  const [deciding, setDeciding] = useState<{ request: UnlockRequest; approve: boolean } | null>(null);
  const [text, setText] = useState('');
  // Kept while the window closes, so that its title does not change during the animation.
  const [rejecting, setRejecting] = useState(false);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  const canDecide = list.data?.canDecide ?? false;
  const confirm = () =>
    deciding &&
    decide.mutate(
      { id: deciding.request.id, approve: deciding.approve, text },
      {
        onSuccess: (r) => {
          notifySuccess(
            t(
              r.status === 'approved'
                ? 'gradebook.unlockRequest.approved'
                : 'gradebook.unlockRequest.rejected',
            ),
          );
          setDeciding(null);
          setText('');
        },
        onError: (err) => notifyError(err),
      },
    );
  const open = (request: UnlockRequest, approve: boolean) => {
    setRejecting(!approve);
    setDeciding({ request, approve });
  };
  return (
    <Paper withBorder p="md" radius="md" mb="md" data-testid="unlock-requests">
      <Title order={5} mb="xs">
        {t(canDecide ? 'gradebook.unlockRequest.listTitle' : 'gradebook.unlockRequest.mineTitle')}
      </Title>
      <Table striped>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} data-testid="unlock-request-row" data-status={r.status}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {showClass ? `${t('common.class')} ${r.className} · ` : ''}
                  {r.subjectName} · {termName(t, r.termNo)}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.requestedByName} · {formatDateTime(r.requestedAt)}
                </Text>
                <Text size="sm">{r.reason}</Text>
                {r.decisionReason && (
                  <Text size="xs" c="dimmed" data-testid="unlock-request-decision">
                    {r.decidedByName}: {r.decisionReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td w={120}>
                <Badge color={STATUS_COLOR[r.status]} variant="light">
                  {t(`gradebook.unlockRequest.status.${r.status}`)}
                </Badge>
              </Table.Td>
              {canDecide && (
                <Table.Td w={220}>
                  {r.status === 'pending' && (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        color="orange"
                        leftSection={<IconCheck size={14} />}
                        onClick={() => open(r, true)}
                        data-testid="unlock-request-approve"
                      >
                        {t('gradebook.unlockRequest.approve')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconX size={14} />}
                        onClick={() => open(r, false)}
                        data-testid="unlock-request-reject"
                      >
                        {t('gradebook.unlockRequest.reject')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={deciding !== null}
        onClose={() => setDeciding(null)}
        title={t(rejecting ? 'gradebook.unlockRequest.rejectTitle' : 'gradebook.unlockRequest.approveTitle')}
      >
        {deciding && (
          <Stack>
            <Text size="sm">
              {deciding.request.requestedByName} · {deciding.request.className} ·{' '}
              {deciding.request.subjectName} · {termName(t, deciding.request.termNo)}:{' '}
              {deciding.request.reason}
            </Text>
            <Textarea
              label={t(rejecting ? 'gradebook.unlockRequest.rejectReason' : 'gradebook.unlockRequest.note')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              minRows={2}
              autosize
              data-testid="unlock-request-text"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeciding(null)}>
                {t('actions.cancel')}
              </Button>
              <Button
                color={rejecting ? 'red' : 'orange'}
                disabled={rejecting && text.trim().length < 5}
                loading={decide.isPending}
                onClick={confirm}
                data-testid="unlock-request-confirm"
              >
                {t(rejecting ? 'gradebook.unlockRequest.reject' : 'gradebook.unlockRequest.approve')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
