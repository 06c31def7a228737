import type { Database, Queryable } from '@smartedu/db';
import { type QuestionBody, type ScoreResult, type StudentAnswer, scoreAnswer } from '@smartedu/domain';
import { notFound } from '../../errors';
import type { AccessService, Actor } from '../access';
import type { MediaStore } from './io/media-store';
import { createQuestionBankRepository, visibleTests } from './question-bank.repository';
import { bankAccess } from './question-bank.shared';
import { assertTestEditable, type VersionItem, versionItems } from './tests.service';

/**
 * What the online-exam module uses: load a version (mã đề) of a test with its questions for delivery, strip
 * the answer key before it reaches a student, grade objective answers, and lock the test's content while an
 * exam window is open (`tests.locked_until`).
 */

export type DeliveredTest = {
  test: {
    schoolId: string;
    id: string;
    title: string;
    subjectCode: string;
    grade: number;
    durationMinutes: number;
    lockedUntil: string | null;
    totalPoints: number;
  };
  code: string;
  items: VersionItem[];
};

/** The content a student may see: the body without its key (options stay in the version's order). */
export type StudentItem = {
  number: number;
  questionId: string;
  points: number;
  type: QuestionBody['type'];
  content: QuestionBody['content'];
};
export const toStudentItem = (item: VersionItem): StudentItem => ({
  number: item.number,
  questionId: item.questionId,
  points: item.points,
  type: item.type,
  content: item.body.content,
});

export type GradedItem = ScoreResult & { number: number; questionId: string };
/** Grades a submission (answers by question id); essays come back with status 'manual'. */
export function gradeSubmission(
  items: readonly VersionItem[],
  answers: Readonly<Record<string, StudentAnswer | null | undefined>>,
) {
  const graded: GradedItem[] = items.map((item) => ({
    number: item.number,
    questionId: item.questionId,
    ...scoreAnswer({ ...item.body, points: item.points }, answers[item.questionId]),
  }));
  const round = (n: number) => Math.round(n * 10000) / 10000;
  return {
    score: round(graded.reduce((s, g) => s + g.score, 0)),
    maxScore: round(graded.reduce((s, g) => s + g.maxScore, 0)),
    needsManual: graded.some((g) => g.status === 'manual'),
    items: graded,
  };
}

export function createTestDelivery({ database, media }: { database: Database; media: MediaStore }) {
  const repo = createQuestionBankRepository(database.db);
  return {
    async versionCodes(schoolId: string, testId: string): Promise<string[]> {
      return (await repo.versions(schoolId, testId)).map((v) => v.code);
    },

    /** A version with its questions in display order (with keys: strip them with toStudentItem). */
    async loadTestVersion(
      schoolId: string,
      testId: string,
      code: string,
      db: Queryable = database.db,
    ): Promise<DeliveredTest> {
      const r = createQuestionBankRepository(db);
      const row = await r.getTest(schoolId, testId);
      if (!row) throw notFound('đề kiểm tra');
      const version = (await r.versions(schoolId, testId)).find((v) => v.code === code);
      if (!version) throw notFound(`mã đề ${code}`);
      const items = versionItems(await r.items(schoolId, testId), version);
      return {
        test: {
          schoolId,
          id: testId,
          title: row.t.title,
          subjectCode: row.t.subjectCode,
          grade: row.t.grade,
          durationMinutes: row.t.durationMinutes,
          lockedUntil: row.t.lockedUntil ? new Date(row.t.lockedUntil).toISOString() : null,
          totalPoints: Number(row.totalPoints),
        },
        code,
        items,
      };
    },

    /** Throws TEST_LOCKED (409) while `locked_until` is in the future. */
    assertTestEditable: (schoolId: string, testId: string, now = new Date(), db: Queryable = database.db) =>
      assertTestEditable(db, schoolId, testId, now),

    /**
     * Locks the test's content until `until` (the end of the exam window), or unlocks with null. Call it in
     * the exam module's own transaction when it opens or closes a window; a later `until` is never shortened
     * by an earlier one unless `force` is set.
     */
    async lockTestUntil(db: Queryable, schoolId: string, testId: string, until: Date | null, force = false) {
      const r = createQuestionBankRepository(db);
      const row = await r.lockTestRow(schoolId, testId);
      if (!row) throw notFound('đề kiểm tra');
      const current = row.lockedUntil ? new Date(row.lockedUntil) : null;
      const next = until === null ? null : !force && current && current > until ? current : until;
      await r.updateTest(schoolId, testId, { lockedUntil: next, ...(next ? { status: 'ready' } : {}) });
      return next;
    },

    gradeSubmission,
    toStudentItem,

    /** Bytes of a question picture or clip (the caller checks that the student sits an exam using it). */
    readMedia: (sha256: string) => media.get(sha256),
  };
}
export type TestDelivery = ReturnType<typeof createTestDelivery>;

/**
 * The bank side of online exams, in the shape of the exams module's port (ExamBankPort): find a test the user
 * may use, load every version with keys, lock the test while windows are open, and a practice pool.
 */
export function createExamBankAdapter({
  database,
  access,
  media,
}: {
  database: Database;
  access: AccessService;
  media: MediaStore;
}) {
  const delivery = createTestDelivery({ database, media });
  const repo = createQuestionBankRepository(database.db);
  return {
    async findTest(actor: Actor, testId: string) {
      const a = await bankAccess(access, actor, 'tests.read');
      const row = await repo.findTestById(testId, visibleTests(a));
      return row
        ? {
            schoolId: row.schoolId,
            id: row.id,
            title: row.title,
            subjectCode: row.subjectCode,
            grade: row.grade,
          }
        : null;
    },
    async loadVersions(testSchoolId: string, testId: string) {
      const codes = await delivery.versionCodes(testSchoolId, testId);
      const out = [];
      for (const code of codes) {
        const v = await delivery.loadTestVersion(testSchoolId, testId, code);
        const questions = v.items.map((i) => ({
          id: i.questionId,
          number: i.number,
          position: i.position,
          points: i.points,
          topic: i.topic,
          level: i.level,
          body: i.body,
        }));
        out.push({
          code,
          questions,
          maxScore: Math.round(questions.reduce((s, q) => s + q.points, 0) * 10000) / 10000,
        });
      }
      return out;
    },
    async lockTest(testSchoolId: string, testId: string, until: Date | null) {
      await database.transaction((tx) => delivery.lockTestUntil(tx, testSchoolId, testId, until, true));
    },
    async practicePool(subjectCode: string, grade: number | null, topics: string[], ownerUnitId: string) {
      const unit = await repo.unit(ownerUnitId);
      const unitIds = unit ? unit.path.split('/').filter(Boolean) : [ownerUnitId];
      return repo.practicePool(subjectCode, grade, topics, unitIds);
    },
  };
}
export type ExamBankAdapter = ReturnType<typeof createExamBankAdapter>;
