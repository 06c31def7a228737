import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from '../../test/harness';

/** Test helpers: build small workbooks in memory and upload them the way a browser does (multipart). */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const STUDENT_HEADERS = [
  'Mã định danh',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Dân tộc',
  'Lớp',
  'Số CCCD',
  'Khuyết tật',
  'Hộ nghèo/cận nghèo',
  'Mồ côi',
  'Địa chỉ',
];

export type SheetSpec = {
  name?: string;
  rows: unknown[][];
  merges?: string[];
  /** Extra sheets placed before the data sheet (e.g. a hidden list). */
  before?: { name: string; hidden?: boolean; rows: unknown[][] }[];
};

export async function buildWorkbook(spec: SheetSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of spec.before ?? []) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    for (const r of s.rows) ws.addRow(r);
  }
  const ws = wb.addWorksheet(spec.name ?? 'Học sinh');
  spec.rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      if (v !== undefined) row.getCell(j + 1).value = v as ExcelJS.CellValue;
    });
  });
  for (const m of spec.merges ?? []) ws.mergeCells(m);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function upload(
  client: Client,
  url: string,
  file: Buffer,
  fileName = 'nhap.xlsx',
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: XLSX_TYPE }), fileName);
  return client.request('POST', url, form);
}

/** Reads every row of a workbook (regular reader: tests only). */
export async function readRows(file: Buffer, sheet = 1): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet - 1];
  const rows: unknown[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}
