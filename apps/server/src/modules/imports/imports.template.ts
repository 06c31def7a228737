import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  DISABILITY_SUGGESTIONS,
  GENDERS,
  ORPHAN,
  POVERTY,
  QUALIFICATIONS,
  RELATIONSHIPS,
  STAFF_CATEGORIES,
  STAFF_POSITIONS,
  STAFF_STATUSES,
  YES_NO,
} from './import-choices';
import type { FieldSpec, KindSpec, ListRef } from './import-spec';
import { columnLetter } from './sheet-parse';

/** Templates (mẫu nhập) and exports share the column layout of the kind's spec, so an export re-imports. */

export const LISTS_SHEET = 'Danh mục';
const TEMPLATE_ROWS = 20_000; // rows covered by the dropdown validations
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

export type TemplateLists = { ethnicities: string[]; classes: string[] };

function listValues(ref: ListRef, lists: TemplateLists): { title: string; values: string[] } {
  switch (ref) {
    case 'genders':
      return { title: GENDERS.name, values: GENDERS.labels };
    case 'ethnicities':
      return { title: 'Dân tộc', values: lists.ethnicities };
    case 'classes':
      return { title: 'Lớp', values: lists.classes };
    case 'poverty':
      return { title: POVERTY.name, values: POVERTY.labels };
    case 'orphan':
      return { title: ORPHAN.name, values: ORPHAN.labels };
    case 'disability':
      return { title: 'Khuyết tật', values: DISABILITY_SUGGESTIONS };
    case 'relationships':
      return { title: RELATIONSHIPS.name, values: RELATIONSHIPS.labels };
    case 'yesNo':
      return { title: 'Có/Không', values: YES_NO.labels };
    case 'staffCategories':
      return { title: STAFF_CATEGORIES.name, values: STAFF_CATEGORIES.labels };
    case 'staffPositions':
      return { title: STAFF_POSITIONS.name, values: STAFF_POSITIONS.labels };
    case 'qualifications':
      return { title: QUALIFICATIONS.name, values: QUALIFICATIONS.labels };
    case 'staffStatuses':
      return { title: STAFF_STATUSES.name, values: STAFF_STATUSES.labels };
  }
}

const numFmtOf = (f: FieldSpec) =>
  f.format === 'date' ? 'dd/mm/yyyy' : f.format === 'text' ? '@' : undefined;

type DataValidationsModel = { add: (range: string, validation: ExcelJS.DataValidation) => void };

/**
 * Builds the import template of one kind: the data sheet with its header row (notes on the header cells),
 * and a hidden 'Danh mục' sheet holding the dropdown lists that the data validations refer to.
 */
export async function buildTemplate<R>(spec: KindSpec<R>, lists: TemplateLists): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  wb.created = new Date();
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const listSheet = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  ws.columns = spec.fields.map((f) => ({
    key: f.key,
    width: f.width ?? 16,
    style: numFmtOf(f) ? { numFmt: numFmtOf(f) } : {},
  }));
  const header = ws.getRow(1);
  spec.fields.forEach((f, i) => {
    const cell = header.getCell(i + 1);
    cell.value = f.header;
    cell.font = { bold: true, color: f.required ? { argb: 'FFC00000' } : undefined };
    cell.fill = HEADER_FILL;
    cell.numFmt = '@';
    const note = [f.required ? 'Bắt buộc.' : null, f.note ?? null].filter(Boolean).join(' ');
    if (note) cell.note = note;
  });

  const used = new Map<ListRef, string>(); // list → absolute range on the lists sheet
  const validations = (ws as unknown as { dataValidations: DataValidationsModel }).dataValidations;
  spec.fields.forEach((f, i) => {
    if (!f.list) return;
    let range = used.get(f.list);
    if (range === undefined) {
      const { title, values } = listValues(f.list, lists);
      if (values.length === 0) return;
      const col = used.size + 1;
      listSheet.getCell(1, col).value = title;
      values.forEach((v, r) => {
        listSheet.getCell(r + 2, col).value = v;
      });
      const L = columnLetter(col);
      range = `'${LISTS_SHEET}'!$${L}$2:$${L}$${values.length + 1}`;
      used.set(f.list, range);
    }
    const L = columnLetter(i + 1);
    validations.add(`${L}2:${L}${TEMPLATE_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: !f.listSuggestOnly,
      errorStyle: 'stop',
      errorTitle: 'Giá trị không hợp lệ',
      error: `Hãy chọn ${f.header} trong danh sách`,
      showInputMessage: true,
      promptTitle: f.header,
      prompt: f.listSuggestOnly ? 'Chọn hoặc nhập' : 'Chọn trong danh sách',
    });
  });
  const buffer = await wb.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

/** Excel cell value of an export: dates as real dates (UTC midnight), everything else as given. */
export type ExportValue = string | number | boolean | Date | null;

export function isoToExcelDate(iso: string | null): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
}

/**
 * Streams an export workbook: same sheet name and columns as the template (plus `extraHeaders` at the end,
 * which the importer ignores), rows committed one by one so memory stays flat.
 */
export function createExportWriter<R>(spec: KindSpec<R>, out: Writable, extraHeaders: string[] = []) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'SmartEdu';
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...spec.fields.map((f) => ({
      key: f.key,
      width: f.width ?? 16,
      style: numFmtOf(f) ? { numFmt: numFmtOf(f) } : {},
    })),
    ...extraHeaders.map((h) => ({ key: h, width: 30 })),
  ];
  const header = ws.addRow([...spec.fields.map((f) => f.header), ...extraHeaders]);
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
  });
  header.commit();
  return {
    addRow(values: ExportValue[]) {
      ws.addRow(values).commit();
    },
    async finish() {
      ws.commit();
      await wb.commit();
    },
  };
}
