import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../client';
import {
  attendanceDeviceCommands,
  attendanceDevices,
  attendanceDeviceUsers,
  attendancePunches,
  attendanceRecords,
  attendanceRollCalls,
  classes,
  enrolments,
  schoolYears,
  staff,
  students,
  units,
  users,
} from '../schema';
import { LAI_CHAU_PILOT } from './pilot';
import { createRandom, type Random } from './random';

/**
 * A school year (2024-2025) of attendance for the Lai Châu demo's 717 students and the staff of the four pilot
 * schools: a roll call per class and school day, rows only for absences and late arrivals (everyone else in a
 * taken roll was present, which is how the report counts), a ZKTeco terminal per school with a PIN for every
 * student and staff member, and the punches of the last school week (arrival, departure) with the day
 * records derived from them. Deterministic (fixed PRNG seeds, ids included), idempotent, bulk inserts.
 *
 * Absences are plausible rather than real: about 95–97 % present; more absences in households of the
 * communes (mountain villages) in the rainy months (September–October, May) and in the January cold, a few
 * chronic absentees, illnesses that last two or three days, and the Tết break and public holidays off.
 */

export type SeedAttendanceDemoOptions = {
  /** Runs the seed's one transaction; defaults to `db.transaction` (pass `Database.transaction` on disk). */
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};
export type SeedAttendanceDemoResult = {
  skipped: boolean;
  schoolDays: number;
  rollCalls: number;
  records: number;
  devices: number;
  deviceUsers: number;
  punches: number;
};

const SEED = 20240905;
const ID_SEED = 0xa77e_4d;
/** The terminals: one face-recognition ZKTeco per pilot school (serial numbers as printed on them). */
export const DEMO_DEVICE_SERIALS: Record<string, string> = {
  'LCU-TP-TH1': 'CQUJ224360101',
  'LCU-TP-TH2': 'CQUJ224360102',
  'LCU-TP-QT': 'CQUJ224360103',
  'LCU-TP-TP': 'CQUJ224360104',
};
/** A terminal that called the server but that no school has claimed yet. */
const PENDING_SERIAL = 'BOCK203960077';

// Ngày nghỉ: Tết dương lịch, Tết Nguyên đán (29/01/2025) break, Giỗ Tổ Hùng Vương, 30/4 – 1/5 (and 2/5)
const HOLIDAYS = new Set([
  '2025-01-01',
  ...dayRange('2025-01-25', '2025-02-02'),
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
]);
/** The last teaching day: the Friday before the school year ends (31/5). */
const LAST_TEACHING_DAY = '2025-05-30';
/** Terminal punches for the last school week. */
const PUNCHES_FROM = '2025-05-26';

/** Rainy months in the mountains: September–October and from May. Cold spells in January. */
const MONTH_FACTOR: Record<number, number> = {
  9: 1.35,
  10: 1.3,
  11: 0.9,
  12: 1.0,
  1: 1.25,
  2: 1.1,
  3: 0.8,
  4: 0.9,
  5: 1.3,
};
const RAINY = new Set([9, 10, 5]);

const EXCUSED_NOTES = [
  'Ốm, gia đình xin phép',
  'Sốt, gia đình xin phép',
  'Đi khám bệnh',
  'Việc gia đình',
  'Nhà có việc hiếu',
  'Đau bụng, mẹ xin phép qua điện thoại',
];
const RAINY_NOTES = ['Mưa lớn, đường trơn trượt', 'Suối dâng, không qua được'];
const UNEXCUSED_NOTES = [null, null, 'Không liên lạc được gia đình', 'Theo gia đình lên nương'];
const LATE_NOTES = [null, null, 'Mưa to', 'Xe hỏng giữa đường'];
const STAFF_NOTES = ['Nghỉ ốm', 'Đi tập huấn', 'Nghỉ phép', 'Việc gia đình', 'Họp tại Phòng GD&ĐT'];

type RecordRow = typeof attendanceRecords.$inferInsert;
type RollRow = typeof attendanceRollCalls.$inferInsert;
type PunchRow = typeof attendancePunches.$inferInsert;

/** Seeds the demo's attendance in one transaction unless it is already there (or the demo is missing). */
export async function seedAttendanceDemo(
  db: Queryable,
  options: SeedAttendanceDemoOptions = {},
): Promise<SeedAttendanceDemoResult> {
  const transaction: NonNullable<SeedAttendanceDemoOptions['transaction']> =
    options.transaction ?? ((fn) => db.transaction(fn));
  const none = { schoolDays: 0, rollCalls: 0, records: 0, devices: 0, deviceUsers: 0, punches: 0 };
  return transaction(async (tx) => {
    const [seeded] = await tx
      .select({ id: attendanceDevices.id })
      .from(attendanceDevices)
      .where(inArray(attendanceDevices.sn, Object.values(DEMO_DEVICE_SERIALS)))
      .limit(1);
    if (seeded) return { skipped: true, ...none };
    const [year] = await tx.select().from(schoolYears).where(eq(schoolYears.name, LAI_CHAU_PILOT.schoolYear));
    const schools = await tx
      .select({ id: units.id, code: units.code, level: units.schoolLevel })
      .from(units)
      .where(inArray(units.code, Object.keys(DEMO_DEVICE_SERIALS)))
      .orderBy(asc(units.code));
    if (!year || schools.length === 0) return { skipped: true, ...none };
    const plan = await buildPlan(tx, year, schools);
    for (const [table, rows] of [
      [attendanceDevices, plan.devices],
      [attendanceDeviceUsers, plan.deviceUsers],
      [attendanceRollCalls, plan.rollCalls],
      [attendanceRecords, plan.records],
      [attendancePunches, plan.punches],
      [attendanceDeviceCommands, plan.commands],
    ] as const)
      await insertRows(tx, table, rows as never[]);
    return {
      skipped: false,
      schoolDays: plan.schoolDays,
      rollCalls: plan.rollCalls.length,
      records: plan.records.length,
      devices: plan.devices.length,
      deviceUsers: plan.deviceUsers.length,
      punches: plan.punches.length,
    };
  });
}

type School = { id: string; code: string; level: string | null };

async function buildPlan(tx: Tx, year: typeof schoolYears.$inferSelect, schools: School[]) {
  const rng = createRandom(SEED);
  const ids = createRandom(ID_SEED);
  const schoolIds = schools.map((s) => s.id);
  const start = String(year.startDate);
  const days = dayRange(start, LAST_TEACHING_DAY).filter((d) => !isWeekend(d) && !HOLIDAYS.has(d));

  const classRows = await tx
    .select({
      schoolId: classes.schoolId,
      id: classes.id,
      name: classes.name,
      homeroom: classes.homeroomTeacherId,
    })
    .from(classes)
    .where(and(inArray(classes.schoolId, schoolIds), eq(classes.schoolYearId, year.id)))
    .orderBy(asc(classes.schoolId), asc(classes.grade), asc(classes.name));
  const enrolmentRows = await tx
    .select({
      schoolId: enrolments.schoolId,
      studentId: enrolments.studentId,
      classId: enrolments.classId,
      startDate: enrolments.startDate,
      endDate: enrolments.endDate,
    })
    .from(enrolments)
    .where(and(inArray(enrolments.schoolId, schoolIds), eq(enrolments.schoolYearId, year.id)))
    .orderBy(asc(enrolments.studentId), asc(enrolments.startDate));
  const studentRows = await tx
    .select({
      id: students.id,
      schoolId: students.schoolId,
      fullName: students.fullName,
      classId: students.currentClassId,
      address: students.address,
      poverty: students.poverty,
    })
    .from(students)
    .where(inArray(students.schoolId, schoolIds))
    .orderBy(asc(students.schoolId), asc(students.sectorId));
  const staffRows = await tx
    .select({ id: staff.id, schoolId: staff.schoolId, position: staff.position })
    .from(staff)
    .where(and(inArray(staff.schoolId, schoolIds), eq(staff.status, 'working')))
    .orderBy(asc(staff.schoolId), asc(staff.staffCode));
  const accounts = await tx
    .select({ id: users.id, staffId: users.staffId, unit: users.homeUnitId })
    .from(users)
    .where(sql`${users.staffId} is not null`);
  const userOfStaff = new Map(accounts.map((a) => [a.staffId!, a.id]));
  const principalUser = new Map<string, string>();
  for (const s of staffRows)
    if (s.position === 'principal' && userOfStaff.has(s.id))
      principalUser.set(s.schoolId, userOfStaff.get(s.id)!);

  // Each student's propensity: households in the communes (mountain villages) are further away.
  type Pupil = { id: string; rural: boolean; base: number; late: number; sickUntil: string | null };
  const pupils = new Map<string, Pupil>();
  for (const s of studentRows) {
    const rural = (s.address ?? '').includes(', xã ');
    const chronic = rng.chance(0.03) ? rng.int(3, 5) : 1;
    const personal = (0.4 + rng.next() * 1.2) * chronic;
    const base = (rural ? 0.034 : 0.014) * (s.poverty === 'poor' ? 1.3 : 1) * personal;
    pupils.set(s.id, {
      id: s.id,
      rural,
      base,
      late: (rural ? 0.012 : 0.006) * (0.5 + rng.next()),
      sickUntil: null,
    });
  }
  type Enrolment = (typeof enrolmentRows)[number];
  const covers = (e: Enrolment, date: string) =>
    String(e.startDate) <= date && (e.endDate === null || String(e.endDate) >= date);
  const byClass = new Map<string, Enrolment[]>();
  const byStudent = new Map<string, Enrolment[]>();
  for (const e of enrolmentRows) {
    if (!byClass.has(e.classId)) byClass.set(e.classId, []);
    byClass.get(e.classId)!.push(e);
    if (!byStudent.has(e.studentId)) byStudent.set(e.studentId, []);
    byStudent.get(e.studentId)!.push(e);
  }
  const classOf = (studentId: string, date: string) =>
    byStudent.get(studentId)?.find((e) => covers(e, date))?.classId ?? null;

  const rollCalls: RollRow[] = [];
  const records: RecordRow[] = [];
  const lateOrAbsent = new Set<string>(); // `${personId}|${date}` of the punch weeks
  for (const date of days) {
    const month = Number(date.slice(5, 7));
    for (const cls of classRows) {
      const recordedBy =
        (cls.homeroom && userOfStaff.get(cls.homeroom)) ?? principalUser.get(cls.schoolId) ?? null;
      rollCalls.push({
        schoolId: cls.schoolId,
        id: ids.uuid(),
        classId: cls.id,
        date,
        period: 0,
        recordedBy,
      });
      const members = (byClass.get(cls.id) ?? []).filter((e) => covers(e, date));
      for (const m of members) {
        const p = pupils.get(m.studentId);
        if (!p) continue;
        const status = drawStatus(rng, p, date, month);
        if (!status) continue;
        records.push({
          schoolId: cls.schoolId,
          id: ids.uuid(),
          personKind: 'student',
          personId: p.id,
          classId: cls.id,
          date,
          period: 0,
          status: status.status,
          note: status.note,
          source: 'manual',
          recordedBy,
        });
        if (date >= PUNCHES_FROM) lateOrAbsent.add(`${p.id}|${date}|${status.status}`);
      }
    }
    for (const school of schools) {
      const recordedBy = principalUser.get(school.id) ?? null;
      rollCalls.push({ schoolId: school.id, id: ids.uuid(), classId: null, date, period: 0, recordedBy });
      for (const s of staffRows) {
        if (s.schoolId !== school.id) continue;
        const roll = rng.next();
        const status = roll < 0.012 ? 'excused' : roll < 0.0135 ? 'late' : null;
        if (!status) continue;
        records.push({
          schoolId: school.id,
          id: ids.uuid(),
          personKind: 'staff',
          personId: s.id,
          classId: null,
          date,
          period: 0,
          status,
          note: status === 'excused' ? rng.pick(STAFF_NOTES) : null,
          source: 'manual',
          recordedBy,
        });
        if (date >= PUNCHES_FROM) lateOrAbsent.add(`${s.id}|${date}|${status}`);
      }
    }
  }

  // --- Terminals, PINs and the punches of the last two weeks -------------------------------------------------
  const devices: (typeof attendanceDevices.$inferInsert)[] = [];
  const deviceUsers: (typeof attendanceDeviceUsers.$inferInsert)[] = [];
  const punches: PunchRow[] = [];
  const commands: (typeof attendanceDeviceCommands.$inferInsert)[] = [];
  const sites = await tx
    .select({ id: units.id, parentId: units.parentId })
    .from(units)
    .where(and(inArray(units.parentId, schoolIds), eq(units.kind, 'school_site')));
  const punchDays = days.filter((d) => d >= PUNCHES_FROM);
  const statusOf = new Map<string, string>();
  for (const key of lateOrAbsent) {
    const [id, date, status] = key.split('|');
    statusOf.set(`${id}|${date}`, status);
  }
  const lastDay = punchDays[punchDays.length - 1];
  for (const school of schools) {
    const deviceId = ids.uuid();
    const sn = DEMO_DEVICE_SERIALS[school.code];
    const primary = school.level === 'TH';
    // PINs in class-list order: class by class, by given name.
    const classOrder = new Map(classRows.map((c, i) => [c.id, i]));
    const schoolPupils = studentRows
      .filter((s) => s.schoolId === school.id)
      .sort(
        (a, b) =>
          (classOrder.get(a.classId ?? '') ?? 99) - (classOrder.get(b.classId ?? '') ?? 99) ||
          givenName(a.fullName).localeCompare(givenName(b.fullName), 'vi') ||
          a.fullName.localeCompare(b.fullName, 'vi'),
      );
    const schoolStaff = staffRows.filter((s) => s.schoolId === school.id);
    const people = [
      ...schoolPupils.map((s, i) => ({ kind: 'student' as const, id: s.id, pin: String(1001 + i) })),
      ...schoolStaff.map((s, i) => ({ kind: 'staff' as const, id: s.id, pin: String(9001 + i) })),
    ];
    for (const p of people)
      deviceUsers.push({
        schoolId: school.id,
        id: ids.uuid(),
        deviceId: null,
        pin: p.pin,
        personKind: p.kind,
        personId: p.id,
      });
    let lastPunch = new Date(0);
    for (const date of punchDays) {
      for (const p of people) {
        const status = statusOf.get(`${p.id}|${date}`);
        if (status === 'excused' || status === 'unexcused') continue;
        const late = status === 'late';
        const arrive =
          p.kind === 'staff'
            ? minutes(6 * 60 + 30, rng.int(0, 35))
            : late
              ? minutes(7 * 60 + 18, rng.int(0, 30))
              : minutes(6 * 60 + 40, rng.int(0, 30));
        const leave =
          p.kind === 'staff' || primary
            ? minutes(16 * 60 + 30, rng.int(0, 45))
            : minutes(11 * 60 + 15, rng.int(0, 30));
        for (const [time, expected] of [
          [arrive, 0],
          [leave, 1],
        ] as const) {
          const keyRoll = rng.next();
          const code = keyRoll < 0.15 ? 255 : keyRoll < 0.18 ? 1 - expected : expected; // keys off, wrong key
          const localTime = `${date} ${time}`;
          const instant = fromLocal(localTime);
          if (instant > lastPunch) lastPunch = instant;
          punches.push({
            schoolId: school.id,
            id: ids.uuid(),
            deviceId,
            deviceSn: sn,
            pin: p.pin,
            localTime,
            localDate: date,
            punchedAt: instant,
            status: code,
            state: code === 255 ? 'undefined' : code === 0 ? 'check_in' : 'check_out',
            verify: 15,
            workcode: null,
            personKind: p.kind,
            personId: p.id,
            future: false,
            source: 'zkteco',
            receivedAt: instant,
          });
        }
        const arrivedAt = fromLocal(`${date} ${arrive}`);
        const leftAt = fromLocal(`${date} ${leave}`);
        const existing = status
          ? records.find((r) => r.personId === p.id && r.date === date && r.period === 0)
          : null;
        if (existing) {
          existing.arrivedAt = arrivedAt;
          existing.leftAt = leftAt;
        } else {
          records.push({
            schoolId: school.id,
            id: ids.uuid(),
            personKind: p.kind,
            personId: p.id,
            classId: p.kind === 'student' ? classOf(p.id, date) : null,
            date,
            period: 0,
            status: 'present',
            source: 'device',
            arrivedAt,
            leftAt,
          });
        }
      }
    }
    devices.push({
      schoolId: school.id,
      id: deviceId,
      siteId: sites.find((s) => s.parentId === school.id)?.id ?? null,
      sn,
      kind: 'zkteco',
      name: primary ? 'Máy chấm công khuôn mặt cổng trường' : 'Máy chấm công khuôn mặt sảnh chính',
      status: 'active',
      attlogStamp: String(9000 + punches.filter((p) => p.deviceId === deviceId).length),
      operlogStamp: '1284',
      pushVersion: '2.4.1',
      info: `Ver 6.60 Apr 3 2024,${people.length},0,${punches.filter((p) => p.deviceId === deviceId).length},192.168.1.20${schools.indexOf(school) + 1}`,
      lastSeenAt: lastPunch,
      lastIp: `10.8.${schools.indexOf(school) + 1}.20`,
      createdAt: fromLocal(`${start} 07:30:00`),
    });
    commands.push({
      schoolId: school.id,
      deviceId,
      command: 'INFO',
      status: 'done',
      retries: 1,
      returnCode: 0,
      createdAt: fromLocal(`${lastDay} 06:00:00`),
      sentAt: fromLocal(`${lastDay} 06:00:10`),
      completedAt: fromLocal(`${lastDay} 06:00:12`),
    });
  }
  devices.push({
    schoolId: null,
    id: ids.uuid(),
    sn: PENDING_SERIAL,
    kind: 'zkteco',
    name: PENDING_SERIAL,
    status: 'pending',
    pushVersion: '2.4.1',
    lastSeenAt: fromLocal(`${lastDay} 07:42:00`),
    lastIp: '10.8.9.14',
  });
  return { schoolDays: days.length, rollCalls, records, devices, deviceUsers, punches, commands };
}

/** Whether a student was absent or late that day (null = present), with the teacher's note. */
function drawStatus(
  rng: Random,
  p: { rural: boolean; base: number; late: number; sickUntil: string | null },
  date: string,
  month: number,
): { status: 'excused' | 'unexcused' | 'late'; note: string | null } | null {
  if (p.sickUntil && date <= p.sickUntil) return { status: 'excused', note: 'Ốm, gia đình xin phép' };
  p.sickUntil = null;
  const rain = p.rural && RAINY.has(month) ? 1.35 : 1;
  const absent = p.base * MONTH_FACTOR[month] * rain;
  const roll = rng.next();
  if (roll < absent) {
    const unexcused = rng.chance(p.rural ? 0.32 : 0.2);
    if (unexcused) return { status: 'unexcused', note: rng.pick(UNEXCUSED_NOTES) };
    if (p.rural && RAINY.has(month) && rng.chance(0.35))
      return { status: 'excused', note: rng.pick(RAINY_NOTES) };
    const note = rng.pick(EXCUSED_NOTES);
    if (note.startsWith('Ốm') && rng.chance(0.45)) p.sickUntil = addDays(date, rng.int(1, 2));
    return { status: 'excused', note };
  }
  if (roll < absent + p.late * (RAINY.has(month) ? 1.5 : 1))
    return { status: 'late', note: rng.pick(LATE_NOTES) };
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Dates: plain calendar arithmetic in UTC; wall-clock times are Vietnamese (UTC+7, no daylight saving).

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
const givenName = (fullName: string) => fullName.trim().split(/\s+/).pop() ?? '';
const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
const pad = (n: number) => String(n).padStart(2, '0');
/** 'HH:MM:SS' of minutes after midnight plus an offset, with deterministic seconds. */
const minutes = (base: number, plus: number) => {
  const m = base + plus;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}:${pad((m * 37) % 60)}`;
};
/** Vietnamese wall-clock 'YYYY-MM-DD HH:MM:SS' → the UTC instant. */
const fromLocal = (text: string) => new Date(`${text.replace(' ', 'T')}+07:00`);

/**
 * Bulk insert through one JSON parameter per chunk (`json_populate_recordset`): binding tens of thousands of
 * positional parameters is what makes large multi-row inserts slow, on PGlite above all. Rows are grouped by
 * the keys they carry, so that columns left out take their defaults.
 */
const ROWS_PER_INSERT = 5000;
async function insertRows<TTable extends PgTable>(tx: Tx, table: TTable, rows: PgInsertValue<TTable>[]) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows as Record<string, unknown>[]) {
    const shape = Object.keys(columns)
      .filter((k) => r[k] !== undefined)
      .join(',');
    const group = groups.get(shape);
    if (group) group.push(r);
    else groups.set(shape, [r]);
  }
  for (const [shape, group] of groups) {
    const keys = shape.split(',');
    const names = sql.join(
      keys.map((k) => sql.identifier(columns[k].name)),
      sql`, `,
    );
    for (let i = 0; i < group.length; i += ROWS_PER_INSERT) {
      const json = group
        .slice(i, i + ROWS_PER_INSERT)
        .map((row) =>
          Object.fromEntries(
            keys.map((k) => [
              columns[k].name,
              row[k] instanceof Date ? (row[k] as Date).toISOString() : row[k],
            ]),
          ),
        );
      await tx.execute(
        sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(json)}::json)`,
      );
    }
  }
}
