import type { ImportRowError } from '@smartedu/contracts';
import { type FieldSpec, type KindSpec, type Lookups, type RowResult, rowMessage } from './import-spec';
import {
  type Cell,
  cellText,
  columnLetter,
  columnNumber,
  displayCell,
  isEmptyCell,
  normalizeKey,
  toCell,
} from './sheet-parse';

/**
 * Pure, row-at-a-time validation of one import sheet: header matching, row validation, duplicate identifiers,
 * counters and the capped error list. It keeps only the set of identifiers seen and counters, never the rows,
 * so that a 100,000-row sheet validates in constant memory apart from that set.
 */

export const MAX_ROW_ERRORS = 1000;
const MAX_SHEET_ERRORS = 100;

/** Header problems that make every data row unreadable: nothing can be imported. */
const BLOCKING = new Set(['MISSING_COLUMN', 'DUPLICATE_COLUMN', 'MERGED_CELLS', 'EMPTY_SHEET']);

export type HeaderMatch = {
  /** Sheet column number (1-based) of each field, in field order; null when the sheet lacks the column. */
  columns: (number | null)[];
  letters: (string | null)[];
  errors: ImportRowError[];
};

const headerKeys = new WeakMap<readonly FieldSpec[], Map<string, number>>();
function headerIndex(fields: readonly FieldSpec[]) {
  let m = headerKeys.get(fields);
  if (!m) {
    m = new Map();
    fields.forEach((f, i) => {
      for (const h of [f.header, ...(f.aliases ?? [])]) {
        const k = normalizeKey(h);
        if (!m!.has(k)) m!.set(k, i);
      }
    });
    headerKeys.set(fields, m);
  }
  return m;
}

/**
 * Matches header cells (ExcelJS `row.values`: index = column number) to fields by normalised text, so that
 * columns may come in any order and with any case, accents or spacing. Unknown columns are ignored.
 */
export function matchHeader(
  fields: readonly FieldSpec[],
  values: readonly unknown[],
  headerRow = 1,
): HeaderMatch {
  const index = headerIndex(fields);
  const columns: (number | null)[] = fields.map(() => null);
  const errors: ImportRowError[] = [];
  const width = Math.min(values.length, 16_384);
  for (let col = 1; col < width; col++) {
    const cell = toCell(values[col]);
    if (cell === null) continue;
    if (typeof cell === 'object' && 'formula' in cell) {
      errors.push({
        row: headerRow,
        column: columnLetter(col),
        field: null,
        code: 'FORMULA_NOT_ALLOWED',
        message: `Dòng ${headerRow}, cột ${columnLetter(col)}: tiêu đề cột là công thức, hãy nhập chữ`,
      });
      continue;
    }
    const text = cellText(cell);
    if (text === null) continue;
    const i = index.get(normalizeKey(text));
    if (i === undefined) continue;
    const first = columns[i];
    if (first !== null) {
      if (errors.length < MAX_SHEET_ERRORS)
        errors.push({
          row: headerRow,
          column: columnLetter(col),
          field: fields[i].key,
          code: 'DUPLICATE_COLUMN',
          message: `Dòng ${headerRow}, cột ${columnLetter(col)}: cột "${fields[i].header}" bị lặp (đã có ở cột ${columnLetter(first)})`,
        });
      continue;
    }
    columns[i] = col;
  }
  fields.forEach((f, i) => {
    if (f.required && columns[i] === null)
      errors.push({
        row: headerRow,
        column: null,
        field: f.key,
        code: 'MISSING_COLUMN',
        message: `Dòng ${headerRow}: thiếu cột bắt buộc "${f.header}"`,
      });
  });
  return { columns, letters: columns.map((c) => (c === null ? null : columnLetter(c))), errors };
}

export type SheetSummary = {
  totalRows: number;
  validRows: number;
  errorRows: number;
  /** Sheet-level errors first, then row errors in row order (capped at MAX_ROW_ERRORS). */
  errors: ImportRowError[];
  /** False when the header or layout makes every row unreadable: nothing may be committed. */
  usable: boolean;
};

type Range = { top: number; left: number; bottom: number; right: number; ref: string };

function parseRange(ref: string): Range | null {
  const m = /^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$/.exec(ref.trim().replaceAll('$', ''));
  if (!m) return null;
  const left = columnNumber(m[1]);
  const right = columnNumber(m[3] ?? m[1]);
  if (left === null || right === null) return null;
  const top = Number(m[2]);
  const bottom = Number(m[4] ?? m[2]);
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
    ref,
  };
}

/** Validation state of one sheet; feed `header`, then `row` for each data row, then `finish`. */
export function createSheetValidator<R>(
  spec: KindSpec<R>,
  lookups: Lookups,
  opts: { maxRowErrors?: number; sheetName?: string } = {},
) {
  const maxRowErrors = opts.maxRowErrors ?? MAX_ROW_ERRORS;
  const sheetErrors: ImportRowError[] = [];
  const rowErrors: ImportRowError[] = [];
  const seen = new Map<string, number>(); // identifier → first row
  let match: HeaderMatch | null = null;
  let totalRows = 0;
  let validRows = 0;
  let errorRows = 0;

  const blocked = () => sheetErrors.some((e) => BLOCKING.has(e.code));
  const keyField = spec.fields[0];

  function addSheetError(e: ImportRowError) {
    if (sheetErrors.length < MAX_SHEET_ERRORS) sheetErrors.push(e);
  }

  return {
    /** Row 1 of the sheet (ExcelJS `row.values`); call with [] when the sheet has no row 1. */
    header(values: readonly unknown[]) {
      match = matchHeader(spec.fields, values);
      for (const e of match.errors) addSheetError(e);
    },

    /** Restores a header matched earlier (commit re-validates rows from the stored copy). */
    useLetters(letters: readonly (string | null)[]) {
      const columns = letters.map((l) => (l === null ? null : columnNumber(l)));
      match = { columns, letters: [...letters], errors: [] };
    },

    get letters(): readonly (string | null)[] {
      return match?.letters ?? spec.fields.map(() => null);
    },

    /** The mapped cells of a data row (ExcelJS `row.values`), or null when all of them are empty. */
    cellsOf(values: readonly unknown[]): Cell[] | null {
      const columns = match?.columns ?? [];
      const cells: Cell[] = new Array(spec.fields.length);
      let empty = true;
      for (let i = 0; i < spec.fields.length; i++) {
        const col = columns[i];
        const c = col === null || col === undefined ? null : toCell(values[col]);
        cells[i] = c;
        if (empty && !isEmptyCell(c)) empty = false;
      }
      return empty ? null : cells;
    },

    /** Validates one non-empty data row. */
    row(row: number, cells: readonly Cell[]): RowResult<R> {
      totalRows++;
      if (!match || blocked()) {
        errorRows++;
        return { ok: false, key: null, errors: [] };
      }
      let result = spec.validate({ row, cells, letters: match.letters }, lookups);
      if (result.key !== null) {
        const first = seen.get(result.key);
        if (first === undefined) seen.set(result.key, row);
        else {
          const dup: ImportRowError = {
            row,
            column: match.letters[0],
            field: keyField.key,
            code: 'DUPLICATE_IN_FILE',
            message: rowMessage(
              row,
              match.letters[0],
              keyField.header,
              `"${displayCell(cells[0] ?? null)}" trùng với dòng ${first}`,
            ),
          };
          result = { ok: false, key: result.key, errors: [dup, ...(result.ok ? [] : result.errors)] };
        }
      }
      if (result.ok) validRows++;
      else {
        errorRows++;
        for (const e of result.errors) {
          if (rowErrors.length >= maxRowErrors) break;
          rowErrors.push(e);
        }
      }
      return result;
    },

    /** Merged ranges of the sheet (known only once the whole sheet has been read). */
    merges(refs: readonly string[]) {
      const mapped = new Set((match?.columns ?? []).filter((c): c is number => c !== null));
      for (const ref of refs) {
        const r = parseRange(ref);
        if (!r) continue;
        if (r.top <= 1) {
          addSheetError({
            row: 1,
            column: columnLetter(r.left),
            field: null,
            code: 'MERGED_HEADER',
            message: `Dòng 1, cột ${columnLetter(r.left)}: tiêu đề có ô gộp (${r.ref}), hãy bỏ gộp ô`,
          });
        }
        const top = Math.max(r.top, 2);
        if (r.bottom >= top) {
          let touches = false;
          for (let c = r.left; c <= r.right && !touches; c++) touches = mapped.has(c);
          if (touches)
            addSheetError({
              row: top,
              column: columnLetter(r.left),
              field: null,
              code: 'MERGED_CELLS',
              message: `Dòng ${top}, cột ${columnLetter(r.left)}: có ô gộp (${r.ref}) trong vùng dữ liệu, hãy bỏ gộp ô`,
            });
        }
      }
    },

    finish(): SheetSummary {
      if (totalRows === 0 && !sheetErrors.some((e) => e.code === 'MISSING_COLUMN')) {
        addSheetError({
          row: 2,
          column: null,
          field: null,
          code: 'EMPTY_SHEET',
          message: `Trang tính${opts.sheetName ? ` "${opts.sheetName}"` : ''} không có dòng dữ liệu nào`,
        });
      }
      const usable = !blocked();
      return {
        totalRows,
        validRows: usable ? validRows : 0,
        errorRows: usable ? errorRows : totalRows,
        errors: [...sheetErrors, ...rowErrors],
        usable,
      };
    },
  };
}
export type SheetValidator<R> = ReturnType<typeof createSheetValidator<R>>;
