import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

const DAY = '2025-03-10';
let t: TestApp;
let admin: Client;
let teacher: Client;
let qtId: string;
let own: { id: string; name: string };
let other: { id: string; name: string };
let roster: { studentId: string; fullName: string }[];

type Row = { studentId: string; status: string | null; note: string | null; source: string | null };
const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.execute<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0].n;
const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);
const rollUrl = (classId: string, q = '') => `/api/schools/${qtId}/classes/${classId}/attendance${q}`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'hieutruong.qt');
  teacher = await login(t.app, 'giaovien.qt');
  qtId = admin.me.homeUnitId!;
  const mine = (await teacher.get(`/api/attendance/classes?date=${DAY}`)).json().items as {
    id: string;
    name: string;
  }[];
  own = mine.find((c) => c.name === '6A1')!;
  const all = (await admin.get(`/api/attendance/classes?schoolId=${qtId}&date=${DAY}`)).json().items as {
    id: string;
    name: string;
  }[];
  other = all.find((c) => !mine.some((m) => m.id === c.id))!;
});
afterAll(async () => {
  await t?.close();
});

describe('roll call (điểm danh) by the teacher', () => {
  it('lists only the teacher’s own classes, the whole school for the principal', async () => {
    const mine = (await teacher.get(`/api/attendance/classes?date=${DAY}`)).json();
    const all = (await admin.get(`/api/attendance/classes?schoolId=${qtId}&date=${DAY}`)).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.length).toBeLessThan(all.items.length);
    expect(all.total).toBe(7);
    expect(mine.items.find((c: { name: string }) => c.name === '6A1')).toMatchObject({
      students: 40,
      taken: false,
    });
  });

  it('shows an untaken roll with every student and no status', async () => {
    const res = await teacher.get(rollUrl(own.id, `?date=${DAY}`));
    expect(res.statusCode).toBe(200);
    const roll = res.json();
    expect(roll).toMatchObject({ className: '6A1', date: DAY, period: 0, taken: false });
    expect(roll.rows).toHaveLength(40);
    expect(roll.rows.every((r: Row) => r.status === null)).toBe(true);
    roster = roll.rows;
  });

  it('saves the roll, stores only absences and late arrivals, and audits it', async () => {
    const [s1, s2, s3] = roster;
    const entries = roster.map((r) => ({ studentId: r.studentId, status: 'present' }));
    entries[0] = { studentId: s1.studentId, status: 'excused', note: 'Ốm, gia đình xin phép' } as never;
    entries[1] = { studentId: s2.studentId, status: 'unexcused' };
    entries[2] = { studentId: s3.studentId, status: 'late' };
    const res = await put(teacher, rollUrl(own.id), { date: DAY, entries });
    expect(res.statusCode, res.body).toBe(200);
    const roll = res.json();
    expect(roll.taken).toBe(true);
    const status = (id: string) => roll.rows.find((r: Row) => r.studentId === id);
    expect(status(s1.studentId)).toMatchObject({
      status: 'excused',
      note: 'Ốm, gia đình xin phép',
      source: 'manual',
    });
    expect(status(s2.studentId).status).toBe('unexcused');
    expect(status(s3.studentId).status).toBe('late');
    expect(roll.rows.filter((r: Row) => r.status === 'present')).toHaveLength(37);
    expect(
      await count(`select 1 from attendance_records where class_id = $1 and date = $2`, [own.id, DAY]),
    ).toBe(3);

    const audit = (await admin.get('/api/audit?entity=attendance&pageSize=10')).json().items;
    expect(audit[0]).toMatchObject({ action: 'roll_call', entityId: `${own.id}:${DAY}:0` });
    expect(audit[0].after[s2.studentId]).toEqual({ status: 'unexcused', note: null });
  });

  it('refuses the teacher of another class and writes nothing', async () => {
    const students = (await admin.get(rollUrl(other.id, `?date=${DAY}`))).json().rows as Row[];
    const before = await count('select 1 from attendance_records');
    const audits = await count('select 1 from audit_log');
    const res = await put(teacher, rollUrl(other.id), {
      date: DAY,
      entries: [{ studentId: students[0].studentId, status: 'unexcused' }],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(await count('select 1 from attendance_records')).toBe(before);
    expect(await count('select 1 from attendance_roll_calls where class_id = $1', [other.id])).toBe(0);
    expect(await count('select 1 from audit_log')).toBe(audits);
    expect((await teacher.get(rollUrl(other.id, `?date=${DAY}`))).statusCode).toBe(403);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const before = await count('select 1 from attendance_records');
    const someone = roster[5].studentId;
    const future = await put(teacher, rollUrl(own.id), {
      date: '2099-01-05',
      entries: [{ studentId: someone, status: 'unexcused' }],
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toMatch(/tương lai/);
    const outOfYear = await put(teacher, rollUrl(own.id), {
      date: '2024-08-20',
      entries: [{ studentId: someone, status: 'unexcused' }],
    });
    expect(outOfYear.statusCode).toBe(400);
    expect(outOfYear.json().message).toMatch(/ngoài năm học/);
    const stranger = (await admin.get(rollUrl(other.id, `?date=${DAY}`))).json().rows[0].studentId;
    const wrongClass = await put(teacher, rollUrl(own.id), {
      date: DAY,
      entries: [{ studentId: stranger, status: 'unexcused' }],
    });
    expect(wrongClass.statusCode).toBe(400);
    expect(wrongClass.json().details.studentIds).toEqual([stranger]);
    const badStatus = await put(teacher, rollUrl(own.id), {
      date: DAY,
      entries: [{ studentId: someone, status: 'absent' }],
    });
    expect(badStatus.statusCode).toBe(400);
    expect(await count('select 1 from attendance_records')).toBe(before);
  });

  it('takes a per-period roll separately from the day', async () => {
    const res = await put(teacher, rollUrl(own.id), {
      date: DAY,
      period: 3,
      entries: [{ studentId: roster[10].studentId, status: 'unexcused', note: 'Bỏ tiết' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ period: 3, taken: true });
    const day = (await teacher.get(rollUrl(own.id, `?date=${DAY}`))).json();
    expect(day.rows.find((r: Row) => r.studentId === roster[10].studentId).status).toBe('present');
  });
});

describe('daily absence report (báo cáo vắng)', () => {
  it('counts by class and lists the unexcused absences', async () => {
    const res = await admin.get(`/api/schools/${qtId}/attendance/report?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const c = report.classes.find((x: { className: string }) => x.className === '6A1');
    expect(c).toMatchObject({
      students: 40,
      taken: true,
      present: 37,
      late: 1,
      excused: 1,
      unexcused: 1,
      notRecorded: 0,
    });
    const untaken = report.classes.find((x: { className: string }) => x.className !== '6A1');
    expect(untaken.notRecorded).toBe(untaken.students);
    expect(report.totals.students).toBe(287);
    expect(report.unexcused.map((a: { fullName: string; period: number }) => [a.fullName, a.period])).toEqual(
      [
        [roster[1].fullName, 0],
        [roster[10].fullName, 3],
      ],
    );
    expect(report.unexcused[0].className).toBe('6A1');
    expect(report.otherAbsences).toHaveLength(2);
  });

  it('exports the report to Excel', async () => {
    const res = await admin.get(`/api/schools/${qtId}/attendance/report.xlsx?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Vắng không phép',
      'Vắng có phép, đi muộn',
      'Cán bộ',
    ]);
    const unexcused = wb.getWorksheet('Vắng không phép')!;
    expect(unexcused.getRow(4).getCell(2).value).toBe(roster[1].fullName);
  });

  it('is for the school’s and the department’s administrators, not for teachers or parents', async () => {
    expect((await teacher.get(`/api/schools/${qtId}/attendance/report?date=${DAY}`)).statusCode).toBe(403);
    expect(
      (await (await login(t.app, 'phuhuynh.qt')).get(`/api/schools/${qtId}/attendance/report?date=${DAY}`))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await (
          await login(t.app, 'chuyenvien.phong')
        ).get(`/api/schools/${qtId}/attendance/report?date=${DAY}`)
      ).statusCode,
    ).toBe(200);
  });
});

describe('staff attendance (chấm công cán bộ)', () => {
  it('is kept by the school administrator', async () => {
    const roll = (await admin.get(`/api/schools/${qtId}/staff-attendance?date=${DAY}`)).json();
    expect(roll.taken).toBe(false);
    const someone = roll.rows[0].staffId;
    const res = await put(admin, `/api/schools/${qtId}/staff-attendance`, {
      date: DAY,
      entries: [{ staffId: someone, status: 'excused', note: 'Đi tập huấn tại Sở' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.find((r: { staffId: string }) => r.staffId === someone)).toMatchObject({
      status: 'excused',
    });
    const report = (await admin.get(`/api/schools/${qtId}/attendance/report?date=${DAY}`)).json();
    expect(report.staff).toMatchObject({ taken: true, excused: 1, notRecorded: 0 });
    expect(report.staff.present).toBe(report.staff.total - 1);
    expect(
      (
        await put(teacher, `/api/schools/${qtId}/staff-attendance`, {
          date: DAY,
          entries: [{ staffId: someone, status: 'present' }],
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('a student’s attendance history', () => {
  it('is visible to the parent of that student only', async () => {
    const parent = await login(t.app, 'phuhuynh.qt');
    const child = (await parent.get('/api/students')).json().items[0].id as string;
    const res = await parent.get(
      `/api/schools/${qtId}/students/${child}/attendance?from=2025-03-01&to=2025-03-31`,
    );
    expect(res.statusCode).toBe(200);
    const someoneElse = roster.find((r) => r.studentId !== child)!.studentId;
    expect(
      (
        await parent.get(
          `/api/schools/${qtId}/students/${someoneElse}/attendance?from=2025-03-01&to=2025-03-31`,
        )
      ).statusCode,
    ).toBe(403);
    const history = (
      await teacher.get(
        `/api/schools/${qtId}/students/${roster[1].studentId}/attendance?from=2025-03-01&to=2025-03-31`,
      )
    ).json();
    expect(history.summary).toEqual({ excused: 0, unexcused: 1, late: 0 });
  });
});
