import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareScores, mergeBins, rebin } from './score-comparison';

describe('compareScores', () => {
  it('weights the reference mean by students and gives each school its gap (worked example)', () => {
    // School A: 2 students, 6 and 8 (mean 7); school B: 3 students, 4, 5, 6 (mean 5). City: 29/5 = 5.8.
    const r = compareScores([
      { schoolId: 'A', subject: 'Toán', count: 2, sum: 14, bins: [0, 0, 0, 0, 0, 0, 1, 0, 1, 0] },
      { schoolId: 'B', subject: 'Toán', count: 3, sum: 15, bins: [0, 0, 0, 0, 1, 1, 1, 0, 0, 0] },
    ]);
    expect(r.subjects).toEqual([
      { subject: 'Toán', count: 5, mean: 5.8, bins: [0, 0, 0, 0, 1, 1, 2, 0, 1, 0] },
    ]);
    const a = r.schools.find((s) => s.schoolId === 'A')!;
    const b = r.schools.find((s) => s.schoolId === 'B')!;
    expect(a.mean).toBe(7);
    expect(a.gap).toBeCloseTo(1.2, 10);
    expect(b.gap).toBeCloseTo(-0.8, 10);
  });
  it('has no mean or gap without students', () => {
    const r = compareScores([{ schoolId: 'A', subject: 'Văn', count: 0, sum: 0, bins: [] }]);
    expect(r.schools[0]).toMatchObject({ mean: null, gap: null });
  });
  it('weighted gaps sum to zero and bins sum to the count (property)', () => {
    const group = fc.record({
      schoolId: fc.constantFrom('A', 'B', 'C'),
      scores: fc.array(
        fc.integer({ min: 0, max: 100 }).map((x) => x / 10),
        { minLength: 1, maxLength: 20 },
      ),
    });
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 6 }), (list) => {
        const groups = list.map((g) => {
          const bins = Array.from({ length: 10 }, () => 0);
          for (const s of g.scores) bins[Math.min(9, Math.floor(s))]++;
          return {
            schoolId: g.schoolId,
            subject: 'Toán',
            count: g.scores.length,
            sum: g.scores.reduce((a, b) => a + b, 0),
            bins,
          };
        });
        const r = compareScores(groups);
        const weighted = r.schools.reduce((s, x) => s + x.count * (x.gap ?? 0), 0);
        expect(Math.abs(weighted)).toBeLessThan(1e-6);
        expect(r.subjects[0].bins.reduce((a, b) => a + b, 0)).toBe(r.subjects[0].count);
      }),
    );
  });
});

describe('bins', () => {
  it('regroups 0.25-wide bins into 1-point bins', () => {
    const fine = Array.from({ length: 40 }, (_, i) => (i < 4 ? 1 : i === 39 ? 2 : 0));
    expect(rebin(fine, 4)).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(() => rebin([1, 2, 3], 2)).toThrow(RangeError);
    expect(
      mergeBins([
        [1, 2],
        [3, 4, 5],
      ]),
    ).toEqual([4, 6, 5]);
  });
});
