/**
 * Chỉ tiêu kế hoạch: how a target's value is computed from plain counts, and how far it is from its goal
 * (traffic lights). No I/O: the operations module sums its rollup counters and calls these functions.
 */

export type TargetMeasure = 'percent' | 'count' | 'ratio';
export type TargetComparator = 'gte' | 'lte';
/** Đạt / có nguy cơ không đạt / không đạt / chưa có số liệu. */
export type TrafficLight = 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export const TRAFFIC_LIGHTS: readonly TrafficLight[] = ['on_track', 'at_risk', 'off_track', 'no_data'];
export const TRAFFIC_LIGHT_LABELS: Readonly<Record<TrafficLight, { vi: string; en: string }>> = {
  on_track: { vi: 'Đạt tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ', en: 'At risk' },
  off_track: { vi: 'Chưa đạt', en: 'Off track' },
  no_data: { vi: 'Chưa có số liệu', en: 'No data' },
};

/** What a definition produces: the value is null when the denominator is 0 (nothing to measure yet). */
export type TargetComputation = { numerator: number; denominator: number | null; value: number | null };

/** Phần trăm: 100·n/d, or null when there is nobody to count. */
export function computeShare(numerator: number, denominator: number): TargetComputation {
  assertCount(numerator, 'numerator');
  assertCount(denominator, 'denominator');
  if (numerator > denominator) throw new RangeError(`numerator ${numerator} > denominator ${denominator}`);
  return { numerator, denominator, value: denominator === 0 ? null : (100 * numerator) / denominator };
}

/** Số lượng: the count itself. */
export function computeCount(count: number): TargetComputation {
  assertCount(count, 'count');
  return { numerator: count, denominator: null, value: count };
}

/** Tỉ lệ n/d (e.g. students per computer), or null when the denominator is 0. */
export function computeRatio(numerator: number, denominator: number): TargetComputation {
  assertCount(numerator, 'numerator');
  assertCount(denominator, 'denominator');
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

function assertCount(n: number, name: string) {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a non-negative number, got ${n}`);
}

/** The default band below the goal that is 'at risk': 5 points for a share, 10 % of the goal otherwise. */
export function defaultAtRiskMargin(measure: TargetMeasure, goal: number): number {
  if (measure === 'percent') return 5;
  return Math.max(measure === 'count' ? 1 : 0, Math.abs(goal) * 0.1);
}

export type ProgressRule = {
  measure: TargetMeasure;
  comparator: TargetComparator;
  /** The goal: 95 (%), 6 (rooms), 5 (students per computer). */
  goal: number;
  /** Band short of the goal that is still 'at risk' rather than 'off track' (default: defaultAtRiskMargin). */
  margin?: number | null;
  /**
   * For a count to be reached by a date: the share of the plan period elapsed (0…1). The goal is then
   * prorated (6 rooms, half-way through the period → 3 expected by now).
   */
  elapsed?: number | null;
};

/**
 * Đèn tín hiệu. A 'gte' target is on track at or above the goal, at risk within `margin` below it, off track
 * further below; an 'lte' target (students per computer ≤ 5) mirrors that. No value → no_data.
 * Values are compared after rounding to 2 decimals, as displayed (99.995 % shows as 100.00 % and is on track).
 */
export function classifyProgress(value: number | null, rule: ProgressRule): TrafficLight {
  if (value === null || Number.isNaN(value)) return 'no_data';
  const margin = rule.margin ?? defaultAtRiskMargin(rule.measure, rule.goal);
  if (margin < 0) throw new RangeError('margin must not be negative');
  let goal = rule.goal;
  if (rule.elapsed !== undefined && rule.elapsed !== null && rule.measure === 'count') {
    const elapsed = Math.min(1, Math.max(0, rule.elapsed));
    goal = rule.comparator === 'gte' ? Math.ceil(goal * elapsed) : goal;
  }
  const v = round2(value);
  if (rule.comparator === 'gte') {
    if (v >= goal) return 'on_track';
    return v >= round2(goal - margin) ? 'at_risk' : 'off_track';
  }
  if (v <= goal) return 'on_track';
  return v <= round2(goal + margin) ? 'at_risk' : 'off_track';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The worst light of several (a plan's summary): off_track > at_risk > on_track; no_data only if all are. */
export function worstLight(lights: readonly TrafficLight[]): TrafficLight {
  for (const l of ['off_track', 'at_risk', 'on_track'] as const) if (lights.includes(l)) return l;
  return 'no_data';
}

/** Adds counters school by school: the plan-wide counts are the sums of the schools' counts. */
export function sumCounts(rows: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) for (const [k, v] of Object.entries(row)) out[k] = (out[k] ?? 0) + v;
  return out;
}
