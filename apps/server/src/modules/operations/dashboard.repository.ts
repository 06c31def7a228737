import { classes, type Queryable, units } from '@smartedu/db';
import { and, asc, eq, sql } from 'drizzle-orm';

/** Registry rows the dashboards list (units and classes: lists, not aggregates). */
export function createDashboardRepository(db: Queryable) {
  return {
    async unit(id: string) {
      const [row] = await db
        .select({ id: units.id, name: units.name, kind: units.kind, path: units.path })
        .from(units)
        .where(eq(units.id, id));
      return row ?? null;
    },

    async schoolsUnder(path: string) {
      return db
        .select({
          id: units.id,
          name: units.name,
          code: units.code,
          level: units.schoolLevel,
          latitude: units.latitude,
          longitude: units.longitude,
        })
        .from(units)
        .where(and(eq(units.kind, 'school'), eq(units.active, true), sql`${units.path} like ${`${path}%`}`))
        .orderBy(asc(units.code));
    },

    async classesOf(schoolId: string, schoolYearId: string) {
      return db
        .select({ id: classes.id, name: classes.name, grade: classes.grade, isSmart: classes.isSmart })
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.schoolYearId, schoolYearId)))
        .orderBy(asc(classes.grade), asc(classes.name));
    },
  };
}
