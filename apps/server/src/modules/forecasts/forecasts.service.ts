import type {
  BirthRow,
  EnrolmentHistoryRow,
  ForecastQuery,
  ForecastReport,
  ForecastYear,
  SchoolForecast,
  StaffingAt,
  StaffingLine,
} from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import {
  birthsFor,
  CIRCULAR_20_2023_NORMS,
  type ClassSizeLimits,
  classesByGrade,
  type EnrolmentYear,
  estimateIntakeRatio,
  forecastCohorts,
  levelOfGrade,
  normTeachers,
  recentEntryMean,
  type SchoolLevel,
  staffingBySubject,
} from '@smartedu/domain';
import { AppError } from '../../errors';
import type { AccessService, Actor } from '../access';
import type { AuditRepository } from '../audit';
import { createForecastsRepository, type UnitRef } from './forecasts.repository';

export type ForecastsDeps = { database: Database; access: AccessService; audit: AuditRepository };

const LEVEL_GRADES: Record<string, number[]> = {
  TH: [1, 2, 3, 4, 5],
  THCS: [6, 7, 8, 9],
  THPT: [10, 11, 12],
  TH_THCS: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  THCS_THPT: [6, 7, 8, 9, 10, 11, 12],
  TH_THCS_THPT: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
};
/** Years of the staffing balance after the base year: now, in 5 years, in 10 years (seed 004 §1). */
const STAFFING_OFFSETS = [0, 5, 10];
const round2 = (x: number) => Math.round(x * 100) / 100;

type Counts = Record<number, number>;
type History = Map<number, Counts>;

function toHistory(map: History): EnrolmentYear[] {
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([year, counts]) => ({ year, counts }));
}
function restrict(h: EnrolmentYear[], grades: number[]): EnrolmentYear[] {
  return h.map((y) => ({
    year: y.year,
    counts: Object.fromEntries(grades.filter((g) => y.counts[g] !== undefined).map((g) => [g, y.counts[g]])),
  }));
}
/** Consecutive runs of grades ([1..5, 10..12] → [[1..5], [10..12]]). */
function runs(grades: number[]): number[][] {
  const out: number[][] = [];
  for (const g of [...grades].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === g - 1) last.push(g);
    else out.push([g]);
  }
  return out;
}

function yearRow(
  year: number,
  kind: ForecastYear['kind'],
  counts: Counts,
  grades: number[],
  limits: ClassSizeLimits,
): ForecastYear {
  const classes = classesByGrade(Object.fromEntries(grades.map((g) => [g, counts[g] ?? 0])), limits);
  const byLevel = new Map<SchoolLevel, number>();
  for (const g of grades) byLevel.set(levelOfGrade(g), (byLevel.get(levelOfGrade(g)) ?? 0) + classes[g]);
  const norm = [...byLevel.entries()].reduce((a, [level, n]) => a + normTeachers(level, n).total, 0);
  return {
    year,
    kind,
    grades: grades.map((g) => ({ grade: g, students: counts[g] ?? 0, classes: classes[g] })),
    students: grades.reduce((a, g) => a + (counts[g] ?? 0), 0),
    classes: grades.reduce((a, g) => a + classes[g], 0),
    normTeachers: round2(norm),
  };
}

function lineOf(l: ReturnType<typeof staffingBySubject>[number]): StaffingLine {
  return {
    code: l.group.code,
    name: l.group.name,
    level: l.group.level,
    highlight: l.group.highlight,
    pooled: l.group.pooled,
    fte: l.fte,
    needed: l.needed,
    current: l.current,
    balance: l.balance,
  };
}

export function createForecastsService({ database, access, audit }: ForecastsDeps) {
  const repo = createForecastsRepository(database.db);

  async function unitOrThrow(id: string): Promise<UnitRef> {
    const unit = await repo.unit(id);
    if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị');
    return unit;
  }

  /** Births per birth year: entered by the unit's subtree, else by its nearest ancestor that entered some. */
  async function birthsFor_(unit: UnitRef): Promise<Record<number, number>> {
    let rows = await repo.birthsUnder(unit.path);
    if (rows.length === 0) {
      const ancestors = unit.path.split('/').filter(Boolean).slice(0, -1).reverse();
      for (const id of ancestors) {
        const anc = await repo.unit(id);
        if (!anc) continue;
        const own = await repo.birthsOf(anc.id);
        if (own.length) {
          rows = own.map((r) => ({ ...r, unitId: anc.id }));
          break;
        }
      }
    }
    const out: Record<number, number> = {};
    for (const r of rows) out[r.birthYear] = (out[r.birthYear] ?? 0) + r.births;
    return out;
  }

  async function forecast(actor: Actor, q: ForecastQuery): Promise<ForecastReport> {
    const unit = await unitOrThrow(q.unitId);
    await access.require(actor, 'operations.read', { schoolId: unit.id, schoolPath: unit.path });
    const limits: ClassSizeLimits = { TH: q.capTh, THCS: q.capThcs, THPT: q.capThpt };
    const schools = (await repo.schoolsUnder(unit.path)).filter((s) => LEVEL_GRADES[s.schoolLevel ?? '']);
    const schoolIds = schools.map((s) => s.id);
    const [snapshots, teachers, births] = await Promise.all([
      repo.snapshots(schoolIds),
      repo.teachersByMainSubject(schoolIds),
      birthsFor_(unit),
    ]);

    // Histories per school and for the department (sum over schools).
    const bySchool = new Map<string, History>();
    const dept: History = new Map();
    for (const s of snapshots) {
      const h = bySchool.get(s.schoolId) ?? new Map();
      bySchool.set(s.schoolId, h);
      const c = h.get(s.year) ?? {};
      c[s.grade] = s.students;
      h.set(s.year, c);
      const d = dept.get(s.year) ?? {};
      d[s.grade] = (d[s.grade] ?? 0) + s.students;
      dept.set(s.year, d);
    }
    const deptHistory = toHistory(dept);
    const baseYear = deptHistory.length ? deptHistory[deptHistory.length - 1].year : null;
    const horizon = q.horizon;

    // Department projection, used for the schools' entry grades.
    const deptGrades = [...new Set(schools.flatMap((s) => LEVEL_GRADES[s.schoolLevel!]))].sort(
      (a, b) => a - b,
    );
    const estimated = estimateIntakeRatio(deptHistory, births);
    const ratio = q.intakeRatio ?? estimated;
    const hasBirths = Object.keys(births).length > 0 && ratio !== null;
    const birthsUsed: ForecastReport['intake']['births'] = [];
    const deptProjection = new Map<number, Counts>();
    if (baseYear !== null) {
      for (const run of runs(deptGrades)) {
        const h = restrict(deptHistory, run);
        const entry =
          run[0] === 1 && hasBirths
            ? (year: number) => {
                const b = birthsFor(births, year - 6);
                if (b && !birthsUsed.some((x) => x.birthYear === year - 6))
                  birthsUsed.push({ birthYear: year - 6, births: b.births, extrapolated: b.extrapolated });
                return (b?.births ?? 0) * (ratio ?? 0);
              }
            : () => recentEntryMean(h, run[0]);
        const f = forecastCohorts({ history: h, grades: run, horizon, entry });
        for (const y of f.years)
          deptProjection.set(y.year, { ...(deptProjection.get(y.year) ?? {}), ...y.counts });
      }
    }

    const teacherMap = new Map<string, Record<string, number>>();
    for (const t of teachers) {
      if (!t.code) continue;
      const m = teacherMap.get(t.schoolId) ?? {};
      m[t.code] = (m[t.code] ?? 0) + t.n;
      teacherMap.set(t.schoolId, m);
    }

    const schoolForecasts: SchoolForecast[] = schools.map((s) => {
      const grades = LEVEL_GRADES[s.schoolLevel!];
      const history = restrict(toHistory(bySchool.get(s.id) ?? new Map()), grades);
      const current = teacherMap.get(s.id) ?? {};
      const base = {
        schoolId: s.id,
        code: s.code,
        name: s.name,
        level: s.schoolLevel,
        grades,
      };
      if (history.length === 0 || baseYear === null)
        return { ...base, survival: [], entryShare: null, years: [], staffing: [] };
      const schoolBase = history[history.length - 1].year;
      const entryGrade = grades[0];
      let num = 0;
      let den = 0;
      for (const y of history) {
        const d = dept.get(y.year)?.[entryGrade];
        const n = y.counts[entryGrade];
        if (d === undefined || n === undefined) continue;
        num += n;
        den += d;
      }
      const share = den > 0 ? num / den : null;
      const f = forecastCohorts({
        history,
        grades,
        horizon: Math.max(0, baseYear + horizon - schoolBase),
        entry: (year) => {
          const d = deptProjection.get(year)?.[entryGrade];
          return d !== undefined && share !== null ? d * share : recentEntryMean(history, entryGrade);
        },
      });
      const years: ForecastYear[] = [
        ...history.slice(0, -1).map((y) => yearRow(y.year, 'history', y.counts as Counts, grades, limits)),
        ...f.years.map((y, i) =>
          yearRow(y.year, i === 0 ? 'base' : 'projected', y.counts as Counts, grades, limits),
        ),
      ];
      const staffing: StaffingAt[] = STAFFING_OFFSETS.filter((o) => o <= horizon).flatMap((offset) => {
        const row = years.find((y) => y.year === baseYear + offset);
        if (!row) return [];
        const classes = Object.fromEntries(row.grades.map((g) => [g.grade, g.classes]));
        return [
          {
            year: row.year,
            offset,
            lines: staffingBySubject(classes, current).map(lineOf),
            normTeachers: row.normTeachers,
            currentTeachers: Object.values(current).reduce((a, b) => a + b, 0),
          },
        ];
      });
      return {
        ...base,
        survival: Object.entries(f.survival).map(([g, r]) => ({
          fromGrade: Number(g),
          ratio: Math.round(r * 10000) / 10000,
        })),
        entryShare: share === null ? null : Math.round(share * 10000) / 10000,
        years,
        staffing,
      };
    });

    // Department: the sum of its schools (so that every table adds up).
    const deptYears = new Map<number, ForecastYear>();
    for (const sf of schoolForecasts)
      for (const y of sf.years) {
        const acc = deptYears.get(y.year) ?? {
          year: y.year,
          kind: y.kind,
          grades: deptGrades.map((g) => ({ grade: g, students: 0, classes: 0 })),
          students: 0,
          classes: 0,
          normTeachers: 0,
        };
        if (y.kind === 'projected') acc.kind = 'projected';
        else if (y.kind === 'base' && acc.kind === 'history') acc.kind = 'base';
        for (const g of y.grades) {
          const slot = acc.grades.find((x) => x.grade === g.grade)!;
          slot.students += g.students;
          slot.classes += g.classes;
        }
        acc.students += y.students;
        acc.classes += y.classes;
        acc.normTeachers = round2(acc.normTeachers + y.normTeachers);
        deptYears.set(y.year, acc);
      }
    const deptStaffing: StaffingAt[] = STAFFING_OFFSETS.filter((o) => o <= horizon && baseYear !== null).map(
      (offset) => {
        const lines = new Map<string, StaffingLine>();
        let norm = 0;
        let currentTeachers = 0;
        for (const sf of schoolForecasts) {
          const at = sf.staffing.find((x) => x.offset === offset);
          if (!at) continue;
          norm += at.normTeachers;
          currentTeachers += at.currentTeachers;
          for (const l of at.lines) {
            const acc = lines.get(l.code) ?? {
              ...l,
              fte: 0,
              needed: 0,
              current: 0,
              balance: l.pooled ? null : 0,
            };
            acc.fte = round2(acc.fte + l.fte);
            acc.current += l.current;
            lines.set(l.code, acc);
          }
        }
        // Teachers can be shared between schools (dạy liên trường): the department needs ⌈Σ FTE⌉.
        for (const l of lines.values()) {
          l.needed = Math.ceil(l.fte - 1e-9);
          l.balance = l.pooled ? null : l.current - l.needed;
        }
        return {
          year: (baseYear ?? 0) + offset,
          offset,
          lines: [...lines.values()],
          normTeachers: round2(norm),
          currentTeachers,
        };
      },
    );

    birthsUsed.sort((a, b) => a.birthYear - b.birthYear);
    return {
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      baseYear,
      horizon,
      limits,
      norms: { perClass: CIRCULAR_20_2023_NORMS.perClass, weeklyLoad: CIRCULAR_20_2023_NORMS.weeklyLoad },
      intake: {
        method: hasBirths ? 'births' : 'recent_mean',
        ratio: hasBirths ? Math.round((ratio ?? 0) * 10000) / 10000 : null,
        ratioSource: hasBirths ? (q.intakeRatio !== undefined ? 'entered' : 'estimated') : null,
        births: birthsUsed,
      },
      department: { years: [...deptYears.values()].sort((a, b) => a.year - b.year), staffing: deptStaffing },
      schools: schoolForecasts,
    };
  }

  async function history(actor: Actor, schoolId: string) {
    const unit = await unitOrThrow(schoolId);
    await access.require(actor, 'operations.read', { schoolId, schoolPath: unit.path });
    const rows = await repo.snapshots([schoolId]);
    return {
      schoolId,
      rows: rows.map(({ year, grade, students, source }) => ({ year, grade, students, source })),
    };
  }

  return {
    forecast,

    async births(actor: Actor, unitId: string) {
      const unit = await unitOrThrow(unitId);
      await access.require(actor, 'operations.read', { schoolId: unit.id, schoolPath: unit.path });
      return { unitId, rows: await repo.birthsOf(unitId) };
    },

    async saveBirths(actor: Actor, unitId: string, rows: BirthRow[]) {
      const unit = await unitOrThrow(unitId);
      await access.require(actor, 'operations.manage', { schoolId: unit.id, schoolPath: unit.path });
      if (unit.kind !== 'province_department' && unit.kind !== 'district_department')
        throw new AppError(
          'VALIDATION_FAILED',
          'Số trẻ sinh do Phòng hoặc Sở nhập: đơn vị không phải Phòng/Sở',
          {
            field: 'unitId',
          },
        );
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        const key = `${r.commune}\u0000${r.birthYear}`;
        if (seen.has(key))
          throw new AppError(
            'VALIDATION_FAILED',
            `Dòng ${i + 1}: xã/phường "${r.commune}", năm sinh ${r.birthYear} bị trùng trong danh sách`,
            { row: i + 1, field: 'birthYear' },
          );
        seen.add(key);
      });
      await database.transaction(async (tx) => {
        const before = await createForecastsRepository(tx).birthsOf(unitId);
        await createForecastsRepository(tx).upsertBirths(unitId, rows);
        await audit.record(tx, actor, {
          schoolId: unitId,
          action: 'update',
          entity: 'birth_cohorts',
          entityId: unitId,
          before: before.filter((b) => seen.has(`${b.commune}\u0000${b.birthYear}`)),
          after: rows,
        });
      });
      return { unitId, rows: await repo.birthsOf(unitId) };
    },

    history,

    async saveHistory(actor: Actor, schoolId: string, rows: Omit<EnrolmentHistoryRow, 'source'>[]) {
      const unit = await unitOrThrow(schoolId);
      await access.require(actor, 'operations.manage', { schoolId, schoolPath: unit.path });
      if (unit.kind !== 'school')
        throw new AppError('VALIDATION_FAILED', 'Đơn vị không phải trường học', { field: 'schoolId' });
      const grades = LEVEL_GRADES[unit.schoolLevel ?? ''] ?? [];
      rows.forEach((r, i) => {
        if (!grades.includes(r.grade))
          throw new AppError('VALIDATION_FAILED', `Dòng ${i + 1}: trường không có khối ${r.grade}`, {
            row: i + 1,
            field: 'grade',
          });
      });
      const existing = await repo.snapshots([schoolId]);
      rows.forEach((r, i) => {
        const e = existing.find((x) => x.year === r.year && x.grade === r.grade);
        if (e?.source === 'registry')
          throw new AppError(
            'CONFLICT',
            `Dòng ${i + 1}: năm ${r.year}-${r.year + 1}, khối ${r.grade} đã có số liệu từ sổ đăng bộ; sửa trong hồ sơ học sinh`,
            { row: i + 1, field: 'year' },
          );
      });
      await database.transaction(async (tx) => {
        await createForecastsRepository(tx).upsertReported(schoolId, rows);
        await audit.record(tx, actor, {
          schoolId,
          action: 'update',
          entity: 'enrolment_snapshots',
          entityId: schoolId,
          before: existing.filter((e) => rows.some((r) => r.year === e.year && r.grade === e.grade)),
          after: rows,
        });
      });
      return history(actor, schoolId);
    },

    /** Recomputes the registry rollup of the schools under a unit. */
    async refresh(actor: Actor, unitId: string) {
      const unit = await unitOrThrow(unitId);
      await access.require(actor, 'operations.manage', { schoolId: unit.id, schoolPath: unit.path });
      const schools = await repo.schoolsUnder(unit.path);
      const n = await database.transaction(async (tx) => {
        const count = await createForecastsRepository(tx).rollupFromRegistry(schools.map((s) => s.id));
        await audit.record(tx, actor, {
          schoolId: unit.id,
          action: 'refresh',
          entity: 'enrolment_snapshots',
          entityId: unit.id,
          after: { schools: schools.length, rows: count },
        });
        return count;
      });
      return { schools: schools.length, rows: n };
    },
  };
}
export type ForecastsService = ReturnType<typeof createForecastsService>;
