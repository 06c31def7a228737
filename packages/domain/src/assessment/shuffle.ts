import { OPTION_LETTERS, type QuestionBody, type QuestionType } from './question';

/** mulberry32: a small seeded PRNG; the same seed always gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any text (FNV-1a), e.g. a test id plus a version code. */
export function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fisher–Yates with a seeded generator: a permutation of `items`, the same for the same seed. */
export function shuffleSeeded<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rand = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Shuffles options, leaving every `fixed` option (italic letter in Word: "không đảo", e.g. "Cả A, B, C đều
 * đúng") at its position. Returns the option ids in display order.
 */
export function shuffleOptionIds(
  options: readonly { id: string; fixed?: boolean }[],
  seed: number,
): string[] {
  const movable = options.filter((o) => !o.fixed).map((o) => o.id);
  const shuffled = shuffleSeeded(movable, seed);
  let k = 0;
  return options.map((o) => (o.fixed ? o.id : shuffled[k++]));
}

/** Reorders a question's options (or matching right column) to a version's order; unknown ids are ignored. */
export function applyOptionOrder<B extends QuestionBody>(body: B, order: readonly string[] | undefined): B {
  if (!order || order.length === 0) return body;
  const reorder = <T extends { id: string }>(list: readonly T[]): T[] => {
    const byId = new Map(list.map((x) => [x.id, x]));
    const picked = order.map((id) => byId.get(id)).filter((x): x is T => x !== undefined);
    if (picked.length !== list.length || new Set(picked).size !== list.length) return [...list];
    return picked;
  };
  if (body.type === 'single' || body.type === 'multiple')
    return { ...body, content: { ...body.content, options: reorder(body.content.options) } };
  if (body.type === 'matching')
    return { ...body, content: { ...body.content, right: reorder(body.content.right) } };
  return body;
}

/** The printed answer of a question as shown on paper: "B", "A, C", "ĐSĐS", "-1,5". */
export function displayKey(body: QuestionBody): string {
  switch (body.type) {
    case 'single': {
      const i = body.content.options.findIndex((o) => o.id === body.key.optionId);
      return OPTION_LETTERS[i] ?? '?';
    }
    case 'multiple':
      return body.content.options
        .map((o, i) => (body.key.optionIds.includes(o.id) ? OPTION_LETTERS[i] : null))
        .filter(Boolean)
        .join(', ');
    case 'true_false':
      return body.content.statements.map((s) => (body.key.values[s.id] ? 'Đ' : 'S')).join('');
    case 'short_answer':
      return String(body.key.value).replace('.', ',');
    case 'matching':
      return body.content.left
        .map((l, i) => {
          const j = body.content.right.findIndex((r) => r.id === body.key.pairs[l.id]);
          return `${i + 1}-${OPTION_LETTERS[j] ?? '?'}`;
        })
        .join(', ');
    case 'fill_blank':
      return body.content.blanks.map((b) => (body.key.blanks[b.id] ?? [])[0] ?? '').join('; ');
    case 'essay':
      return 'Tự luận';
  }
}

/** Order of the parts of a paper: Phần I (single choice) first, then true/false, short answer, the rest. */
export const PART_ORDER: readonly QuestionType[] = [
  'single',
  'multiple',
  'true_false',
  'short_answer',
  'matching',
  'fill_blank',
  'essay',
];

export type VersionSource = { body: QuestionBody; part?: string };
export type VersionOptions = { seed: number; shuffleQuestions: boolean; shuffleOptions: boolean };
/** One version of a test (mã đề): item indices in display order and each item's option order. */
export type VersionPlan = { order: number[]; optionOrders: (string[] | null)[] };

/**
 * Plans one version: questions are shuffled within their part (all single-choice items stay in Phần I …),
 * options within each question (fixed options stay). `optionOrders[i]` belongs to source item i.
 */
export function planVersion(items: readonly VersionSource[], opts: VersionOptions): VersionPlan {
  const partOf = (it: VersionSource) => it.part ?? it.body.type;
  const groups: number[][] = [];
  items.forEach((it, i) => {
    const last = groups[groups.length - 1];
    if (last && partOf(items[last[0]]) === partOf(it)) last.push(i);
    else groups.push([i]);
  });
  const order = groups.flatMap((g, gi) =>
    opts.shuffleQuestions ? shuffleSeeded(g, (opts.seed ^ Math.imul(gi + 1, 0x9e3779b1)) >>> 0) : g,
  );
  const optionOrders = items.map((it, i) => {
    const seed = (opts.seed ^ Math.imul(i + 7, 0x85ebca6b)) >>> 0;
    const b = it.body;
    if (!opts.shuffleOptions) return null;
    if (b.type === 'single' || b.type === 'multiple') return shuffleOptionIds(b.content.options, seed);
    if (b.type === 'matching') return shuffleOptionIds(b.content.right, seed);
    return null;
  });
  return { order, optionOrders };
}

/** Version codes 101, 102, … (mã đề). */
export const versionCodes = (count: number, first = 101): string[] =>
  Array.from({ length: Math.max(0, count) }, (_, i) => String(first + i));
