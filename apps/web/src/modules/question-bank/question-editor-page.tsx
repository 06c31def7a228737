import {
  ActionIcon,
  Alert,
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Grid,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { Question, QuestionBody, SimilarQuestion } from '@smartedu/contracts';
import { IconPhoto, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { notifyError, notifySuccess } from '../../lib/errors';
import { useSubjects } from '../reference/reference.hooks';
import { MathText } from './math-text';
import {
  useAvailability,
  useDeleteQuestion,
  useQuestion,
  useReviewQuestion,
  useSaveQuestion,
  useSimilar,
  useSubmitQuestion,
  useUploadMedia,
} from './question-bank.hooks';
import { GRADES, LEVELS, QuestionBankNav, STATUS_COLORS, TYPES, useWriteUnit } from './question-bank-nav';
import { QuestionView } from './question-view';

type Type = QuestionBody['type'];
type Meta = {
  subjectCode: string;
  grade: number;
  topic: string;
  level: 'NB' | 'TH' | 'VD' | 'VDC';
  points: number;
  explanation: string;
  scope: 'own' | 'school' | 'department';
};
const LETTERS = 'ABCDEFGH';

function emptyBody(type: Type, stem = ''): QuestionBody {
  const options = [0, 1, 2, 3].map((i) => ({ id: LETTERS[i], text: '' }));
  switch (type) {
    case 'single':
      return { type, content: { stem, options }, key: { optionId: 'A' } };
    case 'multiple':
      return { type, content: { stem, options }, key: { optionIds: ['A'] } };
    case 'true_false':
      return {
        type,
        content: { stem, statements: [0, 1, 2, 3].map((i) => ({ id: 'abcd'[i], text: '' })) },
        key: { values: { a: true, b: true, c: true, d: true } },
      };
    case 'short_answer':
      return { type, content: { stem }, key: { value: 0, tolerance: 0 } };
    case 'matching':
      return {
        type,
        content: {
          stem,
          left: [1, 2, 3].map((i) => ({ id: `L${i}`, text: '' })),
          right: [1, 2, 3].map((i) => ({ id: `R${i}`, text: '' })),
        },
        key: { pairs: { L1: 'R1', L2: 'R2', L3: 'R3' } },
      };
    case 'fill_blank':
      return {
        type,
        content: { stem: stem || '… [[1]] …', blanks: [{ id: '1' }] },
        key: { blanks: { '1': [''] } },
      };
    case 'essay':
      return { type, content: { stem, rubric: [{ criterion: '', points: 1 }] }, key: {} };
  }
}

/** Per-type inputs of the editor. */
function BodyFields({ body, onChange }: { body: QuestionBody; onChange: (b: QuestionBody) => void }) {
  const { t } = useTranslation();
  switch (body.type) {
    case 'single':
    case 'multiple': {
      const opts = body.content.options;
      const isRight = (id: string) =>
        body.type === 'single' ? body.key.optionId === id : body.key.optionIds.includes(id);
      const setOptions = (options: typeof opts, key = body.key) =>
        onChange({ ...body, content: { ...body.content, options }, key } as QuestionBody);
      return (
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('questionBank.options')}
          </Text>
          {opts.map((o, i) => (
            <Group key={o.id} gap="xs" wrap="nowrap" align="center">
              {body.type === 'single' ? (
                <Radio
                  checked={isRight(o.id)}
                  onChange={() => onChange({ ...body, key: { optionId: o.id } })}
                  aria-label={t('questionBank.correct')}
                />
              ) : (
                <Checkbox
                  checked={isRight(o.id)}
                  onChange={(e) =>
                    onChange({
                      ...body,
                      key: {
                        ...body.key,
                        optionIds: e.currentTarget.checked
                          ? [...body.key.optionIds, o.id].sort()
                          : body.key.optionIds.filter((x) => x !== o.id),
                      },
                    })
                  }
                  aria-label={t('questionBank.correct')}
                />
              )}
              <Text fw={700} w={18}>
                {LETTERS[i]}.
              </Text>
              <TextInput
                style={{ flex: 1 }}
                value={o.text}
                onChange={(e) =>
                  setOptions(opts.map((x) => (x.id === o.id ? { ...x, text: e.currentTarget.value } : x)))
                }
                data-testid="qb-option"
              />
              <Checkbox
                label={t('questionBank.fixed')}
                checked={Boolean(o.fixed)}
                onChange={(e) =>
                  setOptions(
                    opts.map((x) =>
                      x.id === o.id ? { ...x, fixed: e.currentTarget.checked || undefined } : x,
                    ),
                  )
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={opts.length <= 2}
                onClick={() => {
                  const rest = opts.filter((x) => x.id !== o.id);
                  const key =
                    body.type === 'single'
                      ? { optionId: isRight(o.id) ? rest[0].id : body.key.optionId }
                      : { ...body.key, optionIds: body.key.optionIds.filter((x) => x !== o.id) };
                  setOptions(rest, key as typeof body.key);
                }}
                aria-label={t('actions.delete')}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {body.type === 'multiple' && (
            <Checkbox
              label={t('questionBank.partial')}
              checked={Boolean(body.key.partial)}
              onChange={(e) =>
                onChange({ ...body, key: { ...body.key, partial: e.currentTarget.checked || undefined } })
              }
            />
          )}
          {opts.length < 8 && (
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => {
                const id = LETTERS.split('').find((l) => !opts.some((o) => o.id === l)) ?? `O${opts.length}`;
                setOptions([...opts, { id, text: '' }]);
              }}
            >
              {t('questionBank.addOption')}
            </Button>
          )}
        </Stack>
      );
    }
    case 'true_false':
      return (
        <Stack gap={6}>
          {body.content.statements.map((s, i) => (
            <Group key={s.id} gap="xs" wrap="nowrap">
              <Text fw={700} w={18}>
                {'abcd'[i]})
              </Text>
              <TextInput
                style={{ flex: 1 }}
                value={s.text}
                onChange={(e) =>
                  onChange({
                    ...body,
                    content: {
                      ...body.content,
                      statements: body.content.statements.map((x) =>
                        x.id === s.id ? { ...x, text: e.currentTarget.value } : x,
                      ),
                    },
                  })
                }
                data-testid="qb-statement"
              />
              <SegmentedControl
                size="xs"
                value={body.key.values[s.id] ? 'T' : 'F'}
                onChange={(v) =>
                  onChange({ ...body, key: { values: { ...body.key.values, [s.id]: v === 'T' } } })
                }
                data={[
                  { value: 'T', label: t('questionBank.true') },
                  { value: 'F', label: t('questionBank.false') },
                ]}
              />
            </Group>
          ))}
        </Stack>
      );
    case 'short_answer':
      return (
        <Group grow>
          <NumberInput
            label={t('questionBank.answer')}
            decimalSeparator=","
            value={body.key.value}
            onChange={(v) => onChange({ ...body, key: { ...body.key, value: Number(v) || 0 } })}
            data-testid="qb-short-value"
          />
          <NumberInput
            label={t('questionBank.tolerance')}
            decimalSeparator=","
            min={0}
            value={body.key.tolerance}
            onChange={(v) => onChange({ ...body, key: { ...body.key, tolerance: Number(v) || 0 } })}
          />
        </Group>
      );
    case 'matching':
      return (
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('questionBank.matchingHelp')}
          </Text>
          {body.content.left.map((l, i) => {
            const rightId = body.key.pairs[l.id];
            const right = body.content.right.find((r) => r.id === rightId);
            const setText = (side: 'left' | 'right', id: string, text: string) =>
              onChange({
                ...body,
                content: {
                  ...body.content,
                  [side]: body.content[side].map((x) => (x.id === id ? { ...x, text } : x)),
                },
              });
            return (
              <Group key={l.id} gap="xs" wrap="nowrap">
                <Text w={18}>{i + 1}.</Text>
                <TextInput
                  style={{ flex: 1 }}
                  value={l.text}
                  onChange={(e) => setText('left', l.id, e.currentTarget.value)}
                />
                <Text>⇒</Text>
                <TextInput
                  style={{ flex: 1 }}
                  value={right?.text ?? ''}
                  onChange={(e) => right && setText('right', right.id, e.currentTarget.value)}
                />
              </Group>
            );
          })}
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              const n = body.content.left.length + 1;
              onChange({
                ...body,
                content: {
                  ...body.content,
                  left: [...body.content.left, { id: `L${n}`, text: '' }],
                  right: [...body.content.right, { id: `R${n}`, text: '' }],
                },
                key: { pairs: { ...body.key.pairs, [`L${n}`]: `R${n}` } },
              });
            }}
          >
            {t('questionBank.addPair')}
          </Button>
        </Stack>
      );
    case 'fill_blank':
      return (
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('questionBank.fillHelp')}
          </Text>
          {body.content.blanks.map((b) => (
            <TextInput
              key={b.id}
              label={`[[${b.id}]]`}
              value={(body.key.blanks[b.id] ?? []).join(' / ')}
              onChange={(e) =>
                onChange({
                  ...body,
                  key: {
                    ...body.key,
                    blanks: {
                      ...body.key.blanks,
                      [b.id]: e.currentTarget.value.split('/').map((x) => x.trim()),
                    },
                  },
                })
              }
              description={t('questionBank.fillAlternatives')}
            />
          ))}
        </Stack>
      );
    case 'essay':
      return (
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('questionBank.rubric')}
          </Text>
          {body.content.rubric.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rubric rows have no id
            <Group key={i} gap="xs" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                value={r.criterion}
                placeholder={t('questionBank.criterion')}
                onChange={(e) =>
                  onChange({
                    ...body,
                    content: {
                      ...body.content,
                      rubric: body.content.rubric.map((x, j) =>
                        j === i ? { ...x, criterion: e.currentTarget.value } : x,
                      ),
                    },
                  })
                }
              />
              <NumberInput
                w={90}
                decimalSeparator=","
                min={0}
                step={0.25}
                value={r.points}
                onChange={(v) =>
                  onChange({
                    ...body,
                    content: {
                      ...body.content,
                      rubric: body.content.rubric.map((x, j) =>
                        j === i ? { ...x, points: Number(v) || 0 } : x,
                      ),
                    },
                  })
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() =>
                  onChange({
                    ...body,
                    content: { ...body.content, rubric: body.content.rubric.filter((_, j) => j !== i) },
                  })
                }
                aria-label={t('actions.delete')}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              onChange({
                ...body,
                content: {
                  ...body.content,
                  rubric: [...body.content.rubric, { criterion: '', points: 0.5 }],
                },
              })
            }
          >
            {t('questionBank.addCriterion')}
          </Button>
          <Textarea
            label={t('questionBank.sampleAnswer')}
            autosize
            minRows={2}
            value={body.key.sampleAnswer ?? ''}
            onChange={(e) =>
              onChange({ ...body, key: e.currentTarget.value ? { sampleAnswer: e.currentTarget.value } : {} })
            }
          />
        </Stack>
      );
  }
}

function SimilarList({ items }: { items: SimilarQuestion[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Alert color="yellow" title={t('questionBank.similarTitle')} data-testid="qb-similar">
      <Stack gap={4}>
        {items.map((s) => (
          <Text key={s.id} size="sm" component="div">
            <Link to={`/question-bank/${s.schoolId}/${s.id}`}>
              {s.exact ? t('questionBank.exactDuplicate') : `${Math.round(s.similarity * 100)}%`}
            </Link>{' '}
            — <MathText text={s.stem.slice(0, 160)} />
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** Soạn / sửa câu hỏi with a live preview (KaTeX), sharing and review. */
export function QuestionEditorPage() {
  const { t } = useTranslation();
  const params = useParams();
  const existing = useQuestion(params.schoolId, params.id);
  if (params.id && existing.isPending) return <PageLoader />;
  if (params.id && existing.isError) return <QueryError error={existing.error} />;
  return (
    <Editor
      key={existing.data?.updatedAt ?? 'new'}
      question={existing.data}
      title={params.id ? t('questionBank.edit') : t('questionBank.new')}
    />
  );
}

function Editor({ question, title }: { question?: Question; title: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const writeUnit = useWriteUnit();
  const schoolId = question?.schoolId ?? writeUnit;
  const subjects = useSubjects();
  const [meta, setMeta] = useState<Meta>({
    subjectCode: question?.subjectCode ?? 'THCS_TOAN',
    grade: question?.grade ?? 6,
    topic: question?.topic ?? '',
    level: question?.level ?? 'NB',
    points: question?.points ?? 0.25,
    explanation: question?.explanation ?? '',
    scope: 'own',
  });
  const [body, setBody] = useState<QuestionBody>(question?.body ?? emptyBody('single'));
  const [similar, setSimilar] = useState<SimilarQuestion[]>([]);
  const [comment, setComment] = useState('');
  const availability = useAvailability(meta.subjectCode, meta.grade);
  const save = useSaveQuestion(schoolId, question?.id);
  const submit = useSubmitQuestion(question?.schoolId ?? '', question?.id ?? '');
  const review = useReviewQuestion();
  const remove = useDeleteQuestion();
  const upload = useUploadMedia(schoolId);
  const similarQuery = useSimilar(question?.schoolId, question?.id);
  const readOnly = Boolean(question && !question.canEdit);

  // fill-in blanks follow the [[n]] markers of the stem
  useEffect(() => {
    if (body.type !== 'fill_blank') return;
    const ids = [...new Set([...body.content.stem.matchAll(/\[\[([^\]]+)\]\]/g)].map((m) => m[1].trim()))];
    if (ids.join('|') === body.content.blanks.map((b) => b.id).join('|')) return;
    setBody({
      ...body,
      content: { ...body.content, blanks: ids.map((id) => ({ id })) },
      key: { ...body.key, blanks: Object.fromEntries(ids.map((id) => [id, body.key.blanks[id] ?? ['']])) },
    });
  }, [body]);

  const setType = (type: Type) => setBody(emptyBody(type, body.content.stem));
  const onSave = async () => {
    const payload = { ...meta, explanation: meta.explanation || null, body };
    try {
      if (question) {
        await save.mutateAsync({
          subjectCode: meta.subjectCode,
          grade: meta.grade,
          topic: meta.topic,
          level: meta.level,
          points: meta.points,
          explanation: meta.explanation || null,
          body,
        });
        notifySuccess(t('questionBank.saved'));
      } else {
        const created = (await save.mutateAsync(payload)) as Question & { similar: SimilarQuestion[] };
        notifySuccess(t('questionBank.saved'));
        setSimilar(created.similar);
        if (created.similar.length === 0) void navigate(`/question-bank/${created.schoolId}/${created.id}`);
      }
    } catch (err) {
      notifyError(err);
    }
  };
  const subjectOptions = (subjects.data ?? []).map((s) => ({
    value: s.code,
    label: `${s.name} (${s.level})`,
  }));

  return (
    <>
      <PageHeader
        title={title}
        back={{ to: '/question-bank', label: t('questionBank.title') }}
        actions={
          question && (
            <Group gap="xs">
              <Badge color={STATUS_COLORS[question.status]} size="lg" variant="light">
                {t(`questionBank.statuses.${question.status}`)}
              </Badge>
              <Badge variant="outline" size="lg">
                {t(`questionBank.scopes.${question.scope}`)}
              </Badge>
            </Group>
          )
        }
      />
      <QuestionBankNav />
      {question?.reviewComment && (
        <Alert
          color={question.status === 'rejected' ? 'red' : 'green'}
          mb="sm"
          title={question.reviewerName ?? ''}
        >
          {question.reviewComment}
        </Alert>
      )}
      <SimilarList items={similar.length ? similar : (similarQuery.data ?? [])} />
      <Grid mt="sm">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" radius="md" data-testid="qb-editor">
            <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
              <Stack gap="sm">
                <Group grow>
                  <NativeSelect
                    label={t('questionBank.subject')}
                    data={subjectOptions}
                    value={meta.subjectCode}
                    onChange={(e) => setMeta({ ...meta, subjectCode: e.currentTarget.value })}
                    data-testid="qb-subject"
                  />
                  <NativeSelect
                    label={t('questionBank.grade')}
                    data={GRADES}
                    value={String(meta.grade)}
                    onChange={(e) => setMeta({ ...meta, grade: Number(e.currentTarget.value) })}
                    data-testid="qb-grade"
                  />
                </Group>
                <Group grow>
                  <Autocomplete
                    label={t('questionBank.topic')}
                    data={availability.data?.topics ?? []}
                    value={meta.topic}
                    onChange={(v) => setMeta({ ...meta, topic: v })}
                    data-testid="qb-topic"
                  />
                  <NativeSelect
                    label={t('questionBank.level')}
                    data={LEVELS.map((l) => ({ value: l, label: t(`questionBank.levels.${l}`) }))}
                    value={meta.level}
                    onChange={(e) => setMeta({ ...meta, level: e.currentTarget.value as Meta['level'] })}
                    data-testid="qb-level"
                  />
                </Group>
                <Group grow>
                  <NativeSelect
                    label={t('questionBank.type')}
                    data={TYPES.map((x) => ({ value: x, label: t(`questionBank.types.${x}`) }))}
                    value={body.type}
                    onChange={(e) => setType(e.currentTarget.value as Type)}
                    disabled={Boolean(question)}
                    data-testid="qb-type"
                  />
                  <NumberInput
                    label={t('questionBank.points')}
                    decimalSeparator=","
                    min={0.01}
                    step={0.25}
                    value={meta.points}
                    onChange={(v) => setMeta({ ...meta, points: Number(v) || 0 })}
                    data-testid="qb-points"
                  />
                </Group>
                <Textarea
                  label={t('questionBank.stem')}
                  description={t('questionBank.stemHelp')}
                  autosize
                  minRows={3}
                  value={body.content.stem}
                  onChange={(e) =>
                    setBody({
                      ...body,
                      content: { ...body.content, stem: e.currentTarget.value },
                    } as QuestionBody)
                  }
                  data-testid="qb-stem"
                />
                <Group gap="xs">
                  <FileButton
                    accept="image/png,image/jpeg,image/gif,image/webp,audio/mpeg,audio/mp4,audio/ogg,audio/wav"
                    onChange={async (file) => {
                      if (!file) return;
                      try {
                        const m = await upload.mutateAsync(file);
                        setBody({
                          ...body,
                          content: {
                            ...body.content,
                            media: [
                              ...(body.content.media ?? []),
                              { sha256: m.sha256, kind: m.kind, contentType: m.contentType },
                            ],
                          },
                        } as QuestionBody);
                      } catch (err) {
                        notifyError(err);
                      }
                    }}
                  >
                    {(props) => (
                      <Button
                        {...props}
                        variant="default"
                        size="xs"
                        leftSection={<IconPhoto size={14} />}
                        loading={upload.isPending}
                      >
                        {t('questionBank.addMedia')}
                      </Button>
                    )}
                  </FileButton>
                  {(body.content.media ?? []).map((m) => (
                    <Badge
                      key={m.sha256}
                      variant="outline"
                      rightSection={
                        <ActionIcon
                          size="xs"
                          variant="transparent"
                          onClick={() =>
                            setBody({
                              ...body,
                              content: {
                                ...body.content,
                                media: (body.content.media ?? []).filter((x) => x.sha256 !== m.sha256),
                              },
                            } as QuestionBody)
                          }
                        >
                          ×
                        </ActionIcon>
                      }
                    >
                      {m.kind === 'image' ? t('questionBank.image') : t('questionBank.audio')}
                    </Badge>
                  ))}
                </Group>
                <BodyFields body={body} onChange={setBody} />
                <Textarea
                  label={t('questionBank.explanation')}
                  autosize
                  minRows={2}
                  value={meta.explanation}
                  onChange={(e) => setMeta({ ...meta, explanation: e.currentTarget.value })}
                />
                {!question && (
                  <NativeSelect
                    label={t('questionBank.scope')}
                    description={t('questionBank.scopeHelp')}
                    data={['own', 'school', 'department'].map((s) => ({
                      value: s,
                      label: t(`questionBank.scopes.${s}`),
                    }))}
                    value={meta.scope}
                    onChange={(e) => setMeta({ ...meta, scope: e.currentTarget.value as Meta['scope'] })}
                    data-testid="qb-scope"
                  />
                )}
              </Stack>
            </fieldset>
            <Group mt="md" gap="xs">
              {!readOnly && (
                <Button onClick={onSave} loading={save.isPending} data-testid="qb-save">
                  {t('actions.save')}
                </Button>
              )}
              {question?.ownerUserId && question.canEdit && question.scope === 'own' && (
                <>
                  <Button
                    variant="light"
                    onClick={() =>
                      submit
                        .mutateAsync({ scope: 'school' })
                        .then(() => notifySuccess(t('questionBank.submitted')), notifyError)
                    }
                    data-testid="qb-submit-school"
                  >
                    {t('questionBank.submitSchool')}
                  </Button>
                  <Button
                    variant="light"
                    onClick={() =>
                      submit
                        .mutateAsync({ scope: 'department' })
                        .then(() => notifySuccess(t('questionBank.submitted')), notifyError)
                    }
                    data-testid="qb-submit-department"
                  >
                    {t('questionBank.submitDepartment')}
                  </Button>
                </>
              )}
              {question?.canEdit && (
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => {
                    if (!window.confirm(t('questionBank.confirmDelete'))) return;
                    remove
                      .mutateAsync({ schoolId: question.schoolId, id: question.id })
                      .then(() => navigate('/question-bank'), notifyError);
                  }}
                >
                  {t('actions.delete')}
                </Button>
              )}
            </Group>
            {question?.canReview && (
              <Paper withBorder p="sm" mt="md" radius="md" data-testid="qb-review">
                <Title order={5} mb="xs">
                  {t('questionBank.reviewTitle')}
                </Title>
                <Textarea
                  placeholder={t('questionBank.reviewComment')}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                  autosize
                  minRows={2}
                />
                <Group mt="xs" gap="xs">
                  <Button
                    color="green"
                    onClick={() =>
                      review
                        .mutateAsync({
                          schoolId: question.schoolId,
                          id: question.id,
                          decision: 'approve',
                          comment: comment || undefined,
                        })
                        .then(() => notifySuccess(t('questionBank.approved')), notifyError)
                    }
                    data-testid="qb-approve"
                  >
                    {t('questionBank.approve')}
                  </Button>
                  <Button
                    color="red"
                    variant="light"
                    onClick={() =>
                      review
                        .mutateAsync({
                          schoolId: question.schoolId,
                          id: question.id,
                          decision: 'reject',
                          comment,
                        })
                        .then(() => notifySuccess(t('questionBank.rejected')), notifyError)
                    }
                    data-testid="qb-reject"
                  >
                    {t('questionBank.reject')}
                  </Button>
                </Group>
              </Paper>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper
            withBorder
            p="md"
            radius="md"
            data-testid="qb-preview"
            style={{ position: 'sticky', top: 70 }}
          >
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb="xs">
              {t('questionBank.preview')}
            </Text>
            {schoolId && <QuestionView body={body} schoolId={schoolId} />}
            {meta.explanation && (
              <Text size="sm" c="dimmed" mt="sm" component="div">
                {t('questionBank.explanation')}: <MathText text={meta.explanation} />
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
