import {
  containsPattern,
  opsPlanSchools,
  opsPlans,
  opsTargetAllocations,
  opsTargetReports,
  opsTargetSnapshots,
  opsTargets,
  type Queryable,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

export type PlanRow = typeof opsPlans.$inferSelect;
export type TargetRow = typeof opsTargets.$inferSelect;
export type SnapshotRow = typeof opsTargetSnapshots.$inferInsert;

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** Plans (kế hoạch), their schools and targets (chỉ tiêu), schools' reports and the targets' history. */
export function createPlansRepository(db: Queryable) {
  return {
    /** Plans issued by a unit in the scope, or with a school in the scope. */
    scopeWhere(scope: Scope): SQL {
      return sql`(${scopeCondition(scope, { schoolId: opsPlans.unitId })} or exists (
        select 1 from ${opsPlanSchools} where ${opsPlanSchools.planId} = "ops_plans"."id"
           and ${scopeCondition(scope, { schoolId: opsPlanSchools.schoolId })}))`;
    },

    filterWhere(base: SQL, f: { unitId?: string; status?: PlanRow['status']; q?: string }): SQL {
      const conds: SQL[] = [base];
      if (f.unitId) conds.push(eq(opsPlans.unitId, f.unitId));
      if (f.status) conds.push(eq(opsPlans.status, f.status));
      if (f.q)
        conds.push(
          sql`(${opsPlans.title} ilike ${containsPattern(f.q)} or ${opsPlans.code} ilike ${containsPattern(f.q)})`,
        );
      return and(...conds)!;
    },

    async unitPath(unitId: string) {
      const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
      return row?.path ?? null;
    },

    async listPlans(where: SQL, page: { limit: number; offset: number }) {
      const [{ total }] = await db.select({ total: count() }).from(opsPlans).where(where);
      const items = await db
        .select({
          plan: opsPlans,
          unitName: units.name,
          schoolCount: sql<number>`(select count(*)::int from ${opsPlanSchools} ps where ps.plan_id = ${opsPlans.id})`,
          targetCount: sql<number>`(select count(*)::int from ${opsTargets} t where t.plan_id = ${opsPlans.id})`,
        })
        .from(opsPlans)
        .innerJoin(units, eq(units.id, opsPlans.unitId))
        .where(where)
        .orderBy(desc(opsPlans.issuedOn), asc(opsPlans.code))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },

    async getPlan(id: string) {
      const [row] = await db
        .select({ plan: opsPlans, unitName: units.name, unitPath: units.path })
        .from(opsPlans)
        .innerJoin(units, eq(units.id, opsPlans.unitId))
        .where(eq(opsPlans.id, id));
      return row ?? null;
    },

    async planSchools(planId: string) {
      return db
        .select({
          id: units.id,
          name: units.name,
          code: units.code,
          path: units.path,
          latitude: units.latitude,
          longitude: units.longitude,
        })
        .from(opsPlanSchools)
        .innerJoin(units, eq(units.id, opsPlanSchools.schoolId))
        .where(eq(opsPlanSchools.planId, planId))
        .orderBy(asc(units.code));
    },

    /** Plans a school takes part in. */
    async plansOfSchool(schoolId: string) {
      return db
        .select({ plan: opsPlans })
        .from(opsPlanSchools)
        .innerJoin(opsPlans, eq(opsPlans.id, opsPlanSchools.planId))
        .where(eq(opsPlanSchools.schoolId, schoolId))
        .orderBy(desc(opsPlans.issuedOn));
    },

    /** Active plans issued by units under a path (a department's plans). */
    async plansUnder(path: string) {
      return db
        .select({ plan: opsPlans })
        .from(opsPlans)
        .innerJoin(units, eq(units.id, opsPlans.unitId))
        .where(and(sql`${units.path} like ${`${path}%`}`, eq(opsPlans.status, 'active')))
        .orderBy(desc(opsPlans.issuedOn));
    },

    async schoolIdsOfPlans(planIds: string[]) {
      if (planIds.length === 0) return [];
      return db
        .select({ planId: opsPlanSchools.planId, schoolId: opsPlanSchools.schoolId })
        .from(opsPlanSchools)
        .where(inArray(opsPlanSchools.planId, planIds));
    },

    async schoolIdsOfPlansForSchools(schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select({ planId: opsPlanSchools.planId, schoolId: opsPlanSchools.schoolId })
        .from(opsPlanSchools)
        .where(inArray(opsPlanSchools.schoolId, schoolIds));
    },

    async insertPlan(values: typeof opsPlans.$inferInsert) {
      const [row] = await db.insert(opsPlans).values(values).returning();
      return row;
    },

    async updatePlan(id: string, values: Partial<typeof opsPlans.$inferInsert>) {
      await db
        .update(opsPlans)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(opsPlans.id, id));
    },

    async setPlanSchools(planId: string, schoolIds: string[]) {
      await db.delete(opsPlanSchools).where(eq(opsPlanSchools.planId, planId));
      if (schoolIds.length)
        await db
          .insert(opsPlanSchools)
          .values([...new Set(schoolIds)].map((schoolId) => ({ schoolId, planId })));
    },

    async targetsOf(planIds: string[]) {
      if (planIds.length === 0) return [];
      return db
        .select()
        .from(opsTargets)
        .where(inArray(opsTargets.planId, planIds))
        .orderBy(asc(opsTargets.sortOrder), asc(opsTargets.code));
    },

    async getTarget(planId: string, id: string) {
      const [row] = await db
        .select()
        .from(opsTargets)
        .where(and(eq(opsTargets.planId, planId), eq(opsTargets.id, id)));
      return row ?? null;
    },

    async targetById(id: string) {
      const [row] = await db.select().from(opsTargets).where(eq(opsTargets.id, id));
      return row ?? null;
    },

    async targetByCode(planId: string, code: string) {
      const [row] = await db
        .select()
        .from(opsTargets)
        .where(and(eq(opsTargets.planId, planId), eq(opsTargets.code, code)));
      return row ?? null;
    },

    async insertTarget(values: typeof opsTargets.$inferInsert) {
      const [row] = await db.insert(opsTargets).values(values).returning();
      return row;
    },

    async updateTarget(id: string, values: Partial<typeof opsTargets.$inferInsert>) {
      await db
        .update(opsTargets)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(opsTargets.id, id));
    },

    async allocations(targetIds: string[]) {
      if (targetIds.length === 0) return [];
      return db.select().from(opsTargetAllocations).where(inArray(opsTargetAllocations.targetId, targetIds));
    },

    async setAllocations(targetId: string, rows: { schoolId: string; targetValue: number }[]) {
      await db.delete(opsTargetAllocations).where(eq(opsTargetAllocations.targetId, targetId));
      if (rows.length) await db.insert(opsTargetAllocations).values(rows.map((r) => ({ ...r, targetId })));
    },

    /** The latest report of each school for each of the targets (reported targets). */
    async latestReports(targetIds: string[], schoolIds: string[]) {
      if (targetIds.length === 0 || schoolIds.length === 0) return [];
      return rowsOf<{
        school_id: string;
        target_id: string;
        as_of: string | Date;
        numerator: number;
        denominator: number | null;
        evidence: string;
        note: string | null;
        reported_by_name: string | null;
      }>(
        await db.execute(sql`
          select distinct on (r.school_id, r.target_id) r.school_id, r.target_id, r.as_of, r.numerator,
                 r.denominator, r.evidence, r.note, r.reported_by_name
            from ops_target_reports r
           where r.school_id in (${sql.join(
             schoolIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
             and r.target_id in (${sql.join(
               targetIds.map((id) => sql`${id}::uuid`),
               sql`, `,
             )})
           order by r.school_id, r.target_id, r.as_of desc, r.reported_at desc`),
      );
    },

    async insertReport(values: typeof opsTargetReports.$inferInsert) {
      const [row] = await db.insert(opsTargetReports).values(values).returning();
      return row;
    },

    async upsertSnapshots(input: SnapshotRow[]) {
      // One row per key (a later row wins): ON CONFLICT cannot touch a row twice in one statement.
      const rows = [...new Map(input.map((r) => [`${r.schoolId}:${r.targetId}:${r.day}`, r])).values()];
      for (let i = 0; i < rows.length; i += 1000) {
        await db
          .insert(opsTargetSnapshots)
          .values(rows.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: [opsTargetSnapshots.schoolId, opsTargetSnapshots.targetId, opsTargetSnapshots.day],
            set: {
              numerator: sql`excluded.numerator`,
              denominator: sql`excluded.denominator`,
              value: sql`excluded.value`,
              status: sql`excluded.status`,
            },
          });
      }
    },

    /** The latest snapshot per owner (school or plan unit) of each of the targets / plans given. */
    async latestSnapshots(ownerIds: string[], targetIds: string[]) {
      if (ownerIds.length === 0 || targetIds.length === 0) return [];
      return rowsOf<{
        school_id: string;
        target_id: string;
        day: string | Date;
        value: number | null;
        status: string;
      }>(
        await db.execute(sql`
          select distinct on (s.school_id, s.target_id) s.school_id, s.target_id, s.day, s.value, s.status
            from ops_target_snapshots s
           where s.school_id in (${sql.join(
             ownerIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
             and s.target_id in (${sql.join(
               targetIds.map((id) => sql`${id}::uuid`),
               sql`, `,
             )})
           order by s.school_id, s.target_id, s.day desc`),
      );
    },

    async history(targetId: string, ownerId: string) {
      return db
        .select()
        .from(opsTargetSnapshots)
        .where(and(eq(opsTargetSnapshots.schoolId, ownerId), eq(opsTargetSnapshots.targetId, targetId)))
        .orderBy(asc(opsTargetSnapshots.day));
    },

    /** Schools of the given set whose units lie under one of the paths (scope filter on a plan's schools). */
    async schoolsUnder(schoolIds: string[], paths: string[]) {
      if (schoolIds.length === 0 || paths.length === 0) return [];
      const rows = await db
        .select({ id: units.id })
        .from(units)
        .where(
          and(
            inArray(units.id, schoolIds),
            sql`(${sql.join(
              paths.map((p) => sql`${units.path} like ${`${p}%`}`),
              sql` or `,
            )})`,
          ),
        );
      return rows.map((r) => r.id);
    },
  };
}
export type PlansRepository = ReturnType<typeof createPlansRepository>;
