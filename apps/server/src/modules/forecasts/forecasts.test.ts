/**
 * Forecasts API on the Lai Châu demo, plus a department and school created here whose history and births are
 * entered by hand, so that the forecast can be checked against a hand computation. PGlite, or PostgreSQL when
 * DATABASE_URL is set.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { seedForecastsDemoData } from './index';

let t: TestApp;
let admin: Client;
let spec: Client;
let principal: Client;
let teacher: Client;
const q = <R>(text: string, params: unknown[] = []) => t.database.execute<R>(text, params);
const unitId = async (code: string) =>
  (await q<{ id: string }>('select id from units where code = $1', [code]))[0].id;

type Year = {
  year: number;
  kind: string;
  grades: { grade: number; students: number; classes: number }[];
  students: number;
  classes: number;
  normTeachers: number;
};
type Line = {
  code: string;
  highlight: string | null;
  fte: number;
  needed: number;
  current: number;
  balance: number | null;
};
type Report = {
  baseYear: number;
  intake: {
    method: string;
    ratio: number | null;
    births: { birthYear: number; births: number; extrapolated: boolean }[];
  };
  department: {
    years: Year[];
    staffing: { year: number; offset: number; lines: Line[]; normTeachers: number }[];
  };
  schools: {
    code: string;
    entryShare: number | null;
    survival: { fromGrade: number; ratio: number }[];
    years: Year[];
    staffing: {
      year: number;
      offset: number;
      lines: Line[];
      normTeachers: number;
      currentTeachers: number;
    }[];
  }[];
};
const counts = (y: Year) => Object.fromEntries(y.grades.map((g) => [g.grade, g.students]));

beforeAll(async () => {
  t = await createTestApp();
  await seedForecastsDemoData(t.database);
  admin = await login(t.app, 'admin.so');
  spec = await login(t.app, 'chuyenvien.phong');
  principal = await login(t.app, 'hieutruong.qt');
  teacher = await login(t.app, 'giaovien.qt');
}, 600_000);
afterAll(async () => {
  await t?.close();
});

describe('forecast on a hand-entered history', () => {
  let deptId: string;
  let schoolId: string;
  beforeAll(async () => {
    const dept = await admin.post('/api/units', {
      parentId: await unitId('LCU'),
      kind: 'district_department',
      code: 'FC-PHONG',
      name: 'Phòng GD&ĐT thử dự báo',
    });
    expect(dept.statusCode).toBe(201);
    deptId = dept.json().id;
    const school = await admin.post('/api/units', {
      parentId: deptId,
      kind: 'school',
      code: 'FC-TH',
      name: 'Trường Tiểu học thử dự báo',
      schoolLevel: 'TH',
    });
    expect(school.statusCode).toBe(201);
    schoolId = school.json().id;
    const history = await admin.post(`/api/schools/${schoolId}/forecasts/enrolment-history`, {
      rows: [
        ...[100, 96, 90, 88, 85].map((students, i) => ({ year: 2022, grade: i + 1, students })),
        ...[110, 98, 94, 88, 86].map((students, i) => ({ year: 2023, grade: i + 1, students })),
      ],
    });
    expect(history.statusCode, history.body).toBe(200);
    const births = await admin.post('/api/forecasts/births', {
      unitId: deptId,
      rows: [
        { commune: 'Xã A', birthYear: 2016, births: 200 },
        { commune: 'Xã A', birthYear: 2017, births: 220 },
        { commune: 'Xã A', birthYear: 2018, births: 250 },
        { commune: 'Xã B', birthYear: 2016, births: 50 },
        { commune: 'Xã B', birthYear: 2017, births: 55 },
        { commune: 'Xã B', birthYear: 2018, births: 50 },
      ],
    });
    expect(births.statusCode, births.body).toBe(200);
  });

  it('projects enrolment, classes and the Circular 20 norm as computed by hand', async () => {
    const res = await admin.get(`/api/forecasts?unitId=${deptId}&horizon=10`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r.baseYear).toBe(2023);
    // Births per year (both communes): 2016: 250, 2017: 275, 2018: 300.
    // Intake ratio = (grade 1 of 2022 + 2023) / (births 2016 + 2017) = (100 + 110) / (250 + 275) = 210/525 = 0.4
    expect(r.intake).toMatchObject({ method: 'births', ratio: 0.4 });
    const s = r.schools[0];
    expect(s.entryShare).toBe(1);
    // Survival (4 decimals): 98/100 = 0.98, 94/96 = 0.9792, 88/90 = 0.9778, 86/88 = 0.9773
    expect(s.survival.map((x) => x.ratio)).toEqual([0.98, 0.9792, 0.9778, 0.9773]);
    expect(s.years.map((y) => [y.year, y.kind])).toEqual([
      [2022, 'history'],
      [2023, 'base'],
      ...Array.from({ length: 10 }, (_, i) => [2024 + i, 'projected']),
    ]);
    // 2024: g1 = 300 × 0.4 = 120; g2 = 110 × 0.98 = 107.8 → 108; g3 = 98 × 94/96 = 95.96 → 96;
    //       g4 = 94 × 88/90 = 91.91 → 92; g5 = 88 × 86/88 = 86
    expect(counts(s.years[2])).toEqual({ 1: 120, 2: 108, 3: 96, 4: 92, 5: 86 });
    // Classes (cap 35): ⌈120/35⌉ = 4, ⌈108/35⌉ = 4, ⌈96/35⌉ = 3, ⌈92/35⌉ = 3, ⌈86/35⌉ = 3 → 17;
    // norm 17 × 1.5 + 1 Đội teacher = 26.5
    expect(s.years[2]).toMatchObject({ students: 502, classes: 17, normTeachers: 26.5 });
    // 2025: births 2019 not entered → held at 300 → g1 = 120; g2 = 120 × 0.98 = 117.6 → 118;
    //       g3 = 108 × 94/96 = 105.75 → 106; g4 = 96 × 88/90 = 93.87 → 94; g5 = 92 × 86/88 = 89.91 → 90
    expect(counts(s.years[3])).toEqual({ 1: 120, 2: 118, 3: 106, 4: 94, 5: 90 });
    expect(r.intake.births.find((b) => b.birthYear === 2019)).toEqual({
      birthYear: 2019,
      births: 300,
      extrapolated: true,
    });
    // The department is the sum of its one school.
    expect(r.department.years.map((y) => y.students)).toEqual(s.years.map((y) => y.students));
  });

  it('balances teachers per subject against the 23-period primary load', async () => {
    const r = (await admin.get(`/api/forecasts?unitId=${deptId}`)).json() as Report;
    const now = r.schools[0].staffing.find((x) => x.offset === 0)!;
    expect(r.schools[0].staffing.map((x) => x.year)).toEqual([2023, 2028, 2033]);
    // 2023 classes: ⌈110/35⌉ = 4, ⌈98/35⌉ = 3, ⌈94/35⌉ = 3, ⌈88/35⌉ = 3, ⌈86/35⌉ = 3 → 16; grades 3-5: 9 classes
    const by = (h: string) => now.lines.find((l) => l.highlight === h)!;
    // English: 140 periods / 35 weeks = 4 per week × 9 classes = 36 / 23 = 1.57 FTE → 2 needed, none on staff
    expect(by('english')).toMatchObject({ fte: 1.57, needed: 2, current: 0, balance: -2 });
    // IT: the Tin học half of 70 periods = 1 per week × 9 = 9 / 23 = 0.39 → 1
    expect(by('it')).toMatchObject({ fte: 0.39, needed: 1, balance: -1 });
    // Arts (Music with Fine arts): 70 / 35 = 2 per week × 16 classes = 32 / 23 = 1.39 → 2
    expect(by('music')).toMatchObject({ fte: 1.39, needed: 2, balance: -2 });
    expect(now.normTeachers).toBe(16 * 1.5 + 1);
  });

  it('refuses duplicates in the births list and writes nothing', async () => {
    const before = await q<{ n: number }>('select count(*)::int as n from birth_cohorts where unit_id = $1', [
      deptId,
    ]);
    const res = await admin.post('/api/forecasts/births', {
      unitId: deptId,
      rows: [
        { commune: 'Xã C', birthYear: 2020, births: 10 },
        { commune: 'Xã C', birthYear: 2020, births: 12 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('Dòng 2');
    const after = await q<{ n: number }>('select count(*)::int as n from birth_cohorts where unit_id = $1', [
      deptId,
    ]);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses births entered for a school and a grade the school does not teach', async () => {
    expect(
      (
        await admin.post('/api/forecasts/births', {
          unitId: schoolId,
          rows: [{ commune: 'X', birthYear: 2020, births: 1 }],
        })
      ).statusCode,
    ).toBe(400);
    const res = await admin.post(`/api/schools/${schoolId}/forecasts/enrolment-history`, {
      rows: [{ year: 2023, grade: 7, students: 10 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('khối 7');
  });
});

describe('forecast of the Lai Châu demo', () => {
  it('forecasts 5 and 10 years for the Phòng with English, IT and Music highlighted', async () => {
    const res = await spec.get(`/api/forecasts?unitId=${await unitId('LCU-TP')}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r.baseYear).toBe(2024);
    expect(r.intake.method).toBe('births');
    const years = r.department.years.map((y) => y.year);
    expect(years).toContain(2029);
    expect(years).toContain(2034);
    // Registry rows: THCS Quyết Tiến's 2024-2025 grade 6 is the registry's 80 students (6A1 + 6A2).
    const qt = r.schools.find((s) => s.code === 'LCU-TP-QT')!;
    expect(counts(qt.years.find((y) => y.year === 2024)!)[6]).toBe(80);
    for (const y of r.department.years) {
      const sum = r.schools.reduce((a, s) => a + (s.years.find((x) => x.year === y.year)?.students ?? 0), 0);
      expect(y.students).toBe(sum);
      for (const g of y.grades) expect(g.students).toBeGreaterThanOrEqual(0);
    }
    const highlights = new Set(r.department.staffing[0].lines.map((l) => l.highlight).filter(Boolean));
    expect(highlights).toEqual(new Set(['english', 'it', 'music']));
    expect(r.department.staffing.map((s) => s.offset)).toEqual([0, 5, 10]);
    // Quyết Tiến has Tin học teachers in the registry: the supply side reads the staff's main subjects.
    const staffRows = await q<{ n: number }>(
      "select count(*)::int as n from staff where school_id = $1 and category = 'teacher' and status = 'working' and main_subject_code = 'THCS_TIN_HOC'",
      [await unitId('LCU-TP-QT')],
    );
    expect(qt.staffing[0].lines.find((l) => l.highlight === 'it')!.current).toBe(staffRows[0].n);
  });

  it('exports the forecast to Excel', async () => {
    const res = await spec.get(`/api/forecasts/export.xlsx?unitId=${await unitId('LCU-TP')}&horizon=5`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Dự báo quy mô', 'Thừa thiếu giáo viên']);
    const first = wb.worksheets[0];
    expect(String(first.getCell('A1').value)).toContain('Phòng');
    const names = new Set<string>();
    first.eachRow((row, i) => {
      if (i > 4) names.add(String(row.getCell(1).value));
    });
    expect(names.has('Trường THCS Quyết Tiến')).toBe(true);
  });

  it('keeps forecasts within each role’s reach', async () => {
    const phong = await unitId('LCU-TP');
    const qt = await unitId('LCU-TP-QT');
    expect((await principal.get(`/api/forecasts?unitId=${phong}`)).statusCode).toBe(403);
    expect((await principal.get(`/api/forecasts?unitId=${qt}`)).statusCode).toBe(200);
    expect((await teacher.get(`/api/forecasts?unitId=${qt}`)).statusCode).toBe(403);
    expect((await spec.post('/api/forecasts/refresh', { unitId: phong })).statusCode).toBe(403);
    // Births: the department's managers only (the specialist reads, a principal cannot write for the Phòng).
    const births = { unitId: phong, rows: [{ commune: 'Phường Tân Phong', birthYear: 2024, births: 1 }] };
    const before = await q<{ births: number }>(
      "select births from birth_cohorts where unit_id = $1 and commune = 'Phường Tân Phong' and birth_year = 2024",
      [phong],
    );
    expect((await spec.post('/api/forecasts/births', births)).statusCode).toBe(403);
    expect((await principal.post('/api/forecasts/births', births)).statusCode).toBe(403);
    expect((await teacher.post('/api/forecasts/births', births)).statusCode).toBe(403);
    expect((await spec.get(`/api/forecasts/births?unitId=${phong}`)).json().rows.length).toBeGreaterThan(0);
    const after = await q<{ births: number }>(
      "select births from birth_cohorts where unit_id = $1 and commune = 'Phường Tân Phong' and birth_year = 2024",
      [phong],
    );
    expect(after).toEqual(before);
  });

  it('rolls the registry up again, audited, and keeps registry rows from being overwritten', async () => {
    const phong = await unitId('LCU-TP');
    const qtId = await unitId('LCU-TP-QT');
    // A grade-6 student of Quyết Tiến with a single enrolment transfers out: grade 6 of 2024 goes from 80 to 79.
    await q(
      `update enrolments set end_reason = 'transfer_out', end_date = '2025-01-15'
        where school_id = $1 and id = (
          select e.id from enrolments e join classes c on c.school_id = e.school_id and c.id = e.class_id
           where e.school_id = $1 and c.grade = 6
             and (select count(*) from enrolments x where x.school_id = e.school_id and x.student_id = e.student_id) = 1
           order by e.id limit 1)`,
      [qtId],
    );
    const res = await admin.post('/api/forecasts/refresh', { unitId: phong });
    expect(res.statusCode).toBe(200);
    // Registry rows: the pilot classes' (school, grade) pairs of 2024-2025.
    const expected = await q<{ n: number }>(
      `select count(distinct (c.school_id, c.grade))::int as n from enrolments e
         join classes c on c.school_id = e.school_id and c.id = e.class_id`,
    );
    expect(res.json().rows).toBe(expected[0].n);
    const audit = await q<{ n: number }>(
      "select count(*)::int as n from audit_log where entity = 'enrolment_snapshots' and action = 'refresh'",
    );
    expect(audit[0].n).toBe(1);
    const history = (await spec.get(`/api/schools/${qtId}/forecasts/enrolment-history`)).json().rows as {
      year: number;
      grade: number;
      students: number;
      source: string;
    }[];
    expect(history.find((r) => r.year === 2024 && r.grade === 6)).toEqual({
      year: 2024,
      grade: 6,
      students: 79,
      source: 'registry',
    });
    const qt = qtId;
    const clash = await admin.post(`/api/schools/${qt}/forecasts/enrolment-history`, {
      rows: [{ year: 2024, grade: 6, students: 1 }],
    });
    expect(clash.statusCode).toBe(409);
  });
});
