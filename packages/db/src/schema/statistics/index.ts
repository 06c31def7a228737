import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../registry/units';

/**
 * Thống kê giáo dục điện tử (seed 003 §5, §III): a department opens a reporting period of a statistics form
 * (biểu mẫu, its definition frozen with the period) with a deadline; each school's submission is pre-filled
 * from the registry and completed by the school, then reviewed by the department. Periods belong to the
 * department (small, keyed by id); submissions and reminders are school-owned (`school_id` leads the key).
 */

/** Kỳ báo cáo: one form for one quarter, owned by the department that collects it. */
export const statPeriods = pgTable(
  'stat_periods',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    formCode: text('form_code').notNull(),
    title: text('title').notNull(),
    /** The form definition (sections, rows, columns, checks) as it was when the period opened. */
    definition: jsonb('definition').notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stat_periods_unit_form_quarter_uq').on(t.unitId, t.formCode, t.year, t.quarter)],
);

/** Báo cáo thống kê của trường: one per school and period. */
export const statSubmissions = pgTable(
  'stat_submissions',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    periodId: uuid('period_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    status: text('status').$type<'draft' | 'submitted' | 'accepted' | 'returned'>().notNull(),
    /** Every field of the form: registry fields as counted at the last save, the school's own fields. */
    values: jsonb('values').$type<Record<string, number>>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    late: boolean('late').notNull().default(false),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewComment: text('review_comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.periodId] }),
    uniqueIndex('stat_submissions_id_uq').on(t.schoolId, t.id),
  ],
);

/** Nhắc nộp báo cáo: which reminder reached which school (a reminder is sent once). */
export const statReminders = pgTable(
  'stat_reminders',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    periodId: uuid('period_id').notNull(),
    kind: text('kind').notNull(), // before_3_days | due_day
    recipients: integer('recipients').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.periodId, t.kind] })],
);
