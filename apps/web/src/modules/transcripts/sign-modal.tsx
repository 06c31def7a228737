import { Alert, Button, FileInput, Modal, PasswordInput, SegmentedControl, Stack, Text } from '@mantine/core';
import type { TranscriptSignResult, TranscriptSignRole } from '@smartedu/contracts';
import { IconCertificate, IconLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { useSignTranscripts } from './transcripts.hooks';

export type SignTarget = { schoolId: string; classId: string; transcriptId?: string; label: string };

/**
 * Ký số: the signer chooses their own certificate file (.p12/.pfx) and types its password; both go to the
 * server for this signature only and are not kept. One transcript, or every ready transcript of the class.
 */
export function SignModal({
  target,
  roles,
  onClose,
}: {
  target: SignTarget | null;
  roles: TranscriptSignRole[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const sign = useSignTranscripts(target?.schoolId ?? '');
  const [role, setRole] = useState<TranscriptSignRole>(roles[0] ?? 'homeroom');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<TranscriptSignResult | null>(null);

  const close = () => {
    setFile(null);
    setPassword('');
    setResult(null);
    sign.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target || !file) return;
    sign.mutate(
      { role, file, password, transcriptId: target.transcriptId, classId: target.classId },
      {
        onSuccess: (r) => {
          setResult(r);
          setPassword('');
        },
      },
    );
  };

  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t('transcripts.sign.title', { label: target?.label ?? '' })}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {roles.length > 1 && (
            <SegmentedControl
              value={role}
              onChange={(v) => setRole(v as TranscriptSignRole)}
              data={roles.map((r) => ({ value: r, label: t(`transcripts.role.${r}`) }))}
            />
          )}
          <Text size="sm" c="dimmed">
            {t(`transcripts.sign.help.${role}`)}
          </Text>
          <FileInput
            label={t('transcripts.sign.file')}
            placeholder={t('transcripts.sign.filePlaceholder')}
            accept=".p12,.pfx,application/x-pkcs12"
            leftSection={<IconCertificate size={16} />}
            value={file}
            onChange={setFile}
            required
            data-testid="sign-file"
          />
          <PasswordInput
            label={t('transcripts.sign.password')}
            leftSection={<IconLock size={16} />}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="off"
            data-testid="sign-password"
          />
          <Text size="xs" c="dimmed">
            {t('transcripts.sign.privacy')}
          </Text>
          {sign.isError && <Alert color="red">{errorMessage(sign.error)}</Alert>}
          {result && (
            <Alert color="green" data-testid="sign-result">
              {t('transcripts.sign.done', {
                signed: result.signed.length,
                skipped: result.skipped.length,
                signer: result.signerName,
              })}
              {result.skipped.slice(0, 3).map((s) => (
                <Text key={s.id} size="xs">
                  {s.reason}
                </Text>
              ))}
            </Alert>
          )}
          <Button type="submit" loading={sign.isPending} disabled={!file} data-testid="sign-submit">
            {t('transcripts.sign.submit')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
