import { z } from 'zod';
import { PageQuery, Uuid } from './common';
import { PlainText } from './plain-text';

// ---- Question bank (ngân hàng câu hỏi)

export const QuestionType = z.enum([
  'single', // một đáp án
  'multiple', // nhiều đáp án
  'true_false', // đúng/sai 4 ý (Phần II)
  'short_answer', // trả lời ngắn (Phần III)
  'matching', // ghép nối
  'fill_blank', // điền khuyết
  'essay', // tự luận
]);
export type QuestionType = z.infer<typeof QuestionType>;
/** Nhận biết, Thông hiểu, Vận dụng, Vận dụng cao. */
export const CognitiveLevel = z.enum(['NB', 'TH', 'VD', 'VDC']);
export type CognitiveLevel = z.infer<typeof CognitiveLevel>;
/** Who sees a question: its author only, the school, or the whole department (Phòng/Sở). */
export const QuestionScope = z.enum(['own', 'school', 'department']);
export type QuestionScope = z.infer<typeof QuestionScope>;
export const QuestionStatus = z.enum(['draft', 'pending_review', 'approved', 'rejected']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

const Text = z.string().max(20_000);
const ShortText = z.string().max(2_000);
const ItemId = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[A-Za-z0-9_-]+$/);
const Points = z.number().positive().max(100);

export const Choice = z.object({ id: ItemId, text: ShortText, fixed: z.boolean().optional() });
export const Statement = z.object({ id: ItemId, text: ShortText });
export const MatchItem = z.object({ id: ItemId, text: ShortText });
export const RubricItem = z.object({ criterion: ShortText, points: z.number().min(0).max(100) });
export const MediaRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['image', 'audio']),
  contentType: z.string().max(100),
  alt: z.string().max(500).optional(),
});
export type MediaRef = z.infer<typeof MediaRef>;

const common = { stem: Text, media: z.array(MediaRef).max(10).optional() };

export const QuestionBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('single'),
    content: z.object({ ...common, options: z.array(Choice).max(8) }),
    key: z.object({ optionId: ItemId }),
  }),
  z.object({
    type: z.literal('multiple'),
    content: z.object({ ...common, options: z.array(Choice).max(8) }),
    key: z.object({ optionIds: z.array(ItemId).max(8), partial: z.boolean().optional() }),
  }),
  z.object({
    type: z.literal('true_false'),
    content: z.object({ ...common, statements: z.array(Statement).max(8) }),
    key: z.object({ values: z.record(z.string(), z.boolean()) }),
  }),
  z.object({
    type: z.literal('short_answer'),
    content: z.object(common),
    key: z.object({ value: z.number(), tolerance: z.number().min(0).default(0) }),
  }),
  z.object({
    type: z.literal('matching'),
    content: z.object({ ...common, left: z.array(MatchItem).max(12), right: z.array(MatchItem).max(12) }),
    key: z.object({ pairs: z.record(z.string(), z.string()) }),
  }),
  z.object({
    type: z.literal('fill_blank'),
    content: z.object({ ...common, blanks: z.array(z.object({ id: ItemId })).max(20) }),
    key: z.object({
      blanks: z.record(z.string(), z.array(z.string().max(500)).max(20)),
      caseSensitive: z.boolean().optional(),
    }),
  }),
  z.object({
    type: z.literal('essay'),
    content: z.object({ ...common, rubric: z.array(RubricItem).max(20) }),
    key: z.object({ sampleAnswer: Text.optional() }),
  }),
]);
export type QuestionBody = z.infer<typeof QuestionBody>;

const SubjectCode = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Z0-9_]+$/);
const Grade = z.number().int().min(1).max(12);

const QuestionMeta = z.object({
  subjectCode: SubjectCode,
  grade: Grade,
  topic: z.string().trim().min(1).max(200),
  level: CognitiveLevel,
  points: Points,
  explanation: Text.nullish(),
  externalId: z.string().trim().max(100).nullish(),
});

export const QuestionCreateBody = QuestionMeta.extend({
  body: QuestionBody,
  /** Share with the school or the department: the question then waits for review. */
  scope: QuestionScope.default('own'),
  /** Store even when an identical question already exists in the unit. */
  allowDuplicate: z.boolean().default(false),
});
export const QuestionUpdateBody = QuestionMeta.partial().extend({ body: QuestionBody.optional() });
export const QuestionSubmitBody = z.object({ scope: QuestionScope.exclude(['own']) });
export const QuestionReviewBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: PlainText(2000).optional(),
});

export const Question = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  ownerUserId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  scope: QuestionScope,
  /** The unit the question is shared with (its school, or the department for department scope). */
  shareUnitId: Uuid,
  status: QuestionStatus,
  reviewerName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  subjectCode: z.string(),
  grade: z.number().int(),
  topic: z.string(),
  level: CognitiveLevel,
  type: QuestionType,
  points: z.number(),
  explanation: z.string().nullable(),
  externalId: z.string().nullable(),
  source: z.string(),
  body: QuestionBody,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the asking user may do with it. */
  canEdit: z.boolean(),
  canReview: z.boolean(),
});
export type Question = z.infer<typeof Question>;

export const SimilarQuestion = z.object({
  id: Uuid,
  schoolId: Uuid,
  stem: z.string(),
  similarity: z.number(),
  exact: z.boolean(),
});
export type SimilarQuestion = z.infer<typeof SimilarQuestion>;
export const QuestionSaved = Question.extend({ similar: z.array(SimilarQuestion) });

const booleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const QuestionFilters = z.object({
  schoolId: Uuid.optional(),
  subjectCode: SubjectCode.optional(),
  grade: z.coerce.number().int().min(1).max(12).optional(),
  topic: z.string().trim().max(200).optional(),
  level: CognitiveLevel.optional(),
  type: QuestionType.optional(),
  status: QuestionStatus.optional(),
  scope: QuestionScope.optional(),
  /** Only questions the user wrote. */
  mine: booleanQuery.optional(),
  /** Only questions waiting for this user's review. */
  reviewable: booleanQuery.optional(),
  q: z.string().trim().max(200).optional(),
});
export const QuestionListQuery = PageQuery.merge(QuestionFilters);

export const AvailabilityQuery = z.object({
  subjectCode: SubjectCode,
  grade: z.coerce.number().int().min(1).max(12),
  /** Include the user's own unreviewed questions (a teacher's own test). */
  includeOwn: booleanQuery.optional(),
});
export const Availability = z.object({
  subjectCode: z.string(),
  grade: z.number().int(),
  /** Curriculum topics first, then other topics found in the bank. */
  topics: z.array(z.string()),
  cells: z.array(
    z.object({ topic: z.string(), level: CognitiveLevel, type: QuestionType, count: z.number().int() }),
  ),
});
export type Availability = z.infer<typeof Availability>;

// ---- Import and export

export const ImportFormat = z.enum(['docx', 'xlsx', 'qti']);
export const QuestionImportQuery = z.object({
  format: ImportFormat,
  /** preview: check only; valid: store the questions without errors; all: store nothing if any has an error. */
  mode: z.enum(['preview', 'valid', 'all']).default('preview'),
  subjectCode: SubjectCode.optional(),
  grade: z.coerce.number().int().min(1).max(12).optional(),
  topic: z.string().trim().max(200).optional(),
  level: CognitiveLevel.optional(),
  points: z.coerce.number().positive().max(100).optional(),
  scope: QuestionScope.default('own'),
});
export const ImportIssue = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  question: z.number().int().optional(),
  row: z.number().int().optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;
export const QuestionImportReport = z.object({
  format: ImportFormat,
  mode: z.enum(['preview', 'valid', 'all']),
  total: z.number().int(),
  valid: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  issues: z.array(ImportIssue),
  questions: z.array(
    z.object({
      number: z.number().int(),
      type: QuestionType,
      stem: z.string(),
      answer: z.string(),
      subjectCode: z.string().nullable(),
      grade: z.number().int().nullable(),
      topic: z.string().nullable(),
      level: CognitiveLevel.nullable(),
      points: z.number(),
      duplicateOf: Uuid.nullable(),
    }),
  ),
  createdIds: z.array(Uuid),
});
export type QuestionImportReport = z.infer<typeof QuestionImportReport>;
export const QuestionExportQuery = QuestionFilters.extend({
  version: z.enum(['3.0', '2.1']).default('3.0'),
});
export const MediaUploaded = z.object({
  sha256: z.string(),
  kind: z.enum(['image', 'audio']),
  contentType: z.string(),
  size: z.number().int(),
});

// ---- Tests (đề kiểm tra)

export const TestScope = QuestionScope;
export const TestStatus = z.enum(['draft', 'ready', 'archived']);
export const BlueprintCell = z.object({
  topic: z.string().trim().min(1).max(200),
  level: CognitiveLevel,
  count: z.number().int().min(0).max(100),
  pointsEach: Points,
  type: QuestionType.optional(),
});
export type BlueprintCell = z.infer<typeof BlueprintCell>;
export const Blueprint = z.object({
  cells: z.array(BlueprintCell).min(1).max(200),
  /** Same seed, same bank: same draw. */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  includeOwn: z.boolean().default(true),
});
export const TestItemInput = z.object({
  questionSchoolId: Uuid,
  questionId: Uuid,
  points: Points.optional(),
});
export const VersionsBody = z.object({
  count: z.number().int().min(1).max(24).default(4),
  shuffleQuestions: z.boolean().default(true),
  shuffleOptions: z.boolean().default(true),
});
export const TestCreateBody = z
  .object({
    title: z.string().trim().min(2).max(300),
    subjectCode: SubjectCode,
    grade: Grade,
    durationMinutes: z.number().int().min(5).max(300).default(45),
    instructions: z.string().trim().max(2000).nullish(),
    scope: TestScope.default('own'),
    items: z.array(TestItemInput).max(200).optional(),
    blueprint: Blueprint.optional(),
    versions: VersionsBody.optional(),
  })
  .refine((b) => Boolean(b.items?.length) !== Boolean(b.blueprint), {
    message: 'Chọn câu hỏi thủ công (items) hoặc theo ma trận (blueprint), không cả hai',
    path: ['items'],
  });
export const TestUpdateBody = z.object({
  title: z.string().trim().min(2).max(300).optional(),
  durationMinutes: z.number().int().min(5).max(300).optional(),
  instructions: z.string().trim().max(2000).nullish(),
  scope: TestScope.optional(),
  status: TestStatus.optional(),
  items: z.array(TestItemInput).min(1).max(200).optional(),
});
export const TestListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  subjectCode: SubjectCode.optional(),
  grade: z.coerce.number().int().min(1).max(12).optional(),
  status: TestStatus.optional(),
  mine: booleanQuery.optional(),
});

export const TestSummary = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  title: z.string(),
  subjectCode: z.string(),
  grade: z.number().int(),
  durationMinutes: z.number().int(),
  scope: TestScope,
  status: TestStatus,
  /** Content cannot change before this time (an exam window is open). */
  lockedUntil: z.string().nullable(),
  itemCount: z.number().int(),
  totalPoints: z.number(),
  versionCodes: z.array(z.string()),
  ownerUserId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  fromBlueprint: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TestSummary = z.infer<typeof TestSummary>;
export const TestItem = z.object({
  position: z.number().int(),
  questionId: Uuid,
  questionSchoolId: Uuid,
  points: z.number(),
  type: QuestionType,
  level: CognitiveLevel,
  topic: z.string(),
  body: QuestionBody,
  explanation: z.string().nullable(),
});
export type TestItem = z.infer<typeof TestItem>;
export const TestDetail = TestSummary.extend({
  instructions: z.string().nullable(),
  blueprint: z.object({ cells: z.array(BlueprintCell), seed: z.number().int() }).nullable(),
  items: z.array(TestItem),
  versions: z.array(z.object({ code: z.string(), seed: z.number().int(), createdAt: z.string() })),
  editable: z.boolean(),
  canEdit: z.boolean(),
});
export type TestDetail = z.infer<typeof TestDetail>;
export const TestVersionView = z.object({
  testId: Uuid,
  code: z.string(),
  title: z.string(),
  items: z.array(
    z.object({
      number: z.number().int(),
      position: z.number().int(),
      questionId: Uuid,
      points: z.number(),
      type: QuestionType,
      body: QuestionBody,
      answer: z.string(),
    }),
  ),
});
export type TestVersionView = z.infer<typeof TestVersionView>;
