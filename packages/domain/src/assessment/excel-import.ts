/**
 * Reads questions from the Excel layout of docs/question-formats.md: sheet "CauHoi", one question per row,
 * headers in row 1 (matched ignoring case and diacritics). Pure: the server reads each cell's displayed text;
 * this never throws and names the row of every problem ("Dòng 12: …").
 */
import type { ImportDefaults, ImportedQuestion, ImportIssue, ImportResult } from './import-model';
import { sanitizeMarkup } from './markup';
import { applyMetaEntry, type MetaValues, TYPE_CODES } from './metadata';
import { type Choice, fold, OPTION_LETTERS, parseDecimal, type QuestionBody } from './question';

export type SheetRow = { row: number; cells: readonly (string | null | undefined)[] };

const COLUMNS: Record<string, string> = {
  ma: 'id',
  'ma cau': 'id',
  loai: 'type',
  'loai cau': 'type',
  dang: 'type',
  'cau hoi': 'stem',
  'noi dung': 'stem',
  'de bai': 'stem',
  'dap an': 'key',
  diem: 'points',
  mon: 'subject',
  'mon hoc': 'subject',
  lop: 'grade',
  'chu de': 'topic',
  'muc do': 'level',
  'loi giai': 'explanation',
  'giai thich': 'explanation',
  hinh: 'image',
  'hinh anh': 'image',
  'giu thu tu': 'fixed',
  'khong dao': 'fixed',
};

/** Maps header texts to fields; unknown headers are ignored (reported as a warning). */
function mapHeaders(headers: readonly (string | null | undefined)[], issues: ImportIssue[]) {
  const map = new Map<string, number>();
  headers.forEach((h, i) => {
    const f = fold(String(h ?? ''))
      .replace(/[^a-z0-9 ]/g, '')
      .trim();
    if (!f) return;
    if (/^[a-h]$/.test(f)) map.set(f.toUpperCase(), i);
    else if (COLUMNS[f]) map.set(COLUMNS[f], i);
    else
      issues.push({
        severity: 'warning',
        code: 'XLSX_UNKNOWN_COLUMN',
        message: `Cột "${h}" không được dùng, đã bỏ qua.`,
      });
  });
  return map;
}

/** Reads the rows of sheet "CauHoi" (first row = headers). */
export function parseQuestionSheet(
  headers: readonly (string | null | undefined)[],
  rows: readonly SheetRow[],
  defaults: ImportDefaults = {},
): ImportResult {
  const issues: ImportIssue[] = [];
  const questions: ImportedQuestion[] = [];
  try {
    const col = mapHeaders(Array.isArray(headers) ? headers : [], issues);
    for (const required of ['stem', 'type']) {
      if (!col.has(required)) {
        issues.push({
          severity: 'error',
          code: 'XLSX_NO_COLUMN',
          message: `Thiếu cột "${required === 'stem' ? 'Câu hỏi' : 'Loại'}" ở dòng 1 của trang CauHoi.`,
        });
      }
    }
    if (issues.some((i) => i.severity === 'error')) return { questions, issues };
    for (const r of Array.isArray(rows) ? rows : []) {
      const cell = (name: string) => {
        const i = col.get(name);
        const v = i === undefined ? '' : r.cells?.[i];
        return typeof v === 'string' ? v.trim() : v == null ? '' : String(v).trim();
      };
      if ([...col.values()].every((i) => !String(r.cells?.[i] ?? '').trim())) continue;
      const built = parseRow(r.row, cell, defaults ?? {}, issues);
      if (built) questions.push(built);
    }
    if (questions.length === 0 && !issues.some((i) => i.severity === 'error'))
      issues.push({ severity: 'error', code: 'NO_QUESTIONS', message: 'Trang CauHoi không có câu hỏi nào.' });
  } catch (err) {
    issues.push({
      severity: 'error',
      code: 'XLSX_UNREADABLE',
      message: `Không đọc được bảng câu hỏi (${String(err).slice(0, 120)}).`,
    });
  }
  return { questions, issues };
}

function parseRow(
  row: number,
  cell: (name: string) => string,
  defaults: ImportDefaults,
  issues: ImportIssue[],
): ImportedQuestion | null {
  const err = (code: string, message: string) => {
    issues.push({ severity: 'error', code, message: `Dòng ${row}: ${message}`, row, question: row });
    return null;
  };
  const meta: MetaValues = { ...defaults };
  for (const [k, name] of [
    ['Môn', 'subject'],
    ['Lớp', 'grade'],
    ['Chủ đề', 'topic'],
    ['Mức độ', 'level'],
    ['Điểm', 'points'],
    ['Mã', 'id'],
  ] as const) {
    const v = cell(name);
    if (!v) continue;
    const problem = applyMetaEntry(meta, k, v);
    if (problem) return err('META_BAD', `${problem.message}.`);
  }
  const typeText = cell('type');
  const type = TYPE_CODES[fold(typeText).replace(/\s+/g, '')];
  if (!type)
    return err('XLSX_BAD_TYPE', `loại câu "${typeText}" không hợp lệ (MC, MR, DS, TLN, TL, GHEP, DK).`);
  const stem = sanitizeMarkup(cell('stem'));
  if (!stem) return err('Q_EMPTY_STEM', 'cột "Câu hỏi" để trống.');
  const fixedAll = /^(x|có|co|1|true)$/i.test(cell('fixed'));
  const letters = OPTION_LETTERS.filter((l) => cell(l) !== '');
  const lastFilled = OPTION_LETTERS.reduce((last, l, i) => (cell(l) ? i : last), -1);
  const key = cell('key');
  let body: QuestionBody;
  switch (type) {
    case 'single':
    case 'multiple': {
      if (letters.length < 2) return err('Q_OPTION_COUNT', `có ${letters.length} phương án, cần ít nhất 2.`);
      if (lastFilled + 1 !== letters.length)
        return err('Q_OPTION_SEQUENCE', 'các phương án phải điền liền nhau từ cột A.');
      const chosen = key
        .toUpperCase()
        .replace(/[\s,;]/g, '')
        .split('')
        .filter(Boolean);
      if (chosen.length === 0) return err('Q_NO_KEY', 'cột "Đáp án" để trống.');
      const bad = chosen.find((c) => !letters.includes(c as (typeof OPTION_LETTERS)[number]));
      if (bad)
        return err(
          'Q_KEY_UNKNOWN',
          `đáp án "${bad}" không có trong ${letters[0]}–${letters[letters.length - 1]}.`,
        );
      if (type === 'single' && chosen.length > 1)
        return err(
          'Q_MULTI_KEY',
          `câu MC có ${chosen.length} đáp án đúng (${chosen.join(', ')}); dùng loại MR.`,
        );
      const options: Choice[] = letters.map((l) => ({
        id: l,
        text: sanitizeMarkup(cell(l)),
        ...(fixedAll ? { fixed: true } : {}),
      }));
      body =
        type === 'single'
          ? { type, content: { stem, options }, key: { optionId: chosen[0] } }
          : { type, content: { stem, options }, key: { optionIds: [...new Set(chosen)].sort() } };
      break;
    }
    case 'true_false': {
      const st = ['A', 'B', 'C', 'D'].map((l) => cell(l));
      if (st.some((s) => !s) || cell('E'))
        return err('TF_COUNT', `cần 4 ý ở cột A–D, có ${st.filter(Boolean).length}.`);
      const compact = key.replace(/[\s,;.-]/g, '').toUpperCase();
      if (!/^[ĐS]{4}$/u.test(compact))
        return err(compact ? 'TF_MISSING' : 'Q_NO_KEY', `đáp án "${key}" cần đủ 4 chữ Đ/S (ví dụ ĐSĐS).`);
      body = {
        type,
        content: { stem, statements: st.map((text, i) => ({ id: 'abcd'[i], text: sanitizeMarkup(text) })) },
        key: { values: Object.fromEntries([...compact].map((c, i) => ['abcd'[i], c === 'Đ'])) },
      };
      break;
    }
    case 'short_answer': {
      if (!key) return err('Q_NO_KEY', 'cột "Đáp án" để trống.');
      const value = parseDecimal(key);
      if (value === null)
        return err(
          'SA_NOT_NUMBER',
          `"${key}" không phải là số (Excel có thể đã đổi 1/2 thành ngày: hãy định dạng cột là văn bản).`,
        );
      if (key.replace(/\s/g, '').length > 4)
        issues.push({
          severity: 'warning',
          code: 'SA_TOO_LONG',
          message: `Dòng ${row}: đáp án "${key}" dài hơn 4 ký tự của phiếu trả lời.`,
          row,
          question: row,
        });
      body = { type, content: { stem }, key: { value, tolerance: 0 } };
      break;
    }
    case 'matching': {
      const pairs = letters.map((l) => cell(l).split(/\s*=>\s*/));
      if (pairs.length < 2) return err('MATCH_COUNT', 'cần ít nhất 2 cặp "vế trái => vế phải" ở cột A–H.');
      const badPair = pairs.findIndex((p) => p.length !== 2 || !p[0] || !p[1]);
      if (badPair >= 0)
        return err('MATCH_FORMAT', `ô ${letters[badPair]} phải có dạng "vế trái => vế phải".`);
      body = {
        type,
        content: {
          stem,
          left: pairs.map((p, i) => ({ id: `L${i + 1}`, text: sanitizeMarkup(p[0]) })),
          right: pairs.map((p, i) => ({ id: `R${i + 1}`, text: sanitizeMarkup(p[1]) })),
        },
        key: { pairs: Object.fromEntries(pairs.map((_, i) => [`L${i + 1}`, `R${i + 1}`])) },
      };
      break;
    }
    case 'fill_blank': {
      const ids = [...new Set([...stem.matchAll(/\[\[([^\]]+)\]\]/g)].map((m) => m[1].trim()))];
      if (ids.length === 0)
        return err('FILL_NO_BLANK', 'câu điền khuyết cần chỗ trống dạng [[1]] trong cột "Câu hỏi".');
      const parts = key.split(';').map((p) =>
        p
          .split('/')
          .map((x) => x.trim())
          .filter(Boolean),
      );
      if (!key || parts.length < ids.length || parts.some((p) => p.length === 0))
        return err('Q_NO_KEY', `cần đáp án cho ${ids.length} chỗ trống, cách nhau bởi dấu ";".`);
      body = {
        type,
        content: { stem, blanks: ids.map((id) => ({ id })) },
        key: { blanks: Object.fromEntries(ids.map((id, i) => [id, parts[i]])) },
      };
      break;
    }
    case 'essay':
      body = { type, content: { stem, rubric: [] }, key: key ? { sampleAnswer: sanitizeMarkup(key) } : {} };
      break;
  }
  const image = cell('image');
  const explanation = sanitizeMarkup(cell('explanation'));
  return {
    number: row,
    row,
    ...(meta.externalId ? { externalId: meta.externalId } : {}),
    ...(meta.subject ? { subject: meta.subject } : {}),
    ...(meta.grade ? { grade: meta.grade } : {}),
    ...(meta.topic ? { topic: meta.topic } : {}),
    ...(meta.level ? { level: meta.level } : {}),
    ...(meta.points ? { points: meta.points } : {}),
    body,
    ...(explanation ? { explanation } : {}),
    mediaRefs: image ? [{ ref: image }] : [],
  };
}

/** Header row of the Excel template, in order. */
export const QUESTION_SHEET_HEADERS = [
  'Mã',
  'Loại',
  'Câu hỏi',
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'Đáp án',
  'Điểm',
  'Môn',
  'Lớp',
  'Chủ đề',
  'Mức độ',
  'Lời giải',
  'Hình',
  'Giữ thứ tự',
] as const;
