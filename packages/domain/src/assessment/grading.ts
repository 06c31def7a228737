import { type GradableQuestion, parseDecimal } from './question';

/**
 * A student's response to one item, as the exam client sends it. Loose on purpose: a grader reads only the
 * field of its own type and treats anything else as unanswered, so a malformed answer scores 0 instead of
 * failing the whole submission.
 */
export type StudentAnswer = {
  optionId?: string | null;
  optionIds?: string[] | null;
  /** true_false: statement id → true (Đúng) / false (Sai) */
  values?: Record<string, boolean | null | undefined> | null;
  /** short_answer and essay */
  text?: string | null;
  /** matching: left id → right id */
  pairs?: Record<string, string | null | undefined> | null;
  /** fill_blank: blank id → text */
  blanks?: Record<string, string | null | undefined> | null;
};

export type ScoreStatus = 'correct' | 'partial' | 'incorrect' | 'unanswered' | 'manual';
export type ScoreResult = { score: number; maxScore: number; status: ScoreStatus };

/**
 * Share of a Phần II item's points by the number of statements answered correctly (2025 exam format):
 * 1 → 0.1, 2 → 0.25, 3 → 0.5, 4 → 1.
 */
export const TRUE_FALSE_SHARE: readonly number[] = [0, 0.1, 0.25, 0.5, 1];

const round4 = (n: number) => Math.round(n * 10000) / 10000;
const clamp = (n: number, max: number) => Math.min(max, Math.max(0, n));
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text comparison for fill-in answers: NFC, spaces collapsed, case folded unless case-sensitive. */
export function normaliseAnswerText(text: string, caseSensitive = false): string {
  const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return caseSensitive ? t : t.toLocaleLowerCase('vi');
}

function result(score: number, max: number, answered: boolean): ScoreResult {
  const s = clamp(round4(score), max);
  if (!answered) return { score: 0, maxScore: max, status: 'unanswered' };
  return {
    score: s,
    maxScore: max,
    status: s >= max && max > 0 ? 'correct' : s > 0 ? 'partial' : 'incorrect',
  };
}

/**
 * Scores one objective answer: always a number in [0, points]. Essays return status 'manual' (scored by a
 * teacher against the rubric).
 */
export function scoreAnswer(
  question: GradableQuestion,
  answer: StudentAnswer | null | undefined,
): ScoreResult {
  const max = Number.isFinite(question.points) && question.points > 0 ? question.points : 0;
  const a: StudentAnswer = isObject(answer) ? answer : {};
  switch (question.type) {
    case 'single': {
      const chosen = typeof a.optionId === 'string' ? a.optionId : null;
      return result(chosen === question.key.optionId ? max : 0, max, chosen !== null);
    }
    case 'multiple': {
      const chosen = new Set(
        Array.isArray(a.optionIds) ? a.optionIds.filter((x) => typeof x === 'string') : [],
      );
      const correct = new Set(question.key.optionIds);
      if (chosen.size === 0) return result(0, max, false);
      const hits = [...chosen].filter((x) => correct.has(x)).length;
      const wrong = chosen.size - hits;
      if (question.key.partial && correct.size > 0)
        return result((max * Math.max(0, hits - wrong)) / correct.size, max, true);
      return result(hits === correct.size && wrong === 0 ? max : 0, max, true);
    }
    case 'true_false': {
      const values = isObject(a.values) ? a.values : {};
      const ids = question.content.statements.map((s) => s.id);
      let right = 0;
      let answered = 0;
      for (const id of ids) {
        const v = values[id];
        if (typeof v !== 'boolean') continue;
        answered++;
        if (v === question.key.values[id]) right++;
      }
      // The 2025 table is defined for four statements; other counts are scored by share of the four-row table.
      const share =
        ids.length === 4
          ? TRUE_FALSE_SHARE[right]
          : ids.length > 0
            ? TRUE_FALSE_SHARE[Math.round((right * 4) / ids.length)]
            : 0;
      return result(max * (share ?? 0), max, answered > 0);
    }
    case 'short_answer': {
      const text = typeof a.text === 'string' ? a.text : '';
      if (!text.trim()) return result(0, max, false);
      const value = parseDecimal(text);
      const ok = value !== null && Math.abs(value - question.key.value) <= question.key.tolerance + 1e-9;
      return result(ok ? max : 0, max, true);
    }
    case 'matching': {
      const pairs = isObject(a.pairs) ? a.pairs : {};
      const lefts = question.content.left.map((l) => l.id);
      if (lefts.length === 0) return result(0, max, false);
      let right = 0;
      let answered = 0;
      for (const id of lefts) {
        const v = pairs[id];
        if (typeof v !== 'string') continue;
        answered++;
        if (v === question.key.pairs[id]) right++;
      }
      return result((max * right) / lefts.length, max, answered > 0);
    }
    case 'fill_blank': {
      const given = isObject(a.blanks) ? a.blanks : {};
      const ids = question.content.blanks.map((b) => b.id);
      if (ids.length === 0) return result(0, max, false);
      const cs = question.key.caseSensitive === true;
      let right = 0;
      let answered = 0;
      for (const id of ids) {
        const v = given[id];
        if (typeof v !== 'string' || !v.trim()) continue;
        answered++;
        const accepted = (question.key.blanks[id] ?? []).map((x) => normaliseAnswerText(x, cs));
        if (accepted.includes(normaliseAnswerText(v, cs))) right++;
      }
      return result((max * right) / ids.length, max, answered > 0);
    }
    case 'essay':
      return { score: 0, maxScore: max, status: 'manual' };
  }
  return { score: 0, maxScore: max, status: 'unanswered' };
}

/** Sum of the rubric's points; what an essay is worth when its points are not set separately. */
export const rubricTotal = (rubric: readonly { points: number }[]) =>
  round4(rubric.reduce((s, r) => s + (Number.isFinite(r.points) ? r.points : 0), 0));
