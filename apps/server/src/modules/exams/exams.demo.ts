import type { StudentAnswer } from '@smartedu/contracts';
import { type Database, seedExamsDemo } from '@smartedu/db';
import { createAccessRepository, createAccessService } from '../access';
import { createAuditRepository } from '../audit';
import { extendSessionSql } from '../identity';
import { createExamBankAdapter, createMediaStore } from '../question-bank';
import { gradeAnswer, type PaperQuestion } from './exams.paper';
import { createExamsService } from './exams.service';

/**
 * Seeds the online-exam demo (after the question bank's demo) and computes the analysis rollups of the two
 * finished city-wide exams, as the close of their windows would have.
 */
export async function seedExamsDemoData(database: Database, opts: { dataDir: string }) {
  const access = createAccessService(createAccessRepository(database.db));
  const bank = createExamBankAdapter({ database, access, media: createMediaStore(opts.dataDir) });
  const result = await seedExamsDemo(database.db, {
    transaction: database.transaction,
    rules: {
      versions: (schoolId, testId) => bank.loadVersions(schoolId, testId),
      score: (q, answer) => gradeAnswer(q as PaperQuestion, answer as StudentAnswer).score,
    },
  });
  if (result.skipped) return result;
  const exams = createExamsService({
    database,
    access,
    audit: createAuditRepository(),
    bank,
    sessions: { extendSession: async () => {}, extendSessionSql, actorFromSession: async () => null },
  });
  for (const id of result.finishedExamIds) await exams.closeWindow(id);
  return result;
}
