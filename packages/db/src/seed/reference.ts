import { inArray } from 'drizzle-orm';
import type { Queryable } from '../client';
import { ethnicities, schoolYears, subjectGrades, subjects, terms } from '../schema';
import { nameUuid } from './random';
import { ETHNICITIES, SCHOOL_YEARS, SUBJECTS } from './reference-data';

/**
 * Seeds the reference tables: ethnicities, subjects with periods per grade, school years and their terms.
 * Idempotent: existing rows (matched by code or name) are left as they are, missing ones are added.
 */
export async function seedReference(db: Queryable): Promise<void> {
  await db
    .insert(ethnicities)
    .values(ETHNICITIES.map((e) => ({ code: e.code, name: e.name })))
    .onConflictDoNothing();

  await db
    .insert(subjects)
    .values(
      SUBJECTS.map((s, index) => ({
        id: nameUuid(`subject:${s.code}`),
        code: s.code,
        name: s.name,
        level: s.level,
        assessment: s.assessment,
        elective: s.elective,
        sortOrder: index + 1,
      })),
    )
    .onConflictDoNothing();
  const subjectRows = await db
    .select({ id: subjects.id, code: subjects.code })
    .from(subjects)
    .where(
      inArray(
        subjects.code,
        SUBJECTS.map((s) => s.code),
      ),
    );
  const subjectIdByCode = new Map(subjectRows.map((r) => [r.code, r.id]));
  await db
    .insert(subjectGrades)
    .values(
      SUBJECTS.flatMap((s) =>
        Object.entries(s.periodsByGrade).map(([grade, periods]) => ({
          subjectId: subjectIdByCode.get(s.code)!,
          grade: Number(grade),
          periodsPerYear: periods,
        })),
      ),
    )
    .onConflictDoNothing();

  await db
    .insert(schoolYears)
    .values(
      SCHOOL_YEARS.map((y) => ({
        id: nameUuid(`school-year:${y.name}`),
        name: y.name,
        startDate: y.startDate,
        endDate: y.endDate,
        isCurrent: y.isCurrent,
      })),
    )
    .onConflictDoNothing();
  const yearRows = await db
    .select({ id: schoolYears.id, name: schoolYears.name })
    .from(schoolYears)
    .where(
      inArray(
        schoolYears.name,
        SCHOOL_YEARS.map((y) => y.name),
      ),
    );
  const yearIdByName = new Map(yearRows.map((r) => [r.name, r.id]));
  const existingTerms = await db
    .select({ schoolYearId: terms.schoolYearId, termNo: terms.termNo })
    .from(terms)
    .where(inArray(terms.schoolYearId, [...yearIdByName.values()]));
  const existing = new Set(existingTerms.map((t) => `${t.schoolYearId}:${t.termNo}`));
  const missingTerms = SCHOOL_YEARS.flatMap((y) => {
    const schoolYearId = yearIdByName.get(y.name)!;
    return y.terms
      .filter((t) => !existing.has(`${schoolYearId}:${t.termNo}`))
      .map((t) => ({
        id: nameUuid(`term:${y.name}:${t.termNo}`),
        schoolYearId,
        termNo: t.termNo,
        startDate: t.startDate,
        endDate: t.endDate,
      }));
  });
  if (missingTerms.length > 0) await db.insert(terms).values(missingTerms).onConflictDoNothing();
}
