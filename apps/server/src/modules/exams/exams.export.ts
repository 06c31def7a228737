import type { ExamAnalysis, ResultRow } from '@smartedu/contracts';
import ExcelJS from 'exceljs';

/**
 * Excel export of an exam: results (Kết quả), score distribution (Phổ điểm) with the side-by-side comparison,
 * item analysis (Phân tích câu hỏi) and distractors (Phương án nhiễu).
 */
export async function renderExamWorkbook(data: {
  analysis: ExamAnalysis;
  results: ResultRow[];
}): Promise<Buffer> {
  const { analysis, results } = data;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  wb.created = new Date();
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };

  const r = wb.addWorksheet('Kết quả');
  r.columns = [
    { header: 'STT', key: 'n', width: 6 },
    { header: 'Trường', key: 'school', width: 28 },
    { header: 'Lớp', key: 'klass', width: 8 },
    { header: 'Họ và tên', key: 'name', width: 28 },
    { header: 'Trạng thái', key: 'status', width: 14 },
    { header: 'Điểm thô', key: 'raw', width: 10 },
    { header: 'Tối đa', key: 'max', width: 8 },
    { header: 'Điểm (thang 10)', key: 'score10', width: 14 },
    { header: 'Chấm tự luận', key: 'grading', width: 14 },
  ];
  bold(r.getRow(1));
  const STATUS: Record<string, string> = {
    in_progress: 'Đang làm',
    submitted: 'Đã nộp',
    auto_submitted: 'Tự động nộp',
  };
  for (const [i, x] of results.entries())
    r.addRow({
      n: i + 1,
      school: x.schoolName,
      klass: x.className ?? '',
      name: x.fullName,
      status: STATUS[x.status] ?? x.status,
      raw: x.rawScore,
      max: x.maxScore,
      score10: x.score10,
      grading: x.gradingStatus === 'pending' ? 'Chưa chấm' : x.gradingStatus === 'graded' ? 'Đã chấm' : '',
    });

  const d = wb.addWorksheet('Phổ điểm');
  const dists = [analysis.distribution, ...analysis.comparison].filter((x) => x !== null);
  const binHeaders = Array.from({ length: 10 }, (_, i) => `${i}–${i + 1}`);
  const header = d.addRow([
    'Đơn vị',
    'Loại',
    'Số bài',
    'Trung bình',
    'Trung vị',
    'Độ lệch chuẩn',
    'Thấp nhất',
    'Cao nhất',
    '≥ 5 (%)',
    '≥ 8 (%)',
    ...binHeaders,
  ]);
  bold(header);
  const KIND: Record<string, string> = { department: 'Phòng/Sở', school: 'Trường', class: 'Lớp' };
  for (const x of dists) {
    const s = x.summary;
    const per1 = Array.from({ length: 10 }, (_, i) =>
      x.bins.slice(i * 4, i * 4 + 4).reduce((a, b) => a + b, 0),
    );
    d.addRow([
      x.name,
      KIND[x.unitKind] ?? x.unitKind,
      s.count,
      round(s.mean),
      round(s.median),
      round(s.sd),
      s.min,
      s.max,
      s.atLeast5 === null ? null : round(s.atLeast5 * 100),
      s.atLeast8 === null ? null : round(s.atLeast8 * 100),
      ...per1,
    ]);
  }
  d.getColumn(1).width = 30;

  const it = wb.addWorksheet('Phân tích câu hỏi');
  bold(
    it.addRow([
      'Câu',
      'Chủ đề',
      'Mức độ',
      'Dạng',
      'Điểm',
      'Số HS',
      'Độ khó p',
      'r điểm–tổng (pb)',
      'r hiệu chỉnh',
      'Độ phân biệt D (27%)',
      'Rasch b (logit)',
      'SE',
      'Infit',
      'Outfit',
      'Cảnh báo',
    ]),
  );
  for (const x of analysis.items)
    it.addRow([
      x.number,
      x.topic,
      x.level,
      x.type,
      x.maxScore,
      x.n,
      round(x.difficulty),
      round(x.pointBiserial),
      round(x.correctedPointBiserial),
      round(x.upperLower),
      round(x.raschDifficulty),
      round(x.raschSe),
      round(x.infit),
      round(x.outfit),
      x.flags.join(', '),
    ]);
  it.addRow([]);
  it.addRow(['KR-20', round(analysis.kr20)]);
  it.addRow(["Cronbach's alpha", round(analysis.alpha)]);
  it.addRow(['Số bài phân tích', analysis.participants]);
  it.getColumn(2).width = 28;

  const ds = wb.addWorksheet('Phương án nhiễu');
  bold(
    ds.addRow([
      'Câu',
      'Phương án',
      'Đáp án',
      'Số chọn',
      'Tỉ lệ',
      'Nhóm cao',
      'Nhóm thấp',
      'D',
      'r',
      'Đánh giá',
      'Nội dung',
    ]),
  );
  for (const x of analysis.items)
    for (const o of x.distractors ?? [])
      ds.addRow([
        x.number,
        o.letter,
        o.isKey ? 'x' : '',
        o.count,
        round(o.share),
        round(o.upperShare),
        round(o.lowerShare),
        round(o.discrimination),
        round(o.pointBiserial),
        o.flag ?? '',
        o.text,
      ]);
  ds.getColumn(11).width = 50;

  return Buffer.from(await wb.xlsx.writeBuffer());
}

const round = (x: number | null | undefined) =>
  x === null || x === undefined ? null : Math.round(x * 1000) / 1000;
