import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Sổ điểm điện tử (gradebook). School-owned: `school_id` leads every primary key and index (Citus
 * distribution column). No foreign keys on the large tables: writes go through the gradebook service, which
 * checks the class, subject and student first.
 */

/**
 * One assessment of one student in one subject and term (một đầu điểm).
 * kind: 'regular' (ĐĐGtx, slot_index 1..4), 'midterm' (ĐĐGgk), 'endterm' (ĐĐGck) under Circular 22; under
 * Circular 27 'midterm' / 'endterm' are the periodic levels (giữa kì / cuối kì) and 'test_mid' / 'test_end'
 * the periodic test scores; 'remark' is the teacher's comment text (nhận xét) for the term.
 * Values: `score` (0-10, one decimal), `result` ('D' | 'CD' for comment-only subjects; 'HTT' | 'HT' | 'CHT'
 * for primary levels), `comment` (remark text).
 */
export const gradeEntries = pgTable(
  'grade_entries',
  {
    schoolId: uuid('school_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    studentId: uuid('student_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    termNo: smallint('term_no').notNull(), // 1 | 2
    kind: text('kind').notNull(),
    slotIndex: smallint('slot_index').notNull().default(0),
    classId: uuid('class_id').notNull(), // the class the entry was made in
    score: numeric('score', { precision: 3, scale: 1, mode: 'number' }),
    result: text('result'),
    comment: text('comment'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Read by student (grid rows, computation): the primary key is the only index, for fast bulk writes.
    primaryKey({
      columns: [t.schoolId, t.schoolYearId, t.studentId, t.subjectId, t.termNo, t.kind, t.slotIndex],
    }),
  ],
);

/**
 * Rèn luyện / phẩm chất, năng lực per student and term, set by the homeroom teacher.
 * aspect: 'conduct' (Circular 22: T | K | D | CD) or a quality / competency code (Circular 27: T | D | CCG);
 * term 2 of a primary class is the end-of-year assessment.
 */
export const conductRatings = pgTable(
  'conduct_ratings',
  {
    schoolId: uuid('school_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    studentId: uuid('student_id').notNull(),
    termNo: smallint('term_no').notNull(),
    aspect: text('aspect').notNull(),
    classId: uuid('class_id').notNull(),
    level: text('level').notNull(),
    comment: text('comment'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.schoolYearId, t.studentId, t.termNo, t.aspect] }),
    index('conduct_ratings_class_idx').on(t.schoolId, t.classId, t.termNo),
  ],
);

/**
 * Duyệt và khoá sổ điểm of a class for a term. status 'locked': nothing can be written; 'approved': approved
 * once and reopened by an unlock (grade_unlocks holds the reason), writable until locked again; 'open': never
 * locked (the row exists once something was written: writers and the lock serialise on it).
 */
export const gradeTermLocks = pgTable(
  'grade_term_locks',
  {
    schoolId: uuid('school_id').notNull(),
    classId: uuid('class_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    termNo: smallint('term_no').notNull(),
    status: text('status').notNull(), // open | approved | locked
    lockedBy: uuid('locked_by'),
    lockedByName: text('locked_by_name'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.classId, t.schoolYearId, t.termNo] })],
);

/** Mở khoá sổ điểm: every unlock, with its reason (lý do), who and when. */
export const gradeUnlocks = pgTable(
  'grade_unlocks',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    classId: uuid('class_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    termNo: smallint('term_no').notNull(),
    reason: text('reason').notNull(),
    unlockedBy: uuid('unlocked_by'),
    unlockedByName: text('unlocked_by_name'),
    unlockedAt: timestamp('unlocked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('grade_unlocks_class_idx').on(t.schoolId, t.classId, t.schoolYearId, t.termNo),
  ],
);

/** Công bố điểm: families see a class-subject-term once the teacher publishes it (or the term is locked). */
export const gradePublications = pgTable(
  'grade_publications',
  {
    schoolId: uuid('school_id').notNull(),
    classId: uuid('class_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    termNo: smallint('term_no').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.classId, t.subjectId, t.schoolYearId, t.termNo] })],
);

/**
 * Computed per student × subject × period ('term1' | 'term2' | 'year'): ĐTBmhk / ĐTBmcn, the comment result
 * of a comment-only subject, or the primary level and periodic test score. Recomputed when entries change;
 * dashboards and reports read it and never recompute.
 */
export const gradeSubjectResults = pgTable(
  'grade_subject_results',
  {
    schoolId: uuid('school_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    studentId: uuid('student_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    period: text('period').notNull(),
    classId: uuid('class_id').notNull(),
    average: numeric('average', { precision: 3, scale: 1, mode: 'number' }),
    result: text('result'), // D | CD (comment-only) ; HTT | HT | CHT (primary level)
    testScore: numeric('test_score', { precision: 3, scale: 1, mode: 'number' }),
    status: text('status').notNull(), // complete | incomplete
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The primary key only: 39 rows per student are written at every year-end computation, and readers go by
  // school year and student (a class's rows: its students' ids, or the school-year range filtered on class_id).
  (t) => [primaryKey({ columns: [t.schoolId, t.schoolYearId, t.studentId, t.subjectId, t.period] })],
);

/**
 * Computed per student × period: kết quả học tập, kết quả rèn luyện, lên lớp and danh hiệu (Circular 22), or
 * the end-of-year result (Circular 27). `missing` lists what keeps an incomplete result from being computed.
 */
export const gradeStudentResults = pgTable(
  'grade_student_results',
  {
    schoolId: uuid('school_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    studentId: uuid('student_id').notNull(),
    period: text('period').notNull(),
    classId: uuid('class_id').notNull(),
    learning: text('learning'), // T | K | D | CD
    conduct: text('conduct'), // T | K | D | CD
    promotion: text('promotion'), // promoted | summer_conduct_training | summer_reassessment | retained
    award: text('award'), // excellent | good
    primaryResult: text('primary_result'), // HTXS | HTT | HT | CHT
    status: text('status').notNull(), // complete | incomplete
    missing: jsonb('missing').$type<string[]>(),
    /**
     * Year row only: sessions (buổi) absent in the school year, excused (có phép) and unexcused (không phép),
     * from the attendance records when the row was computed: Circular 22 art. 12 counts both towards the
     * 45-session limit for promotion. Null on term rows.
     */
    absentExcused: integer('absent_excused'),
    absentUnexcused: integer('absent_unexcused'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.schoolYearId, t.studentId, t.period] }),
    index('grade_student_results_class_idx').on(t.schoolId, t.classId, t.period),
  ],
);

/**
 * Đề nghị mở khoá sổ điểm: a teacher asks the principal to reopen a locked term of a class for one subject,
 * with a reason. status: pending → approved (the term is unlocked with the request's reason, `unlock_id`) or
 * rejected (with the principal's reason; the lock stays) or withdrawn by the teacher.
 */
export const gradeUnlockRequests = pgTable(
  'grade_unlock_requests',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    classId: uuid('class_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    termNo: smallint('term_no').notNull(),
    subjectId: uuid('subject_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'), // pending | approved | rejected | withdrawn
    requestedBy: uuid('requested_by').notNull(), // users.id
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    /** The grade_unlocks row an approval created (null if the term was already open). */
    unlockId: uuid('unlock_id'),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('grade_unlock_requests_status_idx').on(t.schoolId, t.status, t.requestedAt),
    index('grade_unlock_requests_class_idx').on(t.schoolId, t.classId, t.schoolYearId, t.termNo),
    index('grade_unlock_requests_requester_idx').on(t.schoolId, t.requestedBy),
  ],
);
