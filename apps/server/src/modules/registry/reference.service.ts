import { ethnicities, type Queryable, schoolYears, subjectGrades, subjects } from '@smartedu/db';
import { asc, desc, eq } from 'drizzle-orm';
import { toIsoDate } from './shared';

/** Reference data (năm học, môn học, dân tộc): readable by every signed-in user. */
export function createReferenceService(db: Queryable) {
  return {
    async schoolYears() {
      const rows = await db.select().from(schoolYears).orderBy(desc(schoolYears.startDate));
      return rows.map((y) => ({ ...y, startDate: toIsoDate(y.startDate)!, endDate: toIsoDate(y.endDate)! }));
    },
    async currentSchoolYear() {
      const [row] = await db.select().from(schoolYears).where(eq(schoolYears.isCurrent, true));
      return row ?? null;
    },
    async subjects(level?: string) {
      const rows = await db.select().from(subjects).orderBy(asc(subjects.level), asc(subjects.sortOrder));
      const grades = await db.select().from(subjectGrades);
      const byId = new Map<string, Record<string, number>>();
      for (const g of grades) {
        const m = byId.get(g.subjectId) ?? {};
        m[String(g.grade)] = g.periodsPerYear;
        byId.set(g.subjectId, m);
      }
      return rows
        .filter((s) => !level || s.level === level)
        .map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          level: s.level,
          assessment: s.assessment,
          elective: s.elective,
          periodsByGrade: byId.get(s.id) ?? {},
        }));
    },
    async ethnicities() {
      return db.select().from(ethnicities).orderBy(asc(ethnicities.code));
    },
  };
}
export type ReferenceService = ReturnType<typeof createReferenceService>;
