import type { ForecastReport, ForecastYear, StaffingAt } from '@smartedu/contracts';
import ExcelJS from 'exceljs';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const SHORT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const KIND: Record<ForecastYear['kind'], string> = {
  history: 'Thực tế',
  base: 'Năm gốc',
  projected: 'Dự báo',
};
const HIGHLIGHT: Record<string, string> = { english: 'Tiếng Anh', it: 'Tin học', music: 'Âm nhạc' };
const schoolYear = (y: number) => `${y}-${y + 1}`;

function header(ws: ExcelJS.Worksheet, cells: string[]) {
  const row = ws.addRow(cells);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
}

/** Dự báo quy mô và thừa/thiếu giáo viên: two sheets, the department then each school. */
export async function buildForecastWorkbook(report: ForecastReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  const grades = [...new Set(report.schools.flatMap((s) => s.grades))].sort((a, b) => a - b);

  const ws = wb.addWorksheet('Dự báo quy mô', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.addRow([`Dự báo quy mô học sinh, lớp và giáo viên — ${report.unit.name}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([
    `Phương pháp tỉ lệ lên lớp (cohort-survival); sĩ số tối đa TH ${report.limits.TH}, THCS ${report.limits.THCS}, THPT ${report.limits.THPT}; định mức GV/lớp theo Thông tư 20/2023/TT-BGDĐT: TH ${report.norms.perClass.TH}, THCS ${report.norms.perClass.THCS}, THPT ${report.norms.perClass.THPT}`,
  ]);
  ws.addRow([]);
  header(ws, [
    'Đơn vị',
    'Năm học',
    'Loại',
    ...grades.map((g) => `Khối ${g}`),
    'Tổng HS',
    'Số lớp',
    'GV theo định mức',
  ]);
  const addYears = (name: string, years: ForecastYear[]) => {
    for (const y of years) {
      const by = new Map(y.grades.map((g) => [g.grade, g.students]));
      ws.addRow([
        name,
        schoolYear(y.year),
        KIND[y.kind],
        ...grades.map((g) => by.get(g) ?? null),
        y.students,
        y.classes,
        y.normTeachers,
      ]);
    }
  };
  addYears(report.unit.name, report.department.years);
  for (const s of report.schools) addYears(s.name, s.years);
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 12;

  const st = wb.addWorksheet('Thừa thiếu giáo viên', { views: [{ state: 'frozen', ySplit: 3 }] });
  st.addRow([`Thừa/thiếu giáo viên theo môn — ${report.unit.name}`]).font = { bold: true, size: 13 };
  st.addRow([]);
  header(st, [
    'Đơn vị',
    'Năm học',
    'Nhóm môn',
    'Môn được nêu (KH 004)',
    'Nhu cầu (GV quy đổi)',
    'Cần',
    'Hiện có',
    'Thừa (+) / Thiếu (−)',
  ]);
  const addStaffing = (name: string, list: StaffingAt[]) => {
    for (const at of list)
      for (const l of at.lines) {
        const row = st.addRow([
          name,
          schoolYear(at.year),
          l.name,
          l.highlight ? HIGHLIGHT[l.highlight] : '',
          l.fte,
          l.needed,
          l.current,
          l.balance,
        ]);
        if (l.balance !== null && l.balance < 0) row.getCell(8).fill = SHORT_FILL;
      }
  };
  addStaffing(report.unit.name, report.department.staffing);
  for (const s of report.schools) addStaffing(s.name, s.staffing);
  st.getColumn(1).width = 34;
  st.getColumn(3).width = 50;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
