import {
  CONDUCT_LEVEL_LABELS,
  LEARNING_LEVEL_LABELS,
  PRIMARY_YEAR_RESULT_LABELS,
  PROMOTION_OUTCOME_LABELS,
  QUALITY_LEVEL_LABELS,
  STUDENT_AWARD_LABELS,
  SUBJECT_LEVEL_RECORD_CODES,
} from '@smartedu/domain';
import { type PdfDocDefinition, type PdfNode, renderPdf } from './pdfmake-printer';
import type {
  PrimaryTranscriptData,
  RatedAspect,
  SecondaryTranscriptData,
  SubjectConfirmationMark,
  SubjectMark,
  TranscriptData,
} from './transcript-data';

/**
 * The transcript (học bạ) as a PDF in the ministry's layout: Circular 22 for lower/upper secondary (averages by
 * term and year, conduct and learning results, promotion), Circular 27 for primary (levels and periodic test
 * scores, qualities and competencies, year-end result). Both carry the sector identifier and a QR code to the
 * public verification page, and the Info dictionary names the transcript (ASCII keywords, so that a verifier
 * finds it without parsing the font).
 */

export type TranscriptPdfOptions = {
  /** Public verification URL, encoded in the QR code: `<PUBLIC_URL>/verify/<transcriptId>`. */
  verifyUrl: string;
  /** A draft carries a "BẢN NHÁP" mark; the version the homeroom teacher signs does not. */
  draft: boolean;
  confirmations: SubjectConfirmationMark[];
  /** Date printed above the signatures (the day the homeroom teacher signs, or today for a draft). */
  issuedOn: Date;
};

/** ASCII keyword the verifier looks for to find the stored original. */
export const TRANSCRIPT_KEYWORD = 'smartedu-transcript:';

const vnNumber = (n: number) => n.toFixed(1).replace('.', ',');
export const formatMark = (m: SubjectMark | null): string =>
  m === null ? '' : m === 'D' ? 'Đ' : m === 'CD' ? 'CĐ' : vnNumber(m);
const formatDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
};
const vnDateLine = (place: string | null, d: Date) => {
  const local = new Date(d.getTime() + 7 * 3600_000); // Asia/Ho_Chi_Minh, no DST
  return `${place ?? '…'}, ngày ${local.getUTCDate()} tháng ${local.getUTCMonth() + 1} năm ${local.getUTCFullYear()}`;
};
const genderLabel = (g: 'M' | 'F') => (g === 'M' ? 'Nam' : 'Nữ');
const levelLabel = (labels: Record<string, { vi: string }>, code: string | null) =>
  code ? (labels[code]?.vi ?? code) : '';

const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
const th = (text: string, extra: Record<string, unknown> = {}) => ({
  text,
  bold: true,
  alignment: 'center',
  fillColor: '#eeeeee',
  ...extra,
});

function header(data: TranscriptData, draft: boolean, verifyUrl: string): PdfNode[] {
  const levelTitle =
    data.level === 'TH' ? 'TIỂU HỌC' : data.level === 'THCS' ? 'TRUNG HỌC CƠ SỞ' : 'TRUNG HỌC PHỔ THÔNG';
  return [
    {
      columns: [
        {
          width: '*',
          stack: [{ text: data.schoolName.toUpperCase(), bold: true }, `Mã trường: ${data.schoolCode}`],
        },
        {
          width: 'auto',
          alignment: 'center',
          stack: [
            { text: 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
          ],
        },
      ],
      fontSize: 9,
    },
    { text: 'HỌC BẠ', style: 'title', margin: [0, 6, 0, 0] },
    { text: levelTitle, style: 'subtitle' },
    draft
      ? {
          text: 'BẢN NHÁP — CHƯA KÝ SỐ',
          alignment: 'center',
          color: '#b00020',
          bold: true,
          margin: [0, 4, 0, 0],
        }
      : '',
    {
      margin: [0, 8, 0, 6],
      columns: [
        {
          width: '*',
          table: {
            widths: ['auto', '*', 'auto', '*'],
            body: [
              [
                cell('Họ và tên:'),
                cell(data.student.fullName, { bold: true }),
                cell('Giới tính:'),
                cell(genderLabel(data.student.gender)),
              ],
              [
                cell('Ngày sinh:'),
                cell(formatDate(data.student.birthDate)),
                cell('Dân tộc:'),
                cell(data.student.ethnicity),
              ],
              [
                cell('Mã định danh:'),
                cell(data.student.sectorId, { bold: true }),
                cell('Số ĐDCN:'),
                cell(data.student.citizenId ?? ''),
              ],
              [cell('Chỗ ở hiện tại:'), cell(data.student.address ?? '', { colSpan: 3 }), '', ''],
              [
                cell('Lớp:'),
                cell(data.className, { bold: true }),
                cell('Năm học:'),
                cell(data.schoolYear, { bold: true }),
              ],
            ],
          },
          layout: 'noBorders',
        },
        {
          width: 70,
          stack: [
            { qr: verifyUrl, fit: 70, alignment: 'right' },
            { text: 'Quét để xác thực', fontSize: 6, alignment: 'right' },
          ],
        },
      ],
    },
  ];
}

function confirmationText(confirmations: Map<string, SubjectConfirmationMark>, subjectId: string) {
  const c = confirmations.get(subjectId);
  return c ? `GVBM xác nhận: ${c.staffName} (${formatDate(c.confirmedAt)})` : '';
}

function commentCell(comment: string | null, confirmation: string) {
  const lines: PdfNode[] = [];
  if (comment) lines.push(comment);
  if (confirmation) lines.push({ text: confirmation, italics: true, fontSize: 7, color: '#444444' });
  return { stack: lines };
}

function secondaryBody(data: SecondaryTranscriptData, confirmations: Map<string, SubjectConfirmationMark>) {
  const subjectRows: PdfNode[] = data.subjects.map((s) => [
    cell(s.name),
    cell(formatMark(s.term1), { alignment: 'center' }),
    cell(formatMark(s.term2), { alignment: 'center' }),
    cell(formatMark(s.year), { alignment: 'center', bold: true }),
    cell(formatMark(s.reassessment), { alignment: 'center' }),
    commentCell(s.comment, confirmationText(confirmations, s.subjectId)),
  ]);
  const triple = (labels: Record<string, { vi: string }>, t: SecondaryTranscriptData['conduct']) => [
    cell(levelLabel(labels, t.term1), { alignment: 'center' }),
    cell(levelLabel(labels, t.term2), { alignment: 'center' }),
    cell(levelLabel(labels, t.year), { alignment: 'center', bold: true }),
  ];
  const promoted =
    data.promotion === null ? null : data.promotion === 'promoted' ? 'Được lên lớp' : 'Không được lên lớp';
  const promotionDetail =
    data.promotion && data.promotion !== 'promoted'
      ? ` (${PROMOTION_OUTCOME_LABELS[data.promotion].vi})`
      : '';
  return [
    {
      table: {
        headerRows: 2,
        widths: [140, 32, 32, 32, 52, '*'],
        body: [
          [
            th('Môn học / Hoạt động giáo dục', { rowSpan: 2 }),
            th('Điểm trung bình môn học hoặc mức đánh giá', { colSpan: 3 }),
            '',
            '',
            th('Điểm hoặc mức đánh giá lại (nếu có)', { rowSpan: 2 }),
            th('Nhận xét', { rowSpan: 2 }),
          ],
          ['', th('HK I'), th('HK II'), th('CN'), '', ''],
          ...subjectRows,
        ],
      },
      fontSize: 8.5,
    },
    { text: 'Kết quả rèn luyện và học tập', style: 'section' },
    {
      table: {
        widths: [150, 70, 70, 70],
        body: [
          [th(''), th('Học kì I'), th('Học kì II'), th('Cả năm')],
          [cell('Kết quả rèn luyện'), ...triple(CONDUCT_LEVEL_LABELS, data.conduct)],
          [cell('Kết quả học tập'), ...triple(LEARNING_LEVEL_LABELS, data.learning)],
        ],
      },
      fontSize: 9,
    },
    {
      margin: [0, 6, 0, 0],
      fontSize: 9,
      stack: [
        `Tổng số buổi nghỉ học cả năm học: ${data.absentSessions ?? ''}`,
        {
          text: [
            { text: 'Được lên lớp / Không được lên lớp: ' },
            { text: `${promoted ?? ''}${promotionDetail}`, bold: true },
          ],
        },
        `Danh hiệu: ${data.award ? STUDENT_AWARD_LABELS[data.award].vi : ''}`,
      ],
    },
  ];
}

function aspectTable(title: string, rows: RatedAspect[]) {
  return {
    table: {
      widths: [150, 70, '*'],
      body: [
        [th(title), th('Mức đạt được'), th('Nhận xét')],
        ...rows.map((r) => [
          cell(r.name),
          cell(levelLabel(QUALITY_LEVEL_LABELS, r.level), { alignment: 'center' }),
          cell(r.comment ?? ''),
        ]),
      ],
    },
    fontSize: 8.5,
  };
}

function primaryBody(data: PrimaryTranscriptData, confirmations: Map<string, SubjectConfirmationMark>) {
  const completedText =
    data.yearResult === null
      ? ''
      : data.yearResult === 'CHT'
        ? 'Chưa hoàn thành chương trình lớp học'
        : data.grade === 5
          ? 'Hoàn thành chương trình tiểu học'
          : `Hoàn thành chương trình lớp ${data.grade}`;
  return [
    { text: '1. Các môn học và hoạt động giáo dục', style: 'section' },
    {
      table: {
        headerRows: 1,
        widths: [150, 50, 50, '*'],
        body: [
          [th('Môn học và hoạt động giáo dục'), th('Mức đạt được'), th('Điểm KTĐK'), th('Nhận xét')],
          ...data.subjects.map((s) => [
            cell(s.name),
            cell(s.level ? SUBJECT_LEVEL_RECORD_CODES[s.level] : '', { alignment: 'center', bold: true }),
            cell(s.testScore === null ? '' : String(s.testScore), { alignment: 'center' }),
            commentCell(s.comment, confirmationText(confirmations, s.subjectId)),
          ]),
        ],
      },
      fontSize: 8.5,
    },
    {
      text: 'Mức đạt được: T (Hoàn thành tốt), H (Hoàn thành), C (Chưa hoàn thành).',
      fontSize: 7,
      italics: true,
    },
    { text: '2. Những phẩm chất chủ yếu', style: 'section' },
    aspectTable('Phẩm chất', data.qualities),
    { text: '3. Những năng lực cốt lõi', style: 'section' },
    aspectTable(
      'Năng lực chung',
      data.competencies.filter((c) => c.group !== 'specific'),
    ),
    { text: '', margin: [0, 3] },
    aspectTable(
      'Năng lực đặc thù',
      data.competencies.filter((c) => c.group === 'specific'),
    ),
    {
      margin: [0, 6, 0, 0],
      fontSize: 9,
      stack: [
        {
          text: [
            '4. Đánh giá kết quả giáo dục: ',
            { text: levelLabel(PRIMARY_YEAR_RESULT_LABELS, data.yearResult), bold: true },
          ],
        },
        `5. Khen thưởng: ${data.award ?? ''}`,
        { text: [{ text: completedText, bold: true }] },
      ],
    },
  ];
}

function signatures(data: TranscriptData, issuedOn: Date): PdfNode {
  return {
    margin: [0, 10, 0, 0],
    unbreakable: true,
    stack: [
      { text: 'Nhận xét của giáo viên chủ nhiệm:', bold: true, fontSize: 9 },
      { text: data.homeroomComment ?? '', fontSize: 9, margin: [0, 2, 0, 8] },
      {
        columns: [
          {
            width: '*',
            alignment: 'center',
            stack: [
              { text: ' ', fontSize: 9 },
              { text: 'Giáo viên chủ nhiệm', bold: true },
              { text: '(Ký số, ghi rõ họ tên)', italics: true, fontSize: 8 },
              { text: data.homeroomTeacher ?? '', bold: true, margin: [0, 18, 0, 0] },
            ],
          },
          {
            width: '*',
            alignment: 'center',
            stack: [
              { text: vnDateLine(data.place, issuedOn), italics: true, fontSize: 9 },
              { text: 'Phê duyệt của Hiệu trưởng', bold: true },
              { text: '(Ký số, ghi rõ họ tên)', italics: true, fontSize: 8 },
              { text: data.principal ?? '', bold: true, margin: [0, 18, 0, 0] },
            ],
          },
        ],
        fontSize: 10,
      },
    ],
  };
}

function verification(data: TranscriptData, verifyUrl: string): PdfNode {
  return {
    margin: [0, 10, 0, 0],
    fontSize: 7.5,
    color: '#333333',
    text: [
      { text: 'Học bạ số. ', bold: true },
      `Mã học bạ ${data.transcriptId}. Kiểm tra chữ ký số và đối chiếu bản gốc: quét mã QR hoặc truy cập ${verifyUrl} rồi tải tệp PDF này lên.`,
    ],
  };
}

export function buildTranscriptDocument(data: TranscriptData, opts: TranscriptPdfOptions): PdfDocDefinition {
  const confirmations = new Map(opts.confirmations.map((c) => [c.subjectId, c]));
  const body = data.level === 'TH' ? primaryBody(data, confirmations) : secondaryBody(data, confirmations);
  return {
    pageSize: 'A4',
    pageMargins: [36, 28, 36, 32],
    info: {
      title: `Học bạ ${data.student.fullName} ${data.schoolYear}`,
      author: data.schoolName,
      subject: `Học bạ số lớp ${data.className} năm học ${data.schoolYear}`,
      keywords: `${TRANSCRIPT_KEYWORD}${data.transcriptId} sector-id:${data.student.sectorId}`,
      creator: 'SmartEdu',
      producer: 'SmartEdu',
    },
    defaultStyle: { fontSize: 10, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 22, bold: true, alignment: 'center' },
      subtitle: { fontSize: 13, bold: true, alignment: 'center' },
      section: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
    },
    footer: (page: number, pages: number) => ({
      text: `Học bạ số · ${data.student.sectorId} · ${data.schoolYear} · Trang ${page}/${pages}`,
      alignment: 'center',
      fontSize: 7,
      color: '#666666',
    }),
    content: [
      ...header(data, opts.draft, opts.verifyUrl),
      ...body,
      signatures(data, opts.issuedOn),
      verification(data, opts.verifyUrl),
    ],
  };
}

export function renderTranscriptPdf(data: TranscriptData, opts: TranscriptPdfOptions): Promise<Buffer> {
  return renderPdf(buildTranscriptDocument(data, opts));
}
