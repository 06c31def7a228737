import type { ImportDefaults } from './import-model';
import { type CognitiveLevel, fold, parseCognitiveLevel, parseDecimal, type QuestionType } from './question';

/** Question-type codes shared by the Word tags ([Loại: DS]) and the Excel column "Loại". */
export const TYPE_CODES: Readonly<Record<string, QuestionType>> = {
  mc: 'single',
  tn: 'single',
  mr: 'multiple',
  ds: 'true_false',
  tln: 'short_answer',
  tl: 'essay',
  ghep: 'matching',
  dk: 'fill_blank',
};

export type MetaValues = ImportDefaults & { externalId?: string; type?: QuestionType };
export type MetaProblem = { key: string; value: string; message: string };

/**
 * Reads one metadata entry (Môn, Lớp, Chủ đề, Mức độ, Điểm, Mã, Loại) into `target`; returns a problem for
 * a bad value (META_BAD) or an unknown key.
 */
export function applyMetaEntry(target: MetaValues, rawKey: string, rawValue: string): MetaProblem | null {
  const key = fold(rawKey);
  const value = rawValue.trim();
  switch (key) {
    case 'mon':
    case 'mon hoc':
      if (value) target.subject = value;
      return null;
    case 'lop':
    case 'khoi': {
      const g = Number(value);
      if (!/^\d{1,2}$/.test(value) || g < 1 || g > 12)
        return { key: rawKey, value, message: `lớp "${value}" không hợp lệ (1–12)` };
      target.grade = g;
      return null;
    }
    case 'chu de':
    case 'bai':
      if (value) target.topic = value;
      return null;
    case 'muc do':
    case 'muc':
    case 'cap do': {
      const level: CognitiveLevel | null = parseCognitiveLevel(value);
      if (!level) return { key: rawKey, value, message: `mức độ "${value}" không hợp lệ (NB, TH, VD, VDC)` };
      target.level = level;
      return null;
    }
    case 'diem': {
      const p = parseDecimal(value);
      if (p === null || p <= 0 || p > 100)
        return { key: rawKey, value, message: `điểm "${value}" không hợp lệ` };
      target.points = p;
      return null;
    }
    case 'ma':
      if (value) target.externalId = value;
      return null;
    case 'loai':
    case 'dang': {
      const t = TYPE_CODES[fold(value).replace(/\s+/g, '')];
      if (!t)
        return {
          key: rawKey,
          value,
          message: `loại câu "${value}" không hợp lệ (MC, MR, DS, TLN, TL, GHEP, DK)`,
        };
      target.type = t;
      return null;
    }
    default:
      return { key: rawKey, value, message: `thẻ "${rawKey}" không được hỗ trợ` };
  }
}

/** Bracket tags in a paragraph made only of them: `[Chủ đề: Hàm số] [Mức độ: TH]`; null otherwise. */
export function parseTagLine(text: string): { key: string; value: string }[] | null {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  const re = /\[([^\]:]+):([^\]]*)\]/g;
  const out: { key: string; value: string }[] = [];
  let rest = t;
  for (const m of t.matchAll(re)) {
    out.push({ key: m[1].trim(), value: m[2].trim() });
    rest = rest.replace(m[0], '');
  }
  if (out.length === 0 || rest.trim()) return null;
  return out;
}
