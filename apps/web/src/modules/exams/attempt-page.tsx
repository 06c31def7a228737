import { Badge, Box, Button, Card, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import type { AnswerReview } from '@smartedu/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import { fmt } from './exam-labels';
import { useAttempt, useGradeEssay } from './exams.hooks';
import { MathText } from './math-text';

const STATUS_COLOR: Record<string, string> = {
  correct: 'teal',
  partial: 'yellow',
  incorrect: 'red',
  unanswered: 'gray',
  manual: 'blue',
};

/** Bài làm: answers with keys and scores; essays graded here by rubric criterion (chấm tự luận). */
export function AttemptPage() {
  const { t } = useTranslation();
  const { schoolId = '', attemptId = '' } = useParams();
  const attempt = useAttempt(schoolId, attemptId);
  if (attempt.isPending) return <PageLoader />;
  if (attempt.isError) return <QueryError error={attempt.error} />;
  const a = attempt.data;
  return (
    <>
      <PageHeader
        title={`${a.student.fullName} – ${a.examTitle}`}
        back={{ to: `/exams/${a.attempt.examId}?tab=results`, label: t('exams.tabs.results') }}
        subtitle={t('exams.attempt.summary', {
          score: fmt(a.attempt.score10),
          raw: fmt(a.attempt.rawScore),
          max: fmt(a.attempt.maxScore),
          version: a.attempt.versionCode,
        })}
      />
      <Stack>
        {a.answers.map((x) => (
          <AnswerCard
            key={x.questionId}
            answer={x}
            canGrade={a.canGrade}
            schoolId={schoolId}
            attemptId={attemptId}
          />
        ))}
      </Stack>
    </>
  );
}

function describeAnswer(x: AnswerReview): string {
  const a = x.answer;
  if (!a) return '—';
  if (a.optionId) return a.optionId;
  if (a.optionIds) return a.optionIds.join(', ');
  if (a.values)
    return Object.entries(a.values)
      .map(([k, v]) => `${k}: ${v ? 'Đ' : 'S'}`)
      .join('; ');
  if (a.text) return a.text;
  if (a.blanks) return Object.values(a.blanks).join(' | ');
  if (a.pairs)
    return Object.entries(a.pairs)
      .map(([k, v]) => `${k}→${v}`)
      .join('; ');
  return '—';
}

function AnswerCard({
  answer: x,
  canGrade,
  schoolId,
  attemptId,
}: {
  answer: AnswerReview;
  canGrade: boolean;
  schoolId: string;
  attemptId: string;
}) {
  const { t } = useTranslation();
  const grade = useGradeEssay(schoolId, attemptId);
  const [criteria, setCriteria] = useState<number[]>(() => (x.rubric ?? []).map((r) => r.awarded ?? 0));
  const [comment, setComment] = useState(x.comment ?? '');
  return (
    <Card
      withBorder
      radius="md"
      data-testid="attempt-answer"
      data-number={x.number}
      data-status={x.status ?? ''}
    >
      <Group justify="space-between" mb="xs">
        <Text fw={700}>
          {t('exams.attempt.question', { n: x.number })} · {x.topic} · {x.level}
        </Text>
        <Group gap={4}>
          {x.status && (
            <Badge color={STATUS_COLOR[x.status]} variant="light">
              {t(`exams.answerStatus.${x.status}`)}
            </Badge>
          )}
          <Badge variant="outline">
            {fmt(x.score)} / {fmt(x.points)}
          </Badge>
        </Group>
      </Group>
      <Box mb="xs">
        <MathText text={x.stem} />
      </Box>
      <Text size="sm">
        <b>{t('exams.attempt.answer')}:</b> {describeAnswer(x)}
      </Text>
      {x.rubric && (
        <Stack gap="xs" mt="sm" data-testid="rubric-form">
          {x.rubric.map((r, i) => (
            <Group key={r.criterion} justify="space-between" wrap="nowrap">
              <Text size="sm" style={{ flex: 1 }}>
                {r.criterion} ({t('exams.attempt.max', { points: fmt(r.points) })})
              </Text>
              <NumberInput
                w={110}
                min={0}
                max={r.points}
                step={0.25}
                decimalSeparator=","
                disabled={!canGrade}
                value={criteria[i] ?? 0}
                onChange={(v) => setCriteria((c) => c.map((old, k) => (k === i ? Number(v) || 0 : old)))}
                data-testid="rubric-points"
              />
            </Group>
          ))}
          <Textarea
            label={t('exams.attempt.comment')}
            value={comment}
            disabled={!canGrade}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {canGrade && (
            <Group justify="flex-end">
              <Button
                loading={grade.isPending}
                data-testid="rubric-save"
                onClick={() =>
                  grade.mutate(
                    { questionId: x.questionId, criteria, comment: comment || undefined },
                    {
                      onSuccess: () => notifySuccess(t('exams.attempt.graded')),
                      onError: (err) => notifyError(err),
                    },
                  )
                }
              >
                {t('exams.attempt.saveGrade')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Card>
  );
}
