import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Reference tables (replicated to every node under Citus): the unit tree, school years, subjects, ethnicities.
 */

// Đơn vị: Sở GD&ĐT → Phòng GD&ĐT → trường → điểm trường
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    parentId: uuid('parent_id'),
    kind: text('kind').notNull(), // province_department | district_department | school | school_site
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** Materialised path of ids, '/root/child/.../self/': a subtree is `path LIKE prefix || '%'`. */
    path: text('path').notNull(),
    schoolLevel: text('school_level'), // MN | TH | THCS | THPT | TH_THCS | THCS_THPT | TH_THCS_THPT
    ownership: text('ownership'), // public | private
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('units_parent_idx').on(t.parentId), index('units_path_idx').on(t.path)],
);

// Năm học
export const schoolYears = pgTable('school_years', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull().unique(), // '2024-2025'
  startDate: date('start_date').notNull(),
  endDate: date('end_date').notNull(),
  isCurrent: boolean('is_current').notNull().default(false),
});

// Học kỳ
export const terms = pgTable(
  'terms',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    schoolYearId: uuid('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    termNo: integer('term_no').notNull(), // 1 | 2
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
  },
  (t) => [index('terms_year_idx').on(t.schoolYearId, t.termNo)],
);

// Môn học / hoạt động giáo dục (CT GDPT 2018)
export const subjects = pgTable('subjects', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  code: text('code').notNull().unique(), // e.g. THCS_TOAN
  name: text('name').notNull(),
  level: text('level').notNull(), // TH | THCS | THPT
  /** scored | comment (TT22); level | level_test (TT27) */
  assessment: text('assessment').notNull(),
  elective: boolean('elective').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
});

// Số tiết/năm theo khối
export const subjectGrades = pgTable(
  'subject_grades',
  {
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    grade: integer('grade').notNull(),
    periodsPerYear: integer('periods_per_year').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.grade] })],
);

// Dân tộc (54 dân tộc, mã chính thức)
export const ethnicities = pgTable('ethnicities', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
});
