/**
 * Assessment of primary students (TH, grades 1-5) under Circular 27/2020/TT-BGDĐT
 * (Thông tư 27/2020/TT-BGDĐT ban hành Quy định đánh giá học sinh tiểu học).
 * Pure functions over plain data; see packages/domain/README.md for the rules and the points to confirm.
 */
import { findSubject } from '../curriculum/subjects';
import { IncompleteAssessmentError } from './incomplete-assessment.error';
import type { Label } from './labels';

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

/** Level of a subject or activity at a periodic point: Hoàn thành tốt / Hoàn thành / Chưa hoàn thành. */
export type SubjectLevel = 'HTT' | 'HT' | 'CHT';

/** Level of a quality (phẩm chất) or competency (năng lực): Tốt / Đạt / Cần cố gắng. */
export type QualityLevel = 'T' | 'D' | 'CCG';

/** End-of-year result (kết quả giáo dục): Hoàn thành xuất sắc / tốt / Hoàn thành / Chưa hoàn thành. */
export type PrimaryYearResult = 'HTXS' | 'HTT' | 'HT' | 'CHT';

/** Periodic assessment points: mid-term I, end of term I, mid-term II, end of the school year. */
export type PeriodicPoint = 'mid1' | 'end1' | 'mid2' | 'end2';

/** From best to worst. */
export const SUBJECT_LEVELS: readonly SubjectLevel[] = ['HTT', 'HT', 'CHT'];
/** From best to worst. */
export const QUALITY_LEVELS: readonly QualityLevel[] = ['T', 'D', 'CCG'];
/** From best to worst. */
export const PRIMARY_YEAR_RESULTS: readonly PrimaryYearResult[] = ['HTXS', 'HTT', 'HT', 'CHT'];
export const PERIODIC_POINTS: readonly PeriodicPoint[] = ['mid1', 'end1', 'mid2', 'end2'];

export const SUBJECT_LEVEL_LABELS: Readonly<Record<SubjectLevel, Label>> = {
  HTT: { vi: 'Hoàn thành tốt', en: 'Completed well' },
  HT: { vi: 'Hoàn thành', en: 'Completed' },
  CHT: { vi: 'Chưa hoàn thành', en: 'Not yet completed' },
};

/** The one-letter codes written in the transcript (học bạ): T, H, C. */
export const SUBJECT_LEVEL_RECORD_CODES: Readonly<Record<SubjectLevel, 'T' | 'H' | 'C'>> = {
  HTT: 'T',
  HT: 'H',
  CHT: 'C',
};

export const QUALITY_LEVEL_LABELS: Readonly<Record<QualityLevel, Label>> = {
  T: { vi: 'Tốt', en: 'Good' },
  D: { vi: 'Đạt', en: 'Satisfactory' },
  CCG: { vi: 'Cần cố gắng', en: 'Needs more effort' },
};

export const PRIMARY_YEAR_RESULT_LABELS: Readonly<Record<PrimaryYearResult, Label>> = {
  HTXS: { vi: 'Hoàn thành xuất sắc', en: 'Completed with distinction' },
  HTT: { vi: 'Hoàn thành tốt', en: 'Completed well' },
  HT: { vi: 'Hoàn thành', en: 'Completed' },
  CHT: { vi: 'Chưa hoàn thành', en: 'Not yet completed' },
};

export const PERIODIC_POINT_LABELS: Readonly<Record<PeriodicPoint, Label>> = {
  mid1: { vi: 'Giữa học kì I', en: 'Mid-term I' },
  end1: { vi: 'Cuối học kì I', en: 'End of term I' },
  mid2: { vi: 'Giữa học kì II', en: 'Mid-term II' },
  end2: { vi: 'Cuối năm học', en: 'End of the school year' },
};

export type QualityCode = 'YEU_NUOC' | 'NHAN_AI' | 'CHAM_CHI' | 'TRUNG_THUC' | 'TRACH_NHIEM';

export type CompetencyCode =
  | 'TU_CHU_TU_HOC'
  | 'GIAO_TIEP_HOP_TAC'
  | 'GIAI_QUYET_VAN_DE_SANG_TAO'
  | 'NGON_NGU'
  | 'TINH_TOAN'
  | 'KHOA_HOC'
  | 'CONG_NGHE'
  | 'TIN_HOC'
  | 'THAM_MI'
  | 'THE_CHAT';

/** The five main qualities (phẩm chất chủ yếu), in transcript order. */
export const QUALITIES: readonly { code: QualityCode; name: string; en: string }[] = [
  { code: 'YEU_NUOC', name: 'Yêu nước', en: 'Patriotism' },
  { code: 'NHAN_AI', name: 'Nhân ái', en: 'Kindness' },
  { code: 'CHAM_CHI', name: 'Chăm chỉ', en: 'Diligence' },
  { code: 'TRUNG_THUC', name: 'Trung thực', en: 'Honesty' },
  { code: 'TRACH_NHIEM', name: 'Trách nhiệm', en: 'Responsibility' },
];

/**
 * The ten core competencies (năng lực cốt lõi), in transcript order: three general ones (năng lực chung)
 * and seven specific ones (năng lực đặc thù).
 */
export const COMPETENCIES: readonly {
  code: CompetencyCode;
  name: string;
  en: string;
  group: 'general' | 'specific';
}[] = [
  { code: 'TU_CHU_TU_HOC', name: 'Tự chủ và tự học', en: 'Self-reliance and self-study', group: 'general' },
  {
    code: 'GIAO_TIEP_HOP_TAC',
    name: 'Giao tiếp và hợp tác',
    en: 'Communication and cooperation',
    group: 'general',
  },
  {
    code: 'GIAI_QUYET_VAN_DE_SANG_TAO',
    name: 'Giải quyết vấn đề và sáng tạo',
    en: 'Problem solving and creativity',
    group: 'general',
  },
  { code: 'NGON_NGU', name: 'Ngôn ngữ', en: 'Language', group: 'specific' },
  { code: 'TINH_TOAN', name: 'Tính toán', en: 'Mathematics', group: 'specific' },
  { code: 'KHOA_HOC', name: 'Khoa học', en: 'Science', group: 'specific' },
  { code: 'CONG_NGHE', name: 'Công nghệ', en: 'Technology', group: 'specific' },
  { code: 'TIN_HOC', name: 'Tin học', en: 'Informatics', group: 'specific' },
  { code: 'THAM_MI', name: 'Thẩm mĩ', en: 'Aesthetics', group: 'specific' },
  { code: 'THE_CHAT', name: 'Thể chất', en: 'Physical', group: 'specific' },
];

// ---------------------------------------------------------------------------------------------------------
// Periodic tests (bài kiểm tra định kì)

/**
 * Whether Khoa học (grades 4-5) has periodic tests at the end of term I and of the year. To confirm: the
 * README lists it as unconfirmed. Change it here only; CURRICULUM marks TH_KHOA_HOC `level_test` to match.
 */
export function scienceRequiresPeriodicTest(): boolean {
  return true;
}

/** Subjects with a test at the end of term I and at the end of the year (without the TH_ prefix). */
function endOfTermTestedSubjects(): ReadonlySet<string> {
  const subjects = ['TIENG_VIET', 'TOAN', 'NGOAI_NGU_1', 'LS_DL', 'TIN_HOC_CONG_NGHE'];
  if (scienceRequiresPeriodicTest()) subjects.push('KHOA_HOC');
  return new Set(subjects);
}

/** Subjects with a test at mid-term I and mid-term II, in grades 4 and 5. */
const MID_TERM_TESTED_SUBJECTS: ReadonlySet<string> = new Set(['TIENG_VIET', 'TOAN']);
const MID_TERM_TEST_GRADES: ReadonlySet<number> = new Set([4, 5]);

function assertPrimaryGrade(grade: number): void {
  if (!Number.isInteger(grade) || grade < 1 || grade > 5) {
    throw new RangeError(`a primary grade is an integer from 1 to 5, got ${grade}`);
  }
}

/**
 * Whether a primary subject has a periodic test at a point: at the end of term I and the end of the year in
 * Tiếng Việt, Toán, Ngoại ngữ 1, Lịch sử và Địa lí, Tin học và Công nghệ and Khoa học (to confirm, see
 * `scienceRequiresPeriodicTest`); in grades 4 and 5 also at mid-term I and mid-term II in Tiếng Việt and
 * Toán. False when the subject is not studied in that grade.
 * `subject` is a code with or without its TH_ prefix ("TOAN", "TH_TOAN") or an object with a `code`.
 * Throws a RangeError for an unknown subject, a grade outside 1-5 or an unknown point.
 */
export function periodicTestRequired(
  subject: string | { code: string },
  grade: number,
  point: PeriodicPoint,
): boolean {
  const rawCode = typeof subject === 'string' ? subject : subject.code;
  const code = rawCode.startsWith('TH_') ? rawCode : `TH_${rawCode}`;
  const found = findSubject(code);
  if (found?.level !== 'TH') throw new RangeError(`unknown primary subject: ${rawCode}`);
  assertPrimaryGrade(grade);
  if (!PERIODIC_POINTS.includes(point)) throw new RangeError(`unknown periodic point: ${String(point)}`);
  if (found.periodsByGrade[grade] === undefined) return false;
  const base = code.slice('TH_'.length);
  if (point === 'end1' || point === 'end2') return endOfTermTestedSubjects().has(base);
  return MID_TERM_TEST_GRADES.has(grade) && MID_TERM_TESTED_SUBJECTS.has(base);
}

/** The points at which a subject has a periodic test in a grade (see `periodicTestRequired`). */
export function periodicTestPoints(subject: string | { code: string }, grade: number): PeriodicPoint[] {
  return PERIODIC_POINTS.filter((point) => periodicTestRequired(subject, grade, point));
}

export type PeriodicTestScoreErrorCode =
  | 'TEST_SCORE_NOT_NUMBER'
  | 'TEST_SCORE_OUT_OF_RANGE'
  | 'TEST_SCORE_NOT_WHOLE'
  | 'TEST_SCORE_ZERO';

export type PeriodicTestScoreValidation =
  | { ok: true; value: number }
  | { ok: false; error: PeriodicTestScoreErrorCode };

/**
 * A periodic test score: marked out of 10, whole numbers only, 0 not given, so 1 to 10. To confirm (README:
 * "whole numbers, no 0" not read in the text). Checks in order: a finite number, 0-10, whole, not 0.
 */
export function validatePeriodicTestScore(value: unknown): PeriodicTestScoreValidation {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return { ok: false, error: 'TEST_SCORE_NOT_NUMBER' };
  if (value < 0 || value > 10) return { ok: false, error: 'TEST_SCORE_OUT_OF_RANGE' };
  if (!Number.isInteger(value)) return { ok: false, error: 'TEST_SCORE_NOT_WHOLE' };
  if (value === 0) return { ok: false, error: 'TEST_SCORE_ZERO' };
  return { ok: true, value };
}

/**
 * Parses a periodic test score from a number or text ("9", " 10 ", "8,0" → 8), then applies
 * `validatePeriodicTestScore`. Empty or non-numeric text is TEST_SCORE_NOT_NUMBER.
 */
export function parsePeriodicTestScore(input: string | number): PeriodicTestScoreValidation {
  if (typeof input === 'number') return validatePeriodicTestScore(input);
  const text = input.trim();
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(text)) return { ok: false, error: 'TEST_SCORE_NOT_NUMBER' };
  return validatePeriodicTestScore(Number(text.replace(',', '.')));
}

// ---------------------------------------------------------------------------------------------------------
// End-of-year result (đánh giá kết quả giáo dục cuối năm)

export type PrimarySubjectYearEnd = {
  /** Subject code, used in error messages. */
  code?: string;
  /** End-of-year level of the subject or activity. */
  level: SubjectLevel | null | undefined;
  /** End-of-year periodic test score, for subjects with a test. */
  endYearTest?: number | null;
  /** Set for subjects that must have an end-of-year test: a missing score is then reported as incomplete. */
  requiresEndYearTest?: boolean;
};

export type PrimaryYearEndInput = {
  subjects: readonly PrimarySubjectYearEnd[];
  /** One level per quality, in `QUALITIES` order (5). */
  qualities: readonly (QualityLevel | null | undefined)[];
  /** One level per competency, in `COMPETENCIES` order (10). */
  competencies: readonly (QualityLevel | null | undefined)[];
};

/** Lowest end-of-year test score for each result; the `HT` value (5) is to confirm. */
export const PRIMARY_YEAR_END_TEST_MINIMUMS: Readonly<Record<'HTXS' | 'HTT' | 'HT', number>> = {
  HTXS: 9,
  HTT: 7,
  HT: 5,
};

/**
 * End-of-year result of a primary student:
 * - HTXS (Hoàn thành xuất sắc): every subject Hoàn thành tốt, every quality and competency Tốt, every
 *   end-of-year test ≥ 9;
 * - HTT (Hoàn thành tốt), if not HTXS: the same with every test ≥ 7;
 * - HT (Hoàn thành), if neither: every subject Hoàn thành tốt or Hoàn thành, every quality and competency
 *   Tốt or Đạt, every test ≥ 5 (to confirm);
 * - CHT (Chưa hoàn thành): otherwise.
 * Throws IncompleteAssessmentError for a missing level or a missing required test score, RangeError for
 * malformed input (no subjects, qualities not 5 or competencies not 10 entries, an invalid test score).
 */
export function classifyPrimaryYearEnd(input: PrimaryYearEndInput): PrimaryYearResult {
  const { subjects, qualities, competencies } = input;
  if (subjects.length === 0) throw new RangeError('no subjects to classify');
  if (qualities.length !== QUALITIES.length) {
    throw new RangeError(`expected ${QUALITIES.length} quality levels, got ${qualities.length}`);
  }
  if (competencies.length !== COMPETENCIES.length) {
    throw new RangeError(`expected ${COMPETENCIES.length} competency levels, got ${competencies.length}`);
  }
  const missing: string[] = [];
  const levels: SubjectLevel[] = [];
  const tests: number[] = [];
  subjects.forEach((subject, index) => {
    const name = subject.code ?? `subjects[${index}]`;
    if (subject.level === null || subject.level === undefined) missing.push(`${name}: level`);
    else if (!SUBJECT_LEVELS.includes(subject.level)) {
      throw new RangeError(`${name}: level must be HTT, HT or CHT, got ${String(subject.level)}`);
    } else levels.push(subject.level);
    if (subject.endYearTest === null || subject.endYearTest === undefined) {
      if (subject.requiresEndYearTest) missing.push(`${name}: end-of-year test`);
    } else {
      const check = validatePeriodicTestScore(subject.endYearTest);
      if (!check.ok) throw new RangeError(`${name}: ${check.error}`);
      tests.push(check.value);
    }
  });
  const qualityLevels: QualityLevel[] = [];
  const collect = (
    list: readonly (QualityLevel | null | undefined)[],
    what: string,
    codes: readonly string[],
  ) => {
    list.forEach((level, index) => {
      if (level === null || level === undefined) missing.push(`${what} ${codes[index]}`);
      else if (!QUALITY_LEVELS.includes(level)) {
        throw new RangeError(`${what} ${codes[index]} must be T, D or CCG, got ${String(level)}`);
      } else qualityLevels.push(level);
    });
  };
  collect(
    qualities,
    'quality',
    QUALITIES.map((quality) => quality.code),
  );
  collect(
    competencies,
    'competency',
    COMPETENCIES.map((competency) => competency.code),
  );
  if (missing.length > 0) throw new IncompleteAssessmentError(missing);

  const allSubjectsWell = levels.every((level) => level === 'HTT');
  const allQualitiesGood = qualityLevels.every((level) => level === 'T');
  const testsAtLeast = (minimum: number): boolean => tests.every((score) => score >= minimum);
  const minimums = PRIMARY_YEAR_END_TEST_MINIMUMS;

  if (allSubjectsWell && allQualitiesGood && testsAtLeast(minimums.HTXS)) return 'HTXS';
  if (allSubjectsWell && allQualitiesGood && testsAtLeast(minimums.HTT)) return 'HTT';
  const noSubjectIncomplete = levels.every((level) => level !== 'CHT');
  const noQualityNeedsEffort = qualityLevels.every((level) => level !== 'CCG');
  if (noSubjectIncomplete && noQualityNeedsEffort && testsAtLeast(minimums.HT)) return 'HT';
  return 'CHT';
}

/** HTXS, HTT and HT complete the grade's programme (hoàn thành chương trình lớp học). */
export function completesGrade(result: PrimaryYearResult): boolean {
  if (!PRIMARY_YEAR_RESULTS.includes(result)) throw new RangeError(`unknown result: ${String(result)}`);
  return result !== 'CHT';
}

/**
 * Grade 5 students who complete the grade are recorded as completing the primary programme
 * (hoàn thành chương trình tiểu học).
 */
export function completesPrimaryProgramme(grade: number, result: PrimaryYearResult): boolean {
  assertPrimaryGrade(grade);
  return grade === 5 && completesGrade(result);
}
