import {
  classes,
  containsPattern,
  opsBudgetLines,
  opsCommendations,
  opsContributions,
  opsEquipment,
  opsEquipmentUsage,
  opsInspections,
  opsSmartRooms,
  opsSpending,
  type Queryable,
  staff,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, gte, ilike, lte, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

type Page = { limit: number; offset: number };
type Filters = {
  schoolId?: string;
  planId?: string;
  roomId?: string;
  kind?: (typeof opsEquipment.$inferSelect)['kind'];
  status?: (typeof opsEquipment.$inferSelect)['status'];
  from?: string;
  to?: string;
  q?: string;
};

/** The smart-classroom pilot: rooms, equipment and its use, budget and spending, contributions, inspections, commendations. */
export function createPilotRepository(db: Queryable) {
  const roomSelect = () =>
    db
      .select({
        id: opsSmartRooms.id,
        schoolId: opsSmartRooms.schoolId,
        schoolName: units.name,
        name: opsSmartRooms.name,
        classId: opsSmartRooms.classId,
        className: classes.name,
        planId: opsSmartRooms.planId,
        status: opsSmartRooms.status,
        commissionedOn: opsSmartRooms.commissionedOn,
        note: opsSmartRooms.note,
        equipmentCount: sql<number>`(select coalesce(sum(e.quantity), 0)::int from ${opsEquipment} e where e.school_id = ${opsSmartRooms.schoolId} and e.room_id = ${opsSmartRooms.id} and e.status <> 'retired')`,
        brokenCount: sql<number>`(select coalesce(sum(e.quantity), 0)::int from ${opsEquipment} e where e.school_id = ${opsSmartRooms.schoolId} and e.room_id = ${opsSmartRooms.id} and e.status in ('broken', 'repairing'))`,
        lastUsedOn: sql<
          string | null
        >`(select max(u.used_on)::text from ${opsEquipmentUsage} u where u.school_id = ${opsSmartRooms.schoolId} and u.room_id = ${opsSmartRooms.id})`,
      })
      .from(opsSmartRooms)
      .innerJoin(units, eq(units.id, opsSmartRooms.schoolId))
      .leftJoin(
        classes,
        and(eq(classes.schoolId, opsSmartRooms.schoolId), eq(classes.id, opsSmartRooms.classId)),
      );

  const equipmentSelect = () =>
    db
      .select({
        id: opsEquipment.id,
        schoolId: opsEquipment.schoolId,
        schoolName: units.name,
        roomId: opsEquipment.roomId,
        roomName: opsSmartRooms.name,
        kind: opsEquipment.kind,
        name: opsEquipment.name,
        assetCode: opsEquipment.assetCode,
        quantity: opsEquipment.quantity,
        status: opsEquipment.status,
        fundingSource: opsEquipment.fundingSource,
        budgetLineId: opsEquipment.budgetLineId,
        unitCost: opsEquipment.unitCost,
        acquiredOn: opsEquipment.acquiredOn,
        licenseExpiresOn: opsEquipment.licenseExpiresOn,
        note: opsEquipment.note,
      })
      .from(opsEquipment)
      .innerJoin(units, eq(units.id, opsEquipment.schoolId))
      .leftJoin(
        opsSmartRooms,
        and(eq(opsSmartRooms.schoolId, opsEquipment.schoolId), eq(opsSmartRooms.id, opsEquipment.roomId)),
      );

  return {
    async listRooms(scope: Scope, f: Filters, page: Page) {
      const conds: SQL[] = [scopeCondition(scope, { schoolId: opsSmartRooms.schoolId })];
      if (f.schoolId) conds.push(eq(opsSmartRooms.schoolId, f.schoolId));
      if (f.planId) conds.push(eq(opsSmartRooms.planId, f.planId));
      if (f.q) conds.push(ilike(opsSmartRooms.name, containsPattern(f.q)));
      const where = and(...conds)!;
      const [{ total }] = await db.select({ total: count() }).from(opsSmartRooms).where(where);
      const items = await roomSelect()
        .where(where)
        .orderBy(asc(units.code), asc(opsSmartRooms.name))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async getRoom(schoolId: string, id: string) {
      const [row] = await roomSelect().where(
        and(eq(opsSmartRooms.schoolId, schoolId), eq(opsSmartRooms.id, id)),
      );
      return row ?? null;
    },
    async insertRoom(values: typeof opsSmartRooms.$inferInsert) {
      const [row] = await db.insert(opsSmartRooms).values(values).returning();
      return row;
    },

    async listEquipment(scope: Scope, f: Filters, page: Page) {
      const conds: SQL[] = [scopeCondition(scope, { schoolId: opsEquipment.schoolId })];
      if (f.schoolId) conds.push(eq(opsEquipment.schoolId, f.schoolId));
      if (f.roomId) conds.push(eq(opsEquipment.roomId, f.roomId));
      if (f.kind) conds.push(eq(opsEquipment.kind, f.kind));
      if (f.status) conds.push(eq(opsEquipment.status, f.status));
      if (f.q) conds.push(ilike(opsEquipment.name, containsPattern(f.q)));
      const where = and(...conds)!;
      const [{ total }] = await db.select({ total: count() }).from(opsEquipment).where(where);
      const items = await equipmentSelect()
        .where(where)
        .orderBy(asc(units.code), asc(opsSmartRooms.name), asc(opsEquipment.kind), asc(opsEquipment.name))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async getEquipment(schoolId: string, id: string) {
      const [row] = await equipmentSelect().where(
        and(eq(opsEquipment.schoolId, schoolId), eq(opsEquipment.id, id)),
      );
      return row ?? null;
    },
    async rawEquipment(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(opsEquipment)
        .where(and(eq(opsEquipment.schoolId, schoolId), eq(opsEquipment.id, id)));
      return row ?? null;
    },
    async insertEquipment(values: typeof opsEquipment.$inferInsert) {
      const [row] = await db.insert(opsEquipment).values(values).returning();
      return row;
    },
    async updateEquipment(schoolId: string, id: string, values: Partial<typeof opsEquipment.$inferInsert>) {
      await db
        .update(opsEquipment)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(opsEquipment.schoolId, schoolId), eq(opsEquipment.id, id)));
    },

    async listUsage(scope: Scope | null, f: Filters & { id?: string }, page: Page) {
      const conds: SQL[] = scope ? [scopeCondition(scope, { schoolId: opsEquipmentUsage.schoolId })] : [];
      if (f.schoolId) conds.push(eq(opsEquipmentUsage.schoolId, f.schoolId));
      if (f.id) conds.push(eq(opsEquipmentUsage.id, f.id));
      if (f.roomId) conds.push(eq(opsEquipmentUsage.roomId, f.roomId));
      if (f.from) conds.push(gte(opsEquipmentUsage.usedOn, f.from));
      if (f.to) conds.push(lte(opsEquipmentUsage.usedOn, f.to));
      const where = and(...conds)!;
      const [{ total }] = await db.select({ total: count() }).from(opsEquipmentUsage).where(where);
      const items = await db
        .select({
          id: opsEquipmentUsage.id,
          schoolId: opsEquipmentUsage.schoolId,
          roomId: opsEquipmentUsage.roomId,
          roomName: opsSmartRooms.name,
          classId: opsEquipmentUsage.classId,
          className: classes.name,
          staffId: opsEquipmentUsage.staffId,
          staffName: staff.fullName,
          usedOn: opsEquipmentUsage.usedOn,
          periods: opsEquipmentUsage.periods,
          activity: opsEquipmentUsage.activity,
        })
        .from(opsEquipmentUsage)
        .innerJoin(
          opsSmartRooms,
          and(
            eq(opsSmartRooms.schoolId, opsEquipmentUsage.schoolId),
            eq(opsSmartRooms.id, opsEquipmentUsage.roomId),
          ),
        )
        .leftJoin(
          classes,
          and(eq(classes.schoolId, opsEquipmentUsage.schoolId), eq(classes.id, opsEquipmentUsage.classId)),
        )
        .leftJoin(
          staff,
          and(eq(staff.schoolId, opsEquipmentUsage.schoolId), eq(staff.id, opsEquipmentUsage.staffId)),
        )
        .where(where)
        .orderBy(desc(opsEquipmentUsage.usedOn), asc(opsSmartRooms.name))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async getUsage(schoolId: string, id: string) {
      return (await this.listUsage(null, { schoolId, id }, { limit: 1, offset: 0 })).items[0] ?? null;
    },
    async insertUsage(values: typeof opsEquipmentUsage.$inferInsert) {
      const [row] = await db.insert(opsEquipmentUsage).values(values).returning();
      return row;
    },
    /** Whether a class / staff member belongs to the school (checks before writing a usage log). */
    async classInSchool(schoolId: string, classId: string) {
      const [row] = await db
        .select({ id: classes.id })
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));
      return Boolean(row);
    },
    async staffInSchool(schoolId: string, staffId: string) {
      const [row] = await db
        .select({ id: staff.id })
        .from(staff)
        .where(and(eq(staff.schoolId, schoolId), eq(staff.id, staffId)));
      return Boolean(row);
    },

    async budgetLines(planId: string) {
      return db
        .select({
          line: opsBudgetLines,
          // Qualified by hand: drizzle leaves a one-table select's own columns unqualified.
          spent: sql<number>`(select coalesce(sum(s.amount), 0)::bigint from ${opsSpending} s
            where s.plan_id = "ops_budget_lines"."plan_id" and s.budget_line_id = "ops_budget_lines"."id")`,
        })
        .from(opsBudgetLines)
        .where(eq(opsBudgetLines.planId, planId))
        .orderBy(asc(opsBudgetLines.appendix), asc(opsBudgetLines.sortOrder), asc(opsBudgetLines.code));
    },
    async budgetLine(planId: string, id: string) {
      const [row] = await db
        .select()
        .from(opsBudgetLines)
        .where(and(eq(opsBudgetLines.planId, planId), eq(opsBudgetLines.id, id)));
      return row ?? null;
    },
    async spending(planId: string) {
      return db
        .select({
          id: opsSpending.id,
          budgetLineId: opsSpending.budgetLineId,
          schoolId: opsSpending.schoolId,
          schoolName: units.name,
          spentOn: opsSpending.spentOn,
          amount: opsSpending.amount,
          voucherNo: opsSpending.voucherNo,
          description: opsSpending.description,
        })
        .from(opsSpending)
        .leftJoin(units, eq(units.id, opsSpending.schoolId))
        .where(eq(opsSpending.planId, planId))
        .orderBy(asc(opsSpending.spentOn), asc(opsSpending.voucherNo));
    },
    async insertBudgetLine(values: typeof opsBudgetLines.$inferInsert) {
      const [row] = await db.insert(opsBudgetLines).values(values).returning();
      return row;
    },
    async insertSpending(values: typeof opsSpending.$inferInsert) {
      const [row] = await db.insert(opsSpending).values(values).returning();
      return row;
    },
    async contributionTotals(planId: string) {
      const [row] = await db
        .select({
          parents: sql<number>`coalesce(sum(${opsContributions.amount}) filter (where ${opsContributions.contributorKind} = 'parents'), 0)::bigint`,
          donors: sql<number>`coalesce(sum(${opsContributions.amount}) filter (where ${opsContributions.contributorKind} <> 'parents'), 0)::bigint`,
          count: sql<number>`count(*)::int`,
        })
        .from(opsContributions)
        .where(eq(opsContributions.planId, planId));
      return { parents: Number(row?.parents ?? 0), donors: Number(row?.donors ?? 0), count: row?.count ?? 0 };
    },

    async listContributions(scope: Scope, f: Filters, page: Page) {
      const conds: SQL[] = [scopeCondition(scope, { schoolId: opsContributions.schoolId })];
      if (f.schoolId) conds.push(eq(opsContributions.schoolId, f.schoolId));
      if (f.planId) conds.push(eq(opsContributions.planId, f.planId));
      if (f.q) conds.push(ilike(opsContributions.contributorName, containsPattern(f.q)));
      const where = and(...conds)!;
      const [{ total }] = await db.select({ total: count() }).from(opsContributions).where(where);
      const items = await db
        .select({ c: opsContributions, schoolName: units.name })
        .from(opsContributions)
        .innerJoin(units, eq(units.id, opsContributions.schoolId))
        .where(where)
        .orderBy(desc(opsContributions.receivedOn))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async getContribution(schoolId: string, id: string) {
      const [row] = await db
        .select({ c: opsContributions, schoolName: units.name })
        .from(opsContributions)
        .innerJoin(units, eq(units.id, opsContributions.schoolId))
        .where(and(eq(opsContributions.schoolId, schoolId), eq(opsContributions.id, id)));
      return row ?? null;
    },
    async insertContribution(values: typeof opsContributions.$inferInsert) {
      const [row] = await db.insert(opsContributions).values(values).returning();
      return row;
    },

    async listInspections(scope: Scope, f: Filters, page: Page) {
      const conds: SQL[] = [scopeCondition(scope, { schoolId: opsInspections.schoolId })];
      if (f.schoolId) conds.push(eq(opsInspections.schoolId, f.schoolId));
      if (f.planId) conds.push(eq(opsInspections.planId, f.planId));
      const where = and(...conds)!;
      const [{ total }] = await db.select({ total: count() }).from(opsInspections).where(where);
      const items = await db
        .select({ i: opsInspections, schoolName: units.name })
        .from(opsInspections)
        .innerJoin(units, eq(units.id, opsInspections.schoolId))
        .where(where)
        .orderBy(desc(opsInspections.inspectedOn))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async getInspection(schoolId: string, id: string) {
      const [row] = await db
        .select({ i: opsInspections, schoolName: units.name })
        .from(opsInspections)
        .innerJoin(units, eq(units.id, opsInspections.schoolId))
        .where(and(eq(opsInspections.schoolId, schoolId), eq(opsInspections.id, id)));
      return row ?? null;
    },
    async insertInspection(values: typeof opsInspections.$inferInsert) {
      const [row] = await db.insert(opsInspections).values(values).returning();
      return row;
    },

    async listCommendations(scope: Scope, f: Filters, page: Page) {
      const conds: SQL[] = [scopeCondition(scope, { schoolId: opsCommendations.schoolId })];
      if (f.schoolId) conds.push(eq(opsCommendations.schoolId, f.schoolId));
      if (f.planId) conds.push(eq(opsCommendations.planId, f.planId));
      const where = and(...conds)!;
      const [{ total }] = await db.select({ total: count() }).from(opsCommendations).where(where);
      const items = await db
        .select({ c: opsCommendations, schoolName: units.name })
        .from(opsCommendations)
        .innerJoin(units, eq(units.id, opsCommendations.schoolId))
        .where(where)
        .orderBy(desc(opsCommendations.decidedOn))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async getCommendation(schoolId: string, id: string) {
      const [row] = await db
        .select({ c: opsCommendations, schoolName: units.name })
        .from(opsCommendations)
        .innerJoin(units, eq(units.id, opsCommendations.schoolId))
        .where(and(eq(opsCommendations.schoolId, schoolId), eq(opsCommendations.id, id)));
      return row ?? null;
    },
    async insertCommendation(values: typeof opsCommendations.$inferInsert) {
      const [row] = await db.insert(opsCommendations).values(values).returning();
      return row;
    },

    async roomInSchool(schoolId: string, roomId: string) {
      const [row] = await db
        .select({ id: opsSmartRooms.id })
        .from(opsSmartRooms)
        .where(and(eq(opsSmartRooms.schoolId, schoolId), eq(opsSmartRooms.id, roomId)));
      return Boolean(row);
    },
  };
}
export type PilotRepository = ReturnType<typeof createPilotRepository>;
