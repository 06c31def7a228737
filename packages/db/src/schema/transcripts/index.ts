import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Học bạ số (digital transcripts). School-owned: `school_id` leads every primary key and index.
 *
 * The signed PDF lives in the database (bytea), not in the data directory: it commits in the same transaction
 * as its status and signature rows, and backups carry it. A draft has no stored PDF (it is rendered on demand
 * from the data snapshot); from the homeroom teacher's signature on, `pdf` holds the signed file and every
 * signature row the SHA-256 and length of the revision it produced (an earlier revision is a prefix of the file).
 */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

// Học bạ: one per student per school year
export const transcripts = pgTable(
  'transcripts',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    studentId: uuid('student_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    classId: uuid('class_id').notNull(),
    /** TH (Circular 27 layout) | THCS | THPT (Circular 22 layout). */
    level: text('level').notNull(),
    /** draft | confirming | homeroom_signed | principal_signed */
    status: text('status').notNull().default('draft'),
    /** The TranscriptData snapshot the PDF is rendered from (and the structured export is mapped from). */
    data: jsonb('data').notNull(),
    dataSha256: text('data_sha256').notNull(),
    /** The signed PDF (null while a draft). */
    pdf: bytea('pdf'),
    pdfSha256: text('pdf_sha256'),
    generatedBy: uuid('generated_by'),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('transcripts_student_year_uq').on(t.schoolId, t.studentId, t.schoolYearId),
    index('transcripts_class_idx').on(t.schoolId, t.classId),
  ],
);

// GVBM xác nhận: a subject teacher confirms their subject's row of a transcript
export const transcriptConfirmations = pgTable(
  'transcript_confirmations',
  {
    schoolId: uuid('school_id').notNull(),
    transcriptId: uuid('transcript_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    staffId: uuid('staff_id'),
    staffName: text('staff_name').notNull(),
    userId: uuid('user_id'),
    /** SHA-256 of the row as confirmed: a refreshed draft whose row changed drops the confirmation. */
    rowSha256: text('row_sha256').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.transcriptId, t.subjectId] })],
);

// Chữ ký số: the homeroom teacher's, then the principal's (the key and password are never stored)
export const transcriptSignatures = pgTable(
  'transcript_signatures',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    transcriptId: uuid('transcript_id').notNull(),
    role: text('role').notNull(), // homeroom | principal
    staffId: uuid('staff_id'),
    userId: uuid('user_id'),
    signerName: text('signer_name').notNull(), // certificate subject CN
    certificateSubject: jsonb('certificate_subject').notNull(),
    certificateIssuer: text('certificate_issuer'),
    certificateSerial: text('certificate_serial').notNull(),
    certificateFingerprint: text('certificate_fingerprint').notNull(), // SHA-256, hex
    certificateValidTo: timestamp('certificate_valid_to', { withTimezone: true }).notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    revisionLength: integer('revision_length').notNull(),
    revisionSha256: text('revision_sha256').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('transcript_signatures_role_uq').on(t.schoolId, t.transcriptId, t.role),
  ],
);

/**
 * Ký học bạ cả lớp: one background signing of every ready transcript of a class (a job of the jobs queue),
 * with its progress for the status page. status: queued → running → done (every transcript tried; `errors`
 * lists the ones that failed) or failed (the job could not run: e.g. the server restarted and the signing key,
 * which is held in memory only and never stored, was lost).
 */
export const transcriptSignBatches = pgTable(
  'transcript_sign_batches',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    classId: uuid('class_id').notNull(),
    role: text('role').notNull(), // homeroom | principal
    status: text('status').notNull().default('queued'), // queued | running | done | failed
    /** Transcripts of the class when the batch was queued, and how many of them are settled so far. */
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    signed: integer('signed').notNull().default(0),
    /** [{ transcriptId, studentName, reason }]: not signed because not ready (skipped) or because signing failed. */
    skipped: jsonb('skipped').$type<{ transcriptId: string; studentName: string; reason: string }[]>(),
    errors: jsonb('errors').$type<{ transcriptId: string; studentName: string; reason: string }[]>(),
    message: text('message'),
    /** jobs.id of the queued job. */
    jobId: bigint('job_id', { mode: 'number' }),
    signerName: text('signer_name'),
    certificateFingerprint: text('certificate_fingerprint'),
    requestedBy: uuid('requested_by').notNull(),
    requestedByName: text('requested_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('transcript_sign_batches_class_idx').on(t.schoolId, t.classId, t.createdAt),
  ],
);
