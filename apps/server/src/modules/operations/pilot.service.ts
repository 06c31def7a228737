import type {
  BudgetLineCreateBody,
  CommendationCreateBody,
  CommendationListQuery,
  ContributionCreateBody,
  ContributionListQuery,
  EquipmentCreateBody,
  EquipmentListQuery,
  EquipmentUpdateBody,
  InspectionCreateBody,
  InspectionListQuery,
  PlanBudget,
  RoomCreateBody,
  RoomListQuery,
  SpendingCreateBody,
  UsageCreateBody,
  UsageListQuery,
} from '@smartedu/contracts';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../access';
import type { OperationsDeps } from './operations.deps';
import { createPilotRepository, type PilotRepository } from './pilot.repository';
import type { RollupsService } from './rollups.service';
import type { TargetsService } from './targets.service';

const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

/**
 * Thí điểm lớp học thông minh: rooms and equipment per school, usage logs, the plan's budget lines and spending,
 * contributions (xã hội hoá), inspections and commendations. A write that changes what the dashboards count
 * refreshes the school's rollup right after it commits.
 */
export function createPilotService(
  deps: OperationsDeps & { rollups: RollupsService; targets: TargetsService },
) {
  const { database, access, audit, rollups, targets } = deps;
  const repo = createPilotRepository(database.db);

  const readScope = (actor: Actor) => access.scope(actor, 'operations.read');
  const page = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: offset(q) });

  async function checkRoom(schoolId: string, roomId: string | null | undefined) {
    if (roomId && !(await repo.roomInSchool(schoolId, roomId)))
      throw new AppError('VALIDATION_FAILED', 'Phòng học không thuộc trường này', { field: 'roomId' });
  }
  async function checkClass(schoolId: string, classId: string | null | undefined) {
    if (classId && !(await repo.classInSchool(schoolId, classId)))
      throw new AppError('VALIDATION_FAILED', 'Lớp học không thuộc trường này', { field: 'classId' });
  }

  /** The plan's school must be one of its pilot schools. */
  async function checkPlanSchool(planId: string, schoolId: string | null | undefined) {
    if (!schoolId) return;
    const ids = await targets.planSchoolIds(planId);
    if (!ids.includes(schoolId))
      throw new AppError('VALIDATION_FAILED', 'Trường không tham gia kế hoạch này', { field: 'schoolId' });
  }

  return {
    // ---- rooms
    async listRooms(actor: Actor, q: z.infer<typeof RoomListQuery>) {
      return repo.listRooms(await readScope(actor), q, page(q));
    },

    async createRoom(actor: Actor, schoolId: string, body: z.infer<typeof RoomCreateBody>) {
      await access.require(actor, 'operations.manage', { schoolId });
      await checkClass(schoolId, body.classId);
      if (body.planId) await checkPlanSchool(body.planId, schoolId);
      const id = await database.transaction(async (tx) => {
        const row = await createPilotRepository(tx).insertRoom({ ...body, schoolId });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'ops_smart_room',
          entityId: row.id,
          after: row,
        });
        return row.id;
      });
      await rollups.refreshSchools([schoolId]);
      return (await repo.getRoom(schoolId, id))!;
    },

    // ---- equipment
    async listEquipment(actor: Actor, q: z.infer<typeof EquipmentListQuery>) {
      return repo.listEquipment(await readScope(actor), q, page(q));
    },

    async createEquipment(actor: Actor, schoolId: string, body: z.infer<typeof EquipmentCreateBody>) {
      await access.require(actor, 'operations.manage', { schoolId });
      await checkRoom(schoolId, body.roomId);
      const id = await database.transaction(async (tx) => {
        const row = await createPilotRepository(tx).insertEquipment({ ...body, schoolId });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'ops_equipment',
          entityId: row.id,
          after: row,
        });
        return row.id;
      });
      await rollups.refreshSchools([schoolId]);
      return (await repo.getEquipment(schoolId, id))!;
    },

    /** Cập nhật thiết bị: most often its status (hỏng, đang sửa, hoạt động lại). */
    async updateEquipment(
      actor: Actor,
      schoolId: string,
      id: string,
      body: z.infer<typeof EquipmentUpdateBody>,
    ) {
      await access.require(actor, 'operations.manage', { schoolId });
      const before = await repo.rawEquipment(schoolId, id);
      if (!before) throw notFound('thiết bị');
      await checkRoom(schoolId, body.roomId);
      await database.transaction(async (tx) => {
        await createPilotRepository(tx).updateEquipment(schoolId, id, body);
        await audit.record(tx, actor, {
          schoolId,
          action: 'update',
          entity: 'ops_equipment',
          entityId: id,
          before,
          after: body,
        });
      });
      await rollups.refreshSchools([schoolId]);
      return (await repo.getEquipment(schoolId, id))!;
    },

    // ---- usage logs
    async listUsage(actor: Actor, q: z.infer<typeof UsageListQuery>) {
      return repo.listUsage(await readScope(actor), q, page(q));
    },

    async createUsage(actor: Actor, schoolId: string, body: z.infer<typeof UsageCreateBody>) {
      await access.require(actor, 'operations.manage', { schoolId });
      await checkRoom(schoolId, body.roomId);
      await checkClass(schoolId, body.classId);
      if (body.staffId && !(await repo.staffInSchool(schoolId, body.staffId)))
        throw new AppError('VALIDATION_FAILED', 'Giáo viên không thuộc trường này', { field: 'staffId' });
      const row = await database.transaction(async (tx) => {
        const r = await createPilotRepository(tx).insertUsage({
          ...body,
          schoolId,
          recordedBy: actor.userId,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'ops_equipment_usage',
          entityId: r.id,
          after: r,
        });
        return r;
      });
      await rollups.refreshSchools([schoolId]);
      return (await repo.getUsage(schoolId, row.id))!;
    },

    // ---- budget (dự toán) and spending
    async budget(actor: Actor, planId: string): Promise<PlanBudget> {
      const p = await targets.readablePlan(actor, planId);
      const lines = await repo.budgetLines(planId);
      const visible = new Set(p.visible.map((s) => s.id));
      const ownsAll = p.visible.length === p.schools.length;
      const spending = (await repo.spending(planId)).filter(
        (s) => ownsAll || (s.schoolId !== null && visible.has(s.schoolId)),
      );
      const total = lines.reduce((s, l) => s + Number(l.line.amount), 0);
      const spent = lines.reduce((s, l) => s + Number(l.spent), 0);
      const bySchool = new Map<
        string | null,
        { schoolId: string | null; schoolName: string | null; spent: number }
      >();
      for (const s of spending) {
        const row = bySchool.get(s.schoolId) ?? { schoolId: s.schoolId, schoolName: s.schoolName, spent: 0 };
        row.spent += Number(s.amount);
        bySchool.set(s.schoolId, row);
      }
      return {
        planId,
        total,
        spent,
        remaining: total - spent,
        lines: lines.map(({ line, spent: lineSpent }) => ({
          id: line.id,
          appendix: line.appendix,
          code: line.code,
          item: line.item,
          unitName: line.unitName,
          quantity: line.quantity,
          unitPrice: Number(line.unitPrice),
          amount: Number(line.amount),
          fundingSource: line.fundingSource as 'budget' | 'parents' | 'donor',
          spent: Number(lineSpent),
          remaining: Number(line.amount) - Number(lineSpent),
        })),
        spending: spending.map((s) => ({ ...s, amount: Number(s.amount) })),
        bySchool: [...bySchool.values()],
        contributions: await repo.contributionTotals(planId),
      };
    },

    async createBudgetLine(actor: Actor, planId: string, body: z.infer<typeof BudgetLineCreateBody>) {
      const found = await targets.managedPlan(actor, planId);
      const row = await database.transaction(async (tx) => {
        const r = await createPilotRepository(tx).insertBudgetLine({
          ...body,
          planId,
          unitId: found.plan.unitId,
          amount: body.quantity * body.unitPrice,
        });
        await audit.record(tx, actor, {
          schoolId: found.plan.unitId,
          action: 'create',
          entity: 'ops_budget_line',
          entityId: r.id,
          after: r,
        });
        return r;
      });
      return row;
    },

    async createSpending(actor: Actor, planId: string, body: z.infer<typeof SpendingCreateBody>) {
      const found = await targets.managedPlan(actor, planId);
      const line = await repo.budgetLine(planId, body.budgetLineId);
      if (!line)
        throw new AppError('VALIDATION_FAILED', 'Dòng dự toán không thuộc kế hoạch này', {
          field: 'budgetLineId',
        });
      await checkPlanSchool(planId, body.schoolId);
      const lines = await repo.budgetLines(planId);
      const spent = Number(lines.find((l) => l.line.id === line.id)?.spent ?? 0);
      if (spent + body.amount > Number(line.amount))
        throw new AppError(
          'VALIDATION_FAILED',
          `Vượt dự toán: dòng ${line.code} còn ${(Number(line.amount) - spent).toLocaleString('vi-VN')} đ`,
          { field: 'amount' },
        );
      return database.transaction(async (tx) => {
        const r = await createPilotRepository(tx).insertSpending({
          ...body,
          schoolId: body.schoolId ?? null,
          planId,
          unitId: found.plan.unitId,
          createdBy: actor.userId,
        });
        await audit.record(tx, actor, {
          schoolId: found.plan.unitId,
          action: 'create',
          entity: 'ops_spending',
          entityId: r.id,
          after: r,
        });
        return r;
      });
    },

    // ---- contributions
    async listContributions(actor: Actor, q: z.infer<typeof ContributionListQuery>) {
      const result = await repo.listContributions(await readScope(actor), q, page(q));
      return { total: result.total, items: result.items.map(toContribution) };
    },

    async createContribution(actor: Actor, schoolId: string, body: z.infer<typeof ContributionCreateBody>) {
      await access.require(actor, 'operations.manage', { schoolId });
      if (body.planId) await checkPlanSchool(body.planId, schoolId);
      const row = await database.transaction(async (tx) => {
        const r = await createPilotRepository(tx).insertContribution({
          ...body,
          schoolId,
          planId: body.planId ?? null,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'ops_contribution',
          entityId: r.id,
          after: r,
        });
        return r;
      });
      return toContribution((await repo.getContribution(schoolId, row.id))!);
    },

    // ---- inspections and commendations (by the plan's issuing unit)
    async listInspections(actor: Actor, q: z.infer<typeof InspectionListQuery>) {
      const result = await repo.listInspections(await readScope(actor), q, page(q));
      return { total: result.total, items: result.items.map(toInspection) };
    },

    async createInspection(actor: Actor, planId: string, body: z.infer<typeof InspectionCreateBody>) {
      await targets.managedPlan(actor, planId);
      await checkPlanSchool(planId, body.schoolId);
      const row = await database.transaction(async (tx) => {
        const r = await createPilotRepository(tx).insertInspection({
          ...body,
          planId,
          rating: body.rating ?? null,
          findings: body.findings.map((f) => ({ ...f, recommendation: f.recommendation ?? null })),
          createdBy: actor.userId,
        });
        await audit.record(tx, actor, {
          schoolId: body.schoolId,
          action: 'create',
          entity: 'ops_inspection',
          entityId: r.id,
          after: r,
        });
        return r;
      });
      return toInspection((await repo.getInspection(body.schoolId, row.id))!);
    },

    async listCommendations(actor: Actor, q: z.infer<typeof CommendationListQuery>) {
      const result = await repo.listCommendations(await readScope(actor), q, page(q));
      return { total: result.total, items: result.items.map(toCommendation) };
    },

    async createCommendation(actor: Actor, planId: string, body: z.infer<typeof CommendationCreateBody>) {
      await targets.managedPlan(actor, planId);
      await checkPlanSchool(planId, body.schoolId);
      const row = await database.transaction(async (tx) => {
        const r = await createPilotRepository(tx).insertCommendation({
          ...body,
          planId,
          staffId: body.staffId ?? null,
        });
        await audit.record(tx, actor, {
          schoolId: body.schoolId,
          action: 'create',
          entity: 'ops_commendation',
          entityId: r.id,
          after: r,
        });
        return r;
      });
      return toCommendation((await repo.getCommendation(body.schoolId, row.id))!);
    },
  };
}
export type PilotService = ReturnType<typeof createPilotService>;

type ContributionRow = NonNullable<Awaited<ReturnType<PilotRepository['getContribution']>>>;
type InspectionRow = NonNullable<Awaited<ReturnType<PilotRepository['getInspection']>>>;
type CommendationRow = NonNullable<Awaited<ReturnType<PilotRepository['getCommendation']>>>;

const toContribution = (i: ContributionRow) => ({
  ...i.c,
  schoolName: i.schoolName,
  amount: Number(i.c.amount),
  contributorKind: i.c.contributorKind as 'parents' | 'donor' | 'organisation',
  form: i.c.form as 'cash' | 'in_kind',
});
const toInspection = (i: InspectionRow) => ({
  ...i.i,
  schoolName: i.schoolName,
  rating: i.i.rating as 'good' | 'fair' | 'needs_improvement' | null,
});
const toCommendation = (i: CommendationRow) => ({
  ...i.c,
  schoolName: i.schoolName,
  recipientKind: i.c.recipientKind as 'collective' | 'individual',
});
