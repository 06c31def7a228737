/**
 * Score comparisons between schools on the Lai Châu demo: gradebook results (read from the
 * grade_subject_results rollup) against a hand computation from the same rows, and a city-wide exam's
 * per-school rollups with figures chosen by hand; access of a school to its own figures and the city mean.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { seedGradebookDemoResults } from '../gradebook';

let t: TestApp;
let spec: Client;
let qtAdmin: Client;
let phongId: string;
let schools: Record<string, string>;
const q = <R>(text: string, params: unknown[] = []) => t.database.execute<R>(text, params);
type Comparison = {
  reference: { id: string };
  subjects: {
    subject: string;
    count: number;
    mean: number | null;
    bins: number[];
    schools: { schoolId: string; count: number; mean: number | null; gap: number | null; bins: number[] }[];
  }[];
  exams: { id: string }[];
  examId: string | null;
};

beforeAll(async () => {
  t = await createTestApp({
    config: { operations: { tileUrl: null, tileAttribution: null, refreshSeconds: 0 } },
  });
  await seedGradebookDemoResults(t.database);
  [spec, qtAdmin] = await Promise.all(['chuyenvien.phong', 'hieutruong.qt'].map((u) => login(t.app, u)));
  phongId = (await q<{ id: string }>("select id from units where kind = 'district_department'"))[0].id;
  const rows = await q<{ id: string; code: string }>("select id, code from units where kind = 'school'");
  schools = Object.fromEntries(rows.map((r) => [r.code.replace('LCU-TP-', ''), r.id]));
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('gradebook results', () => {
  it('gives per school the mean and gap to the city mean of Toán (THCS), as computed by hand', async () => {
    const res = await spec.get(`/api/statistics/scores?unitId=${phongId}&source=gradebook&period=year`);
    expect(res.statusCode).toBe(200);
    const c = res.json() as Comparison;
    const toan = c.subjects.find((s) => s.subject === 'Toán (THCS)');
    expect(toan).toBeDefined();
    // By hand: every year average of THCS Toán in the current year, per school.
    const rows = await q<{ school_id: string; average: string }>(
      `select r.school_id, r.average from grade_subject_results r
         join subjects s on s.id = r.subject_id join school_years y on y.id = r.school_year_id
        where s.code = 'THCS_TOAN' and r.period = 'year' and y.is_current and r.average is not null`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const scores = rows.map((r) => Number(r.average));
    const cityMean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(toan!.count).toBe(rows.length);
    expect(toan!.mean).toBeCloseTo(cityMean, 9);
    expect(toan!.bins.reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(toan!.bins[5]).toBe(scores.filter((s) => s >= 5 && s < 6).length);
    for (const code of ['QT', 'TP']) {
      const own = rows.filter((r) => r.school_id === schools[code]).map((r) => Number(r.average));
      const mean = own.reduce((a, b) => a + b, 0) / own.length;
      const s = toan!.schools.find((x) => x.schoolId === schools[code])!;
      expect(s.count).toBe(own.length);
      expect(s.mean).toBeCloseTo(mean, 9);
      expect(s.gap).toBeCloseTo(mean - cityMean, 9);
    }
  });

  it('shows a school its own figures against the city mean, not the other schools', async () => {
    const c = (await qtAdmin.get(`/api/statistics/scores?unitId=${schools.QT}`)).json() as Comparison;
    expect(c.reference.id).toBe(phongId);
    const toan = c.subjects.find((s) => s.subject === 'Toán (THCS)')!;
    expect(toan.schools.map((s) => s.schoolId)).toEqual([schools.QT]);
    const city = (await spec.get(`/api/statistics/scores?unitId=${phongId}`)).json() as Comparison;
    expect(toan.mean).toBe(city.subjects.find((s) => s.subject === 'Toán (THCS)')!.mean);
    expect((await qtAdmin.get(`/api/statistics/scores?unitId=${schools.TP}`)).statusCode).toBe(403);
    expect((await qtAdmin.get(`/api/statistics/scores?unitId=${phongId}`)).statusCode).toBe(403);
  });
});

describe('city-wide exams', () => {
  it('compares the schools from the exam rollups (0.25-wide bins regrouped by point)', async () => {
    const [exam] = await q<{ id: string }>(
      `insert into exams (owner_unit_id, test_school_id, test_id, title, opens_at, closes_at, duration_minutes)
       values ($1, $1, gen_random_uuid(), 'Khảo sát Toán 9 toàn thành phố', now() - interval '2 days', now() - interval '1 day', 45)
       returning id`,
      [phongId],
    );
    const bins = (at: Record<number, number>) => Array.from({ length: 40 }, (_, i) => at[i] ?? 0);
    // Quyết Tiến: 4 students, mean 6.5 (bins 6.0–6.25 ×2, 7.0–7.25 ×2); Tân Phong: 6 students, mean 5.
    await q(
      `insert into exam_score_rollups (exam_id, unit_id, unit_kind, school_id, name, summary, bins) values
        ($1, $2, 'school', $2, 'QT', $4, $5), ($1, $3, 'school', $3, 'TP', $6, $7)`,
      [
        exam.id,
        schools.QT,
        schools.TP,
        JSON.stringify({ count: 4, mean: 6.5 }),
        JSON.stringify(bins({ 24: 2, 28: 2 })),
        JSON.stringify({ count: 6, mean: 5 }),
        JSON.stringify(bins({ 20: 6 })),
      ],
    );
    const c = (
      await spec.get(`/api/statistics/scores?unitId=${phongId}&source=exam&examId=${exam.id}`)
    ).json() as Comparison;
    expect(c.examId).toBe(exam.id);
    expect(c.exams.map((e) => e.id)).toContain(exam.id);
    const [s] = c.subjects;
    expect(s.count).toBe(10);
    expect(s.mean).toBeCloseTo(5.6, 10); // (4·6.5 + 6·5) / 10
    expect(s.bins).toEqual([0, 0, 0, 0, 0, 6, 2, 2, 0, 0]);
    const qt = s.schools.find((x) => x.schoolId === schools.QT)!;
    expect(qt.gap).toBeCloseTo(0.9, 10);
    expect(s.schools.find((x) => x.schoolId === schools.TP)!.gap).toBeCloseTo(-0.6, 10);

    const xlsx = await spec.get(
      `/api/statistics/scores.xlsx?unitId=${phongId}&source=exam&examId=${exam.id}`,
    );
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const qtRow = rows.find((r) => r[1] === 'Trường THCS Quyết Tiến')!;
    expect(qtRow.slice(2, 5)).toEqual([4, 6.5, 0.9]);
  });
});
