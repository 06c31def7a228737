/**
 * Rasch model (1PL IRT): P(x = 1 | θ, b) = 1 / (1 + e^−(θ − b)). Calibration by joint maximum likelihood (JMLE,
 * Wright & Panchapakesan's alternating Newton–Raphson) with the (L − 1)/L bias correction, item difficulties
 * centred at 0 logits, and a stated convergence criterion: the largest change of any estimate in one sweep
 * below `tolerance` logits.
 */

export type Dichotomous = 0 | 1 | null;

export type RaschOptions = {
  /** Convergence: largest change of any θ or b in one iteration, in logits (default 1e-5). */
  tolerance?: number;
  maxIterations?: number;
  /** Applies b · (L − 1)/L to the JMLE difficulties (default true): removes most of JMLE's known bias. */
  biasCorrection?: boolean;
  /** Extreme scores are estimated as r − adj (all correct) or adj (none correct); default 0.3. */
  extremeAdjustment?: number;
};

export type ExtremeStatus = 'ok' | 'max' | 'min' | 'no_data';

export type RaschCalibration = {
  /** Item difficulties b (logits), mean 0 over the non-extreme items; extreme items estimated with adjustment. */
  difficulties: (number | null)[];
  itemSe: (number | null)[];
  /** 'max': every person who was given it got it right; 'min': nobody did. */
  itemStatus: ExtremeStatus[];
  /** Information-weighted (infit) and unweighted (outfit) mean squares; ≈ 1 when the item fits. */
  infit: (number | null)[];
  outfit: (number | null)[];
  abilities: (number | null)[];
  personSe: (number | null)[];
  personStatus: ExtremeStatus[];
  iterations: number;
  converged: boolean;
  /** Largest change in the last iteration (logits). */
  lastChange: number;
};

export const raschProbability = (theta: number, b: number) => 1 / (1 + Math.exp(b - theta));

const clampStep = (d: number) => Math.max(-1, Math.min(1, d));

/**
 * Calibrates item difficulties and person abilities from a persons × items matrix of 0/1 responses (null: not
 * given, e.g. the item was on another version). Persons and items with extreme scores are set aside while the
 * others are calibrated (repeatedly, since removing one can make another extreme), then estimated against the
 * calibrated values with the extreme-score adjustment.
 */
export function calibrateRasch(
  responses: readonly (readonly Dichotomous[])[],
  opts: RaschOptions = {},
): RaschCalibration {
  const tol = opts.tolerance ?? 1e-5;
  const maxIt = opts.maxIterations ?? 500;
  const adj = opts.extremeAdjustment ?? 0.3;
  const N = responses.length;
  const L = N ? Math.max(...responses.map((r) => r.length)) : 0;
  const x = new Int8Array(N * L).fill(-1);
  for (let n = 0; n < N; n++)
    for (let i = 0; i < L; i++) {
      const v = responses[n][i];
      if (v === 0 || v === 1) x[n * L + i] = v;
    }
  const personActive = new Uint8Array(N).fill(1);
  const itemActive = new Uint8Array(L).fill(1);
  const personStatus: ExtremeStatus[] = new Array(N).fill('ok');
  const itemStatus: ExtremeStatus[] = new Array(L).fill('ok');
  // Set aside extreme persons and items until none is left.
  for (let changed = true; changed; ) {
    changed = false;
    for (let n = 0; n < N; n++) {
      if (!personActive[n]) continue;
      let r = 0;
      let k = 0;
      for (let i = 0; i < L; i++) {
        const v = x[n * L + i];
        if (v < 0 || !itemActive[i]) continue;
        k++;
        r += v;
      }
      const st: ExtremeStatus = k === 0 ? 'no_data' : r === k ? 'max' : r === 0 ? 'min' : 'ok';
      if (st !== 'ok') {
        personActive[n] = 0;
        personStatus[n] = st;
        changed = true;
      }
    }
    for (let i = 0; i < L; i++) {
      if (!itemActive[i]) continue;
      let s = 0;
      let k = 0;
      for (let n = 0; n < N; n++) {
        const v = x[n * L + i];
        if (v < 0 || !personActive[n]) continue;
        k++;
        s += v;
      }
      const st: ExtremeStatus = k === 0 ? 'no_data' : s === k ? 'max' : s === 0 ? 'min' : 'ok';
      if (st !== 'ok') {
        itemActive[i] = 0;
        itemStatus[i] = st;
        changed = true;
      }
    }
  }
  // Raw scores over the active set, and starting values (log odds).
  const r = new Float64Array(N);
  const kN = new Float64Array(N);
  const s = new Float64Array(L);
  const kI = new Float64Array(L);
  for (let n = 0; n < N; n++) {
    if (!personActive[n]) continue;
    for (let i = 0; i < L; i++) {
      const v = x[n * L + i];
      if (v < 0 || !itemActive[i]) continue;
      r[n] += v;
      kN[n]++;
      s[i] += v;
      kI[i]++;
    }
  }
  const theta = new Float64Array(N);
  const b = new Float64Array(L);
  for (let n = 0; n < N; n++) if (personActive[n]) theta[n] = Math.log(r[n] / (kN[n] - r[n]));
  for (let i = 0; i < L; i++) if (itemActive[i]) b[i] = Math.log((kI[i] - s[i]) / s[i]);
  centre(b, itemActive);
  const activeItems = itemActive.reduce((a, v) => a + v, 0);
  let iterations = 0;
  let lastChange = Number.POSITIVE_INFINITY;
  const expSum = new Float64Array(Math.max(N, L));
  const infSum = new Float64Array(Math.max(N, L));
  while (iterations < maxIt && lastChange >= tol) {
    iterations++;
    let change = 0;
    // Persons given the items.
    expSum.fill(0);
    infSum.fill(0);
    for (let n = 0; n < N; n++) {
      if (!personActive[n]) continue;
      let e = 0;
      let inf = 0;
      const t = theta[n];
      for (let i = 0; i < L; i++) {
        if (!itemActive[i] || x[n * L + i] < 0) continue;
        const p = 1 / (1 + Math.exp(b[i] - t));
        e += p;
        inf += p * (1 - p);
      }
      const d = clampStep((r[n] - e) / inf);
      theta[n] = t + d;
      change = Math.max(change, Math.abs(d));
    }
    // Items given the persons.
    for (let i = 0; i < L; i++) {
      if (!itemActive[i]) continue;
      let e = 0;
      let inf = 0;
      const bi = b[i];
      for (let n = 0; n < N; n++) {
        if (!personActive[n] || x[n * L + i] < 0) continue;
        const p = 1 / (1 + Math.exp(bi - theta[n]));
        e += p;
        inf += p * (1 - p);
      }
      const d = clampStep((e - s[i]) / inf);
      b[i] = bi + d;
      change = Math.max(change, Math.abs(d));
    }
    centre(b, itemActive);
    lastChange = change;
  }
  const converged = lastChange < tol;
  if ((opts.biasCorrection ?? true) && activeItems > 1) {
    const f = (activeItems - 1) / activeItems;
    for (let i = 0; i < L; i++) if (itemActive[i]) b[i] *= f;
  }
  // Persons (all, extreme ones with the adjustment) against the final difficulties.
  const difficulties: (number | null)[] = new Array(L).fill(null);
  for (let i = 0; i < L; i++) if (itemActive[i]) difficulties[i] = b[i];
  const abilities: (number | null)[] = new Array(N).fill(null);
  const personSe: (number | null)[] = new Array(N).fill(null);
  for (let n = 0; n < N; n++) {
    const items: { difficulty: number; score: 0 | 1 }[] = [];
    for (let i = 0; i < L; i++) {
      const v = x[n * L + i];
      if (v >= 0 && itemActive[i]) items.push({ difficulty: b[i], score: v as 0 | 1 });
    }
    if (items.length === 0) {
      if (personStatus[n] === 'ok') personStatus[n] = 'no_data';
      continue;
    }
    const est = estimateAbility(items, { extremeAdjustment: adj });
    abilities[n] = est.theta;
    personSe[n] = est.se;
  }
  // Items: SE and fit over active persons; extreme items estimated against the abilities with the adjustment.
  const itemSe: (number | null)[] = new Array(L).fill(null);
  const infit: (number | null)[] = new Array(L).fill(null);
  const outfit: (number | null)[] = new Array(L).fill(null);
  for (let i = 0; i < L; i++) {
    const persons: { theta: number; score: 0 | 1 }[] = [];
    for (let n = 0; n < N; n++) {
      const v = x[n * L + i];
      if (v < 0 || abilities[n] === null) continue;
      if (itemActive[i] && !personActive[n]) continue;
      persons.push({ theta: abilities[n] as number, score: v as 0 | 1 });
    }
    if (persons.length === 0) {
      itemStatus[i] = 'no_data';
      continue;
    }
    if (!itemActive[i]) {
      const est = estimateDifficulty(persons, adj);
      difficulties[i] = est.b;
      itemSe[i] = est.se;
      continue;
    }
    let inf = 0;
    let sq = 0;
    let z2 = 0;
    for (const p of persons) {
      const pr = raschProbability(p.theta, b[i]);
      const w = pr * (1 - pr);
      inf += w;
      sq += (p.score - pr) ** 2;
      z2 += (p.score - pr) ** 2 / w;
    }
    itemSe[i] = 1 / Math.sqrt(inf);
    infit[i] = sq / inf;
    outfit[i] = z2 / persons.length;
  }
  return {
    difficulties,
    itemSe,
    itemStatus,
    infit,
    outfit,
    abilities,
    personSe,
    personStatus,
    iterations,
    converged,
    lastChange,
  };
}

function centre(b: Float64Array, active: Uint8Array) {
  let sum = 0;
  let k = 0;
  for (let i = 0; i < b.length; i++)
    if (active[i]) {
      sum += b[i];
      k++;
    }
  if (!k) return;
  const m = sum / k;
  for (let i = 0; i < b.length; i++) if (active[i]) b[i] -= m;
}

export type AbilityEstimate = { theta: number; se: number; extreme: 'max' | 'min' | null };

/**
 * A person's ability θ from 0/1 responses to items of known difficulty, by Newton–Raphson. Without a prior:
 * maximum likelihood, extreme scores (all right / all wrong) estimated at r − adj / adj. With a normal prior
 * N(mean, sd²): the maximum a posteriori estimate (always finite; used to shrink small per-topic samples).
 */
export function estimateAbility(
  items: readonly { difficulty: number; score: number }[],
  opts: { prior?: { mean: number; sd: number }; extremeAdjustment?: number } = {},
): AbilityEstimate {
  const k = items.length;
  const adj = opts.extremeAdjustment ?? 0.3;
  let r = items.reduce((a, it) => a + Math.min(1, Math.max(0, it.score)), 0);
  let extreme: AbilityEstimate['extreme'] = null;
  if (!opts.prior) {
    if (k === 0) return { theta: 0, se: Number.POSITIVE_INFINITY, extreme: null };
    if (r >= k) {
      r = k - adj;
      extreme = 'max';
    } else if (r <= 0) {
      r = adj;
      extreme = 'min';
    }
  }
  const prec = opts.prior ? 1 / opts.prior.sd ** 2 : 0;
  const mu = opts.prior?.mean ?? 0;
  const meanB = k ? items.reduce((a, it) => a + it.difficulty, 0) / k : 0;
  let theta = opts.prior ? mu : meanB + Math.log(r / (k - r));
  let info = prec;
  for (let it = 0; it < 100; it++) {
    let e = 0;
    info = prec;
    for (const item of items) {
      const p = raschProbability(theta, item.difficulty);
      e += p;
      info += p * (1 - p);
    }
    const grad = r - e - prec * (theta - mu);
    const d = clampStep(grad / info);
    theta += d;
    if (Math.abs(d) < 1e-7) break;
  }
  return { theta, se: 1 / Math.sqrt(info), extreme };
}

function estimateDifficulty(persons: readonly { theta: number; score: 0 | 1 }[], adj: number) {
  const k = persons.length;
  let s = persons.reduce((a, p) => a + p.score, 0);
  if (s >= k) s = k - adj;
  else if (s <= 0) s = adj;
  let b = persons.reduce((a, p) => a + p.theta, 0) / k + Math.log((k - s) / s);
  let info = 0;
  for (let it = 0; it < 100; it++) {
    let e = 0;
    info = 0;
    for (const p of persons) {
      const pr = raschProbability(p.theta, b);
      e += pr;
      info += pr * (1 - pr);
    }
    const d = clampStep((e - s) / info);
    b += d;
    if (Math.abs(d) < 1e-7) break;
  }
  return { b, se: 1 / Math.sqrt(info) };
}
