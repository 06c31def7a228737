/**
 * The operations centre on the Lai Châu demo (registry + gradebook year + Kế hoạch 596/KH-UBND): every computed
 * target against a hand computation from the raw rows, drill-down, rollups kept current, budget, dashboards,
 * reports and history. Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { COMPETENCIES, QUALITIES } from '@smartedu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { seedGradebookDemoResults } from '../gradebook';
import { refreshAllRollups, seedOperationsDemoData } from './index';

let t: TestApp;
let spec: Client; // chuyenvien.phong
let admin: Client; // admin.so
let planId: string;
type Target = {
  id: string;
  code: string;
  definition: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  status: string;
  schoolsWithData: number;
};
let targets: Target[];
const byCode = (code: string) => targets.find((x) => x.code === code)!;
const q = <R>(text: string, params: unknown[] = []) => t.database.execute<R>(text, params);

async function loadPlan(client = spec) {
  const res = await client.get(`/api/operations/plans/${planId}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    targets: Target[];
    schools: { id: string; name: string }[];
    lights: Record<string, number>;
  };
}

beforeAll(async () => {
  t = await createTestApp({
    config: { operations: { tileUrl: null, tileAttribution: null, refreshSeconds: 0 } },
  });
  await seedGradebookDemoResults(t.database);
  const seeded = await seedOperationsDemoData(t.database);
  planId = seeded.planId!;
  spec = await login(t.app, 'chuyenvien.phong');
  admin = await login(t.app, 'admin.so');
  targets = (await loadPlan()).targets;
}, 600_000);

afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------------------
// Hand computation: the rules of the definitions, written out plainly over the raw rows.

type StudentRow = { school_id: string; id: string; grade: number; is_smart: boolean };
async function handCounts(schoolId?: string) {
  const [year] = await q<{ id: string; start_date: string; end_date: string }>(
    `select id, start_date::text, end_date::text from school_years where name = '2024-2025'`,
  );
  const students = await q<StudentRow>(
    `select s.school_id, s.id, c.grade, c.is_smart from students s
       join classes c on c.school_id = s.school_id and c.id = s.current_class_id
      where c.school_year_id = $1 and s.status = 'studying'`,
    [year.id],
  );
  const ratings = await q<{ student_id: string; term_no: number; aspect: string; level: string }>(
    'select student_id, term_no, aspect, level from conduct_ratings where school_year_id = $1',
    [year.id],
  );
  const results = await q<{
    student_id: string;
    period: string;
    learning: string | null;
    conduct: string | null;
  }>('select student_id, period, learning, conduct from grade_student_results where school_year_id = $1', [
    year.id,
  ]);
  const mine = students.filter((s) => !schoolId || s.school_id === schoolId);
  const qualityCodes = QUALITIES.map((x) => x.code as string);
  const competencyCodes = COMPETENCIES.map((x) => x.code as string);

  /** Latest term in which every code is rated; its levels. */
  const latestComplete = (studentId: string, codes: string[]) => {
    for (const term of [2, 1]) {
      const levels = codes.map(
        (code) =>
          ratings.find((r) => r.student_id === studentId && r.term_no === term && r.aspect === code)?.level,
      );
      if (levels.every((l) => l !== undefined)) return levels as string[];
    }
    return null;
  };
  const RANK: Record<string, number> = { year: 3, term2: 2, term1: 1 };
  const latestResult = (studentId: string, field: 'learning' | 'conduct') =>
    results
      .filter((r) => r.student_id === studentId && r[field] !== null)
      .sort((a, b) => RANK[b.period] - RANK[a.period])[0]?.[field] ?? null;

  const c: Record<string, number> = {};
  const add = (k: string) => {
    c[k] = (c[k] ?? 0) + 1;
  };
  for (const s of mine.filter((x) => x.is_smart)) {
    add('students');
    if (s.grade <= 5) {
      const qs = latestComplete(s.id, qualityCodes);
      if (qs) {
        add('q_assessed');
        if (qs.every((l) => l === 'T' || l === 'D')) add('q_pass');
        if (qs.every((l) => l === 'T')) add('q_good');
      }
      const cs = latestComplete(s.id, competencyCodes);
      if (cs) {
        add('c_assessed');
        if (cs.every((l) => l === 'T' || l === 'D')) add('c_pass');
        if (cs.every((l) => l === 'T')) add('c_good');
      }
    } else {
      const conduct = latestResult(s.id, 'conduct');
      if (conduct) {
        add('cond_assessed');
        if (['T', 'K', 'D'].includes(conduct)) add('cond_pass');
        if (['T', 'K'].includes(conduct)) add('cond_good');
      }
      const learning = latestResult(s.id, 'learning');
      if (learning) {
        add('learn_assessed');
        if (['T', 'K', 'D'].includes(learning)) add('learn_pass');
        if (['T', 'K'].includes(learning)) add('learn_good');
      }
    }
  }
  const schoolFilter = schoolId ? ` and c.school_id = '${schoolId}'` : '';
  const [classCount] = await q<{ n: number }>(
    `select count(*)::int as n from classes c where c.school_year_id = $1 and c.is_smart${schoolFilter}`,
    [year.id],
  );
  const teachers = await q<{ school_id: string; staff_id: string }>(
    `select ta.school_id, ta.staff_id from teaching_assignments ta
       join classes c on c.school_id = ta.school_id and c.id = ta.class_id
      where c.is_smart and ta.school_year_id = $1${schoolFilter}
     union
     select c.school_id, c.homeroom_teacher_id from classes c
      where c.is_smart and c.school_year_id = $1 and c.homeroom_teacher_id is not null${schoolFilter}`,
    [year.id],
  );
  const used = await q<{ school_id: string; staff_id: string }>(
    'select distinct school_id, staff_id from ops_equipment_usage where used_on between $1 and $2',
    [year.start_date, year.end_date],
  );
  const [rooms] = await q<{ n: number }>(
    `select count(*)::int as n from ops_smart_rooms c where c.plan_id = $1 and c.status = 'in_use'${schoolFilter}`,
    [planId],
  );
  return {
    counts: c,
    classes: classCount.n,
    teachers: teachers.length,
    teachersUsing: teachers.filter((x) =>
      used.some((u) => u.school_id === x.school_id && u.staff_id === x.staff_id),
    ).length,
    rooms: rooms.n,
  };
}

const share = (n: number | undefined, d: number | undefined) => ({
  numerator: n ?? 0,
  denominator: d ?? 0,
  value: d ? (100 * (n ?? 0)) / d : null,
});

/** The hand computation of each computed target, by code. */
async function handTargets(schoolId?: string) {
  const h = await handCounts(schoolId);
  const c = h.counts;
  return {
    'II.1.a': { numerator: h.classes, denominator: null, value: h.classes },
    'II.1.b': { numerator: c.students ?? 0, denominator: null, value: c.students ?? 0 },
    'II.2.a': share(c.q_pass, c.q_assessed),
    'II.2.b': share(c.c_pass, c.c_assessed),
    'II.2.c': share(c.q_good, c.q_assessed),
    'II.2.d': share(c.c_good, c.c_assessed),
    'II.2.e': share(c.cond_pass, c.cond_assessed),
    'II.2.f': share(c.cond_good, c.cond_assessed),
    'II.2.g': share(c.learn_pass, c.learn_assessed),
    'II.2.h': share(c.learn_good, c.learn_assessed),
    'II.3.a': { numerator: h.rooms, denominator: null, value: h.rooms },
    'II.3.b': share(h.teachersUsing, h.teachers),
  } as Record<string, { numerator: number; denominator: number | null; value: number | null }>;
}

describe('operations: Kế hoạch 596/KH-UBND on the demo', () => {
  it('pre-loads the plan with every target of §II', async () => {
    const plan = await loadPlan();
    expect(plan.schools.map((s) => s.name).sort()).toEqual([
      'Trường THCS Quyết Tiến',
      'Trường THCS Tân Phong',
      'Trường Tiểu học Số 1',
      'Trường Tiểu học Số 2',
    ]);
    expect(targets.map((x) => x.code)).toEqual([
      'II.1.a',
      'II.1.b',
      'II.2.a',
      'II.2.b',
      'II.2.c',
      'II.2.d',
      'II.2.e',
      'II.2.f',
      'II.2.g',
      'II.2.h',
      'II.3.a',
      'II.3.b',
      'II.3.c',
    ]);
  });

  it('computes each target as the hand computation over the raw rows (plan-wide and per school)', async () => {
    const hand = await handTargets();
    // Stated by hand from the demo's registry and pilot records (demo.ts, pilot.ts, operations-demo.ts):
    // 17 smart classes; 717 students (120 + 120 + 287 + 190); 5 of the 6 new rooms in use (THCS Tân Phong's
    // 6A2 is still being equipped); every smart-class teacher but two at Tân Phong logged equipment use.
    expect(hand['II.1.a']).toEqual({ numerator: 17, denominator: null, value: 17 });
    expect(hand['II.1.b']).toEqual({ numerator: 717, denominator: null, value: 717 });
    expect(hand['II.3.a']).toEqual({ numerator: 5, denominator: null, value: 5 });
    expect(hand['II.3.b'].denominator! - hand['II.3.b'].numerator).toBe(2);
    // Primary: 240 students in 6 smart classes; lower secondary: 477 in 11 (the gradebook demo rates them all).
    expect(hand['II.2.a'].denominator).toBe(240);
    expect(hand['II.2.e'].denominator).toBe(477);
    for (const [code, expected] of Object.entries(hand)) {
      const got = byCode(code);
      expect({ code, numerator: got.numerator, denominator: got.denominator }).toEqual({
        code,
        numerator: expected.numerator,
        denominator: expected.denominator,
      });
      if (expected.value === null) expect(got.value).toBeNull();
      else expect(got.value, code).toBeCloseTo(expected.value, 9);
    }
    // The values on the demo, as the endpoint returns them (one line per target: numerator / denominator).
    const table = Object.fromEntries(
      targets
        .filter((x) => x.definition)
        .map((x) => [x.code, `${x.numerator}/${x.denominator ?? '-'} ${x.status}`]),
    );
    console.info('Kế hoạch 596/KH-UBND on the demo:', table);

    // Per school: the same computation restricted to each school.
    for (const s of (await loadPlan()).schools) {
      const mine = await handTargets(s.id);
      for (const code of ['II.2.c', 'II.2.h', 'II.3.b', 'II.1.b']) {
        const res = (
          await spec.get(`/api/operations/plans/${planId}/targets/${byCode(code).id}/schools`)
        ).json();
        const row = res.schools.find((r: { schoolId: string }) => r.schoolId === s.id);
        expect({ school: s.name, code, n: row.numerator, d: row.denominator }).toEqual({
          school: s.name,
          code,
          n: mine[code].numerator,
          d: mine[code].denominator,
        });
      }
    }
  });

  it('gives traffic lights by the plan rules', () => {
    expect(byCode('II.1.a').status).toBe('on_track'); // 17 ≥ 17
    expect(byCode('II.3.a').status).toBe('at_risk'); // 5 of 6 rooms, margin 1
    expect(byCode('II.3.c').status).toBe('at_risk'); // reported 523/527 = 99.24 % < 100 %, margin 2
    expect(byCode('II.3.c').numerator).toBe(523);
    expect(byCode('II.3.c').denominator).toBe(527);
    expect(byCode('II.3.c').schoolsWithData).toBe(3);
  });

  it('drills from a target to its schools and to the students behind the number', async () => {
    const target = byCode('II.2.h'); // THCS learning Khá + Tốt
    const schools = (await spec.get(`/api/operations/plans/${planId}/targets/${target.id}/schools`)).json();
    expect(schools.schools.map((s: { schoolName: string }) => s.schoolName).sort()).toHaveLength(4);
    const qt = schools.schools.find((s: { schoolName: string }) => s.schoolName === 'Trường THCS Quyết Tiến');
    const met = (
      await spec.get(
        `/api/operations/plans/${planId}/targets/${target.id}/records?schoolId=${qt.schoolId}&outcome=met&pageSize=5`,
      )
    ).json();
    expect(met.total).toBe(qt.numerator);
    expect(met.items).toHaveLength(5);
    expect(met.items[0]).toMatchObject({ kind: 'student', schoolId: qt.schoolId, outcome: 'met' });
    expect(met.items[0].detail).toMatch(/^Học tập: (Tốt|Khá) \(cả năm\)$/);
    const notMet = (
      await spec.get(
        `/api/operations/plans/${planId}/targets/${target.id}/records?schoolId=${qt.schoolId}&outcome=not_met`,
      )
    ).json();
    expect(notMet.total).toBe(qt.denominator - qt.numerator);
    const all = (
      await spec.get(`/api/operations/plans/${planId}/targets/${target.id}/records?pageSize=1`)
    ).json();
    expect(all.total).toBe(477);

    const primary = byCode('II.2.c');
    const p = (
      await spec.get(
        `/api/operations/plans/${planId}/targets/${primary.id}/records?outcome=not_met&pageSize=2`,
      )
    ).json();
    expect(p.total).toBe(primary.denominator! - primary.numerator!);
    expect(p.items[0].detail).toMatch(/^Phẩm chất \(HK II\): ([TĐ]|CCG)( ([TĐ]|CCG)){4}$/);
    const rooms = (
      await spec.get(`/api/operations/plans/${planId}/targets/${byCode('II.3.a').id}/records`)
    ).json();
    expect(rooms.items.map((r: { outcome: string }) => r.outcome).sort()).toEqual([
      'met',
      'met',
      'met',
      'met',
      'met',
      'not_met',
    ]);
    const teachers = (
      await spec.get(`/api/operations/plans/${planId}/targets/${byCode('II.3.b').id}/records?outcome=not_met`)
    ).json();
    expect(teachers.total).toBe(2);
    expect(
      teachers.items.every((r: { schoolName: string }) => r.schoolName === 'Trường THCS Tân Phong'),
    ).toBe(true);
  });

  it('shows a school account its own school only', async () => {
    const th1 = await login(t.app, 'hieutruong.th1');
    const plan = await loadPlan(th1);
    expect(plan.targets).toHaveLength(13);
    const target = byCode('II.2.c');
    const schools = (await th1.get(`/api/operations/plans/${planId}/targets/${target.id}/schools`)).json();
    expect(schools.schools.map((s: { schoolName: string }) => s.schoolName)).toEqual([
      'Trường Tiểu học Số 1',
    ]);
    const records = (
      await th1.get(`/api/operations/plans/${planId}/targets/${target.id}/records?pageSize=500`)
    ).json();
    expect(records.total).toBe(120);
    const teacher = await login(t.app, 'giaovien.qt');
    expect((await teacher.get(`/api/operations/plans/${planId}`)).statusCode).toBe(403);
    expect((await teacher.get('/api/operations/plans')).json().total).toBe(0);
  });

  it('keeps the rollups current as records change', async () => {
    const tp = (await loadPlan()).schools.find((s) => s.name === 'Trường THCS Tân Phong')!;
    const before = (await admin.get(`/api/schools/${tp.id}/operations/dashboard`)).json();
    // 1. This module's write: a tablet batch breaks → counted at once.
    const tablets = (
      await admin.get(`/api/operations/equipment?schoolId=${tp.id}&kind=tablet&status=working&pageSize=1`)
    ).json();
    const patched = await admin.patch(`/api/schools/${tp.id}/operations/equipment/${tablets.items[0].id}`, {
      status: 'broken',
    });
    expect(patched.statusCode).toBe(200);
    const after = (await admin.get(`/api/schools/${tp.id}/operations/dashboard`)).json();
    expect(after.kpis.equipment.broken).toBe(before.kpis.equipment.broken + tablets.items[0].quantity);
    const dept = (await spec.get('/api/operations/dashboard')).json();
    expect(dept.kpis.equipment.broken).toBe(2 + tablets.items[0].quantity);

    // 2. Another module's write, seen through the audit feed: a student leaves a smart class.
    const [student] = await q<{ id: string }>(
      `select s.id from students s where s.school_id = $1 and s.status = 'studying' order by s.id limit 1`,
      [tp.id],
    );
    await q(`update students set status = 'dropped_out' where school_id = $1 and id = $2`, [
      tp.id,
      student.id,
    ]);
    await q(
      `insert into audit_log (school_id, action, entity, entity_id, actor_name) values ($1, 'update', 'student', $2, 'test')`,
      [tp.id, student.id],
    );
    const swept = await refreshAllRollups(t.database);
    expect(swept.schools).toBe(1);
    expect(byCodeIn(await loadPlan(), 'II.1.b').value).toBe(716);

    // 3. An event: the gradebook recomputes results after a conduct change (PUT conduct → results_changed).
    const th1 = (await loadPlan()).schools.find((s) => s.name === 'Trường Tiểu học Số 1')!;
    const cls = (await admin.get(`/api/classes?schoolId=${th1.id}&pageSize=10`)).json().items[0];
    const sheet = (
      await admin.get(`/api/schools/${th1.id}/gradebook/classes/${cls.id}/conduct?termNo=2`)
    ).json();
    // A student whose five qualities are all Đạt or better: one CCG takes them out of the numerator.
    const row = sheet.rows.find((r: { values: Record<string, string | null> }) =>
      QUALITIES.every((x) => r.values[x.code] === 'T' || r.values[x.code] === 'D'),
    );
    const aspect = QUALITIES[0].code;
    const passBefore = (await handTargets())['II.2.a'].numerator;
    const put = await admin.request('PUT', `/api/schools/${th1.id}/gradebook/classes/${cls.id}/conduct`, {
      termNo: 2,
      changes: [{ studentId: row.studentId, aspect, value: 'CCG', expected: row.values[aspect] }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const hand = await handTargets();
    expect(hand['II.2.a'].numerator).toBe(passBefore - 1);
    await waitFor(async () => byCodeIn(await loadPlan(), 'II.2.a').numerator === hand['II.2.a'].numerator);

    // The plan's sums (kept by adding each school's change) equal a rebuild from the schools' rows.
    const [drift] = await q<{ n: number }>(
      `select count(*)::int as n from (
         select metric, dim, school_year_id, sum(value) as v from ops_school_stats
          where school_id in (select school_id from ops_plan_schools where plan_id = $1) and dim not like 'c:%'
          group by metric, dim, school_year_id
         union all
         select metric || '#schools', dim, school_year_id, count(*) filter (where value > 0) from ops_school_stats
          where school_id in (select school_id from ops_plan_schools where plan_id = $1) and dim not like 'c:%'
          group by metric, dim, school_year_id) s
       full join (select metric, dim, school_year_id, value as v from ops_group_stats where group_id = $1) g
         using (metric, dim, school_year_id)
       where abs(coalesce(s.v, 0) - coalesce(g.v, 0)) > 1e-9`,
      [planId],
    );
    expect(drift.n).toBe(0);
  });

  it('keeps the budget: 1.701.000.000 đ in 8 lines, spending against them, contributions', async () => {
    const b = (await spec.get(`/api/operations/plans/${planId}/budget`)).json();
    expect(b.total).toBe(1_701_000_000);
    expect(b.lines).toHaveLength(8);
    expect(
      b.lines
        .filter((l: { appendix: string }) => l.appendix === 'Phụ lục II-1')
        .reduce((s: number, l: { amount: number }) => s + l.amount, 0),
    ).toBe(1_440_000_000);
    // 5 rooms delivered (5 × 240.000.000) + Tân Phong 6A2's screen and laptop (113.500.000) + licences (150.000.000)
    // + works in 6 rooms (72.000.000) + training (39.000.000).
    expect(b.spent).toBe(1_200_000_000 + 113_500_000 + 150_000_000 + 72_000_000 + 39_000_000);
    expect(b.remaining).toBe(126_500_000);
    expect(b.contributions).toEqual({ parents: 104_500_000, donors: 125_000_000, count: 5 });
    const over = await admin.post(`/api/operations/plans/${planId}/spending`, {
      budgetLineId: b.lines[0].id,
      spentOn: '2025-03-01',
      amount: 1_000_000,
      description: 'Vượt dự toán',
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toMatch(/Vượt dự toán/);
    const ok = await admin.post(`/api/operations/plans/${planId}/spending`, {
      budgetLineId: b.lines.find((l: { remaining: number }) => l.remaining > 0).id,
      spentOn: '2025-03-01',
      amount: 18_700_000,
      description: 'Bộ camera lớp 6A2 - Tân Phong',
    });
    expect(ok.statusCode).toBe(201);
    expect((await spec.get(`/api/operations/plans/${planId}/budget`)).json().remaining).toBe(
      126_500_000 - 18_700_000,
    );
    expect((await spec.post(`/api/operations/plans/${planId}/spending`, {})).statusCode).toBe(400);
    const inspections = (await spec.get(`/api/operations/inspections?planId=${planId}`)).json();
    expect(inspections.items[0].findings).toHaveLength(3);
    expect((await spec.get(`/api/operations/commendations?planId=${planId}`)).json().total).toBe(2);
  });

  it('shows the department dashboard: schools on the map, KPIs, targets, alerts', async () => {
    const d = (await spec.get('/api/operations/dashboard')).json();
    expect(d.unit.name).toBe('Phòng Giáo dục và Đào tạo thành phố Lai Châu');
    expect(d.kpis.schools).toBe(6);
    expect(d.kpis.smartClasses).toBe(17);
    expect(d.schools.every((s: { latitude: number | null }) => s.latitude !== null)).toBe(true);
    expect(d.plans[0].targets).toHaveLength(13);
    const kinds = new Set(d.alerts.map((a: { kind: string }) => a.kind));
    expect(kinds).toContain('late_report'); // Tân Phong has not reported II.3.c (due 15/01/2025)
    expect(kinds).toContain('target_at_risk');
    expect(kinds).toContain('equipment_broken');
    const qt = (await login(t.app, 'hieutruong.qt')).get;
    const mine = (
      await qt(
        `/api/schools/${d.schools.find((s: { code: string }) => s.code === 'LCU-TP-QT').id}/operations/dashboard`,
      )
    ).json();
    expect(mine.classes).toHaveLength(7);
    expect(mine.plans[0].targets.find((x: Target) => x.code === 'II.1.a').value).toBe(7);
    expect(
      (
        await qt(
          `/api/schools/${d.schools.find((s: { code: string }) => s.code === 'LCU-TP-TP').id}/operations/dashboard`,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('takes a school report with evidence, clears its late-report alert and records history', async () => {
    const tp = (await loadPlan()).schools.find((s) => s.name === 'Trường THCS Tân Phong')!;
    const target = byCode('II.3.c');
    const bad = await admin.post(`/api/schools/${tp.id}/operations/target-reports`, {
      targetId: byCode('II.2.c').id,
      asOf: '2025-01-20',
      numerator: 1,
      denominator: 1,
      evidence: 'x',
    });
    expect(bad.statusCode).toBe(400);
    const res = await admin.post(`/api/schools/${tp.id}/operations/target-reports`, {
      targetId: target.id,
      asOf: '2025-01-20',
      numerator: 186,
      denominator: 190,
      evidence: 'Báo cáo số 05/BC-THCSTP ngày 20/01/2025',
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = byCodeIn(await loadPlan(), 'II.3.c');
    expect([after.numerator, after.denominator, after.schoolsWithData]).toEqual([523 + 186, 527 + 190, 4]);
    const d = (await spec.get('/api/operations/dashboard')).json();
    expect(d.alerts.filter((a: { kind: string }) => a.kind === 'late_report')).toHaveLength(0);
    const history = (await spec.get(`/api/operations/plans/${planId}/targets/${target.id}/history`)).json();
    expect(history.points.length).toBeGreaterThanOrEqual(6); // monthly demo history + today
    expect(history.points.at(-1).numerator).toBe(709);
    const rooms = (
      await spec.get(
        `/api/operations/plans/${planId}/targets/${byCode('II.3.a').id}/history?schoolId=${tp.id}`,
      )
    ).json();
    expect(rooms.points[0]).toMatchObject({ day: '2024-09-30', value: 1 });
  });
});

const byCodeIn = (plan: { targets: Target[] }, code: string) => plan.targets.find((x) => x.code === code)!;

async function waitFor(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('condition not met in time');
}

describe('examsOpenAt', () => {
  it('counts the distinct exams whose window contains the instant', async () => {
    const { examsOpenAt } = await import('./dashboard.service');
    const at = new Date('2025-03-10T02:00:00Z');
    expect(
      examsOpenAt(
        [
          'a|2025-03-10T01:00:00Z|2025-03-10T03:00:00Z',
          'b|2025-03-10T03:00:00Z|2025-03-10T04:00:00Z',
          'c|2025-03-09T01:00:00Z|2025-03-10T02:00:00Z',
        ],
        at,
      ),
    ).toBe(2);
  });
});
