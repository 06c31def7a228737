import { foldGradeToken, formatGradeCell, type GradeCellValue, type GradeSlot } from '@smartedu/contracts';
import ExcelJS from 'exceljs';

/**
 * Excel template and export of one class-subject-term (mẫu nhập điểm / xuất sổ điểm). Both share one layout,
 * so an exported file can be edited and imported back: a title, then a header row with 'Mã định danh',
 * 'Họ và tên' and one column per assessment slot, then one row per student.
 */

export const SHEET_NAME = 'Sổ điểm';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const FIXED = ['STT', 'Mã định danh', 'Họ và tên'] as const;

export type WorkbookRow = { sectorId: string; fullName: string; values: Record<string, GradeCellValue> };

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const slotHeader = (slot: GradeSlot) => (slot.kind === 'remark' ? 'Nhận xét' : slot.label);

const NOTES: Record<GradeSlot['valueType'], string> = {
  score: 'Điểm từ 0 đến 10, lấy một chữ số thập phân (ví dụ 8,5). Để trống nếu chưa có điểm.',
  comment_result: 'Nhập Đ (Đạt) hoặc CĐ (Chưa đạt).',
  level: 'Nhập T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành).',
  test_score: 'Điểm kiểm tra định kì: số nguyên từ 1 đến 10.',
  text: 'Nhận xét của giáo viên (tối đa 500 kí tự).',
};

function validationFor(slot: GradeSlot): ExcelJS.DataValidation | null {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' as const };
  switch (slot.valueType) {
    case 'score':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 10],
        errorTitle: 'Điểm không hợp lệ',
        error: 'Điểm phải từ 0 đến 10',
      };
    case 'test_score':
      return {
        ...common,
        type: 'whole',
        operator: 'between',
        formulae: [1, 10],
        errorTitle: 'Điểm không hợp lệ',
        error: 'Điểm kiểm tra định kì là số nguyên từ 1 đến 10',
      };
    case 'comment_result':
      return {
        ...common,
        type: 'list',
        formulae: ['"Đ,CĐ"'],
        errorTitle: 'Không hợp lệ',
        error: 'Chọn Đ hoặc CĐ',
      };
    case 'level':
      return {
        ...common,
        type: 'list',
        formulae: ['"T,H,C"'],
        errorTitle: 'Không hợp lệ',
        error: 'Chọn T, H hoặc C',
      };
    case 'text':
      return null;
  }
}

/** Builds the workbook; `rows` with empty values gives the template. */
export async function buildGradeWorkbook(opts: {
  title: string;
  subtitle: string;
  slots: readonly GradeSlot[];
  rows: readonly WorkbookRow[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  wb.created = new Date();
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }] });
  const lastCol = FIXED.length + opts.slots.length;
  ws.getCell(1, 1).value = opts.title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(2, 1).value = opts.subtitle;
  ws.getCell(2, 1).font = { italic: true, color: { argb: 'FF555555' } };
  ws.columns = [
    { width: 6 },
    { width: 16, style: { numFmt: '@' } },
    { width: 28 },
    ...opts.slots.map((s) => ({ width: s.kind === 'remark' ? 40 : 9 })),
  ];
  const header = ws.getRow(3);
  [...FIXED, ...opts.slots.map(slotHeader)].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    const slot = opts.slots[i - FIXED.length];
    if (slot) cell.note = NOTES[slot.valueType];
  });
  opts.rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    row.getCell(1).value = i + 1;
    row.getCell(2).value = r.sectorId;
    row.getCell(3).value = r.fullName;
    opts.slots.forEach((slot, j) => {
      const cell = row.getCell(FIXED.length + 1 + j);
      const v = r.values[slot.code];
      if (v !== null && v !== undefined) {
        cell.value = typeof v === 'number' ? v : formatGradeCell(slot.valueType, v);
      }
      const validation = validationFor(slot);
      if (validation) cell.dataValidation = validation;
      if (slot.valueType === 'score') cell.numFmt = '0.0';
    });
  });
  ws.getRow(3).height = 22;
  void lastCol;
  const buffer = await wb.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

export type ParsedSheetRow = {
  /** The row number as Excel shows it. */
  excelRow: number;
  sectorId: string;
  fullName: string;
  cells: { slot: GradeSlot; column: string; raw: string | number | null }[];
};
export type ParsedSheet = {
  rows: ParsedSheetRow[];
  errors: { row: number; column: string | null; field: string | null; code: string; message: string }[];
};

function cellRaw(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellRaw(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

/**
 * Reads an uploaded sheet: finds the header row (the one with 'Mã định danh'), maps columns to slots by
 * their header, and returns each student row's raw cells. Layout problems are errors; cell values are
 * checked by the caller with the same checker as the grid.
 */
export async function parseGradeWorkbook(buffer: Buffer, slots: readonly GradeSlot[]): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  const errors: ParsedSheet['errors'] = [];
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return {
      rows: [],
      errors: [
        {
          row: 0,
          column: null,
          field: null,
          code: 'UNREADABLE_FILE',
          message: 'Không đọc được tệp Excel (.xlsx)',
        },
      ],
    };
  }
  const ws = wb.getWorksheet(SHEET_NAME) ?? wb.worksheets[0];
  if (!ws) {
    return {
      rows: [],
      errors: [
        { row: 0, column: null, field: null, code: 'NO_SHEET', message: 'Tệp không có trang tính nào' },
      ],
    };
  }
  let headerRow = 0;
  const columns = new Map<string, number>(); // folded header → column
  for (let r = 1; r <= Math.min(ws.rowCount, 10) && !headerRow; r++) {
    ws.getRow(r).eachCell((cell, col) => {
      const text = foldGradeToken(String(cellRaw(cell.value) ?? ''));
      if (text === 'madinhdanh') headerRow = r;
      columns.set(`${r}:${text}`, col);
    });
  }
  if (!headerRow) {
    return {
      rows: [],
      errors: [
        {
          row: 0,
          column: null,
          field: null,
          code: 'HEADER_NOT_FOUND',
          message: 'Không tìm thấy dòng tiêu đề có cột "Mã định danh": hãy dùng mẫu nhập điểm của hệ thống',
        },
      ],
    };
  }
  const colOf = (text: string) => columns.get(`${headerRow}:${foldGradeToken(text)}`);
  const sectorCol = colOf('Mã định danh')!;
  const nameCol = colOf('Họ và tên');
  const slotCols: { slot: GradeSlot; col: number }[] = [];
  for (const slot of slots) {
    const col = colOf(slotHeader(slot)) ?? colOf(slot.code);
    if (col) slotCols.push({ slot, col });
  }
  if (slotCols.length === 0) {
    errors.push({
      row: headerRow,
      column: null,
      field: null,
      code: 'NO_SLOT_COLUMNS',
      message: `Không có cột điểm nào khớp với sổ điểm (${slots.map(slotHeader).join(', ')})`,
    });
  }
  const rows: ParsedSheetRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const sectorId = String(cellRaw(row.getCell(sectorCol).value) ?? '').trim();
    const fullName = nameCol ? String(cellRaw(row.getCell(nameCol).value) ?? '').trim() : '';
    const cells = slotCols.map(({ slot, col }) => ({
      slot,
      column: columnLetter(col),
      raw: cellRaw(row.getCell(col).value),
    }));
    if (!sectorId && !fullName && cells.every((c) => c.raw === null || c.raw === '')) continue;
    rows.push({ excelRow: r, sectorId, fullName, cells });
  }
  return { rows, errors };
}
