/**
 * The question model of the question bank (ngân hàng câu hỏi): one discriminated union over the question
 * types of the 2018 curriculum's tests and the 2025 upper-secondary exam format. Stems and option texts are
 * plain text with LaTeX between `\( \)`, `\[ \]` or `$ $` (restricted markup: never HTML).
 */

/** Question types (dạng câu hỏi). */
export const QUESTION_TYPES = [
  'single', // trắc nghiệm nhiều lựa chọn, một đáp án đúng (Phần I)
  'multiple', // nhiều đáp án đúng
  'true_false', // đúng/sai, 4 ý a)–d) (Phần II)
  'short_answer', // trả lời ngắn, đáp án là một số (Phần III)
  'matching', // ghép nối
  'fill_blank', // điền khuyết
  'essay', // tự luận, chấm theo hướng dẫn chấm (rubric)
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Cognitive levels of a test blueprint (mức độ nhận thức). */
export const COGNITIVE_LEVELS = ['NB', 'TH', 'VD', 'VDC'] as const;
export type CognitiveLevel = (typeof COGNITIVE_LEVELS)[number];
export const COGNITIVE_LEVEL_NAMES: Readonly<Record<CognitiveLevel, string>> = {
  NB: 'Nhận biết',
  TH: 'Thông hiểu',
  VD: 'Vận dụng',
  VDC: 'Vận dụng cao',
};

export const QUESTION_TYPE_NAMES: Readonly<Record<QuestionType, string>> = {
  single: 'Trắc nghiệm một đáp án',
  multiple: 'Trắc nghiệm nhiều đáp án',
  true_false: 'Đúng/Sai (4 ý)',
  short_answer: 'Trả lời ngắn',
  matching: 'Ghép nối',
  fill_blank: 'Điền khuyết',
  essay: 'Tự luận',
};

/** An option of a choice question; `fixed` keeps it in place when options are shuffled (không đảo). */
export type Choice = { id: string; text: string; fixed?: boolean };
export type Statement = { id: string; text: string };
export type MatchItem = { id: string; text: string };
export type RubricItem = { criterion: string; points: number };
/** A picture or a listening clip stored in the bank's media store, by content hash. */
export type MediaRef = { sha256: string; kind: 'image' | 'audio'; contentType: string; alt?: string };

type Common = { stem: string; media?: MediaRef[] };

export type QuestionBody =
  | { type: 'single'; content: Common & { options: Choice[] }; key: { optionId: string } }
  | {
      type: 'multiple';
      content: Common & { options: Choice[] };
      /** `partial`: credit per correct choice minus wrong choices (floor 0); otherwise all or nothing. */
      key: { optionIds: string[]; partial?: boolean };
    }
  | {
      type: 'true_false';
      content: Common & { statements: Statement[] };
      key: { values: Record<string, boolean> };
    }
  | { type: 'short_answer'; content: Common; key: { value: number; tolerance: number } }
  | {
      type: 'matching';
      content: Common & { left: MatchItem[]; right: MatchItem[] };
      /** left id → right id */
      key: { pairs: Record<string, string> };
    }
  | {
      type: 'fill_blank';
      /** The stem marks each blank as `[[id]]`. */
      content: Common & { blanks: { id: string }[] };
      key: { blanks: Record<string, string[]>; caseSensitive?: boolean };
    }
  | { type: 'essay'; content: Common & { rubric: RubricItem[] }; key: { sampleAnswer?: string } };

export type BodyOf<T extends QuestionType> = Extract<QuestionBody, { type: T }>;

/** A question as graders and test builders see it. */
export type GradableQuestion = QuestionBody & { points: number };

/** Option letters in display order (A–H). */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const STATEMENT_LETTERS = ['a', 'b', 'c', 'd'] as const;

export const isCognitiveLevel = (v: unknown): v is CognitiveLevel =>
  typeof v === 'string' && (COGNITIVE_LEVELS as readonly string[]).includes(v);
export const isQuestionType = (v: unknown): v is QuestionType =>
  typeof v === 'string' && (QUESTION_TYPES as readonly string[]).includes(v);

/** Parses a cognitive level written as a code or a Vietnamese name ("Vận dụng cao", "vdc", "Nhận biết"). */
export function parseCognitiveLevel(text: string): CognitiveLevel | null {
  const t = fold(text);
  if (!t) return null;
  const byCode: Record<string, CognitiveLevel> = {
    nb: 'NB',
    th: 'TH',
    vd: 'VD',
    vdc: 'VDC',
    'nhan biet': 'NB',
    biet: 'NB',
    'thong hieu': 'TH',
    hieu: 'TH',
    'van dung': 'VD',
    'van dung thap': 'VD',
    'van dung cao': 'VDC',
  };
  return byCode[t] ?? null;
}

/** Lower case, diacritics removed, spaces collapsed: for matching keywords and headers. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses a decimal written the Vietnamese way ("-1,5") or with a point ("2.25"); null when not a number. */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(/\s+/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** Formats a number with a decimal comma (the Vietnamese norm): 0.25 → "0,25". */
export function formatDecimal(n: number): string {
  const rounded = Math.round(n * 10000) / 10000;
  return String(rounded).replace('.', ',');
}
