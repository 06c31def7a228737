import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../registry/units';

/**
 * Dự báo quy mô (forecasts): per-grade enrolment history and births by commune, the inputs of the
 * cohort-survival forecast.
 */

/**
 * Sĩ số theo khối qua các năm: one row per school × school year (its start year: 2024 for 2024-2025) × grade.
 * 'registry' rows are the rollup of enrolments (rewritten by the forecasts rollup); 'reported' rows were entered
 * by the school or department for years or grades the registry does not hold (the rollup never overwrites them
 * unless the registry has students in that grade and year).
 */
export const enrolmentSnapshots = pgTable(
  'enrolment_snapshots',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    grade: integer('grade').notNull(),
    students: integer('students').notNull(),
    source: text('source').$type<'registry' | 'reported'>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.year, t.grade] })],
);

/**
 * Số trẻ sinh theo năm và xã/phường, entered by a department (unit_id: the Phòng or Sở) for the grade-1
 * intake of the forecast (children enter grade 1 in the year they turn six).
 */
export const birthCohorts = pgTable(
  'birth_cohorts',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    commune: text('commune').notNull(),
    birthYear: integer('birth_year').notNull(),
    births: integer('births').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.commune, t.birthYear] }),
    index('birth_cohorts_year_idx').on(t.unitId, t.birthYear),
  ],
);
