/**
 * Descriptive statistics of exam scores (phổ điểm): count, mean, median, standard deviation and a histogram on
 * the 10-point scale. Pure functions over plain arrays; non-finite values are ignored.
 */

export type ScoreSummary = {
  count: number;
  mean: number | null;
  median: number | null;
  /** Sample standard deviation (n − 1 in the denominator, Excel's STDEV.S); null below two scores. */
  sd: number | null;
  min: number | null;
  max: number | null;
  /** First and third quartiles (linear interpolation between order statistics, Excel's QUARTILE.INC). */
  q1: number | null;
  q3: number | null;
  /** Share of scores ≥ 5 (đạt trung bình trở lên) and ≥ 8 (khá giỏi) on the 10-point scale, in [0, 1]. */
  atLeast5: number | null;
  atLeast8: number | null;
};

const finite = (xs: readonly number[]) => xs.filter((x) => Number.isFinite(x));

export const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

export function mean(xs: readonly number[]): number | null {
  const v = finite(xs);
  return v.length ? sum(v) / v.length : null;
}

/** Population variance (divides by n): the variance classical test theory formulas (KR-20, α) use. */
export function populationVariance(xs: readonly number[]): number {
  const v = finite(xs);
  if (v.length === 0) return 0;
  const m = sum(v) / v.length;
  return sum(v.map((x) => (x - m) ** 2)) / v.length;
}

/** Sample variance (divides by n − 1); null below two values. */
export function sampleVariance(xs: readonly number[]): number | null {
  const v = finite(xs);
  if (v.length < 2) return null;
  const m = sum(v) / v.length;
  return sum(v.map((x) => (x - m) ** 2)) / (v.length - 1);
}

/** Quantile p ∈ [0, 1] by linear interpolation between order statistics (R type 7, Excel's PERCENTILE.INC). */
export function quantile(xs: readonly number[], p: number): number | null {
  const v = [...finite(xs)].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const h = (v.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

export function describeScores(scores: readonly number[]): ScoreSummary {
  const v = finite(scores);
  const n = v.length;
  if (n === 0)
    return {
      count: 0,
      mean: null,
      median: null,
      sd: null,
      min: null,
      max: null,
      q1: null,
      q3: null,
      atLeast5: null,
      atLeast8: null,
    };
  const variance = sampleVariance(v);
  return {
    count: n,
    mean: mean(v),
    median: median(v),
    sd: variance === null ? null : Math.sqrt(variance),
    min: Math.min(...v),
    max: Math.max(...v),
    q1: quantile(v, 0.25),
    q3: quantile(v, 0.75),
    atLeast5: v.filter((x) => x >= 5 - 1e-9).length / n,
    atLeast8: v.filter((x) => x >= 8 - 1e-9).length / n,
  };
}

export type HistogramBin = {
  /** Lower bound, inclusive. */
  from: number;
  /** Upper bound, exclusive except for the last bin (which includes 10). */
  to: number;
  /** '0–1', '9–10', '7,5–8' (decimal comma). */
  label: string;
  count: number;
};

const fmt = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

/**
 * Histogram on the 10-point scale: bins [0, w), [w, 2w), …, [10 − w, 10], width w ∈ {0.25, 0.5, 1, 2} (or any
 * width dividing 10). Scores are clamped to [0, 10]. A small epsilon keeps 6.9999999 (a float of 7) out of the 6 bin.
 */
export function histogram10(scores: readonly number[], width = 1): HistogramBin[] {
  const bins = Math.round(10 / width);
  if (bins <= 0 || Math.abs(bins * width - 10) > 1e-9) throw new RangeError('bin width must divide 10');
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    label: `${fmt(i * width)}–${fmt((i + 1) * width)}`,
    count: 0,
  }));
  for (const s of finite(scores)) {
    const x = Math.min(10, Math.max(0, s));
    const i = Math.min(bins - 1, Math.floor(x / width + 1e-9));
    out[i].count++;
  }
  return out;
}

/** Pearson correlation; null when either variable is constant or fewer than two pairs. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}
