import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONDUCT_LEVELS,
  type CodedSubjectResult,
  type CommentResult,
  classifyLearningResult,
  compareLevels,
  computeTermAverage,
  computeYearAverage,
  conductYearResult,
  isAtLeast,
  promotionDecision,
  reassessmentSubjects,
  recomputeAfterReassessment,
  roundScore,
  type SubjectResult,
  validateScore,
} from './circular22';

/** A valid score: 0.0 to 10.0 in steps of 0.1. */
const score = fc.integer({ min: 0, max: 100 }).map((tenths) => tenths / 10);
const commentResult = fc.constantFrom<CommentResult>('D', 'CD');
const conduct = fc.constantFrom(...CONDUCT_LEVELS);

const subjectResult: fc.Arbitrary<SubjectResult> = fc.oneof(
  score.map((average): SubjectResult => ({ kind: 'scored', average })),
  commentResult.map((comment): SubjectResult => ({ kind: 'comment', comment })),
);
const record = fc.array(subjectResult, { minLength: 1, maxLength: 16 });

const termScores = fc.record({
  regular: fc.array(score, { minLength: 1, maxLength: 6 }),
  midterm: score,
  endterm: score,
});

function averageOf(result: ReturnType<typeof computeTermAverage>): number {
  if (result.status !== 'complete') throw new Error(`expected a complete average, got ${result.status}`);
  return result.average;
}

describe('roundScore properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(roundScore(roundScore(x))).toBe(roundScore(x));
      }),
    );
  });

  it('returns a value with at most one decimal, within 0.05 of the input', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (x) => {
        const rounded = roundScore(x);
        expect(validateScore(rounded).ok).toBe(true);
        expect(Math.abs(rounded - x)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });

  it('rounds every two-decimal value half up, as on paper', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (hundredths) => {
        expect(roundScore(hundredths / 100)).toBe(Math.floor((hundredths + 5) / 10) / 10);
      }),
    );
  });
});

describe('score validation properties', () => {
  it('accepts every 0.1 step from 0 to 10, written with a comma or a point', () => {
    fc.assert(
      fc.property(score, (value) => {
        expect(validateScore(value)).toEqual({ ok: true, value });
      }),
    );
  });
});

describe('term and year average properties', () => {
  it('the term average lies within [min, max] of the scores', () => {
    fc.assert(
      fc.property(termScores, (scores) => {
        const all = [...scores.regular, scores.midterm, scores.endterm];
        const average = averageOf(computeTermAverage(scores));
        expect(average).toBeGreaterThanOrEqual(Math.min(...all));
        expect(average).toBeLessThanOrEqual(Math.max(...all));
      }),
    );
  });

  it('the term average is the exact weighted mean rounded to one decimal', () => {
    fc.assert(
      fc.property(termScores, (scores) => {
        const n = scores.regular.length;
        const exact =
          (scores.regular.reduce((sum, s) => sum + s, 0) + 2 * scores.midterm + 3 * scores.endterm) / (n + 5);
        const average = averageOf(computeTermAverage(scores));
        expect(validateScore(average).ok).toBe(true);
        expect(Math.abs(average - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });

  it('raising one score never lowers the term average', () => {
    fc.assert(
      fc.property(termScores, fc.nat(), score, (scores, pick, raised) => {
        const before = averageOf(computeTermAverage(scores));
        const slot = pick % (scores.regular.length + 2);
        const next = { ...scores, regular: [...scores.regular] };
        if (slot < scores.regular.length) next.regular[slot] = Math.max(next.regular[slot], raised);
        else if (slot === scores.regular.length) next.midterm = Math.max(next.midterm, raised);
        else next.endterm = Math.max(next.endterm, raised);
        expect(averageOf(computeTermAverage(next))).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('a missing score always gives incomplete, never a number', () => {
    fc.assert(
      fc.property(termScores, fc.nat(), (scores, pick) => {
        const slot = pick % 3;
        const result = computeTermAverage({
          regular: slot === 0 ? [...scores.regular, null] : scores.regular,
          midterm: slot === 1 ? undefined : scores.midterm,
          endterm: slot === 2 ? null : scores.endterm,
          requiredRegularCount: scores.regular.length + (slot === 0 ? 1 : 0),
        });
        expect(result.status).toBe('incomplete');
      }),
    );
  });

  it('the year average lies between the two term averages', () => {
    fc.assert(
      fc.property(score, score, (term1, term2) => {
        const result = computeYearAverage(term1, term2);
        if (result.status !== 'complete') throw new Error('expected complete');
        expect(result.average).toBeGreaterThanOrEqual(Math.min(term1, term2));
        expect(result.average).toBeLessThanOrEqual(Math.max(term1, term2));
        expect(Math.abs(result.average - (term1 + 2 * term2) / 3)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });
});

describe('learning result properties', () => {
  it('raising any single score never lowers the learning result', () => {
    fc.assert(
      fc.property(record, fc.nat(), score, (subjects, pick, raised) => {
        const index = pick % subjects.length;
        const subject = subjects[index];
        const next = [...subjects];
        if (subject.kind === 'scored')
          next[index] = { ...subject, average: Math.max(subject.average ?? 0, raised) };
        else next[index] = { ...subject, comment: 'D' };
        expect(
          compareLevels(classifyLearningResult(next), classifyLearningResult(subjects)),
        ).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('Tốt and Khá need every comment subject Đạt; Đạt allows at most one Chưa đạt', () => {
    fc.assert(
      fc.property(record, (subjects) => {
        const level = classifyLearningResult(subjects);
        const failed = subjects.filter((s) => s.kind === 'comment' && s.comment === 'CD').length;
        if (level === 'T' || level === 'K') expect(failed).toBe(0);
        if (level === 'D') expect(failed).toBeLessThanOrEqual(1);
        if (level !== 'CD') {
          const averages = subjects.flatMap((s) => (s.kind === 'scored' ? [s.average ?? 0] : []));
          expect(averages.filter((a) => a >= 5).length).toBeGreaterThanOrEqual(6);
          expect(Math.min(...averages)).toBeGreaterThanOrEqual(3.5);
        }
      }),
    );
  });

  it('passing every re-assessment gives at least Đạt when there are 6 or more scored subjects', () => {
    fc.assert(
      fc.property(record, fc.integer({ min: 50, max: 100 }), (subjects, tenths) => {
        const coded: CodedSubjectResult[] = subjects.map((s, i) => ({ ...s, code: `S${i}` }));
        const due = reassessmentSubjects(coded);
        const { learning } = recomputeAfterReassessment(
          coded,
          due.map((s) =>
            s.kind === 'scored' ? { code: s.code, score: tenths / 10 } : { code: s.code, comment: 'D' },
          ),
        );
        if (coded.filter((s) => s.kind === 'scored').length >= 6) expect(isAtLeast(learning, 'D')).toBe(true);
      }),
    );
  });
});

describe('conduct and promotion properties', () => {
  it('the year conduct never falls when either term improves, and never exceeds term II by more than one level', () => {
    fc.assert(
      fc.property(conduct, conduct, conduct, (term1, term2, other) => {
        const year = conductYearResult(term1, term2);
        if (compareLevels(other, term1) > 0) {
          expect(compareLevels(conductYearResult(other, term2), year)).toBeGreaterThanOrEqual(0);
        }
        if (compareLevels(other, term2) > 0) {
          expect(compareLevels(conductYearResult(term1, other), year)).toBeGreaterThanOrEqual(0);
        }
        expect(compareLevels(year, term2)).toBeLessThanOrEqual(1);
        if (term2 === 'CD') expect(year).toBe('CD');
      }),
    );
  });

  it('more than 45 absent sessions always means retained', () => {
    fc.assert(
      fc.property(
        conduct,
        conduct,
        fc.integer({ min: 46, max: 400 }),
        (conductYear, learningYear, absent) => {
          expect(promotionDecision({ conductYear, learningYear, absentSessions: absent }).outcome).toBe(
            'retained',
          );
        },
      ),
    );
  });

  it('promotion needs conduct Đạt, learning Đạt and at most 45 absent sessions', () => {
    fc.assert(
      fc.property(conduct, conduct, fc.integer({ min: 0, max: 100 }), (conductYear, learningYear, absent) => {
        const { outcome } = promotionDecision({ conductYear, learningYear, absentSessions: absent });
        const eligible = isAtLeast(conductYear, 'D') && isAtLeast(learningYear, 'D') && absent <= 45;
        expect(outcome === 'promoted').toBe(eligible);
      }),
    );
  });
});
