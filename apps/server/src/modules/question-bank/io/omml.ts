import { child, elements, isElement, local, textOf, type XElement } from './xml';

/**
 * Word equations (OMML, m:oMath) → LaTeX for the common constructs of school maths: fractions, powers and
 * indices, radicals, brackets, n-ary sums/integrals, functions, accents and bars. Anything else keeps its
 * text and is reported, so the teacher checks it.
 */

const SYMBOLS: Record<string, string> = {
  '×': '\\times ',
  '÷': '\\div ',
  '≤': '\\le ',
  '≥': '\\ge ',
  '≠': '\\ne ',
  '≈': '\\approx ',
  '±': '\\pm ',
  '∓': '\\mp ',
  '·': '\\cdot ',
  '⋅': '\\cdot ',
  '∞': '\\infty ',
  π: '\\pi ',
  α: '\\alpha ',
  β: '\\beta ',
  γ: '\\gamma ',
  Δ: '\\Delta ',
  δ: '\\delta ',
  λ: '\\lambda ',
  μ: '\\mu ',
  ω: '\\omega ',
  Ω: '\\Omega ',
  φ: '\\varphi ',
  ρ: '\\rho ',
  θ: '\\theta ',
  '∈': '\\in ',
  '∉': '\\notin ',
  '⊂': '\\subset ',
  '⊆': '\\subseteq ',
  '∪': '\\cup ',
  '∩': '\\cap ',
  '∅': '\\emptyset ',
  '→': '\\to ',
  '⇒': '\\Rightarrow ',
  '⇔': '\\Leftrightarrow ',
  '∠': '\\angle ',
  '⊥': '\\perp ',
  '∥': '\\parallel ',
  '°': '^{\\circ}',
  '−': '-',
  '∆': '\\Delta ',
  '△': '\\triangle ',
  '%': '\\%',
  '{': '\\{',
  '}': '\\}',
  '#': '\\#',
  '&': '\\&',
  $: '\\$',
  _: '\\_',
};
const NARY: Record<string, string> = {
  '∑': '\\sum',
  '∏': '\\prod',
  '∫': '\\int',
  '∬': '\\iint',
  '∮': '\\oint',
  '⋃': '\\bigcup',
  '⋂': '\\bigcap',
};
const ACCENTS: Record<string, string> = {
  '̂': '\\hat',
  '̃': '\\tilde',
  '̄': '\\bar',
  '⃗': '\\vec',
  '̇': '\\dot',
  '⏜': '\\overset{\\frown}',
};
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'cot', 'log', 'ln', 'lg', 'exp', 'lim', 'max', 'min']);

export type MathConversion = { latex: string; unsupported: string[] };

const valAttr = (e: XElement | undefined, name: string) => {
  if (!e) return undefined;
  const c = child(e, name);
  return c ? (c.attrs['m:val'] ?? c.attrs.val) : undefined;
};

const escapeText = (t: string) =>
  [...t].map((ch) => SYMBOLS[ch] ?? (ch === '\\' ? '\\backslash ' : ch)).join('');

/** Converts one m:oMath (or m:oMathPara) element. */
export function ommlToLatex(math: XElement): MathConversion {
  const unsupported: string[] = [];
  const arg = (e: XElement | undefined) => (e ? conv(e) : '');
  const group = (e: XElement | undefined) => `{${arg(e)}}`;
  function conv(e: XElement): string {
    return e.children
      .map((n) => {
        if (!isElement(n)) return '';
        return node(n);
      })
      .join('');
  }
  function node(n: XElement): string {
    const name = local(n.name);
    switch (name) {
      case 'r': {
        const t = elements(n)
          .filter((c) => local(c.name) === 't')
          .map(textOf)
          .join('');
        const trimmed = t.trim();
        if (FUNCTIONS.has(trimmed)) return `\\${trimmed} `;
        return escapeText(t);
      }
      case 'f': {
        const type = valAttr(child(n, 'm:fPr'), 'm:type');
        const num = group(child(n, 'm:num'));
        const den = group(child(n, 'm:den'));
        if (type === 'lin') return `${num}/${den}`;
        if (type === 'noBar') return `\\genfrac{}{}{0pt}{}${num}${den}`;
        return `\\frac${num}${den}`;
      }
      case 'sSup':
        return `{${arg(child(n, 'm:e'))}}^${group(child(n, 'm:sup'))}`;
      case 'sSub':
        return `{${arg(child(n, 'm:e'))}}_${group(child(n, 'm:sub'))}`;
      case 'sSubSup':
        return `{${arg(child(n, 'm:e'))}}_${group(child(n, 'm:sub'))}^${group(child(n, 'm:sup'))}`;
      case 'sPre':
        return `{}_${group(child(n, 'm:sub'))}^${group(child(n, 'm:sup'))}{${arg(child(n, 'm:e'))}}`;
      case 'rad': {
        const hide = valAttr(child(n, 'm:radPr'), 'm:degHide');
        const deg = arg(child(n, 'm:deg'));
        return hide === '1' || hide === 'on' || !deg.trim()
          ? `\\sqrt${group(child(n, 'm:e'))}`
          : `\\sqrt[${deg}]${group(child(n, 'm:e'))}`;
      }
      case 'd': {
        const pr = child(n, 'm:dPr');
        const beg = valAttr(pr, 'm:begChr') ?? '(';
        const end = valAttr(pr, 'm:endChr') ?? ')';
        const sep = valAttr(pr, 'm:sepChr') ?? ',';
        const parts = elements(n)
          .filter((c) => local(c.name) === 'e')
          .map(conv);
        const fence = (c: string, side: 'left' | 'right') =>
          c === ''
            ? '.'
            : c === '{'
              ? '\\{'
              : c === '}'
                ? '\\}'
                : c === '|'
                  ? '|'
                  : c === '‖'
                    ? '\\|'
                    : c === '⟨'
                      ? '\\langle'
                      : c === '⟩'
                        ? '\\rangle'
                        : c === '[' || c === ']' || c === '(' || c === ')'
                          ? c
                          : side === 'left'
                            ? '('
                            : ')';
        return `\\left${fence(beg, 'left')}${parts.join(escapeText(sep))}\\right${fence(end, 'right')}`;
      }
      case 'nary': {
        const pr = child(n, 'm:naryPr');
        const chr = valAttr(pr, 'm:chr') ?? '∫';
        const op = NARY[chr] ?? escapeText(chr);
        const sub = arg(child(n, 'm:sub'));
        const sup = arg(child(n, 'm:sup'));
        return `${op}${sub ? `_{${sub}}` : ''}${sup ? `^{${sup}}` : ''}{${arg(child(n, 'm:e'))}}`;
      }
      case 'func':
        return `${arg(child(n, 'm:fName'))}{${arg(child(n, 'm:e'))}}`;
      case 'limLow':
        return `${arg(child(n, 'm:e'))}_{${arg(child(n, 'm:lim'))}}`;
      case 'limUpp':
        return `${arg(child(n, 'm:e'))}^{${arg(child(n, 'm:lim'))}}`;
      case 'acc': {
        const chr = valAttr(child(n, 'm:accPr'), 'm:chr') ?? '̂';
        return `${ACCENTS[chr] ?? '\\hat'}${group(child(n, 'm:e'))}`;
      }
      case 'bar': {
        const pos = valAttr(child(n, 'm:barPr'), 'm:pos');
        return `${pos === 'bot' ? '\\underline' : '\\overline'}${group(child(n, 'm:e'))}`;
      }
      case 'groupChr':
        return `\\underbrace${group(child(n, 'm:e'))}`;
      case 'box':
      case 'borderBox':
      case 'phant':
        return arg(child(n, 'm:e'));
      case 'eqArr':
        return `\\begin{cases}${elements(n)
          .filter((c) => local(c.name) === 'e')
          .map(conv)
          .join('\\\\')}\\end{cases}`;
      case 'm': {
        const rows = elements(n)
          .filter((c) => local(c.name) === 'mr')
          .map((r) =>
            elements(r)
              .filter((c) => local(c.name) === 'e')
              .map(conv)
              .join(' & '),
          );
        return `\\begin{matrix}${rows.join('\\\\')}\\end{matrix}`;
      }
      case 'e':
      case 'num':
      case 'den':
      case 'sub':
      case 'sup':
      case 'deg':
      case 'lim':
      case 'fName':
      case 'oMath':
      case 'oMathPara':
        return conv(n);
      case 'rPr':
      case 'ctrlPr':
      case 'oMathParaPr':
      case 'fPr':
      case 'sSupPr':
      case 'sSubPr':
      case 'sSubSupPr':
      case 'radPr':
      case 'dPr':
      case 'naryPr':
      case 'funcPr':
      case 'accPr':
      case 'barPr':
      case 'eqArrPr':
      case 'mPr':
      case 'limLowPr':
      case 'limUppPr':
      case 'boxPr':
      case 'groupChrPr':
      case 'bookmarkStart':
      case 'bookmarkEnd':
      case 'proofErr':
        return '';
      default:
        unsupported.push(n.name);
        return escapeText(textOf(n));
    }
  }
  const latex = conv(math).replace(/\s+/g, ' ').trim();
  return { latex, unsupported };
}
