import path from 'node:path';
import type { Database } from '@smartedu/db';
import type { FastifyPluginAsync } from 'fastify';
import type { AccessService } from '../access';
import type { AuditRepository } from '../audit';
import { createMediaStore } from './io/media-store';
import { questionBankRoutesWith } from './question-bank.routes';
import { createQuestionExchangeService } from './question-exchange.service';
import { createQuestionMediaService } from './question-media.service';
import { createQuestionsService } from './questions.service';
import { createTestsService } from './tests.service';

/**
 * The question bank and test builder (ngân hàng câu hỏi, đề kiểm tra): the only public surface of the module.
 * The online-exam module uses `createTestDelivery` (load a version with its questions, strip keys, grade,
 * lock the test while an exam window is open) and the pure graders re-exported below.
 */
export type QuestionBankOptions = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  dataDir: string;
};

export const questionBankRoutes: FastifyPluginAsync<QuestionBankOptions> = async (app, opts) => {
  const deps = { ...opts, media: createMediaStore(opts.dataDir) };
  await app.register(questionBankRoutesWith, {
    questions: createQuestionsService(deps),
    exchange: createQuestionExchangeService(deps),
    mediaService: createQuestionMediaService(deps),
    tests: createTestsService(deps),
  });
};

export { type ScoreResult, type StudentAnswer, scoreAnswer, TRUE_FALSE_SHARE } from '@smartedu/domain';
export { createMediaStore, type MediaStore } from './io/media-store';
export { QUESTION_BANK_DEMO_RULES, seedQuestionBankDemoData } from './question-bank.demo';
export {
  createExamBankAdapter,
  createTestDelivery,
  type DeliveredTest,
  type ExamBankAdapter,
  type GradedItem,
  gradeSubmission,
  type StudentItem,
  type TestDelivery,
  toStudentItem,
} from './test-delivery';
export { assertTestEditable, type VersionItem } from './tests.service';
/** Where question media live under the data directory. */
export const mediaDirOf = (dataDir: string) => path.join(dataDir, 'uploads', 'media');
