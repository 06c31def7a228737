import type { ImportKind, ImportRowError } from '@smartedu/contracts';
import type { ChoiceList } from './import-choices';
import { type Cell, cellText, displayCell, isEmptyCell, normalizeKey, parseDateCell } from './sheet-parse';

/** A dropdown source on the templates' hidden 'Danh mục' sheet. */
export type ListRef =
  | 'genders'
  | 'ethnicities'
  | 'classes'
  | 'poverty'
  | 'orphan'
  | 'disability'
  | 'relationships'
  | 'yesNo'
  | 'staffCategories'
  | 'staffPositions'
  | 'qualifications'
  | 'staffStatuses';

/** One column of an import sheet. Headers are matched by `normalizeKey`, so order, case and accents do not matter. */
export type FieldSpec = {
  key: string;
  header: string;
  aliases?: readonly string[];
  required?: boolean;
  /** Template / export cell format. */
  format?: 'text' | 'date' | 'number';
  width?: number;
  list?: ListRef;
  /** The dropdown only suggests: other values are accepted (free text). */
  listSuggestOnly?: boolean;
  /** Shown as a note on the template header. */
  note?: string;
};

/** Reference data a row is checked against: loaded once per validation (and again at commit). */
export type Lookups = {
  date1904: boolean;
  /** 'YYYY-MM-DD': dates after it are rejected where a date must be in the past. */
  today: string;
  /** ethnicityKey(name or code) → code. */
  ethnicities: ReadonlyMap<string, string>;
  /** classKey(name) → class of the current school year. */
  classes: ReadonlyMap<string, { id: string; name: string; schoolYearId: string }>;
  /** Student sector id → student id (guardian imports). */
  students: ReadonlyMap<string, string>;
  /** staffKey(code) → staff id (class imports: homeroom teacher). */
  staff: ReadonlyMap<string, string>;
  /** subject code or unique name key → code (staff imports). */
  subjects: ReadonlyMap<string, string>;
};

export const emptyLookups = (today = new Date().toISOString().slice(0, 10)): Lookups => ({
  date1904: false,
  today,
  ethnicities: new Map(),
  classes: new Map(),
  students: new Map(),
  staff: new Map(),
  subjects: new Map(),
});

/** One data row as the validators see it: cells in field order, with the sheet column letter of each field. */
export type RowInput = { row: number; cells: readonly Cell[]; letters: readonly (string | null)[] };

export type RowResult<R> =
  | { ok: true; key: string; record: R }
  | { ok: false; key: string | null; errors: ImportRowError[] };

export type KindSpec<R> = {
  kind: ImportKind;
  /** Data sheet name in templates and exports. */
  sheetName: string;
  /** Audit entity name. */
  entity: string;
  fields: readonly FieldSpec[];
  validate: (input: RowInput, lookups: Lookups) => RowResult<R>;
};

export const ethnicityKey = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s-]+/g, '');
export const classKey = (s: string) => normalizeKey(s);
export const staffKey = (s: string) => s.trim().toUpperCase();

/**
 * Dân tộc lookup: the official name ('Thái', 'Khơ-me'), the code ('03', '3'), and the name typed without
 * accents ('thai') when that spelling is not shared by two groups.
 */
export function buildEthnicityMap(rows: readonly { code: string; name: string }[]): Map<string, string> {
  const map = new Map<string, string>();
  const stripped = new Map<string, string | null>();
  for (const e of rows) {
    map.set(e.name, e.code);
    map.set(e.code, e.code);
    map.set(ethnicityKey(e.name), e.code);
    map.set(ethnicityKey(e.code), e.code);
    map.set(String(Number(e.code)), e.code);
    const k = normalizeKey(e.name);
    stripped.set(k, stripped.has(k) ? null : e.code);
  }
  for (const [k, code] of stripped) if (code && !map.has(k)) map.set(k, code);
  return map;
}

export function rowMessage(row: number, letter: string | null, header: string, detail: string) {
  return letter ? `Dòng ${row}, cột ${letter} (${header}): ${detail}` : `Dòng ${row} (${header}): ${detail}`;
}

type TextOptions = {
  min?: number;
  max: number;
  pattern?: RegExp;
  hint?: string;
  /** Numbers typed into the cell lose leading zeros: pad back to this many digits. */
  padDigits?: number;
  /** Numbers typed into the cell lose a leading 0 (phone numbers): add it back. */
  leadingZero?: boolean;
  /** Characters removed before checking (spaces and dots inside phone numbers). */
  strip?: RegExp;
};

const fieldIndexes = new WeakMap<readonly FieldSpec[], Map<string, number>>();
function fieldIndex(fields: readonly FieldSpec[]) {
  let index = fieldIndexes.get(fields);
  if (!index) {
    index = new Map(fields.map((f, i) => [f.key, i]));
    fieldIndexes.set(fields, index);
  }
  return index;
}

/** What a failed lookup reports: the code and the reason, given the cell as shown to the user. */
export type LookupMiss = { code: string; detail: (shownValue: string) => string };

const shown = (c: Cell) => `"${displayCell(c)}"`;

export const UNKNOWN_ETHNICITY: LookupMiss = {
  code: 'UNKNOWN_ETHNICITY',
  detail: (v) => `dân tộc ${v} không có trong danh mục 54 dân tộc`,
};
export const UNKNOWN_CLASS: LookupMiss = {
  code: 'UNKNOWN_CLASS',
  detail: (v) => `lớp ${v} không có trong năm học hiện tại của trường`,
};
export const UNKNOWN_STAFF: LookupMiss = {
  code: 'UNKNOWN_STAFF',
  detail: (v) => `không tìm thấy cán bộ có mã ${v} trong trường`,
};
export const UNKNOWN_SUBJECT: LookupMiss = {
  code: 'UNKNOWN_SUBJECT',
  detail: (v) => `môn học ${v} không có trong danh mục môn học`,
};

/**
 * Reads the cells of one row field by field, collecting every problem of the row (not only the first).
 * Each reader returns the value, `null` for an empty optional cell, or `undefined` when the cell is in error.
 * (A class rather than closures: one is made per row, 100,000 times for a large file.)
 */
export class RowReader {
  readonly errors: ImportRowError[] = [];
  private readonly index: Map<string, number>;

  constructor(
    private readonly fields: readonly FieldSpec[],
    private readonly input: RowInput,
  ) {
    this.index = fieldIndex(fields);
  }

  private at(key: string): number {
    const i = this.index.get(key);
    if (i === undefined) throw new Error(`unknown field ${key}`);
    return i;
  }

  fail(key: string, code: string, detail: string) {
    const i = this.at(key);
    const letter = this.input.letters[i] ?? null;
    this.errors.push({
      row: this.input.row,
      column: letter,
      field: key,
      code,
      message: rowMessage(this.input.row, letter, this.fields[i].header, detail),
    });
  }

  /** The cell, or undefined after reporting formulas, error values and missing required cells. */
  cell(key: string): Cell | undefined {
    const i = this.at(key);
    const c = this.input.cells[i] ?? null;
    if (c !== null && typeof c === 'object') {
      if ('formula' in c) {
        this.fail(key, 'FORMULA_NOT_ALLOWED', `ô chứa công thức "=${c.formula}", hãy nhập giá trị`);
        return undefined;
      }
      if ('error' in c) {
        this.fail(key, 'INVALID_VALUE', `ô bị lỗi ${c.error}`);
        return undefined;
      }
    }
    if (isEmptyCell(c)) {
      if (this.fields[i].required) {
        this.fail(key, 'REQUIRED', 'chưa nhập (bắt buộc)');
        return undefined;
      }
      return null;
    }
    return c;
  }

  text(key: string, o: TextOptions): string | null | undefined {
    const c = this.cell(key);
    if (c === undefined || c === null) return c;
    let s: string | null;
    if (typeof c === 'number' && Number.isInteger(c) && c >= 0 && (o.padDigits || o.leadingZero)) {
      s = String(c);
      if (o.padDigits && s.length < o.padDigits) s = s.padStart(o.padDigits, '0');
      if (o.leadingZero && s.length >= 8 && s.length <= 10) s = `0${s}`;
    } else {
      s = cellText(c);
      if (s !== null && o.strip) s = s.replace(o.strip, '');
    }
    if (s === null) {
      this.fail(key, 'INVALID_VALUE', `${shown(c)} không hợp lệ`);
      return undefined;
    }
    if (s.length > o.max) {
      this.fail(key, 'INVALID_VALUE', `dài quá ${o.max} ký tự`);
      return undefined;
    }
    if (o.min && s.length < o.min) {
      this.fail(key, 'INVALID_VALUE', `${shown(c)} quá ngắn (ít nhất ${o.min} ký tự)`);
      return undefined;
    }
    if (o.pattern && !o.pattern.test(s)) {
      this.fail(key, 'INVALID_VALUE', `${shown(c)} không hợp lệ${o.hint ? `: ${o.hint}` : ''}`);
      return undefined;
    }
    return s;
  }

  date(key: string, o: { date1904: boolean; notAfter?: string }): string | null | undefined {
    const c = this.cell(key);
    if (c === undefined || c === null) return c;
    const iso = parseDateCell(c, o.date1904);
    if (!iso) {
      this.fail(key, 'INVALID_DATE', `${shown(c)} không phải ngày hợp lệ`);
      return undefined;
    }
    if (o.notAfter && iso > o.notAfter) {
      this.fail(key, 'INVALID_DATE', `${shown(c)} là ngày trong tương lai`);
      return undefined;
    }
    return iso;
  }

  choice<V extends string>(key: string, list: ChoiceList<V>): V | null | undefined {
    const c = this.cell(key);
    if (c === undefined || c === null) return c;
    const v = typeof c === 'string' ? list.parse(c) : list.parse(cellText(c) ?? '');
    if (v === undefined) {
      this.fail(key, 'INVALID_VALUE', `${shown(c)} không hợp lệ, chọn một trong: ${list.labels.join(', ')}`);
      return undefined;
    }
    return v;
  }

  integer(key: string, o: { min: number; max: number }): number | null | undefined {
    const c = this.cell(key);
    if (c === undefined || c === null) return c;
    const s = cellText(c);
    const n = s !== null && /^\d{1,3}$/.test(s) ? Number(s) : Number.NaN;
    if (!Number.isInteger(n) || n < o.min || n > o.max) {
      this.fail(key, 'INVALID_VALUE', `${shown(c)} không hợp lệ: nhập số nguyên từ ${o.min} đến ${o.max}`);
      return undefined;
    }
    return n;
  }

  /** A value looked up in a map by the text as typed, else by its normalised key. */
  lookup<T>(
    key: string,
    map: ReadonlyMap<string, T>,
    toKey: (s: string) => string,
    miss: LookupMiss,
    max = 200,
  ): { text: string; value: T } | null | undefined {
    const c = this.cell(key);
    if (c === undefined || c === null) return c;
    const s = cellText(c);
    if (s === null || s.length > max) {
      this.fail(key, 'INVALID_VALUE', `${shown(c)} không hợp lệ`);
      return undefined;
    }
    const value = map.get(s) ?? map.get(toKey(s));
    if (value === undefined) {
      this.fail(key, miss.code, miss.detail(shown(c)));
      return undefined;
    }
    return { text: s, value };
  }

  /** Key text of the identifier cell (for duplicate detection), even when the rest of the row is wrong. */
  raw(key: string): string | null {
    const c = this.input.cells[this.at(key)] ?? null;
    if (c !== null && typeof c === 'object' && !('date' in c)) return null;
    return cellText(c);
  }
}

export const createRowReader = (fields: readonly FieldSpec[], input: RowInput) =>
  new RowReader(fields, input);

/** Finishes a row: the record when no field failed, otherwise the errors. */
export function finishRow<R>(reader: RowReader, key: string | null, build: () => R): RowResult<R> {
  if (reader.errors.length > 0 || key === null) {
    return { ok: false, key, errors: reader.errors };
  }
  return { ok: true, key, record: build() };
}
