import {
  classes,
  enrolments,
  ethnicities,
  guardians,
  type Queryable,
  schoolYears,
  studentGuardians,
  students,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { toIsoDate } from './shared';

export type StudentRow = typeof students.$inferSelect;

export function createStudentsRepository(db: Queryable) {
  const select = () =>
    db
      .select({
        id: students.id,
        schoolId: students.schoolId,
        schoolName: units.name,
        sectorId: students.sectorId,
        citizenId: students.citizenId,
        fullName: students.fullName,
        birthDate: students.birthDate,
        gender: students.gender,
        ethnicityCode: students.ethnicityCode,
        ethnicityName: ethnicities.name,
        disability: students.disability,
        poverty: students.poverty,
        orphan: students.orphan,
        address: students.address,
        status: students.status,
        currentClassId: students.currentClassId,
        currentClassName: classes.name,
      })
      .from(students)
      .innerJoin(units, eq(units.id, students.schoolId))
      .leftJoin(ethnicities, eq(ethnicities.code, students.ethnicityCode))
      .leftJoin(
        classes,
        and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
      );

  type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];
  const shape = (r: Selected) => ({
    ...r,
    birthDate: toIsoDate(r.birthDate)!,
    gender: r.gender as 'M' | 'F',
    poverty: r.poverty as 'none' | 'near_poor' | 'poor',
    orphan: r.orphan as 'none' | 'one_parent' | 'both',
  });

  return {
    async list(where: SQL, page: { limit: number; offset: number }) {
      const [{ total }] = await db.select({ total: count() }).from(students).where(where);
      const rows = await select()
        .where(where)
        .orderBy(asc(classes.name), asc(students.fullName))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items: rows.map(shape) };
    },
    async get(schoolId: string, id: string) {
      const [row] = await select().where(and(eq(students.schoolId, schoolId), eq(students.id, id)));
      return row ? shape(row) : null;
    },
    async raw(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(students)
        .where(and(eq(students.schoolId, schoolId), eq(students.id, id)));
      return row ?? null;
    },
    async bySectorId(schoolId: string, sectorId: string) {
      const [row] = await db
        .select()
        .from(students)
        .where(and(eq(students.schoolId, schoolId), eq(students.sectorId, sectorId)));
      return row ?? null;
    },
    /** Quá trình học tập across every school the student attended (matched by the sector identifier). */
    async enrolmentHistory(sectorId: string) {
      const rows = await db
        .select({
          id: enrolments.id,
          schoolId: enrolments.schoolId,
          schoolName: units.name,
          classId: enrolments.classId,
          className: classes.name,
          schoolYearName: schoolYears.name,
          startDate: enrolments.startDate,
          endDate: enrolments.endDate,
          reason: enrolments.reason,
          endReason: enrolments.endReason,
        })
        .from(enrolments)
        .innerJoin(
          students,
          and(eq(students.schoolId, enrolments.schoolId), eq(students.id, enrolments.studentId)),
        )
        .innerJoin(units, eq(units.id, enrolments.schoolId))
        .innerJoin(
          classes,
          and(eq(classes.schoolId, enrolments.schoolId), eq(classes.id, enrolments.classId)),
        )
        .innerJoin(schoolYears, eq(schoolYears.id, enrolments.schoolYearId))
        .where(eq(students.sectorId, sectorId))
        .orderBy(desc(enrolments.startDate), desc(enrolments.createdAt));
      return rows.map((r) => ({ ...r, startDate: toIsoDate(r.startDate)!, endDate: toIsoDate(r.endDate) }));
    },
    async guardiansOf(schoolId: string, studentId: string) {
      return db
        .select({
          id: guardians.id,
          fullName: guardians.fullName,
          phone: guardians.phone,
          relationship: studentGuardians.relationship,
          isPrimary: studentGuardians.isPrimary,
        })
        .from(studentGuardians)
        .innerJoin(
          guardians,
          and(
            eq(guardians.schoolId, studentGuardians.schoolId),
            eq(guardians.id, studentGuardians.guardianId),
          ),
        )
        .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.studentId, studentId)))
        .orderBy(desc(studentGuardians.isPrimary), asc(guardians.fullName));
    },
  };
}
