import type {
  PlanCreateBody,
  PlanDetail,
  PlanListQuery,
  PlanUpdateBody,
  TargetCreateBody,
  TargetHistory,
  TargetProgress,
  TargetRecordsQuery,
  TargetReportBody,
  TargetSchools,
  TargetUpdateBody,
  TrafficLight,
} from '@smartedu/contracts';
import {
  classifyProgress,
  computeCount,
  computeRatio,
  computeShare,
  isTargetDefinitionCode,
  type TargetComputation,
  type TargetDefinition,
  targetDefinition,
  worstLight,
} from '@smartedu/domain';
import type { z } from 'zod';
import { AppError, forbidden, notFound } from '../../errors';
import { type Actor, type Scope, scopeCovers } from '../access';
import { createDrillRepository } from './drill.repository';
import { daysBetween, toIsoDate, vietnamDate } from './operations.dates';
import type { OperationsDeps } from './operations.deps';
import { createPlansRepository, type PlanRow, type SnapshotRow, type TargetRow } from './plans.repository';
import { type Counter, createRollupsRepository } from './rollups.repository';

type PlanSchool = {
  id: string;
  name: string;
  code: string;
  path: string;
  latitude: number | null;
  longitude: number | null;
};
type SchoolEval = {
  schoolId: string;
  goal: number | null;
  computation: TargetComputation | null;
  status: TrafficLight;
  report: { asOf: string; evidence: string; note: string | null; reportedByName: string | null } | null;
};
export type PlanEvaluation = {
  plan: PlanRow;
  schoolYearId: string | null;
  targets: TargetProgress[];
  /** Per target and school, when asked for. */
  bySchool: Map<string, SchoolEval[]>;
};

const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;
const EMPTY_LIGHTS = () => ({ on_track: 0, at_risk: 0, off_track: 0, no_data: 0 });
const counterKey = (metric: string, dim: string) => `${metric}\u0000${dim}`;

/** The (metric, dim) a definition's counter is stored under: '…@plan' counters are kept per plan. */
const storageOf = (counter: string, planId: string) => ({
  metric: counter,
  dim: counter.endsWith('@plan') ? planId : '',
});

function countersFor(
  def: TargetDefinition,
  rows: readonly Counter[],
  planId: string,
): Record<string, number> {
  const byKey = new Map(rows.map((r) => [counterKey(r.metric, r.dim), Number(r.value)]));
  const out: Record<string, number> = {};
  for (const c of def.counters) {
    const { metric, dim } = storageOf(c, planId);
    out[c] = byKey.get(counterKey(metric, dim)) ?? 0;
  }
  return out;
}

/** Plan-wide value of a reported target from the schools' latest reports. */
function fromReports(
  measure: string,
  reports: { numerator: number; denominator: number | null }[],
): TargetComputation | null {
  if (reports.length === 0) return null;
  const n = reports.reduce((s, r) => s + Number(r.numerator), 0);
  const d = reports.reduce((s, r) => s + Number(r.denominator ?? 0), 0);
  if (measure === 'percent') return computeShare(Math.min(n, d), d);
  if (measure === 'ratio') return computeRatio(n, d);
  return computeCount(n);
}

/**
 * Plans (kế hoạch) and targets (chỉ tiêu): progress with traffic lights, per-school breakdown, the records behind
 * a number, history, schools' reports. Progress is read from the rollup (`ops_group_stats` for a plan,
 * `ops_school_stats` per school) and computed by the named definitions of @smartedu/domain.
 */
export function createTargetsService(
  deps: OperationsDeps & {
    /** Recomputes schools' rollups (a plan's schools that were never counted yet). */
    refreshSchools?: (schoolIds: string[]) => Promise<unknown>;
  },
) {
  const { database, access, audit, now } = deps;

  /** A plan's group sums are rebuilt from its schools' rollups: count the schools never refreshed first. */
  async function countSchools(schoolIds: string[]) {
    const states = await rollups.refreshState(schoolIds);
    const missing = schoolIds.filter((id) => !states.some((st) => st.schoolId === id && st.refreshedAt));
    if (missing.length && deps.refreshSchools) await deps.refreshSchools(missing);
  }
  const plans = createPlansRepository(database.db);
  const rollups = createRollupsRepository(database.db);
  const drill = createDrillRepository(database.db);

  async function yearOf(plan: PlanRow): Promise<string | null> {
    return plan.schoolYearId ?? (await rollups.currentSchoolYear())?.id ?? null;
  }

  /** Share of the plan's period elapsed at today's date, for counts to be reached by a due date. */
  function elapsedFor(plan: PlanRow, target: TargetRow, today: string): number | null {
    if (target.measure !== 'count' || !target.dueDate) return null;
    const span = daysBetween(plan.periodStart, target.dueDate);
    if (span <= 0) return 1;
    return Math.min(1, Math.max(0, daysBetween(plan.periodStart, today) / span));
  }

  function light(plan: PlanRow, target: TargetRow, value: number | null, goal: number, today: string) {
    return classifyProgress(value, {
      measure: target.measure as 'percent' | 'count' | 'ratio',
      comparator: target.comparator as 'gte' | 'lte',
      goal,
      margin: target.atRiskMargin,
      elapsed: elapsedFor(plan, target, today),
    });
  }

  /** Computes every target of a plan (and, for `breakdown` schools, each school's own figure). */
  async function evaluatePlan(
    plan: PlanRow,
    schools: PlanSchool[],
    options: { breakdown?: string[]; targets?: TargetRow[] } = {},
  ): Promise<PlanEvaluation> {
    const today = vietnamDate(now());
    const schoolYearId = await yearOf(plan);
    const targets = options.targets ?? (await plans.targetsOf([plan.id]));
    const computed = targets.filter(
      (t) => t.kind === 'computed' && t.definition && isTargetDefinitionCode(t.definition),
    );
    const defs = new Map(computed.map((t) => [t.id, targetDefinition(t.definition as never)]));
    const metrics = [...new Set([...defs.values()].flatMap((d) => d.counters))];
    const schoolIds = schools.map((s) => s.id);
    // The plan's sums, and per counter how many schools have data ('#schools'): both kept in the group rollup.
    const groupRows =
      schoolYearId && metrics.length
        ? await rollups.groupCounters(plan.id, schoolYearId, [
            ...metrics,
            ...metrics.map((m) => `${m}#schools`),
          ])
        : [];
    // Schools with data: the denominator counter (shares, ratios) or the count, above 0.
    const dataKey = (def: TargetDefinition) => storageOf(def.counters[def.counters.length - 1], plan.id);
    const withData = new Map(
      groupRows
        .filter((r) => r.metric.endsWith('#schools'))
        .map((r) => [counterKey(r.metric.slice(0, -'#schools'.length), r.dim), Number(r.value)]),
    );
    const reported = targets.filter((t) => t.kind === 'reported');
    const reports = await plans.latestReports(
      reported.map((t) => t.id),
      schoolIds,
    );
    const breakdown = options.breakdown ?? [];
    const schoolRows =
      breakdown.length && schoolYearId && metrics.length
        ? await rollups.schoolCounters(breakdown, schoolYearId, metrics, ['', plan.id])
        : [];
    const allocations = await plans.allocations(targets.map((t) => t.id));
    const rowsBySchool = new Map<string, Counter[]>();
    for (const r of schoolRows) {
      const list = rowsBySchool.get(r.schoolId) ?? [];
      list.push(r);
      rowsBySchool.set(r.schoolId, list);
    }

    const out: TargetProgress[] = [];
    const bySchool = new Map<string, SchoolEval[]>();
    for (const t of targets) {
      const def = defs.get(t.id);
      const ownReports = reports.filter((r) => r.target_id === t.id);
      let computation: TargetComputation | null = null;
      let schoolsWithData = 0;
      if (def) {
        computation = def.compute(countersFor(def, groupRows, plan.id));
        const k = dataKey(def);
        schoolsWithData = withData.get(counterKey(k.metric, k.dim)) ?? 0;
      } else if (t.kind === 'reported') {
        computation = fromReports(t.measure, ownReports);
        schoolsWithData = new Set(ownReports.map((r) => r.school_id)).size;
      }
      const value = computation?.value ?? null;
      out.push({
        id: t.id,
        planId: t.planId,
        code: t.code,
        title: t.title,
        kind: t.kind as 'computed' | 'reported',
        definition: t.definition,
        measure: t.measure as 'percent' | 'count' | 'ratio',
        comparator: t.comparator as 'gte' | 'lte',
        targetValue: t.targetValue,
        atRiskMargin: t.atRiskMargin,
        dueDate: t.dueDate,
        numerator: computation?.numerator ?? null,
        denominator: computation?.denominator ?? null,
        value,
        status: light(plan, t, value, t.targetValue, today),
        schoolsWithData,
        schoolCount: schools.length,
      });
      if (breakdown.length) {
        const rows: SchoolEval[] = [];
        for (const schoolId of breakdown) {
          const allocation = allocations.find((a) => a.targetId === t.id && a.schoolId === schoolId);
          const goal = allocation?.targetValue ?? (t.measure === 'count' ? null : t.targetValue);
          const report = ownReports.find((r) => r.school_id === schoolId) ?? null;
          let c: TargetComputation | null = null;
          if (def) c = def.compute(countersFor(def, rowsBySchool.get(schoolId) ?? [], plan.id));
          else if (report) c = fromReports(t.measure, [report]);
          const status = goal === null ? 'no_data' : light(plan, t, c?.value ?? null, goal, today);
          rows.push({
            schoolId,
            goal,
            computation: c,
            status,
            report: report
              ? {
                  asOf: toIsoDate(report.as_of)!,
                  evidence: report.evidence,
                  note: report.note,
                  reportedByName: report.reported_by_name,
                }
              : null,
          });
        }
        bySchool.set(t.id, rows);
      }
    }
    return { plan, schoolYearId, targets: out, bySchool };
  }

  /** Reads a plan the actor may see: issued in their scope, or one of their schools takes part. */
  async function readablePlan(actor: Actor, planId: string) {
    const found = await plans.getPlan(planId);
    if (!found) throw notFound('kế hoạch');
    const scope = await access.scope(actor, 'operations.read');
    const schools = await plans.planSchools(planId);
    const visible = schools.filter((s) => scopeCovers(scope, { schoolId: s.id, schoolPath: s.path }));
    const ownsPlan = scopeCovers(scope, { schoolId: found.plan.unitId, schoolPath: found.unitPath });
    if (!ownsPlan && visible.length === 0) throw forbidden();
    return { ...found, schools, visible: ownsPlan ? schools : visible, scope };
  }

  async function managedPlan(actor: Actor, planId: string) {
    const found = await plans.getPlan(planId);
    if (!found) throw notFound('kế hoạch');
    await access.require(actor, 'operations.manage', {
      schoolId: found.plan.unitId,
      schoolPath: found.unitPath,
    });
    return found;
  }

  async function readableTarget(actor: Actor, planId: string, targetId: string) {
    const p = await readablePlan(actor, planId);
    const target = await plans.getTarget(planId, targetId);
    if (!target) throw notFound('chỉ tiêu');
    return { ...p, target };
  }

  function validateTarget(body: { kind?: string; definition?: string | null; measure?: string }) {
    if (body.kind === 'computed') {
      if (!body.definition || !isTargetDefinitionCode(body.definition))
        throw new AppError('VALIDATION_FAILED', 'Chỉ tiêu tính tự động cần một định nghĩa hợp lệ', {
          field: 'definition',
        });
      if (targetDefinition(body.definition).measure !== body.measure)
        throw new AppError('VALIDATION_FAILED', 'Đơn vị đo không khớp với định nghĩa chỉ tiêu', {
          field: 'measure',
        });
    }
    if (body.kind === 'reported' && body.definition)
      throw new AppError('VALIDATION_FAILED', 'Chỉ tiêu do trường báo cáo không có định nghĩa tính tự động', {
        field: 'definition',
      });
  }

  async function checkSchools(actor: Actor, scopePath: string, schoolIds: string[]) {
    if (schoolIds.length === 0) return;
    const inside = await plans.schoolsUnder(schoolIds, [scopePath]);
    if (inside.length !== new Set(schoolIds).size)
      throw new AppError('VALIDATION_FAILED', 'Có trường không thuộc đơn vị ban hành kế hoạch', {
        field: 'schoolIds',
      });
    void actor;
  }

  async function planDetail(actor: Actor, planId: string): Promise<PlanDetail> {
    const p = await readablePlan(actor, planId);
    const evaluation = await evaluatePlan(p.plan, p.schools);
    const lights = EMPTY_LIGHTS();
    for (const t of evaluation.targets) lights[t.status] += 1;
    const asOf = await rollups.oldestRefresh(p.schools.map((s) => s.id));
    return {
      ...summary(p.plan, p.unitName, p.schools.length, evaluation.targets.length),
      legalBasis: p.plan.legalBasis,
      objectives: p.plan.objectives,
      schools: p.schools.map((s) => ({ id: s.id, name: s.name })),
      targets: evaluation.targets,
      lights,
      asOf: asOf ? asOf.toISOString() : null,
    };
  }

  function summary(plan: PlanRow, unitName: string, schoolCount: number, targetCount: number) {
    return {
      id: plan.id,
      unitId: plan.unitId,
      unitName,
      code: plan.code,
      title: plan.title,
      issuer: plan.issuer,
      issuedOn: plan.issuedOn,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      schoolYearId: plan.schoolYearId,
      status: plan.status as 'draft' | 'active' | 'closed',
      schoolCount,
      targetCount,
    };
  }

  /** Today's snapshot of every target of the plans these schools take part in: per school and plan-wide. */
  async function writeSnapshots(schoolIds: string[]) {
    if (schoolIds.length === 0) return;
    const links = await plans.schoolIdsOfPlansForSchools(schoolIds);
    const planIds = [...new Set(links.map((l) => l.planId))];
    const day = vietnamDate(now());
    for (const planId of planIds) {
      const found = await plans.getPlan(planId);
      if (found?.plan.status !== 'active') continue;
      const schools = await plans.planSchools(planId);
      const refreshed = schools.filter((s) => schoolIds.includes(s.id)).map((s) => s.id);
      const evaluation = await evaluatePlan(found.plan, schools, { breakdown: refreshed });
      const rows: SnapshotRow[] = [];
      for (const t of evaluation.targets) {
        rows.push({
          schoolId: planId, // the plan-wide figure is kept under the plan's own id
          targetId: t.id,
          day,
          numerator: t.numerator,
          denominator: t.denominator,
          value: t.value,
          status: t.status,
        });
        for (const s of evaluation.bySchool.get(t.id) ?? []) {
          rows.push({
            schoolId: s.schoolId,
            targetId: t.id,
            day,
            numerator: s.computation?.numerator ?? null,
            denominator: s.computation?.denominator ?? null,
            value: s.computation?.value ?? null,
            status: s.status,
          });
        }
      }
      // Per school, the plan's summary light (target_id = the plan): what the map colours a marker with.
      for (const schoolId of refreshed) {
        const statuses = evaluation.targets.map(
          (t) => evaluation.bySchool.get(t.id)?.find((s) => s.schoolId === schoolId)?.status ?? 'no_data',
        );
        rows.push({
          schoolId,
          targetId: planId,
          day,
          numerator: null,
          denominator: null,
          value: null,
          status: worstLight(statuses),
        });
      }
      await plans.upsertSnapshots(rows);
    }
  }

  return {
    evaluatePlan,
    writeSnapshots,
    planDetail,

    async listPlans(actor: Actor, q: z.infer<typeof PlanListQuery>) {
      const scope: Scope = await access.scope(actor, 'operations.read');
      const where = plans.filterWhere(plans.scopeWhere(scope), {
        unitId: q.unitId,
        status: q.status,
        q: q.q,
      });
      const { total, items } = await plans.listPlans(where, { limit: q.pageSize, offset: offset(q) });
      return {
        total,
        items: items.map((i) => summary(i.plan, i.unitName, i.schoolCount, i.targetCount)),
      };
    },

    async createPlan(actor: Actor, body: z.infer<typeof PlanCreateBody>) {
      const unitPath = await plans.unitPath(body.unitId);
      if (!unitPath) throw notFound('đơn vị');
      await access.require(actor, 'operations.manage', { schoolId: body.unitId, schoolPath: unitPath });
      if (body.periodEnd < body.periodStart)
        throw new AppError('VALIDATION_FAILED', 'Ngày kết thúc phải sau ngày bắt đầu', {
          field: 'periodEnd',
        });
      await checkSchools(actor, unitPath, body.schoolIds);
      const { schoolIds, ...values } = body;
      const id = await database.transaction(async (tx) => {
        const repo = createPlansRepository(tx);
        const row = await repo.insertPlan(values);
        await repo.setPlanSchools(row.id, schoolIds);
        await createRollupsRepository(tx).rebuildGroup(row.id, schoolIds);
        await audit.record(tx, actor, {
          schoolId: body.unitId,
          action: 'create',
          entity: 'ops_plan',
          entityId: row.id,
          after: { ...row, schoolIds },
        });
        return row.id;
      });
      await countSchools(schoolIds);
      return planDetail(actor, id);
    },

    async updatePlan(actor: Actor, planId: string, body: z.infer<typeof PlanUpdateBody>) {
      const found = await managedPlan(actor, planId);
      const start = body.periodStart ?? found.plan.periodStart;
      const end = body.periodEnd ?? found.plan.periodEnd;
      if (end < start)
        throw new AppError('VALIDATION_FAILED', 'Ngày kết thúc phải sau ngày bắt đầu', {
          field: 'periodEnd',
        });
      if (body.schoolIds) await checkSchools(actor, found.unitPath, body.schoolIds);
      const { schoolIds, ...values } = body;
      await database.transaction(async (tx) => {
        const repo = createPlansRepository(tx);
        await repo.updatePlan(planId, values);
        if (schoolIds) {
          await repo.setPlanSchools(planId, schoolIds);
          await createRollupsRepository(tx).rebuildGroup(planId, schoolIds);
        }
        await audit.record(tx, actor, {
          schoolId: found.plan.unitId,
          action: 'update',
          entity: 'ops_plan',
          entityId: planId,
          before: found.plan,
          after: body,
        });
      });
      if (schoolIds) await countSchools(schoolIds);
      return planDetail(actor, planId);
    },

    async createTarget(actor: Actor, planId: string, body: z.infer<typeof TargetCreateBody>) {
      const found = await managedPlan(actor, planId);
      validateTarget(body);
      if (await plans.targetByCode(planId, body.code))
        throw new AppError('DUPLICATE', `Chỉ tiêu "${body.code}" đã có trong kế hoạch`, { field: 'code' });
      const schools = await plans.planSchools(planId);
      const { allocations, ...values } = body;
      if (allocations?.some((a) => !schools.some((s) => s.id === a.schoolId)))
        throw new AppError('VALIDATION_FAILED', 'Chỉ tiêu giao cho trường không tham gia kế hoạch', {
          field: 'allocations',
        });
      const id = await database.transaction(async (tx) => {
        const repo = createPlansRepository(tx);
        const row = await repo.insertTarget({
          ...values,
          planId,
          unitId: found.plan.unitId,
          definition: values.definition ?? null,
        });
        if (allocations) await repo.setAllocations(row.id, allocations);
        await audit.record(tx, actor, {
          schoolId: found.plan.unitId,
          action: 'create',
          entity: 'ops_target',
          entityId: row.id,
          after: { ...row, allocations },
        });
        return row.id;
      });
      await writeSnapshots(schools.map((s) => s.id));
      const detail = await planDetail(actor, planId);
      return detail.targets.find((t) => t.id === id)!;
    },

    async updateTarget(
      actor: Actor,
      planId: string,
      targetId: string,
      body: z.infer<typeof TargetUpdateBody>,
    ) {
      const found = await managedPlan(actor, planId);
      const target = await plans.getTarget(planId, targetId);
      if (!target) throw notFound('chỉ tiêu');
      if (body.measure && body.measure !== target.measure)
        validateTarget({ ...target, measure: body.measure });
      if (body.code && body.code !== target.code && (await plans.targetByCode(planId, body.code)))
        throw new AppError('DUPLICATE', `Chỉ tiêu "${body.code}" đã có trong kế hoạch`, { field: 'code' });
      const schools = await plans.planSchools(planId);
      const { allocations, ...values } = body;
      if (allocations?.some((a) => !schools.some((s) => s.id === a.schoolId)))
        throw new AppError('VALIDATION_FAILED', 'Chỉ tiêu giao cho trường không tham gia kế hoạch', {
          field: 'allocations',
        });
      await database.transaction(async (tx) => {
        const repo = createPlansRepository(tx);
        await repo.updateTarget(targetId, values);
        if (allocations) await repo.setAllocations(targetId, allocations);
        await audit.record(tx, actor, {
          schoolId: found.plan.unitId,
          action: 'update',
          entity: 'ops_target',
          entityId: targetId,
          before: target,
          after: body,
        });
      });
      await writeSnapshots(schools.map((s) => s.id));
      const detail = await planDetail(actor, planId);
      return detail.targets.find((t) => t.id === targetId)!;
    },

    async targetSchools(actor: Actor, planId: string, targetId: string): Promise<TargetSchools> {
      const p = await readableTarget(actor, planId, targetId);
      const evaluation = await evaluatePlan(p.plan, p.schools, {
        breakdown: p.visible.map((s) => s.id),
        targets: [p.target],
      });
      const rows = evaluation.bySchool.get(targetId) ?? [];
      return {
        target: evaluation.targets[0],
        schools: rows.map((r) => {
          const s = p.schools.find((x) => x.id === r.schoolId)!;
          return {
            schoolId: r.schoolId,
            schoolName: s.name,
            latitude: s.latitude,
            longitude: s.longitude,
            goal: r.goal,
            numerator: r.computation?.numerator ?? null,
            denominator: r.computation?.denominator ?? null,
            value: r.computation?.value ?? null,
            status: r.status,
            report: r.report,
          };
        }),
      };
    },

    async targetRecords(
      actor: Actor,
      planId: string,
      targetId: string,
      q: z.infer<typeof TargetRecordsQuery>,
    ) {
      const p = await readableTarget(actor, planId, targetId);
      const code = p.target.definition;
      if (p.target.kind !== 'computed' || !code || !isTargetDefinitionCode(code))
        return { total: 0, items: [] };
      const schoolYearId = await yearOf(p.plan);
      if (!schoolYearId) return { total: 0, items: [] };
      return drill.records(code, {
        schoolIds: p.visible.map((s) => s.id),
        schoolYearId,
        planId,
        schoolId: q.schoolId,
        classId: q.classId,
        outcome: q.outcome,
        q: q.q,
        limit: q.pageSize,
        offset: offset(q),
      });
    },

    async history(actor: Actor, planId: string, targetId: string, schoolId?: string): Promise<TargetHistory> {
      const p = await readableTarget(actor, planId, targetId);
      if (schoolId && !p.visible.some((s) => s.id === schoolId)) throw forbidden();
      if (!schoolId && p.visible.length !== p.schools.length && p.visible.length > 0) {
        // A school's account sees its own history, not the plan-wide one.
        schoolId = p.visible[0].id;
      }
      const rows = await plans.history(targetId, schoolId ?? p.plan.id);
      return {
        targetId,
        schoolId: schoolId ?? null,
        points: rows.map((r) => ({
          day: r.day,
          numerator: r.numerator,
          denominator: r.denominator,
          value: r.value,
          status: r.status as TrafficLight,
        })),
      };
    },

    async report(actor: Actor, schoolId: string, body: z.infer<typeof TargetReportBody>) {
      await access.require(actor, 'operations.manage', { schoolId });
      const target = await plans.targetById(body.targetId);
      if (!target) throw notFound('chỉ tiêu');
      if (target.kind !== 'reported')
        throw new AppError('VALIDATION_FAILED', 'Chỉ tiêu này được tính tự động, không cần báo cáo', {
          field: 'targetId',
        });
      const schools = await plans.planSchools(target.planId);
      if (!schools.some((s) => s.id === schoolId))
        throw new AppError('VALIDATION_FAILED', 'Trường không tham gia kế hoạch của chỉ tiêu này', {
          field: 'targetId',
        });
      if (target.measure !== 'count' && (body.denominator === null || body.denominator === undefined))
        throw new AppError('VALIDATION_FAILED', 'Cần nhập mẫu số (tổng số)', { field: 'denominator' });
      if (target.measure === 'percent' && body.numerator > (body.denominator ?? 0))
        throw new AppError('VALIDATION_FAILED', 'Tử số không được lớn hơn mẫu số', { field: 'numerator' });
      const row = await database.transaction(async (tx) => {
        const r = await createPlansRepository(tx).insertReport({
          schoolId,
          targetId: target.id,
          asOf: body.asOf,
          numerator: body.numerator,
          denominator: body.denominator ?? null,
          evidence: body.evidence,
          note: body.note ?? null,
          reportedBy: actor.userId,
          reportedByName: actor.fullName,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'ops_target_report',
          entityId: r.id,
          after: r,
        });
        return r;
      });
      await writeSnapshots([schoolId]);
      return {
        id: row.id,
        schoolId,
        targetId: row.targetId,
        asOf: row.asOf,
        numerator: row.numerator,
        denominator: row.denominator,
        evidence: row.evidence,
        note: row.note,
        reportedByName: row.reportedByName,
        reportedAt: row.reportedAt.toISOString(),
      };
    },

    readablePlan,
    managedPlan,
    async planSchoolIds(planId: string) {
      return (await plans.planSchools(planId)).map((s) => s.id);
    },
  };
}
export type TargetsService = ReturnType<typeof createTargetsService>;
