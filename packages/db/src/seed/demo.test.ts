import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../client';
import {
  classes,
  enrolments,
  ethnicities,
  guardians,
  roleAssignments,
  schoolYears,
  staff,
  studentGuardians,
  students,
  subjectGrades,
  subjects,
  teachingAssignments,
  terms,
  units,
  users,
} from '../schema';
import { DEMO_PASSWORD, LAI_CHAU_PILOT, type SeedDemoResult, seedDemo, seedReference } from './index';

const fakeHash = async (plain: string) => `hash:${plain}`;

/** `viaDatabase`: run the seed through `Database.transaction` (what a server on a disk PGlite passes). */
async function freshSeededDatabase(
  viaDatabase = false,
): Promise<{ database: Database; result: SeedDemoResult; ms: number }> {
  const database = await openDatabase({ kind: 'pglite' });
  await database.migrate();
  const started = performance.now();
  await seedReference(database.db);
  const result = await seedDemo(database.db, {
    hashPassword: fakeHash,
    transaction: viaDatabase ? database.transaction : undefined,
  });
  return { database, result, ms: performance.now() - started };
}

describe('demo seed (Lai Châu 2024 smart-classroom pilot)', () => {
  let database: Database;
  let result: SeedDemoResult;
  let ms: number;

  beforeAll(async () => {
    ({ database, result, ms } = await freshSeededDatabase());
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const classCounts = async () =>
    database.db
      .select({
        schoolCode: units.code,
        className: classes.name,
        grade: classes.grade,
        isSmart: classes.isSmart,
        students: count(students.id),
      })
      .from(classes)
      .innerJoin(units, eq(units.id, classes.schoolId))
      .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
      .leftJoin(
        students,
        and(eq(students.schoolId, classes.schoolId), eq(students.currentClassId, classes.id)),
      )
      .where(eq(schoolYears.name, LAI_CHAU_PILOT.schoolYear))
      .groupBy(units.code, classes.name, classes.grade, classes.isSmart);

  it('seeds within the time budget', () => {
    console.info(`seedReference + seedDemo on in-memory PGlite: ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(10_000);
    expect(result.skipped).toBe(false);
  });

  it('creates the 17 smart classes of 2024-2025 with 717 students', async () => {
    const rows = await classCounts();
    expect(rows).toHaveLength(17);
    expect(rows.every((r) => r.isSmart)).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.students, 0)).toBe(717);
    const [{ total }] = await database.db.select({ total: count() }).from(students);
    expect(total).toBe(717);
  });

  it('matches the pilot plan per school and per class', async () => {
    const rows = await classCounts();
    for (const school of LAI_CHAU_PILOT.schools) {
      const ofSchool = rows.filter((r) => r.schoolCode === school.code);
      expect(
        ofSchool.reduce((sum, r) => sum + r.students, 0),
        school.code,
      ).toBe(school.students);
      for (const c of school.classes) {
        const row = ofSchool.find((r) => r.className === c.name);
        expect(row, `${school.code} ${c.name}`).toMatchObject({ grade: c.grade, students: c.students });
      }
    }
    const perSchool = LAI_CHAU_PILOT.schools.map((s) =>
      rows.filter((r) => r.schoolCode === s.code).reduce((sum, r) => sum + r.students, 0),
    );
    expect(perSchool).toEqual([120, 120, 287, 190]);
    const grade8 = rows.filter((r) => r.schoolCode === 'LCU-TP-QT' && r.grade === 8);
    expect(grade8).toHaveLength(3);
    expect(grade8.reduce((sum, r) => sum + r.students, 0)).toBe(127);
  });

  it('seeds the reference data idempotently', async () => {
    await seedReference(database.db);
    const [{ n: ethnicityCount }] = await database.db.select({ n: count() }).from(ethnicities);
    expect(ethnicityCount).toBe(54);
    const [kinh] = await database.db.select().from(ethnicities).where(eq(ethnicities.code, '01'));
    expect(kinh.name).toBe('Kinh');
    const years = await database.db.select().from(schoolYears).orderBy(asc(schoolYears.name));
    expect(years.map((y) => [y.name, y.isCurrent])).toEqual([
      ['2023-2024', false],
      ['2024-2025', true],
      ['2025-2026', false],
    ]);
    const [{ n: termCount }] = await database.db.select({ n: count() }).from(terms);
    expect(termCount).toBe(6);
    const [thcsToan] = await database.db.select().from(subjects).where(eq(subjects.code, 'THCS_TOAN'));
    expect(thcsToan).toMatchObject({ name: 'Toán', level: 'THCS', assessment: 'scored' });
    const periods = await database.db
      .select({ grade: subjectGrades.grade, periods: subjectGrades.periodsPerYear })
      .from(subjectGrades)
      .innerJoin(subjects, eq(subjects.id, subjectGrades.subjectId))
      .where(eq(subjects.code, 'TH_TIENG_VIET'))
      .orderBy(asc(subjectGrades.grade));
    expect(periods.map((p) => p.periods)).toEqual([420, 350, 245, 245, 245]);
  });

  it('gives every student at least one guardian, with exactly one primary', async () => {
    const rows = await database.execute<{ n: number }>(
      `select count(*)::int as n from students s
       where (select count(*) from student_guardians sg
              where sg.school_id = s.school_id and sg.student_id = s.id and sg.is_primary) <> 1`,
    );
    expect(rows[0].n).toBe(0);
    const phones = await database.execute<{ n: number }>(
      'select count(*)::int as n from (select school_id, phone from guardians group by 1, 2 having count(*) > 1) d',
    );
    expect(phones[0].n).toBe(0);
    const shared = await database.execute<{ n: number }>(
      `select count(distinct student_id)::int as n from student_guardians
       where guardian_id in (select guardian_id from student_guardians group by guardian_id having count(*) > 1)`,
    );
    expect(shared[0].n).toBeGreaterThan(10);
  });

  it('gives every class a homeroom teacher from its own school and a teacher for every subject', async () => {
    const noHomeroom = await database.db
      .select({ id: classes.id })
      .from(classes)
      .where(isNull(classes.homeroomTeacherId));
    expect(noHomeroom).toHaveLength(0);
    const mismatched = await database.execute<{ n: number }>(
      `select count(*)::int as n from classes c
       left join staff s on s.school_id = c.school_id and s.id = c.homeroom_teacher_id where s.id is null`,
    );
    expect(mismatched[0].n).toBe(0);
    const missing = await database.execute<{ n: number }>(
      `select count(*)::int as n from classes c
       join units u on u.id = c.school_id
       join subjects sub on sub.level = u.school_level
       join subject_grades sg on sg.subject_id = sub.id and sg.grade = c.grade
       left join teaching_assignments ta
         on ta.school_id = c.school_id and ta.class_id = c.id and ta.subject_id = sub.id
       where ta.id is null`,
    );
    expect(missing[0].n).toBe(0);
    const [{ n }] = await database.db.select({ n: count() }).from(teachingAssignments);
    expect(n).toBe(2 * 29 + 7 * 12 + 4 * 12);
  });

  it('builds the unit tree with materialised paths', async () => {
    const all = await database.db.select().from(units);
    const byCode = new Map(all.map((u) => [u.code, u]));
    const so = byCode.get('LCU')!;
    const phong = byCode.get('LCU-TP')!;
    expect(so.path).toBe(`/${so.id}/`);
    expect(phong.path).toBe(`/${so.id}/${phong.id}/`);
    for (const s of LAI_CHAU_PILOT.schools) {
      const unit = byCode.get(s.code)!;
      expect(unit).toMatchObject({ kind: 'school', name: s.name, schoolLevel: s.level, parentId: phong.id });
      expect(unit.path).toBe(`/${so.id}/${phong.id}/${unit.id}/`);
      const sites = all.filter((u) => u.parentId === unit.id);
      expect(sites).toHaveLength(1);
      expect(sites[0]).toMatchObject({ kind: 'school_site', name: 'Điểm trường chính' });
    }
  });

  it('keeps birth years consistent with grades and some enrolment history', async () => {
    const wrong = await database.execute<{ n: number }>(
      `select count(*)::int as n from students s
       join classes c on c.school_id = s.school_id and c.id = s.current_class_id
       where extract(year from s.birth_date)::int <> 2024 - 5 - c.grade`,
    );
    expect(wrong[0].n).toBe(0);
    const withHistory = await database.db
      .select({ studentId: enrolments.studentId })
      .from(enrolments)
      .where(eq(enrolments.endReason, 'class_change'));
    expect(withHistory).toHaveLength(5);
    const [{ n }] = await database.db.select({ n: count() }).from(enrolments);
    expect(n).toBe(717 + 5);
  });

  it('creates the demo accounts with their scopes and person links', async () => {
    expect(result.accounts.map((a) => [a.username, a.role])).toEqual([
      ['admin.so', 'dept_admin'],
      ['chuyenvien.phong', 'dept_specialist'],
      ['hieutruong.qt', 'school_admin'],
      ['hieutruong.th1', 'school_admin'],
      ['giaovien.qt', 'teacher'],
      ['thuvien.qt', 'staff'],
      ['phuhuynh.qt', 'parent'],
      ['hocsinh.qt', 'student'],
      ['phuhuynh.tp', 'parent'],
    ]);
    expect(result.accounts.every((a) => a.password === DEMO_PASSWORD)).toBe(true);
    const rows = await database.db
      .select({ user: users, role: roleAssignments.role, unitName: units.name })
      .from(users)
      .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
      .innerJoin(units, eq(units.id, roleAssignments.unitId));
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.user.passwordHash === `hash:${DEMO_PASSWORD}`)).toBe(true);
    const byName = new Map(rows.map((r) => [r.user.username, r]));
    expect(byName.get('hieutruong.qt')?.unitName).toBe('Trường THCS Quyết Tiến');

    const teacher = byName.get('giaovien.qt')!.user;
    const [homeroomOf] = await database.db
      .select({ name: classes.name })
      .from(classes)
      .where(eq(classes.homeroomTeacherId, teacher.staffId!));
    expect(homeroomOf.name).toBe('6A1');
    const taughtMaths = await database.db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .innerJoin(subjects, eq(subjects.id, teachingAssignments.subjectId))
      .where(and(eq(teachingAssignments.staffId, teacher.staffId!), eq(subjects.code, 'THCS_TOAN')));
    expect(taughtMaths.length).toBeGreaterThan(0);

    const [librarian] = await database.db
      .select()
      .from(staff)
      .where(eq(staff.id, byName.get('thuvien.qt')!.user.staffId!));
    expect(librarian.position).toBe('librarian');

    const parent = byName.get('phuhuynh.qt')!.user;
    const child = byName.get('hocsinh.qt')!.user;
    const children = await database.db
      .select({
        studentId: studentGuardians.studentId,
        isPrimary: studentGuardians.isPrimary,
        className: classes.name,
      })
      .from(studentGuardians)
      .innerJoin(
        students,
        and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)),
      )
      .innerJoin(
        classes,
        and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
      )
      .where(eq(studentGuardians.guardianId, parent.guardianId!));
    expect(children).toEqual([{ studentId: child.studentId, isPrimary: true, className: '6A1' }]);
    const [guardian] = await database.db.select().from(guardians).where(eq(guardians.id, parent.guardianId!));
    expect(guardian.fullName).toBe(parent.fullName);
  });

  it('reflects the ethnic mix of Lai Châu city', async () => {
    const rows = await database.execute<{ code: string; n: number }>(
      'select ethnicity_code as code, count(*)::int as n from students group by 1',
    );
    const share = (code: string) => (rows.find((r) => r.code === code)?.n ?? 0) / 717;
    expect(share('01')).toBeGreaterThan(0.35);
    expect(share('01')).toBeLessThan(0.55);
    expect(share('03')).toBeGreaterThan(0.12);
    expect(share('08')).toBeGreaterThan(0.05);
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  it('skips a second run', async () => {
    const again = await seedDemo(database.db, { hashPassword: fakeHash });
    expect(again).toEqual({ accounts: [], skipped: true });
    const [{ n }] = await database.db.select({ n: count() }).from(students);
    expect(n).toBe(717);
  });

  it('is deterministic: a second database gets the same rows and ids', async () => {
    const other = await freshSeededDatabase(true);
    try {
      const snapshot = async (db: Database) => ({
        students: await db.db
          .select({ id: students.id, name: students.fullName, sectorId: students.sectorId })
          .from(students)
          .orderBy(asc(students.id)),
        units: await db.db.select({ id: units.id, code: units.code }).from(units).orderBy(asc(units.code)),
        guardians: await db.db
          .select({ id: guardians.id, phone: guardians.phone })
          .from(guardians)
          .orderBy(asc(guardians.id)),
        users: await db.db
          .select({ id: users.id, name: users.username })
          .from(users)
          .orderBy(asc(users.username)),
        classes: await db.db
          .select({ id: classes.id, name: classes.name, homeroom: classes.homeroomTeacherId })
          .from(classes)
          .orderBy(asc(classes.id)),
      });
      const [a, b] = await Promise.all([snapshot(database), snapshot(other.database)]);
      expect(b.students).toHaveLength(717);
      expect(b).toEqual(a);
      expect(other.result.accounts).toEqual(result.accounts);
    } finally {
      await other.database.close();
    }
  }, 60_000);
});

describe('reference data agrees with the domain package', () => {
  it('uses the 2018 curriculum subject codes of @smartedu/domain', async () => {
    const { CURRICULUM } = await import('@smartedu/domain');
    const { SUBJECTS } = await import('./reference-data');
    expect([...SUBJECTS.map((s) => s.code)].sort()).toEqual([...CURRICULUM.map((s) => s.code)].sort());
  });
});
