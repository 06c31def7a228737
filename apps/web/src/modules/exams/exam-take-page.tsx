import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import type { ExamQuestion, ExamSession, StudentAnswer } from '@smartedu/contracts';
import { IconAlertTriangle, IconCheck, IconClock, IconWifi, IconWifiOff } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader, QueryError } from '../../components/query-state';
import { errorMessage } from '../../lib/errors';
import { clockOffset, ExamSync, type SyncSnapshot } from './exam-sync';
import { startAttempt, submitAttempt, useMyExams } from './exams.hooks';
import { MathText } from './math-text';

const LETTERS = 'ABCDEFGH';

/** Làm bài thi: one question at a time, works on a phone; every answer kept locally and synced. */
export function ExamTakePage() {
  const { t } = useTranslation();
  const { examId = '' } = useParams();
  const mine = useMyExams();
  const exam = mine.data?.find((e) => e.id === examId);
  const [session, setSession] = useState<ExamSession | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setSession(await startAttempt(examId));
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  };

  if (session) return <ExamRunner session={session} />;
  if (mine.isPending) return <PageLoader />;
  return (
    <Stack maw={560} mx="auto" gap="md">
      <Title order={2} fz={{ base: 'h3', sm: 'h2' }}>
        {exam?.title ?? t('exams.take.title')}
      </Title>
      {exam && (
        <Text c="dimmed">
          {t('exams.take.info', {
            minutes: exam.durationMinutes,
            closes: new Date(exam.closesAt).toLocaleString('vi-VN'),
          })}
        </Text>
      )}
      <Alert color="blue" icon={<IconAlertTriangle size={18} />}>
        {t('exams.take.rules')}
      </Alert>
      {Boolean(error) && <QueryError error={error} />}
      <Button size="lg" onClick={start} loading={starting} data-testid="exam-start">
        {exam?.attempt ? t('exams.take.resume') : t('exams.take.start')}
      </Button>
      <Button variant="subtle" component={Link} to="/exams">
        {t('exams.take.back')}
      </Button>
    </Stack>
  );
}

function ExamRunner({ session }: { session: ExamSession }) {
  const { t } = useTranslation();
  const sync = useRef<ExamSync | null>(null);
  if (!sync.current) sync.current = new ExamSync(session);
  const [answers, setAnswers] = useState<Record<string, StudentAnswer>>(() => sync.current!.answers());
  const [status, setStatus] = useState<SyncSnapshot>(sync.current.snapshot());
  const [index, setIndex] = useState(0);
  const [confirm, setConfirm] = useState(false);
  const [submitted, setSubmitted] = useState(session.attempt.status !== 'in_progress');
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const offset = useRef(clockOffset(session.serverTime));
  const deadline = Date.parse(session.attempt.deadline);
  const [now, setNow] = useState(() => Date.now() + offset.current);

  useEffect(() => {
    const s = sync.current!;
    const off = s.subscribe(setStatus);
    if (!submitted) s.start();
    return () => {
      off();
      s.stop();
    };
  }, [submitted]);

  const submit = useCallback(async () => {
    const s = sync.current!;
    setSubmitting(true);
    setSubmitError(null);
    try {
      await s.flushNow();
      await submitAttempt(session.attempt.schoolId, session.attempt.id);
      s.markClosed();
      if (s.pending().length === 0) s.clear();
      setSubmitted(true);
    } catch (err) {
      setSubmitError(err);
    } finally {
      setSubmitting(false);
      setConfirm(false);
    }
  }, [session]);

  const remaining = Math.max(0, deadline - now);
  const autoSubmitted = useRef(false);
  useEffect(() => {
    if (submitted) return;
    const timer = setInterval(() => setNow(Date.now() + offset.current), 500);
    return () => clearInterval(timer);
  }, [submitted]);
  useEffect(() => {
    // Time is up by the server's clock: send what is left and submit (the server auto-submits anyway).
    if (!submitted && remaining === 0 && !autoSubmitted.current) {
      autoSubmitted.current = true;
      void submit();
    }
  }, [remaining, submitted, submit]);

  const setAnswer = (q: ExamQuestion, a: StudentAnswer) => {
    setAnswers((prev) => ({ ...prev, [q.id]: a }));
    sync.current!.setAnswer(q.id, a);
  };

  if (submitted)
    return (
      <Stack maw={560} mx="auto" align="center" gap="md" py="xl" data-testid="exam-submitted">
        <IconCheck size={48} color="var(--mantine-color-teal-6)" />
        <Title order={3}>{t('exams.take.submitted')}</Title>
        <Text c="dimmed" ta="center">
          {status.pending > 0
            ? t('exams.take.pendingAfterSubmit', { count: status.pending })
            : t('exams.take.resultLater')}
        </Text>
        <Button component={Link} to="/exams" variant="light">
          {t('exams.take.back')}
        </Button>
      </Stack>
    );

  const q = session.questions[index];
  const answered = (id: string) => isAnswered(answers[id]);
  const mm = Math.floor(remaining / 60_000);
  const ss = Math.floor((remaining % 60_000) / 1000);
  const statusLabel = {
    synced: t('exams.take.synced'),
    online: t('exams.take.saving', { count: status.pending }),
    offline: t('exams.take.offline', { count: status.pending }),
    closed: t('exams.take.closed'),
  }[status.state];

  return (
    <Stack maw={760} mx="auto" gap="sm">
      <Paper
        withBorder
        p="xs"
        radius="md"
        style={{ position: 'sticky', top: 0, zIndex: 5, background: 'var(--mantine-color-body)' }}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Badge
            size="lg"
            variant="light"
            color={remaining < 5 * 60_000 ? 'red' : 'blue'}
            leftSection={<IconClock size={14} />}
            data-testid="exam-timer"
          >
            {String(mm).padStart(2, '0')}:{String(ss).padStart(2, '0')}
          </Badge>
          <Badge
            size="lg"
            variant="light"
            color={status.state === 'offline' ? 'orange' : status.state === 'synced' ? 'teal' : 'blue'}
            leftSection={status.state === 'offline' ? <IconWifiOff size={14} /> : <IconWifi size={14} />}
            data-testid="exam-status"
            data-state={status.state}
            data-pending={status.pending}
          >
            {statusLabel}
          </Badge>
        </Group>
      </Paper>
      {status.state === 'offline' && (
        <Alert color="orange" icon={<IconWifiOff size={18} />} py="xs">
          {t('exams.take.offlineHelp')}
        </Alert>
      )}
      <Card
        withBorder
        radius="md"
        p="md"
        data-testid="exam-question"
        data-number={q.number}
        data-type={q.type}
      >
        <Group justify="space-between" mb="xs">
          <Text fw={700}>{t('exams.take.question', { n: index + 1, total: session.questions.length })}</Text>
          <Text size="sm" c="dimmed">
            {t('exams.take.points', { points: q.points })}
          </Text>
        </Group>
        <Box mb="md">
          <MathText text={q.stem} />
        </Box>
        <AnswerInput question={q} value={answers[q.id]} onChange={(a) => setAnswer(q, a)} />
      </Card>
      <Group justify="space-between">
        <Button
          variant="default"
          disabled={index === 0}
          onClick={() => setIndex(index - 1)}
          data-testid="exam-prev"
        >
          {t('exams.take.prev')}
        </Button>
        {index < session.questions.length - 1 ? (
          <Button onClick={() => setIndex(index + 1)} data-testid="exam-next">
            {t('exams.take.next')}
          </Button>
        ) : (
          <Button color="teal" onClick={() => setConfirm(true)} data-testid="exam-submit">
            {t('exams.take.submit')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 8, sm: 12 }} spacing={6}>
        {session.questions.map((x, i) => (
          <UnstyledButton
            key={x.id}
            onClick={() => setIndex(i)}
            aria-label={t('exams.take.question', { n: i + 1, total: session.questions.length })}
            data-testid="exam-nav-item"
            data-answered={answered(x.id)}
            style={{
              borderRadius: 6,
              textAlign: 'center',
              padding: '6px 0',
              fontWeight: i === index ? 700 : 400,
              border: `1px solid var(--mantine-color-${i === index ? 'blue-6' : 'gray-4'})`,
              background: answered(x.id) ? 'var(--mantine-color-teal-1)' : undefined,
            }}
          >
            {i + 1}
          </UnstyledButton>
        ))}
      </SimpleGrid>
      {index < session.questions.length - 1 && (
        <Button variant="light" color="teal" onClick={() => setConfirm(true)}>
          {t('exams.take.submit')}
        </Button>
      )}
      {Boolean(submitError) && <Alert color="red">{errorMessage(submitError)}</Alert>}
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('exams.take.confirmTitle')} centered>
        <Stack>
          <Text>
            {t('exams.take.confirmText', {
              answered: session.questions.filter((x) => answered(x.id)).length,
              total: session.questions.length,
            })}
          </Text>
          {status.pending > 0 && (
            <Alert color="orange">{t('exams.take.confirmPending', { count: status.pending })}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {t('actions.cancel')}
            </Button>
            <Button color="teal" loading={submitting} onClick={submit} data-testid="exam-submit-confirm">
              {t('exams.take.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const isAnswered = (a: StudentAnswer | undefined) =>
  Boolean(
    a &&
      ((a.optionId ?? null) !== null ||
        (a.optionIds?.length ?? 0) > 0 ||
        Object.values(a.values ?? {}).some((v) => v !== null && v !== undefined) ||
        (a.text ?? '').trim() ||
        Object.values(a.pairs ?? {}).some(Boolean) ||
        Object.values(a.blanks ?? {}).some((v) => (v ?? '').trim())),
  );

/** Typing is kept locally at once and sent after a short pause (one seq per pause, not per key). */
function useDebounced(onChange: (v: string) => void, initial: string) {
  const [text, setText] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(onChange);
  latest.current = onChange;
  const update = (v: string) => {
    setText(v);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(v), 500);
  };
  const flush = () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
      latest.current(text);
    }
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { text, update, flush };
}

function TextAnswer(props: {
  value: string;
  onChange: (v: string) => void;
  essay?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const d = useDebounced(props.onChange, props.value);
  return props.essay ? (
    <Textarea
      autosize
      minRows={6}
      value={d.text}
      onChange={(e) => d.update(e.currentTarget.value)}
      onBlur={d.flush}
      placeholder={t('exams.take.essayPlaceholder')}
      data-testid={props.testId}
    />
  ) : (
    <TextInput
      inputMode="decimal"
      value={d.text}
      onChange={(e) => d.update(e.currentTarget.value)}
      onBlur={d.flush}
      placeholder={t('exams.take.numberPlaceholder')}
      data-testid={props.testId}
    />
  );
}

function AnswerInput({
  question: q,
  value,
  onChange,
}: {
  question: ExamQuestion;
  value: StudentAnswer | undefined;
  onChange: (a: StudentAnswer) => void;
}) {
  const { t } = useTranslation();
  switch (q.type) {
    case 'single':
      return (
        <Stack gap="xs">
          {(q.options ?? []).map((o, i) => {
            const selected = value?.optionId === o.id;
            return (
              <UnstyledButton
                key={o.id}
                onClick={() => onChange({ optionId: o.id })}
                data-testid="exam-option"
                data-option-id={o.id}
                data-selected={selected}
                aria-pressed={selected}
                style={{
                  border: `1px solid var(--mantine-color-${selected ? 'blue-6' : 'gray-4'})`,
                  background: selected ? 'var(--mantine-color-blue-0)' : undefined,
                  borderRadius: 8,
                  padding: '10px 12px',
                  minHeight: 44,
                }}
              >
                <Group gap="sm" wrap="nowrap">
                  <Text fw={700}>{LETTERS[i]}.</Text>
                  <MathText text={o.text} />
                </Group>
              </UnstyledButton>
            );
          })}
        </Stack>
      );
    case 'multiple':
      return (
        <Stack gap="xs">
          {(q.options ?? []).map((o, i) => {
            const chosen = value?.optionIds ?? [];
            return (
              <Checkbox
                key={o.id}
                data-testid="exam-option"
                data-option-id={o.id}
                checked={chosen.includes(o.id)}
                onChange={(e) =>
                  onChange({
                    optionIds: e.currentTarget.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id),
                  })
                }
                label={
                  <span>
                    <b>{LETTERS[i]}.</b> <MathText text={o.text} />
                  </span>
                }
              />
            );
          })}
        </Stack>
      );
    case 'true_false':
      return (
        <Stack gap="xs">
          {(q.statements ?? []).map((s, i) => {
            const v = value?.values?.[s.id];
            return (
              <Group key={s.id} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" style={{ flex: 1 }}>
                  <b>{'abcd'[i] ?? i + 1})</b> <MathText text={s.text} />
                </Text>
                <SegmentedControl
                  size="xs"
                  data-testid="exam-option"
                  data-statement={s.id}
                  value={v === true ? 'T' : v === false ? 'F' : ''}
                  onChange={(x) => onChange({ values: { ...(value?.values ?? {}), [s.id]: x === 'T' } })}
                  data={[
                    { value: 'T', label: t('exams.take.true') },
                    { value: 'F', label: t('exams.take.false') },
                  ]}
                />
              </Group>
            );
          })}
        </Stack>
      );
    case 'short_answer':
      return (
        <TextAnswer
          key={q.id}
          value={value?.text ?? ''}
          onChange={(text) => onChange({ text })}
          testId="exam-numeric"
        />
      );
    case 'essay':
      return (
        <TextAnswer
          key={q.id}
          essay
          value={value?.text ?? ''}
          onChange={(text) => onChange({ text })}
          testId="exam-essay"
        />
      );
    case 'fill_blank':
      return (
        <Stack gap="xs">
          {(q.blanks ?? []).map((b, i) => (
            <TextAnswer
              key={`${q.id}-${b.id}`}
              value={value?.blanks?.[b.id] ?? ''}
              onChange={(text) => onChange({ blanks: { ...(value?.blanks ?? {}), [b.id]: text } })}
              testId={`exam-blank-${i + 1}`}
            />
          ))}
        </Stack>
      );
    case 'matching':
      return (
        <Stack gap="xs">
          {(q.left ?? []).map((l) => (
            <Group key={l.id} wrap="nowrap" gap="xs">
              <Text size="sm" style={{ flex: 1 }}>
                <MathText text={l.text} />
              </Text>
              <Select
                w={180}
                data={(q.right ?? []).map((r) => ({ value: r.id, label: r.text }))}
                value={value?.pairs?.[l.id] ?? null}
                onChange={(x) => onChange({ pairs: { ...(value?.pairs ?? {}), [l.id]: x } })}
              />
            </Group>
          ))}
        </Stack>
      );
  }
}
