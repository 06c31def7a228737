import {
  Alert,
  Badge,
  Box,
  Center,
  Code,
  FileInput,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { TranscriptPublicStatus, TranscriptVerification, VerifiedSignature } from '@smartedu/contracts';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconFileTypePdf,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LanguageSwitch } from '../../app/language-switch';
import { errorMessage } from '../../lib/errors';
import { usePublicStatus, useVerifyPdf } from './transcripts.hooks';

const VERDICT_COLOR: Record<TranscriptVerification['verdict'], string> = {
  valid_original: 'green',
  valid_not_latest: 'yellow',
  valid_unknown: 'yellow',
  invalid: 'red',
  unsigned: 'red',
};
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('vi-VN') : '—');

/**
 * Xác thực học bạ số (public, no login): anyone uploads a transcript PDF and learns whether its signatures
 * verify, who signed it and when, and whether it is byte for byte the original stored by the school. Opened
 * from the QR code (/verify/:id) it also shows the transcript's status, without any grades.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const status = usePublicStatus(id);
  const verify = useVerifyPdf();

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder radius="md" p="lg" w="100%" maw={760}>
        <Stack gap="md">
          <Group justify="space-between">
            <Group gap="sm">
              <ThemeIcon size="lg" radius="md" variant="light">
                <IconShieldCheck size={22} />
              </ThemeIcon>
              <div>
                <Title order={3}>{t('transcripts.verify.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('transcripts.verify.subtitle')}
                </Text>
              </div>
            </Group>
            <LanguageSwitch />
          </Group>
          {id && status.isPending && <Loader size="sm" />}
          {id && status.isError && <Alert color="red">{errorMessage(status.error)}</Alert>}
          {status.data && <StatusCard status={status.data} />}
          <FileInput
            label={t('transcripts.verify.file')}
            placeholder={t('transcripts.verify.filePlaceholder')}
            accept="application/pdf,.pdf"
            leftSection={<IconFileTypePdf size={16} />}
            onChange={(file) => file && verify.mutate(file)}
            clearable
            data-testid="verify-file"
          />
          {verify.isPending && <Loader size="sm" />}
          {verify.isError && <Alert color="red">{errorMessage(verify.error)}</Alert>}
          {verify.data && <VerificationResult result={verify.data} expectedId={id} />}
        </Stack>
      </Paper>
    </Center>
  );
}

function StatusCard({ status }: { status: TranscriptPublicStatus }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="verify-status">
      <Text fw={600}>
        {status.studentName} ·{' '}
        {t('transcripts.verify.classYear', { className: status.className, year: status.schoolYear })}
      </Text>
      <Text size="sm">{status.schoolName}</Text>
      <Group gap="xs" mt={4}>
        <Badge variant="light">{t(`transcripts.status.${status.status}`)}</Badge>
        {status.signatures.map((s) => (
          <Text key={s.role} size="xs" c="dimmed">
            {t(`transcripts.role.${s.role}`)}: {s.signerName} ({when(s.signedAt)})
          </Text>
        ))}
      </Group>
    </Paper>
  );
}

function VerificationResult({ result, expectedId }: { result: TranscriptVerification; expectedId?: string }) {
  const { t } = useTranslation();
  const color = VERDICT_COLOR[result.verdict];
  const ok = result.verdict === 'valid_original';
  const otherTranscript = expectedId && result.transcript && result.transcript.id !== expectedId;
  return (
    <Stack
      gap="sm"
      data-testid="verify-result"
      data-verdict={result.verdict}
      data-valid={String(result.valid)}
    >
      <Alert
        color={color}
        icon={
          ok ? (
            <IconCircleCheck size={20} />
          ) : result.valid ? (
            <IconAlertTriangle size={20} />
          ) : (
            <IconCircleX size={20} />
          )
        }
        title={t(`transcripts.verify.verdict.${result.verdict}`)}
      >
        {result.message}
        {otherTranscript && <Text size="sm">{t('transcripts.verify.otherTranscript')}</Text>}
      </Alert>
      {result.transcript && <StatusCard status={result.transcript} />}
      {result.signatures.map((s) => (
        <SignatureCard key={`${s.fieldName}-${s.certificateFingerprint}-${s.signingTime}`} signature={s} />
      ))}
      <Box>
        <Text size="xs" c="dimmed">
          SHA-256
        </Text>
        <Code block>{result.sha256}</Code>
      </Box>
    </Stack>
  );
}

function SignatureCard({ signature: s }: { signature: VerifiedSignature }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      data-testid="verify-signer"
      data-valid={String(s.valid)}
      data-signer={s.signerName ?? ''}
    >
      <Group justify="space-between">
        <Text fw={600}>
          {s.signerName ?? t('transcripts.verify.unknownSigner')}
          {s.role && (
            <Text span c="dimmed" size="sm">
              {' '}
              · {t(`transcripts.role.${s.role}`)}
            </Text>
          )}
        </Text>
        <Badge color={s.valid ? 'green' : 'red'}>
          {s.valid ? t('transcripts.verify.signatureValid') : t('transcripts.verify.signatureInvalid')}
        </Badge>
      </Group>
      <Text size="sm">
        {t('transcripts.verify.signedAt')}: {when(s.signingTime)}
      </Text>
      <Text size="sm">
        {t('transcripts.verify.issuer')}: {s.issuerName ?? '—'} · {t('transcripts.verify.serial')}:{' '}
        {s.serialNumber ?? '—'}
      </Text>
      <Text size="sm">{t(`transcripts.verify.modifiedAfter.${s.modifiedAfter}`)}</Text>
      {s.errors.length > 0 && (
        <Text size="xs" c="red">
          {s.errors.join(', ')}
        </Text>
      )}
    </Paper>
  );
}
