import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyProgress,
  computeCount,
  computeRatio,
  computeShare,
  defaultAtRiskMargin,
  sumCounts,
  worstLight,
} from './target-progress';

describe('computeShare', () => {
  it('is 100·n/d', () => {
    expect(computeShare(230, 240)).toEqual({ numerator: 230, denominator: 240, value: (100 * 230) / 240 });
    expect(computeShare(230, 240).value).toBeCloseTo(95.8333, 4);
  });
  it('has no value when nobody is counted', () => {
    expect(computeShare(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
  });
  it('rejects impossible counts', () => {
    expect(() => computeShare(5, 4)).toThrow(RangeError);
    expect(() => computeShare(-1, 4)).toThrow(RangeError);
    expect(() => computeShare(1, Number.NaN)).toThrow(RangeError);
  });
  it('stays within 0…100 (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
        const [num, den] = a <= b ? [a, b] : [b, a];
        const { value } = computeShare(num, den);
        return den === 0 ? value === null : value !== null && value >= 0 && value <= 100;
      }),
    );
  });
});

describe('computeCount / computeRatio', () => {
  it('counts', () => expect(computeCount(6)).toEqual({ numerator: 6, denominator: null, value: 6 }));
  it('divides', () => {
    expect(computeRatio(717, 143).value).toBeCloseTo(5.014, 3);
    expect(computeRatio(717, 0).value).toBeNull();
  });
});

describe('classifyProgress', () => {
  const pct = (goal: number, margin?: number) => ({
    measure: 'percent' as const,
    comparator: 'gte' as const,
    goal,
    margin,
  });
  it('gives the Lai Châu examples', () => {
    // 100 % goal with a 2-point margin: 239/240 = 99.58 % is at risk, 97 % off track.
    expect(classifyProgress((100 * 239) / 240, pct(100, 2))).toBe('at_risk');
    expect(classifyProgress(100, pct(100, 2))).toBe('on_track');
    expect(classifyProgress(97, pct(100, 2))).toBe('off_track');
    // Khá + Tốt ≥ 80 %, margin 5: 74.63 % is off track, 75 % at risk.
    expect(classifyProgress((100 * 356) / 477, pct(80))).toBe('off_track');
    expect(classifyProgress(75, pct(80))).toBe('at_risk');
    // Tốt ≥ 95 %: 95.83 % on track.
    expect(classifyProgress((100 * 230) / 240, pct(95))).toBe('on_track');
  });
  it('compares as displayed (2 decimals)', () => {
    expect(classifyProgress(99.996, pct(100, 0))).toBe('on_track');
    expect(classifyProgress(99.99, pct(100, 0))).toBe('off_track');
  });
  it('mirrors for ≤ targets (students per computer ≤ 5)', () => {
    const rule = { measure: 'ratio' as const, comparator: 'lte' as const, goal: 5 };
    expect(classifyProgress(4.2, rule)).toBe('on_track');
    expect(classifyProgress(5.4, rule)).toBe('at_risk'); // default margin 10 % of 5 = 0.5
    expect(classifyProgress(5.6, rule)).toBe('off_track');
  });
  it('prorates a count over the elapsed period', () => {
    const rooms = { measure: 'count' as const, comparator: 'gte' as const, goal: 6, margin: 1 };
    expect(classifyProgress(3, { ...rooms, elapsed: 0.5 })).toBe('on_track');
    expect(classifyProgress(2, { ...rooms, elapsed: 0.5 })).toBe('at_risk');
    expect(classifyProgress(5, { ...rooms, elapsed: 1 })).toBe('at_risk');
    expect(classifyProgress(4, rooms)).toBe('off_track');
  });
  it('has no light without a value', () => expect(classifyProgress(null, pct(95))).toBe('no_data'));
  it('is monotone in the value (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, b) => {
          const rank = { on_track: 2, at_risk: 1, off_track: 0, no_data: -1 };
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return rank[classifyProgress(lo, pct(90))] <= rank[classifyProgress(hi, pct(90))];
        },
      ),
    );
  });
  it('has documented default margins', () => {
    expect(defaultAtRiskMargin('percent', 95)).toBe(5);
    expect(defaultAtRiskMargin('count', 6)).toBe(1);
    expect(defaultAtRiskMargin('count', 40)).toBe(4);
  });
});

describe('worstLight / sumCounts', () => {
  it('takes the worst light', () => {
    expect(worstLight(['on_track', 'at_risk', 'no_data'])).toBe('at_risk');
    expect(worstLight(['on_track', 'off_track'])).toBe('off_track');
    expect(worstLight(['no_data'])).toBe('no_data');
    expect(worstLight([])).toBe('no_data');
  });
  it('adds counters school by school', () => {
    expect(sumCounts([{ a: 1, b: 2 }, { a: 3 }, {}])).toEqual({ a: 4, b: 2 });
  });
});
