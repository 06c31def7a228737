import type { AbsenceItem, AbsenceReport } from '@smartedu/contracts';
import ExcelJS from 'exceljs';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const STATUS_LABELS: Record<AbsenceItem['status'], string> = {
  present: 'Có mặt',
  excused: 'Vắng có phép',
  unexcused: 'Vắng không phép',
  late: 'Đi muộn',
};
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const periodLabel = (p: number) => (p === 0 ? 'Cả ngày' : `Tiết ${p}`);

function sheetWithHeader(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  header: string[],
  widths: number[],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  return ws;
}

/** Báo cáo vắng hằng ngày as an Excel workbook: summary by class, unexcused absences, other absences, staff. */
export async function buildReportWorkbook(report: AbsenceReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  const day = vnDate(report.date);

  const summary = sheetWithHeader(
    wb,
    'Tổng hợp',
    `${report.schoolName} — Báo cáo chuyên cần ngày ${day}`,
    ['Lớp', 'Sĩ số', 'Có mặt', 'Đi muộn', 'Vắng có phép', 'Vắng không phép', 'Chưa điểm danh'],
    [12, 10, 10, 10, 14, 16, 16],
  );
  for (const c of report.classes)
    summary.addRow([c.className, c.students, c.present, c.late, c.excused, c.unexcused, c.notRecorded]);
  const t = report.totals;
  summary.addRow(['Toàn trường', t.students, t.present, t.late, t.excused, t.unexcused, t.notRecorded]).font =
    {
      bold: true,
    };
  summary.addRow([]);
  const s = report.staff;
  summary.addRow(['Cán bộ', s.total, s.present, s.late, s.excused, s.unexcused, s.notRecorded]);

  const list = (name: string, title: string, items: AbsenceItem[], withClass: boolean) => {
    const ws = sheetWithHeader(
      wb,
      name,
      title,
      withClass
        ? ['STT', 'Họ và tên', 'Lớp', 'Tiết', 'Tình trạng', 'Ghi chú']
        : ['STT', 'Họ và tên', 'Tình trạng', 'Ghi chú'],
      withClass ? [6, 28, 10, 10, 18, 40] : [6, 28, 18, 40],
    );
    items.forEach((a, i) => {
      ws.addRow(
        withClass
          ? [
              i + 1,
              a.fullName,
              a.className ?? '',
              periodLabel(a.period),
              STATUS_LABELS[a.status],
              a.note ?? '',
            ]
          : [i + 1, a.fullName, STATUS_LABELS[a.status], a.note ?? ''],
      );
    });
  };
  list('Vắng không phép', `Học sinh vắng không phép ngày ${day}`, report.unexcused, true);
  list('Vắng có phép, đi muộn', `Học sinh vắng có phép, đi muộn ngày ${day}`, report.otherAbsences, true);
  list('Cán bộ', `Cán bộ vắng, đi muộn ngày ${day}`, report.staff.absences, false);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
