import { Button, Group, Modal, Paper, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { AnonymiseResult, ConsentPurpose, StudentConsents } from '@smartedu/contracts';
import { IconDownload, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDate } from '../../lib/format';

type Props = {
  schoolId: string;
  studentId: string;
  sectorId: string;
  status: string;
  /** The student's guardian (parent account) or the school administration. */
  canDecide: boolean;
  /** School administration: may anonymise a departed student. */
  canManage: boolean;
};

/**
 * Dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP): the consents for optional processing (a guardian gives or withdraws
 * each), the export of everything held about the student, and — for the school, once the student has left —
 * anonymisation of non-archival data.
 */
export function PrivacyPanel({ schoolId, studentId, sectorId, status, canDecide, canManage }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const base = `/api/schools/${schoolId}/students/${studentId}`;
  const consents = useQuery({
    queryKey: ['consents', schoolId, studentId],
    queryFn: ({ signal }) => api.get<StudentConsents>(`${base}/consents`, undefined, signal),
  });
  const decide = useMutation({
    mutationFn: (v: { purpose: ConsentPurpose; given: boolean }) =>
      api.post(`${base}/consents`, {
        purpose: v.purpose,
        status: v.given ? 'given' : 'withdrawn',
        noticeVersion: consents.data?.currentNoticeVersion ?? '2025-01',
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consents', schoolId, studentId] }),
    onError: (err) => notifyError(err),
  });
  const [anonOpen, anon] = useDisclosure(false);
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const anonymise = useMutation({
    mutationFn: () => api.post<AnonymiseResult>(`${base}/anonymise`, { confirmSectorId: confirm, reason }),
    onSuccess: () => {
      anon.close();
      notifySuccess(t('privacy.anonymised'));
      void qc.invalidateQueries({ queryKey: ['students'] });
    },
    onError: (err) => notifyError(err),
  });

  if (consents.isError) return null; // not allowed to see this student's consents
  return (
    <Paper withBorder p="md" radius="md" data-testid="privacy-panel">
      <Group justify="space-between" mb="sm">
        <Title order={4}>
          <Group gap={6} component="span">
            <IconShieldLock size={18} />
            {t('privacy.title')}
          </Group>
        </Title>
        {canDecide && (
          <Group gap="xs">
            <Button
              component="a"
              href={`${base}/personal-data.xlsx`}
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} />}
              data-testid="privacy-export-xlsx"
            >
              {t('privacy.exportXlsx')}
            </Button>
            <Button component="a" href={`${base}/personal-data`} variant="subtle" size="xs" download>
              {t('privacy.exportJson')}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('privacy.notice', { version: consents.data?.currentNoticeVersion ?? '' })}
      </Text>
      <Table>
        <Table.Tbody>
          {consents.data?.current.map(({ purpose, record }) => (
            <Table.Tr key={purpose}>
              <Table.Td>{t(`privacy.purpose.${purpose}`)}</Table.Td>
              <Table.Td>
                <Switch
                  checked={record?.status === 'given'}
                  disabled={!canDecide || decide.isPending}
                  onChange={(e) => decide.mutate({ purpose, given: e.currentTarget.checked })}
                  label={record?.status === 'given' ? t('privacy.given') : t('privacy.notGiven')}
                  data-testid={`consent-${purpose}`}
                />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {record
                    ? t('privacy.recorded', {
                        date: formatDate(record.recordedAt.slice(0, 10)),
                        who: record.guardianName ?? record.recordedByName ?? '',
                        version: record.noticeVersion,
                      })
                    : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage && status !== 'studying' && (
        <Button
          mt="md"
          color="red"
          variant="light"
          size="xs"
          onClick={anon.open}
          data-testid="privacy-anonymise"
        >
          {t('privacy.anonymise')}
        </Button>
      )}
      <Modal opened={anonOpen} onClose={anon.close} title={t('privacy.anonymise')}>
        <Stack>
          <Text size="sm">{t('privacy.anonymiseHelp')}</Text>
          <TextInput
            label={t('privacy.confirmSectorId', { id: sectorId })}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
          />
          <TextInput
            label={t('privacy.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            color="red"
            loading={anonymise.isPending}
            disabled={confirm !== sectorId || reason.trim().length < 5}
            onClick={() => anonymise.mutate()}
          >
            {t('privacy.anonymise')}
          </Button>
        </Stack>
      </Modal>
    </Paper>
  );
}
