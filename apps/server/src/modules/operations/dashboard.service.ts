import type { DashboardAlert, OpsDashboard, TrafficLight } from '@smartedu/contracts';
import { worstLight } from '@smartedu/domain';
import { forbidden, notFound } from '../../errors';
import { type Actor, scopeCovers } from '../access';
import { createDashboardRepository } from './dashboard.repository';
import { addDays, attendanceReferenceDay, isSchoolDay, vietnamDate, vietnamHour } from './operations.dates';
import type { OperationsDeps } from './operations.deps';
import { createPlansRepository } from './plans.repository';
import { type Counter, createRollupsRepository } from './rollups.repository';
import type { RollupsService } from './rollups.service';
import type { TargetsService } from './targets.service';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;
const KIND_LABEL: Record<string, string> = {
  interactive_board: 'Màn hình tương tác',
  tablet: 'Máy tính bảng',
  laptop: 'Máy tính xách tay',
  computer: 'Máy tính để bàn',
  camera: 'Camera, micro',
  charging_cabinet: 'Tủ sạc',
  software_license: 'Bản quyền phần mềm',
  other: 'Khác',
};
const pct = (v: number) => `${v.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;

/**
 * Bảng điều hành: a department's subtree or one school. Every figure comes from the rollup (group counters for
 * the unit, per-school counters pivoted by the database, the targets' latest snapshots); the lists of schools
 * and classes come from the registry.
 */
export function createDashboardService(
  deps: OperationsDeps & {
    targets: TargetsService;
    rollups: RollupsService;
    /** Alerts of other modules (late statistics reports…). */
    alertSources?: ((
      unit: { id: string; path: string; kind: string },
      at: Date,
    ) => Promise<DashboardAlert[]>)[];
  },
) {
  const { database, access, audit, now, targets } = deps;
  const units = createDashboardRepository(database.db);
  const rollups = createRollupsRepository(database.db);
  const plans = createPlansRepository(database.db);

  async function defaultUnit(actor: Actor): Promise<string> {
    const scope = await access.scope(actor, 'operations.read');
    const widest = [...scope.subtrees].sort((a, b) => a.length - b.length)[0];
    if (!widest) throw forbidden();
    return widest.split('/').filter(Boolean).at(-1)!;
  }

  async function build(actor: Actor, unitId: string): Promise<OpsDashboard> {
    const unit = await units.unit(unitId);
    if (!unit) throw notFound('đơn vị');
    const scope = await access.scope(actor, 'operations.read');
    if (!scopeCovers(scope, { schoolId: unit.id, schoolPath: unit.path })) throw forbidden();
    const at = now();
    const today = vietnamDate(at);
    const year = await rollups.currentSchoolYear();
    const schools = await units.schoolsUnder(unit.path);
    const schoolIds = schools.map((s) => s.id);

    // The unit's counters: its group sums, or the school's own rows.
    let counters: Counter[] = [];
    if (year) {
      counters =
        unit.kind === 'school'
          ? (await rollups.schoolCounters([unit.id], year.id, [...UNIT_METRICS])).filter(
              (c) => !c.dim.startsWith('c:'),
            )
          : await rollups.groupCounters(unit.id, year.id, [...UNIT_METRICS]);
    }
    const value = (metric: string, dim = '') =>
      counters.filter((c) => c.metric === metric && c.dim === dim).reduce((s, c) => s + Number(c.value), 0);
    const dimsOf = (metric: string) => counters.filter((c) => c.metric === metric);

    const inYear = year ? today >= year.startDate && today <= year.endDate : false;
    // Attendance: today in term time; after the year ended, the last day with a roll in the rollup window.
    let day = attendanceReferenceDay(today, year);
    if (!inYear) {
      const days = counters
        .filter((c) => c.metric === 'att.expected' && Number(c.value) > 0)
        .map((c) => c.dim.slice(2))
        .sort();
      day = days.at(-1) ?? day;
    }
    const cards = year ? await rollups.schoolCards(schoolIds, year.id, day) : [];
    const cardOf = (id: string) => cards.find((c) => c.school_id === id);

    // Plans: issued in the subtree (a department), or taken part in (a school).
    const planRows =
      unit.kind === 'school'
        ? (await plans.plansOfSchool(unit.id)).map((p) => p.plan)
        : (await plans.plansUnder(unit.path)).map((p) => p.plan);
    const activePlans = planRows.filter((p) => p.status === 'active');
    const planViews: OpsDashboard['plans'] = [];
    const alerts: DashboardAlert[] = [];
    const schoolName = (id: string) => schools.find((s) => s.id === id)?.name ?? null;
    for (const plan of activePlans) {
      const planSchools = await plans.planSchools(plan.id);
      const inView = unit.kind === 'school' ? planSchools.filter((s) => s.id === unit.id) : planSchools;
      const evaluation =
        unit.kind === 'school'
          ? await targets.evaluatePlan(plan, planSchools, { breakdown: [unit.id] })
          : await targets.evaluatePlan(plan, planSchools);
      // A school sees its own figures; a department the plan-wide ones.
      const list = evaluation.targets.map((t) => {
        if (unit.kind !== 'school') return t;
        const own = evaluation.bySchool.get(t.id)?.[0];
        return {
          ...t,
          numerator: own?.computation?.numerator ?? null,
          denominator: own?.computation?.denominator ?? null,
          value: own?.computation?.value ?? null,
          status: own?.status ?? ('no_data' as TrafficLight),
          targetValue: own?.goal ?? t.targetValue,
          schoolsWithData: own?.computation?.value !== null && own?.computation ? 1 : 0,
          schoolCount: 1,
        };
      });
      const lights = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 };
      for (const t of list) lights[t.status] += 1;
      planViews.push({ id: plan.id, code: plan.code, title: plan.title, lights, targets: list });
      for (const t of list) {
        if (t.status !== 'at_risk' && t.status !== 'off_track') continue;
        alerts.push({
          kind: 'target_at_risk',
          severity: t.status === 'off_track' ? 'critical' : 'warning',
          message: `Chỉ tiêu ${t.code} (${plan.code}) ${t.status === 'off_track' ? 'chưa đạt' : 'có nguy cơ không đạt'}: ${
            t.value === null ? '—' : t.measure === 'percent' ? pct(t.value) : t.value.toLocaleString('vi-VN')
          } / ${t.comparator === 'gte' ? '≥' : '≤'} ${t.measure === 'percent' ? pct(t.targetValue) : t.targetValue}`,
          schoolId: unit.kind === 'school' ? unit.id : null,
          schoolName: unit.kind === 'school' ? unit.name : null,
          planId: plan.id,
          targetId: t.id,
        });
      }
      // Late reports: a reported target past its due date without a report from a school.
      const reportedTargets = (await plans.targetsOf([plan.id])).filter((t) => t.kind === 'reported');
      const reports = await plans.latestReports(
        reportedTargets.map((t) => t.id),
        inView.map((s) => s.id),
      );
      for (const t of reportedTargets) {
        const due = t.dueDate ?? plan.periodEnd;
        if (today <= due) continue;
        for (const s of inView) {
          if (reports.some((r) => r.target_id === t.id && r.school_id === s.id)) continue;
          alerts.push({
            kind: 'late_report',
            severity: 'warning',
            message: `${s.name} chưa báo cáo chỉ tiêu ${t.code} (hạn ${due.split('-').reverse().join('/')})`,
            schoolId: s.id,
            schoolName: s.name,
            planId: plan.id,
            targetId: t.id,
          });
        }
      }
    }

    // Per school: the worst light of its plans' latest snapshots (what the map colours markers with).
    const snapshots = await plans.latestSnapshots(
      schoolIds,
      activePlans.map((p) => p.id),
    );
    const statusOf = (id: string) =>
      worstLight(snapshots.filter((s) => s.school_id === id).map((s) => s.status as TrafficLight));

    for (const s of schools) {
      const card = cardOf(s.id);
      const expectedOnDay = Number(card?.att_expected ?? 0);
      if (expectedOnDay > 0 && card?.att_prev_rate !== null && card?.att_prev_rate !== undefined) {
        const todayRate = 100 * (1 - Number(card.att_absent ?? 0) / expectedOnDay);
        const drop = Number(card.att_prev_rate) - todayRate;
        if (drop >= 5)
          alerts.push({
            kind: 'attendance_drop',
            severity: drop >= 10 ? 'critical' : 'warning',
            message: `${s.name}: chuyên cần ngày ${day.split('-').reverse().join('/')} ${pct(todayRate)}, giảm ${pct(drop)} so với các ngày trước`,
            schoolId: s.id,
            schoolName: s.name,
            planId: null,
            targetId: null,
          });
      }
      const classes = Number(card?.classes ?? 0);
      const rolled = Number(card?.att_classes ?? 0);
      if (inYear && isSchoolDay(today) && vietnamHour(at) >= 9 && classes > 0 && rolled < classes)
        alerts.push({
          kind: 'attendance_missing',
          severity: 'info',
          message: `${s.name}: ${classes - rolled}/${classes} lớp chưa điểm danh hôm nay`,
          schoolId: s.id,
          schoolName: s.name,
          planId: null,
          targetId: null,
        });
      const broken = Number(card?.broken ?? 0);
      if (broken > 0)
        alerts.push({
          kind: 'equipment_broken',
          severity: 'info',
          message: `${s.name}: ${broken} thiết bị hỏng hoặc đang sửa chữa`,
          schoolId: s.id,
          schoolName: s.name,
          planId: null,
          targetId: null,
        });
    }
    const states = await rollups.refreshState(schoolIds);
    const staleBefore = at.getTime() - 26 * 3_600_000;
    for (const st of states) {
      const stale = !st.refreshedAt || st.refreshedAt.getTime() < staleBefore;
      const waiting = st.dirtySince && at.getTime() - st.dirtySince.getTime() > 15 * 60_000;
      if (!stale && !waiting) continue;
      alerts.push({
        kind: 'stale_rollup',
        severity: 'info',
        message: `${schoolName(st.schoolId) ?? 'Trường'}: số liệu tổng hợp chưa được cập nhật`,
        schoolId: st.schoolId,
        schoolName: schoolName(st.schoolId),
        planId: null,
        targetId: null,
      });
    }
    for (const source of deps.alertSources ?? []) alerts.push(...(await source(unit, at)));
    alerts.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

    const trend: OpsDashboard['attendanceTrend'] = [];
    for (let i = 13; i >= 0; i--) {
      const d = addDays(day, -i);
      const expected = value('att.expected', `d:${d}`);
      const absent = value('att.absent', `d:${d}`);
      if (expected === 0 && i !== 0) continue;
      trend.push({ day: d, expected, absent, rate: expected > 0 ? 100 * (1 - absent / expected) : null });
    }
    const expectedToday = value('att.expected', `d:${day}`);
    const absentToday = value('att.absent', `d:${day}`);
    const kinds = new Set(dimsOf('equipment.kind').map((c) => c.dim));
    const asOf = await rollups.oldestRefresh(schoolIds);

    const classRows =
      unit.kind === 'school' && year
        ? await (async () => {
            const list = await units.classesOf(unit.id, year.id);
            const counts = await rollups.classCounters(unit.id, year.id, ['students.studying']);
            return list.map((c) => ({
              id: c.id,
              name: c.name,
              grade: c.grade,
              isSmart: c.isSmart,
              students: Number(counts.find((x) => x.dim === `c:${c.id}`)?.value ?? 0),
              absentToday: null,
            }));
          })()
        : [];

    return {
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      schoolYear: year ? { id: year.id, name: year.name } : null,
      today,
      attendanceDay: day,
      asOf: asOf ? asOf.toISOString() : null,
      kpis: {
        schools: schools.length,
        classes: value('classes.total'),
        smartClasses: value('classes.smart'),
        students: value('students.studying'),
        smartStudents: value('smart.students.studying'),
        attendance: {
          classesWithRoll: value('att.classes', `d:${day}`),
          expected: expectedToday,
          absent: absentToday,
          rate: expectedToday > 0 ? 100 * (1 - absentToday / expectedToday) : null,
        },
        equipment: {
          total: dimsOf('equipment.status').reduce((s, c) => s + Number(c.value), 0),
          working: value('equipment.status', 'working'),
          broken: value('equipment.status', 'broken'),
          repairing: value('equipment.status', 'repairing'),
          retired: value('equipment.status', 'retired'),
        },
        gradeEntries: value('grades.entries'),
        examsInProgress: examsOpenAt(
          dimsOf('exams.window').map((c) => c.dim),
          at,
        ),
      },
      attendanceTrend: trend,
      equipmentByKind: [...kinds].sort().map((kind) => ({
        kind: KIND_LABEL[kind] ?? kind,
        total: value('equipment.kind', kind),
        working: value('equipment.kind_working', kind),
      })),
      schools: schools.map((s) => {
        const card = cardOf(s.id);
        const expected = Number(card?.att_expected ?? 0);
        return {
          id: s.id,
          name: s.name,
          code: s.code,
          level: s.level,
          latitude: s.latitude,
          longitude: s.longitude,
          students: Number(card?.students ?? 0),
          classes: Number(card?.classes ?? 0),
          smartClasses: Number(card?.smart_classes ?? 0),
          attendanceRate: expected > 0 ? 100 * (1 - Number(card?.att_absent ?? 0) / expected) : null,
          equipmentBroken: Number(card?.broken ?? 0),
          status: statusOf(s.id),
        };
      }),
      classes: classRows,
      plans: planViews,
      alerts,
    };
  }

  return {
    async department(actor: Actor, unitId?: string) {
      return build(actor, unitId ?? (await defaultUnit(actor)));
    },
    /** Recomputes now the rollups of the schools under a unit (default: the actor's widest unit). */
    async refresh(actor: Actor, unitId?: string) {
      const scope = await access.scope(actor, 'operations.manage');
      const id =
        unitId ??
        [...scope.subtrees]
          .sort((a, b) => a.length - b.length)[0]
          ?.split('/')
          .filter(Boolean)
          .at(-1);
      if (!id) throw forbidden();
      const unit = await units.unit(id);
      if (!unit) throw notFound('đơn vị');
      await access.require(actor, 'operations.manage', { schoolId: unit.id, schoolPath: unit.path });
      const schools = await units.schoolsUnder(unit.path);
      const result = await deps.rollups.refreshSchools(schools.map((s) => s.id));
      await database.transaction((tx) =>
        audit.record(tx, actor, {
          schoolId: unit.id,
          action: 'refresh',
          entity: 'ops_rollup',
          entityId: unit.id,
          after: { schools: result.schools },
        }),
      );
      return result;
    },

    async school(actor: Actor, schoolId: string) {
      const unit = await units.unit(schoolId);
      if (unit?.kind !== 'school') throw notFound('trường');
      return build(actor, schoolId);
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;

const UNIT_METRICS = [
  'students.studying',
  'classes.total',
  'classes.smart',
  'smart.students.studying',
  'att.classes',
  'att.expected',
  'att.absent',
  'equipment.status',
  'equipment.kind',
  'equipment.kind_working',
  'grades.entries',
  'exams.window',
] as const;

/** Distinct exams whose window ('<id>|<opens>|<closes>') contains the instant. */
export function examsOpenAt(dims: string[], at: Date): number {
  const open = new Set<string>();
  for (const dim of dims) {
    const [id, opens, closes] = dim.split('|');
    if (Date.parse(opens) <= at.getTime() && at.getTime() <= Date.parse(closes)) open.add(id);
  }
  return open.size;
}
