import { type Database, type QuestionBankDemoRules, seedQuestionBankDemo } from '@smartedu/db';
import {
  type CognitiveLevel,
  drawBlueprint,
  PART_ORDER,
  type QuestionBody,
  type QuestionType,
} from '@smartedu/domain';
import { contentHashOf, searchTextOf } from './question-bank.shared';
import { planVersionRows } from './tests.service';

/** The bank's rules, handed to the database seed (which does not depend on the domain package). */
export const QUESTION_BANK_DEMO_RULES: QuestionBankDemoRules = {
  contentHash: (body) => contentHashOf(body as unknown as QuestionBody),
  searchText: (body) => searchTextOf(body as unknown as QuestionBody),
  draw: (cells, pool, seed) => {
    const r = drawBlueprint(
      cells.map((c) => ({ ...c, type: c.type as QuestionType | undefined })),
      pool.map((p) => ({ ...p, level: p.level as CognitiveLevel, type: p.type as QuestionType })),
      seed,
    );
    if (!r.ok) throw new Error(`demo blueprint short: ${JSON.stringify(r.shortages)}`);
    return r.picks;
  },
  versions: (testId, items, count) =>
    planVersionRows(
      testId,
      items.map((i) => ({ position: i.position, body: i.body as unknown as QuestionBody })),
      { count, shuffleQuestions: true, shuffleOptions: true },
    ),
  partRank: (type) => PART_ORDER.indexOf(type as QuestionType),
};

/** Seeds the demo question bank and tests (after seedDemo); idempotent. */
export function seedQuestionBankDemoData(database: Database) {
  return seedQuestionBankDemo(database.db, {
    rules: QUESTION_BANK_DEMO_RULES,
    transaction: database.transaction,
  });
}
