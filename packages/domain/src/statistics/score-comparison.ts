/**
 * So sánh kết quả giữa các trường (seed 004 §1: "phân tích cụ thể phổ điểm, điểm thi trung bình của từng môn
 * học, từng trường… so sánh kết quả thi giữa các trường"). Inputs are aggregates (count, sum, histogram) per
 * school and subject as read from rollups; the reference mean of the city/department is the mean over all
 * students (weighted by count), not the mean of the school means.
 */

export type ScoreGroup = {
  schoolId: string;
  subject: string;
  count: number;
  /** Sum of the scores (mean = sum / count). */
  sum: number;
  /** Counts per bin of equal width over 0…10 (bins.length = 10 / width). */
  bins: number[];
};

export type SchoolComparison = {
  schoolId: string;
  subject: string;
  count: number;
  mean: number | null;
  /** mean − the reference mean of the subject (null without data on either side). */
  gap: number | null;
  bins: number[];
};
export type SubjectReference = { subject: string; count: number; mean: number | null; bins: number[] };

/** Merges histograms of equal width (bins added position by position). */
export function mergeBins(lists: readonly (readonly number[])[]): number[] {
  const len = Math.max(0, ...lists.map((l) => l.length));
  const out = Array.from({ length: len }, () => 0);
  for (const l of lists) for (let i = 0; i < l.length; i++) out[i] += l[i];
  return out;
}

/** Coarser bins: every `factor` consecutive bins added (e.g. 0.25-wide exam bins → 1-point bins, factor 4). */
export function rebin(bins: readonly number[], factor: number): number[] {
  if (!Number.isInteger(factor) || factor < 1 || bins.length % factor !== 0)
    throw new RangeError(`cannot regroup ${bins.length} bins by ${factor}`);
  const out: number[] = [];
  for (let i = 0; i < bins.length; i += factor)
    out.push(bins.slice(i, i + factor).reduce((s, n) => s + n, 0));
  return out;
}

/** Per subject: the reference (all groups together) and each school's mean and gap to it. */
export function compareScores(groups: readonly ScoreGroup[]): {
  subjects: SubjectReference[];
  schools: SchoolComparison[];
} {
  const bySubject = new Map<string, ScoreGroup[]>();
  for (const g of groups) {
    if (g.count < 0 || !Number.isFinite(g.sum)) throw new RangeError('invalid group');
    const list = bySubject.get(g.subject) ?? [];
    list.push(g);
    bySubject.set(g.subject, list);
  }
  const subjects: SubjectReference[] = [];
  const schools: SchoolComparison[] = [];
  for (const [subject, list] of bySubject) {
    const count = list.reduce((s, g) => s + g.count, 0);
    const sum = list.reduce((s, g) => s + g.sum, 0);
    const mean = count > 0 ? sum / count : null;
    subjects.push({ subject, count, mean, bins: mergeBins(list.map((g) => g.bins)) });
    const perSchool = new Map<string, ScoreGroup[]>();
    for (const g of list) perSchool.set(g.schoolId, [...(perSchool.get(g.schoolId) ?? []), g]);
    for (const [schoolId, own] of perSchool) {
      const n = own.reduce((s, g) => s + g.count, 0);
      const m = n > 0 ? own.reduce((s, g) => s + g.sum, 0) / n : null;
      schools.push({
        schoolId,
        subject,
        count: n,
        mean: m,
        gap: m === null || mean === null ? null : m - mean,
        bins: mergeBins(own.map((g) => g.bins)),
      });
    }
  }
  return { subjects, schools };
}
