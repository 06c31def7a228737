import type { GradeResultPeriod } from '@smartedu/contracts';
import {
  COMPETENCIES,
  type CommentResult,
  type ConductLevel,
  classifyLearningResult,
  classifyPrimaryYearEnd,
  commentTermResult,
  commentYearResult,
  computeTermAverage,
  computeYearAverage,
  conductYearResult,
  IncompleteAssessmentError,
  type LearningLevel,
  type PrimarySubjectYearEnd,
  periodicTestRequired,
  promotionDecision,
  QUALITIES,
  type QualityLevel,
  regularAssessmentCount,
  type SubjectLevel,
  type SubjectResult,
  yearAward,
} from '@smartedu/domain';
import { circularOf, type SubjectMeta } from './gradebook.slots';

/**
 * The gradebook's one compute path, from entries to results, with the rules of @smartedu/domain. Pure:
 * the service reads the rows, calls these functions and writes the rollups (per grid save, per conduct
 * change, for a class or a whole school at year end).
 */

export type EntryRow = {
  studentId: string;
  subjectId: string;
  termNo: number;
  kind: string;
  slotIndex: number;
  score: number | null;
  result: string | null;
};
export type ConductRow = { studentId: string; termNo: number; aspect: string; level: string };
export type StudentContext = { studentId: string; classId: string; grade: number };

export type SubjectResultRow = {
  studentId: string;
  subjectId: string;
  period: GradeResultPeriod;
  classId: string;
  average: number | null;
  result: string | null;
  testScore: number | null;
  status: 'complete' | 'incomplete';
};
export type StudentResultRow = {
  studentId: string;
  period: GradeResultPeriod;
  classId: string;
  learning: string | null;
  conduct: string | null;
  promotion: string | null;
  award: string | null;
  primaryResult: string | null;
  status: 'complete' | 'incomplete';
  missing: string[];
  /** Year row: buổi nghỉ có phép / không phép in the school year (null on term rows). */
  absentExcused: number | null;
  absentUnexcused: number | null;
};

/** Sessions (buổi) a student missed in the school year, from the attendance records. */
export type AbsentSessions = { excused: number; unexcused: number };
const NO_ABSENCES: AbsentSessions = { excused: 0, unexcused: 0 };

/** Whether the term of a class is locked (closed): a missing comment assessment then counts as Chưa đạt. */
export type TermClosed = (classId: string, termNo: number) => boolean;

type TermValues = {
  /** Regular assessments by slot index (1..4). */
  regular: (EntryRow | undefined)[];
  midterm?: EntryRow;
  endterm?: EntryRow;
  testEnd?: EntryRow;
};

// The hot path of the year-end computation: plain loops and module-level helpers, no closures per call.

function groupTerms(entries: readonly EntryRow[]): [TermValues, TermValues] {
  const terms: [TermValues, TermValues] = [{ regular: [] }, { regular: [] }];
  for (const e of entries) {
    const t = terms[e.termNo - 1];
    if (!t) continue;
    if (e.kind === 'regular') t.regular[e.slotIndex] = e;
    else if (e.kind === 'midterm') t.midterm = e;
    else if (e.kind === 'endterm') t.endterm = e;
    else if (e.kind === 'test_end') t.testEnd = e;
  }
  return terms;
}

function regularScores(t: TermValues): number[] {
  const out: number[] = [];
  for (const e of t.regular) if (e && e.score !== null) out.push(e.score);
  return out;
}

function regularComments(t: TermValues): CommentResult[] {
  const out: CommentResult[] = [];
  for (const e of t.regular) {
    const c = asComment(e?.result);
    if (c) out.push(c);
  }
  return out;
}

function asComment(v: string | null | undefined): CommentResult | null {
  return v === 'D' || v === 'CD' ? v : null;
}

const TERM_PERIODS: readonly GradeResultPeriod[] = ['term1', 'term2'];

function resultRow(
  student: StudentContext,
  subjectId: string,
  period: GradeResultPeriod,
  average: number | null,
  result: string | null,
  testScore: number | null,
  complete: boolean,
): SubjectResultRow {
  return {
    studentId: student.studentId,
    subjectId,
    period,
    classId: student.classId,
    average,
    result,
    testScore,
    status: complete ? 'complete' : 'incomplete',
  };
}

/** Term and year results of one subject for one student. */
export function computeSubjectResults(
  student: StudentContext,
  subject: SubjectMeta,
  entries: readonly EntryRow[],
  termClosed: TermClosed,
): SubjectResultRow[] {
  const terms = groupTerms(entries);
  const out: SubjectResultRow[] = [];

  if (circularOf(student.grade) === 'TT27') {
    for (let i = 0; i < 2; i++) {
      const needsTest = periodicTestRequired(subject.code, student.grade, i === 0 ? 'end1' : 'end2');
      const level = terms[i].endterm?.result ?? null;
      const test = terms[i].testEnd?.score ?? null;
      const complete = Boolean(level) && (!needsTest || test !== null);
      out.push(resultRow(student, subject.id, TERM_PERIODS[i], null, level, test, complete));
    }
    out.push({ ...out[1], period: 'year' });
    return out;
  }

  if (subject.assessment === 'comment') {
    const required = regularAssessmentCount('comment', subject.periodsPerYear);
    let term2: CommentResult | null = null;
    for (let i = 0; i < 2; i++) {
      const r = commentTermResult({
        regular: regularComments(terms[i]),
        midterm: asComment(terms[i].midterm?.result),
        endterm: asComment(terms[i].endterm?.result),
        requiredRegularCount: required,
        termClosed: termClosed(student.classId, i + 1),
      });
      const result = r.status === 'complete' ? r.result : null;
      if (i === 1) term2 = result;
      out.push(resultRow(student, subject.id, TERM_PERIODS[i], null, result, null, result !== null));
    }
    const year = term2 ? commentYearResult(term2) : null;
    out.push(resultRow(student, subject.id, 'year', null, year, null, year !== null));
    return out;
  }

  const required = regularAssessmentCount('scored', subject.periodsPerYear);
  const averages: (number | null)[] = [null, null];
  for (let i = 0; i < 2; i++) {
    const r = computeTermAverage({
      regular: regularScores(terms[i]),
      midterm: terms[i].midterm?.score ?? null,
      endterm: terms[i].endterm?.score ?? null,
      requiredRegularCount: required,
    });
    averages[i] = r.status === 'complete' ? r.average : null;
    out.push(resultRow(student, subject.id, TERM_PERIODS[i], averages[i], null, null, averages[i] !== null));
  }
  const year = computeYearAverage(averages[0], averages[1]);
  const yearAverage = year.status === 'complete' ? year.average : null;
  out.push(resultRow(student, subject.id, 'year', yearAverage, null, null, yearAverage !== null));
  return out;
}

function asConduct(v: string | undefined): ConductLevel | null {
  return v === 'T' || v === 'K' || v === 'D' || v === 'CD' ? v : null;
}
function asQuality(v: string | undefined): QualityLevel | null {
  return v === 'T' || v === 'D' || v === 'CCG' ? v : null;
}
function asLevel(v: string | null | undefined): SubjectLevel | null {
  return v === 'HTT' || v === 'HT' || v === 'CHT' ? v : null;
}

type Collected = { results: (SubjectResult & { code: string })[]; missing: string[] };

/** The subject results of one period in the grade's subject order, and the subjects still incomplete. */
function collectPeriod(
  subjects: readonly SubjectMeta[],
  byKey: Map<string, SubjectResultRow>,
  period: GradeResultPeriod,
): Collected {
  const results: (SubjectResult & { code: string })[] = [];
  const missing: string[] = [];
  for (const s of subjects) {
    const r = byKey.get(`${s.id}:${period}`);
    if (r?.status !== 'complete') missing.push(s.code);
    results.push({
      code: s.code,
      kind: s.assessment === 'comment' ? 'comment' : 'scored',
      average: r?.average ?? null,
      comment: asComment(r?.result),
    });
  }
  return { results, missing };
}

function studentRow(
  student: StudentContext,
  period: GradeResultPeriod,
  values: Partial<Pick<StudentResultRow, 'learning' | 'conduct' | 'promotion' | 'award' | 'primaryResult'>>,
  complete: boolean,
  missing: string[],
  absences: AbsentSessions | null = null,
): StudentResultRow {
  return {
    absentExcused: absences?.excused ?? null,
    absentUnexcused: absences?.unexcused ?? null,
    studentId: student.studentId,
    classId: student.classId,
    period,
    learning: values.learning ?? null,
    conduct: values.conduct ?? null,
    promotion: values.promotion ?? null,
    award: values.award ?? null,
    primaryResult: values.primaryResult ?? null,
    status: complete ? 'complete' : 'incomplete',
    missing,
  };
}

function primaryYearRow(
  student: StudentContext,
  subjects: readonly SubjectMeta[],
  byKey: Map<string, SubjectResultRow>,
  rating: Map<string, string>,
  absences: AbsentSessions,
): StudentResultRow {
  const missing: string[] = [];
  let primaryResult: string | null = null;
  const subjectInputs: PrimarySubjectYearEnd[] = [];
  for (const s of subjects) {
    const r = byKey.get(`${s.id}:year`);
    subjectInputs.push({
      code: s.code,
      level: asLevel(r?.result),
      endYearTest: r?.testScore ?? null,
      requiresEndYearTest: periodicTestRequired(s.code, student.grade, 'end2'),
    });
  }
  const qualities: (QualityLevel | null)[] = [];
  for (const q of QUALITIES) qualities.push(asQuality(rating.get(`2:${q.code}`)));
  const competencies: (QualityLevel | null)[] = [];
  for (const c of COMPETENCIES) competencies.push(asQuality(rating.get(`2:${c.code}`)));
  try {
    primaryResult = classifyPrimaryYearEnd({ subjects: subjectInputs, qualities, competencies });
  } catch (err) {
    if (!(err instanceof IncompleteAssessmentError)) throw err;
    missing.push(...err.missing);
  }
  return studentRow(student, 'year', { primaryResult }, primaryResult !== null, missing, absences);
}

/**
 * A student's results for each period from their subject results and conduct: Circular 22 learning result,
 * conduct, promotion and award; Circular 27 end-of-year result. Missing inputs leave the period incomplete,
 * listed in `missing` (subject codes, 'conduct', quality / competency codes). `absences` are the sessions
 * missed in the year (excused and unexcused both count towards Circular 22's 45-session limit); they are kept
 * on the year row for the học bạ.
 */
export function computeStudentResults(
  student: StudentContext,
  subjects: readonly SubjectMeta[],
  subjectResults: readonly SubjectResultRow[],
  conduct: readonly ConductRow[],
  absences: AbsentSessions = NO_ABSENCES,
): StudentResultRow[] {
  const byKey = new Map<string, SubjectResultRow>();
  for (const r of subjectResults) byKey.set(`${r.subjectId}:${r.period}`, r);
  const rating = new Map<string, string>();
  for (const c of conduct) rating.set(`${c.termNo}:${c.aspect}`, c.level);
  const out: StudentResultRow[] = [];

  if (circularOf(student.grade) === 'TT27') {
    for (const period of TERM_PERIODS) {
      const { missing } = collectPeriod(subjects, byKey, period);
      out.push(studentRow(student, period, {}, missing.length === 0, missing));
    }
    out.push(primaryYearRow(student, subjects, byKey, rating, absences));
    return out;
  }

  const termConduct = [asConduct(rating.get('1:conduct')), asConduct(rating.get('2:conduct'))];
  for (let i = 0; i < 2; i++) {
    const { results, missing } = collectPeriod(subjects, byKey, TERM_PERIODS[i]);
    const learning: LearningLevel | null = missing.length === 0 ? classifyLearningResult(results) : null;
    const c = termConduct[i];
    if (!c) missing.push('conduct');
    out.push(studentRow(student, TERM_PERIODS[i], { learning, conduct: c }, Boolean(learning && c), missing));
  }
  const year = collectPeriod(subjects, byKey, 'year');
  const learningYear: LearningLevel | null =
    year.missing.length === 0 ? classifyLearningResult(year.results) : null;
  const conductYear =
    termConduct[0] && termConduct[1] ? conductYearResult(termConduct[0], termConduct[1]) : null;
  if (!conductYear) year.missing.push('conduct');
  let promotion: string | null = null;
  let award: string | null = null;
  if (learningYear && conductYear) {
    promotion = promotionDecision({
      conductYear,
      learningYear,
      absentSessions: absences.excused + absences.unexcused,
    }).outcome;
    award = yearAward({ conductYear, learningYear, subjects: year.results }) ?? null;
  }
  out.push(
    studentRow(
      student,
      'year',
      { learning: learningYear, conduct: conductYear, promotion, award },
      promotion !== null,
      year.missing,
      absences,
    ),
  );
  return out;
}
