import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../registry/units';

/**
 * Công khai (public disclosure, Circular 09/2024/TT-BGDĐT) and public feedback. Owned by the unit that
 * discloses or is addressed: a school, or a department (Phòng/Sở); `school_id` leads every key.
 */

// Tài liệu công khai: PDF documents uploaded per disclosure section, served publicly
export const disclosureDocuments = pgTable(
  'disclosure_documents',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    section: text('section').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    /** Name under <dataDir>/uploads/disclosure/<school_id>/ (random; never the uploaded name). */
    storedName: text('stored_name').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    published: boolean('published').notNull().default(true),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('disclosure_documents_section_idx').on(t.schoolId, t.section),
  ],
);

// Góp ý, phản ánh của người dân: tracked to an answer (new → in_progress → answered)
export const publicFeedback = pgTable(
  'public_feedback',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    trackingCode: text('tracking_code').notNull(),
    name: text('name'),
    contact: text('contact').notNull(),
    subject: text('subject').notNull(),
    message: text('message').notNull(),
    status: text('status').$type<'new' | 'in_progress' | 'answered'>().notNull().default('new'),
    assigneeUserId: uuid('assignee_user_id'),
    assigneeName: text('assignee_name'),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('public_feedback_code_uq').on(t.schoolId, t.trackingCode),
    index('public_feedback_status_idx').on(t.schoolId, t.status, t.createdAt),
    index('public_feedback_code_idx').on(t.trackingCode),
  ],
);
