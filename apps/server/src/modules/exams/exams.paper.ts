import type { ExamQuestion } from '@smartedu/contracts';
import {
  type GradableQuestion,
  type QuestionBody,
  rubricTotal,
  type ScoreResult,
  type StudentAnswer,
  scoreAnswer,
} from '@smartedu/domain';

/**
 * The exam's paper (đề thi) per version (mã đề), as frozen from the bank when the window opens: what grading,
 * the student's page and the analysis read. Pure helpers; no I/O.
 */

/** One question of one version, with its key. `position` is its place in the test (the same in every version). */
export type PaperQuestion = {
  id: string;
  number: number;
  position: number;
  points: number;
  topic: string;
  level: string;
  body: QuestionBody;
};
export type PaperVersion = { code: string; questions: PaperQuestion[]; maxScore: number };

/** The bank's side of an exam: what the exams module needs from the question bank (a port, wired in app.ts). */
export type ExamBankPort = {
  /** The test as the asking user may use it (tests.read), or null when it does not exist or is out of reach. */
  findTest(
    actor: import('../access').Actor,
    testId: string,
  ): Promise<{ schoolId: string; id: string; title: string; subjectCode: string; grade: number } | null>;
  /** Every version of the test with keys (system access: the exams service has checked the exam). */
  loadVersions(testSchoolId: string, testId: string): Promise<PaperVersion[]>;
  /** Refuse content edits of the test until `until` (its latest exam window close), or lift with null. */
  lockTest(testSchoolId: string, testId: string, until: Date | null): Promise<void>;
  /** Bank questions of a subject and grade in some topics, for practice suggestions (no keys needed). */
  practicePool(
    subjectCode: string,
    grade: number | null,
    topics: string[],
    ownerUnitId: string,
  ): Promise<{ id: string; topic: string; level: string; stem: string }[]>;
};

/** A compiled version: the student's view (no keys) and lookups, computed once per exam and cached. */
export type CompiledVersion = PaperVersion & {
  byId: Map<string, PaperQuestion>;
  publicQuestions: ExamQuestion[];
  questionIds: string[];
};

export function compileVersion(v: PaperVersion): CompiledVersion {
  return {
    ...v,
    byId: new Map(v.questions.map((q) => [q.id, q])),
    publicQuestions: v.questions.map(publicQuestion),
    questionIds: v.questions.map((q) => q.id),
  };
}

/** The question as the student sees it: stem, options, statements… never the key. */
export function publicQuestion(q: PaperQuestion): ExamQuestion {
  const b = q.body;
  const base = {
    id: q.id,
    number: q.number,
    type: b.type,
    points: q.points,
    stem: b.content.stem,
    ...(b.content.media?.length ? { media: b.content.media } : {}),
  };
  switch (b.type) {
    case 'single':
    case 'multiple':
      return { ...base, options: b.content.options.map((o) => ({ id: o.id, text: o.text })) };
    case 'true_false':
      return { ...base, statements: b.content.statements.map((s) => ({ id: s.id, text: s.text })) };
    case 'matching':
      return { ...base, left: b.content.left, right: b.content.right };
    case 'fill_blank':
      return { ...base, blanks: b.content.blanks.map((x) => ({ id: x.id })) };
    case 'essay':
      return { ...base, rubric: b.content.rubric.map((r) => ({ criterion: r.criterion, points: r.points })) };
    default:
      return base;
  }
}

export const gradable = (q: PaperQuestion): GradableQuestion =>
  ({ ...q.body, points: q.points }) as GradableQuestion;

/** Scores one answer through the bank's pure grader. */
export function gradeAnswer(q: PaperQuestion, answer: StudentAnswer | null | undefined): ScoreResult {
  return scoreAnswer(gradable(q), answer ?? null);
}

/**
 * An essay's score from the teacher's points per rubric criterion: the sum, scaled to the question's points when
 * the rubric adds up to something else. Null when the criteria do not match the rubric.
 */
export function essayScore(q: PaperQuestion, criteria: readonly number[]): number | null {
  if (q.body.type !== 'essay') return null;
  const rubric = q.body.content.rubric;
  if (rubric.length === 0) return criteria.length === 1 && criteria[0] <= q.points ? criteria[0] : null;
  if (criteria.length !== rubric.length) return null;
  for (let i = 0; i < rubric.length; i++)
    if (criteria[i] < 0 || criteria[i] > rubric[i].points + 1e-9) return null;
  const total = rubricTotal(rubric);
  const sum = criteria.reduce((a, b) => a + b, 0);
  const scaled = total > 0 ? (sum * q.points) / total : 0;
  return Math.round(scaled * 10000) / 10000;
}

/** Score on the 10-point scale, two decimals. */
export const toScore10 = (raw: number, max: number) => (max > 0 ? Math.round((raw / max) * 1000) / 100 : 0);

/** Which version a student gets: stable per exam and student (FNV-1a of both ids). */
export function versionFor(codes: readonly string[], examId: string, studentId: string): string {
  const sorted = [...codes].sort();
  let h = 0x811c9dc5;
  const text = `${examId}:${studentId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return sorted[(h >>> 0) % sorted.length];
}
