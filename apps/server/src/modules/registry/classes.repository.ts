import { classes, type Queryable, schoolYears, staff, students, units } from '@smartedu/db';
import { and, asc, count, eq, ilike, type SQL, sql } from 'drizzle-orm';

export function createClassesRepository(db: Queryable) {
  const select = () =>
    db
      .select({
        id: classes.id,
        schoolId: classes.schoolId,
        schoolName: units.name,
        schoolYearId: classes.schoolYearId,
        schoolYearName: schoolYears.name,
        grade: classes.grade,
        name: classes.name,
        homeroomTeacherId: classes.homeroomTeacherId,
        homeroomTeacherName: staff.fullName,
        room: classes.room,
        isSmart: classes.isSmart,
        studentCount: sql<number>`(select count(*)::int from ${students} s where s.school_id = ${classes.schoolId} and s.current_class_id = ${classes.id} and s.status = 'studying')`,
      })
      .from(classes)
      .innerJoin(units, eq(units.id, classes.schoolId))
      .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
      .leftJoin(staff, and(eq(staff.schoolId, classes.schoolId), eq(staff.id, classes.homeroomTeacherId)));

  return {
    async list(where: SQL, page: { limit: number; offset: number }) {
      const [{ total }] = await db.select({ total: count() }).from(classes).where(where);
      const items = await select()
        .where(where)
        .orderBy(asc(units.name), asc(classes.grade), asc(classes.name))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async get(schoolId: string, id: string) {
      const [row] = await select().where(and(eq(classes.schoolId, schoolId), eq(classes.id, id)));
      return row ?? null;
    },
    async raw(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, id)));
      return row ?? null;
    },
    async byName(schoolId: string, schoolYearId: string, name: string) {
      const [row] = await db
        .select()
        .from(classes)
        .where(
          and(
            eq(classes.schoolId, schoolId),
            eq(classes.schoolYearId, schoolYearId),
            ilike(classes.name, name),
          ),
        );
      return row ?? null;
    },
  };
}
