import type { TranscriptData } from './transcript-data';

/**
 * Structured export of a class's transcripts, keyed by the student's sector identifier (mã định danh ngành),
 * for mapping to the sector database (CSDL ngành). The ministry's exchange format was not available, so the
 * export is self-describing: `fields` documents every field, its codes and a suggested target in the sector
 * database; values are codes (not labels) and numbers (not formatted text), so a mapping is a renaming.
 */

export const TRANSCRIPT_EXPORT_FORMAT = 'smartedu/hoc-ba-so';
export const TRANSCRIPT_EXPORT_VERSION = '1.0';

/** Field documentation: path → meaning; codes; suggested CSDL ngành field (to be confirmed against its spec). */
export const TRANSCRIPT_EXPORT_FIELDS: Record<string, string> = {
  'transcripts.<sectorId>': 'Key: mã định danh ngành of the student (CSDL ngành: MaDinhDanh).',
  transcriptId: 'SmartEdu transcript id; the verification URL is <PUBLIC_URL>/verify/<transcriptId>.',
  status: 'draft | confirming | homeroom_signed | principal_signed (final: principal_signed).',
  pdfSha256: 'SHA-256 (hex) of the signed PDF stored by SmartEdu; null while a draft.',
  'student.sectorId': 'Mã định danh ngành (CSDL ngành: MaDinhDanh).',
  'student.citizenId': 'Số định danh cá nhân / CCCD (CSDL ngành: SoDinhDanhCaNhan).',
  'student.fullName': 'Họ và tên (CSDL ngành: HoTen).',
  'student.birthDate': 'Ngày sinh, YYYY-MM-DD (CSDL ngành: NgaySinh, convert to dd/MM/yyyy if required).',
  'student.gender': 'M = Nam, F = Nữ (CSDL ngành: GioiTinh).',
  'student.ethnicity': 'Dân tộc, official name of the 54 groups (CSDL ngành: DanToc, map name → code).',
  'student.address': 'Chỗ ở hiện tại (CSDL ngành: DiaChiThuongTru / NoiOHienTai).',
  'school.code': 'Mã trường (CSDL ngành: MaTruong).',
  'class.name': 'Tên lớp (CSDL ngành: TenLop); class.grade: khối lớp 1-12 (KhoiLop).',
  schoolYear: 'Năm học "YYYY-YYYY" (CSDL ngành: NamHoc).',
  'subjects[].code':
    'Subject code of the 2018 programme with level prefix, e.g. THCS_TOAN (CSDL ngành: MaMonHoc, map by code).',
  'subjects[].term1|term2|year':
    'Circular 22: ĐTB môn học kì I / kì II / cả năm, number 0-10 with one decimal; comment-only subjects "D" (Đạt) / "CD" (Chưa đạt) (CSDL ngành: DiemTBHK1, DiemTBHK2, DiemTBCN).',
  'subjects[].reassessment': 'Điểm / mức đánh giá lại sau kiểm tra lại (null if none).',
  'subjects[].level':
    'Circular 27: mức đạt được cuối năm HTT (Hoàn thành tốt) | HT (Hoàn thành) | CHT (Chưa hoàn thành).',
  'subjects[].testScore': 'Circular 27: điểm bài kiểm tra định kì cuối năm, 1-10.',
  'subjects[].comment': 'Nhận xét của giáo viên môn học.',
  'subjects[].confirmedBy|confirmedAt': 'Giáo viên bộ môn đã xác nhận and when (ISO 8601).',
  'conduct.term1|term2|year':
    'Kết quả rèn luyện: T (Tốt) | K (Khá) | D (Đạt) | CD (Chưa đạt) (CSDL ngành: RenLuyen).',
  'learning.term1|term2|year': 'Kết quả học tập: T | K | D | CD (CSDL ngành: HocTap).',
  absentSessions: 'Tổng số buổi nghỉ học cả năm (null when not recorded).',
  promotion:
    'promoted (Được lên lớp) | summer_conduct_training | summer_reassessment | retained (Không được lên lớp) (CSDL ngành: LenLop).',
  award: 'Circular 22: excellent (Học sinh Xuất sắc) | good (Học sinh Giỏi).',
  'qualities[]|competencies[]':
    'Circular 27: phẩm chất / năng lực, code from @smartedu/domain QUALITIES / COMPETENCIES, level T (Tốt) | D (Đạt) | CCG (Cần cố gắng).',
  yearResult: 'Circular 27: HTXS | HTT | HT | CHT (kết quả giáo dục cuối năm).',
  homeroomComment: 'Nhận xét của giáo viên chủ nhiệm.',
  'signatures[]':
    'Chữ ký số: role homeroom (GVCN) | principal (Hiệu trưởng), signer (certificate CN), certificate serial and SHA-256 fingerprint, signedAt.',
};

export type ExportSignature = {
  role: string;
  signerName: string;
  certificateSerial: string;
  certificateFingerprint: string;
  signedAt: string;
};
export type ExportConfirmation = { subjectId: string; staffName: string; confirmedAt: string };

export function toSectorRecord(
  data: TranscriptData,
  extra: {
    status: string;
    pdfSha256: string | null;
    confirmations: ExportConfirmation[];
    signatures: ExportSignature[];
  },
) {
  const confirmation = (subjectId: string) => extra.confirmations.find((c) => c.subjectId === subjectId);
  const common = {
    transcriptId: data.transcriptId,
    status: extra.status,
    pdfSha256: extra.pdfSha256,
    student: data.student,
    homeroomComment: data.homeroomComment,
    signatures: extra.signatures,
  };
  if (data.level === 'TH') {
    return {
      ...common,
      circular: '27/2020/TT-BGDĐT',
      subjects: data.subjects.map((s) => ({
        code: s.code,
        name: s.name,
        level: s.level,
        testScore: s.testScore,
        comment: s.comment,
        teacher: s.teacherName,
        confirmedBy: confirmation(s.subjectId)?.staffName ?? null,
        confirmedAt: confirmation(s.subjectId)?.confirmedAt ?? null,
      })),
      qualities: data.qualities.map(({ code, level, comment }) => ({ code, level, comment })),
      competencies: data.competencies.map(({ code, level, comment }) => ({ code, level, comment })),
      yearResult: data.yearResult,
      award: data.award,
    };
  }
  return {
    ...common,
    circular: '22/2021/TT-BGDĐT',
    subjects: data.subjects.map((s) => ({
      code: s.code,
      name: s.name,
      assessment: s.assessment,
      term1: s.term1,
      term2: s.term2,
      year: s.year,
      reassessment: s.reassessment,
      comment: s.comment,
      teacher: s.teacherName,
      confirmedBy: confirmation(s.subjectId)?.staffName ?? null,
      confirmedAt: confirmation(s.subjectId)?.confirmedAt ?? null,
    })),
    conduct: data.conduct,
    learning: data.learning,
    absentSessions: data.absentSessions,
    promotion: data.promotion,
    award: data.award,
  };
}
