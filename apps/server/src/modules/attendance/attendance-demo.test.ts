import { freshDatabase, seedAttendanceDemo, seedDemo, seedReference } from '@smartedu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
let seededIn = 0;
let result: Awaited<ReturnType<typeof seedAttendanceDemo>>;

const fingerprint = async (execute: TestApp['database']['execute']) =>
  (
    await execute<{ h: string; n: number }>(
      `select md5(string_agg(concat_ws('|', id, person_id, date, status, note, arrived_at), ',' order by id)) as h,
        count(*)::int as n from attendance_records`,
    )
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  const started = Date.now();
  result = await seedAttendanceDemo(t.database.db, { transaction: t.database.transaction });
  seededIn = Date.now() - started;
  admin = await login(t.app, 'admin.so');
});
afterAll(async () => {
  await t?.close();
});

describe('demo attendance (Lai Châu pilot, 2024-2025)', () => {
  it('seeds a school year quickly: roll calls, absences, terminals, PINs and punches', () => {
    expect(result.skipped).toBe(false);
    expect(result.schoolDays).toBeGreaterThan(170); // 35 teaching weeks and more
    expect(result.schoolDays).toBeLessThan(185);
    // 17 classes and 4 staff rolls per school day
    expect(result.rollCalls).toBe(result.schoolDays * (17 + 4));
    expect(result.devices).toBe(5); // one per pilot school, and one pending
    expect(result.deviceUsers).toBeGreaterThan(717);
    expect(result.punches).toBeGreaterThan(5_000);
    expect(seededIn).toBeLessThan(30_000);
  });

  it('is plausible: 95–97 % present, more absences in the communes in the rainy months', async () => {
    const [{ students, absent, late, unexcused }] = await t.database.execute<{
      students: number;
      absent: number;
      late: number;
      unexcused: number;
    }>(
      `select (select count(*)::int from attendance_roll_calls r
                join enrolments e on e.school_id = r.school_id and e.class_id = r.class_id
                 and e.start_date <= r.date and (e.end_date is null or e.end_date >= r.date)) as students,
              count(*) filter (where status in ('excused', 'unexcused'))::int as absent,
              count(*) filter (where status = 'late')::int as late,
              count(*) filter (where status = 'unexcused')::int as unexcused
       from attendance_records where person_kind = 'student' and source = 'manual'`,
    );
    const present = 1 - (absent + late) / students;
    expect(present).toBeGreaterThan(0.95);
    expect(present).toBeLessThan(0.97);
    expect(unexcused).toBeGreaterThan(0);
    expect(unexcused).toBeLessThan(absent / 2);
    const rate = async (rural: boolean, months: number[]) =>
      (
        await t.database.execute<{ r: number }>(
          `select count(*)::float / nullif(count(distinct s.id), 0) as r
           from attendance_records a join students s on s.school_id = a.school_id and s.id = a.person_id
           where a.status in ('excused', 'unexcused') and (s.address like '%, xã %') = $1
             and extract(month from a.date) = any($2::int[])`,
          [rural, `{${months.join(',')}}`],
        )
      )[0].r;
    expect(await rate(true, [9, 10, 5])).toBeGreaterThan(await rate(false, [9, 10, 5]));
    expect((await rate(true, [9, 10, 5])) / 3).toBeGreaterThan((await rate(true, [3, 4])) / 2);
  });

  it('makes real reports: a taken roll for every class, device times in the last weeks', async () => {
    const units = (await admin.get('/api/units?kind=school&pageSize=100')).json().items as {
      id: string;
      code: string;
    }[];
    const qt = units.find((u) => u.code === 'LCU-TP-QT')!.id;
    const report = (await admin.get(`/api/schools/${qt}/attendance/report?date=2025-05-27`)).json();
    expect(report.totals.students).toBe(287);
    expect(report.totals.notRecorded).toBe(0);
    expect(report.classes.every((c: { taken: boolean }) => c.taken)).toBe(true);
    expect(report.totals.present / report.totals.students).toBeGreaterThan(0.85);
    expect(report.staff.taken).toBe(true);
    const c6a1 = report.classes.find((c: { className: string }) => c.className === '6A1').classId;
    const roll = (await admin.get(`/api/schools/${qt}/classes/${c6a1}/attendance?date=2025-05-27`)).json();
    const present = roll.rows.filter((r: { status: string }) => r.status === 'present');
    expect(present.length).toBeGreaterThan(30);
    expect(present.every((r: { arrivedAt: string | null }) => r.arrivedAt !== null)).toBe(true);
    const devices = (await admin.get('/api/attendance-devices?pageSize=50')).json().items;
    expect(devices.map((d: { status: string }) => d.status).sort()).toEqual([
      'active',
      'active',
      'active',
      'active',
      'pending',
    ]);
    // Tết: no roll.
    expect(
      (await admin.get(`/api/schools/${qt}/attendance/report?date=2025-01-29`)).json().totals.notRecorded,
    ).toBe(287);
  });

  it('is idempotent and deterministic', async () => {
    const again = await seedAttendanceDemo(t.database.db);
    expect(again.skipped).toBe(true);
    const first = await fingerprint(t.database.execute);
    const other = await freshDatabase();
    try {
      await seedReference(other.database.db);
      await seedDemo(other.database.db, { hashPassword: async () => 'x' });
      await seedAttendanceDemo(other.database.db);
      expect(await fingerprint(other.database.execute)).toEqual(first);
    } finally {
      await other.dispose();
    }
  }, 240_000);
});
