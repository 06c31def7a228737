import { describe, expect, it } from 'vitest';
import { describeScores, histogram10, pearson, quantile } from './descriptive';
import { analyseItems, cronbachAlpha, kr20, type ResponseMatrix, upperLowerGroups } from './items';
import { bandOf, masteryByGroup, suggestPractice } from './mastery';
import { estimateAbility } from './rasch';

/**
 * Worked examples: every expected value below is computed by hand in the comments (and was re-checked with
 * Python's statistics module), not by the code under test.
 */

// Six students (A–F) × four 0/1 items; totals 4, 3, 2, 2, 1, 0.
const SIX: number[][] = [
  [1, 1, 1, 1], // A 4
  [1, 1, 1, 0], // B 3
  [1, 1, 0, 0], // C 2
  [1, 0, 1, 0], // D 2
  [1, 0, 0, 0], // E 1
  [0, 0, 0, 0], // F 0
];
// Item 2 is a choice item with options a–d, key a: A, B, C chose a; D chose b; E chose c; F left it blank.
const CHOICES = [
  [null, 'a', null, null],
  [null, 'a', null, null],
  [null, 'a', null, null],
  [null, 'b', null, null],
  [null, 'c', null, null],
  [null, null, null, null],
];
const matrix: ResponseMatrix = {
  itemIds: ['I1', 'I2', 'I3', 'I4'],
  maxScores: [1, 1, 1, 1],
  scores: SIX,
  choices: CHOICES,
  options: [undefined, { ids: ['a', 'b', 'c', 'd'], key: 'a' }, undefined, undefined],
};

describe('descriptive statistics on the 10-point scale', () => {
  // Scores 2, 4.5, 5, 6.5, 7, 8, 9.5, 10 (n = 8).
  const scores = [7, 2, 10, 4.5, 9.5, 5, 8, 6.5];
  it('count, mean, median, sample sd, quartiles and shares', () => {
    const d = describeScores(scores);
    expect(d.count).toBe(8);
    // mean = 52.5 / 8 = 6.5625
    expect(d.mean).toBeCloseTo(6.5625, 10);
    // median = (6.5 + 7) / 2 = 6.75
    expect(d.median).toBeCloseTo(6.75, 10);
    // squared deviations from 6.5625 sum to 50.21875; / (n − 1 = 7) = 7.174107…; sd = √ = 2.678452
    expect(d.sd).toBeCloseTo(2.678452378, 8);
    expect(d.min).toBe(2);
    expect(d.max).toBe(10);
    // Q1: h = 7 · 0.25 = 1.75 → 4.5 + 0.75 · (5 − 4.5) = 4.875; Q3: h = 5.25 → 8 + 0.25 · 1.5 = 8.375
    expect(d.q1).toBeCloseTo(4.875, 10);
    expect(d.q3).toBeCloseTo(8.375, 10);
    // ≥ 5: 5, 6.5, 7, 8, 9.5, 10 → 6/8; ≥ 8: 8, 9.5, 10 → 3/8
    expect(d.atLeast5).toBe(0.75);
    expect(d.atLeast8).toBe(0.375);
  });
  it('an empty list and a single score', () => {
    expect(describeScores([]).mean).toBeNull();
    const one = describeScores([7]);
    expect(one.mean).toBe(7);
    expect(one.sd).toBeNull();
    expect(quantile([3], 0.5)).toBe(3);
  });
  it('bins of width 1: 10 goes into the last bin 9–10', () => {
    const h = histogram10(scores, 1);
    expect(h).toHaveLength(10);
    expect(h.map((b) => b.count)).toEqual([0, 0, 1, 0, 1, 1, 1, 1, 1, 2]);
    expect(h[9].label).toBe('9–10');
  });
  it('bins of width 0.5 and 0.25, and a float just under a bound', () => {
    const h = histogram10([7.5, 7.4999999999, 10, 0], 0.5);
    expect(h).toHaveLength(20);
    expect(h[15]).toMatchObject({ from: 7.5, to: 8, label: '7,5–8', count: 2 });
    expect(h[19].count).toBe(1);
    expect(h[0].count).toBe(1);
    expect(histogram10([0.25], 0.25)[1].count).toBe(1);
    expect(() => histogram10([1], 0.3)).toThrow(RangeError);
  });
});

describe('classical item analysis', () => {
  const stats = analyseItems(matrix);
  it('difficulty p = share correct', () => {
    // I1 5/6, I2 3/6, I3 3/6, I4 1/6
    expect(stats.map((s) => s.difficulty)).toEqual([5 / 6, 0.5, 0.5, 1 / 6]);
    expect(stats[0].n).toBe(6);
  });
  it('point-biserial with the total and with the rest score', () => {
    // I1 = (1,1,1,1,1,0), totals (4,3,2,2,1,0), means 5/6 and 2:
    // Σ dx·dy = (1/6)(2+1+0+0−1) + (−5/6)(−2) = 2; Σ dx² = 5/6; Σ dy² = 10 → r = 2/√(25/3) = 0.692820
    expect(stats[0].pointBiserial).toBeCloseTo(0.69282032, 7);
    // Rest scores (3,2,1,1,0,0), mean 7/6: Σ dx·dy = 7/6, Σ dy² = 41/6 → r = (7/6)/√(5/6 · 41/6) = 0.488901
    expect(stats[0].correctedPointBiserial).toBeCloseTo(0.48890121, 7);
  });
  it('upper–lower 27 % index', () => {
    // N = 6 → g = round(1.62) = 2: upper A, B; lower E, F.
    expect(upperLowerGroups([4, 3, 2, 2, 1, 0])).toEqual({ upper: [0, 1], lower: [4, 5] });
    // I1: 1 − 0.5; I2: 1 − 0; I3: 1 − 0; I4: 0.5 − 0
    expect(stats.map((s) => s.upperLower)).toEqual([0.5, 1, 1, 0.5]);
  });
  it('flags: I1 is not flagged, I4 (p = 1/6) is too hard', () => {
    expect(stats[0].flags).toEqual([]);
    expect(stats[3].flags).toEqual(['too_hard']);
  });
  it('distractor analysis of I2', () => {
    const d = stats[1].distractors!;
    expect(d.map((o) => o.optionId)).toEqual(['a', 'b', 'c', 'd', null]);
    // a (key): 3 of 6; upper 2/2, lower 0/2 → D = 1; r with totals = 3/√(1.5 · 10) = 0.774597
    expect(d[0]).toMatchObject({
      isKey: true,
      count: 3,
      share: 0.5,
      upperShare: 1,
      lowerShare: 0,
      flag: 'ok',
    });
    expect(d[0].pointBiserial).toBeCloseTo(0.77459667, 7);
    // b: D only (a middle student) → 1/6, no upper or lower choosers → D = 0, works as a distractor
    expect(d[1]).toMatchObject({ count: 1, upperShare: 0, lowerShare: 0, discrimination: 0, flag: 'ok' });
    // c: E (lower group) → lower share 1/2 → D = −0.5
    expect(d[2]).toMatchObject({ count: 1, lowerShare: 0.5, discrimination: -0.5, flag: 'ok' });
    // d: nobody → non-functioning (< 5 %)
    expect(d[3]).toMatchObject({ count: 0, share: 0, flag: 'nonfunctioning' });
    // blank: F (lower group)
    expect(d[4]).toMatchObject({ count: 1, lowerShare: 0.5, flag: null });
  });
  it('a distractor the upper group prefers is misleading; a key with negative D is flagged', () => {
    const m: ResponseMatrix = {
      itemIds: ['Q', 'R'],
      maxScores: [1, 1],
      // Q's key is a, but the two best students chose b.
      scores: [
        [0, 1],
        [0, 1],
        [1, 0],
        [1, 0],
      ],
      choices: [['b'], ['b'], ['a'], ['a']],
      options: [{ ids: ['a', 'b'], key: 'a' }, undefined],
    };
    // Totals 1,1,1,1: ties keep input order → upper = persons 0 (g = round(1.08) = 1), lower = person 3.
    const [q] = analyseItems(m);
    expect(q.distractors![0].flag).toBe('key_negative');
    expect(q.distractors![1].flag).toBe('misleading');
    expect(q.flags).toContain('negative_discrimination');
  });
  it('items not given to a person (another version) are left out of its statistics', () => {
    const m: ResponseMatrix = {
      itemIds: ['X', 'Y'],
      maxScores: [2, 1],
      scores: [
        [2, null],
        [1, null],
        [null, 1],
        [0, 0],
      ],
    };
    const [x, y] = analyseItems(m);
    // X: scores 2, 1, 0 of max 2 → p = 3/6 = 0.5
    expect(x.n).toBe(3);
    expect(x.difficulty).toBe(0.5);
    expect(y.n).toBe(2);
    expect(y.difficulty).toBe(0.5);
  });
});

describe('reliability', () => {
  it('KR-20 of the six-student set', () => {
    // totals 4,3,2,2,1,0: mean 2, population variance 10/6; Σpq = 2·(5/6·1/6) + 2·(1/2·1/2) = 7/9
    // KR-20 = 4/3 · (1 − (7/9)/(10/6)) = 4/3 · (1 − 0.46667) = 0.711111
    expect(kr20(SIX)).toBeCloseTo(0.7111111, 6);
    // α with population variances equals KR-20 for 0/1 items.
    expect(cronbachAlpha(SIX)).toBeCloseTo(0.7111111, 6);
  });
  it("Cronbach's alpha of a polytomous set", () => {
    // Items (2,1,0,1), (1,1,0,2), (3,2,1,2): each variance 0.5; totals (6,4,1,5): mean 4, variance 14/4 = 3.5
    // α = 3/2 · (1 − 1.5/3.5) = 0.857143
    const scores = [
      [2, 1, 3],
      [1, 1, 2],
      [0, 0, 1],
      [1, 2, 2],
    ];
    expect(cronbachAlpha(scores)).toBeCloseTo(0.8571429, 6);
    expect(kr20(scores)).toBeNull();
  });
  it('undefined cases', () => {
    expect(cronbachAlpha([[1], [0]])).toBeNull(); // one item
    expect(cronbachAlpha([[1, 1]])).toBeNull(); // one person
    expect(
      cronbachAlpha([
        [1, 0],
        [1, 0],
      ]),
    ).toBeNull(); // totals do not vary
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe('person ability and mastery', () => {
  it('hand-checkable abilities', () => {
    // Two items at 0, one right: P = 1/2 at θ = 0.
    expect(
      estimateAbility([
        { difficulty: 0, score: 1 },
        { difficulty: 0, score: 0 },
      ]).theta,
    ).toBeCloseTo(0, 8);
    // b = −1 and +1, one right: symmetric → θ = 0.
    expect(
      estimateAbility([
        { difficulty: -1, score: 1 },
        { difficulty: 1, score: 0 },
      ]).theta,
    ).toBeCloseTo(0, 8);
    // One item at 0, right (extreme): r = 1 − 0.3 → P(θ) = 0.7 → θ = ln(0.7/0.3) = 0.847298
    const e = estimateAbility([{ difficulty: 0, score: 1 }]);
    expect(e.theta).toBeCloseTo(0.8472979, 6);
    expect(e.extreme).toBe('max');
    // With a prior N(0.5, 1) and no items the MAP is the prior mean.
    expect(estimateAbility([], { prior: { mean: 0.5, sd: 1 } }).theta).toBeCloseTo(0.5, 8);
  });
  it('mastery by topic, weakest first, and practice for the weak topic', () => {
    const items = [
      { itemId: 'a1', topic: 'Số hữu tỉ', level: 'NB', difficulty: -1, score: 1 },
      { itemId: 'a2', topic: 'Số hữu tỉ', level: 'TH', difficulty: 0, score: 1 },
      { itemId: 'a3', topic: 'Số hữu tỉ', level: 'VD', difficulty: 1, score: 1 },
      { itemId: 'b1', topic: 'Hình học', level: 'NB', difficulty: -1, score: 0 },
      { itemId: 'b2', topic: 'Hình học', level: 'TH', difficulty: 0, score: 0 },
      { itemId: 'b3', topic: 'Hình học', level: 'VD', difficulty: 1, score: 0 },
    ];
    const m = masteryByGroup(items, (r) => r.topic, { overallTheta: 0 });
    expect(m.map((g) => g.key)).toEqual(['Hình học', 'Số hữu tỉ']);
    // Symmetric data around θ = 0: the two topic θs are opposite, masteries sum to 1.
    expect(m[0].theta).toBeCloseTo(-m[1].theta, 8);
    expect(m[0].mastery + m[1].mastery).toBeCloseTo(1, 8);
    expect(m[0].band).toBe('weak');
    // Three items only: the prior (mean 0, sd 1) pulls θ towards 0, so all-right is "developing", not certain.
    expect(m[1].mastery).toBeGreaterThan(0.6);
    expect(m[1].band).not.toBe('weak');
    expect(m[0].observed).toBe(0);
    const s = suggestPractice(
      m,
      [
        { id: 'q1', topic: 'hình  học', level: 'NB', difficulty: null },
        { id: 'q2', topic: 'Hình học', level: 'VDC', difficulty: null },
        { id: 'q3', topic: 'Hình học', level: 'TH', difficulty: -2.5 },
        { id: 'b1', topic: 'Hình học', level: 'NB', difficulty: -1 },
        { id: 'q4', topic: 'Số hữu tỉ', level: 'NB', difficulty: null },
      ],
      { exclude: new Set(['b1']), perTopic: 2 },
    );
    // The developing topic is suggested too, after the weak one.
    expect(s.map((x) => x.topic)).toEqual(['Hình học', 'Số hữu tỉ']);
    expect(s[0].topic).toBe('Hình học');
    // θ(Hình học) ≈ −0.93: q1 (NB, assumed −1.5) → P ≈ 0.64, q3 (−2.5) → P ≈ 0.83, q2 (VDC, 1.5) → P ≈ 0.08.
    expect(s[0].questions.map((q) => q.id)).toEqual(['q1', 'q3']);
    expect(s[0].questions[0].expected).toBeCloseTo(1 / (1 + Math.exp(-1.5 - m[0].theta)), 10);
    expect(bandOf(0.6)).toBe('developing');
  });
});
