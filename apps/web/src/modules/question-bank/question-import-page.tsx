import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { QuestionImportReport } from '@smartedu/contracts';
import { IconCheck, IconDownload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-state';
import { useSubjects } from '../reference/reference.hooks';
import { MathText } from './math-text';
import { templateUrl, useImportQuestions } from './question-bank.hooks';
import { GRADES, LEVELS, QuestionBankNav, useWriteUnit, vn } from './question-bank-nav';

const formatOf = (name: string): 'docx' | 'xlsx' | 'qti' | null => {
  const ext = name.split('.').pop()?.toLowerCase();
  return ext === 'docx' ? 'docx' : ext === 'xlsx' ? 'xlsx' : ext === 'zip' ? 'qti' : null;
};

/** Nhập câu hỏi từ Word, Excel hoặc QTI: check first (every mistake by question number), then import. */
export function QuestionImportPage() {
  const { t } = useTranslation();
  const schoolId = useWriteUnit();
  const subjects = useSubjects();
  const [file, setFile] = useState<File | null>(null);
  const [defaults, setDefaults] = useState({
    subjectCode: '',
    grade: '',
    level: '',
    topic: '',
    scope: 'own',
  });
  const [report, setReport] = useState<QuestionImportReport | null>(null);
  const run = useImportQuestions(schoolId);
  const format = file ? formatOf(file.name) : null;
  const go = async (mode: 'preview' | 'valid') => {
    if (!file || !format) return;
    setReport(await run.mutateAsync({ file, query: { format, mode, ...defaults } }));
  };
  const errors = report?.issues.filter((i) => i.severity === 'error') ?? [];
  const warnings = report?.issues.filter((i) => i.severity === 'warning') ?? [];
  return (
    <>
      <PageHeader
        title={t('questionBank.import.title')}
        subtitle={t('questionBank.import.subtitle')}
        actions={
          <>
            <Button
              component="a"
              href={templateUrl('docx')}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('questionBank.import.wordTemplate')}
            </Button>
            <Button
              component="a"
              href={templateUrl('xlsx')}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('questionBank.import.excelTemplate')}
            </Button>
          </>
        }
      />
      <QuestionBankNav />
      <Paper withBorder p="md" radius="md" mb="md">
        <Stack gap="sm">
          <FileInput
            label={t('questionBank.import.file')}
            description={t('questionBank.import.fileHelp')}
            accept=".docx,.xlsx,.zip"
            value={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
            }}
            leftSection={<IconUpload size={16} />}
            data-testid="qb-import-file"
            clearable
          />
          {file && !format && <Alert color="red">{t('questionBank.import.badFormat')}</Alert>}
          <Text size="sm" c="dimmed">
            {t('questionBank.import.defaults')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 5 }}>
            <NativeSelect
              label={t('questionBank.subject')}
              value={defaults.subjectCode}
              onChange={(e) => setDefaults({ ...defaults, subjectCode: e.currentTarget.value })}
              data={[
                { value: '', label: t('questionBank.import.fromFile') },
                ...(subjects.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.level})` })),
              ]}
            />
            <NativeSelect
              label={t('questionBank.grade')}
              value={defaults.grade}
              onChange={(e) => setDefaults({ ...defaults, grade: e.currentTarget.value })}
              data={[{ value: '', label: t('questionBank.import.fromFile') }, ...GRADES]}
            />
            <NativeSelect
              label={t('questionBank.level')}
              value={defaults.level}
              onChange={(e) => setDefaults({ ...defaults, level: e.currentTarget.value })}
              data={[
                { value: '', label: t('questionBank.import.fromFile') },
                ...LEVELS.map((l) => ({ value: l, label: t(`questionBank.levels.${l}`) })),
              ]}
            />
            <TextInput
              label={t('questionBank.topic')}
              value={defaults.topic}
              onChange={(e) => setDefaults({ ...defaults, topic: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('questionBank.scope')}
              value={defaults.scope}
              onChange={(e) => setDefaults({ ...defaults, scope: e.currentTarget.value })}
              data={['own', 'school', 'department'].map((s) => ({
                value: s,
                label: t(`questionBank.scopes.${s}`),
              }))}
            />
          </SimpleGrid>
          <Group>
            <Button
              onClick={() => go('preview')}
              disabled={!format || !schoolId}
              loading={run.isPending}
              data-testid="qb-import-check"
            >
              {t('questionBank.import.check')}
            </Button>
            {report && report.mode === 'preview' && report.valid > 0 && (
              <Button
                color="green"
                leftSection={<IconCheck size={16} />}
                onClick={() => go('valid')}
                loading={run.isPending}
                data-testid="qb-import-commit"
              >
                {t('questionBank.import.commit', { count: report.valid })}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      {run.isError && <QueryError error={run.error} />}
      {report && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(
              [
                ['total', report.total],
                ['valid', report.valid],
                ['errors', new Set(errors.map((e) => e.question ?? -1)).size],
                ['imported', report.imported],
              ] as const
            ).map(([k, v]) => (
              <Card key={k} withBorder padding="sm" radius="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t(`questionBank.import.counts.${k}`)}
                </Text>
                <Text fw={700} size="xl" data-testid={`qb-import-${k}`}>
                  {v}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          {report.issues.length > 0 && (
            <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
              <Table striped verticalSpacing="xs" data-testid="qb-import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={90}>{t('questionBank.import.question')}</Table.Th>
                    <Table.Th w={110}>{t('questionBank.import.kind')}</Table.Th>
                    <Table.Th>{t('questionBank.import.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...errors, ...warnings].map((i, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one question may have several issues
                    <Table.Tr key={k} data-testid="qb-import-error">
                      <Table.Td>{i.question ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge color={i.severity === 'error' ? 'red' : 'yellow'} variant="light">
                          {i.severity === 'error'
                            ? t('questionBank.import.error')
                            : t('questionBank.import.warning')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {i.message}{' '}
                        <Text span size="xs" c="dimmed">
                          ({i.code})
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
          {report.questions.length > 0 && (
            <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
              <Table striped verticalSpacing="xs" data-testid="qb-import-preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>#</Table.Th>
                    <Table.Th>{t('questionBank.stem')}</Table.Th>
                    <Table.Th>{t('questionBank.answer')}</Table.Th>
                    <Table.Th>{t('questionBank.topic')}</Table.Th>
                    <Table.Th>{t('questionBank.level')}</Table.Th>
                    <Table.Th>{t('questionBank.points')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.questions.map((q) => (
                    <Table.Tr key={q.number} opacity={q.duplicateOf ? 0.5 : 1}>
                      <Table.Td>{q.number}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2} component="div">
                          <MathText text={q.stem} />
                        </Text>
                        {q.duplicateOf && (
                          <Badge size="xs" color="gray" variant="light">
                            {t('questionBank.exactDuplicate')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{q.answer}</Table.Td>
                      <Table.Td>{q.topic}</Table.Td>
                      <Table.Td>{q.level}</Table.Td>
                      <Table.Td>{vn(q.points)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Stack>
      )}
    </>
  );
}
