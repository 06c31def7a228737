import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileTypePdf, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import {
  answerKeyUrl,
  printUrl,
  useGenerateVersions,
  useTest,
  useTestVersion,
  useUpdateTest,
} from './question-bank.hooks';
import { LEVEL_COLORS, QuestionBankNav, vn } from './question-bank-nav';
import { QuestionView } from './question-view';

/** One test: its questions, versions (mã đề), paper copies with answer keys. */
export function TestDetailPage() {
  const { t } = useTranslation();
  const { schoolId = '', id = '' } = useParams();
  const test = useTest(schoolId, id);
  const [code, setCode] = useState<string | null>(null);
  const [count, setCount] = useState(4);
  const version = useTestVersion(schoolId, id, code);
  const generate = useGenerateVersions(schoolId, id);
  const update = useUpdateTest(schoolId, id);
  if (test.isPending) return <PageLoader />;
  if (test.isError) return <QueryError error={test.error} />;
  const d = test.data;
  const levelOf = new Map(d.items.map((i) => [i.position, i]));
  const shown =
    code && version.data
      ? version.data.items.map((i) => ({
          ...i,
          level: levelOf.get(i.position)?.level ?? null,
          sourceSchool: levelOf.get(i.position)?.questionSchoolId ?? schoolId,
        }))
      : d.items.map((i, n) => ({ ...i, number: n + 1, answer: '', sourceSchool: i.questionSchoolId }));
  return (
    <>
      <PageHeader
        title={d.title}
        subtitle={`${d.schoolName} · ${t('questionBank.gradeN', { grade: d.grade })} · ${d.durationMinutes} ${t('questionBank.tests.minutes')} · ${t('questionBank.tests.total')}: ${vn(d.totalPoints)}`}
        back={{ to: '/question-bank/tests', label: t('questionBank.tests.title') }}
        actions={
          <>
            <Badge size="lg" variant="light">
              {t(`questionBank.tests.statuses.${d.status}`)}
            </Badge>
            {d.canEdit && d.editable && d.status !== 'ready' && (
              <Button
                variant="light"
                onClick={() =>
                  update
                    .mutateAsync({ status: 'ready' })
                    .then(() => notifySuccess(t('questionBank.saved')), notifyError)
                }
              >
                {t('questionBank.tests.markReady')}
              </Button>
            )}
          </>
        }
      />
      <QuestionBankNav />
      {!d.editable && (
        <Alert color="red" icon={<IconLock size={16} />} mb="md" data-testid="test-locked">
          {t('questionBank.tests.lockedUntil', {
            until: d.lockedUntil ? new Date(d.lockedUntil).toLocaleString('vi-VN') : '',
          })}
        </Alert>
      )}
      <Paper withBorder p="md" radius="md" mb="md" data-testid="test-versions">
        <Group justify="space-between" wrap="wrap" mb="sm">
          <Title order={4}>{t('questionBank.tests.versions')}</Title>
          {d.canEdit && d.editable && (
            <Group gap="xs">
              <NumberInput
                w={90}
                min={1}
                max={24}
                value={count}
                onChange={(v) => setCount(Number(v) || 1)}
                aria-label={t('questionBank.tests.versionCount')}
              />
              <Button
                variant="light"
                loading={generate.isPending}
                onClick={() =>
                  generate
                    .mutateAsync({ count })
                    .then(() => notifySuccess(t('questionBank.tests.generated')), notifyError)
                }
                data-testid="test-generate"
              >
                {t('questionBank.tests.generate')}
              </Button>
            </Group>
          )}
        </Group>
        {d.versions.length === 0 ? (
          <Text c="dimmed">{t('questionBank.tests.noVersions')}</Text>
        ) : (
          <Stack gap="xs">
            <Group gap="xs">
              {d.versions.map((v) => (
                <Group key={v.code} gap={4} data-testid="test-version">
                  <Badge size="lg" variant="outline">
                    {v.code}
                  </Badge>
                  <Anchor href={printUrl(schoolId, id, v.code, false)} target="_blank" size="sm">
                    <IconFileTypePdf size={14} /> {t('questionBank.tests.paper')}
                  </Anchor>
                  <Text span c="dimmed" size="sm">
                    ·
                  </Text>
                  <Anchor href={printUrl(schoolId, id, v.code)} target="_blank" size="sm">
                    {t('questionBank.tests.paperWithKey')}
                  </Anchor>
                </Group>
              ))}
            </Group>
            <Group gap="xs">
              <Button
                component="a"
                href={answerKeyUrl(schoolId, id)}
                size="xs"
                variant="default"
                leftSection={<IconDownload size={14} />}
              >
                {t('questionBank.tests.answerKey')}
              </Button>
              <SegmentedControl
                size="xs"
                value={code ?? ''}
                onChange={(v) => setCode(v || null)}
                data={[
                  { value: '', label: t('questionBank.tests.original') },
                  ...d.versions.map((v) => ({ value: v.code, label: v.code })),
                ]}
              />
            </Group>
          </Stack>
        )}
      </Paper>
      <Stack gap="sm">
        {shown.map((item) => (
          <Paper key={`${item.position}-${item.number}`} withBorder p="sm" radius="md">
            <Group justify="space-between" mb={4}>
              <Text fw={700}>
                {t('questionBank.tests.questionN', { n: item.number })}
                {item.answer && (
                  <Text span c="green.8" ml="xs">
                    ({t('questionBank.answer')}: {item.answer})
                  </Text>
                )}
              </Text>
              <Group gap={4}>
                {item.level && (
                  <Badge color={LEVEL_COLORS[item.level]} variant="light">
                    {item.level}
                  </Badge>
                )}
                <Badge variant="outline">
                  {vn(item.points)} {t('questionBank.pointsUnit')}
                </Badge>
              </Group>
            </Group>
            <QuestionView body={item.body} schoolId={item.sourceSchool} />
          </Paper>
        ))}
      </Stack>
    </>
  );
}
