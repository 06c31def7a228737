import { QUESTION_SHEET_HEADERS, type SheetRow } from '@smartedu/domain';
import ExcelJS from 'exceljs';
import { AppError } from '../../../errors';

/** Reads sheet "CauHoi" (or the first sheet) of an .xlsx upload as displayed text, row by row. */
export async function readQuestionSheet(bytes: Uint8Array): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('XLSX_BAD_FILE', 'Tệp Excel bị hỏng hoặc không phải định dạng .xlsx.', undefined, 400);
  }
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\s+/g, '');
  const ws =
    wb.worksheets.find((w) => norm(w.name) === 'cauhoi') ?? wb.worksheets.find((w) => w.state === 'visible');
  if (!ws) throw new AppError('XLSX_NO_SHEET', 'Tệp Excel không có trang "CauHoi".', undefined, 400);
  const text = (cell: ExcelJS.Cell) => {
    try {
      return cell.text ?? '';
    } catch {
      return '';
    }
  };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = text(cell).trim();
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = text(cell);
    });
    rows.push({ row: number, cells });
  });
  return { headers, rows };
}

/** The Excel template for teachers: text-formatted columns (so "1/2" stays text), examples and a help sheet. */
export async function questionSheetTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('CauHoi');
  ws.columns = QUESTION_SHEET_HEADERS.map((h) => ({
    header: h,
    key: h,
    width: h === 'Câu hỏi' ? 50 : h === 'Lời giải' ? 40 : h.length <= 1 ? 18 : 14,
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  const examples: Record<string, string>[] = [
    {
      Mã: 'T6-001',
      Loại: 'MC',
      'Câu hỏi': 'Số nào sau đây là số nguyên tố?',
      A: '1',
      B: '2',
      C: '4',
      D: '9',
      'Đáp án': 'B',
      Điểm: '0,25',
      Môn: 'Toán',
      Lớp: '6',
      'Chủ đề': 'Số tự nhiên',
      'Mức độ': 'NB',
    },
    {
      Mã: 'T6-002',
      Loại: 'DS',
      'Câu hỏi': 'Cho các số 12, 15, 20.',
      A: '12 chia hết cho 3.',
      B: '15 là số chẵn.',
      C: '20 chia hết cho 5.',
      D: 'Cả ba số đều chia hết cho 2.',
      'Đáp án': 'ĐSĐS',
      Điểm: '1',
      Môn: 'Toán',
      Lớp: '6',
      'Chủ đề': 'Số tự nhiên',
      'Mức độ': 'TH',
    },
    {
      Mã: 'T6-003',
      Loại: 'TLN',
      'Câu hỏi': 'Tính \\(1{,}5 + 2{,}25\\).',
      'Đáp án': '3,75',
      Điểm: '0,5',
      Môn: 'Toán',
      Lớp: '6',
      'Chủ đề': 'Phân số và số thập phân',
      'Mức độ': 'VD',
      'Lời giải': '1,5 + 2,25 = 3,75',
    },
    {
      Mã: 'A6-001',
      Loại: 'GHEP',
      'Câu hỏi': 'Match the words with their meanings.',
      A: 'cat => con mèo',
      B: 'dog => con chó',
      C: 'bird => con chim',
      Môn: 'Tiếng Anh',
      Lớp: '6',
      'Chủ đề': 'Từ vựng',
      'Mức độ': 'NB',
      Điểm: '0,75',
    },
    {
      Mã: 'V6-001',
      Loại: 'DK',
      'Câu hỏi': 'Điền từ thích hợp: "Công cha như núi [[1]]".',
      'Đáp án': 'Thái Sơn',
      Môn: 'Ngữ văn',
      Lớp: '6',
      'Chủ đề': 'Tiếng Việt',
      'Mức độ': 'NB',
      Điểm: '0,25',
    },
  ];
  for (const e of examples) ws.addRow(e);
  const help = wb.addWorksheet('HuongDan');
  help.getColumn(1).width = 110;
  for (const line of [
    'Mỗi dòng của trang CauHoi là một câu hỏi. Dòng 1 là tiêu đề cột (không đổi tên).',
    'Loại: MC (một đáp án), MR (nhiều đáp án), DS (đúng/sai 4 ý), TLN (trả lời ngắn), TL (tự luận), GHEP (ghép nối), DK (điền khuyết).',
    'Cột A–H: các phương án; với DS, cột A–D là 4 ý a)–d); với GHEP, mỗi ô ghi "vế trái => vế phải".',
    'Đáp án: B; A,C; ĐSĐS; -1,5. Để trống với TL và GHEP. DK: đáp án các chỗ trống cách nhau bởi ";", các cách viết đúng cách nhau bởi "/".',
    'Mức độ: NB, TH, VD, VDC. Công thức toán viết bằng LaTeX trong \\( \\), ví dụ \\(\\frac{1}{2}\\).',
    'Giữ thứ tự: ghi x nếu không được đảo phương án. Các cột đã định dạng văn bản để Excel không đổi 1/2 thành ngày.',
  ])
    help.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
