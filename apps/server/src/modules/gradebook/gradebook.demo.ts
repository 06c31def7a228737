import { type Database, seedGradebookDemo } from '@smartedu/db';
import { COMPETENCIES, periodicTestPoints, QUALITIES, regularAssessmentCount } from '@smartedu/domain';
import { createAccessRepository, createAccessService } from '../access';
import { countAbsentSessions } from '../attendance';
import { createAuditRepository } from '../audit';
import { createGradebookService } from './gradebook.service';

/**
 * The Lai Châu demo's school year in the gradebook: the raw entries from the database seed (with the
 * domain's rules handed in), then the results through the gradebook's own compute path, school by school
 * (with the absences of the attendance demo when it was seeded first).
 */
export async function seedGradebookDemoResults(database: Database) {
  const seeded = await seedGradebookDemo(database.db, {
    transaction: database.transaction,
    rules: {
      regularCount: regularAssessmentCount,
      testPoints: periodicTestPoints,
      qualityCodes: QUALITIES.map((q) => q.code),
      competencyCodes: COMPETENCIES.map((c) => c.code),
    },
  });
  if (seeded.skipped || !seeded.schoolYearId) return { ...seeded, results: 0 };
  const gradebook = createGradebookService({
    database,
    access: createAccessService(createAccessRepository(database.db)),
    audit: createAuditRepository(),
    absences: countAbsentSessions,
  });
  let results = 0;
  for (const schoolId of seeded.schoolIds) {
    const r = await gradebook.computeYear(schoolId, seeded.schoolYearId);
    results += r.subjectResults + r.studentResults;
  }
  return { ...seeded, results };
}
