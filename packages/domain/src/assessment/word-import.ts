/**
 * Reads questions from a Word document in the convention Vietnamese teachers already use (Azota, SHub,
 * HC-Mix): "Câu n:" lines, options A.–H., statements a)–d), the answer marked by underline, red, a leading
 * `*`, a "Đáp án:" line or a key table after "HẾT". See docs/question-formats.md.
 *
 * Pure: the server's .docx reader turns document.xml into the block model below; this never throws on any
 * input and reports every problem by question number.
 */
import type { ImportDefaults, ImportedQuestion, ImportIssue, ImportResult } from './import-model';
import { sanitizeMarkup } from './markup';
import { applyMetaEntry, type MetaValues, parseTagLine } from './metadata';
import {
  type Choice,
  type CognitiveLevel,
  fold,
  OPTION_LETTERS,
  parseDecimal,
  type QuestionBody,
  type QuestionType,
  type RubricItem,
} from './question';

export type DocRun = {
  text: string;
  underline?: boolean;
  /** Hex colour "FF0000" or a name. */
  color?: string | null;
  bold?: boolean;
  italic?: boolean;
  /** Text converted from an equation (already wrapped in `\( \)`). */
  math?: boolean;
};
export type DocImage = { ref: string; alt?: string; floating?: boolean };
/** Something the reader noticed at this place (a MathType object, an equation it could not convert). */
export type DocNote = { code: string; message: string };
export type DocParagraph = { kind: 'paragraph'; runs: DocRun[]; images?: DocImage[]; notes?: DocNote[] };
export type DocTable = { kind: 'table'; rows: DocParagraph[][][] };
export type DocBlock = DocParagraph | DocTable;

type Flags = { mark: boolean; bold: boolean; italic: boolean };
type Line = { text: string; flags: Flags[]; images: DocImage[]; notes: DocNote[] };

type Section = {
  label: string | null;
  type: QuestionType | null;
  /** 2025 format: Phần I has exactly 4 options and one key, Phần II exactly 4 statements. */
  strict: boolean;
  meta: MetaValues;
};

type DraftOption = { letter: string; text: string; marked: boolean; bold: boolean; fixed: boolean };
type DraftStatement = { letter: string; text: string; marked: boolean };
type Draft = {
  number: number;
  section: Section;
  meta: MetaValues;
  stem: string[];
  options: DraftOption[];
  statements: DraftStatement[];
  keyLine: string | null;
  explanation: string[];
  rubric: string[];
  mode: 'stem' | 'options' | 'explanation' | 'rubric';
  media: { ref: string; alt?: string }[];
  issues: ImportIssue[];
  skip: boolean;
};

type KeyValue = { choice?: string[]; tf?: Map<string, boolean>; raw?: string };

const isRed = (color: string | null | undefined) => {
  if (!color) return false;
  const c = color.trim().toLowerCase();
  if (c === 'red' || c === 'darkred') return true;
  const m = /^#?([0-9a-f]{6})$/.exec(c);
  if (!m) return false;
  const n = Number.parseInt(m[1], 16);
  const r = n >> 16;
  const g = (n >> 8) & 0xff;
  const b = n & 0xff;
  return r >= 0xc0 && g <= 0x60 && b <= 0x60;
};

function toLine(p: DocParagraph): Line {
  let text = '';
  const flags: Flags[] = [];
  for (const run of p.runs ?? []) {
    const t = typeof run.text === 'string' ? run.text : '';
    const f: Flags = {
      mark: !run.math && (Boolean(run.underline) || isRed(run.color)),
      bold: !run.math && Boolean(run.bold),
      italic: !run.math && Boolean(run.italic),
    };
    for (const ch of t) {
      text += ch;
      for (let k = 0; k < ch.length; k++) flags.push(f);
    }
  }
  return { text, flags, images: p.images ?? [], notes: p.notes ?? [] };
}

const allFlag = (line: Line, from: number, to: number, pick: (f: Flags) => boolean) => {
  let any = false;
  for (let i = from; i < to; i++) {
    if (/\s/.test(line.text[i])) continue;
    any = true;
    if (!pick(line.flags[i])) return false;
  }
  return any;
};

const QUESTION_RE = /^\s*(?:câu|bài|question)\s*(\d{1,4})\s*[:.)]\s*/iu;
const KEY_LINE_RE = /^\s*(?:đáp án|đ\/a|answer|key)\s*[:：]\s*(.*)$/iu;
const EXPLANATION_RE = /^\s*(?:lời giải|hướng dẫn giải|giải thích|giải)\s*[:：]\s*(.*)$/iu;
const RUBRIC_RE = /^\s*(?:hướng dẫn chấm|biểu điểm|thang điểm)\s*[:：]\s*(.*)$/iu;
const STATEMENT_RE = /^\s*(\*?)\s*([a-d])\s*\)\s*/u;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8 };
const ROMAN_OUT = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** "PHẦN II. Câu trắc nghiệm đúng sai", "Phần 1", "I. Nhận biết", "Part I", "Nhóm 1" → a section. */
function parseSection(text: string): Section | null {
  const t = text.trim();
  let m = /^(phần|part|nhóm)\s+([ivx]+|\d{1,2})\b\s*[.:\-–)]?\s*(.*)$/iu.exec(t);
  let num: number | null = null;
  let rest = '';
  let word = '';
  if (m) {
    word = fold(m[1]);
    num = /^\d+$/.test(m[2]) ? Number(m[2]) : (ROMAN[m[2].toLowerCase()] ?? null);
    rest = m[3];
  } else {
    m = /^([IVX]{1,4})\s*[.:)]\s+(.+)$/u.exec(t);
    if (!m) return null;
    num = ROMAN[m[1].toLowerCase()] ?? null;
    rest = m[2];
    if (QUESTION_RE.test(rest)) return null;
  }
  if (num === null) return null;
  const f = fold(rest);
  const meta: MetaValues = {};
  if (/van dung cao/.test(f)) meta.level = 'VDC';
  else if (/van dung/.test(f)) meta.level = 'VD';
  else if (/thong hieu/.test(f)) meta.level = 'TH';
  else if (/nhan biet/.test(f)) meta.level = 'NB';
  let type: QuestionType | null = null;
  let strict = false;
  if (/dung\s*[-/]?\s*sai|true\s*\/?\s*false/.test(f)) type = 'true_false';
  else if (/tra loi ngan|short answer/.test(f)) type = 'short_answer';
  else if (/tu luan|essay/.test(f)) type = 'essay';
  else if (/nhieu phuong an|mot phuong an|multiple choice/.test(f)) type = 'single';
  if (meta.level === undefined && (word === 'phan' || word === 'part') && !/trac nghiem|tu luan/.test(f)) {
    // 2025 format: the part number alone sets the type.
    type = num === 1 ? 'single' : num === 2 ? 'true_false' : num === 3 ? 'short_answer' : type;
  }
  if (word === 'phan' || word === 'part') {
    if (type === 'single' && num === 1) strict = true;
    if (type === 'true_false') strict = true;
  }
  const label = `Phần ${ROMAN_OUT[num] ?? num}`;
  return { label, type, strict, meta };
}

const isEndLine = (t: string) => {
  const f = fold(t).replace(/[^a-z]/g, '');
  return f === 'het' && t.trim().length <= 40;
};
const KEY_HEADING =
  /^(bang )?dap an( trac nghiem| chi tiet| phan [ivx0-9]+| va loi giai| de [0-9]+)?\s*[:.]?$/;
const SOLUTION_HEADING =
  /^(loi giai|huong dan giai|huong dan cham|loi giai chi tiet|giai chi tiet)( chi tiet)?\s*[:.]?$/;

type OptionMarker = { letter: string; start: number; letterAt: number; textFrom: number; star: boolean };

/** Option markers "A." … "H." at line start or after white space, in consecutive letter order from `first`. */
function findOptionMarkers(text: string, first = 'A'): OptionMarker[] {
  const re = /(^|[\s\u00a0])(\*?)\s?([A-H])\s*[.)]/gu;
  const out: OptionMarker[] = [];
  let expected = first.charCodeAt(0);
  for (const m of text.matchAll(re)) {
    const letter = m[3];
    if (letter.charCodeAt(0) !== expected) continue;
    const start = (m.index ?? 0) + m[1].length;
    out.push({
      letter,
      start,
      letterAt: start + m[0].slice(m[1].length).indexOf(letter),
      textFrom: (m.index ?? 0) + m[0].length,
      star: m[2] === '*',
    });
    expected++;
  }
  return out;
}

function optionsFromLine(line: Line, markers: OptionMarker[]): DraftOption[] {
  return markers.map((mk, i) => {
    const end = i + 1 < markers.length ? markers[i + 1].start : line.text.length;
    const text = line.text.slice(mk.textFrom, end).trim();
    const textFrom = mk.textFrom;
    const lf = line.flags[mk.letterAt] ?? { mark: false, bold: false, italic: false };
    const whole = (pick: (f: Flags) => boolean) => allFlag(line, textFrom, end, pick);
    return {
      letter: mk.letter,
      text,
      marked: mk.star || lf.mark || whole((f) => f.mark),
      bold: lf.bold || whole((f) => f.bold),
      fixed: lf.italic,
    };
  });
}

function parseKeyValue(raw: string): KeyValue | null {
  const v = raw.trim().replace(/\s+/g, ' ');
  if (!v) return null;
  if (/^[A-H](\s*[,;]?\s*[A-H])*$/.test(v))
    return { choice: [...new Set(v.replace(/[\s,;]/g, '').split(''))] };
  const tfCompact = v.replace(/[\s,;.-]/g, '');
  if (/^[ĐđSs]{2,4}$/u.test(tfCompact)) {
    const tf = new Map<string, boolean>();
    [...tfCompact].forEach((ch, i) => {
      tf.set('abcd'[i], ch === 'Đ' || ch === 'đ');
    });
    return { tf };
  }
  const pairs = [...v.matchAll(/([a-d])\s*[-–:.)]?\s*(Đúng|Sai|đúng|sai|Đ|S|đ|s)(?![\p{L}])/gu)];
  if (pairs.length > 0) {
    const tf = new Map<string, boolean>();
    for (const p of pairs) tf.set(p[1], /^[Đđ]/u.test(p[2]));
    return { tf };
  }
  if (/^(Đúng|Sai)$/iu.test(v)) return { raw: v };
  return { raw: v };
}

/** Key entries in the text of the block after HẾT: "1-A 2.B 3C", "1a-Đ 1b-S", "Câu 1: ĐSĐS", "Câu 5: -1,5". */
function keyEntriesFromText(text: string, add: (n: number, statement: string | null, value: string) => void) {
  let rest = text;
  for (const m of text.matchAll(/(?:Câu|câu|CÂU)\s*(\d{1,3})\s*[:.]\s*(-?\d+(?:[.,]\d+)?)(?![\d\p{L}])/gu)) {
    add(Number(m[1]), null, m[2]);
    rest = rest.replace(m[0], ' ');
  }
  const re =
    /(?:Câu|câu|CÂU)?\s*(\d{1,3})\s*([a-d])?\s*[-–.:)]?\s*(Đúng|Sai|đúng|sai|[ĐS]{4}(?![\p{L}])|[ĐSđs](?![\p{L}\p{N}])|[A-H](?:\s*[,;]\s*[A-H](?![\p{L}]))*(?![\p{L}])|[A-H]{2,8}(?![\p{L}]))/gu;
  for (const m of rest.matchAll(re)) add(Number(m[1]), m[2] ?? null, m[3]);
}

const cellText = (cell: DocParagraph[]) =>
  cell
    .map((p) => toLine(p).text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Key tables: Azota's horizontal "Câu | 1 | 2" / "Đáp án | A | B", a Đ/S grid "Câu | a | b | c | d", or rows "1 | A". */
function keyEntriesFromTable(
  table: DocTable,
  add: (n: number, statement: string | null, value: string) => void,
) {
  const rows = table.rows.map((r) => r.map(cellText));
  const num = (s: string) => {
    const m = /^(?:câu\s*)?(\d{1,3})$/iu.exec(s.trim());
    return m ? Number(m[1]) : null;
  };
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.length < 2) continue;
    const head = fold(row[0]);
    const tail = row.slice(1);
    if ((head === '' || head.startsWith('cau')) && tail.every((c) => /^[a-d]$/.test(c.trim()))) {
      // Đ/S grid
      const letters = tail.map((c) => c.trim());
      for (let k = r + 1; k < rows.length; k++) {
        const n = num(rows[k][0] ?? '');
        if (n === null) break;
        rows[k].slice(1).forEach((v, i) => {
          if (letters[i] && v.trim()) add(n, letters[i], v.trim());
        });
        r = k;
      }
      continue;
    }
    if (
      (head === '' || head.startsWith('cau')) &&
      tail.length > 0 &&
      tail.every((c) => num(c) !== null || !c.trim())
    ) {
      const values = rows[r + 1];
      if (values) {
        tail.forEach((c, i) => {
          const n = num(c);
          const v = values[i + 1]?.trim();
          if (n !== null && v) add(n, null, v);
        });
        r++;
      }
      continue;
    }
    const n = num(row[0]);
    if (n !== null) {
      const v = tail.join(' ').trim();
      if (v) add(n, null, v);
    }
  }
}

const rubricItem = (line: string): RubricItem | null => {
  const t = line.replace(/^\s*[-–•+*]\s*/, '').trim();
  if (!t) return null;
  const m = /\(?\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ)\s*\)?\s*[.;]?\s*$/iu.exec(t);
  if (!m) return { criterion: t, points: 0 };
  return {
    criterion:
      t
        .slice(0, m.index)
        .replace(/[:\s–-]+$/, '')
        .trim() || t,
    points: parseDecimal(m[1]) ?? 0,
  };
};

/** Reads a document; never throws. Questions with an error are left out, the rest are returned. */
export function parseWordQuestions(blocks: readonly DocBlock[], defaults: ImportDefaults = {}): ImportResult {
  try {
    return parseUnsafe(Array.isArray(blocks) ? blocks : [], defaults ?? {});
  } catch (err) {
    return {
      questions: [],
      issues: [
        {
          severity: 'error',
          code: 'DOCX_UNREADABLE',
          message: `Không đọc được cấu trúc tài liệu (${String(err).slice(0, 120)}).`,
        },
      ],
    };
  }
}

function parseUnsafe(blocks: readonly DocBlock[], given: ImportDefaults): ImportResult {
  const issues: ImportIssue[] = [];
  const docMeta: MetaValues = { ...given };
  let section: Section = { label: null, type: null, strict: false, meta: {} };
  let phase: 'header' | 'questions' | 'key' | 'solutions' | 'after' = 'header';
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let passage: string[] = [];
  const seen = new Set<number>();
  const keys = new Map<number, { text?: KeyValue; tf: Map<string, boolean> }>();
  const keyOrder: number[] = [];
  const solutions = new Map<number, string[]>();
  let solutionFor: number | null = null;

  const addKey = (n: number, statement: string | null, value: string) => {
    let e = keys.get(n);
    if (!e) {
      e = { tf: new Map() };
      keys.set(n, e);
      keyOrder.push(n);
    }
    if (statement) e.tf.set(statement, /^[Đđ]/u.test(value));
    else e.text = parseKeyValue(value) ?? undefined;
  };

  const closeQuestion = () => {
    if (current) drafts.push(current);
    current = null;
  };
  const metaFor = (): MetaValues => ({ ...docMeta, ...section.meta });
  const prefixOf = (d: { number: number; section: Section }) =>
    d.section.label ? `Câu ${d.number} (${d.section.label}): ` : `Câu ${d.number}: `;
  const warn = (code: string, message: string, question?: number) =>
    issues.push({ severity: 'warning', code, message, ...(question !== undefined ? { question } : {}) });

  const applyTags = (tags: { key: string; value: string }[], target: MetaValues, number?: number) => {
    for (const tag of tags) {
      const problem = applyMetaEntry(target, tag.key, tag.value);
      if (problem) {
        const issue: ImportIssue = {
          severity: 'error',
          code: 'META_BAD',
          message:
            number !== undefined
              ? `Câu ${number}: ${problem.message}.`
              : `Thẻ ở đầu đề/đầu phần: ${problem.message}.`,
          ...(number !== undefined ? { question: number } : {}),
        };
        if (current && number !== undefined) {
          (current as Draft).issues.push(issue);
          (current as Draft).skip = true;
        } else issues.push(issue);
      }
    }
  };

  const startQuestion = (n: number, rest: Line) => {
    closeQuestion();
    phase = 'questions';
    const d: Draft = {
      number: n,
      section,
      meta: metaFor(),
      stem: [...passage],
      options: [],
      statements: [],
      keyLine: null,
      explanation: [],
      rubric: [],
      mode: 'stem',
      media: [],
      issues: [],
      skip: false,
    };
    if (passage.length)
      warn('PASSAGE', `${prefixOf(d)}đoạn văn/đoạn dẫn phía trước được gắn vào câu này.`, n);
    passage = [];
    const last = drafts.length ? drafts[drafts.length - 1].number : null;
    if (seen.has(n)) {
      d.issues.push({
        severity: 'error',
        code: 'NUM_SEQUENCE',
        message: `Câu ${n} lặp lại (số câu đã dùng ở trên).`,
        question: n,
      });
      d.skip = true;
    } else if (last !== null && n !== last + 1) {
      warn(
        'NUM_SEQUENCE',
        `Sau Câu ${last} là Câu ${n}${n > last + 1 ? ` (thiếu Câu ${last + 1})` : ''}.`,
        n,
      );
    }
    seen.add(n);
    current = d;
    // Options on the question line itself: "Câu 1: 2 + 3 = ?  A. 4  B. 5  C. 6  D. 7"
    const markers = findOptionMarkers(rest.text).filter((mk) => mk.start > 0);
    if (markers.length >= 2 && markers[0].letter === 'A') {
      d.stem.push(rest.text.slice(0, markers[0].start).trim());
      d.options.push(...optionsFromLine(rest, markers));
      d.mode = 'options';
    } else if (rest.text.trim()) d.stem.push(rest.text.trim());
  };

  const handleLine = (line: Line) => {
    const text = line.text;
    const t = text.trim();
    const cur = current as Draft | null;
    for (const note of line.notes) warn(note.code, `${cur ? prefixOf(cur) : ''}${note.message}`, cur?.number);
    const attachImages = () => {
      for (const img of line.images) {
        if (!img?.ref) continue;
        if (cur) {
          cur.media.push({ ref: img.ref, ...(img.alt ? { alt: img.alt } : {}) });
          if (img.floating)
            warn(
              'FLOATING_IMAGE',
              `${prefixOf(cur)}hình nổi (không "In line with text") được gắn vào câu.`,
              cur.number,
            );
        } else if (phase !== 'header') warn('IMAGE_OUTSIDE', 'Có hình nằm ngoài câu hỏi, đã bỏ qua.');
      }
    };
    if (!t) {
      attachImages();
      return;
    }
    if (isEndLine(t)) {
      closeQuestion();
      phase = 'after';
      return;
    }
    const f = fold(t);
    if (KEY_HEADING.test(f)) {
      closeQuestion();
      phase = 'key';
      return;
    }
    if (SOLUTION_HEADING.test(f) && t === t.toLocaleUpperCase('vi')) {
      closeQuestion();
      phase = 'solutions';
      solutionFor = null;
      return;
    }
    if (phase === 'after') return;
    if (phase === 'key') {
      keyEntriesFromText(t, addKey);
      return;
    }
    if (phase === 'solutions') {
      const q = QUESTION_RE.exec(t);
      if (q) {
        solutionFor = Number(q[1]);
        const rest = t.slice(q[0].length).trim();
        solutions.set(solutionFor, rest ? [rest] : []);
      } else if (solutionFor !== null) solutions.get(solutionFor)?.push(t);
      return;
    }
    const tags = parseTagLine(t);
    if (tags) {
      if (cur) applyTags(tags, cur.meta, cur.number);
      else applyTags(tags, phase === 'header' ? docMeta : section.meta);
      return;
    }
    const q = QUESTION_RE.exec(text);
    if (q) {
      const offset = q[0].length;
      startQuestion(Number(q[1]), {
        text: text.slice(offset),
        flags: line.flags.slice(offset),
        images: [],
        notes: [],
      });
      attachImages();
      return;
    }
    const sec = parseSection(t);
    if (sec) {
      closeQuestion();
      passage = [];
      section = sec;
      phase = 'questions';
      return;
    }
    if (phase === 'header' && !cur) {
      const subject = /môn(?:\s*học)?\s*[:：]\s*([^\n,;|–]+?)(?=\s*(?:[,;|–]|-\s|lớp|thời gian|$))/iu.exec(t);
      if (subject) docMeta.subject = subject[1].trim();
      const grade = /lớp\s*[:：]?\s*(\d{1,2})\b/iu.exec(t);
      if (grade && Number(grade[1]) >= 1 && Number(grade[1]) <= 12) docMeta.grade = Number(grade[1]);
      return;
    }
    if (!cur) {
      passage.push(t);
      attachImages();
      return;
    }
    const key = KEY_LINE_RE.exec(t);
    if (key) {
      cur.keyLine = key[1].trim();
      if (cur.section.type === 'essay' || cur.meta.type === 'essay') cur.mode = 'rubric';
      return;
    }
    const ex = EXPLANATION_RE.exec(t);
    if (ex) {
      cur.mode = 'explanation';
      if (ex[1].trim()) cur.explanation.push(ex[1].trim());
      return;
    }
    const rb = RUBRIC_RE.exec(t);
    if (rb) {
      cur.mode = 'rubric';
      if (rb[1].trim()) cur.rubric.push(rb[1].trim());
      return;
    }
    if (cur.mode === 'explanation') {
      cur.explanation.push(t);
      attachImages();
      return;
    }
    if (cur.mode === 'rubric') {
      cur.rubric.push(t);
      return;
    }
    const nextLetter = cur.options.length
      ? String.fromCharCode(cur.options[cur.options.length - 1].letter.charCodeAt(0) + 1)
      : 'A';
    const markers = findOptionMarkers(text, cur.options.length ? nextLetter : 'A');
    const lead = markers[0] && !text.slice(0, markers[0].start).trim();
    if (lead && cur.statements.length === 0) {
      cur.options.push(...optionsFromLine(line, markers));
      cur.mode = 'options';
      attachImages();
      return;
    }
    // A stray option letter out of order ("A. … C." without B): still an option line, reported later.
    const loose = /^\s*(\*?)\s?([A-H])\s*[.)]\s*/u.exec(text);
    if (loose && cur.options.length > 0 && cur.statements.length === 0) {
      const mk: OptionMarker = {
        letter: loose[2],
        start: 0,
        letterAt: text.indexOf(loose[2]),
        textFrom: loose[0].length,
        star: loose[1] === '*',
      };
      cur.options.push(...optionsFromLine(line, [mk]));
      return;
    }
    const st = STATEMENT_RE.exec(text);
    const tfContext =
      cur.section.type === 'true_false' || cur.meta.type === 'true_false' || cur.statements.length > 0;
    if (st && cur.options.length === 0 && (tfContext || (cur.section.type === null && st[2] === 'a'))) {
      const from = st[0].length;
      const letterAt = text.indexOf(st[2]);
      cur.statements.push({
        letter: st[2],
        text: text.slice(from).trim(),
        marked:
          st[1] === '*' ||
          Boolean(line.flags[letterAt]?.mark) ||
          allFlag(line, from, text.length, (fl) => fl.mark),
      });
      cur.mode = 'options';
      return;
    }
    if (cur.mode === 'options') {
      // Text after the options belongs to what follows (a passage for the next questions).
      passage.push(t);
      attachImages();
      return;
    }
    cur.stem.push(t);
    attachImages();
  };

  const handleTable = (table: DocTable) => {
    if (phase === 'key') {
      keyEntriesFromTable(table, addKey);
      return;
    }
    if (phase === 'after' || phase === 'solutions') return;
    const cells = table.rows.flat();
    const hasOptions = cells.some((cell) => cell.some((p) => /^\s*\*?\s?[A-H]\s*[.)]/u.test(toLine(p).text)));
    const hasQuestion = cells.some((cell) => cell.some((p) => QUESTION_RE.test(toLine(p).text)));
    if (hasOptions || hasQuestion || !current) {
      for (const cell of cells) for (const p of cell) handleLine(toLine(p));
      return;
    }
    const cur = current as Draft;
    const rows = table.rows.map((r) => r.map(cellText).join(' | '));
    if (cur.mode === 'explanation') cur.explanation.push(...rows);
    else if (cur.mode === 'stem') cur.stem.push(...rows);
    else passage.push(...rows);
  };

  for (const block of blocks) {
    if (!block || typeof block !== 'object') continue;
    if (block.kind === 'table' && Array.isArray(block.rows)) handleTable(block);
    else if (block.kind === 'paragraph') handleLine(toLine(block));
  }
  closeQuestion();

  const questions: ImportedQuestion[] = [];
  const numbers = new Set(drafts.map((d) => d.number));
  for (const n of keyOrder) {
    if (!numbers.has(n))
      issues.push({
        severity: 'error',
        code: 'KEY_ORPHAN',
        message: `Bảng đáp án có Câu ${n}, đề không có câu này (đề có ${drafts.length} câu).`,
        question: n,
      });
  }
  for (const d of drafts) {
    const built = finalize(d, keys.get(d.number), solutions.get(d.number));
    issues.push(...d.issues);
    if (built && !d.skip && !d.issues.some((i) => i.severity === 'error')) questions.push(built);
  }
  if (drafts.length === 0)
    issues.push({
      severity: 'error',
      code: 'NO_QUESTIONS',
      message: 'Không tìm thấy câu hỏi nào: mỗi câu cần bắt đầu bằng "Câu 1:", "Câu 2:"…',
    });
  const order = (i: ImportIssue) => i.question ?? -1;
  return { questions, issues: issues.sort((a, b) => order(a) - order(b)) };
}

function finalize(
  d: Draft,
  tableKey: { text?: KeyValue; tf: Map<string, boolean> } | undefined,
  solution: string[] | undefined,
): ImportedQuestion | null {
  const prefix = d.section.label ? `Câu ${d.number} (${d.section.label}): ` : `Câu ${d.number}: `;
  const err = (code: string, message: string) => {
    d.issues.push({ severity: 'error', code, message: `${prefix}${message}`, question: d.number });
    return null;
  };
  const warnQ = (code: string, message: string) =>
    d.issues.push({ severity: 'warning', code, message: `${prefix}${message}`, question: d.number });
  const lineKey = d.keyLine !== null ? parseKeyValue(d.keyLine) : null;
  const tKey: KeyValue | undefined = tableKey?.tf.size ? { tf: tableKey.tf } : tableKey?.text;
  let type: QuestionType | null = d.meta.type ?? d.section.type;
  if (!type) {
    if (d.rubric.length) type = 'essay';
    else if (d.options.length) type = 'single';
    else if (d.statements.length) type = 'true_false';
    else if (/\[\[[^\]]+\]\]/.test(d.stem.join('\n'))) type = 'fill_blank';
    else if (lineKey?.raw !== undefined || tKey?.raw !== undefined) type = 'short_answer';
    else if (lineKey?.tf || tKey?.tf) type = 'true_false';
  }
  const stemLines =
    type === 'essay' ? [...d.stem, ...d.statements.map((x) => `${x.letter}) ${x.text}`)] : d.stem;
  const stem = sanitizeMarkup(stemLines.join('\n'));
  const explanation = sanitizeMarkup(
    [...d.explanation, ...(d.explanation.length ? [] : (solution ?? []))].join('\n'),
  );
  if (!type)
    return err('Q_NO_OPTIONS', 'không tìm thấy phương án A–D (hoặc các ý a)–d), hay dòng "Đáp án:").');
  if (!stem && type !== 'matching') return err('Q_EMPTY_STEM', 'câu hỏi chưa có nội dung.');
  let body: QuestionBody | null = null;
  const letters = (opts: { letter: string }[]) => opts.map((o) => o.letter).join(', ');
  switch (type) {
    case 'single':
    case 'multiple': {
      const opts = d.options;
      if (opts.length === 0) return err('Q_NO_OPTIONS', 'không tìm thấy phương án A–D.');
      if (d.section.strict && type === 'single' && opts.length !== 4)
        return err('Q_OPTION_COUNT', `có ${opts.length} phương án, cần 4.`);
      if (opts.length < 2 || opts.length > 8)
        return err('Q_OPTION_COUNT', `có ${opts.length} phương án, cần từ 2 đến 8.`);
      const expected = OPTION_LETTERS.slice(0, opts.length).join(', ');
      if (letters(opts) !== expected)
        return err('Q_OPTION_SEQUENCE', `phương án ${letters(opts)} không liền mạch (cần ${expected}).`);
      const empty = opts.find((o) => !o.text);
      if (empty) return err('Q_OPTION_EMPTY', `phương án ${empty.letter} để trống.`);
      const marked = opts.filter((o) => o.marked).map((o) => o.letter);
      const fromLine = lineKey?.choice;
      const fromTable = tKey?.choice;
      const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
      if (d.keyLine !== null && !fromLine)
        return err('Q_KEY_INVALID', `dòng "Đáp án: ${d.keyLine}" không phải là phương án A–H.`);
      if (marked.length && fromLine && !same(marked, fromLine))
        return err(
          'Q_KEY_CONFLICT',
          `dòng "Đáp án" ghi ${fromLine.join(', ')}, phương án được đánh dấu là ${marked.join(', ')}.`,
        );
      if (marked.length && fromTable && !same(marked, fromTable))
        return err(
          'Q_KEY_CONFLICT',
          `bảng đáp án ghi ${fromTable.join(', ')}, phương án được đánh dấu là ${marked.join(', ')}.`,
        );
      if (fromLine && fromTable && !same(fromLine, fromTable))
        return err(
          'Q_KEY_CONFLICT',
          `bảng đáp án ghi ${fromTable.join(', ')}, dòng "Đáp án" ghi ${fromLine.join(', ')}.`,
        );
      let key = marked.length ? marked : (fromLine ?? fromTable ?? []);
      if (key.length === 0) {
        const bold = opts.filter((o) => o.bold);
        if (bold.length === 1) {
          key = [bold[0].letter];
          warnQ(
            'BOLD_KEY',
            `đáp án ${bold[0].letter} được lấy từ chữ in đậm; nên gạch chân hoặc tô đỏ đáp án.`,
          );
        }
      }
      if (key.length === 0) return err('Q_NO_KEY', 'chưa xác định đáp án đúng.');
      const unknown = key.find((k) => !opts.some((o) => o.letter === k));
      if (unknown)
        return err('Q_KEY_UNKNOWN', `đáp án ${unknown} không có trong các phương án ${letters(opts)}.`);
      const single = type === 'single' && (d.section.strict || d.meta.type === 'single');
      if (single && key.length > 1)
        return err('Q_MULTI_KEY', `có ${key.length} đáp án đúng (${key.join(', ')}).`);
      const options: Choice[] = opts.map((o) => ({
        id: o.letter,
        text: sanitizeMarkup(o.text),
        ...(o.fixed ? { fixed: true } : {}),
      }));
      body =
        key.length === 1 && d.meta.type !== 'multiple'
          ? { type: 'single', content: { stem, options }, key: { optionId: key[0] } }
          : { type: 'multiple', content: { stem, options }, key: { optionIds: [...key].sort() } };
      break;
    }
    case 'true_false': {
      const st = d.statements;
      if (st.length !== 4) return err('TF_COUNT', `cần 4 ý a)–d), có ${st.length}.`);
      const letterSeq = st.map((s) => s.letter).join('');
      if (letterSeq !== 'abcd')
        return err(
          'TF_COUNT',
          `các ý phải là a), b), c), d) theo thứ tự (đang là ${[...letterSeq].join(', ')}).`,
        );
      const marked = new Map(st.map((s) => [s.letter, s.marked]));
      const anyMark = st.some((s) => s.marked);
      const given = lineKey?.tf ?? tKey?.tf;
      if (d.keyLine !== null && !lineKey?.tf)
        return err('Q_KEY_INVALID', `dòng "Đáp án: ${d.keyLine}" không ghi Đúng/Sai cho các ý.`);
      let values: Map<string, boolean>;
      if (given) {
        const missing = ['a', 'b', 'c', 'd'].filter((l) => !given.has(l));
        if (missing.length)
          return err('TF_MISSING', `ý ${missing.map((m) => `${m})`).join(', ')} chưa có Đúng/Sai.`);
        if (anyMark) {
          const diff = ['a', 'b', 'c', 'd'].filter((l) => given.get(l) !== marked.get(l));
          if (diff.length)
            return err(
              'Q_KEY_CONFLICT',
              `đáp án ghi ${['a', 'b', 'c', 'd'].map((l) => (given.get(l) ? 'Đ' : 'S')).join('')}, các ý được đánh dấu là ${['a', 'b', 'c', 'd'].map((l) => (marked.get(l) ? 'Đ' : 'S')).join('')}.`,
            );
        }
        values = given;
      } else if (anyMark) values = marked;
      else return err('Q_NO_KEY', 'chưa xác định ý nào Đúng, ý nào Sai.');
      body = {
        type: 'true_false',
        content: { stem, statements: st.map((s) => ({ id: s.letter, text: sanitizeMarkup(s.text) })) },
        key: { values: Object.fromEntries(['a', 'b', 'c', 'd'].map((l) => [l, values.get(l) === true])) },
      };
      break;
    }
    case 'short_answer': {
      const raw = d.keyLine ?? (tKey?.raw !== undefined ? tKey.raw : tKey?.choice?.join(''));
      if (raw === undefined || raw === null || !raw.trim())
        return err('Q_NO_KEY', 'chưa có đáp án (dòng "Đáp án: …").');
      const value = parseDecimal(raw);
      if (value === null) return err('SA_NOT_NUMBER', `"${raw.trim()}" không phải là số.`);
      if (d.keyLine !== null && tKey?.raw !== undefined && parseDecimal(tKey.raw) !== value)
        return err('Q_KEY_CONFLICT', `bảng đáp án ghi ${tKey.raw}, dòng "Đáp án" ghi ${d.keyLine}.`);
      if (raw.replace(/\s/g, '').length > 4)
        warnQ('SA_TOO_LONG', `đáp án "${raw.trim()}" dài hơn 4 ký tự của phiếu trả lời.`);
      body = { type: 'short_answer', content: { stem }, key: { value, tolerance: 0 } };
      break;
    }
    case 'fill_blank': {
      const ids = [...new Set([...stem.matchAll(/\[\[([^\]]+)\]\]/g)].map((m) => m[1].trim()))];
      if (ids.length === 0) return err('FILL_NO_BLANK', 'câu điền khuyết cần chỗ trống dạng [[1]].');
      const parts = (d.keyLine ?? '').split(';').map((p) =>
        p
          .split('/')
          .map((x) => x.trim())
          .filter(Boolean),
      );
      if (parts.length < ids.length || parts.some((p) => p.length === 0))
        return err('Q_NO_KEY', `cần đáp án cho ${ids.length} chỗ trống, cách nhau bởi dấu ";".`);
      body = {
        type: 'fill_blank',
        content: { stem, blanks: ids.map((id) => ({ id })) },
        key: { blanks: Object.fromEntries(ids.map((id, i) => [id, parts[i]])) },
      };
      break;
    }
    case 'essay': {
      const rubric = d.rubric.map(rubricItem).filter((r): r is RubricItem => r !== null);
      const sample = d.keyLine && !d.rubric.length ? sanitizeMarkup(d.keyLine) : undefined;
      body = { type: 'essay', content: { stem, rubric }, key: sample ? { sampleAnswer: sample } : {} };
      break;
    }
    case 'matching':
      return err('Q_TYPE_UNSUPPORTED', 'dạng ghép nối chỉ nhập được từ Excel hoặc QTI.');
  }
  if (!body) return null;
  const m = d.meta;
  const level: CognitiveLevel | undefined = m.level;
  return {
    number: d.number,
    ...(m.externalId ? { externalId: m.externalId } : {}),
    ...(m.subject ? { subject: m.subject } : {}),
    ...(m.grade ? { grade: m.grade } : {}),
    ...(m.topic ? { topic: m.topic } : {}),
    ...(level ? { level } : {}),
    ...(m.points ? { points: m.points } : {}),
    body,
    ...(explanation ? { explanation } : {}),
    mediaRefs: d.media,
  };
}
