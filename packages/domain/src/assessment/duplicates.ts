import type { QuestionBody } from './question';

/**
 * Duplicate detection (phát hiện câu hỏi trùng). An exact duplicate has the same canonical text: lower case
 * (diacritics kept: "ba" and "bà" differ), spaces collapsed, options sorted (so a reordered copy is caught).
 * A near duplicate has a high Jaccard similarity of character trigrams.
 */

const canon = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .toLocaleLowerCase('vi')
    .replace(/\s+/g, ' ')
    .trim();

/** The texts of a question that define "the same question". */
function partsOf(body: QuestionBody): string[] {
  const c = body.content;
  switch (body.type) {
    case 'single':
    case 'multiple':
      return body.content.options.map((o) => canon(o.text)).sort();
    case 'true_false':
      return body.content.statements.map((s) => canon(s.text));
    case 'matching':
      return [
        ...body.content.left.map((l) => canon(l.text)).sort(),
        '=>',
        ...body.content.right.map((r) => canon(r.text)).sort(),
      ];
    default:
      return c.media?.length ? c.media.map((m) => m.sha256).sort() : [];
  }
}

/** Canonical text of a question for exact-duplicate detection; hash it (SHA-256) to store. */
export function duplicateKey(body: QuestionBody): string {
  return [body.type, canon(body.content.stem), ...partsOf(body)].join('\u241e');
}

/** All visible text of a question, for near-duplicate comparison and search. */
export function questionText(body: QuestionBody): string {
  return [body.content.stem, ...partsOf(body).filter((p) => p !== '=>')].join(' ');
}

/** Character trigrams of canonical text (words padded with spaces). */
export function trigrams(text: string): Set<string> {
  const t = ` ${canon(text).replace(/[^\p{L}\p{N}\\^_{}+\-=*/<>()]+/gu, ' ')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

/** Jaccard similarity of two sets: |A ∩ B| / |A ∪ B| (1 for two empty sets). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Similarity of two questions in [0, 1]. */
export function questionSimilarity(a: QuestionBody, b: QuestionBody): number {
  return jaccard(trigrams(questionText(a)), trigrams(questionText(b)));
}

/**
 * Candidates at least `threshold` similar to the question (most similar first); the question itself (same
 * id) is skipped.
 */
export function findNearDuplicates<T extends { id: string; body: QuestionBody }>(
  target: { id?: string; body: QuestionBody },
  candidates: readonly T[],
  threshold = 0.6,
): { item: T; similarity: number }[] {
  const mine = trigrams(questionText(target.body));
  const out: { item: T; similarity: number }[] = [];
  for (const c of candidates) {
    if (target.id && c.id === target.id) continue;
    const s = jaccard(mine, trigrams(questionText(c.body)));
    if (s >= threshold) out.push({ item: c, similarity: Math.round(s * 1000) / 1000 });
  }
  return out.sort((x, y) => y.similarity - x.similarity);
}
