import { sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Question bank (ngân hàng câu hỏi) and tests (đề kiểm tra). Every table is owned by a unit: `school_id` is the
 * school, or the Phòng/Sở for questions and tests written at department level (Citus distribution column,
 * first in every key).
 */

// Câu hỏi
export const questions = pgTable(
  'questions',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    ownerUserId: uuid('owner_user_id'),
    ownerName: text('owner_name'),
    /** own | school | department */
    scope: text('scope').notNull().default('own'),
    /** Who may use it once approved: the school itself, or the department unit for department scope. */
    shareUnitId: uuid('share_unit_id').notNull(),
    /** draft | pending_review | approved | rejected */
    status: text('status').notNull().default('draft'),
    reviewerUserId: uuid('reviewer_user_id'),
    reviewerName: text('reviewer_name'),
    reviewComment: text('review_comment'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    subjectCode: text('subject_code').notNull(),
    grade: smallint('grade').notNull(),
    topic: text('topic').notNull(),
    /** NB | TH | VD | VDC */
    level: text('level').notNull(),
    /** single | multiple | true_false | short_answer | matching | fill_blank | essay */
    type: text('type').notNull(),
    /** Stem, options, statements, pairs, blanks, rubric and media references (restricted markup, no HTML). */
    content: jsonb('content').notNull(),
    answerKey: jsonb('answer_key').notNull(),
    points: doublePrecision('points').notNull(),
    explanation: text('explanation'),
    /** SHA-256 of the canonical text (lower case, spaces collapsed, options sorted): exact duplicates. */
    contentHash: text('content_hash').notNull(),
    /** Searchable plain text (stem and options). */
    searchText: text('search_text').notNull().default(''),
    externalId: text('external_id'),
    /** manual | docx | xlsx | qti | demo */
    source: text('source').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('questions_filter_idx').on(t.schoolId, t.subjectCode, t.grade, t.level),
    index('questions_share_idx').on(t.schoolId, t.shareUnitId, t.status),
    index('questions_hash_idx').on(t.schoolId, t.contentHash),
    index('questions_owner_idx').on(t.schoolId, t.ownerUserId),
  ],
);

// Hình ảnh, âm thanh của câu hỏi: the bytes live under <data dir>/uploads/media/<sha256>.
export const questionMedia = pgTable(
  'question_media',
  {
    schoolId: uuid('school_id').notNull(),
    sha256: text('sha256').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    fileName: text('file_name'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.sha256] })],
);

// Đề kiểm tra
export const tests = pgTable(
  'tests',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    ownerUserId: uuid('owner_user_id'),
    ownerName: text('owner_name'),
    title: text('title').notNull(),
    subjectCode: text('subject_code').notNull(),
    grade: smallint('grade').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(45),
    instructions: text('instructions'),
    /** own | school | department: who may see and use the test */
    scope: text('scope').notNull().default('own'),
    /** draft | ready | archived */
    status: text('status').notNull().default('draft'),
    /** Content edits are refused until this time: an exam window using the test is open. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The blueprint (ma trận đề) the test was drawn from, with its seed; null for a hand-built test. */
    blueprint: jsonb('blueprint'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('tests_subject_idx').on(t.schoolId, t.subjectCode, t.grade),
  ],
);

// Câu hỏi trong đề: a snapshot, so that later edits in the bank never change a test already given.
export const testItems = pgTable(
  'test_items',
  {
    schoolId: uuid('school_id').notNull(),
    testId: uuid('test_id').notNull(),
    position: integer('position').notNull(),
    questionSchoolId: uuid('question_school_id').notNull(),
    questionId: uuid('question_id').notNull(),
    points: doublePrecision('points').notNull(),
    type: text('type').notNull(),
    level: text('level').notNull(),
    topic: text('topic').notNull(),
    content: jsonb('content').notNull(),
    answerKey: jsonb('answer_key').notNull(),
    explanation: text('explanation'),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.testId, t.position] })],
);

// Mã đề: item order and option order of one version.
export const testVersions = pgTable(
  'test_versions',
  {
    schoolId: uuid('school_id').notNull(),
    testId: uuid('test_id').notNull(),
    code: text('code').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    /** [{ position, optionOrder: string[] | null }] in display order */
    items: jsonb('items').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.testId, t.code] })],
);
