/**
 * The restricted markup of question texts: plain text, line breaks, and LaTeX between `\( \)`, `\[ \]`,
 * `$ $` or `$$ $$`. Never HTML: imported HTML is reduced to text, and the web renders text nodes and KaTeX.
 */

export type MarkupSegment =
  | { kind: 'text'; value: string }
  | { kind: 'math'; value: string; display: boolean };

const DELIMS: { open: string; close: string; display: boolean }[] = [
  { open: '\\(', close: '\\)', display: false },
  { open: '\\[', close: '\\]', display: true },
  { open: '$$', close: '$$', display: true },
  { open: '$', close: '$', display: false },
];

/** Splits text into plain-text and math segments; an unclosed delimiter stays text. */
export function splitMath(text: string): MarkupSegment[] {
  const out: MarkupSegment[] = [];
  let buf = '';
  let i = 0;
  const flush = () => {
    if (buf) out.push({ kind: 'text', value: buf });
    buf = '';
  };
  while (i < text.length) {
    if (text[i] === '\\' && text[i + 1] === '$') {
      buf += '$';
      i += 2;
      continue;
    }
    const d = DELIMS.find((x) => text.startsWith(x.open, i));
    if (d) {
      const end = text.indexOf(d.close, i + d.open.length);
      if (end > i + d.open.length - 1 && end !== -1) {
        const inner = text.slice(i + d.open.length, end);
        if (inner.trim() && !(d.open === '$' && inner.includes('\n'))) {
          flush();
          out.push({ kind: 'math', value: inner.trim(), display: d.display });
          i = end + d.close.length;
          continue;
        }
      }
    }
    buf += text[i];
    i++;
  }
  flush();
  return out;
}

const HTML_TAGS =
  'a|abbr|b|big|blockquote|body|br|center|code|del|div|em|font|h[1-6]|head|hr|html|i|img|ins|li|meta|ol|p|pre|s|script|small|span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul|iframe|object|embed|svg|math|link|form|input|button|textarea|select|option';
const TAG = new RegExp(`<\\/?(?:${HTML_TAGS})(?:\\s[^<>]*)?\\/?>`, 'gi');
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A complete tag, comment or processing instruction as a browser would parse it. */
const ANY_TAG = /<!--[\s\S]*?-->|<[/!?]?[a-zA-Z][^<>]*>/g;
/** '<' directly before a letter, '/', '!' or '?': where an HTML parser would start a tag. */
const TAG_OPEN = /<(?=[a-zA-Z/!?])/g;

/** Reduces HTML in a text segment to plain text (line breaks kept; sub/sup become LaTeX). */
function stripHtml(text: string): string {
  if (!/[<&]/.test(text)) return text;
  return (
    text
      .replace(/<script[\s\S]*?<\/script\s*>|<style[\s\S]*?<\/style\s*>/gi, '')
      .replace(/<sup>([^<]{1,40})<\/sup>/gi, (_, x: string) => `\\(^{${x}}\\)`)
      .replace(/<sub>([^<]{1,40})<\/sub>/gi, (_, x: string) => `\\(_{${x}}\\)`)
      .replace(/<br\s*\/?>|<\/p\s*>|<\/div\s*>|<\/li\s*>|<\/tr\s*>/gi, '\n')
      .replace(TAG, '')
      // Any other tag ('<video onerror=…>', '<x:y>', comments): removed as well, so that the stored text holds
      // no markup even if some consumer inserted it as HTML.
      .replace(ANY_TAG, '')
      .replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (m, e: string) => {
        if (e[0] === '#') {
          const code =
            e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
          return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
        }
        return ENTITIES[e.toLowerCase()] ?? m;
      })
      // Entities decoded into a tag ('&lt;img onerror=…&gt;') are removed too.
      .replace(ANY_TAG, '')
  );
}

/** A '<' that could open a tag gets a space after it ('x<y' → 'x< y'): text and LaTeX read the same. */
const defuseTagOpen = (s: string) => s.replace(TAG_OPEN, '< ');

/**
 * Canonical stored form of a question text: NFC, no control characters, no HTML outside formulas, white space
 * collapsed to single spaces and trimmed per line, at most one blank line in a row.
 */
/** C0 controls except tab and newline, DEL, zero-width space, word joiner, BOM. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u2060\ufeff]/g;

export function sanitizeMarkup(text: string): string {
  // Idempotent: removing a tag can bring two `$` together into a new formula, so clean until nothing changes
  // (stored text is cleaned again on every import and must come back the same).
  let out = sanitizeOnce(text);
  for (let i = 0; i < 8; i++) {
    const again = sanitizeOnce(out);
    if (again === out) return out;
    out = again;
  }
  return out;
}

function sanitizeOnce(text: string): string {
  const cleaned = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
  const parts = splitMath(cleaned).map((s) => {
    if (s.kind === 'text') return defuseTagOpen(stripHtml(s.value));
    const tex = defuseTagOpen(s.value);
    return s.display ? `\\[${tex}\\]` : `\\(${tex}\\)`;
  });
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const SYMBOLS: Record<string, string> = {
  cdot: '·',
  times: '×',
  div: ':',
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  ne: '≠',
  neq: '≠',
  approx: '≈',
  pm: '±',
  infty: '∞',
  pi: 'π',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  Delta: 'Δ',
  delta: 'δ',
  lambda: 'λ',
  mu: 'μ',
  rho: 'ρ',
  Omega: 'Ω',
  omega: 'ω',
  in: '∈',
  notin: '∉',
  subset: '⊂',
  cup: '∪',
  cap: '∩',
  emptyset: '∅',
  varnothing: '∅',
  angle: '∠',
  widehat: '',
  hat: '',
  triangle: '△',
  perp: '⊥',
  parallel: '∥',
  circ: '°',
  degree: '°',
  rightarrow: '→',
  to: '→',
  Rightarrow: '⇒',
  Leftrightarrow: '⇔',
  left: '',
  right: '',
  quad: ' ',
  ',': ' ',
  ';': ' ',
  '%': '%',
  mathbb: '',
  mathbf: '',
  surd: '√',
  dots: '…',
  ldots: '…',
  cdots: '⋯',
  text: '',
  mathrm: '',
  overline: '',
  dfrac: '',
  frac: '',
  sqrt: '',
};
const SUP: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  n: 'ⁿ',
  '*': '*',
  '(': '⁽',
  ')': '⁾',
};
const SUB: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
};

/** Reads one LaTeX argument (a braced group or a single token) starting at i. */
function readArg(s: string, i: number): [string, number] {
  while (s[i] === ' ') i++;
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}') {
        depth--;
        if (depth === 0) return [s.slice(i + 1, j), j + 1];
      }
    }
    return [s.slice(i + 1), s.length];
  }
  if (s[i] === '\\') {
    const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
    if (m) return [m[0], i + m[0].length];
  }
  return [s[i] ?? '', i + 1];
}

const wrap = (x: string) => (/^[\p{L}\p{N}.,]+$/u.test(x) ? x : `(${x})`);
const script = (x: string, map: Record<string, string>, mark: string) =>
  [...x].every((ch) => map[ch]) ? [...x].map((ch) => map[ch]).join('') : `${mark}${wrap(x)}`;

/** Best-effort LaTeX → readable Unicode text, for paper copies and plain-text exports. */
export function latexToText(latex: string): string {
  let out = '';
  let i = 0;
  const s = latex;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
      const name = m ? m[1] : '';
      i += m ? m[0].length : 1;
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
        const [a, j] = readArg(s, i);
        const [b, k] = readArg(s, j);
        out += `${wrap(latexToText(a))}/${wrap(latexToText(b))}`;
        i = k;
      } else if (name === 'sqrt') {
        let index = '';
        if (s[i] === '[') {
          const e = s.indexOf(']', i);
          index = s.slice(i + 1, e === -1 ? s.length : e);
          i = e === -1 ? s.length : e + 1;
        }
        const [a, j] = readArg(s, i);
        out += `${index ? script(index, SUP, '^') : ''}√${wrap(latexToText(a))}`;
        i = j;
      } else if (
        name === 'text' ||
        name === 'mathrm' ||
        name === 'mathbb' ||
        name === 'overline' ||
        name === 'widehat' ||
        name === 'hat' ||
        name === 'vec' ||
        name === 'mathbf'
      ) {
        const [a, j] = readArg(s, i);
        const inner = latexToText(a);
        const sets: Record<string, string> = { N: 'ℕ', Z: 'ℤ', Q: 'ℚ', R: 'ℝ' };
        out +=
          name === 'mathbb' && sets[inner]
            ? sets[inner]
            : name === 'overline'
              ? `${inner}\u0305`
              : name === 'vec'
                ? `${inner}\u20d7`
                : name === 'widehat' || name === 'hat'
                  ? `∠${inner}`
                  : inner;
        i = j;
      } else if (name in SYMBOLS) out += SYMBOLS[name];
      else if (name === '{' || name === '}' || name === '$' || name === '&' || name === '_') out += name;
      else out += name;
    } else if (ch === '^' || ch === '_') {
      const [a, j] = readArg(s, i + 1);
      out += script(latexToText(a), ch === '^' ? SUP : SUB, ch);
      i = j;
    } else if (ch === '{' || ch === '}') i++;
    else {
      out += ch;
      i++;
    }
  }
  return out.replace(/\s{2,}/g, ' ');
}

/** A stored text with formulas turned into readable Unicode (for PDF and plain text). */
export function markupToText(text: string): string {
  return splitMath(text)
    .map((s) => (s.kind === 'text' ? s.value : latexToText(s.value)))
    .join('');
}
