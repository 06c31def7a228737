/**
 * Enrolment forecast by the grade-progression (cohort-survival) method (dự báo quy mô học sinh theo phương
 * pháp tỉ lệ lên lớp / tỉ lệ chuyển tiếp). Pure functions over plain data.
 *
 * - History: per school year (its start year, 2024 for 2024-2025) the number of students per grade.
 * - Survival ratio g → g+1: pooled over every consecutive pair of years in the history,
 *   s(g) = Σ_y N(g+1, y) / Σ_y N(g, y−1), over the years y where both counts are known (0 when the denominator is 0).
 * - Projection: N(g+1, Y+1) = round(N(g, Y) × s(g)); the entry grade of the range (grade 1, or 6 and 10 for a
 *   secondary school) comes from an entry function (births six years earlier × intake ratio, or the
 *   department's projected previous grade × the school's share).
 * - Every projected count is rounded half up to a whole student at each step, so a hand computation is exact.
 */

export type GradeCounts = Readonly<Record<number, number>>;
export type EnrolmentYear = { year: number; counts: GradeCounts };

/** Pooled survival ratio of each grade into the next (keys: the lower grade). */
export function survivalRatios(
  history: readonly EnrolmentYear[],
  grades: readonly number[],
): Record<number, number> {
  const byYear = new Map(history.map((h) => [h.year, h.counts]));
  const out: Record<number, number> = {};
  for (let i = 0; i + 1 < grades.length; i++) {
    const g = grades[i];
    const next = grades[i + 1];
    let num = 0;
    let den = 0;
    for (const h of history) {
      const prev = byYear.get(h.year - 1);
      const a = prev?.[g];
      const b = h.counts[next];
      if (a === undefined || b === undefined) continue;
      num += b;
      den += a;
    }
    out[g] = den > 0 ? num / den : 0;
  }
  return out;
}

/** Half-up rounding to a whole student (never negative). */
export const roundStudents = (x: number) => Math.max(0, Math.floor(x + 0.5 + 1e-9));

export type CohortForecastInput = {
  history: readonly EnrolmentYear[];
  /** The grades taught, ascending and consecutive (1-5, 6-9, 10-12, or 1-9…). */
  grades: readonly number[];
  /** Years to project after the last year of the history. */
  horizon: number;
  /** Students entering the first grade in a projected year. */
  entry: (year: number) => number;
  /** Survival ratios to use instead of the ones estimated from the history (keys: the lower grade). */
  survival?: Readonly<Record<number, number>>;
};

export type CohortForecast = {
  baseYear: number;
  survival: Record<number, number>;
  /** The base year (last year of the history) then one entry per projected year. */
  years: EnrolmentYear[];
};

/** Projects enrolment per grade for `horizon` years after the last year of the history. */
export function forecastCohorts(input: CohortForecastInput): CohortForecast {
  const { grades, horizon } = input;
  if (grades.length === 0) throw new RangeError('grades must not be empty');
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new RangeError('horizon must be a non-negative integer');
  const sorted = [...input.history].sort((a, b) => a.year - b.year);
  if (sorted.length === 0) throw new RangeError('history must have at least one year');
  const base = sorted[sorted.length - 1];
  const survival = { ...survivalRatios(sorted, grades), ...(input.survival ?? {}) };
  const first: Record<number, number> = {};
  for (const g of grades) first[g] = Math.max(0, base.counts[g] ?? 0);
  const years: EnrolmentYear[] = [{ year: base.year, counts: first }];
  for (let k = 1; k <= horizon; k++) {
    const prev = years[k - 1].counts;
    const year = base.year + k;
    const counts: Record<number, number> = {};
    counts[grades[0]] = roundStudents(input.entry(year));
    for (let i = 1; i < grades.length; i++) {
      counts[grades[i]] = roundStudents(prev[grades[i - 1]] * Math.max(0, survival[grades[i - 1]] ?? 0));
    }
    years.push({ year, counts });
  }
  return { baseYear: base.year, survival, years };
}

/** Total students of a year's counts. */
export const totalStudents = (counts: GradeCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Grade-1 intake ratio (tỉ lệ huy động trẻ 6 tuổi vào lớp 1): Σ grade-1 students / Σ births six years earlier,
 * over the history years whose births are known; null when no year has both.
 */
export function estimateIntakeRatio(
  history: readonly EnrolmentYear[],
  births: Readonly<Record<number, number>>,
  entryGrade = 1,
  entryAge = 6,
): number | null {
  let num = 0;
  let den = 0;
  for (const h of history) {
    const b = births[h.year - entryAge];
    const n = h.counts[entryGrade];
    if (b === undefined || n === undefined) continue;
    num += n;
    den += b;
  }
  return den > 0 ? num / den : null;
}

/**
 * Births for a birth year: the entered figure, else the latest entered figure before it (held constant), else
 * the earliest entered one; null when none is entered. `extrapolated` says the figure was not entered.
 */
export function birthsFor(
  births: Readonly<Record<number, number>>,
  birthYear: number,
): { births: number; extrapolated: boolean } | null {
  if (births[birthYear] !== undefined) return { births: births[birthYear], extrapolated: false };
  const years = Object.keys(births)
    .map(Number)
    .sort((a, b) => a - b);
  if (years.length === 0) return null;
  const before = years.filter((y) => y < birthYear);
  const y = before.length ? before[before.length - 1] : years[0];
  return { births: births[y], extrapolated: true };
}

/** Mean of the entry grade over the last `k` years of the history (the fallback entry when nothing else is known). */
export function recentEntryMean(history: readonly EnrolmentYear[], entryGrade: number, k = 3): number {
  const values = [...history]
    .sort((a, b) => a.year - b.year)
    .map((h) => h.counts[entryGrade])
    .filter((v): v is number => v !== undefined)
    .slice(-k);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
