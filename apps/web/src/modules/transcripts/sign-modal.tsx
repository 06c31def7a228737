import {
  Alert,
  Button,
  FileInput,
  Modal,
  PasswordInput,
  Progress,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import type { TranscriptSignJob, TranscriptSignResult, TranscriptSignRole } from '@smartedu/contracts';
import { IconCertificate, IconLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors';
import { useSignJob, useSignJobs, useSignTranscripts } from './transcripts.hooks';

export type SignTarget = { schoolId: string; classId: string; transcriptId?: string; label: string };

/**
 * Ký số: the signer chooses their own certificate file (.p12/.pfx) and types its password; both go to the
 * server for this signature only and are not kept. One transcript (signed at once), or every ready transcript of
 * the class (a background job on the server: the modal follows its progress).
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
  const [startedId, setJobId] = useState<string | null>(null);
  // A class signing still running from before (the window was closed, the page reloaded): follow it.
  const recent = useSignJobs(target?.schoolId ?? '', target && !target.transcriptId ? target.classId : null);
  const latest = recent.data?.items[0];
  const jobId =
    startedId ?? (latest && (latest.status === 'queued' || latest.status === 'running') ? latest.id : null);
  const job = useSignJob(target?.schoolId ?? '', jobId);
  const running = job.data ? job.data.status === 'queued' || job.data.status === 'running' : jobId !== null;

  const close = () => {
    setFile(null);
    setPassword('');
    setResult(null);
    setJobId(null);
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
          if (r.kind === 'single') setResult(r.result);
          else setJobId(r.job.id);
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
            {t(target?.transcriptId ? 'transcripts.sign.privacy' : 'transcripts.sign.privacyClass')}
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
          {jobId && <SignJobProgress job={job.data ?? null} />}
          <Button
            type="submit"
            loading={sign.isPending || running}
            disabled={!file}
            data-testid="sign-submit"
          >
            {t('transcripts.sign.submit')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

/** Progress of a class signing job: signed n of m, then the students skipped or in error. */
function SignJobProgress({ job }: { job: TranscriptSignJob | null }) {
  const { t } = useTranslation();
  if (!job)
    return (
      <Text size="sm" data-testid="sign-job-queued">
        {t('transcripts.sign.queued')}
      </Text>
    );
  const counts = {
    processed: job.processed,
    total: job.total,
    signed: job.signed,
    skipped: job.skipped.length,
    errors: job.errors.length,
    signer: job.signerName ?? '',
  };
  if (job.status === 'failed')
    return (
      <Alert color="red" data-testid="sign-job" data-status={job.status}>
        {t('transcripts.sign.jobFailed', { message: job.message ?? '' })}
      </Alert>
    );
  const finished = job.status === 'done';
  return (
    <Stack gap={4} data-testid="sign-job" data-status={job.status}>
      <Progress value={job.total ? (100 * job.processed) / job.total : 0} animated={!finished} />
      <Alert color={finished ? (job.errors.length ? 'orange' : 'green') : 'blue'} data-testid="sign-result">
        {t(finished ? 'transcripts.sign.jobDone' : 'transcripts.sign.progress', counts)}
        {job.errors.length > 0 && (
          <>
            <Text size="xs" fw={600} mt={4}>
              {t('transcripts.sign.errorsTitle')}
            </Text>
            {job.errors.map((e) => (
              <Text key={e.transcriptId} size="xs" data-testid="sign-job-error">
                {e.studentName}: {e.reason}
              </Text>
            ))}
          </>
        )}
        {finished && job.skipped.length > 0 && (
          <>
            <Text size="xs" fw={600} mt={4}>
              {t('transcripts.sign.skippedTitle')}
            </Text>
            {job.skipped.slice(0, 10).map((e) => (
              <Text key={e.transcriptId} size="xs">
                {e.studentName}: {e.reason}
              </Text>
            ))}
          </>
        )}
      </Alert>
    </Stack>
  );
}
