/**
 * Statistics forms and the quarterly report cycle on the Lai Châu demo: the pre-fill against hand counts from
 * the registry rows, validation naming the field, late flags, review, reminders through the job queue and the
 * contact book, access between schools, the consolidated report (JSON, Excel, PDF) and the dashboard's alerts.
 * Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { fieldKey, quarterDeadline } from '@smartedu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { pdfText } from '../transcripts/pdf-text';
import { seedStatisticsDemoData } from './index';

let t: TestApp;
let admin: Client; // admin.so
let spec: Client; // chuyenvien.phong
let qtAdmin: Client; // hieutruong.qt
let th1Admin: Client; // hieutruong.th1
let phongId: string;
let schools: Record<string, string>; // code suffix → id
let demo: { previousId: string; currentId: string; lateSchoolId: string | null };
const q = <R>(text: string, params: unknown[] = []) => t.database.execute<R>(text, params);
type Submission = {
  school: {
    status: string;
    late: boolean;
    overdue: boolean;
    submittedAt: string | null;
    reminders: unknown[];
  };
  values: Record<string, number | null>;
  period: { deadlineAt: string; label: string };
};
const facilities = {
  'facilities.classrooms.count': 24,
  'facilities.classrooms_solid.count': 22,
  'facilities.smart_rooms.count': 4,
  'facilities.computers.count': 40,
  'facilities.computers_internet.count': 38,
  'facilities.interactive_boards.count': 5,
};

beforeAll(async () => {
  t = await createTestApp({
    config: { operations: { tileUrl: null, tileAttribution: null, refreshSeconds: 0 } },
  });
  const seeded = await seedStatisticsDemoData(t.database);
  if (seeded.skipped) throw new Error('statistics demo not seeded');
  demo = seeded;
  [admin, spec, qtAdmin, th1Admin] = await Promise.all(
    ['admin.so', 'chuyenvien.phong', 'hieutruong.qt', 'hieutruong.th1'].map((u) => login(t.app, u)),
  );
  const [phong] = await q<{ id: string }>("select id from units where kind = 'district_department'");
  phongId = phong.id;
  const rows = await q<{ id: string; code: string }>("select id, code from units where kind = 'school'");
  schools = Object.fromEntries(rows.map((r) => [r.code.replace('LCU-TP-', ''), r.id]));
}, 300_000);

afterAll(async () => {
  await t?.close();
});

/** The registry counted by hand from the raw rows (current school year, studying students, working staff). */
async function handCounts(schoolId: string) {
  const students = await q<{
    grade: number;
    gender: string;
    ethnicity_code: string;
    disability: string | null;
  }>(
    `select c.grade, s.gender, s.ethnicity_code, s.disability
       from students s join classes c on c.school_id = s.school_id and c.id = s.current_class_id
       join school_years y on y.id = c.school_year_id
      where s.school_id = $1 and s.status = 'studying' and y.is_current`,
    [schoolId],
  );
  const classes = await q<{ grade: number; is_smart: boolean }>(
    `select c.grade, c.is_smart from classes c join school_years y on y.id = c.school_year_id
      where c.school_id = $1 and y.is_current`,
    [schoolId],
  );
  const staff = await q<{ category: string; qualification: string | null; gender: string }>(
    `select category, qualification, gender from staff where school_id = $1 and status = 'working'`,
    [schoolId],
  );
  return { students, classes, staff };
}

describe('pre-fill from the registry', () => {
  it('equals hand counts for THCS Tân Phong (not started: counted now)', async () => {
    const res = await spec.get(`/api/schools/${schools.TP}/statistics/periods/${demo.currentId}`);
    expect(res.statusCode).toBe(200);
    const s = res.json() as Submission;
    expect(s.school.status).toBe('not_started');
    const hand = await handCounts(schools.TP);
    const v = s.values;
    expect(hand.students.length).toBeGreaterThan(0);
    for (const grade of [6, 7, 8, 9]) {
      const of = hand.students.filter((x) => x.grade === grade);
      expect(v[`students.g${grade}.total`]).toBe(of.length);
      expect(v[`students.g${grade}.female`]).toBe(of.filter((x) => x.gender === 'F').length);
      expect(v[`students.g${grade}.minority`]).toBe(of.filter((x) => x.ethnicity_code !== '01').length);
      expect(v[`students.g${grade}.minority_female`]).toBe(
        of.filter((x) => x.ethnicity_code !== '01' && x.gender === 'F').length,
      );
      expect(v[`students.g${grade}.disabled`]).toBe(of.filter((x) => x.disability !== null).length);
      expect(v[`classes.g${grade}.total`]).toBe(hand.classes.filter((c) => c.grade === grade).length);
    }
    expect(v['students.total.total']).toBe(hand.students.length);
    expect(v['classes.total.smart']).toBe(hand.classes.filter((c) => c.is_smart).length);
    expect(v['staff.total.total']).toBe(hand.staff.length);
    expect(v['staff.teacher.total']).toBe(hand.staff.filter((x) => x.category === 'teacher').length);
    expect(v['staff.total.bachelor']).toBe(hand.staff.filter((x) => x.qualification === 'bachelor').length);
    expect(v['staff.total.female']).toBe(hand.staff.filter((x) => x.gender === 'F').length);
    const [sites] = await q<{ n: number }>(
      "select count(*)::int n from units where parent_id = $1 and kind = 'school_site' and active",
      [schools.TP],
    );
    expect(v['schools.unit.sites']).toBe(sites.n);
    expect(v['schools.unit.count']).toBe(1);
    // The school's own fields are empty until it fills them.
    expect(v['facilities.computers.count']).toBeNull();
  });

  it('keeps the figures of a submitted report (THCS Quyết Tiến) equal to the registry', async () => {
    const s = (
      await qtAdmin.get(`/api/schools/${schools.QT}/statistics/periods/${demo.currentId}`)
    ).json() as Submission;
    expect(s.school.status).toBe('submitted');
    const hand = await handCounts(schools.QT);
    expect(s.values['students.total.total']).toBe(hand.students.length);
    expect(s.values['students.total.disabled']).toBe(hand.students.filter((x) => x.disability).length);
  });
});

describe('saving, validation and late flags', () => {
  let periodId: string;
  let pastId: string;
  const url = (school: string, period = periodId) => `/api/schools/${school}/statistics/periods/${period}`;

  beforeAll(async () => {
    const res = await admin.post('/api/statistics/periods', { unitId: phongId, year: 2099, quarter: 2 });
    expect(res.statusCode).toBe(201);
    periodId = res.json().id;
    expect(res.json().deadlineAt).toBe(quarterDeadline(2099, 2).toISOString());
    expect(res.json().deadlineText).toBe('17:00 ngày 25/06/2099');
    const past = await admin.post('/api/statistics/periods', { unitId: phongId, year: 2025, quarter: 1 });
    expect(past.statusCode).toBe(201);
    pastId = past.json().id;
  });

  it('refuses a second period of the same quarter', async () => {
    const res = await admin.post('/api/statistics/periods', { unitId: phongId, year: 2099, quarter: 2 });
    expect(res.statusCode).toBe(409);
    const onSchool = await admin.post('/api/statistics/periods', {
      unitId: schools.QT,
      year: 2098,
      quarter: 1,
    });
    expect(onSchool.statusCode).toBe(400);
  });

  it('names the field of a bad entry and writes nothing', async () => {
    const audit = async () =>
      (await q<{ n: number }>("select count(*)::int n from audit_log where entity = 'stat_submission'"))[0].n;
    const before = await audit();
    const negative = await qtAdmin.request('PUT', url(schools.QT), {
      values: { 'facilities.computers.count': -3 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().code).toBe('VALIDATION_FAILED');
    expect(negative.json().message).toContain('Máy tính dùng cho dạy học');
    expect(negative.json().details.fields[0].field).toBe('facilities.computers.count');
    const registry = await qtAdmin.request('PUT', url(schools.QT), { values: { 'students.g6.total': 1 } });
    expect(registry.statusCode).toBe(400);
    expect(registry.json().details.fields[0]).toMatchObject({ field: 'students.g6.total' });
    expect(registry.json().message).toContain('được tổng hợp từ cơ sở dữ liệu');
    // Submitting with a missing field and a part larger than its whole.
    const { 'facilities.computers.count': _, ...missing } = facilities;
    const bad = await qtAdmin.post(`${url(schools.QT)}/submit`, {
      values: { ...missing, 'facilities.classrooms_solid.count': 30 },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().details.fields as { field: string; message: string }[]).map((f) => f.field);
    expect(fields).toEqual(['facilities.computers.count', 'facilities.classrooms_solid.count']);
    expect(bad.json().details.fields[1].message).toBe(
      'Cơ sở vật chất — Phòng học kiên cố — Số lượng: 30 lớn hơn Cơ sở vật chất — Phòng học — Số lượng (24)',
    );
    expect(await audit()).toBe(before);
    expect(await q(`select 1 from stat_submissions where period_id = $1`, [periodId])).toHaveLength(0);
  });

  it('saves a draft, then submits on time; the audit records each write', async () => {
    const draft = await qtAdmin.request('PUT', url(schools.QT), {
      values: { 'facilities.computers.count': 40 },
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().school.status).toBe('draft');
    expect(draft.json().values['facilities.computers.count']).toBe(40);
    const res = await qtAdmin.post(`${url(schools.QT)}/submit`, { values: facilities });
    expect(res.statusCode).toBe(200);
    expect(res.json().school).toMatchObject({ status: 'submitted', late: false, overdue: false });
    const audit = await q<{ action: string }>(
      `select action from audit_log where entity = 'stat_submission' and school_id = $1 order by at`,
      [schools.QT],
    );
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['update', 'submit']);
  });

  it('flags a report submitted after 17:00 on the deadline as late', async () => {
    const res = await qtAdmin.post(`${url(schools.QT, pastId)}/submit`, { values: facilities });
    expect(res.statusCode).toBe(200);
    expect(res.json().school).toMatchObject({ status: 'submitted', late: true });
    const detail = (await spec.get(`/api/statistics/periods/${pastId}`)).json();
    expect(detail.pastDeadline).toBe(true);
    const qt = detail.schools.find((s: { schoolId: string }) => s.schoolId === schools.QT);
    expect(qt).toMatchObject({ late: true, overdue: false });
    const tp = detail.schools.find((s: { schoolId: string }) => s.schoolId === schools.TP);
    expect(tp).toMatchObject({ status: 'not_started', overdue: true });
    expect(detail.counts).toMatchObject({ schools: 6, submitted: 1, late: 1, missing: 5 });
  });

  it('lets the department return (with a reason) or accept, after which the school cannot change it', async () => {
    const noReason = await admin.post(`${url(schools.QT)}/review`, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields[0].field).toBe('comment');
    const returned = await admin.post(`${url(schools.QT)}/review`, {
      decision: 'return',
      comment: 'Số máy tính chưa khớp biên bản kiểm kê',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().school).toMatchObject({
      status: 'returned',
      reviewComment: 'Số máy tính chưa khớp biên bản kiểm kê',
    });
    const again = await admin.post(`${url(schools.QT)}/review`, { decision: 'accept' });
    expect(again.statusCode).toBe(409); // nothing submitted to review
    expect((await qtAdmin.post(`${url(schools.QT)}/submit`, { values: facilities })).statusCode).toBe(200);
    // The school's own principal cannot accept its report; the Phòng specialist only reads.
    expect((await qtAdmin.post(`${url(schools.QT)}/review`, { decision: 'accept' })).statusCode).toBe(403);
    expect((await spec.post(`${url(schools.QT)}/review`, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await admin.post(`${url(schools.QT)}/review`, { decision: 'accept' });
    expect(accepted.json().school.status).toBe('accepted');
    const locked = await qtAdmin.post(`${url(schools.QT)}/submit`, { values: facilities });
    expect(locked.statusCode).toBe(409);
  });

  it('queues reminders for 08:00 three days before and on the day, and sends them to schools that have not submitted', async () => {
    const jobs = await q<{ payload: { kind: string }; run_at: Date | string }>(
      `select payload, run_at from jobs where name = 'statistics.reminder' and payload->>'periodId' = $1 order by run_at`,
      [periodId],
    );
    expect(jobs.map((j) => [j.payload.kind, new Date(j.run_at).toISOString()])).toEqual([
      ['before_3_days', '2099-06-22T01:00:00.000Z'],
      ['due_day', '2099-06-25T01:00:00.000Z'],
    ]);
    // Bring the first reminder forward: the worker sends it.
    await q(
      `update jobs set run_at = now() where name = 'statistics.reminder' and payload->>'periodId' = $1 and payload->>'kind' = 'before_3_days'`,
      [periodId],
    );
    await expect
      .poll(async () => (await q(`select 1 from stat_reminders where period_id = $1`, [periodId])).length, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe(5); // every school but Quyết Tiến, which has reported
    const notes = await q<{ title: string; kind: string }>(
      `select n.title, n.kind from notifications n join users u on u.id = n.user_id
        where u.username = 'hieutruong.th1' and n.kind = 'statistics'`,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toBe('Nhắc nộp báo cáo thống kê Quý II/2099: còn 3 ngày');
    expect(
      await q(
        `select 1 from notifications n join users u on u.id = n.user_id
          where u.username = 'hieutruong.qt' and n.kind = 'statistics' and n.dedupe_key like $1`,
        [`statistics:${periodId}:%`],
      ),
    ).toHaveLength(0);
    const detail = (await spec.get(`/api/statistics/periods/${periodId}`)).json();
    const th1 = detail.schools.find((s: { schoolId: string }) => s.schoolId === schools.TH1);
    expect(th1.reminders.map((r: { kind: string }) => r.kind)).toEqual(['before_3_days']);
  });
});

describe('access', () => {
  it('a school sees its own report only', async () => {
    expect(
      (await th1Admin.get(`/api/schools/${schools.QT}/statistics/periods/${demo.currentId}`)).statusCode,
    ).toBe(403);
    expect(
      (await qtAdmin.get(`/api/schools/${schools.TP}/statistics/periods/${demo.currentId}`)).statusCode,
    ).toBe(403);
    expect(
      (await qtAdmin.get(`/api/schools/${schools.QT}/statistics/periods/${demo.currentId}`)).statusCode,
    ).toBe(200);
    // Nor the department's overview or consolidated report, nor can it write another school's report.
    expect((await qtAdmin.get(`/api/statistics/periods/${demo.currentId}`)).statusCode).toBe(403);
    expect((await qtAdmin.get(`/api/statistics/periods/${demo.currentId}/report.xlsx`)).statusCode).toBe(403);
    const put = await qtAdmin.request(
      'PUT',
      `/api/schools/${schools.TP}/statistics/periods/${demo.currentId}`,
      {
        values: { 'facilities.computers.count': 1 },
      },
    );
    expect(put.statusCode).toBe(403);
    // Its period list counts only itself.
    const list = (await qtAdmin.get(`/api/statistics/periods?unitId=${schools.QT}`)).json();
    expect(list.find((p: { id: string }) => p.id === demo.currentId).counts.schools).toBe(1);
  });

  it('the Phòng specialist reads every school, the overview and the report, and writes nothing', async () => {
    for (const code of Object.keys(schools))
      expect(
        (await spec.get(`/api/schools/${schools[code]}/statistics/periods/${demo.currentId}`)).statusCode,
      ).toBe(200);
    expect((await spec.get(`/api/statistics/periods/${demo.currentId}`)).statusCode).toBe(200);
    const put = await spec.request('PUT', `/api/schools/${schools.TP}/statistics/periods/${demo.currentId}`, {
      values: { 'facilities.computers.count': 1 },
    });
    expect(put.statusCode).toBe(403);
    expect(
      (await spec.post('/api/statistics/periods', { unitId: phongId, year: 2097, quarter: 1 })).statusCode,
    ).toBe(403);
  });
});

describe('the demo and the consolidated report', () => {
  it('has the current quarter open with two schools reported and the previous one closed with one late', async () => {
    const list = (await spec.get(`/api/statistics/periods?unitId=${phongId}`)).json() as {
      id: string;
      counts: Record<string, number>;
    }[];
    const current = list.find((p) => p.id === demo.currentId)!;
    expect(current.counts).toMatchObject({ schools: 6, submitted: 2, accepted: 1, late: 0 });
    const previous = list.find((p) => p.id === demo.previousId)!;
    expect(previous.counts).toMatchObject({ schools: 6, submitted: 6, late: 1, missing: 0 });
    expect(demo.lateSchoolId).toBe(schools.TP);
  });

  it('adds the late report to the operations dashboard alerts', async () => {
    const res = await spec.get(`/api/operations/dashboard?unitId=${phongId}`);
    expect(res.statusCode).toBe(200);
    const alerts = res.json().alerts as { kind: string; message: string; schoolId: string }[];
    const late = alerts.filter((a) => a.kind === 'late_report' && a.message.includes('báo cáo thống kê'));
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ schoolId: schools.TP });
    expect(late[0].message).toMatch(
      /^Trường THCS Tân Phong nộp muộn báo cáo thống kê Quý (I|II|III|IV)\/\d{4}/,
    );
  });

  it('sums the submitted schools in the report and exports it to Excel and PDF', async () => {
    const report = (await spec.get(`/api/statistics/periods/${demo.previousId}/report`)).json();
    const rows = await q<{ values: Record<string, number> }>(
      `select values from stat_submissions where period_id = $1 and status in ('submitted', 'accepted')`,
      [demo.previousId],
    );
    const key = fieldKey('students', 'total', 'total');
    const total = rows.reduce((s, r) => s + r.values[key], 0);
    expect(report.totals[key]).toBe(total);
    expect(total).toBe((await q(`select 1 from students where status = 'studying'`)).length);
    expect(report.totals['schools.unit.count']).toBe(6);

    const xlsx = await spec.get(`/api/statistics/periods/${demo.previousId}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('bao-cao-thong-ke-quy-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
    expect(texts).toContain('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ LAI CHÂU');
    expect(texts.some((x) => x.startsWith('BÁO CÁO THỐNG KÊ GIÁO DỤC QUÝ'))).toBe(true);
    expect(texts).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    // The students' total row carries the sum of the schools.
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'Tổng số' && row.getCell(2).value === total) found = true;
    });
    expect(found).toBe(true);

    const pdf = await spec.get(`/api/statistics/periods/${demo.previousId}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('BÁO CÁO THỐNG KÊ GIÁO DỤC QUÝ');
    expect(text).toContain('Trường THCS Tân Phong');
    expect(text).toContain('nộp muộn');
  });
});
