import { estimateAbility, raschProbability } from './rasch';

/**
 * Mastery by topic and cognitive level (mức độ thành thạo theo chủ đề / mức độ nhận thức) from a Rasch
 * calibration, and practice suggestions for the weak topics.
 */

/** One item a student was given: its calibrated difficulty and the share of its points earned (0..1). */
export type MasteryResponse = {
  itemId: string;
  topic: string;
  level: string;
  difficulty: number;
  score: number;
};

export type MasteryBand = 'weak' | 'developing' | 'mastered';

export type GroupMastery = {
  /** The topic or the level. */
  key: string;
  items: number;
  /** Share of the group's points the student earned, in [0, 1]. */
  observed: number;
  /** θ on this group's items, shrunk towards the overall θ (MAP with a normal prior). */
  theta: number;
  se: number;
  /** Expected share correct on the group's items at that θ, in [0, 1]: the mastery figure shown. */
  mastery: number;
  band: MasteryBand;
};

export type MasteryOptions = {
  /** The student's overall ability (the prior's mean). */
  overallTheta: number;
  /** Prior standard deviation in logits (default 1): smaller trusts the overall θ more. */
  priorSd?: number;
  /** mastery < weakBelow is weak (default 0.5); < masteredFrom is developing (default 0.7). */
  weakBelow?: number;
  masteredFrom?: number;
};

export function bandOf(mastery: number, weakBelow = 0.5, masteredFrom = 0.7): MasteryBand {
  return mastery < weakBelow ? 'weak' : mastery < masteredFrom ? 'developing' : 'mastered';
}

/** Mastery per group (by topic: `r => r.topic`; by level: `r => r.level`), weakest first. */
export function masteryByGroup(
  responses: readonly MasteryResponse[],
  groupOf: (r: MasteryResponse) => string,
  opts: MasteryOptions,
): GroupMastery[] {
  const groups = new Map<string, MasteryResponse[]>();
  for (const r of responses) {
    const k = groupOf(r);
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  const out: GroupMastery[] = [];
  for (const [key, items] of groups) {
    const est = estimateAbility(
      items.map((i) => ({ difficulty: i.difficulty, score: i.score })),
      { prior: { mean: opts.overallTheta, sd: opts.priorSd ?? 1 } },
    );
    const mastery = items.reduce((a, i) => a + raschProbability(est.theta, i.difficulty), 0) / items.length;
    out.push({
      key,
      items: items.length,
      observed: items.reduce((a, i) => a + Math.min(1, Math.max(0, i.score)), 0) / items.length,
      theta: est.theta,
      se: est.se,
      mastery,
      band: bandOf(mastery, opts.weakBelow, opts.masteredFrom),
    });
  }
  return out.sort((a, b) => a.mastery - b.mastery || a.key.localeCompare(b.key));
}

/** A bank question that could be suggested: its difficulty in logits when calibrated, else by its level. */
export type PracticeCandidate = { id: string; topic: string; level: string; difficulty: number | null };

/** Difficulty assumed for an uncalibrated question by cognitive level (logits). */
export const LEVEL_DIFFICULTY: Readonly<Record<string, number>> = { NB: -1.5, TH: -0.5, VD: 0.5, VDC: 1.5 };

export type PracticeSuggestion = {
  topic: string;
  band: MasteryBand;
  mastery: number;
  questions: { id: string; level: string; difficulty: number; expected: number }[];
};

const topicKey = (t: string) => t.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/**
 * For each weak or developing topic (weakest first), up to `perTopic` questions of that topic whose expected
 * success at the student's topic θ is closest to `target` (default 0.65: hard enough to learn from, not
 * discouraging), excluding questions already answered. Deterministic: ties by id.
 */
export function suggestPractice(
  topics: readonly GroupMastery[],
  pool: readonly PracticeCandidate[],
  opts: {
    perTopic?: number;
    exclude?: ReadonlySet<string>;
    target?: number;
    includeDeveloping?: boolean;
  } = {},
): PracticeSuggestion[] {
  const perTopic = opts.perTopic ?? 3;
  const target = opts.target ?? 0.65;
  const out: PracticeSuggestion[] = [];
  for (const t of topics) {
    if (t.band === 'mastered' || (t.band === 'developing' && opts.includeDeveloping === false)) continue;
    const questions = pool
      .filter((q) => topicKey(q.topic) === topicKey(t.key) && !opts.exclude?.has(q.id))
      .map((q) => {
        const difficulty = q.difficulty ?? LEVEL_DIFFICULTY[q.level] ?? 0;
        return { id: q.id, level: q.level, difficulty, expected: raschProbability(t.theta, difficulty) };
      })
      .sort((a, b) => Math.abs(a.expected - target) - Math.abs(b.expected - target) || (a.id < b.id ? -1 : 1))
      .slice(0, perTopic);
    out.push({ topic: t.key, band: t.band, mastery: t.mastery, questions });
  }
  return out;
}
