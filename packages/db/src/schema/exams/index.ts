import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Online exams (kỳ thi trực tuyến). An exam is a bank test given in a window to an audience; it may span many
 * schools (a city-wide exam), so `exams`, their targets, frozen papers and exam-level analysis are distributed
 * by exam id. Attempts, answers, focus events and per-student mastery are school-owned (the student's school):
 * `school_id` leads every primary key and index. No foreign keys on the large tables: writes go through the
 * exams service, which checks the exam, the student and the window first.
 */

/** Kỳ thi: test + window + owner unit. phase is derived from the clock; status only records a cancellation. */
export const exams = pgTable(
  'exams',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    ownerUnitId: uuid('owner_unit_id').notNull(),
    /** The bank's test (owned by a school or a department unit). */
    testSchoolId: uuid('test_school_id').notNull(),
    testId: uuid('test_id').notNull(),
    title: text('title').notNull(),
    subjectCode: text('subject_code'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    status: text('status').notNull().default('scheduled'), // scheduled | cancelled
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedBy: uuid('released_by'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('exams_test_idx').on(t.testSchoolId, t.testId),
    index('exams_window_idx').on(t.closesAt, t.opensAt),
  ],
);

/**
 * Đối tượng dự thi: a class (kind 'class', unit_id = its school) or a whole unit (kind 'unit': a school, or a
 * Phòng/Sở meaning every school under it). target_id is the class id or the unit id.
 */
export const examTargets = pgTable(
  'exam_targets',
  {
    examId: uuid('exam_id').notNull(),
    targetId: uuid('target_id').notNull(),
    kind: text('kind').notNull(), // class | unit
    unitId: uuid('unit_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.examId, t.targetId] }),
    index('exam_targets_target_idx').on(t.targetId),
    index('exam_targets_unit_idx').on(t.unitId),
  ],
);

/**
 * The exam's paper per version (mã đề), frozen from the bank when the window opens (first start): questions
 * with keys, points, topic and level, in the version's order. Grading and analysis read this, never the bank,
 * so a later edit of the test cannot change an exam that was given.
 */
export const examPapers = pgTable(
  'exam_papers',
  {
    examId: uuid('exam_id').notNull(),
    versionCode: text('version_code').notNull(),
    questions: jsonb('questions').notNull(),
    maxScore: numeric('max_score', { precision: 8, scale: 2, mode: 'number' }).notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.examId, t.versionCode] })],
);

/**
 * Bài làm: one per student and exam. deadline = min(started_at + duration, closes_at), fixed at start.
 * question_ids: the version's questions, so a save is checked in the same statement that stores it.
 */
export const examAttempts = pgTable(
  'exam_attempts',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    examId: uuid('exam_id').notNull(),
    studentId: uuid('student_id').notNull(),
    classId: uuid('class_id'),
    userId: uuid('user_id'),
    versionCode: text('version_code').notNull(),
    questionIds: text('question_ids').array().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    status: text('status').notNull().default('in_progress'), // in_progress | submitted | auto_submitted
    gradingStatus: text('grading_status'), // pending (essays to grade) | graded
    rawScore: numeric('raw_score', { precision: 8, scale: 2, mode: 'number' }),
    maxScore: numeric('max_score', { precision: 8, scale: 2, mode: 'number' }),
    score10: numeric('score10', { precision: 4, scale: 2, mode: 'number' }),
    focusLosses: integer('focus_losses').notNull().default(0),
    offlineEvents: integer('offline_events').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('exam_attempts_exam_student_uq').on(t.schoolId, t.examId, t.studentId),
    index('exam_attempts_exam_idx').on(t.schoolId, t.examId, t.classId),
    index('exam_attempts_open_idx').on(t.schoolId, t.deadline).where(sql`status = 'in_progress'`),
  ],
);

/**
 * Câu trả lời: the latest value per question. seq grows with every change the student makes; a save is applied
 * only when its seq is greater than the stored one (idempotent retries, out-of-order safe).
 * For essays: rubric_points per criterion and the teacher's comment (chấm theo hướng dẫn chấm).
 */
export const examAnswers = pgTable(
  'exam_answers',
  {
    schoolId: uuid('school_id').notNull(),
    attemptId: uuid('attempt_id').notNull(),
    questionId: text('question_id').notNull(),
    answer: jsonb('answer').notNull(),
    seq: integer('seq').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    score: numeric('score', { precision: 8, scale: 4, mode: 'number' }),
    rubricPoints: jsonb('rubric_points').$type<number[]>(),
    comment: text('comment'),
    gradedBy: uuid('graded_by'),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.attemptId, t.questionId] })],
);

/** Focus-loss log for proctors: blur/focus, page hidden/visible, offline/online, as the browser saw them. */
export const examFocusEvents = pgTable(
  'exam_focus_events',
  {
    schoolId: uuid('school_id').notNull(),
    attemptId: uuid('attempt_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(), // blur | focus | hidden | visible | offline | online
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.attemptId, t.at, t.kind] })],
);

/** Exam-level analysis, written when results are graded or released: reliability and the Rasch run. */
export const examAnalyses = pgTable('exam_analyses', {
  examId: uuid('exam_id').primaryKey(),
  participants: integer('participants').notNull(),
  kr20: doublePrecision('kr20'),
  alpha: doublePrecision('alpha'),
  raschIterations: integer('rasch_iterations'),
  raschConverged: boolean('rasch_converged'),
  /** Set when a grade changes after the analysis was computed. */
  stale: boolean('stale').notNull().default(false),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Phổ điểm per class, school and department (rollup): summary statistics and 0.25-wide bins. */
export const examScoreRollups = pgTable(
  'exam_score_rollups',
  {
    examId: uuid('exam_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitKind: text('unit_kind').notNull(), // class | school | department
    schoolId: uuid('school_id'), // the class's school; the school itself
    name: text('name').notNull(),
    summary: jsonb('summary').notNull(),
    bins: jsonb('bins').$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.examId, t.unitId] })],
);

/** Item analysis per question of the exam (all versions together), classical and Rasch. */
export const examItemStats = pgTable(
  'exam_item_stats',
  {
    examId: uuid('exam_id').notNull(),
    questionId: text('question_id').notNull(),
    number: integer('number').notNull(),
    topic: text('topic').notNull(),
    level: text('level').notNull(),
    type: text('type').notNull(),
    maxScore: doublePrecision('max_score').notNull(),
    n: integer('n').notNull(),
    difficulty: doublePrecision('difficulty'),
    pointBiserial: doublePrecision('point_biserial'),
    correctedPointBiserial: doublePrecision('corrected_point_biserial'),
    upperLower: doublePrecision('upper_lower'),
    raschDifficulty: doublePrecision('rasch_difficulty'),
    raschSe: doublePrecision('rasch_se'),
    infit: doublePrecision('infit'),
    outfit: doublePrecision('outfit'),
    flags: jsonb('flags').$type<string[]>().notNull(),
    distractors: jsonb('distractors'),
  },
  (t) => [primaryKey({ columns: [t.examId, t.questionId] })],
);

/** Mastery by topic and level per student (Rasch ability), with practice suggestions for weak topics. */
export const examStudentMastery = pgTable(
  'exam_student_mastery',
  {
    schoolId: uuid('school_id').notNull(),
    examId: uuid('exam_id').notNull(),
    studentId: uuid('student_id').notNull(),
    theta: doublePrecision('theta').notNull(),
    byTopic: jsonb('by_topic').notNull(),
    byLevel: jsonb('by_level').notNull(),
    suggestions: jsonb('suggestions').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.examId, t.studentId] })],
);
