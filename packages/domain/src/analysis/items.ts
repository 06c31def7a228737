import { pearson, populationVariance, sum } from './descriptive';

/**
 * Classical item analysis (phân tích câu hỏi) of one test: difficulty, point-biserial discrimination, the
 * upper–lower 27 % index and distractor analysis, over a persons × items matrix of item scores.
 */

/** One test's responses: `scores[person][item]` in [0, maxScores[item]], null when the item was not given. */
export type ResponseMatrix = {
  itemIds: readonly string[];
  maxScores: readonly number[];
  scores: readonly (readonly (number | null)[])[];
  /** Choice items: the option id each person chose (null: omitted). Parallel to `scores`. */
  choices?: readonly (readonly (string | null | undefined)[])[];
  /** Choice items: the option ids (in canonical order) and the key, per item; undefined for other items. */
  options?: readonly ({ ids: readonly string[]; key: string | null } | undefined)[];
};

export type DistractorStat = {
  /** Option id, or null for omitted (bỏ trống). */
  optionId: string | null;
  isKey: boolean;
  count: number;
  /** Share of the persons given the item who chose it. */
  share: number;
  upperShare: number | null;
  lowerShare: number | null;
  /** upperShare − lowerShare: positive for a working key, negative for a working distractor. */
  discrimination: number | null;
  /** Correlation of choosing this option (0/1) with the total score. */
  pointBiserial: number | null;
  /** nonfunctioning: a distractor chosen by < 5 %; misleading: a distractor the upper group prefers. */
  flag: 'ok' | 'nonfunctioning' | 'misleading' | 'key_negative' | null;
};

export type ItemStat = {
  itemId: string;
  /** Persons who were given the item. */
  n: number;
  /** Difficulty index p (độ khó): mean score / max score, in [0, 1]; for 0/1 items the share correct. */
  difficulty: number | null;
  /** Point-biserial (Pearson) correlation of the item score with the total score. */
  pointBiserial: number | null;
  /** Corrected: with the total of the other items (rest score), so the item does not correlate with itself. */
  correctedPointBiserial: number | null;
  /** Upper–lower 27 % discrimination index D (độ phân biệt) = p(upper) − p(lower), in [−1, 1]. */
  upperLower: number | null;
  distractors: DistractorStat[] | null;
  flags: ItemFlag[];
};

export type ItemFlag = 'too_easy' | 'too_hard' | 'poor_discrimination' | 'negative_discrimination';

export type ItemAnalysisOptions = {
  /** Share of persons in each of the upper and lower groups (default 0.27, Kelley). */
  groupShare?: number;
  /** Difficulty outside [hardBelow, easyAbove] is flagged (default 0.2 and 0.9). */
  hardBelow?: number;
  easyAbove?: number;
  /** D below this is poor (Ebel: < 0.2). */
  poorBelow?: number;
  /** A distractor chosen by fewer than this share does not function (default 0.05). */
  nonfunctioningBelow?: number;
};

/** Total score of each person: the sum of the item scores they have. */
export const totalScores = (m: ResponseMatrix) => m.scores.map((row) => sum(row.map((x) => x ?? 0)));

/**
 * The upper and lower groups by total score: the top and bottom round(share · N) persons (at least 1), sorted
 * by total descending with ties kept in input order (stable), so the result is deterministic.
 */
export function upperLowerGroups(
  totals: readonly number[],
  share = 0.27,
): { upper: number[]; lower: number[] } {
  const n = totals.length;
  if (n < 2) return { upper: [], lower: [] };
  const g = Math.max(1, Math.min(Math.floor(n / 2), Math.round(share * n)));
  const order = totals.map((t, i) => ({ t, i })).sort((a, b) => b.t - a.t || a.i - b.i);
  return { upper: order.slice(0, g).map((o) => o.i), lower: order.slice(n - g).map((o) => o.i) };
}

export function analyseItems(m: ResponseMatrix, opts: ItemAnalysisOptions = {}): ItemStat[] {
  const share = opts.groupShare ?? 0.27;
  const hardBelow = opts.hardBelow ?? 0.2;
  const easyAbove = opts.easyAbove ?? 0.9;
  const poorBelow = opts.poorBelow ?? 0.2;
  const nfBelow = opts.nonfunctioningBelow ?? 0.05;
  const totals = totalScores(m);
  const { upper, lower } = upperLowerGroups(totals, share);
  return m.itemIds.map((itemId, j) => {
    const max = m.maxScores[j] > 0 ? m.maxScores[j] : 1;
    const given: number[] = [];
    for (let p = 0; p < m.scores.length; p++)
      if (m.scores[p][j] !== null && m.scores[p][j] !== undefined) given.push(p);
    const n = given.length;
    const item = given.map((p) => m.scores[p][j] as number);
    const tot = given.map((p) => totals[p]);
    const rest = given.map((p, k) => totals[p] - item[k]);
    const difficulty = n ? sum(item) / n / max : null;
    const share01 = (group: number[]) => {
      const g = group.filter((p) => m.scores[p][j] !== null && m.scores[p][j] !== undefined);
      return g.length ? sum(g.map((p) => m.scores[p][j] as number)) / g.length / max : null;
    };
    const pu = share01(upper);
    const pl = share01(lower);
    const upperLower = pu === null || pl === null ? null : pu - pl;
    const pointBiserial = pearson(item, tot);
    const correctedPointBiserial = pearson(item, rest);
    const flags: ItemFlag[] = [];
    if (difficulty !== null && difficulty < hardBelow) flags.push('too_hard');
    if (difficulty !== null && difficulty > easyAbove) flags.push('too_easy');
    if (upperLower !== null && upperLower < 0) flags.push('negative_discrimination');
    else if (upperLower !== null && upperLower < poorBelow) flags.push('poor_discrimination');
    const opt = m.options?.[j];
    const distractors =
      opt && m.choices ? analyseDistractors(m, j, opt, given, totals, upper, lower, nfBelow) : null;
    return { itemId, n, difficulty, pointBiserial, correctedPointBiserial, upperLower, distractors, flags };
  });
}

function analyseDistractors(
  m: ResponseMatrix,
  j: number,
  opt: { ids: readonly string[]; key: string | null },
  given: number[],
  totals: number[],
  upper: number[],
  lower: number[],
  nfBelow: number,
): DistractorStat[] {
  const choice = (p: number) => m.choices?.[p]?.[j] ?? null;
  const upperGiven = upper.filter((p) => m.scores[p][j] !== null && m.scores[p][j] !== undefined);
  const lowerGiven = lower.filter((p) => m.scores[p][j] !== null && m.scores[p][j] !== undefined);
  const tot = given.map((p) => totals[p]);
  const rows: (string | null)[] = [...opt.ids, null];
  return rows.map((optionId) => {
    const chose = (p: number) =>
      optionId === null ? choice(p) === null || !opt.ids.includes(choice(p)!) : choice(p) === optionId;
    const count = given.filter(chose).length;
    const shareOf = (g: number[]) => (g.length ? g.filter(chose).length / g.length : null);
    const upperShare = shareOf(upperGiven);
    const lowerShare = shareOf(lowerGiven);
    const discrimination = upperShare === null || lowerShare === null ? null : upperShare - lowerShare;
    const isKey = optionId !== null && optionId === opt.key;
    const share = given.length ? count / given.length : 0;
    let flag: DistractorStat['flag'] = null;
    if (optionId !== null) {
      if (isKey) flag = discrimination !== null && discrimination < 0 ? 'key_negative' : 'ok';
      else if (share < nfBelow) flag = 'nonfunctioning';
      else if (discrimination !== null && discrimination > 0) flag = 'misleading';
      else flag = 'ok';
    }
    return {
      optionId,
      isKey,
      count,
      share,
      upperShare,
      lowerShare,
      discrimination,
      pointBiserial: pearson(
        given.map((p) => (chose(p) ? 1 : 0)),
        tot,
      ),
      flag,
    };
  });
}

/**
 * Cronbach's alpha over the persons who were given every item (complete cases), with population variances:
 * α = k/(k−1) · (1 − Σ σ²ᵢ / σ²ₓ). Null when fewer than two items or persons, or the totals do not vary.
 * For 0/1 items this equals KR-20.
 */
export function cronbachAlpha(scores: readonly (readonly (number | null)[])[]): number | null {
  const rows = scores.filter((r) =>
    r.every((x) => x !== null && x !== undefined && Number.isFinite(x)),
  ) as number[][];
  const k = rows[0]?.length ?? 0;
  if (k < 2 || rows.length < 2) return null;
  const totalVar = populationVariance(rows.map((r) => sum(r)));
  if (totalVar <= 1e-12) return null;
  let itemVar = 0;
  for (let j = 0; j < k; j++) itemVar += populationVariance(rows.map((r) => r[j]));
  return (k / (k - 1)) * (1 - itemVar / totalVar);
}

/**
 * Kuder–Richardson 20 for dichotomous (0/1) items over complete cases: KR-20 = k/(k−1) · (1 − Σ pᵢqᵢ / σ²ₓ),
 * σ²ₓ the population variance of the totals. Null when an item is not 0/1, or as for alpha.
 */
export function kr20(scores: readonly (readonly (number | null)[])[]): number | null {
  if (scores.some((r) => r.some((x) => x !== null && x !== undefined && x !== 0 && x !== 1))) return null;
  const rows = scores.filter((r) => r.every((x) => x === 0 || x === 1)) as number[][];
  const k = rows[0]?.length ?? 0;
  if (k < 2 || rows.length < 2) return null;
  const n = rows.length;
  const totalVar = populationVariance(rows.map((r) => sum(r)));
  if (totalVar <= 1e-12) return null;
  let pq = 0;
  for (let j = 0; j < k; j++) {
    const p = sum(rows.map((r) => r[j])) / n;
    pq += p * (1 - p);
  }
  return (k / (k - 1)) * (1 - pq / totalVar);
}
