import { COMPETENCIES, CURRICULUM, QUALITIES } from '@smartedu/domain';
import { describe, expect, it } from 'vitest';
import {
  type ConductRow,
  computeStudentResults,
  computeSubjectResults,
  type EntryRow,
  type SubjectResultRow,
} from './gradebook.compute';
import { type SubjectMeta, slotsFor } from './gradebook.slots';

const meta = (code: string, grade: number): SubjectMeta => {
  const s = CURRICULUM.find((c) => c.code === code)!;
  return {
    id: code,
    code,
    name: s.name,
    assessment: s.assessment,
    sortOrder: s.sortOrder,
    periodsPerYear: s.periodsByGrade[grade],
  };
};
const student = { studentId: 'st', classId: 'c6', grade: 6 };
const open = () => false;
const entry = (termNo: number, kind: string, slotIndex: number, v: number | string): EntryRow => ({
  studentId: 'st',
  subjectId: 'THCS_TOAN',
  termNo,
  kind,
  slotIndex,
  score: typeof v === 'number' ? v : null,
  result: typeof v === 'string' ? v : null,
});

describe('slots', () => {
  it('follow the periods per year (Circular 22) and the periodic tests (Circular 27)', () => {
    expect(slotsFor(meta('THCS_TOAN', 6), 6, 1).map((s) => s.code)).toEqual([
      'TX1',
      'TX2',
      'TX3',
      'TX4',
      'GK',
      'CK',
      'NX',
    ]);
    expect(slotsFor(meta('THCS_CONG_NGHE', 8), 8, 1).map((s) => s.code)).toEqual([
      'TX1',
      'TX2',
      'TX3',
      'GK',
      'CK',
      'NX',
    ]);
    expect(slotsFor(meta('TH_TOAN', 5), 5, 1).map((s) => s.code)).toEqual(['GK', 'KTGK', 'CK', 'KTCK', 'NX']);
    expect(slotsFor(meta('TH_DAO_DUC', 5), 5, 2).map((s) => s.code)).toEqual(['GK', 'CK', 'NX']);
  });
});

describe('subject results', () => {
  it('computes ĐTBmhk and ĐTBmcn with the domain rules', () => {
    const entries = [
      ...[8, 7, 9, 6].map((v, i) => entry(1, 'regular', i + 1, v)),
      entry(1, 'midterm', 0, 7),
      entry(1, 'endterm', 0, 8),
      ...[9, 9, 8, 10].map((v, i) => entry(2, 'regular', i + 1, v)),
      entry(2, 'midterm', 0, 8.5),
      entry(2, 'endterm', 0, 9),
    ];
    const rows = computeSubjectResults(student, meta('THCS_TOAN', 6), entries, open);
    // (8+7+9+6 + 2·7 + 3·8) / 9 = 68/9 = 7.56 → 7.6; (36 + 17 + 27) / 9 = 8.89 → 8.9; (7.6 + 2·8.9) / 3 = 8.47 → 8.5
    expect(rows.map((r) => [r.period, r.average, r.status])).toEqual([
      ['term1', 7.6, 'complete'],
      ['term2', 8.9, 'complete'],
      ['year', 8.5, 'complete'],
    ]);
  });

  it('never takes a missing score as 0', () => {
    const rows = computeSubjectResults(
      student,
      meta('THCS_TOAN', 6),
      [entry(1, 'midterm', 0, 7), entry(1, 'endterm', 0, 8)],
      open,
    );
    expect(rows.every((r) => r.average === null && r.status === 'incomplete')).toBe(true);
  });

  it('leaves a comment-only term incomplete while open and Chưa đạt once locked', () => {
    const gdtc = meta('THCS_GDTC', 6);
    const e = [entry(1, 'regular', 1, 'D'), entry(1, 'midterm', 0, 'D'), entry(1, 'endterm', 0, 'D')].map(
      (x) => ({ ...x, subjectId: gdtc.id }),
    );
    expect(computeSubjectResults(student, gdtc, e, open)[0]).toMatchObject({
      result: null,
      status: 'incomplete',
    });
    expect(computeSubjectResults(student, gdtc, e, () => true)[0]).toMatchObject({
      result: 'CD',
      status: 'complete',
    });
  });
});

describe('student results', () => {
  const subjects = CURRICULUM.filter((s) => s.level === 'THCS' && s.periodsByGrade[6]).map((s) =>
    meta(s.code, 6),
  );
  const results = (average: number): SubjectResultRow[] =>
    subjects.flatMap((s) =>
      (['term1', 'term2', 'year'] as const).map((period) => ({
        studentId: 'st',
        subjectId: s.id,
        period,
        classId: 'c6',
        average: s.assessment === 'scored' ? average : null,
        result: s.assessment === 'comment' ? 'D' : null,
        testScore: null,
        status: 'complete' as const,
      })),
    );
  const conduct = (t1: string, t2: string): ConductRow[] => [
    { studentId: 'st', termNo: 1, aspect: 'conduct', level: t1 },
    { studentId: 'st', termNo: 2, aspect: 'conduct', level: t2 },
  ];

  it('classifies learning, conduct, promotion and award', () => {
    const rows = computeStudentResults(student, subjects, results(9.2), conduct('K', 'T'));
    expect(rows.find((r) => r.period === 'year')).toMatchObject({
      learning: 'T',
      conduct: 'T',
      promotion: 'promoted',
      award: 'excellent',
      status: 'complete',
    });
    const weak = computeStudentResults(student, subjects, results(4.2), conduct('D', 'D'));
    expect(weak.find((r) => r.period === 'year')).toMatchObject({
      learning: 'CD',
      promotion: 'summer_reassessment',
    });
  });

  it('counts excused and unexcused sessions together: 45 promoted, 46 retained (Circular 22 art. 12)', () => {
    const year = (excused: number, unexcused: number) =>
      computeStudentResults(student, subjects, results(9.2), conduct('K', 'T'), { excused, unexcused }).find(
        (r) => r.period === 'year',
      )!;
    expect(year(30, 15)).toMatchObject({
      promotion: 'promoted',
      award: 'excellent',
      absentExcused: 30,
      absentUnexcused: 15,
    });
    expect(year(30, 16)).toMatchObject({ promotion: 'retained', absentExcused: 30, absentUnexcused: 16 });
    expect(year(46, 0).promotion).toBe('retained');
    expect(year(0, 46).promotion).toBe('retained');
    // The term rows carry no year count; without attendance the year row counts none.
    const rows = computeStudentResults(student, subjects, results(9.2), conduct('K', 'T'));
    expect(rows.find((r) => r.period === 'term1')).toMatchObject({
      absentExcused: null,
      absentUnexcused: null,
    });
    expect(rows.find((r) => r.period === 'year')).toMatchObject({ absentExcused: 0, absentUnexcused: 0 });
  });

  it('lists what is missing instead of guessing', () => {
    const rows = computeStudentResults(
      student,
      subjects,
      results(7).filter((r) => r.subjectId !== 'THCS_TOAN'),
      conduct('T', 'T').slice(0, 1),
    );
    expect(rows.find((r) => r.period === 'term2')).toMatchObject({
      learning: null,
      status: 'incomplete',
      missing: ['THCS_TOAN', 'conduct'],
    });
  });

  it('gives the Circular 27 end-of-year result from levels, tests, qualities and competencies', () => {
    const pupil = { studentId: 'st', classId: 'c3', grade: 3 };
    const th = CURRICULUM.filter((s) => s.level === 'TH' && s.periodsByGrade[3]).map((s) => meta(s.code, 3));
    const year: SubjectResultRow[] = th.map((s) => ({
      studentId: 'st',
      subjectId: s.id,
      period: 'year',
      classId: 'c3',
      average: null,
      result: 'HTT',
      testScore: s.assessment === 'level_test' ? 9 : null,
      status: 'complete',
    }));
    const ratings = (level: string): ConductRow[] =>
      [...QUALITIES, ...COMPETENCIES].map((q) => ({ studentId: 'st', termNo: 2, aspect: q.code, level }));
    expect(computeStudentResults(pupil, th, year, ratings('T')).at(-1)).toMatchObject({
      primaryResult: 'HTXS',
      status: 'complete',
    });
    expect(computeStudentResults(pupil, th, year, ratings('D')).at(-1)).toMatchObject({
      primaryResult: 'HT',
    });
    const none = computeStudentResults(pupil, th, year, []).at(-1)!;
    expect(none.status).toBe('incomplete');
    expect(none.missing).toHaveLength(15);
  });
});
