import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Input,
  NativeSelect,
  Pagination,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ImportJob, ImportKind, type ImportRowError } from '@smartedu/contracts';
import { IconAlertTriangle, IconCheck, IconDownload, IconUpload } from '@tabler/icons-react';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { notifyError } from '../../lib/errors';
import { useSchoolOptions } from '../units/units.hooks';
import { importTemplateUrl, useCommitImport, useUploadImport } from './imports.hooks';

const ERRORS_PER_PAGE = 100;

function Count({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl" c={color} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

function ErrorTable({ errors }: { errors: ImportRowError[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pages = Math.ceil(errors.length / ERRORS_PER_PAGE);
  const shown = errors.slice((page - 1) * ERRORS_PER_PAGE, page * ERRORS_PER_PAGE);
  return (
    <>
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs" data-testid="import-error-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('imports.row')}</Table.Th>
                <Table.Th w={70}>{t('imports.column')}</Table.Th>
                <Table.Th w={160}>{t('imports.field')}</Table.Th>
                <Table.Th>{t('imports.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several errors in one column
                <Table.Tr key={`${e.row}-${e.column}-${i}`} data-testid="import-error-row">
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column ?? ''}</Table.Td>
                  <Table.Td>
                    {e.field ? t(`imports.fields.${e.field}`, { defaultValue: e.field }) : ''}
                  </Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" mt="sm" />}
    </>
  );
}

/** Nhập từ Excel: choose kind and school, upload (with progress), review errors, then write. */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const schools = useSchoolOptions();
  const [kind, setKind] = useState<ImportKind>('students');
  const [chosenSchool, setChosenSchool] = useState(search.get('schoolId') ?? '');
  const schoolId = chosenSchool || (schools.options.length === 1 ? schools.options[0].value : '');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [result, setResult] = useState<ImportJob | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const upload = useUploadImport(setProgress);
  const commit = useCommitImport();

  const active = result ? 4 : job ? 2 : file ? 1 : 0;

  const reset = () => {
    setJob(null);
    setResult(null);
    setFile(null);
    setProgress(0);
    upload.reset();
    commit.reset();
    if (fileInput.current) fileInput.current.value = '';
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.currentTarget.files?.[0] ?? null);
    setProgress(0);
    upload.reset();
  };

  const startUpload = () => {
    if (!file || !schoolId) return;
    setProgress(0);
    upload.mutate({ schoolId, kind, file }, { onSuccess: setJob });
  };

  const write = (mode: 'all' | 'valid') => {
    if (!job) return;
    commit.mutate({ job, mode }, { onSuccess: setResult, onError: (err) => notifyError(err) });
  };

  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Stepper active={active} size="sm" mb="lg" allowNextStepsSelect={false} iconSize={28}>
        <Stepper.Step label={t('imports.stepChoose')} />
        <Stepper.Step label={t('imports.stepUpload')} />
        <Stepper.Step label={t('imports.stepReview')} />
        <Stepper.Step label={t('imports.stepDone')} />
      </Stepper>

      {!job && (
        <Paper withBorder p="md" radius="md" maw={760}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('imports.kind')}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as ImportKind)}
                data={ImportKind.options.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
                data-testid="import-kind"
              />
              {schools.options.length !== 1 && (
                <NativeSelect
                  label={t('common.school')}
                  value={schoolId}
                  onChange={(e) => setChosenSchool(e.currentTarget.value)}
                  data={[{ value: '', label: t('common.choose') }, ...schools.options]}
                  data-testid="import-school"
                />
              )}
            </SimpleGrid>
            {schoolId && (
              <Anchor
                href={importTemplateUrl(schoolId, kind)}
                download
                size="sm"
                data-testid="import-template"
              >
                <Group gap={4} component="span">
                  <IconDownload size={16} />
                  {t('imports.template', { kind: t(`imports.kinds.${kind}`) })}
                </Group>
              </Anchor>
            )}
            <Input.Wrapper label={t('imports.file')} description={t('imports.fileHint')}>
              <input
                ref={fileInput}
                type="file"
                accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={onFile}
                data-testid="import-file"
                style={{ display: 'block', marginTop: 6, maxWidth: '100%' }}
              />
            </Input.Wrapper>
            {(upload.isPending || progress > 0) && (
              <Stack gap={4}>
                <Progress
                  value={Math.round(progress * 100)}
                  animated={upload.isPending}
                  striped={upload.isPending}
                  size="lg"
                  data-testid="import-progress"
                />
                <Text size="xs" c="dimmed">
                  {progress < 1
                    ? t('imports.uploading', { percent: Math.round(progress * 100) })
                    : upload.isPending
                      ? t('imports.validating')
                      : t('imports.uploaded')}
                </Text>
              </Stack>
            )}
            {upload.isError && <QueryError error={upload.error} />}
            <Group>
              <Button
                leftSection={<IconUpload size={16} />}
                onClick={startUpload}
                disabled={!file || !schoolId}
                loading={upload.isPending}
                data-testid="import-upload"
              >
                {t('imports.upload')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {job && !result && (
        <Stack data-testid="import-report">
          <Group gap="xs">
            <Title order={3} size="h4">
              {t('imports.report')}
            </Title>
            <Badge variant="light">{job.fileName}</Badge>
            <Badge variant="light" color="gray">
              {t(`imports.kinds.${job.kind}`)}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <Count label={t('imports.totalRows')} value={job.totalRows} testId="import-total" />
            <Count
              label={t('imports.validRows')}
              value={job.validRows}
              color="green.7"
              testId="import-valid"
            />
            <Count
              label={t('imports.errorRows')}
              value={job.errorRows}
              color={job.errorRows ? 'red.7' : undefined}
              testId="import-errors"
            />
          </SimpleGrid>
          {job.errors.length > 0 ? (
            <>
              <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
                {t('imports.hasErrors', { count: job.errorRows })}
              </Alert>
              <ErrorTable errors={job.errors} />
            </>
          ) : (
            <Alert color="green" icon={<IconCheck size={18} />}>
              {t('imports.noErrors')}
            </Alert>
          )}
          <Group>
            <Button
              onClick={() => write('all')}
              disabled={job.errorRows > 0 || job.validRows === 0}
              loading={commit.isPending && commit.variables?.mode === 'all'}
              data-testid="import-commit-all"
            >
              {t('imports.commitAll')}
            </Button>
            <Button
              variant="light"
              onClick={() => write('valid')}
              disabled={job.validRows === 0}
              loading={commit.isPending && commit.variables?.mode === 'valid'}
              data-testid="import-commit-valid"
            >
              {t('imports.commitValid', { count: job.validRows })}
            </Button>
            <Button variant="subtle" color="gray" onClick={reset}>
              {t('imports.chooseAnother')}
            </Button>
          </Group>
        </Stack>
      )}

      {result && (
        <Stack data-testid="import-result" maw={760}>
          <Alert color="green" icon={<IconCheck size={18} />} title={t('imports.doneTitle')}>
            {t('imports.doneText', { file: result.fileName })}
          </Alert>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <Count
              label={t('imports.created')}
              value={result.created}
              color="green.7"
              testId="import-created"
            />
            <Count
              label={t('imports.updated')}
              value={result.updated}
              color="blue.7"
              testId="import-updated"
            />
            <Count label={t('imports.unchanged')} value={result.unchanged} testId="import-unchanged" />
          </SimpleGrid>
          {result.errorRows > 0 && (
            <Text size="sm" c="dimmed">
              {t('imports.skipped', { count: result.errorRows })}
            </Text>
          )}
          <Group>
            <Button onClick={reset} data-testid="import-again">
              {t('imports.importAnother')}
            </Button>
          </Group>
        </Stack>
      )}
    </>
  );
}
