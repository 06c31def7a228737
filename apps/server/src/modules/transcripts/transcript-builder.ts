import { createHash } from 'node:crypto';
import {
  COMPETENCIES,
  type ConductLevel,
  type LearningLevel,
  type PrimaryYearResult,
  type PromotionOutcome,
  QUALITIES,
  type QualityLevel,
  type StudentAward,
  type SubjectLevel,
} from '@smartedu/domain';
import type {
  PrimarySubjectRow,
  PrimaryTranscriptData,
  SecondarySubjectRow,
  SecondaryTranscriptData,
  SubjectMark,
  TranscriptData,
  TranscriptSubjectRow,
} from './transcript-data';

/**
 * Pure assembly of a transcript's data from what the repository read: the class and school, the student, the
 * subjects of the grade and the gradebook's rollups (grade_subject_results, grade_student_results), remarks
 * and conduct / quality ratings.
 */

export type TranscriptLevel = 'TH' | 'THCS' | 'THPT';
export const levelOfGrade = (grade: number): TranscriptLevel =>
  grade <= 5 ? 'TH' : grade <= 9 ? 'THCS' : 'THPT';

export type ClassContext = {
  schoolId: string;
  classId: string;
  className: string;
  grade: number;
  schoolYearId: string;
  schoolYear: string;
  schoolName: string;
  schoolCode: string;
  schoolAddress: string | null;
  homeroomTeacherId: string | null;
  homeroomTeacherName: string | null;
  principalName: string | null;
};

export type RosterStudent = {
  id: string;
  fullName: string;
  sectorId: string;
  citizenId: string | null;
  birthDate: string;
  gender: 'M' | 'F';
  ethnicity: string;
  address: string | null;
};

export type ClassSubject = {
  subjectId: string;
  code: string;
  name: string;
  /** scored | comment | level | level_test */
  assessment: string;
  elective: boolean;
  teacherStaffId: string | null;
  teacherName: string | null;
};

export type GradebookRows = {
  subjectResults: {
    studentId: string;
    subjectId: string;
    period: string;
    average: number | null;
    result: string | null;
    testScore: number | null;
  }[];
  studentResults: {
    studentId: string;
    period: string;
    learning: string | null;
    conduct: string | null;
    promotion: string | null;
    award: string | null;
    primaryResult: string | null;
    absentExcused: number | null;
    absentUnexcused: number | null;
  }[];
  remarks: { studentId: string; subjectId: string; termNo: number; comment: string | null }[];
  ratings: { studentId: string; termNo: number; aspect: string; level: string; comment: string | null }[];
};

const oneOf = <T extends string>(values: readonly T[], v: string | null | undefined): T | null =>
  v && (values as readonly string[]).includes(v) ? (v as T) : null;
const LEVELS4 = ['T', 'K', 'D', 'CD'] as const;

/** Buổi nghỉ học of the year row (excused + unexcused), null when the year was not computed with them. */
function absentSessionsOf(row: GradebookRows['studentResults'][number] | undefined): number | null {
  if (!row || (row.absentExcused === null && row.absentUnexcused === null)) return null;
  return (row.absentExcused ?? 0) + (row.absentUnexcused ?? 0);
}

/** "phường Tân Phong, thành phố Lai Châu, tỉnh Lai Châu" → "Lai Châu". */
export function placeOf(address: string | null): string | null {
  if (!address) return null;
  const last = address.split(',').pop()?.trim() ?? '';
  return last.replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '') || null;
}

export function buildTranscriptData(
  transcriptId: string,
  ctx: ClassContext,
  student: RosterStudent,
  subjects: ClassSubject[],
  rows: GradebookRows,
): TranscriptData {
  const mine = <T extends { studentId: string }>(list: T[]) => list.filter((r) => r.studentId === student.id);
  const subjectResults = mine(rows.subjectResults);
  const studentResults = mine(rows.studentResults);
  const remarks = mine(rows.remarks);
  const ratings = mine(rows.ratings);
  const resultOf = (subjectId: string, period: string) =>
    subjectResults.find((r) => r.subjectId === subjectId && r.period === period) ?? null;
  const remarkOf = (subjectId: string) => {
    const byTerm = (t: number) => remarks.find((r) => r.subjectId === subjectId && r.termNo === t)?.comment;
    return byTerm(2) || byTerm(1) || null;
  };
  const studied = subjects.filter(
    (s) => !s.elective || s.teacherStaffId || subjectResults.some((r) => r.subjectId === s.subjectId),
  );
  const level = levelOfGrade(ctx.grade);
  const common = {
    transcriptId,
    student: {
      fullName: student.fullName,
      sectorId: student.sectorId,
      citizenId: student.citizenId,
      birthDate: student.birthDate,
      gender: student.gender,
      ethnicity: student.ethnicity,
      address: student.address,
    },
    className: ctx.className,
    grade: ctx.grade,
    schoolName: ctx.schoolName,
    schoolCode: ctx.schoolCode,
    schoolYear: ctx.schoolYear,
    homeroomTeacher: ctx.homeroomTeacherName,
    principal: ctx.principalName,
    place: placeOf(ctx.schoolAddress),
  };
  const conductComment = (aspect: string) => {
    const byTerm = (t: number) => ratings.find((r) => r.aspect === aspect && r.termNo === t)?.comment;
    return byTerm(2) || byTerm(1) || null;
  };

  if (level === 'TH') {
    const rated = (code: string): QualityLevel | null =>
      oneOf(['T', 'D', 'CCG'] as const, ratings.find((r) => r.aspect === code && r.termNo === 2)?.level);
    const ratingComment = (code: string) =>
      ratings.find((r) => r.aspect === code && r.termNo === 2)?.comment ?? null;
    const data: PrimaryTranscriptData = {
      ...common,
      level: 'TH',
      homeroomComment: conductComment('conduct') ?? conductComment('homeroom'),
      subjects: studied.map((s): PrimarySubjectRow => {
        const year = resultOf(s.subjectId, 'year') ?? resultOf(s.subjectId, 'term2');
        return {
          subjectId: s.subjectId,
          code: s.code,
          name: s.name,
          assessment: s.assessment === 'level_test' ? 'level_test' : 'level',
          level: oneOf<SubjectLevel>(['HTT', 'HT', 'CHT'], year?.result),
          testScore: year?.testScore ?? null,
          comment: remarkOf(s.subjectId),
          teacherName: s.teacherName,
        };
      }),
      qualities: QUALITIES.map((q) => ({
        code: q.code,
        name: q.name,
        level: rated(q.code),
        comment: ratingComment(q.code),
      })),
      competencies: COMPETENCIES.map((c) => ({
        code: c.code,
        name: c.name,
        group: c.group,
        level: rated(c.code),
        comment: ratingComment(c.code),
      })),
      yearResult: oneOf<PrimaryYearResult>(
        ['HTXS', 'HTT', 'HT', 'CHT'],
        studentResults.find((r) => r.period === 'year')?.primaryResult,
      ),
      award: studentResults.find((r) => r.period === 'year')?.award ?? null,
    };
    return data;
  }

  const mark = (s: ClassSubject, period: string): SubjectMark | null => {
    const r = resultOf(s.subjectId, period);
    if (!r) return null;
    if (s.assessment === 'comment') return oneOf(['D', 'CD'] as const, r.result);
    return r.average;
  };
  const period = (p: string) => studentResults.find((r) => r.period === p);
  const triple = <T extends string>(pick: (r: GradebookRows['studentResults'][number]) => string | null) => ({
    term1: oneOf<T>(LEVELS4 as unknown as T[], pick(period('term1') ?? emptyResult)),
    term2: oneOf<T>(LEVELS4 as unknown as T[], pick(period('term2') ?? emptyResult)),
    year: oneOf<T>(LEVELS4 as unknown as T[], pick(period('year') ?? emptyResult)),
  });
  const data: SecondaryTranscriptData = {
    ...common,
    level,
    homeroomComment: conductComment('conduct'),
    subjects: studied.map(
      (s): SecondarySubjectRow => ({
        subjectId: s.subjectId,
        code: s.code,
        name: s.name,
        assessment: s.assessment === 'comment' ? 'comment' : 'scored',
        term1: mark(s, 'term1'),
        term2: mark(s, 'term2'),
        year: mark(s, 'year'),
        reassessment: null,
        comment: remarkOf(s.subjectId),
        teacherName: s.teacherName,
      }),
    ),
    conduct: triple<ConductLevel>((r) => r.conduct),
    learning: triple<LearningLevel>((r) => r.learning),
    absentSessions: absentSessionsOf(period('year')),
    promotion: oneOf<PromotionOutcome>(
      ['promoted', 'summer_conduct_training', 'summer_reassessment', 'retained'],
      period('year')?.promotion,
    ),
    award: oneOf<StudentAward>(['excellent', 'good'], period('year')?.award),
  };
  return data;
}

const emptyResult: GradebookRows['studentResults'][number] = {
  studentId: '',
  period: '',
  learning: null,
  conduct: null,
  promotion: null,
  award: null,
  primaryResult: null,
  absentExcused: null,
  absentUnexcused: null,
};

/** Stable JSON (sorted keys) and its SHA-256: detects whether a refresh changed the data or a subject row. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
export const rowHash = (row: TranscriptSubjectRow) => sha256Hex(stableJson(row));
export const dataHash = (data: TranscriptData) => sha256Hex(stableJson(data));
