import {
  classes,
  examScoreRollups,
  exams,
  gradeSubjectResults,
  type Queryable,
  schoolYears,
  staff,
  statPeriods,
  statReminders,
  statSubmissions,
  students,
  subjects,
  units,
} from '@smartedu/db';
import type { RegistryCounts } from '@smartedu/domain';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

export type PeriodRow = typeof statPeriods.$inferSelect;
export type SubmissionRow = typeof statSubmissions.$inferSelect;
export type UnitRow = { id: string; name: string; kind: string; path: string; parentId: string | null };

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * The only file touching the statistics tables; it also reads the registry (counts for the pre-fill) and the
 * analytics rollups of the gradebook (grade_subject_results) and the exams (exam_score_rollups) as aggregates.
 */
export function createStatisticsRepository(db: Queryable) {
  return {
    async unit(id: string): Promise<UnitRow | null> {
      const [row] = await db
        .select({
          id: units.id,
          name: units.name,
          kind: units.kind,
          path: units.path,
          parentId: units.parentId,
        })
        .from(units)
        .where(eq(units.id, id));
      return row ?? null;
    },

    async schoolsUnder(path: string) {
      return db
        .select({ id: units.id, name: units.name, code: units.code, path: units.path })
        .from(units)
        .where(and(eq(units.kind, 'school'), eq(units.active, true), sql`${units.path} like ${`${path}%`}`))
        .orderBy(asc(units.code));
    },

    async insertPeriod(row: typeof statPeriods.$inferInsert) {
      const [created] = await db.insert(statPeriods).values(row).onConflictDoNothing().returning();
      return created ?? null;
    },

    async period(id: string) {
      const [row] = await db
        .select({ period: statPeriods, unitName: units.name, unitPath: units.path })
        .from(statPeriods)
        .innerJoin(units, eq(units.id, statPeriods.unitId))
        .where(eq(statPeriods.id, id));
      return row ?? null;
    },

    /** Periods owned by any of the units (a school's departments, or a department's own). */
    async periodsOwnedBy(unitIds: string[]) {
      if (unitIds.length === 0) return [];
      return db
        .select({ period: statPeriods, unitName: units.name, unitPath: units.path })
        .from(statPeriods)
        .innerJoin(units, eq(units.id, statPeriods.unitId))
        .where(inArray(statPeriods.unitId, unitIds))
        .orderBy(desc(statPeriods.deadlineAt), asc(statPeriods.formCode));
    },

    /** Periods owned by a unit in the subtree at `path`. */
    async periodsUnder(path: string) {
      return db
        .select({ period: statPeriods, unitName: units.name, unitPath: units.path })
        .from(statPeriods)
        .innerJoin(units, eq(units.id, statPeriods.unitId))
        .where(sql`${units.path} like ${`${path}%`}`)
        .orderBy(desc(statPeriods.deadlineAt), asc(statPeriods.formCode));
    },

    async submission(schoolId: string, periodId: string) {
      const [row] = await db
        .select()
        .from(statSubmissions)
        .where(and(eq(statSubmissions.schoolId, schoolId), eq(statSubmissions.periodId, periodId)));
      return row ?? null;
    },

    async submissionsOf(periodId: string, schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select()
        .from(statSubmissions)
        .where(and(inArray(statSubmissions.schoolId, schoolIds), eq(statSubmissions.periodId, periodId)));
    },

    async upsertSubmission(row: typeof statSubmissions.$inferInsert) {
      const [saved] = await db
        .insert(statSubmissions)
        .values(row)
        .onConflictDoUpdate({
          target: [statSubmissions.schoolId, statSubmissions.periodId],
          set: {
            status: row.status,
            values: row.values,
            submittedAt: row.submittedAt ?? null,
            submittedBy: row.submittedBy ?? null,
            late: row.late ?? false,
            reviewedAt: row.reviewedAt ?? null,
            reviewedBy: row.reviewedBy ?? null,
            reviewComment: row.reviewComment ?? null,
            updatedAt: new Date(),
          },
        })
        .returning();
      return saved;
    },

    async reviewSubmission(
      schoolId: string,
      periodId: string,
      set: {
        status: 'accepted' | 'returned';
        reviewedBy: string;
        reviewedAt: Date;
        reviewComment: string | null;
      },
    ) {
      const [saved] = await db
        .update(statSubmissions)
        .set({ ...set, updatedAt: new Date() })
        .where(
          and(
            eq(statSubmissions.schoolId, schoolId),
            eq(statSubmissions.periodId, periodId),
            eq(statSubmissions.status, 'submitted'),
          ),
        )
        .returning();
      return saved ?? null;
    },

    async remindersOf(periodId: string, schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select()
        .from(statReminders)
        .where(and(inArray(statReminders.schoolId, schoolIds), eq(statReminders.periodId, periodId)));
    },

    /** Records a reminder; false when this one was already sent to the school. */
    async insertReminder(row: typeof statReminders.$inferInsert) {
      const r = await db.insert(statReminders).values(row).onConflictDoNothing().returning();
      return r.length > 0;
    },

    async currentSchoolYear() {
      const [row] = await db
        .select({ id: schoolYears.id, name: schoolYears.name })
        .from(schoolYears)
        .where(eq(schoolYears.isCurrent, true));
      return row ?? null;
    },

    /** The registry's counts of a school for the pre-fill: its sites, classes and studying students of the year, staff at work. */
    async registryCounts(schoolId: string, schoolYearId: string): Promise<RegistryCounts> {
      const classRows = await db
        .select({ grade: classes.grade, smart: classes.isSmart, count: sql<number>`count(*)::int` })
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.schoolYearId, schoolYearId)))
        .groupBy(classes.grade, classes.isSmart);
      const female = sql<boolean>`${students.gender} = 'F'`;
      const minority = sql<boolean>`${students.ethnicityCode} <> '01'`; // Kinh
      const disabled = sql<boolean>`${students.disability} is not null`;
      const studentRows = await db
        .select({
          grade: classes.grade,
          female,
          minority,
          disabled,
          count: sql<number>`count(*)::int`,
        })
        .from(students)
        .innerJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
        )
        .where(
          and(
            eq(students.schoolId, schoolId),
            eq(students.status, 'studying'),
            eq(classes.schoolYearId, schoolYearId),
          ),
        )
        .groupBy(classes.grade, female, minority, disabled);
      const staffFemale = sql<boolean>`${staff.gender} = 'F'`;
      const staffMinority = sql<boolean>`coalesce(${staff.ethnicityCode}, '01') <> '01'`;
      const staffRows = await db
        .select({
          category: staff.category,
          qualification: staff.qualification,
          female: staffFemale,
          minority: staffMinority,
          count: sql<number>`count(*)::int`,
        })
        .from(staff)
        .where(and(eq(staff.schoolId, schoolId), eq(staff.status, 'working')))
        .groupBy(staff.category, staff.qualification, staffFemale, staffMinority);
      const [sites] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(units)
        .where(and(eq(units.parentId, schoolId), eq(units.kind, 'school_site'), eq(units.active, true)));
      return {
        sites: Number(sites?.n ?? 0),
        classes: classRows.map((r) => ({ ...r, count: Number(r.count) })),
        students: studentRows.map((r) => ({ ...r, count: Number(r.count) })),
        staff: staffRows.map((r) => ({ ...r, count: Number(r.count) })),
      };
    },

    /**
     * Gradebook results (rollup grade_subject_results) per school × subject: count, sum and 1-point bins of
     * the subject average (ĐTB môn) or, in primary, the periodic test score.
     */
    async gradebookGroups(schoolIds: string[], schoolYearId: string, period: string) {
      if (schoolIds.length === 0) return [];
      const score = sql`coalesce(${gradeSubjectResults.average}, ${gradeSubjectResults.testScore})`;
      const bin = sql<number>`least(9, greatest(0, floor(${score})))::int`;
      const rows = await db
        .select({
          schoolId: gradeSubjectResults.schoolId,
          subject: subjects.name,
          sortOrder: subjects.sortOrder,
          level: subjects.level,
          bin,
          count: sql<number>`count(*)::int`,
          sum: sql<number>`sum(${score})::float8`,
        })
        .from(gradeSubjectResults)
        .innerJoin(subjects, eq(subjects.id, gradeSubjectResults.subjectId))
        .where(
          and(
            inArray(gradeSubjectResults.schoolId, schoolIds),
            eq(gradeSubjectResults.schoolYearId, schoolYearId),
            eq(gradeSubjectResults.period, period),
            sql`${score} is not null`,
          ),
        )
        .groupBy(gradeSubjectResults.schoolId, subjects.name, subjects.sortOrder, subjects.level, bin);
      return rows.map((r) => ({ ...r, count: Number(r.count), sum: Number(r.sum), bin: Number(r.bin) }));
    },

    /** City-wide exams with per-school score rollups for any of the schools. */
    async examsWithRollups(schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      const rows = rowsOf<{ id: string; title: string; closes_at: Date | string }>(
        await db.execute(sql`select e.id, e.title, e.closes_at from ${exams} e
          where exists (select 1 from ${examScoreRollups} r where r.exam_id = e.id and r.unit_kind = 'school'
                          and r.school_id in (${sql.join(
                            schoolIds.map((id) => sql`${id}`),
                            sql`, `,
                          )}))
          order by e.closes_at desc`),
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        closesAt: new Date(r.closes_at).toISOString(),
        subject: null as string | null,
      }));
    },

    async exam(examId: string) {
      const [row] = await db
        .select({ id: exams.id, title: exams.title, subjectCode: exams.subjectCode })
        .from(exams)
        .where(eq(exams.id, examId));
      return row ?? null;
    },

    /** Per-school rollups of an exam (phổ điểm: summary and 0.25-wide bins). */
    async examSchoolRollups(examId: string, schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select({
          schoolId: examScoreRollups.schoolId,
          summary: examScoreRollups.summary,
          bins: examScoreRollups.bins,
        })
        .from(examScoreRollups)
        .where(
          and(
            eq(examScoreRollups.examId, examId),
            eq(examScoreRollups.unitKind, 'school'),
            inArray(examScoreRollups.schoolId, schoolIds),
          ),
        );
    },
  };
}
export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
