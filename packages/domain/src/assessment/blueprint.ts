import type { CognitiveLevel, QuestionType } from './question';
import { shuffleSeeded } from './shuffle';

/**
 * A test blueprint (ma trận đề): rows are topics, columns cognitive levels; each cell asks for a number of
 * questions worth a number of points each, optionally of one type (e.g. Phần I single choice).
 */
export type BlueprintCell = {
  topic: string;
  level: CognitiveLevel;
  count: number;
  pointsEach: number;
  type?: QuestionType;
};

/** A bank question as the draw sees it. */
export type PoolQuestion = { id: string; topic: string; level: CognitiveLevel; type: QuestionType };

export type BlueprintShortage = {
  cell: number;
  topic: string;
  level: CognitiveLevel;
  type?: QuestionType;
  needed: number;
  available: number;
};
export type BlueprintPick = { cell: number; id: string; points: number };
export type BlueprintDraw =
  | { ok: true; picks: BlueprintPick[] }
  | { ok: false; shortages: BlueprintShortage[] };

/** Topic comparison: case, spacing and Unicode form do not matter. */
export const topicKey = (topic: string) =>
  topic.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

const matches = (q: PoolQuestion, c: BlueprintCell) =>
  q.level === c.level && topicKey(q.topic) === topicKey(c.topic) && (!c.type || q.type === c.type);

/**
 * Draws random questions for every cell (seeded: the same pool and seed give the same test). A question is
 * used at most once. When some cells cannot be filled, nothing is drawn and every short cell is reported.
 */
export function drawBlueprint(
  cells: readonly BlueprintCell[],
  pool: readonly PoolQuestion[],
  seed: number,
): BlueprintDraw {
  const used = new Set<string>();
  const picks: BlueprintPick[] = [];
  const shortages: BlueprintShortage[] = [];
  const uniquePool = [...new Map(pool.map((q) => [q.id, q])).values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  // Typed cells first: a cell that asks for any type must not take the questions a typed cell needs.
  const order = cells
    .map((_, i) => i)
    .sort((a, b) => Number(!cells[a].type) - Number(!cells[b].type) || a - b);
  for (const i of order) {
    const c = cells[i];
    const count = Math.max(0, Math.floor(c.count));
    if (count === 0) continue;
    const candidates = uniquePool.filter((q) => !used.has(q.id) && matches(q, c));
    if (candidates.length < count) {
      shortages.push({
        cell: i,
        topic: c.topic,
        level: c.level,
        ...(c.type ? { type: c.type } : {}),
        needed: count,
        available: candidates.length,
      });
      continue;
    }
    for (const q of shuffleSeeded(candidates, (seed + Math.imul(i + 1, 0x9e3779b1)) >>> 0).slice(0, count)) {
      used.add(q.id);
      picks.push({ cell: i, id: q.id, points: c.pointsEach });
    }
  }
  if (shortages.length) return { ok: false, shortages: shortages.sort((a, b) => a.cell - b.cell) };
  return { ok: true, picks: picks.sort((a, b) => a.cell - b.cell) };
}

/** How many questions of the pool fall in each topic × level (× type) cell: for the matrix builder. */
export function countAvailability(
  pool: readonly PoolQuestion[],
): { topic: string; level: CognitiveLevel; type: QuestionType; count: number }[] {
  const map = new Map<string, { topic: string; level: CognitiveLevel; type: QuestionType; count: number }>();
  for (const q of pool) {
    const k = `${topicKey(q.topic)}|${q.level}|${q.type}`;
    const e = map.get(k);
    if (e) e.count++;
    else
      map.set(k, {
        topic: q.topic.normalize('NFC').replace(/\s+/g, ' ').trim(),
        level: q.level,
        type: q.type,
        count: 1,
      });
  }
  return [...map.values()];
}

/** Total points of a blueprint and its share per level (for the 40/30/20/10 check). */
export function blueprintTotals(cells: readonly BlueprintCell[]) {
  const byLevel: Record<CognitiveLevel, number> = { NB: 0, TH: 0, VD: 0, VDC: 0 };
  let total = 0;
  let count = 0;
  for (const c of cells) {
    const p = Math.max(0, c.count) * c.pointsEach;
    byLevel[c.level] += p;
    total += p;
    count += Math.max(0, c.count);
  }
  const r = (n: number) => Math.round(n * 10000) / 10000;
  return {
    total: r(total),
    count,
    byLevel: { NB: r(byLevel.NB), TH: r(byLevel.TH), VD: r(byLevel.VD), VDC: r(byLevel.VDC) },
  };
}
