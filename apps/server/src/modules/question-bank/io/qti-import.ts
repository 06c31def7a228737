import {
  type CognitiveLevel,
  type ImportedQuestion,
  type ImportIssue,
  isCognitiveLevel,
  parseDecimal,
  type QuestionBody,
  type RubricItem,
  sanitizeMarkup,
} from '@smartedu/domain';
import { strFromU8 } from 'fflate';
import { AppError } from '../../../errors';
import { contentTypeOf, type DocxMedia, unzipGuarded } from './docx-reader';
import { SOURCE_GRADE, SOURCE_LEVEL, SOURCE_SUBJECT, TF_FALSE, TF_TRUE } from './qti-export';
import { child, elements, isElement, local, parseXml, textOf, type XElement, type XNode } from './xml';

/**
 * Imports QTI 2.1, 2.2 and 3.0 packages (detected by namespace or element names). 2.x names are normalised to
 * 3.0 names first, so one reader handles both. Unsupported interactions come in as essays with a warning.
 */

export type QtiImport = {
  questions: ImportedQuestion[];
  issues: ImportIssue[];
  media: Map<string, DocxMedia>;
};

const fail = (code: string, message: string) => new AppError(code, message, undefined, 400);

const HTML = new Set(
  'p div span img br b i u s strong em sub sup small big table thead tbody tfoot tr td th caption col colgroup ul ol li dl dt dd a object param audio video source track h1 h2 h3 h4 h5 h6 pre code hr blockquote q cite abbr acronym address kbd samp var dfn tt label figure figcaption section article aside header footer nav ruby rt rp bdo bdi mark wbr picture'.split(
    ' ',
  ),
);
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** 2.x element and attribute names → 3.0 names; MathML and HTML untouched. */
function normalise(e: XElement, inMath = false): XElement {
  const name = local(e.name);
  const math = inMath || name === 'math';
  let outName = name;
  const attrs: Record<string, string> = {};
  if (!math && !HTML.has(name) && !name.startsWith('qti-')) {
    outName = `qti-${kebab(name)}`;
    for (const [k, v] of Object.entries(e.attrs)) attrs[k.includes(':') ? k : kebab(k)] = v;
  } else Object.assign(attrs, e.attrs);
  return { name: outName, attrs, children: e.children.map((c) => (isElement(c) ? normalise(c, math) : c)) };
}

const fromIdentifier = (id: string) => (id.startsWith('ID_') ? id.slice(3) : id);
const all = (e: XElement, name: string, out: XElement[] = []): XElement[] => {
  for (const c of elements(e)) {
    if (c.name === name) out.push(c);
    all(c, name, out);
  }
  return out;
};

// ---- MathML → LaTeX (the usual school constructs)
function mathml(e: XNode): string {
  if (!isElement(e)) return e.text.trim();
  const kids = elements(e);
  const args = () => kids.map(mathml);
  switch (local(e.name)) {
    case 'mfrac':
      return `\\frac{${mathml(kids[0] ?? { text: '' })}}{${mathml(kids[1] ?? { text: '' })}}`;
    case 'msup':
      return `{${mathml(kids[0] ?? { text: '' })}}^{${mathml(kids[1] ?? { text: '' })}}`;
    case 'msub':
      return `{${mathml(kids[0] ?? { text: '' })}}_{${mathml(kids[1] ?? { text: '' })}}`;
    case 'msubsup':
      return `{${mathml(kids[0] ?? { text: '' })}}_{${mathml(kids[1] ?? { text: '' })}}^{${mathml(kids[2] ?? { text: '' })}}`;
    case 'msqrt':
      return `\\sqrt{${args().join('')}}`;
    case 'mroot':
      return `\\sqrt[${mathml(kids[1] ?? { text: '' })}]{${mathml(kids[0] ?? { text: '' })}}`;
    case 'mfenced':
      return `\\left${e.attrs.open ?? '('}${args().join(e.attrs.separators ?? ',')}\\right${e.attrs.close ?? ')'}`;
    case 'mo': {
      const t = textOf(e).trim();
      const map: Record<string, string> = {
        '×': '\\times ',
        '÷': '\\div ',
        '≤': '\\le ',
        '≥': '\\ge ',
        '≠': '\\ne ',
        '±': '\\pm ',
        '⋅': '\\cdot ',
        '·': '\\cdot ',
        '−': '-',
        π: '\\pi ',
      };
      return map[t] ?? t;
    }
    case 'mtext':
      return `\\text{${textOf(e)}}`;
    case 'mi':
    case 'mn':
      return textOf(e).trim();
    case 'semantics':
      return kids[0] ? mathml(kids[0]) : '';
    case 'annotation':
    case 'annotation-xml':
      return '';
    default:
      return args().join('');
  }
}

/** Text of an HTML fragment: paragraphs as lines, formulas as LaTeX, pictures collected. */
function flowText(
  nodes: readonly XNode[],
  media: { ref: string; alt?: string }[],
  blank?: (e: XElement) => string | null,
): string {
  let out = '';
  const block = new Set([
    'p',
    'div',
    'li',
    'tr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'table',
    'ul',
    'ol',
  ]);
  for (const n of nodes) {
    if (!isElement(n)) {
      out += n.text.replace(/\s+/g, ' ');
      continue;
    }
    const name = local(n.name);
    if (blank) {
      const b = blank(n);
      if (b !== null) {
        out += b;
        continue;
      }
    }
    if (name === 'br') out += '\n';
    else if (name === 'img') {
      if (n.attrs.src) media.push({ ref: n.attrs.src, ...(n.attrs.alt ? { alt: n.attrs.alt } : {}) });
    } else if (name === 'audio' || name === 'object' || name === 'video') {
      const src =
        n.attrs.src ?? n.attrs.data ?? elements(n).find((c) => local(c.name) === 'source')?.attrs.src;
      if (src) media.push({ ref: src, ...(n.attrs.title ? { alt: n.attrs.title } : {}) });
    } else if (name === 'math') out += `\\(${mathml(n)}\\)`;
    else if (name === 'sup') out += `\\(^{${textOf(n).trim()}}\\)`;
    else if (name === 'sub') out += `\\(_{${textOf(n).trim()}}\\)`;
    else if (name === 'td' || name === 'th') out += `${flowText(n.children, media, blank).trim()} | `;
    else if (name.startsWith('qti-')) continue;
    else if (block.has(name)) {
      const inner = flowText(n.children, media, blank).replace(/ \| $/, '');
      if (out && !out.endsWith('\n')) out += '\n';
      out += `${inner}\n`;
    } else out += flowText(n.children, media, blank);
  }
  return out;
}

const cleanText = (s: string) =>
  sanitizeMarkup(
    s
      .split('\n')
      .map((l) => l.trim())
      .join('\n')
      .replace(/^\n+|\n+$/g, ''),
  );

type Declaration = {
  cardinality: string;
  baseType: string;
  correct: string[];
  mapping: { key: string; value: number; caseSensitive: boolean }[];
};

function declarations(item: XElement): Map<string, Declaration> {
  const out = new Map<string, Declaration>();
  for (const d of elements(item).filter((e) => e.name === 'qti-response-declaration')) {
    const correct = child(d, 'qti-correct-response');
    const mapping = child(d, 'qti-mapping');
    out.set(d.attrs.identifier ?? '', {
      cardinality: d.attrs.cardinality ?? 'single',
      baseType: d.attrs['base-type'] ?? '',
      correct: correct ? elements(correct).map((v) => textOf(v).trim()) : [],
      mapping: mapping
        ? elements(mapping)
            .filter((m) => m.name === 'qti-map-entry')
            .map((m) => ({
              key: m.attrs['map-key'] ?? '',
              value: Number(m.attrs['mapped-value'] ?? 0),
              caseSensitive: m.attrs['case-sensitive'] === 'true',
            }))
        : [],
    });
  }
  return out;
}

function pointsOf(item: XElement): number | null {
  for (const o of elements(item).filter((e) => e.name === 'qti-outcome-declaration')) {
    if (o.attrs.identifier !== 'MAXSCORE') continue;
    const v = child(o, 'qti-default-value');
    const n = v ? parseDecimal(textOf(v).trim()) : null;
    if (n !== null && n > 0) return n;
  }
  return null;
}

const INTERACTIONS = new Set([
  'qti-choice-interaction',
  'qti-match-interaction',
  'qti-text-entry-interaction',
  'qti-extended-text-interaction',
  'qti-associate-interaction',
  'qti-order-interaction',
  'qti-gap-match-interaction',
  'qti-inline-choice-interaction',
  'qti-hotspot-interaction',
  'qti-hottext-interaction',
  'qti-graphic-gap-match-interaction',
  'qti-graphic-order-interaction',
  'qti-graphic-associate-interaction',
  'qti-select-point-interaction',
  'qti-position-object-interaction',
  'qti-slider-interaction',
  'qti-media-interaction',
  'qti-upload-interaction',
  'qti-drawing-interaction',
  'qti-custom-interaction',
  'qti-portable-custom-interaction',
  'qti-end-attempt-interaction',
]);

/** Reads one item document; returns a question or an error message. */
export function readQtiItem(
  xml: string,
  number: number,
): { question?: Omit<ImportedQuestion, 'number'>; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const err = (code: string, message: string) => ({
    issues: [
      ...issues,
      { severity: 'error' as const, code, message: `Câu ${number}: ${message}`, question: number },
    ],
  });
  const warn = (code: string, message: string) =>
    issues.push({ severity: 'warning', code, message: `Câu ${number}: ${message}`, question: number });
  let root: XElement | undefined;
  try {
    root = parseXml(xml)[0];
  } catch (e) {
    return err('QTI_BAD_ITEM', `tệp câu hỏi QTI bị hỏng (${(e as Error).message}).`);
  }
  if (!root) return err('QTI_BAD_ITEM', 'tệp câu hỏi QTI rỗng.');
  const item = normalise(root);
  if (item.name !== 'qti-assessment-item')
    return err('QTI_BAD_ITEM', `phần tử gốc là <${local(root.name)}>, không phải câu hỏi QTI.`);
  const body = child(item, 'qti-item-body');
  if (!body) return err('QTI_BAD_ITEM', 'câu hỏi không có phần nội dung (itemBody).');
  const decls = declarations(item);
  const media: { ref: string; alt?: string }[] = [];
  const interactions = collectInteractions(body);
  const supported = interactions.filter((i) =>
    [
      'qti-choice-interaction',
      'qti-match-interaction',
      'qti-text-entry-interaction',
      'qti-extended-text-interaction',
    ].includes(i.name),
  );
  const unsupported = interactions.filter((i) => !supported.includes(i));
  let stem = '';
  const promptOf = (i: XElement) => {
    const p = child(i, 'qti-prompt');
    return p ? cleanText(flowText(p.children, media)) : '';
  };
  const textEntries = interactions.filter((i) => i.name === 'qti-text-entry-interaction');
  const blankIds = new Map<string, string>();
  const decl = (id: string | undefined) => decls.get(id ?? '');
  let questionBody: QuestionBody | null = null;
  const explanationEl = elements(item).find((e) => e.name === 'qti-modal-feedback');
  const explanationNodes = explanationEl
    ? (child(explanationEl, 'qti-content-body')?.children ?? explanationEl.children)
    : [];
  const explanation = explanationEl ? cleanText(flowText(explanationNodes, [])) : '';
  const stringEntries = textEntries.filter((t) => {
    const d = decl(t.attrs['response-identifier']);
    return d && d.baseType === 'string';
  });
  if (
    unsupported.length ||
    supported.length === 0 ||
    (textEntries.length > 1 && stringEntries.length !== textEntries.length)
  ) {
    stem = cleanText(flowText(body.children, media));
    warn(
      'QTI_UNSUPPORTED',
      unsupported.length
        ? `dạng tương tác ${[...new Set(unsupported.map((u) => u.name.replace(/^qti-/, '')))].join(', ')} chưa được hỗ trợ, câu được nhập thành câu tự luận.`
        : 'không nhận ra dạng câu hỏi, câu được nhập thành câu tự luận.',
    );
    questionBody = { type: 'essay', content: { stem, rubric: [] }, key: {} };
  } else if (
    stringEntries.length > 0 &&
    stringEntries.length === textEntries.length &&
    supported.length === textEntries.length
  ) {
    // fill in the blanks: each text entry becomes [[id]] in the stem
    const blanks: Record<string, string[]> = {};
    let caseSensitive = false;
    stem = cleanText(
      flowText(body.children, media, (e) => {
        if (e.name !== 'qti-text-entry-interaction') return null;
        const rid = e.attrs['response-identifier'] ?? '';
        const id =
          fromIdentifier(rid === 'RESPONSE' ? '1' : rid.replace(/^RESPONSE_/, '')) ||
          String(blankIds.size + 1);
        blankIds.set(rid, id);
        const d = decl(rid);
        const accepted = [
          ...new Set([
            ...(d?.correct ?? []),
            ...(d?.mapping.filter((m) => m.value > 0).map((m) => m.key) ?? []),
          ]),
        ];
        if (d?.mapping.some((m) => m.caseSensitive)) caseSensitive = true;
        blanks[id] = accepted;
        return `[[${id}]]`;
      }),
    );
    questionBody = {
      type: 'fill_blank',
      content: { stem, blanks: [...blankIds.values()].map((id) => ({ id })) },
      key: { blanks, ...(caseSensitive ? { caseSensitive: true } : {}) },
    };
  } else {
    const main = supported[0];
    stem = cleanText(flowText(body.children, media));
    const prompt = promptOf(main);
    if (prompt) stem = stem ? `${stem}\n${prompt}` : prompt;
    const d = decl(main.attrs['response-identifier']);
    if (!d) return err('QTI_NO_RESPONSE', 'thiếu khai báo đáp án (responseDeclaration).');
    switch (main.name) {
      case 'qti-choice-interaction': {
        const options = elements(main)
          .filter((c) => c.name === 'qti-simple-choice')
          .map((c) => ({
            id: fromIdentifier(c.attrs.identifier ?? ''),
            text: cleanText(flowText(c.children, media)),
            ...(c.attrs.fixed === 'true' ? { fixed: true } : {}),
          }));
        const correct = d.correct.map(fromIdentifier);
        const max = Number(main.attrs['max-choices'] ?? 1);
        if (d.cardinality === 'single' || max === 1) {
          if (correct.length !== 1) return err('Q_NO_KEY', 'chưa có đúng một đáp án đúng.');
          questionBody = { type: 'single', content: { stem, options }, key: { optionId: correct[0] } };
        } else {
          const partial =
            d.mapping.some((m) => m.value < 0) || (d.mapping.length > 0 && correct.length === 0);
          const fromMap = d.mapping.filter((m) => m.value > 0).map((m) => fromIdentifier(m.key));
          questionBody = {
            type: 'multiple',
            content: { stem, options },
            key: {
              optionIds: [...(correct.length ? correct : fromMap)].sort(),
              ...(partial ? { partial: true } : {}),
            },
          };
        }
        break;
      }
      case 'qti-match-interaction': {
        const sets = elements(main).filter((c) => c.name === 'qti-simple-match-set');
        const choices = (s: XElement | undefined) =>
          s
            ? elements(s)
                .filter((c) => c.name === 'qti-simple-associable-choice')
                .map((c) => ({ id: c.attrs.identifier ?? '', text: cleanText(flowText(c.children, media)) }))
            : [];
        const left = choices(sets[0]);
        const right = choices(sets[1]);
        const correctPairs = (
          d.correct.length ? d.correct : d.mapping.filter((m) => m.value > 0).map((m) => m.key)
        ).map((p) => p.trim().split(/\s+/));
        const isTf =
          right.length === 2 &&
          right.every((r) => [TF_TRUE, TF_FALSE].includes(r.id) || /^(đúng|sai|true|false)$/i.test(r.text));
        if (isTf) {
          const trueId = right.find((r) => r.id === TF_TRUE || /^(đúng|true)$/i.test(r.text))?.id;
          const values: Record<string, boolean> = {};
          for (const [l, r] of correctPairs) values[fromIdentifier(l)] = r === trueId;
          questionBody = {
            type: 'true_false',
            content: { stem, statements: left.map((l) => ({ id: fromIdentifier(l.id), text: l.text })) },
            key: {
              values: Object.fromEntries(
                left.map((l) => [fromIdentifier(l.id), values[fromIdentifier(l.id)] === true]),
              ),
            },
          };
        } else {
          const pairs: Record<string, string> = {};
          for (const [l, r] of correctPairs) if (l && r) pairs[fromIdentifier(l)] = fromIdentifier(r);
          questionBody = {
            type: 'matching',
            content: {
              stem,
              left: left.map((x) => ({ id: fromIdentifier(x.id), text: x.text })),
              right: right.map((x) => ({ id: fromIdentifier(x.id), text: x.text })),
            },
            key: { pairs },
          };
        }
        break;
      }
      case 'qti-text-entry-interaction': {
        const v = parseDecimal(d.correct[0] ?? '');
        if (v === null) return err('SA_NOT_NUMBER', `đáp án "${d.correct[0] ?? ''}" không phải là số.`);
        const eq = all(
          child(item, 'qti-response-processing') ?? { name: 'x', attrs: {}, children: [] },
          'qti-equal',
        )[0];
        const tol =
          eq?.attrs['tolerance-mode'] === 'absolute'
            ? (parseDecimal((eq.attrs.tolerance ?? '0').split(/\s+/)[0]) ?? 0)
            : 0;
        questionBody = { type: 'short_answer', content: { stem }, key: { value: v, tolerance: tol } };
        break;
      }
      case 'qti-extended-text-interaction': {
        const rubric: RubricItem[] = [];
        let sampleAnswer: string | undefined;
        for (const block of all(body, 'qti-rubric-block')) {
          const content = child(block, 'qti-content-body')?.children ?? block.children;
          for (const line of cleanText(flowText(content, [])).split('\n')) {
            const t = line.trim();
            if (!t) continue;
            if (/^đáp án mẫu\s*:/iu.test(t)) {
              sampleAnswer = t.replace(/^đáp án mẫu\s*:\s*/iu, '');
              continue;
            }
            const m = /\(\s*(\d+(?:[.,]\d+)?)\s*điểm\s*\)\s*$/u.exec(t);
            rubric.push(
              m
                ? { criterion: t.slice(0, m.index).trim(), points: parseDecimal(m[1]) ?? 0 }
                : { criterion: t, points: 0 },
            );
          }
        }
        questionBody = {
          type: 'essay',
          content: { stem, rubric },
          key: sampleAnswer ? { sampleAnswer } : {},
        };
        break;
      }
    }
  }
  if (!questionBody) return err('QTI_BAD_ITEM', 'không đọc được câu hỏi.');
  if (!questionBody.content.stem && questionBody.type !== 'matching')
    return err('Q_EMPTY_STEM', 'câu hỏi không có nội dung.');
  const points = pointsOf(item);
  return {
    question: {
      ...(points ? { points } : {}),
      body: questionBody,
      ...(explanation ? { explanation } : {}),
      mediaRefs: media,
    },
    issues,
  };
}

function collectInteractions(e: XElement, out: XElement[] = []): XElement[] {
  for (const c of elements(e)) {
    if (INTERACTIONS.has(c.name)) out.push(c);
    else if (c.name !== 'qti-rubric-block') collectInteractions(c, out);
  }
  return out;
}

type LomMeta = {
  subject?: string;
  grade?: number;
  topic?: string;
  level?: CognitiveLevel;
  externalId?: string;
};

function readLom(resource: XElement): LomMeta {
  const meta: LomMeta = {};
  const md = elements(resource).find((e) => local(e.name) === 'metadata');
  if (!md) return meta;
  const lom = findLocal(md, 'lom')[0];
  if (!lom) return meta;
  const general = findLocal(lom, 'general')[0];
  if (general) {
    const kw = findLocal(general, 'keyword')[0];
    if (kw) meta.topic = textOf(kw).trim() || undefined;
    for (const id of findLocal(general, 'identifier')) {
      const catalog = findLocal(id, 'catalog')[0];
      const entry = findLocal(id, 'entry')[0];
      if (catalog && entry && textOf(catalog).trim() === 'smartedu-ma')
        meta.externalId = textOf(entry).trim();
    }
  }
  for (const c of findLocal(lom, 'classification')) {
    const source = textOf(
      findLocal(c, 'taxonPath').flatMap((t) => findLocal(t, 'source'))[0] ?? { text: '' },
    ).trim();
    const id = textOf(findLocal(c, 'taxon').flatMap((t) => findLocal(t, 'id'))[0] ?? { text: '' }).trim();
    if (!id) continue;
    if (source === SOURCE_SUBJECT) meta.subject = id;
    else if (source === SOURCE_GRADE && /^\d{1,2}$/.test(id)) meta.grade = Number(id);
    else if (source === SOURCE_LEVEL && isCognitiveLevel(id)) meta.level = id;
  }
  if (!meta.level) {
    const diff = findLocal(lom, 'difficulty')[0];
    const v = diff ? textOf(findLocal(diff, 'value')[0] ?? { text: '' }).trim() : '';
    const map: Record<string, CognitiveLevel> = {
      'very easy': 'NB',
      easy: 'NB',
      medium: 'TH',
      difficult: 'VD',
      'very difficult': 'VDC',
    };
    if (map[v]) meta.level = map[v];
  }
  return meta;
}

function findLocal(e: XElement, name: string, out: XElement[] = []): XElement[] {
  for (const c of elements(e)) {
    if (local(c.name) === name) out.push(c);
    else findLocal(c, name, out);
  }
  return out;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');
function resolvePath(base: string, ref: string): string {
  const parts = `${base}${decodeURIComponent(ref.replace(/^\.\//, ''))}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Reads a QTI package; QTI_BAD_ZIP, QTI_NO_MANIFEST, QTI_BAD_MANIFEST or QTI_NO_ITEMS (status 400) when unusable. */
export function importQtiPackage(bytes: Uint8Array): QtiImport {
  const files = unzipGuarded(bytes, 'QTI_BAD_ZIP', 'QTI (.zip)');
  const manifestPath = Object.keys(files).find((f) => f.toLowerCase() === 'imsmanifest.xml');
  if (!manifestPath) throw fail('QTI_NO_MANIFEST', 'Gói QTI không có tệp imsmanifest.xml ở thư mục gốc.');
  let manifest: XElement | undefined;
  try {
    manifest = parseXml(strFromU8(files[manifestPath]))[0];
  } catch (e) {
    throw fail('QTI_BAD_MANIFEST', `Tệp imsmanifest.xml bị hỏng: ${(e as Error).message}.`);
  }
  if (!manifest || local(manifest.name) !== 'manifest')
    throw fail('QTI_BAD_MANIFEST', 'Tệp imsmanifest.xml không phải là manifest IMS.');
  const resources = findLocal(manifest, 'resource').filter((r) =>
    /imsqti_item_xmlv(2p\d|3p\d)/.test(r.attrs.type ?? ''),
  );
  if (resources.length === 0)
    throw fail('QTI_NO_ITEMS', 'Gói QTI không có câu hỏi nào (resource loại imsqti_item).');
  const questions: ImportedQuestion[] = [];
  const issues: ImportIssue[] = [];
  const media = new Map<string, DocxMedia>();
  resources.forEach((res, i) => {
    const number = i + 1;
    const href = res.attrs.href ?? elements(res).find((e) => local(e.name) === 'file')?.attrs.href ?? '';
    const path = resolvePath('', href);
    const data = files[path];
    if (!data) {
      issues.push({
        severity: 'error',
        code: 'QTI_MISSING_FILE',
        message: `Câu ${number}: gói thiếu tệp ${href || '(không có href)'}.`,
        question: number,
      });
      return;
    }
    const r = readQtiItem(strFromU8(data), number);
    issues.push(...r.issues);
    if (!r.question) return;
    const base = dirOf(path);
    const refs = r.question.mediaRefs.map((m) => {
      const p = resolvePath(base, m.ref);
      if (files[p])
        media.set(p, { bytes: files[p], contentType: contentTypeOf(p), fileName: p.split('/').pop() ?? p });
      else
        issues.push({
          severity: 'warning',
          code: 'QTI_MISSING_MEDIA',
          message: `Câu ${number}: không có tệp ${m.ref} trong gói.`,
          question: number,
        });
      return { ...m, ref: p };
    });
    const lom = readLom(res);
    questions.push({
      number,
      ...lom,
      ...r.question,
      mediaRefs: refs.filter((m) => media.has(m.ref)),
    });
  });
  return { questions, issues, media };
}
