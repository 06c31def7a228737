import { describe, expect, it } from 'vitest';
import {
  CONDUCT_LEVEL_LABELS,
  type CodedSubjectResult,
  type ConductLevel,
  classifyLearningResult,
  commentTermResult,
  commentYearResult,
  compareLevels,
  computeTermAverage,
  computeYearAverage,
  conductYearResult,
  isAtLeast,
  isExcellentStudent,
  isGoodStudent,
  LEARNING_LEVEL_LABELS,
  type LearningLevel,
  parseOptionalScore,
  parseScore,
  promotionDecision,
  reassessmentSubjects,
  recomputeAfterReassessment,
  regularAssessmentCount,
  regularAssessmentCountForSubject,
  roundScore,
  type SubjectResult,
  validateScore,
  yearAward,
} from './circular22';
import { IncompleteAssessmentError } from './incomplete-assessment.error';

const scored = (...averages: number[]): SubjectResult[] =>
  averages.map((average) => ({ kind: 'scored', average }));
const comments = (...results: ('D' | 'CD')[]): SubjectResult[] =>
  results.map((comment) => ({ kind: 'comment', comment }));
/** A THCS timetable has 4 comment-only subjects. */
const fourPass = comments('D', 'D', 'D', 'D');

describe('regularAssessmentCount', () => {
  it('gives comment-only subjects 2, whatever their periods', () => {
    for (const periods of [35, 70, 105, 140]) expect(regularAssessmentCount('comment', periods)).toBe(2);
  });

  it.each([
    [35, 2],
    [36, 3],
    [52, 3],
    [70, 3],
    [71, 4],
    [105, 4],
    [140, 4],
    [18, 2],
  ] as const)('gives a scored subject with %i periods %i regular assessments', (periods, count) => {
    expect(regularAssessmentCount('scored', periods)).toBe(count);
  });

  it('rejects periods that are not a positive integer', () => {
    for (const periods of [0, -35, 35.5, Number.NaN]) {
      expect(() => regularAssessmentCount('scored', periods)).toThrow(RangeError);
    }
  });

  it('matches the curriculum table for THCS subjects', () => {
    const expected: [string, number, number][] = [
      ['THCS_NGU_VAN', 6, 4],
      ['THCS_TOAN', 9, 4],
      ['THCS_NGOAI_NGU_1', 7, 4],
      ['THCS_GDCD', 6, 2],
      ['THCS_LS_DL', 8, 4],
      ['THCS_KHTN', 6, 4],
      ['THCS_CONG_NGHE', 6, 2],
      ['THCS_CONG_NGHE', 7, 2],
      ['THCS_CONG_NGHE', 8, 3],
      ['THCS_CONG_NGHE', 9, 3],
      ['THCS_TIN_HOC', 6, 2],
      ['THCS_GDTC', 6, 2],
      ['THCS_NGHE_THUAT', 6, 2],
      ['THCS_HDTN', 6, 2],
      ['THCS_GDDP', 6, 2],
      ['THPT_LICH_SU', 10, 3],
      ['THPT_GDQPAN', 11, 2],
      ['THPT_VAT_LI', 12, 3],
      ['THPT_TOAN', 10, 4],
    ];
    for (const [code, grade, count] of expected) {
      expect(regularAssessmentCountForSubject(code, grade), `${code} grade ${grade}`).toBe(count);
    }
  });

  it('refuses primary subjects, unknown codes and grades that do not study the subject', () => {
    expect(() => regularAssessmentCountForSubject('TH_TOAN', 3)).toThrow(RangeError);
    expect(() => regularAssessmentCountForSubject('THCS_TOAN', 10)).toThrow(RangeError);
    expect(() => regularAssessmentCountForSubject('NOPE', 6)).toThrow(RangeError);
  });
});

describe('validateScore', () => {
  it.each([0, 10, 8.5, 7, 0.1, 9.9, 8.3])('accepts %d', (score) => {
    expect(validateScore(score)).toEqual({ ok: true, value: score });
  });

  it('returns -0 as 0', () => {
    const result = validateScore(-0);
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });

  it.each([10.1, -0.1, 11, -1, 100])('rejects %d as out of range', (score) => {
    expect(validateScore(score)).toEqual({ ok: false, error: 'SCORE_OUT_OF_RANGE' });
  });

  it.each([8.55, 0.05, 7.25, 0.1 + 0.2, 1e-7])('rejects %d as having too many decimals', (score) => {
    expect(validateScore(score)).toEqual({ ok: false, error: 'SCORE_TOO_MANY_DECIMALS' });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '8', null, undefined, {}])(
    'rejects %s as not a number',
    (value) => {
      expect(validateScore(value)).toEqual({ ok: false, error: 'SCORE_NOT_NUMBER' });
    },
  );
});

describe('parseScore', () => {
  it.each([
    ['8,5', 8.5],
    ['8.5', 8.5],
    [' 9 ', 9],
    ['10', 10],
    ['0', 0],
    ['8,50', 8.5],
    ['+7', 7],
  ] as const)('parses %j as %d', (text, value) => {
    expect(parseScore(text)).toEqual({ ok: true, value });
  });

  it.each(['', '  ', 'abc', '8,5,1', '.5', '8.', '1 000', '8 5', '8,5đ'])(
    'rejects %j as not a number',
    (text) => {
      expect(parseScore(text)).toEqual({ ok: false, error: 'SCORE_NOT_NUMBER' });
    },
  );

  it('applies the range and decimals rules', () => {
    expect(parseScore('11')).toEqual({ ok: false, error: 'SCORE_OUT_OF_RANGE' });
    expect(parseScore('-1')).toEqual({ ok: false, error: 'SCORE_OUT_OF_RANGE' });
    expect(parseScore('8,55')).toEqual({ ok: false, error: 'SCORE_TOO_MANY_DECIMALS' });
    expect(parseScore(6.5)).toEqual({ ok: true, value: 6.5 });
  });

  it('parseOptionalScore treats blanks as a missing score, not as 0', () => {
    expect(parseOptionalScore('')).toEqual({ ok: true, value: undefined });
    expect(parseOptionalScore('   ')).toEqual({ ok: true, value: undefined });
    expect(parseOptionalScore(null)).toEqual({ ok: true, value: undefined });
    expect(parseOptionalScore(undefined)).toEqual({ ok: true, value: undefined });
    expect(parseOptionalScore('7,5')).toEqual({ ok: true, value: 7.5 });
    expect(parseOptionalScore('x')).toEqual({ ok: false, error: 'SCORE_NOT_NUMBER' });
  });
});

describe('roundScore', () => {
  it.each([
    [6.45, 6.5],
    [6.449999, 6.4],
    [8.05, 8.1],
    [4.95, 5.0],
    [0.15, 0.2],
    [1.25, 1.3],
    [2.675, 2.7],
    [1.005, 1.0],
    [6.44, 6.4],
    [6.46, 6.5],
    [9.95, 10],
    [10, 10],
    [0, 0],
    [7.5, 7.5],
  ])('rounds %d to %d', (value, rounded) => {
    expect(roundScore(value)).toBe(rounded);
  });

  it('absorbs floating-point noise from earlier arithmetic', () => {
    expect(6.449999999999999).not.toBe(6.45);
    expect(roundScore(6.449999999999999)).toBe(6.5);
    expect(roundScore(0.1 * 3 * 10)).toBe(3);
    expect(roundScore((6.4 + 6.5) / 2)).toBe(6.5); // 6.45
  });

  it('rounds negative values half away from zero, without -0', () => {
    expect(roundScore(-6.45)).toBe(-6.5);
    expect(Object.is(roundScore(-0.04), 0)).toBe(true);
  });

  it('throws for NaN and infinities', () => {
    expect(() => roundScore(Number.NaN)).toThrow(RangeError);
    expect(() => roundScore(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('computeTermAverage', () => {
  it('applies (Σ regular + 2·mid + 3·end) / (n + 5)', () => {
    // (8 + 7 + 9 + 6 + 2·7 + 3·8) / 9 = 68 / 9 = 7.555…
    expect(
      computeTermAverage({ regular: [8, 7, 9, 6], midterm: 7, endterm: 8, requiredRegularCount: 4 }),
    ).toEqual({
      status: 'complete',
      average: 7.6,
      regularCount: 4,
    });
    // (6.5 + 7 + 2·6 + 3·7) / 7 = 46.5 / 7 = 6.642…
    expect(
      computeTermAverage({ regular: [6.5, 7], midterm: 6, endterm: 7, requiredRegularCount: 2 }),
    ).toEqual({
      status: 'complete',
      average: 6.6,
      regularCount: 2,
    });
  });

  it('rounds an exact half up, without floating-point error', () => {
    // (6 + 6 + 6.6 + 2·6 + 3·7) / 8 = 51.6 / 8 = 6.45 exactly
    const a = computeTermAverage({ regular: [6, 6, 6.6], midterm: 6, endterm: 7, requiredRegularCount: 3 });
    expect(a).toMatchObject({ status: 'complete', average: 6.5 });
    // (6 + 6 + 6 + 6 + 6.5 + 2·6 + 3·6) / 10 = 60.5 / 10 = 6.05 exactly
    const b = computeTermAverage({ regular: [6, 6, 6, 6, 6.5], midterm: 6, endterm: 6 });
    expect(b).toMatchObject({ status: 'complete', average: 6.1 });
  });

  it('gives the common score when all scores are equal', () => {
    expect(computeTermAverage({ regular: [8, 8], midterm: 8, endterm: 8 })).toMatchObject({ average: 8 });
    expect(computeTermAverage({ regular: [0, 0], midterm: 0, endterm: 0 })).toMatchObject({ average: 0 });
    expect(computeTermAverage({ regular: [10, 10], midterm: 10, endterm: 10 })).toMatchObject({
      average: 10,
    });
  });

  it('never treats a missing score as 0', () => {
    expect(computeTermAverage({ regular: [8, 8, 8], midterm: 8, requiredRegularCount: 3 })).toEqual({
      status: 'incomplete',
      missing: { regular: 0, midterm: false, endterm: true },
    });
    expect(
      computeTermAverage({
        regular: [8, null, undefined],
        midterm: null,
        endterm: 9,
        requiredRegularCount: 3,
      }),
    ).toEqual({ status: 'incomplete', missing: { regular: 2, midterm: true, endterm: false } });
    expect(computeTermAverage({ regular: [], midterm: 8, endterm: 8 })).toEqual({
      status: 'incomplete',
      missing: { regular: 1, midterm: false, endterm: false },
    });
  });

  it('counts regular scores beyond the required number', () => {
    // (5 + 6 + 7 + 2·6 + 3·6) / 8 = 48 / 8 = 6
    expect(
      computeTermAverage({ regular: [5, 6, 7], midterm: 6, endterm: 6, requiredRegularCount: 2 }),
    ).toEqual({
      status: 'complete',
      average: 6,
      regularCount: 3,
    });
  });

  it('reports invalid scores before missing ones', () => {
    expect(computeTermAverage({ regular: [8, 11, null], midterm: 8.55, requiredRegularCount: 4 })).toEqual({
      status: 'invalid',
      errors: [
        { part: 'regular', index: 1, error: 'SCORE_OUT_OF_RANGE' },
        { part: 'midterm', error: 'SCORE_TOO_MANY_DECIMALS' },
      ],
    });
  });

  it('rejects a required count that is not a positive integer', () => {
    expect(() =>
      computeTermAverage({ regular: [8], midterm: 8, endterm: 8, requiredRegularCount: 0 }),
    ).toThrow(RangeError);
  });
});

describe('computeYearAverage', () => {
  it.each([
    [6.0, 7.0, 6.7], // 20 / 3 = 6.666…
    [6.4, 6.5, 6.5], // 19.4 / 3 = 6.466…
    [8, 8, 8],
    [5.0, 4.9, 4.9], // 14.8 / 3 = 4.933…
    [9.1, 7.9, 8.3], // 24.9 / 3 = 8.3
    [0, 10, 6.7],
  ])('(%d + 2·%d) / 3 = %d', (term1, term2, average) => {
    expect(computeYearAverage(term1, term2)).toEqual({ status: 'complete', average });
  });

  it('reports missing and invalid term averages', () => {
    expect(computeYearAverage(undefined, 7)).toEqual({ status: 'incomplete', missing: ['term1'] });
    expect(computeYearAverage(null, null)).toEqual({ status: 'incomplete', missing: ['term1', 'term2'] });
    expect(computeYearAverage(11, 7.25)).toEqual({
      status: 'invalid',
      errors: [
        { part: 'term1', error: 'SCORE_OUT_OF_RANGE' },
        { part: 'term2', error: 'SCORE_TOO_MANY_DECIMALS' },
      ],
    });
  });
});

describe('comment-only subjects', () => {
  it('a term is Đạt when every assessment was made and is Đạt', () => {
    expect(commentTermResult({ regular: ['D', 'D'], midterm: 'D', endterm: 'D' })).toEqual({
      status: 'complete',
      result: 'D',
      missingAssessments: 0,
    });
  });

  it('a term is Chưa đạt when any assessment is Chưa đạt', () => {
    expect(commentTermResult({ regular: ['D', 'CD'], midterm: 'D', endterm: 'D' })).toMatchObject({
      result: 'CD',
    });
    expect(commentTermResult({ regular: ['D', 'D'], midterm: 'D', endterm: 'CD' })).toMatchObject({
      result: 'CD',
    });
  });

  it('is incomplete while the term is open and an assessment is missing', () => {
    expect(commentTermResult({ regular: ['D'], midterm: 'D' })).toEqual({
      status: 'incomplete',
      missing: { regular: 1, midterm: false, endterm: true },
    });
  });

  it('is Chưa đạt for missing assessments once the term is closed', () => {
    expect(commentTermResult({ regular: ['D'], midterm: 'D', endterm: 'D', termClosed: true })).toEqual({
      status: 'complete',
      result: 'CD',
      missingAssessments: 1,
    });
  });

  it('rejects values other than D and CD', () => {
    expect(() => commentTermResult({ regular: ['D', 'X' as 'D'], midterm: 'D', endterm: 'D' })).toThrow(
      RangeError,
    );
  });

  it('the year result is the term II result', () => {
    expect(commentYearResult('D')).toBe('D');
    expect(commentYearResult('CD')).toBe('CD');
  });
});

describe('classifyLearningResult', () => {
  it('Tốt at the boundary: all ≥ 6.5 and exactly 6 subjects at 8.0', () => {
    expect(classifyLearningResult([...scored(8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 6.5, 6.5), ...fourPass])).toBe(
      'T',
    );
  });

  it('Khá when only 5 subjects reach 8.0', () => {
    expect(classifyLearningResult([...scored(8.0, 8.0, 8.0, 8.0, 8.0, 7.9, 6.5, 6.5), ...fourPass])).toBe(
      'K',
    );
  });

  it('Khá when one subject is 6.4 although the others are 9', () => {
    expect(classifyLearningResult([...scored(9, 9, 9, 9, 9, 9, 9, 6.4), ...fourPass])).toBe('K');
  });

  it('a single comment subject Chưa đạt drops a Tốt record to Đạt', () => {
    expect(
      classifyLearningResult([...scored(9, 9, 9, 9, 9, 9, 9, 9), ...comments('D', 'D', 'D', 'CD')]),
    ).toBe('D');
  });

  it('two comment subjects Chưa đạt make Chưa đạt', () => {
    expect(
      classifyLearningResult([...scored(10, 10, 10, 10, 10, 10, 10, 10), ...comments('D', 'D', 'CD', 'CD')]),
    ).toBe('CD');
  });

  it('Khá at the boundary: all ≥ 5.0 and exactly 6 subjects at 6.5', () => {
    expect(classifyLearningResult([...scored(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5.0, 5.0), ...fourPass])).toBe(
      'K',
    );
    expect(classifyLearningResult([...scored(6.5, 6.5, 6.5, 6.5, 6.5, 6.4, 5.0, 5.0), ...fourPass])).toBe(
      'D',
    );
    expect(classifyLearningResult([...scored(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 4.9, 5.0), ...fourPass])).toBe(
      'D',
    );
  });

  it('Đạt at the 3.5 boundary, Chưa đạt below it', () => {
    expect(classifyLearningResult([...scored(5, 5, 5, 5, 5, 5, 3.5, 3.5), ...fourPass])).toBe('D');
    expect(classifyLearningResult([...scored(5, 5, 5, 5, 5, 5, 3.4, 9), ...fourPass])).toBe('CD');
  });

  it('Chưa đạt with fewer than 6 scored subjects at 5.0', () => {
    expect(classifyLearningResult([...scored(5, 5, 5, 5, 5, 4.9, 4.9, 4.9), ...fourPass])).toBe('CD');
  });

  it('applies "at least 6" literally: fewer than 6 scored subjects can only be Chưa đạt', () => {
    expect(classifyLearningResult([...scored(10, 10, 10, 10, 10), ...fourPass])).toBe('CD');
  });

  it('classifies a THPT record (7 scored subjects with electives Âm nhạc and Mĩ thuật)', () => {
    expect(
      classifyLearningResult([
        ...scored(8.2, 8.0, 8.5, 9.0, 8.1, 8.0, 7.0),
        ...comments('D', 'D', 'D', 'D', 'D', 'D'),
      ]),
    ).toBe('T');
  });

  it('throws IncompleteAssessmentError naming each missing result', () => {
    const subjects: SubjectResult[] = [
      { code: 'THCS_TOAN', kind: 'scored' },
      { code: 'THCS_NGU_VAN', kind: 'scored', average: null },
      { kind: 'comment' },
      ...scored(9, 9, 9, 9, 9, 9),
    ];
    try {
      classifyLearningResult(subjects);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IncompleteAssessmentError);
      expect((error as IncompleteAssessmentError).missing).toEqual([
        'THCS_TOAN: average',
        'THCS_NGU_VAN: average',
        'subjects[2]: comment',
      ]);
      expect((error as IncompleteAssessmentError).code).toBe('ASSESSMENT_INCOMPLETE');
    }
  });

  it('throws a RangeError for malformed input', () => {
    expect(() => classifyLearningResult([])).toThrow(RangeError);
    expect(() => classifyLearningResult(scored(11, 9, 9, 9, 9, 9))).toThrow(RangeError);
    expect(() => classifyLearningResult(scored(Number.NaN, 9, 9, 9, 9, 9))).toThrow(RangeError);
  });
});

describe('conductYearResult', () => {
  // The README's rule, row by row: [term I, term II, year].
  const table: [ConductLevel, ConductLevel, ConductLevel][] = [
    // Tốt = (Tốt, Khá or better)
    ['T', 'T', 'T'],
    ['K', 'T', 'T'],
    // Khá = (Tốt, Đạt or Chưa đạt)
    ['D', 'T', 'K'],
    ['CD', 'T', 'K'],
    // Khá = (Khá, Đạt or better)
    ['T', 'K', 'K'],
    ['K', 'K', 'K'],
    ['D', 'K', 'K'],
    // Đạt = (Khá, Chưa đạt)
    ['CD', 'K', 'D'],
    // Khá = (Đạt, Tốt)
    ['T', 'D', 'K'],
    // Đạt = (Đạt, Khá/Đạt/Chưa đạt)
    ['K', 'D', 'D'],
    ['D', 'D', 'D'],
    ['CD', 'D', 'D'],
    // Chưa đạt otherwise
    ['T', 'CD', 'CD'],
    ['K', 'CD', 'CD'],
    ['D', 'CD', 'CD'],
    ['CD', 'CD', 'CD'],
  ];

  it('covers all 16 combinations', () => {
    expect(new Set(table.map(([term1, term2]) => `${term1}/${term2}`)).size).toBe(16);
  });

  it.each(table)('term I %s, term II %s → %s', (term1, term2, year) => {
    expect(conductYearResult(term1, term2)).toBe(year);
  });

  it('rejects unknown levels', () => {
    expect(() => conductYearResult('X' as ConductLevel, 'T')).toThrow(RangeError);
  });
});

describe('promotionDecision', () => {
  it('promotes with conduct and learning Đạt and exactly 45 absent sessions', () => {
    expect(promotionDecision({ conductYear: 'D', learningYear: 'D', absentSessions: 45 })).toEqual({
      outcome: 'promoted',
      reasons: [],
      pendingSummerActions: [],
      conduct: 'D',
      learning: 'D',
    });
  });

  it('retains a student absent 46 sessions, even with Tốt results', () => {
    expect(promotionDecision({ conductYear: 'T', learningYear: 'T', absentSessions: 46 })).toMatchObject({
      outcome: 'retained',
      reasons: ['ABSENCES_OVER_LIMIT'],
    });
    expect(promotionDecision({ conductYear: 'CD', learningYear: 'CD', absentSessions: 60 })).toMatchObject({
      outcome: 'retained',
      reasons: ['ABSENCES_OVER_LIMIT'],
      pendingSummerActions: [],
    });
  });

  it('sends conduct Chưa đạt to summer training, then decides on its result', () => {
    expect(promotionDecision({ conductYear: 'CD', learningYear: 'K', absentSessions: 3 })).toMatchObject({
      outcome: 'summer_conduct_training',
      reasons: ['CONDUCT_NOT_ACHIEVED'],
      pendingSummerActions: ['summer_conduct_training'],
    });
    expect(
      promotionDecision({
        conductYear: 'CD',
        learningYear: 'K',
        absentSessions: 3,
        conductAfterSummerTraining: 'D',
      }),
    ).toMatchObject({ outcome: 'promoted', conduct: 'D', reasons: [] });
    expect(
      promotionDecision({
        conductYear: 'CD',
        learningYear: 'K',
        absentSessions: 3,
        conductAfterSummerTraining: 'CD',
      }),
    ).toMatchObject({ outcome: 'retained', reasons: ['CONDUCT_NOT_ACHIEVED_AFTER_TRAINING'] });
  });

  it('sends learning Chưa đạt to summer re-assessment, then decides on the recomputed result', () => {
    expect(promotionDecision({ conductYear: 'K', learningYear: 'CD', absentSessions: 0 })).toMatchObject({
      outcome: 'summer_reassessment',
      reasons: ['LEARNING_NOT_ACHIEVED'],
      pendingSummerActions: ['summer_reassessment'],
    });
    expect(
      promotionDecision({
        conductYear: 'K',
        learningYear: 'CD',
        absentSessions: 0,
        learningAfterReassessment: 'D',
      }),
    ).toMatchObject({ outcome: 'promoted', learning: 'D' });
    expect(
      promotionDecision({
        conductYear: 'K',
        learningYear: 'CD',
        absentSessions: 0,
        learningAfterReassessment: 'CD',
      }),
    ).toMatchObject({ outcome: 'retained', reasons: ['LEARNING_NOT_ACHIEVED_AFTER_REASSESSMENT'] });
  });

  it('with both Chưa đạt: training first, re-assessment only if training succeeds', () => {
    expect(promotionDecision({ conductYear: 'CD', learningYear: 'CD', absentSessions: 10 })).toMatchObject({
      outcome: 'summer_conduct_training',
      reasons: ['CONDUCT_NOT_ACHIEVED', 'LEARNING_NOT_ACHIEVED'],
      pendingSummerActions: ['summer_conduct_training', 'summer_reassessment'],
    });
    expect(
      promotionDecision({
        conductYear: 'CD',
        learningYear: 'CD',
        absentSessions: 10,
        conductAfterSummerTraining: 'D',
      }),
    ).toMatchObject({ outcome: 'summer_reassessment', pendingSummerActions: ['summer_reassessment'] });
    expect(
      promotionDecision({
        conductYear: 'CD',
        learningYear: 'CD',
        absentSessions: 10,
        conductAfterSummerTraining: 'CD',
      }),
    ).toMatchObject({ outcome: 'retained', pendingSummerActions: [] });
    expect(
      promotionDecision({
        conductYear: 'CD',
        learningYear: 'CD',
        absentSessions: 10,
        conductAfterSummerTraining: 'K',
        learningAfterReassessment: 'D',
      }),
    ).toMatchObject({ outcome: 'promoted', conduct: 'K', learning: 'D' });
  });

  it('rejects summer results the situation does not call for, and bad absence counts', () => {
    const base = { conductYear: 'D', learningYear: 'D', absentSessions: 0 } as const;
    expect(() => promotionDecision({ ...base, conductAfterSummerTraining: 'T' })).toThrow(RangeError);
    expect(() => promotionDecision({ ...base, learningAfterReassessment: 'T' })).toThrow(RangeError);
    expect(() =>
      promotionDecision({
        conductYear: 'CD',
        learningYear: 'CD',
        absentSessions: 0,
        learningAfterReassessment: 'D',
      }),
    ).toThrow(RangeError);
    expect(() => promotionDecision({ ...base, absentSessions: -1 })).toThrow(RangeError);
    expect(() => promotionDecision({ ...base, absentSessions: 2.5 })).toThrow(RangeError);
  });
});

describe('summer re-assessment', () => {
  const record: CodedSubjectResult[] = [
    { code: 'THCS_TOAN', kind: 'scored', average: 4.2 },
    { code: 'THCS_NGU_VAN', kind: 'scored', average: 4.9 },
    { code: 'THCS_NGOAI_NGU_1', kind: 'scored', average: 5.0 },
    { code: 'THCS_GDCD', kind: 'scored', average: 7 },
    { code: 'THCS_LS_DL', kind: 'scored', average: 6 },
    { code: 'THCS_KHTN', kind: 'scored', average: 5.5 },
    { code: 'THCS_CONG_NGHE', kind: 'scored', average: 6 },
    { code: 'THCS_TIN_HOC', kind: 'scored', average: 3.4 },
    { code: 'THCS_GDTC', kind: 'comment', comment: 'CD' },
    { code: 'THCS_NGHE_THUAT', kind: 'comment', comment: 'D' },
    { code: 'THCS_HDTN', kind: 'comment', comment: 'D' },
    { code: 'THCS_GDDP', kind: 'comment', comment: 'D' },
  ];

  it('lists scored subjects below 5.0 and comment subjects Chưa đạt', () => {
    expect(classifyLearningResult(record)).toBe('CD');
    expect(reassessmentSubjects(record).map((subject) => subject.code)).toEqual([
      'THCS_TOAN',
      'THCS_NGU_VAN',
      'THCS_TIN_HOC',
      'THCS_GDTC',
    ]);
  });

  it('replaces the re-assessed results and recomputes the learning result', () => {
    const { subjects, learning } = recomputeAfterReassessment(record, [
      { code: 'THCS_TOAN', score: 6 },
      { code: 'THCS_TIN_HOC', score: 5.5 },
      { code: 'THCS_GDTC', comment: 'D' },
    ]);
    expect(subjects.find((subject) => subject.code === 'THCS_TOAN')?.average).toBe(6);
    expect(subjects.find((subject) => subject.code === 'THCS_NGU_VAN')?.average).toBe(4.9);
    expect(subjects.find((subject) => subject.code === 'THCS_GDTC')?.comment).toBe('D');
    expect(learning).toBe('D');
    expect(record[0].average).toBe(4.2); // input untouched
  });

  it('keeps Chưa đạt when the re-assessment fails', () => {
    expect(recomputeAfterReassessment(record, [{ code: 'THCS_TIN_HOC', score: 3 }]).learning).toBe('CD');
  });

  it('rejects subjects not due, wrong kinds, invalid scores and duplicates', () => {
    expect(() => recomputeAfterReassessment(record, [{ code: 'THCS_GDCD', score: 9 }])).toThrow(/not due/);
    expect(() => recomputeAfterReassessment(record, [{ code: 'THCS_TOAN', comment: 'D' }])).toThrow(
      RangeError,
    );
    expect(() => recomputeAfterReassessment(record, [{ code: 'THCS_GDTC', score: 8 }])).toThrow(RangeError);
    expect(() => recomputeAfterReassessment(record, [{ code: 'THCS_TOAN', score: 6.25 }])).toThrow(
      RangeError,
    );
    expect(() =>
      recomputeAfterReassessment(record, [
        { code: 'THCS_TOAN', score: 6 },
        { code: 'THCS_TOAN', score: 7 },
      ]),
    ).toThrow(/twice/);
  });
});

describe('awards (to confirm)', () => {
  const nineSix = [...scored(9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 8.0, 7.5), ...fourPass];
  const nineFive = [...scored(9.0, 9.0, 9.0, 9.0, 9.0, 8.9, 8.0, 7.5), ...fourPass];

  it('Học sinh Xuất sắc: conduct Tốt, learning Tốt, 6 subjects at 9.0', () => {
    expect(isExcellentStudent({ conductYear: 'T', learningYear: 'T', subjects: nineSix })).toBe(true);
    expect(isExcellentStudent({ conductYear: 'T', learningYear: 'T', subjects: nineFive })).toBe(false);
    expect(isExcellentStudent({ conductYear: 'K', learningYear: 'T', subjects: nineSix })).toBe(false);
  });

  it('Học sinh Giỏi: conduct Tốt and learning Tốt', () => {
    expect(isGoodStudent({ conductYear: 'T', learningYear: 'T' })).toBe(true);
    expect(isGoodStudent({ conductYear: 'T', learningYear: 'K' })).toBe(false);
    expect(isGoodStudent({ conductYear: 'K', learningYear: 'T' })).toBe(false);
  });

  it('yearAward gives the higher title', () => {
    expect(yearAward({ conductYear: 'T', learningYear: 'T', subjects: nineSix })).toBe('excellent');
    expect(yearAward({ conductYear: 'T', learningYear: 'T', subjects: nineFive })).toBe('good');
    expect(yearAward({ conductYear: 'K', learningYear: 'T', subjects: nineSix })).toBeUndefined();
  });
});

describe('levels and labels', () => {
  it('orders levels T > K > D > CD', () => {
    const levels: LearningLevel[] = ['CD', 'T', 'D', 'K'];
    expect([...levels].sort(compareLevels)).toEqual(['CD', 'D', 'K', 'T']);
    expect(isAtLeast('D', 'D')).toBe(true);
    expect(isAtLeast('CD', 'D')).toBe(false);
    expect(isAtLeast('T', 'K')).toBe(true);
  });

  it('labels in Vietnamese and English', () => {
    expect(LEARNING_LEVEL_LABELS.T.vi).toBe('Tốt');
    expect(LEARNING_LEVEL_LABELS.K.vi).toBe('Khá');
    expect(LEARNING_LEVEL_LABELS.D.vi).toBe('Đạt');
    expect(CONDUCT_LEVEL_LABELS.CD.vi).toBe('Chưa đạt');
    expect(CONDUCT_LEVEL_LABELS.CD.en).toBe('Not yet passed');
  });
});
