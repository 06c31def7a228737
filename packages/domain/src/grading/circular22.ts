/**
 * Assessment of lower and upper secondary students (THCS, THPT) under Circular 22/2021/TT-BGDĐT
 * (Thông tư 22/2021/TT-BGDĐT quy định về đánh giá học sinh trung học cơ sở và trung học phổ thông).
 * Pure functions over plain data; see packages/domain/README.md for the rules and the points to confirm.
 */
import { findSubject, periodsPerYear } from '../curriculum/subjects';
import { IncompleteAssessmentError } from './incomplete-assessment.error';
import type { Label } from './labels';

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

/** `scored`: nhận xét kết hợp đánh giá bằng điểm số (0-10); `comment`: đánh giá bằng nhận xét (Đạt/Chưa đạt). */
export type SubjectAssessmentKind = 'scored' | 'comment';

/** Result of a comment-only subject: D = Đạt, CD = Chưa đạt. */
export type CommentResult = 'D' | 'CD';

/** Learning result (kết quả học tập): T = Tốt, K = Khá, D = Đạt, CD = Chưa đạt. */
export type LearningLevel = 'T' | 'K' | 'D' | 'CD';

/** Conduct result (kết quả rèn luyện): T = Tốt, K = Khá, D = Đạt, CD = Chưa đạt. */
export type ConductLevel = 'T' | 'K' | 'D' | 'CD';

export const SUBJECT_ASSESSMENT_KINDS: readonly SubjectAssessmentKind[] = ['scored', 'comment'];
export const COMMENT_RESULTS: readonly CommentResult[] = ['D', 'CD'];
/** From best to worst. */
export const LEARNING_LEVELS: readonly LearningLevel[] = ['T', 'K', 'D', 'CD'];
/** From best to worst. */
export const CONDUCT_LEVELS: readonly ConductLevel[] = ['T', 'K', 'D', 'CD'];

export const SUBJECT_ASSESSMENT_KIND_LABELS: Readonly<Record<SubjectAssessmentKind, Label>> = {
  scored: { vi: 'Đánh giá bằng nhận xét kết hợp đánh giá bằng điểm số', en: 'Scored (with comments)' },
  comment: { vi: 'Đánh giá bằng nhận xét', en: 'Assessed by comments' },
};

export const COMMENT_RESULT_LABELS: Readonly<Record<CommentResult, Label>> = {
  D: { vi: 'Đạt', en: 'Pass' },
  CD: { vi: 'Chưa đạt', en: 'Not yet passed' },
};

export const LEARNING_LEVEL_LABELS: Readonly<Record<LearningLevel, Label>> = {
  T: { vi: 'Tốt', en: 'Very good' },
  K: { vi: 'Khá', en: 'Good' },
  D: { vi: 'Đạt', en: 'Pass' },
  CD: { vi: 'Chưa đạt', en: 'Not yet passed' },
};

export const CONDUCT_LEVEL_LABELS: Readonly<Record<ConductLevel, Label>> = {
  T: { vi: 'Tốt', en: 'Very good' },
  K: { vi: 'Khá', en: 'Good' },
  D: { vi: 'Đạt', en: 'Pass' },
  CD: { vi: 'Chưa đạt', en: 'Not yet passed' },
};

const LEVEL_RANK: Readonly<Record<LearningLevel, number>> = { CD: 0, D: 1, K: 2, T: 3 };

function assertLevel(level: string, what: string): asserts level is LearningLevel {
  if (!Object.hasOwn(LEVEL_RANK, level)) throw new RangeError(`${what} must be T, K, D or CD, got ${level}`);
}

/** Orders two levels (learning or conduct): negative if `a` is worse than `b`, 0 if equal, positive if better. */
export function compareLevels(a: LearningLevel | ConductLevel, b: LearningLevel | ConductLevel): number {
  assertLevel(a, 'level');
  assertLevel(b, 'level');
  return LEVEL_RANK[a] - LEVEL_RANK[b];
}

/** True when `level` is `minimum` or better ("từ mức ... trở lên"). */
export function isAtLeast(
  level: LearningLevel | ConductLevel,
  minimum: LearningLevel | ConductLevel,
): boolean {
  return compareLevels(level, minimum) >= 0;
}

// ---------------------------------------------------------------------------------------------------------
// Number of regular assessments (số lần đánh giá thường xuyên, ĐĐGtx)

/**
 * Regular assessments (ĐĐGtx) per term for a subject: comment-only subjects 2; scored subjects 2 with
 * 35 periods per year, 3 with more than 35 up to 70, 4 with more than 70. Subjects with fewer than
 * 35 periods (not covered by the text) get 2. Each term also has one mid-term (ĐĐGgk) and one end-of-term
 * (ĐĐGck) assessment. Throws a RangeError unless `periodsPerYear` is a positive integer.
 */
export function regularAssessmentCount(kind: SubjectAssessmentKind, periodsPerYear: number): 2 | 3 | 4 {
  if (!Number.isInteger(periodsPerYear) || periodsPerYear <= 0) {
    throw new RangeError(`periodsPerYear must be a positive integer, got ${periodsPerYear}`);
  }
  if (kind === 'comment') return 2;
  if (kind !== 'scored') throw new RangeError(`kind must be scored or comment, got ${String(kind)}`);
  if (periodsPerYear <= 35) return 2;
  return periodsPerYear <= 70 ? 3 : 4;
}

/**
 * `regularAssessmentCount` for a curriculum subject in a grade (e.g. THCS_CONG_NGHE in grade 8: 52 periods
 * → 3). Throws a RangeError for an unknown code, a primary subject, or a grade that does not study it.
 */
export function regularAssessmentCountForSubject(subjectCode: string, grade: number): 2 | 3 | 4 {
  const subject = findSubject(subjectCode);
  if (!subject) throw new RangeError(`unknown subject code: ${subjectCode}`);
  if (subject.assessment !== 'scored' && subject.assessment !== 'comment') {
    throw new RangeError(`${subjectCode} is not assessed under Circular 22`);
  }
  const periods = periodsPerYear(subjectCode, grade);
  if (periods === undefined) throw new RangeError(`${subjectCode} is not studied in grade ${grade}`);
  return regularAssessmentCount(subject.assessment, periods);
}

// ---------------------------------------------------------------------------------------------------------
// Scores (điểm đánh giá)

export const SCORE_MIN = 0;
export const SCORE_MAX = 10;

export type ScoreErrorCode = 'SCORE_NOT_NUMBER' | 'SCORE_OUT_OF_RANGE' | 'SCORE_TOO_MANY_DECIMALS';

export type ScoreValidation = { ok: true; value: number } | { ok: false; error: ScoreErrorCode };

/**
 * A score is a number from 0 to 10, whole or with one decimal place ("số nguyên hoặc số thập phân được lấy
 * đến chữ số thập phân thứ nhất"). Checks in this order: a finite number, the range, the decimals.
 * Returns the score (with -0 as 0) when valid.
 */
export function validateScore(value: unknown): ScoreValidation {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, error: 'SCORE_NOT_NUMBER' };
  if (value < SCORE_MIN || value > SCORE_MAX) return { ok: false, error: 'SCORE_OUT_OF_RANGE' };
  const tenths = Math.round(value * 10);
  if (tenths / 10 !== value) return { ok: false, error: 'SCORE_TOO_MANY_DECIMALS' };
  return { ok: true, value: tenths === 0 ? 0 : value }; // -0 becomes 0
}

/** True when `validateScore` accepts the value. */
export function isValidScore(value: unknown): value is number {
  return validateScore(value).ok;
}

const SCORE_TEXT = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * Parses a score typed by a teacher or read from a spreadsheet cell. Accepts a number, or text with a
 * decimal point or a Vietnamese decimal comma ("8,5" → 8.5), surrounded by spaces; trailing zeros are fine
 * ("8,50"). Rejects empty text, thousands separators and anything else as SCORE_NOT_NUMBER, then applies
 * `validateScore`.
 */
export function parseScore(input: string | number): ScoreValidation {
  if (typeof input === 'number') return validateScore(input);
  const text = input.trim();
  if (!SCORE_TEXT.test(text)) return { ok: false, error: 'SCORE_NOT_NUMBER' };
  return validateScore(Number(text.replace(',', '.')));
}

/** Like `parseScore`, but blank input (empty, spaces, null, undefined) is a missing score: `value: undefined`. */
export function parseOptionalScore(
  input: string | number | null | undefined,
): { ok: true; value: number | undefined } | { ok: false; error: ScoreErrorCode } {
  if (input === null || input === undefined) return { ok: true, value: undefined };
  if (typeof input === 'string' && input.trim() === '') return { ok: true, value: undefined };
  return parseScore(input);
}

/** Values at least this large are returned unchanged by `roundScore` (no tenths left to round). */
const ROUNDING_LIMIT = 1e14;

/**
 * Rounds to one decimal place, half up, on the decimal value rather than on the binary one: 6.45 → 6.5,
 * 8.05 → 8.1, 4.95 → 5.0, 6.449999 → 6.4. The value is first written with 10 decimals, which absorbs
 * floating-point noise (6.449999999999999 from an earlier sum is taken as 6.45). Negative values round
 * half away from zero. Idempotent. Throws a RangeError for NaN and infinities.
 */
export function roundScore(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const magnitude = Math.abs(value);
  if (magnitude >= ROUNDING_LIMIT) return value;
  const [integerDigits, fractionDigits] = magnitude.toFixed(10).split('.');
  const roundUp = Number(fractionDigits[1]) >= 5 ? 1 : 0;
  const tenths = Number(integerDigits) * 10 + Number(fractionDigits[0]) + roundUp;
  const rounded = tenths / 10;
  return value < 0 && tenths !== 0 ? -rounded : rounded;
}

/** numerator / denominator rounded half up, for non-negative integers (exact: no floating point). */
function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** A valid score in tenths (8.5 → 85), exact. */
function toTenths(score: number): number {
  return Math.round(score * 10);
}

// ---------------------------------------------------------------------------------------------------------
// Term and year averages of a scored subject (ĐTBmhk, ĐTBmcn)

export type ScorePart = 'regular' | 'midterm' | 'endterm';

export type TermScores = {
  /** Regular assessment scores (ĐĐGtx); null or undefined entries are missing scores. */
  regular: readonly (number | null | undefined)[];
  /** Mid-term score (ĐĐGgk). */
  midterm?: number | null;
  /** End-of-term score (ĐĐGck). */
  endterm?: number | null;
  /**
   * Regular scores the subject needs this term (from `regularAssessmentCount`). When omitted, at least one
   * regular score is required. More scores than required are all counted.
   */
  requiredRegularCount?: number;
};

export type TermAverageResult =
  | { status: 'complete'; average: number; regularCount: number }
  | { status: 'incomplete'; missing: { regular: number; midterm: boolean; endterm: boolean } }
  | { status: 'invalid'; errors: readonly { part: ScorePart; index?: number; error: ScoreErrorCode }[] };

const isMissing = (value: unknown): value is null | undefined => value === null || value === undefined;

/**
 * Term average of a scored subject (điểm trung bình môn học kì):
 * ĐTBmhk = (Σ ĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (number of ĐĐGtx + 5), rounded half up to one decimal
 * (rounding: to confirm). Computed in exact integer arithmetic on tenths.
 * Returns `invalid` if any present score fails `validateScore`, else `incomplete` with what is missing
 * (a missing score is never taken as 0), else `complete`.
 */
export function computeTermAverage(scores: TermScores): TermAverageResult {
  const required = scores.requiredRegularCount ?? 1;
  if (!Number.isInteger(required) || required < 1) {
    throw new RangeError(`requiredRegularCount must be a positive integer, got ${required}`);
  }
  const errors: { part: ScorePart; index?: number; error: ScoreErrorCode }[] = [];
  const regular: number[] = [];
  scores.regular.forEach((value, index) => {
    if (isMissing(value)) return;
    const check = validateScore(value);
    if (check.ok) regular.push(check.value);
    else errors.push({ part: 'regular', index, error: check.error });
  });
  for (const part of ['midterm', 'endterm'] as const) {
    const value = scores[part];
    if (isMissing(value)) continue;
    const check = validateScore(value);
    if (!check.ok) errors.push({ part, error: check.error });
  }
  if (errors.length > 0) return { status: 'invalid', errors };

  const missingRegular = Math.max(0, required - regular.length);
  const { midterm, endterm } = scores;
  if (missingRegular > 0 || isMissing(midterm) || isMissing(endterm)) {
    return {
      status: 'incomplete',
      missing: { regular: missingRegular, midterm: isMissing(midterm), endterm: isMissing(endterm) },
    };
  }
  const total =
    regular.reduce((sum, score) => sum + toTenths(score), 0) + 2 * toTenths(midterm) + 3 * toTenths(endterm);
  const average = divideRoundHalfUp(total, regular.length + 5) / 10;
  return { status: 'complete', average, regularCount: regular.length };
}

export type YearAverageResult =
  | { status: 'complete'; average: number }
  | { status: 'incomplete'; missing: readonly ('term1' | 'term2')[] }
  | { status: 'invalid'; errors: readonly { part: 'term1' | 'term2'; error: ScoreErrorCode }[] };

/**
 * Year average of a scored subject (điểm trung bình môn cả năm): ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3,
 * rounded half up to one decimal (rounding: to confirm), in exact arithmetic. The term averages must be valid
 * scores (one decimal, as `computeTermAverage` returns them).
 */
export function computeYearAverage(
  term1: number | null | undefined,
  term2: number | null | undefined,
): YearAverageResult {
  const errors: { part: 'term1' | 'term2'; error: ScoreErrorCode }[] = [];
  for (const [part, value] of [
    ['term1', term1],
    ['term2', term2],
  ] as const) {
    if (isMissing(value)) continue;
    const check = validateScore(value);
    if (!check.ok) errors.push({ part, error: check.error });
  }
  if (errors.length > 0) return { status: 'invalid', errors };
  if (isMissing(term1) || isMissing(term2)) {
    const missing: ('term1' | 'term2')[] = [];
    if (isMissing(term1)) missing.push('term1');
    if (isMissing(term2)) missing.push('term2');
    return { status: 'incomplete', missing };
  }
  return { status: 'complete', average: divideRoundHalfUp(toTenths(term1) + 2 * toTenths(term2), 3) / 10 };
}

// ---------------------------------------------------------------------------------------------------------
// Comment-only subjects (môn học đánh giá bằng nhận xét)

export type CommentTermAssessments = {
  /** Regular assessments (ĐĐGtx); null or undefined entries are missing. */
  regular: readonly (CommentResult | null | undefined)[];
  midterm?: CommentResult | null;
  endterm?: CommentResult | null;
  /** Regular assessments required (2 for every comment-only subject). */
  requiredRegularCount?: number;
  /**
   * Set once the term is closed: a missing assessment then makes the term Chưa đạt, as the text says
   * ("có đủ số lần kiểm tra, đánh giá ... Chưa đạt: các trường hợp còn lại"). Before that, missing
   * assessments give `incomplete`.
   */
  termClosed?: boolean;
};

export type CommentTermResult =
  | { status: 'complete'; result: CommentResult; missingAssessments: number }
  | { status: 'incomplete'; missing: { regular: number; midterm: boolean; endterm: boolean } };

/**
 * Term result of a comment-only subject: Đạt when every required assessment (2 regular, the mid-term and
 * the end-of-term) was made and all are Đạt; Chưa đạt otherwise. While the term is open, missing
 * assessments give `incomplete`; with `termClosed` they count against the student (Chưa đạt) and are
 * reported in `missingAssessments`.
 */
export function commentTermResult(assessments: CommentTermAssessments): CommentTermResult {
  const required = assessments.requiredRegularCount ?? 2;
  if (!Number.isInteger(required) || required < 1) {
    throw new RangeError(`requiredRegularCount must be a positive integer, got ${required}`);
  }
  const all = [...assessments.regular, assessments.midterm, assessments.endterm];
  for (const value of all) {
    if (!isMissing(value) && value !== 'D' && value !== 'CD') {
      throw new RangeError(`a comment result must be D or CD, got ${String(value)}`);
    }
  }
  const regularPresent = assessments.regular.filter((value) => !isMissing(value)).length;
  const missing = {
    regular: Math.max(0, required - regularPresent),
    midterm: isMissing(assessments.midterm),
    endterm: isMissing(assessments.endterm),
  };
  const missingAssessments = missing.regular + Number(missing.midterm) + Number(missing.endterm);
  if (missingAssessments > 0 && !assessments.termClosed) return { status: 'incomplete', missing };
  const allPass = missingAssessments === 0 && all.every((value) => isMissing(value) || value === 'D');
  return { status: 'complete', result: allPass ? 'D' : 'CD', missingAssessments };
}

/**
 * Year result of a comment-only subject: the term II result (Đạt if term II is Đạt). The term I result
 * plays no part.
 */
export function commentYearResult(term2: CommentResult): CommentResult {
  if (term2 !== 'D' && term2 !== 'CD') throw new RangeError(`term2 must be D or CD, got ${String(term2)}`);
  return term2;
}

// ---------------------------------------------------------------------------------------------------------
// Learning result (kết quả học tập), per term and per year

/** One subject's result for a term (term average) or a year (year average / year comment result). */
export type SubjectResult = {
  /** Subject code, used in error messages and by the re-assessment functions. */
  code?: string;
  kind: SubjectAssessmentKind;
  /** Term or year average (ĐTBmhk / ĐTBmcn) of a scored subject. */
  average?: number | null;
  /** Result of a comment-only subject. */
  comment?: CommentResult | null;
};

type CheckedResults = { averages: number[]; comments: CommentResult[] };

function checkResults(subjects: readonly SubjectResult[]): CheckedResults {
  if (subjects.length === 0) throw new RangeError('no subjects to classify');
  const missing: string[] = [];
  const averages: number[] = [];
  const comments: CommentResult[] = [];
  subjects.forEach((subject, index) => {
    const name = subject.code ?? `subjects[${index}]`;
    if (subject.kind === 'scored') {
      if (isMissing(subject.average)) missing.push(`${name}: average`);
      else if (
        !Number.isFinite(subject.average) ||
        subject.average < SCORE_MIN ||
        subject.average > SCORE_MAX
      ) {
        throw new RangeError(`${name}: average must be from 0 to 10, got ${subject.average}`);
      } else averages.push(subject.average);
    } else if (subject.kind === 'comment') {
      if (isMissing(subject.comment)) missing.push(`${name}: comment`);
      else if (subject.comment !== 'D' && subject.comment !== 'CD') {
        throw new RangeError(`${name}: comment must be D or CD, got ${String(subject.comment)}`);
      } else comments.push(subject.comment);
    } else {
      throw new RangeError(`${name}: kind must be scored or comment, got ${String(subject.kind)}`);
    }
  });
  if (missing.length > 0) throw new IncompleteAssessmentError(missing);
  return { averages, comments };
}

/** "At least 06 subjects" in the learning-result rules. */
export const LEARNING_RESULT_MIN_SUBJECTS = 6;

/**
 * Learning result for a term (from term averages) or a year (from year averages and year comment
 * results), Circular 22 article 9:
 * - Tốt: every comment subject Đạt; every scored subject ≥ 6.5, at least 6 of them ≥ 8.0;
 * - Khá: every comment subject Đạt; every scored subject ≥ 5.0, at least 6 of them ≥ 6.5;
 * - Đạt: at most 1 comment subject Chưa đạt; at least 6 scored subjects ≥ 5.0; none below 3.5;
 * - Chưa đạt: otherwise.
 * The "at least 6" conditions are applied literally: a student with fewer than 6 scored subjects (for
 * example after exemptions) can only be Chưa đạt. Every THCS timetable has 8 scored subjects and every THPT
 * timetable at least 7, so this only matters for exemptions; students with disabilities are assessed under
 * article 11 instead and must not be classified here.
 * Throws IncompleteAssessmentError if a result is missing, RangeError if one is malformed.
 */
export function classifyLearningResult(subjects: readonly SubjectResult[]): LearningLevel {
  const { averages, comments } = checkResults(subjects);
  const allCommentsPass = comments.every((comment) => comment === 'D');
  const failedComments = comments.filter((comment) => comment === 'CD').length;
  const countAtLeast = (threshold: number): number =>
    averages.filter((average) => average >= threshold).length;
  const allAtLeast = (threshold: number): boolean => averages.every((average) => average >= threshold);
  const min = LEARNING_RESULT_MIN_SUBJECTS;

  if (allCommentsPass && allAtLeast(6.5) && countAtLeast(8.0) >= min) return 'T';
  if (allCommentsPass && allAtLeast(5.0) && countAtLeast(6.5) >= min) return 'K';
  if (failedComments <= 1 && countAtLeast(5.0) >= min && allAtLeast(3.5)) return 'D';
  return 'CD';
}

// ---------------------------------------------------------------------------------------------------------
// Conduct (kết quả rèn luyện)

/** Year conduct by [term II][term I], Circular 22 article 8. */
const CONDUCT_YEAR_TABLE: Readonly<Record<ConductLevel, Readonly<Record<ConductLevel, ConductLevel>>>> = {
  T: { T: 'T', K: 'T', D: 'K', CD: 'K' },
  K: { T: 'K', K: 'K', D: 'K', CD: 'D' },
  D: { T: 'K', K: 'D', D: 'D', CD: 'D' },
  CD: { T: 'CD', K: 'CD', D: 'CD', CD: 'CD' },
};

/**
 * Year conduct result from the two term results:
 * Tốt = term II Tốt and term I Khá or better;
 * Khá = term II Khá and term I Đạt or better, or term II Đạt and term I Tốt, or term II Tốt and term I Đạt
 * or Chưa đạt;
 * Đạt = term II Đạt and term I Khá, Đạt or Chưa đạt, or term II Khá and term I Chưa đạt;
 * Chưa đạt = otherwise (term II Chưa đạt).
 */
export function conductYearResult(term1: ConductLevel, term2: ConductLevel): ConductLevel {
  assertLevel(term1, 'term1');
  assertLevel(term2, 'term2');
  return CONDUCT_YEAR_TABLE[term2][term1];
}

// ---------------------------------------------------------------------------------------------------------
// Promotion (lên lớp), summer training (rèn luyện hè), re-assessment (kiểm tra lại), retention (ở lại lớp)

/** "Nghỉ học không quá 45 buổi trong một năm học". */
export const MAX_ABSENT_SESSIONS = 45;

export type PromotionInput = {
  conductYear: ConductLevel;
  learningYear: LearningLevel;
  /**
   * Sessions (buổi) missed in the school year, excused or not, continuous or not, counted on the
   * education plan of one session per day.
   */
  absentSessions: number;
  /** Conduct re-assessed after summer training (only when `conductYear` is Chưa đạt). */
  conductAfterSummerTraining?: ConductLevel;
  /** Learning result recomputed after the summer re-assessment (only when `learningYear` is Chưa đạt). */
  learningAfterReassessment?: LearningLevel;
};

export type PromotionOutcome = 'promoted' | 'summer_conduct_training' | 'summer_reassessment' | 'retained';

export type PromotionReason =
  | 'ABSENCES_OVER_LIMIT'
  | 'CONDUCT_NOT_ACHIEVED'
  | 'LEARNING_NOT_ACHIEVED'
  | 'CONDUCT_NOT_ACHIEVED_AFTER_TRAINING'
  | 'LEARNING_NOT_ACHIEVED_AFTER_REASSESSMENT';

export type SummerAction = 'summer_conduct_training' | 'summer_reassessment';

export type PromotionDecision = {
  outcome: PromotionOutcome;
  /** Why the student is not (yet) promoted; empty when promoted. */
  reasons: readonly PromotionReason[];
  /** Summer steps still to do, in order; empty unless the outcome is a summer step. */
  pendingSummerActions: readonly SummerAction[];
  /** Conduct and learning results the decision used (after summer steps when given). */
  conduct: ConductLevel;
  learning: LearningLevel;
};

export const PROMOTION_OUTCOME_LABELS: Readonly<Record<PromotionOutcome, Label>> = {
  promoted: { vi: 'Lên lớp', en: 'Promoted' },
  summer_conduct_training: { vi: 'Rèn luyện trong kì nghỉ hè', en: 'Summer conduct training' },
  summer_reassessment: { vi: 'Kiểm tra, đánh giá lại trong kì nghỉ hè', en: 'Summer re-assessment' },
  retained: { vi: 'Ở lại lớp', en: 'Retained' },
};

/**
 * Promotion decision, Circular 22 articles 12-14. A student is promoted (or completes THCS/THPT in the
 * final grade) with year conduct Đạt or better, year learning Đạt or better, and at most 45 absent sessions.
 * Otherwise:
 * - more than 45 absent sessions: retained, whatever the results;
 * - conduct Chưa đạt: summer conduct training; retained if conduct after training is still Chưa đạt;
 * - learning Chưa đạt: summer re-assessment of `reassessmentSubjects`, open only to students whose conduct
 *   (after training, if any) is Đạt or better; retained if the recomputed learning result is still Chưa đạt.
 * With both Chưa đạt, training comes first and re-assessment follows (`pendingSummerActions` lists both).
 * Passing a summer result the situation does not call for throws a RangeError.
 * Students with disabilities (article 12.4: the principal decides) are out of scope.
 */
export function promotionDecision(input: PromotionInput): PromotionDecision {
  const { conductYear, learningYear, absentSessions, conductAfterSummerTraining, learningAfterReassessment } =
    input;
  assertLevel(conductYear, 'conductYear');
  assertLevel(learningYear, 'learningYear');
  if (!Number.isInteger(absentSessions) || absentSessions < 0) {
    throw new RangeError(`absentSessions must be a non-negative integer, got ${absentSessions}`);
  }
  if (conductAfterSummerTraining !== undefined) {
    assertLevel(conductAfterSummerTraining, 'conductAfterSummerTraining');
    if (conductYear !== 'CD')
      throw new RangeError('conductAfterSummerTraining given, but conduct is not Chưa đạt');
  }
  if (learningAfterReassessment !== undefined) {
    assertLevel(learningAfterReassessment, 'learningAfterReassessment');
    if (learningYear !== 'CD')
      throw new RangeError('learningAfterReassessment given, but learning is not Chưa đạt');
  }
  const conduct = conductAfterSummerTraining ?? conductYear;
  const learning = learningAfterReassessment ?? learningYear;

  if (absentSessions > MAX_ABSENT_SESSIONS) {
    return {
      outcome: 'retained',
      reasons: ['ABSENCES_OVER_LIMIT'],
      pendingSummerActions: [],
      conduct,
      learning,
    };
  }

  const reasons: PromotionReason[] = [];
  const pending: SummerAction[] = [];
  let retained = false;

  if (conductYear === 'CD') {
    if (conductAfterSummerTraining === undefined) {
      reasons.push('CONDUCT_NOT_ACHIEVED');
      pending.push('summer_conduct_training');
    } else if (conductAfterSummerTraining === 'CD') {
      reasons.push('CONDUCT_NOT_ACHIEVED_AFTER_TRAINING');
      retained = true;
    }
  }
  if (learningYear === 'CD') {
    if (learningAfterReassessment === undefined) {
      reasons.push('LEARNING_NOT_ACHIEVED');
      // Re-assessment is open only with conduct Đạt or better: not after a failed training.
      if (!retained) pending.push('summer_reassessment');
    } else if (learningAfterReassessment === 'CD') {
      reasons.push('LEARNING_NOT_ACHIEVED_AFTER_REASSESSMENT');
      retained = true;
    }
    if (learningAfterReassessment !== undefined && pending.includes('summer_conduct_training')) {
      throw new RangeError('learningAfterReassessment given before the summer conduct training result');
    }
  }

  if (retained) return { outcome: 'retained', reasons, pendingSummerActions: [], conduct, learning };
  if (pending.length > 0)
    return { outcome: pending[0], reasons, pendingSummerActions: pending, conduct, learning };
  return { outcome: 'promoted', reasons: [], pendingSummerActions: [], conduct, learning };
}

/** A subject's year result, identified by its code. */
export type CodedSubjectResult = SubjectResult & { code: string };

/**
 * Subjects to re-assess in the summer (Circular 22 article 14): scored subjects with a year average below
 * 5.0 and comment-only subjects with a year result of Chưa đạt, in input order. Throws
 * IncompleteAssessmentError if a year result is missing.
 */
export function reassessmentSubjects<T extends SubjectResult>(subjects: readonly T[]): T[] {
  checkResults(subjects);
  return subjects.filter((subject) =>
    subject.kind === 'scored'
      ? typeof subject.average === 'number' && subject.average < 5.0
      : subject.comment === 'CD',
  );
}

/** A summer re-assessment result: a score for a scored subject, Đạt/Chưa đạt for a comment-only one. */
export type ReassessmentResult = { code: string; score: number } | { code: string; comment: CommentResult };

/**
 * Replaces the year results of re-assessed subjects with the re-assessment results (the re-assessment score
 * replaces ĐTBmcn; the comment result replaces the year comment) and recomputes the year learning result.
 * Subjects not re-assessed keep their result. Throws a RangeError for a subject that was not due for
 * re-assessment, a result of the wrong kind, an invalid score, or a subject given twice.
 */
export function recomputeAfterReassessment<T extends CodedSubjectResult>(
  subjects: readonly T[],
  reassessed: readonly ReassessmentResult[],
): { subjects: T[]; learning: LearningLevel } {
  const due = new Set(reassessmentSubjects(subjects).map((subject) => subject.code));
  const byCode = new Map<string, ReassessmentResult>();
  for (const result of reassessed) {
    if (!due.has(result.code)) throw new RangeError(`${result.code} was not due for re-assessment`);
    if (byCode.has(result.code)) throw new RangeError(`${result.code} re-assessed twice`);
    byCode.set(result.code, result);
  }
  const updated = subjects.map((subject): T => {
    const result = byCode.get(subject.code);
    if (!result) return subject;
    if (subject.kind === 'scored') {
      if (!('score' in result)) throw new RangeError(`${subject.code} needs a re-assessment score`);
      const check = validateScore(result.score);
      if (!check.ok) throw new RangeError(`${subject.code}: ${check.error}`);
      return { ...subject, average: check.value };
    }
    if (!('comment' in result) || (result.comment !== 'D' && result.comment !== 'CD')) {
      throw new RangeError(`${subject.code} needs a re-assessment result of D or CD`);
    }
    return { ...subject, comment: result.comment };
  });
  return { subjects: updated, learning: classifyLearningResult(updated) };
}

// ---------------------------------------------------------------------------------------------------------
// Awards (khen thưởng)

export type AwardInput = {
  conductYear: ConductLevel;
  learningYear: LearningLevel;
  /** Year results of the student's subjects (scored ones with their ĐTBmcn). */
  subjects: readonly SubjectResult[];
};

export type StudentAward = 'excellent' | 'good';

export const STUDENT_AWARD_LABELS: Readonly<Record<StudentAward, Label>> = {
  excellent: { vi: 'Học sinh Xuất sắc', en: 'Excellent student' },
  good: { vi: 'Học sinh Giỏi', en: 'Good student' },
};

/**
 * "Học sinh Xuất sắc": year conduct Tốt, year learning Tốt, and at least 6 scored subjects with a year
 * average of 9.0 or more. To confirm (README: widely stated, not read in the text).
 */
export function isExcellentStudent(input: AwardInput): boolean {
  const { averages } = checkResults(input.subjects);
  return (
    input.conductYear === 'T' &&
    input.learningYear === 'T' &&
    averages.filter((average) => average >= 9.0).length >= LEARNING_RESULT_MIN_SUBJECTS
  );
}

/**
 * "Học sinh Giỏi": year conduct Tốt and year learning Tốt. To confirm (README: widely stated, not read in
 * the text). An excellent student also meets this; `yearAward` gives the higher title.
 */
export function isGoodStudent(input: Pick<AwardInput, 'conductYear' | 'learningYear'>): boolean {
  return input.conductYear === 'T' && input.learningYear === 'T';
}

/** The year's title: excellent, else good, else undefined. To confirm, as its two rules. */
export function yearAward(input: AwardInput): StudentAward | undefined {
  if (isExcellentStudent(input)) return 'excellent';
  return isGoodStudent(input) ? 'good' : undefined;
}
