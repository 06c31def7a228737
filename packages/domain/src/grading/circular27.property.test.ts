import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPETENCIES,
  classifyPrimaryYearEnd,
  PRIMARY_YEAR_RESULTS,
  type PrimaryYearEndInput,
  type PrimaryYearResult,
  QUALITIES,
  QUALITY_LEVELS,
  SUBJECT_LEVELS,
  validatePeriodicTestScore,
} from './circular27';

const subjectLevel = fc.constantFrom(...SUBJECT_LEVELS);
const qualityLevel = fc.constantFrom(...QUALITY_LEVELS);

const input = fc.record({
  subjects: fc.array(
    fc.record({
      level: subjectLevel,
      endYearTest: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 11 },
  ),
  qualities: fc.array(qualityLevel, { minLength: QUALITIES.length, maxLength: QUALITIES.length }),
  competencies: fc.array(qualityLevel, { minLength: COMPETENCIES.length, maxLength: COMPETENCIES.length }),
});

/** Higher is better. */
const rank = (result: PrimaryYearResult): number =>
  PRIMARY_YEAR_RESULTS.length - PRIMARY_YEAR_RESULTS.indexOf(result);
const better = <T>(levels: readonly T[], a: T, b: T): T => (levels.indexOf(a) <= levels.indexOf(b) ? a : b);

describe('classifyPrimaryYearEnd properties', () => {
  it('is monotone: raising any level or test score never lowers the result', () => {
    fc.assert(
      fc.property(
        input,
        fc.nat(),
        subjectLevel,
        qualityLevel,
        fc.integer({ min: 1, max: 10 }),
        (data, pick, newLevel, newQuality, newTest) => {
          const before = rank(classifyPrimaryYearEnd(data));
          const subjects = data.subjects.map((s) => ({ ...s }));
          const qualities = [...data.qualities];
          const competencies = [...data.competencies];
          const slots = data.subjects.length * 2 + QUALITIES.length + COMPETENCIES.length;
          const slot = pick % slots;
          if (slot < data.subjects.length) {
            subjects[slot].level = better(SUBJECT_LEVELS, subjects[slot].level, newLevel);
          } else if (slot < data.subjects.length * 2) {
            const s = subjects[slot - data.subjects.length];
            if (s.endYearTest !== undefined) s.endYearTest = Math.max(s.endYearTest, newTest);
          } else if (slot < data.subjects.length * 2 + QUALITIES.length) {
            const i = slot - data.subjects.length * 2;
            qualities[i] = better(QUALITY_LEVELS, qualities[i], newQuality);
          } else {
            const i = slot - data.subjects.length * 2 - QUALITIES.length;
            competencies[i] = better(QUALITY_LEVELS, competencies[i], newQuality);
          }
          const next: PrimaryYearEndInput = { subjects, qualities, competencies };
          expect(rank(classifyPrimaryYearEnd(next))).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('a result above CHT never has a subject CHT, a level Cần cố gắng or a test below 5', () => {
    fc.assert(
      fc.property(input, (data) => {
        if (classifyPrimaryYearEnd(data) === 'CHT') return;
        expect(data.subjects.every((s) => s.level !== 'CHT')).toBe(true);
        expect([...data.qualities, ...data.competencies].every((q) => q !== 'CCG')).toBe(true);
        expect(data.subjects.every((s) => s.endYearTest === undefined || s.endYearTest >= 5)).toBe(true);
      }),
    );
  });

  it('accepts exactly the whole numbers 1 to 10 as test scores', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 15, noNaN: true }), (value) => {
        const expected = Number.isInteger(value) && value >= 1 && value <= 10;
        expect(validatePeriodicTestScore(value).ok).toBe(expected);
      }),
    );
  });
});
