import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Personal data (Decree 13/2023/NĐ-CP, Personal Data Protection Law): consent records for optional processing of
 * a student's data. School-owned: `school_id` leads the primary key and every index.
 *
 * Append-only: every decision (given or withdrawn) is one row with the time, the version of the notice the
 * guardian was shown and who recorded it; the current state of a purpose is its latest row.
 */
export const privacyConsents = pgTable(
  'privacy_consents',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    studentId: uuid('student_id').notNull(),
    /** photo | face_template | contact_zalo | contact_sms */
    purpose: text('purpose').notNull(),
    /** given | withdrawn */
    status: text('status').notNull(),
    /** Version of the privacy notice shown to the guardian (e.g. '2025-01'). */
    noticeVersion: text('notice_version').notNull(),
    /** The guardian who decided (null only when recorded by the school from a paper form naming no guardian). */
    guardianId: uuid('guardian_id'),
    /** paper | online */
    channel: text('channel').notNull(),
    recordedByUserId: uuid('recorded_by_user_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('privacy_consents_student_idx').on(t.schoolId, t.studentId, t.purpose, t.recordedAt),
  ],
);
