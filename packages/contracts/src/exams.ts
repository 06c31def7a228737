import { z } from 'zod';
import { PageQuery, Uuid } from './common';
import { PlainText } from './plain-text';

/**
 * Online exams (kỳ thi trực tuyến): a test of the question bank given in a scheduled window to classes, schools
 * or a whole department; attempts with a server-authoritative deadline, idempotent autosave, focus events,
 * grading, release of results, and the analysis (phổ điểm, item analysis, Rasch mastery).
 */

const IsoDateTime = z.iso.datetime({ offset: true });
/** A question's id in the bank; option, statement and blank ids are short item ids. */
const QuestionId = z.string().min(1).max(64);
const ItemKey = z.string().min(1).max(64);

export const ExamPhase = z.enum(['scheduled', 'open', 'closed', 'cancelled']);
export type ExamPhase = z.infer<typeof ExamPhase>;
export const AttemptStatus = z.enum(['in_progress', 'submitted', 'auto_submitted']);
export type AttemptStatus = z.infer<typeof AttemptStatus>;
/** auto: every item graded automatically; pending: essays wait for the rubric; graded: essays graded too. */
export const GradingStatus = z.enum(['pending', 'graded']);
export type GradingStatus = z.infer<typeof GradingStatus>;

export const ExamAudience = z
  .object({
    /** Classes (lớp) by id. */
    classIds: z.array(Uuid).max(300).default([]),
    /** Whole schools or departments (a Phòng/Sở: every school under it). */
    unitIds: z.array(Uuid).max(100).default([]),
  })
  .refine((a) => a.classIds.length + a.unitIds.length > 0, {
    message: 'Chọn ít nhất một lớp, trường hoặc đơn vị dự thi',
    path: ['classIds'],
  });
export type ExamAudience = z.infer<typeof ExamAudience>;

export const ExamCreateBody = z
  .object({
    testId: Uuid,
    title: z.string().trim().min(3).max(200),
    /** The unit that runs the exam: a school, or a department for a city-wide exam. */
    ownerUnitId: Uuid,
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    durationMinutes: z.number().int().min(1).max(600),
    audience: ExamAudience,
  })
  .refine((b) => Date.parse(b.closesAt) > Date.parse(b.opensAt), {
    message: 'Thời điểm đóng phải sau thời điểm mở',
    path: ['closesAt'],
  });
export type ExamCreateBody = z.infer<typeof ExamCreateBody>;

export const ExamUpdateBody = z.object({
  title: z.string().trim().min(3).max(200).optional(),
  opensAt: IsoDateTime.optional(),
  closesAt: IsoDateTime.optional(),
  durationMinutes: z.number().int().min(1).max(600).optional(),
  cancelled: z.boolean().optional(),
});
export type ExamUpdateBody = z.infer<typeof ExamUpdateBody>;

export const ExamTarget = z.object({
  kind: z.enum(['class', 'unit']),
  id: Uuid,
  name: z.string(),
  /** The class's school, or the unit itself. */
  schoolId: Uuid,
  schoolName: z.string(),
});
export type ExamTarget = z.infer<typeof ExamTarget>;

export const Exam = z.object({
  id: Uuid,
  title: z.string(),
  testId: Uuid,
  testTitle: z.string().nullable(),
  subjectCode: z.string().nullable(),
  ownerUnitId: Uuid,
  ownerUnitName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number().int(),
  phase: ExamPhase,
  releasedAt: z.string().nullable(),
  audience: z.array(ExamTarget),
  /** Attempts started and submitted, within what the asking user may see. */
  started: z.number().int(),
  submitted: z.number().int(),
  canManage: z.boolean(),
  createdAt: z.string(),
});
export type Exam = z.infer<typeof Exam>;

export const ExamListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  phase: ExamPhase.optional(),
});

/** A student's own exam list (and a parent's per child). */
export const MyExam = z.object({
  id: Uuid,
  title: z.string(),
  subjectCode: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number().int(),
  phase: ExamPhase,
  released: z.boolean(),
  attempt: z
    .object({
      id: Uuid,
      schoolId: Uuid,
      status: AttemptStatus,
      startedAt: z.string(),
      deadline: z.string(),
      submittedAt: z.string().nullable(),
      /** Only once results are released. */
      score10: z.number().nullable(),
    })
    .nullable(),
});
export type MyExam = z.infer<typeof MyExam>;

// ---- Taking an exam

/**
 * What a student sends for one item. Loose on purpose (the grader reads the field of the item's type), but
 * bounded: ids ≤ 64 characters, texts ≤ 20 000, at most 50 keys per map.
 */
const boundedRecord = <T extends z.ZodType>(value: T) =>
  z.record(ItemKey, value).refine((r) => Object.keys(r).length <= 50, { message: 'Quá nhiều ý trả lời' });
export const StudentAnswer = z
  .object({
    optionId: ItemKey.nullish(),
    optionIds: z.array(ItemKey).max(20).nullish(),
    values: boundedRecord(z.boolean().nullable()).nullish(),
    text: z.string().max(20_000).nullish(),
    pairs: boundedRecord(ItemKey.nullable()).nullish(),
    blanks: boundedRecord(z.string().max(500).nullable()).nullish(),
  })
  .strict();
export type StudentAnswer = z.infer<typeof StudentAnswer>;

/** A question as the student sees it: no answer key. */
export const ExamQuestion = z.object({
  id: QuestionId,
  number: z.number().int(),
  type: z.enum(['single', 'multiple', 'true_false', 'short_answer', 'matching', 'fill_blank', 'essay']),
  points: z.number(),
  stem: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  statements: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  left: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  right: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  blanks: z.array(z.object({ id: z.string() })).optional(),
  rubric: z.array(z.object({ criterion: z.string(), points: z.number() })).optional(),
  media: z
    .array(
      z.object({ sha256: z.string(), kind: z.string(), contentType: z.string(), alt: z.string().optional() }),
    )
    .optional(),
});
export type ExamQuestion = z.infer<typeof ExamQuestion>;

export const SavedAnswer = z.object({
  questionId: QuestionId,
  answer: StudentAnswer,
  seq: z.number().int(),
  savedAt: z.string(),
});
export type SavedAnswer = z.infer<typeof SavedAnswer>;

export const AttemptState = z.object({
  id: Uuid,
  schoolId: Uuid,
  examId: Uuid,
  status: AttemptStatus,
  versionCode: z.string(),
  startedAt: z.string(),
  /** Server deadline: min(start + duration, window close). */
  deadline: z.string(),
  submittedAt: z.string().nullable(),
});
export type AttemptState = z.infer<typeof AttemptState>;

/** Start or resume: the version's questions (no keys), the saved answers, the deadline and the server time. */
export const ExamSession = z.object({
  attempt: AttemptState,
  exam: z.object({ id: Uuid, title: z.string(), durationMinutes: z.number().int(), closesAt: z.string() }),
  serverTime: z.string(),
  questions: z.array(ExamQuestion),
  answers: z.array(SavedAnswer),
});
export type ExamSession = z.infer<typeof ExamSession>;

export const SaveAnswersBody = z.object({
  answers: z
    .array(
      z.object({
        questionId: QuestionId,
        answer: StudentAnswer,
        /** Per question, increasing with every change the student makes: an older seq never overwrites. */
        seq: z.number().int().min(1).max(2_000_000_000),
      }),
    )
    .min(1)
    .max(100),
});
export type SaveAnswersBody = z.infer<typeof SaveAnswersBody>;
export const SaveAnswersResult = z.object({
  /** Per question sent: the seq the server now holds, and whether this request's value was stored. */
  saved: z.array(z.object({ questionId: QuestionId, seq: z.number().int(), applied: z.boolean() })),
  serverTime: z.string(),
  deadline: z.string(),
});
export type SaveAnswersResult = z.infer<typeof SaveAnswersResult>;

export const FocusEventKind = z.enum([
  'blur',
  'focus',
  'hidden',
  'visible',
  'offline',
  'online',
  'heartbeat',
]);
export type FocusEventKind = z.infer<typeof FocusEventKind>;
export const FocusEventsBody = z.object({
  events: z
    .array(z.object({ kind: FocusEventKind, at: IsoDateTime }))
    .max(200)
    .default([]),
});
export const FocusEventsResult = z.object({ recorded: z.number().int(), serverTime: z.string() });
export type FocusEventsBody = z.infer<typeof FocusEventsBody>;

export const SubmitResult = z.object({ attempt: AttemptState, serverTime: z.string() });
export type SubmitResult = z.infer<typeof SubmitResult>;

// ---- Proctoring (giám thị)

export const Presence = z.enum(['online', 'offline']);
export const ProctorRow = z.object({
  studentId: Uuid,
  schoolId: Uuid,
  fullName: z.string(),
  className: z.string().nullable(),
  attemptId: Uuid.nullable(),
  status: z.enum(['not_started', 'in_progress', 'submitted', 'auto_submitted']),
  /** In progress: online when the browser was heard from in the last 45 s. */
  presence: Presence.nullable(),
  lastSeenAt: z.string().nullable(),
  deadline: z.string().nullable(),
  answered: z.number().int(),
  questionCount: z.number().int(),
  /** Times the student left the exam page (blur / hidden) and went offline. */
  focusLosses: z.number().int(),
  offlineEvents: z.number().int(),
});
export type ProctorRow = z.infer<typeof ProctorRow>;
export const ProctorQuery = z.object({ schoolId: Uuid.optional(), classId: Uuid.optional() });
export const ProctorView = z.object({
  examId: Uuid,
  title: z.string(),
  phase: ExamPhase,
  serverTime: z.string(),
  counts: z.object({
    audience: z.number().int(),
    notStarted: z.number().int(),
    online: z.number().int(),
    offline: z.number().int(),
    submitted: z.number().int(),
  }),
  rows: z.array(ProctorRow),
});
export type ProctorView = z.infer<typeof ProctorView>;

// ---- Results and grading

export const ResultRow = z.object({
  attemptId: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  studentId: Uuid,
  fullName: z.string(),
  className: z.string().nullable(),
  status: AttemptStatus,
  gradingStatus: GradingStatus.nullable(),
  rawScore: z.number().nullable(),
  maxScore: z.number().nullable(),
  score10: z.number().nullable(),
  submittedAt: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRow>;
export const ResultListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  classId: Uuid.optional(),
  gradingStatus: GradingStatus.optional(),
});

export const AnswerReview = z.object({
  questionId: QuestionId,
  number: z.number().int(),
  type: z.string(),
  topic: z.string(),
  level: z.string(),
  stem: z.string(),
  points: z.number(),
  /** The question with its key (teachers; families after release). */
  question: z.record(z.string(), z.unknown()),
  answer: StudentAnswer.nullable(),
  score: z.number().nullable(),
  status: z.enum(['correct', 'partial', 'incorrect', 'unanswered', 'manual']).nullable(),
  rubric: z
    .array(z.object({ criterion: z.string(), points: z.number(), awarded: z.number().nullable() }))
    .nullable(),
  comment: z.string().nullable(),
});
export type AnswerReview = z.infer<typeof AnswerReview>;
export const AttemptDetail = z.object({
  attempt: AttemptState.extend({
    gradingStatus: GradingStatus.nullable(),
    rawScore: z.number().nullable(),
    maxScore: z.number().nullable(),
    score10: z.number().nullable(),
  }),
  examTitle: z.string(),
  released: z.boolean(),
  student: z.object({ id: Uuid, fullName: z.string(), className: z.string().nullable() }),
  answers: z.array(AnswerReview),
  canGrade: z.boolean(),
});
export type AttemptDetail = z.infer<typeof AttemptDetail>;

export const GradeEssayBody = z.object({
  questionId: QuestionId,
  /** Points per rubric criterion, in the rubric's order (hướng dẫn chấm). */
  criteria: z.array(z.number().min(0).max(100)).min(1).max(20),
  comment: PlainText(2000).optional(),
});
export type GradeEssayBody = z.infer<typeof GradeEssayBody>;

export const ReleaseBody = z.object({ released: z.boolean().default(true) });

// ---- Analysis (phân tích kết quả)

export const ScoreSummary = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  sd: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  q1: z.number().nullable(),
  q3: z.number().nullable(),
  atLeast5: z.number().nullable(),
  atLeast8: z.number().nullable(),
});
export type ScoreSummary = z.infer<typeof ScoreSummary>;

export const Distribution = z.object({
  unitId: Uuid,
  unitKind: z.enum(['class', 'school', 'department']),
  name: z.string(),
  schoolId: Uuid.nullable(),
  summary: ScoreSummary,
  /** Counts in 40 bins of width 0.25 on the 10-point scale ([0, 0.25), …, [9.75, 10]); wider bins add up. */
  bins: z.array(z.number().int()),
});
export type Distribution = z.infer<typeof Distribution>;

export const DistractorRow = z.object({
  optionId: z.string().nullable(),
  /** The option's letter in the first version (mã đề) and its text; '—' for a blank. */
  letter: z.string(),
  text: z.string(),
  isKey: z.boolean(),
  count: z.number().int(),
  share: z.number(),
  upperShare: z.number().nullable(),
  lowerShare: z.number().nullable(),
  discrimination: z.number().nullable(),
  pointBiserial: z.number().nullable(),
  flag: z.string().nullable(),
});
export const ItemAnalysisRow = z.object({
  questionId: QuestionId,
  number: z.number().int(),
  topic: z.string(),
  level: z.string(),
  type: z.string(),
  maxScore: z.number(),
  n: z.number().int(),
  difficulty: z.number().nullable(),
  pointBiserial: z.number().nullable(),
  correctedPointBiserial: z.number().nullable(),
  upperLower: z.number().nullable(),
  raschDifficulty: z.number().nullable(),
  raschSe: z.number().nullable(),
  infit: z.number().nullable(),
  outfit: z.number().nullable(),
  flags: z.array(z.string()),
  distractors: z.array(DistractorRow).nullable(),
});
export type ItemAnalysisRow = z.infer<typeof ItemAnalysisRow>;

export const AnalysisQuery = z.object({ unitId: Uuid.optional() });
export const ExamAnalysis = z.object({
  examId: Uuid,
  title: z.string(),
  computedAt: z.string().nullable(),
  /** Grades changed since the analysis was computed. */
  stale: z.boolean(),
  participants: z.number().int(),
  kr20: z.number().nullable(),
  alpha: z.number().nullable(),
  rasch: z.object({ iterations: z.number().int(), converged: z.boolean() }).nullable(),
  /** The unit asked for (or the widest one the user may see), then its parts side by side. */
  distribution: Distribution.nullable(),
  comparison: z.array(Distribution),
  items: z.array(ItemAnalysisRow),
});
export type ExamAnalysis = z.infer<typeof ExamAnalysis>;

export const TopicMastery = z.object({
  key: z.string(),
  items: z.number().int(),
  observed: z.number(),
  theta: z.number(),
  mastery: z.number(),
  band: z.enum(['weak', 'developing', 'mastered']),
});
export const StudentExamResult = z.object({
  examId: Uuid,
  title: z.string(),
  subjectCode: z.string().nullable(),
  closesAt: z.string(),
  attemptId: Uuid,
  schoolId: Uuid,
  score10: z.number().nullable(),
  rawScore: z.number().nullable(),
  maxScore: z.number().nullable(),
  gradingStatus: GradingStatus.nullable(),
  mastery: z
    .object({
      theta: z.number(),
      byTopic: z.array(TopicMastery),
      byLevel: z.array(TopicMastery),
      suggestions: z.array(
        z.object({
          topic: z.string(),
          band: z.string(),
          questions: z.array(
            z.object({ id: z.string(), level: z.string(), stem: z.string(), expected: z.number() }),
          ),
        }),
      ),
    })
    .nullable(),
});
export type StudentExamResult = z.infer<typeof StudentExamResult>;
