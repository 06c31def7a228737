import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeScores, histogram10 } from './descriptive';
import { analyseItems, cronbachAlpha, kr20 } from './items';
import { calibrateRasch, type Dichotomous, raschProbability } from './rasch';
import { createRandomForTests } from './test-random';

/** Simulates 0/1 responses under the Rasch model. */
function simulate(thetas: number[], bs: number[], rand: () => number): Dichotomous[][] {
  return thetas.map((t) => bs.map((b) => (rand() < raschProbability(t, b) ? 1 : 0)));
}

describe('Rasch calibration (JMLE)', () => {
  it('recovers the generating difficulties of 30 items from 500 simulated persons within RMSE < 0.15 logits', () => {
    const rnd = createRandomForTests(20250301);
    const thetas = Array.from({ length: 500 }, () => rnd.normal());
    // Difficulties spread over [−2, 2], centred (the calibration fixes the mean item difficulty at 0).
    const bs = Array.from({ length: 30 }, (_, i) => -2 + (4 * i) / 29);
    const data = simulate(thetas, bs, rnd.next);
    const cal = calibrateRasch(data);
    expect(cal.converged).toBe(true);
    expect(cal.iterations).toBeLessThan(200);
    const est = cal.difficulties as number[];
    const rmse = Math.sqrt(est.reduce((a, b, i) => a + (b - bs[i]) ** 2, 0) / bs.length);
    // Tolerance stated by the issue: RMSE < 0.15 logits (the expected standard error here is ≈ 0.11).
    expect(rmse).toBeLessThan(0.15);
    // Every difficulty within 3.5 SE of its generating value, and the fit statistics near 1.
    for (const [i, b] of est.entries())
      expect(Math.abs(b - bs[i])).toBeLessThan(3.5 * (cal.itemSe[i] as number));
    const infits = cal.infit as number[];
    expect(Math.max(...infits)).toBeLessThan(1.3);
    expect(Math.min(...infits)).toBeGreaterThan(0.7);
    // Abilities correlate strongly with the generating θ.
    const ab = cal.abilities as number[];
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const ma = mean(ab);
    const mt = mean(thetas);
    const cov = ab.reduce((a, x, i) => a + (x - ma) * (thetas[i] - mt), 0);
    const r =
      cov /
      Math.sqrt(ab.reduce((a, x) => a + (x - ma) ** 2, 0) * thetas.reduce((a, x) => a + (x - mt) ** 2, 0));
    expect(r).toBeGreaterThan(0.85);
  });

  it('handles extreme persons and items, and items missing by design (two versions)', () => {
    const rnd = createRandomForTests(7);
    const thetas = Array.from({ length: 300 }, () => rnd.normal());
    const bs = Array.from({ length: 12 }, (_, i) => -1.5 + (3 * i) / 11);
    const data = simulate(thetas, bs, rnd.next).map((row, n) =>
      // Version A (even persons) lacks items 10, 11; version B lacks items 0, 1.
      row.map((v, i) => ((n % 2 === 0 && i >= 10) || (n % 2 === 1 && i <= 1) ? null : v)),
    );
    data.push(new Array(12).fill(1)); // a perfect score
    data.push(new Array(12).fill(0)); // a zero score
    const cal = calibrateRasch(data);
    expect(cal.converged).toBe(true);
    expect(cal.personStatus.at(-2)).toBe('max');
    expect(cal.personStatus.at(-1)).toBe('min');
    // Extreme persons still get a finite ability (with the 0.3 adjustment), above / below everyone else.
    const ab = cal.abilities as number[];
    expect(ab.at(-2)!).toBeGreaterThan(Math.max(...ab.slice(0, 300)));
    expect(ab.at(-1)!).toBeLessThan(Math.min(...ab.slice(0, 300)));
    // Difficulties still ordered like the generating ones (Spearman-like check on adjacent pairs of 3).
    const est = cal.difficulties as number[];
    expect(est[11]).toBeGreaterThan(est[0]);
    expect(Math.abs(est.reduce((a, b) => a + b, 0))).toBeLessThan(1e-6);
  });

  it('persons with the same raw score on the same items get the same ability (sufficiency)', () => {
    const data: Dichotomous[][] = [
      [1, 0, 0, 1],
      [0, 1, 1, 0],
      [1, 1, 0, 0],
      [1, 1, 1, 0],
      [0, 0, 1, 0],
      [1, 0, 1, 1],
    ];
    const cal = calibrateRasch(data);
    expect(cal.abilities[0]).toBeCloseTo(cal.abilities[1] as number, 6);
    expect(cal.abilities[1]).toBeCloseTo(cal.abilities[2] as number, 6);
  });

  it('an item everybody answered is extreme and estimated with the adjustment', () => {
    const cal = calibrateRasch([
      [1, 1, 0],
      [1, 0, 1],
      [1, 0, 0],
      [1, 1, 1],
    ]);
    expect(cal.itemStatus[0]).toBe('max');
    expect(cal.difficulties[0]!).toBeLessThan(Math.min(cal.difficulties[1]!, cal.difficulties[2]!));
  });
});

describe('properties', () => {
  const matrixArb = fc
    .record({ persons: fc.integer({ min: 2, max: 25 }), items: fc.integer({ min: 2, max: 8 }) })
    .chain(({ persons, items }) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: items, maxLength: items }), {
        minLength: persons,
        maxLength: persons,
      }),
    );

  it('difficulty ∈ [0, 1], D ∈ [−1, 1], correlations ∈ [−1, 1], α ≤ 1 and KR-20 = α on 0/1 data', () => {
    fc.assert(
      fc.property(matrixArb, (scores) => {
        const k = scores[0].length;
        const stats = analyseItems({
          itemIds: scores[0].map((_, i) => `i${i}`),
          maxScores: new Array(k).fill(1),
          scores,
        });
        for (const s of stats) {
          if (s.difficulty !== null) expect(s.difficulty).toBeGreaterThanOrEqual(0);
          if (s.difficulty !== null) expect(s.difficulty).toBeLessThanOrEqual(1);
          if (s.upperLower !== null) expect(Math.abs(s.upperLower)).toBeLessThanOrEqual(1 + 1e-12);
          if (s.pointBiserial !== null) expect(Math.abs(s.pointBiserial)).toBeLessThanOrEqual(1 + 1e-9);
        }
        const a = cronbachAlpha(scores);
        const k20 = kr20(scores);
        if (a !== null) expect(a).toBeLessThanOrEqual(1 + 1e-12);
        if (a !== null && k20 !== null) expect(a).toBeCloseTo(k20, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('α ≤ 1 for polytomous scores too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }), {
          minLength: 2,
          maxLength: 30,
        }),
        (scores) => {
          const a = cronbachAlpha(scores);
          if (a !== null) expect(a).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });

  it('histogram counts every score once; min ≤ median ≤ max; mean within [min, max]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(0.25, 0.5, 1, 2),
        (scores, width) => {
          const h = histogram10(scores, width);
          expect(h.reduce((a, b) => a + b.count, 0)).toBe(scores.length);
          const d = describeScores(scores);
          expect(d.median!).toBeGreaterThanOrEqual(d.min!);
          expect(d.median!).toBeLessThanOrEqual(d.max!);
          expect(d.mean!).toBeGreaterThanOrEqual(d.min! - 1e-9);
          expect(d.mean!).toBeLessThanOrEqual(d.max! + 1e-9);
        },
      ),
    );
  });

  it('Rasch: a higher raw score on the same items never gives a lower ability', () => {
    fc.assert(
      fc.property(matrixArb, (scores) => {
        const cal = calibrateRasch(scores as Dichotomous[][]);
        const raw = scores.map((r) => r.reduce((a, b) => a + b, 0));
        for (let a = 0; a < scores.length; a++)
          for (let b = 0; b < scores.length; b++)
            if (raw[a] > raw[b] && cal.abilities[a] !== null && cal.abilities[b] !== null)
              expect(cal.abilities[a]!).toBeGreaterThan(cal.abilities[b]! - 1e-6);
      }),
      { numRuns: 100 },
    );
  });
});
