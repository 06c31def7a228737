import type { BirthRow, EnrolmentHistoryRow } from '@smartedu/contracts';
import { birthCohorts, enrolmentSnapshots, type Queryable, staff, units } from '@smartedu/db';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

export type UnitRef = {
  id: string;
  name: string;
  kind: string;
  path: string;
  schoolLevel: string | null;
  code: string;
};

/** The only file of the forecasts module that touches tables. */
export function createForecastsRepository(db: Queryable) {
  return {
    async unit(id: string): Promise<UnitRef | null> {
      const [row] = await db
        .select({
          id: units.id,
          name: units.name,
          kind: units.kind,
          path: units.path,
          schoolLevel: units.schoolLevel,
          code: units.code,
        })
        .from(units)
        .where(eq(units.id, id));
      return row ?? null;
    },

    async unitByCode(code: string): Promise<UnitRef | null> {
      const [row] = await db
        .select({
          id: units.id,
          name: units.name,
          kind: units.kind,
          path: units.path,
          schoolLevel: units.schoolLevel,
          code: units.code,
        })
        .from(units)
        .where(eq(units.code, code));
      return row ?? null;
    },

    /** Whether any year was entered by hand (the demo seeds such rows; the registry rollup never does). */
    async hasReported(): Promise<boolean> {
      const rows = await db
        .select({ y: enrolmentSnapshots.year })
        .from(enrolmentSnapshots)
        .where(eq(enrolmentSnapshots.source, 'reported'))
        .limit(1);
      return rows.length > 0;
    },

    /** Active schools in a unit's subtree (the unit itself when it is a school). */
    async schoolsUnder(path: string): Promise<UnitRef[]> {
      return db
        .select({
          id: units.id,
          name: units.name,
          kind: units.kind,
          path: units.path,
          schoolLevel: units.schoolLevel,
          code: units.code,
        })
        .from(units)
        .where(and(like(units.path, `${path}%`), eq(units.kind, 'school'), eq(units.active, true)))
        .orderBy(asc(units.code));
    },

    async snapshots(schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select({
          schoolId: enrolmentSnapshots.schoolId,
          year: enrolmentSnapshots.year,
          grade: enrolmentSnapshots.grade,
          students: enrolmentSnapshots.students,
          source: enrolmentSnapshots.source,
        })
        .from(enrolmentSnapshots)
        .where(inArray(enrolmentSnapshots.schoolId, schoolIds))
        .orderBy(asc(enrolmentSnapshots.year), asc(enrolmentSnapshots.grade));
    },

    /** Working teachers per school and main subject (the supply side of the staffing balance). */
    async teachersByMainSubject(schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select({
          schoolId: staff.schoolId,
          code: staff.mainSubjectCode,
          n: sql<number>`count(*)::int`,
        })
        .from(staff)
        .where(
          and(inArray(staff.schoolId, schoolIds), eq(staff.category, 'teacher'), eq(staff.status, 'working')),
        )
        .groupBy(staff.schoolId, staff.mainSubjectCode);
    },

    /** Births entered by department units whose path starts with `path` (the unit and its subtree). */
    async birthsUnder(path: string) {
      return db
        .select({
          unitId: birthCohorts.unitId,
          commune: birthCohorts.commune,
          birthYear: birthCohorts.birthYear,
          births: birthCohorts.births,
        })
        .from(birthCohorts)
        .innerJoin(units, eq(units.id, birthCohorts.unitId))
        .where(like(units.path, `${path}%`))
        .orderBy(asc(birthCohorts.birthYear), asc(birthCohorts.commune));
    },

    async birthsOf(unitId: string) {
      return db
        .select({
          commune: birthCohorts.commune,
          birthYear: birthCohorts.birthYear,
          births: birthCohorts.births,
        })
        .from(birthCohorts)
        .where(eq(birthCohorts.unitId, unitId))
        .orderBy(asc(birthCohorts.commune), asc(birthCohorts.birthYear));
    },

    async upsertBirths(unitId: string, rows: BirthRow[]) {
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insert(birthCohorts)
          .values(rows.slice(i, i + 500).map((r) => ({ unitId, ...r })))
          .onConflictDoUpdate({
            target: [birthCohorts.unitId, birthCohorts.commune, birthCohorts.birthYear],
            set: { births: sql`excluded.births`, updatedAt: sql`now()` },
          });
      }
    },

    async upsertReported(schoolId: string, rows: Omit<EnrolmentHistoryRow, 'source'>[]) {
      if (rows.length === 0) return;
      await db
        .insert(enrolmentSnapshots)
        .values(rows.map((r) => ({ schoolId, ...r, source: 'reported' as const })))
        .onConflictDoUpdate({
          target: [enrolmentSnapshots.schoolId, enrolmentSnapshots.year, enrolmentSnapshots.grade],
          set: { students: sql`excluded.students`, source: sql`excluded.source`, updatedAt: sql`now()` },
        });
    },

    /**
     * Rollup of the registry: distinct students per school × school year × grade from the enrolments (students who
     * left by transfer or dropped out are not counted in that year). Rewrites the 'registry' rows of these schools;
     * a count from the registry replaces a reported one for the same year and grade.
     */
    async rollupFromRegistry(schoolIds: string[]): Promise<number> {
      if (schoolIds.length === 0) return 0;
      const ids = sql.join(
        schoolIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      await db.execute(
        sql`delete from enrolment_snapshots where school_id in (${ids}) and source = 'registry'`,
      );
      const inserted = rowsOf<{ n: number }>(
        await db.execute(sql`
          insert into enrolment_snapshots (school_id, year, grade, students, source)
          select c.school_id, extract(year from sy.start_date)::int, c.grade, count(distinct e.student_id)::int, 'registry'
            from enrolments e
            join classes c on c.school_id = e.school_id and c.id = e.class_id
            join school_years sy on sy.id = e.school_year_id
           where e.school_id in (${ids})
             and (e.end_reason is null or e.end_reason not in ('transfer_out', 'dropped_out'))
           group by c.school_id, extract(year from sy.start_date), c.grade
          on conflict (school_id, year, grade) do update
             set students = excluded.students, source = 'registry', updated_at = now()
          returning 1 as n`),
      );
      return inserted.length;
    },
  };
}
export type ForecastsRepository = ReturnType<typeof createForecastsRepository>;
