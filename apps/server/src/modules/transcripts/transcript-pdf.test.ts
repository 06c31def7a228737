import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';
import { primaryFixture, secondaryFixture } from './transcript-fixtures';
import {
  buildTranscriptDocument,
  formatMark,
  renderTranscriptPdf,
  TRANSCRIPT_KEYWORD,
} from './transcript-pdf';

const options = (id: string) => ({
  verifyUrl: `https://hocba.laichau.edu.vn/verify/${id}`,
  draft: false,
  confirmations: [],
  issuedOn: new Date('2025-05-26T03:00:00Z'),
});

describe('transcript PDF (học bạ)', () => {
  it('renders the Circular 22 layout with the student, subjects, averages and results as PDF text', async () => {
    const data = secondaryFixture();
    const pdf = await renderTranscriptPdf(data, {
      ...options(data.transcriptId),
      confirmations: [
        {
          subjectId: data.subjects[1].subjectId,
          staffName: 'Nguyễn Văn Toán',
          confirmedAt: '2025-05-20T02:00:00Z',
        },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'HỌC BẠ',
      'TRUNG HỌC CƠ SỞ',
      'Lò Thị Hương',
      '1277001234',
      '05/09/2013',
      'Thái',
      'Môn học / Hoạt động giáo dục',
      'HK I',
      'HK II',
      'CN',
      'Nhận xét',
      'Ngữ văn',
      'Khoa học tự nhiên',
      'Hoạt động trải nghiệm',
      'GVBM xác nhận: Nguyễn Văn Toán (20/05/2025)',
      'Kết quả rèn luyện',
      'Kết quả học tập',
      'Được lên lớp',
      'Giáo viên chủ nhiệm',
      'Hiệu trưởng',
      'Nguyễn Thị Thuỷ',
      'Trần Văn Đức',
      'Lai Châu, ngày 26 tháng 5 năm 2025',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Averages as written in a Vietnamese transcript (decimal comma), term I, term II, year in one row.
    expect(text).toMatch(/Toán\s+8,4\s+8,9\s+8,7/);
    expect(text).toMatch(/Ngữ văn\s+7,2\s+7,8\s+7,6/);
    expect(text).toMatch(/Giáo dục thể chất\s+Đ\s+Đ\s+Đ/);
    expect(text).toMatch(/Kết quả học tập\s+Khá\s+Khá\s+Khá/);
    // The Info dictionary names the transcript in ASCII (found by the verifier without parsing fonts).
    expect(pdf.toString('latin1')).toContain(`${TRANSCRIPT_KEYWORD}${data.transcriptId}`);
  });

  it('marks a draft and shows a failed promotion as "Không được lên lớp"', async () => {
    const data = { ...secondaryFixture(), promotion: 'retained' as const };
    const text = pdfText(await renderTranscriptPdf(data, { ...options(data.transcriptId), draft: true }));
    expect(text).toContain('BẢN NHÁP');
    expect(text).toContain('Không được lên lớp (Ở lại lớp)');
  });

  it('renders the Circular 27 primary layout: levels, test scores, qualities, competencies, year result', async () => {
    const data = primaryFixture();
    const text = pdfText(await renderTranscriptPdf(data, options(data.transcriptId)));
    for (const expected of [
      'TIỂU HỌC',
      'Giàng A Páo',
      'Mông',
      'Môn học và hoạt động giáo dục',
      'Điểm KTĐK',
      'Những phẩm chất chủ yếu',
      'Yêu nước',
      'Những năng lực cốt lõi',
      'Giao tiếp và hợp tác',
      'Thẩm mĩ',
      'Hoàn thành chương trình lớp 3',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/Tiếng Việt\s+T\s+9/);
    expect(text).toMatch(/Toán\s+H\s+7/);
  });

  it('puts the verification URL in a QR code and formats marks', () => {
    const data = secondaryFixture();
    const doc = buildTranscriptDocument(data, options(data.transcriptId));
    expect(JSON.stringify(doc.content)).toContain(
      `"qr":"https://hocba.laichau.edu.vn/verify/${data.transcriptId}"`,
    );
    expect([formatMark(8.25), formatMark(10), formatMark('D'), formatMark('CD'), formatMark(null)]).toEqual([
      '8,3',
      '10,0',
      'Đ',
      'CĐ',
      '',
    ]);
  });
});
