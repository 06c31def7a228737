import type { ScoreComparison, StatReport } from '@smartedu/contracts';
import { fieldKey } from '@smartedu/domain';
import ExcelJS from 'exceljs';
import { type PdfNode, renderPdf } from '../transcripts';
import {
  lightText,
  placeAndDate,
  reportHeading,
  schoolStatusText,
  targetGoalText,
  targetValueText,
  vnDateTime,
} from './statistics.labels';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The tables of the report: one per section, rows × columns of the totals. */
function sectionTables(r: StatReport) {
  return r.definition.sections.map((s) => ({
    title: s.title,
    header: ['Chỉ tiêu', ...s.columns.map((c) => c.label)],
    rows: s.rows.map((row) => [
      row.label,
      ...s.columns.map((c) => r.totals[fieldKey(s.key, row.key, c.key)] ?? 0),
    ]),
    totalRow: s.rows.some((row) => row.key === 'total'),
  }));
}
const schoolTable = (r: StatReport) => ({
  header: ['STT', 'Trường', 'Tình trạng', 'Thời điểm nộp', 'Nhận xét của Phòng/Sở'],
  rows: r.schools.map((s, i) => [
    i + 1,
    s.schoolName,
    schoolStatusText(s),
    vnDateTime(s.submittedAt),
    s.reviewComment ?? '',
  ]),
});
const targetTable = (r: StatReport) => ({
  header: ['Kế hoạch', 'Mã', 'Chỉ tiêu', 'Thực hiện', 'Mục tiêu', 'Đánh giá'],
  rows: r.targets.map((t) => [
    t.planCode,
    t.code,
    t.title,
    targetValueText(t),
    targetGoalText(t),
    lightText(t),
  ]),
});

/** Báo cáo thống kê quý as the workbook a department submits: header, a table per section, signatures. */
export async function buildReportWorkbook(r: StatReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  const h = reportHeading(r);
  const ws = wb.addWorksheet('Báo cáo quý', { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  ws.getColumn(1).width = 34;
  for (let c = 2; c <= 12; c++) ws.getColumn(c).width = 14;
  const put = (
    row: number,
    col: number,
    text: string,
    opts: { bold?: boolean; italic?: boolean; to?: number } = {},
  ) => {
    const cell = ws.getCell(row, col);
    cell.value = text;
    cell.font = { bold: opts.bold, italic: opts.italic };
    cell.alignment = { horizontal: 'center', wrapText: true };
    if (opts.to) ws.mergeCells(row, col, row, opts.to);
  };
  put(1, 1, h.superior, { to: 3 });
  put(2, 1, h.unit, { bold: true, to: 3 });
  put(1, 5, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, to: 10 });
  put(2, 5, 'Độc lập - Tự do - Hạnh phúc', { bold: true, to: 10 });
  put(3, 5, placeAndDate(r.generatedAt), { italic: true, to: 10 });
  put(5, 1, h.title, { bold: true, to: 10 });
  put(6, 1, h.subtitle, { italic: true, to: 10 });
  put(7, 1, h.progress, { to: 10 });
  ws.getRow(5).font = { bold: true, size: 14 };
  let row = 9;
  const table = (title: string, header: string[], rows: (string | number)[][], boldLast = false) => {
    ws.getCell(row, 1).value = title;
    ws.getCell(row, 1).font = { bold: true };
    row++;
    const hr = ws.getRow(row);
    header.forEach((text, i) => {
      const c = hr.getCell(i + 1);
      c.value = text;
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.border = THIN;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    row++;
    rows.forEach((values, idx) => {
      const r2 = ws.getRow(row);
      values.forEach((v, i) => {
        const c = r2.getCell(i + 1);
        c.value = v;
        c.border = THIN;
      });
      if (boldLast && idx === rows.length - 1) r2.font = { bold: true };
      row++;
    });
    row++;
  };
  sectionTables(r).forEach((t, i) => {
    table(
      `${['I', 'II', 'III', 'IV', 'V', 'VI'][i]}. ${t.title.toLocaleUpperCase('vi-VN')}`,
      t.header,
      t.rows,
      t.totalRow,
    );
  });
  const st = schoolTable(r);
  table('TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC TRƯỜNG', st.header, st.rows);
  const tt = targetTable(r);
  if (tt.rows.length > 0) table('TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU (số liệu trực tiếp)', tt.header, tt.rows);
  put(row, 1, 'NGƯỜI LẬP BIỂU', { bold: true, to: 2 });
  put(row, 6, 'THỦ TRƯỞNG ĐƠN VỊ', { bold: true, to: 10 });
  put(row + 1, 1, '(Ký, ghi rõ họ tên)', { italic: true, to: 2 });
  put(row + 1, 6, '(Ký, ghi rõ họ tên, đóng dấu)', { italic: true, to: 10 });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same report as a PDF (pdfmake, the shipped Noto Sans font). */
export async function buildReportPdf(r: StatReport): Promise<Buffer> {
  const h = reportHeading(r);
  const grid = (
    header: string[],
    rows: (string | number)[][],
    widths?: (string | number)[],
    boldLast = false,
  ): PdfNode => ({
    table: {
      headerRows: 1,
      widths: widths ?? ['*', ...header.slice(1).map(() => 'auto')],
      body: [
        header.map((text) => ({ text, bold: true, fillColor: '#DDEBF7', alignment: 'center' })),
        ...rows.map((values, idx) =>
          values.map((v, i) => ({
            text: String(v),
            alignment: typeof v === 'number' && i > 0 ? 'right' : 'left',
            bold: boldLast && idx === rows.length - 1,
          })),
        ),
      ],
    },
    fontSize: 8,
    margin: [0, 2, 0, 10],
  });
  const content: PdfNode[] = [
    {
      columns: [
        { width: '45%', stack: [h.superior, { text: h.unit, bold: true }], alignment: 'center', fontSize: 9 },
        {
          width: '55%',
          stack: [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
            { text: placeAndDate(r.generatedAt), italics: true, margin: [0, 4, 0, 0] },
          ],
          alignment: 'center',
          fontSize: 9,
        },
      ],
    },
    { text: h.title, bold: true, fontSize: 14, alignment: 'center', margin: [0, 14, 0, 2] },
    { text: h.subtitle, italics: true, alignment: 'center', fontSize: 9 },
    { text: h.progress, alignment: 'center', fontSize: 9, margin: [0, 2, 0, 10] },
  ];
  sectionTables(r).forEach((t, i) => {
    content.push({
      text: `${['I', 'II', 'III', 'IV', 'V', 'VI'][i]}. ${t.title.toLocaleUpperCase('vi-VN')}`,
      bold: true,
    });
    content.push(grid(t.header, t.rows, undefined, t.totalRow));
  });
  const st = schoolTable(r);
  content.push({ text: 'TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC TRƯỜNG', bold: true });
  content.push(grid(st.header, st.rows, ['auto', '*', 'auto', 'auto', '*']));
  const tt = targetTable(r);
  if (tt.rows.length > 0) {
    content.push({ text: 'TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU (số liệu trực tiếp)', bold: true });
    content.push(grid(tt.header, tt.rows, ['auto', 'auto', '*', 'auto', 'auto', 'auto']));
  }
  content.push({
    columns: [
      {
        stack: [
          { text: 'NGƯỜI LẬP BIỂU', bold: true },
          { text: '(Ký, ghi rõ họ tên)', italics: true },
        ],
        alignment: 'center',
      },
      {
        stack: [
          { text: 'THỦ TRƯỞNG ĐƠN VỊ', bold: true },
          { text: '(Ký, ghi rõ họ tên, đóng dấu)', italics: true },
        ],
        alignment: 'center',
      },
    ],
    margin: [0, 16, 0, 0],
    fontSize: 9,
  });
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 30, 36, 30],
    info: { title: h.title, creator: 'SmartEdu' },
    content,
  });
}

/** Phổ điểm and means per subject and school, with the gap to the city mean, as a workbook. */
export async function buildScoresWorkbook(c: ScoreComparison): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  const ws = wb.addWorksheet('So sánh điểm');
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 30;
  ws.addRow([`SO SÁNH KẾT QUẢ GIỮA CÁC TRƯỜNG — ${c.unit.name}`]).font = { bold: true, size: 13 };
  ws.addRow([c.title]);
  ws.addRow([`Điểm trung bình chung: ${c.reference.name}`]);
  ws.addRow([]);
  const header = ws.addRow([
    'Môn học',
    'Trường',
    'Số HS',
    'Điểm TB',
    'Chênh lệch so với TB chung',
    ...c.binLabels,
  ]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  for (const s of c.subjects) {
    ws.addRow([s.subject, `Chung (${c.reference.name})`, s.count, round(s.mean), null, ...s.bins]).font = {
      bold: true,
    };
    for (const x of s.schools)
      ws.addRow([s.subject, x.schoolName, x.count, round(x.mean), round(x.gap), ...x.bins]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
