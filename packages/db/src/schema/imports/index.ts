import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Excel imports: an upload is validated first; the user then commits all rows or only the valid ones.
export const importJobs = pgTable(
  'import_jobs',
  {
    schoolId: uuid('school_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(), // students | guardians | staff | classes
    fileName: text('file_name').notNull(),
    /** Where the uploaded file is kept between validation and commit (under the data directory). */
    storedPath: text('stored_path').notNull(),
    fileSha256: text('file_sha256').notNull(),
    status: text('status').notNull(), // validated | committed | failed | discarded
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    /** Row-level errors (capped); each { row, column, field, code, message }. */
    errors: jsonb('errors').notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('import_jobs_created_idx').on(t.schoolId, t.createdAt),
  ],
);
