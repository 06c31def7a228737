import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { formatConductCell, type GradeResultPeriod, type TermLockState } from '@smartedu/contracts';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import {
  awardLabel,
  conductLabel,
  learningLabel,
  primaryResultLabel,
  promotionLabel,
  qualityLabel,
  shortResult,
} from './grade-labels';
import {
  useClassSummary,
  useConductSheet,
  useGradebookClass,
  useLockTerm,
  useSaveConduct,
} from './gradebook.hooks';
import { UnlockRequestButton, UnlockRequestsPanel } from './unlock-requests';

const termName = (t: (k: string) => string, n: number) => t(n === 1 ? 'gradebook.term1' : 'gradebook.term2');

/** Sổ điểm của lớp: subjects, approval and locks (principal), class summary, conduct (homeroom teacher). */
export function GradebookClassPage() {
  const { t } = useTranslation();
  const { schoolId = '', classId = '' } = useParams();
  const overview = useGradebookClass(schoolId, classId);
  if (overview.isPending) return <PageLoader />;
  if (overview.isError) return <QueryError error={overview.error} />;
  const o = overview.data;
  return (
    <>
      <PageHeader
        title={`${t('gradebook.classBook')} — ${t('common.class')} ${o.className}`}
        subtitle={t(o.circular === 'TT22' ? 'gradebook.circular22' : 'gradebook.circular27')}
        back={{ to: '/gradebook', label: t('nav.gradebook') }}
      />
      <LockPanel schoolId={schoolId} classId={classId} />
      <UnlockRequestsPanel schoolId={schoolId} classId={classId} />
      <Tabs defaultValue="subjects" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="subjects">{t('gradebook.subjects')}</Tabs.Tab>
          <Tabs.Tab value="summary" data-testid="tab-summary">
            {t('gradebook.summary')}
          </Tabs.Tab>
          <Tabs.Tab value="conduct" data-testid="tab-conduct">
            {t(o.circular === 'TT22' ? 'gradebook.conduct' : 'gradebook.qualities')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="subjects">
          <Table withTableBorder striped data-testid="gradebook-subjects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('gradebook.subject')}</Table.Th>
                <Table.Th>{t('gradebook.published')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.subjects.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {s.name}
                    {s.canEdit && !o.subjects.every((x) => x.canEdit) && (
                      <Badge ml="xs" size="sm" variant="light">
                        {t('gradebook.yours')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{s.publishedTerms.map((n) => termName(t, n)).join(', ')}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {[1, 2].map((n) => (
                        <Anchor
                          key={n}
                          component={Link}
                          to={`/gradebook/classes/${schoolId}/${classId}/grid?subjectId=${s.id}&termNo=${n}`}
                          data-testid="subject-link"
                          data-subject={s.code}
                          data-term={n}
                        >
                          {termName(t, n)}
                        </Anchor>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="summary">
          <SummaryPanel schoolId={schoolId} classId={classId} />
        </Tabs.Panel>
        <Tabs.Panel value="conduct">
          <ConductPanel schoolId={schoolId} classId={classId} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function LockBadge({ lock }: { lock: TermLockState }) {
  const { t } = useTranslation();
  const color = lock.status === 'locked' ? 'gray' : lock.status === 'approved' ? 'orange' : 'green';
  return (
    <Badge color={color} variant="light" data-testid={`term-status-${lock.termNo}`} data-status={lock.status}>
      {t(`gradebook.lock.${lock.status}`)}
    </Badge>
  );
}

function LockPanel({ schoolId, classId }: { schoolId: string; classId: string }) {
  const { t } = useTranslation();
  const overview = useGradebookClass(schoolId, classId);
  const lock = useLockTerm(schoolId, classId);
  const [unlockTerm, setUnlockTerm] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const o = overview.data;
  if (!o) return null;
  const run = (termNo: number, unlock: boolean) =>
    lock.mutate(
      { termNo, unlock, reason },
      {
        onSuccess: () => {
          notifySuccess(
            t(unlock ? 'gradebook.unlocked' : 'gradebook.lockedDone', { term: termName(t, termNo) }),
          );
          setUnlockTerm(null);
          setReason('');
        },
        onError: (err) => notifyError(err),
      },
    );
  return (
    <Paper withBorder p="md" radius="md" mb="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {o.locks.map((l) => (
          <Stack key={l.termNo} gap={4}>
            <Group gap="xs">
              <Text fw={600}>{termName(t, l.termNo)}</Text>
              <LockBadge lock={l} />
            </Group>
            {l.lockedAt && (
              <Text size="xs" c="dimmed">
                {t('gradebook.lockedBy', { name: l.lockedByName ?? '', at: formatDateTime(l.lockedAt) })}
              </Text>
            )}
            {o.canLock &&
              (l.status === 'locked' ? (
                <Button
                  size="xs"
                  variant="default"
                  w="fit-content"
                  leftSection={<IconLockOpen size={14} />}
                  onClick={() => setUnlockTerm(l.termNo)}
                  data-testid="term-unlock"
                  data-term={l.termNo}
                >
                  {t('gradebook.unlock')}
                </Button>
              ) : (
                <Button
                  size="xs"
                  w="fit-content"
                  leftSection={<IconLock size={14} />}
                  loading={lock.isPending}
                  onClick={() => run(l.termNo, false)}
                  data-testid="term-lock"
                  data-term={l.termNo}
                >
                  {t('gradebook.approveLock')}
                </Button>
              ))}
            {!o.canLock && l.status === 'locked' && (
              <UnlockRequestButton
                schoolId={schoolId}
                classId={classId}
                termNo={l.termNo}
                subjects={o.subjects.filter((s) => s.canEdit)}
              />
            )}
          </Stack>
        ))}
      </SimpleGrid>
      {o.unlocks.length > 0 && (
        <Stack gap={2} mt="sm">
          <Text size="sm" fw={600}>
            {t('gradebook.unlockHistory')}
          </Text>
          {o.unlocks.slice(0, 5).map((u) => (
            <Text size="xs" c="dimmed" key={u.id}>
              {formatDateTime(u.unlockedAt)} · {termName(t, u.termNo)} · {u.unlockedByName}: {u.reason}
            </Text>
          ))}
        </Stack>
      )}
      <Modal
        opened={unlockTerm !== null}
        onClose={() => setUnlockTerm(null)}
        title={t('gradebook.unlockTitle')}
      >
        <Stack>
          <Text size="sm">{t('gradebook.unlockHelp')}</Text>
          <Textarea
            label={t('gradebook.unlockReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            minRows={3}
            autosize
            data-testid="unlock-reason"
            error={
              reason.length > 0 && reason.trim().length < 10 ? t('gradebook.unlockReasonShort') : undefined
            }
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnlockTerm(null)}>
              {t('actions.cancel')}
            </Button>
            <Button
              color="orange"
              disabled={reason.trim().length < 10}
              loading={lock.isPending}
              onClick={() => unlockTerm && run(unlockTerm, true)}
              data-testid="unlock-confirm"
            >
              {t('gradebook.unlock')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function SummaryPanel({ schoolId, classId }: { schoolId: string; classId: string }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<GradeResultPeriod>('year');
  const summary = useClassSummary(schoolId, classId, period);
  const s = summary.data;
  return (
    <>
      <SegmentedControl
        mb="sm"
        value={period}
        onChange={(v) => setPeriod(v as GradeResultPeriod)}
        data={[
          { value: 'term1', label: t('gradebook.term1') },
          { value: 'term2', label: t('gradebook.term2') },
          { value: 'year', label: t('gradebook.year') },
        ]}
      />
      {summary.isError && <QueryError error={summary.error} />}
      {summary.isPending && <PageLoader />}
      {s && (
        <ScrollArea type="auto">
          <Table withTableBorder withColumnBorders striped data-testid="class-summary" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th miw={170}>{t('common.fullName')}</Table.Th>
                {s.subjects.map((sub) => (
                  <Table.Th key={sub.id} ta="center" title={sub.name} style={{ whiteSpace: 'nowrap' }}>
                    {sub.name.replace(/\s*\(.*\)$/, '')}
                  </Table.Th>
                ))}
                {s.circular === 'TT22' ? (
                  <>
                    <Table.Th>{t('gradebook.learning')}</Table.Th>
                    <Table.Th>{t('gradebook.conduct')}</Table.Th>
                    {period === 'year' && <Table.Th>{t('gradebook.promotion')}</Table.Th>}
                  </>
                ) : (
                  period === 'year' && <Table.Th>{t('gradebook.yearResult')}</Table.Th>
                )}
                {period === 'year' && (
                  <Table.Th ta="center" title={t('gradebook.absencesHelp')}>
                    {t('gradebook.absencesShort')}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.rows.map((r, i) => (
                <Table.Tr key={r.studentId} data-testid="summary-row">
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/gradebook/report/${schoolId}/${r.studentId}`} size="sm">
                      {r.fullName}
                    </Anchor>
                  </Table.Td>
                  {s.subjects.map((sub) => (
                    <Table.Td key={sub.id} ta="center">
                      {shortResult(r.subjects[sub.id], s.circular)}
                    </Table.Td>
                  ))}
                  {s.circular === 'TT22' ? (
                    <>
                      <Table.Td>{learningLabel(r.result.learning)}</Table.Td>
                      <Table.Td>{conductLabel(r.result.conduct)}</Table.Td>
                      {period === 'year' && (
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {promotionLabel(r.result.promotion)}
                          {r.result.award ? ` · ${awardLabel(r.result.award)}` : ''}
                        </Table.Td>
                      )}
                    </>
                  ) : (
                    period === 'year' && <Table.Td>{primaryResultLabel(r.result.primaryResult)}</Table.Td>
                  )}
                  {period === 'year' && (
                    <Table.Td
                      ta="center"
                      data-testid="summary-absences"
                      c={(r.result.absentSessions ?? 0) > 45 ? 'red' : undefined}
                      title={
                        r.result.absentSessions === null
                          ? undefined
                          : t('gradebook.absencesValue', {
                              total: r.result.absentSessions,
                              excused: r.result.absentExcused ?? 0,
                              unexcused: r.result.absentUnexcused ?? 0,
                            })
                      }
                    >
                      {r.result.absentSessions ?? '—'}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </>
  );
}

function ConductPanel({ schoolId, classId }: { schoolId: string; classId: string }) {
  const { t } = useTranslation();
  const [termNo, setTermNo] = useState(2);
  const sheet = useConductSheet(schoolId, classId, termNo);
  const save = useSaveConduct(schoolId, classId);
  const s = sheet.data;
  const options = (scale: 'conduct' | 'quality') => [
    { value: '', label: '' },
    ...(scale === 'conduct' ? ['T', 'K', 'D', 'CD'] : ['T', 'D', 'CCG']).map((v) => ({
      value: v,
      label: formatConductCell(v),
    })),
  ];
  return (
    <>
      <Group mb="sm" justify="space-between">
        <SegmentedControl
          value={String(termNo)}
          onChange={(v) => setTermNo(Number(v))}
          data={[
            { value: '1', label: t('gradebook.term1') },
            { value: '2', label: t('gradebook.term2') },
          ]}
        />
        {s && !s.canEdit && (
          <Text size="sm" c="dimmed">
            {t('gradebook.readOnly')}
          </Text>
        )}
      </Group>
      {sheet.isError && <QueryError error={sheet.error} />}
      {sheet.isPending && <PageLoader />}
      {s && (
        <ScrollArea type="auto">
          <Table withTableBorder withColumnBorders striped fz="sm" data-testid="conduct-sheet">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th miw={170}>{t('common.fullName')}</Table.Th>
                {s.aspects.map((a) => (
                  <Table.Th key={a.code} ta="center" title={a.name} style={{ whiteSpace: 'nowrap' }}>
                    {a.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.rows.map((r, i) => (
                <Table.Tr key={r.studentId}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.fullName}</Table.Td>
                  {s.aspects.map((a) => {
                    const value = r.values[a.code] ?? '';
                    return (
                      <Table.Td key={a.code} ta="center" p={2}>
                        {s.canEdit ? (
                          <NativeSelect
                            size="xs"
                            aria-label={`${r.fullName} ${a.name}`}
                            data={options(a.scale)}
                            value={value}
                            data-testid="conduct-cell"
                            data-student={r.studentId}
                            data-aspect={a.code}
                            onChange={(e) =>
                              save.mutate(
                                {
                                  termNo,
                                  changes: [
                                    {
                                      studentId: r.studentId,
                                      aspect: a.code,
                                      value: e.currentTarget.value || null,
                                      expected: value || null,
                                    },
                                  ],
                                },
                                { onError: (err) => notifyError(err) },
                              )
                            }
                          />
                        ) : a.scale === 'conduct' ? (
                          conductLabel(value)
                        ) : (
                          qualityLabel(value)
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <Title order={6} mt="sm" c="dimmed" fw={400}>
        {t(s?.circular === 'TT27' ? 'gradebook.qualitiesHelp' : 'gradebook.conductHelp')}
      </Title>
    </>
  );
}
