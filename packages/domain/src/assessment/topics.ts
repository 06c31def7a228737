/**
 * Suggested topics (chủ đề / mạch nội dung) of the 2018 curriculum for the subjects of the question bank's
 * pilot (grades 3–9), used by the question editor and the blueprint builder. A question may also use any
 * free-text topic; these lists only make the common ones consistent.
 */

import { CURRICULUM, levelOfGrade } from '../curriculum/subjects';
import { fold } from './question';

const ENGLISH = ['Ngữ âm', 'Từ vựng', 'Ngữ pháp', 'Đọc hiểu', 'Nghe hiểu', 'Viết'];
const VIET_PRIMARY = ['Đọc hiểu', 'Luyện từ và câu', 'Chính tả', 'Viết'];
const VAN_THCS = ['Đọc hiểu văn bản văn học', 'Đọc hiểu văn bản thông tin', 'Tiếng Việt', 'Viết'];

export const CURRICULUM_TOPICS: Readonly<Record<string, Readonly<Record<number, readonly string[]>>>> = {
  TH_TOAN: {
    3: [
      'Các số trong phạm vi 10 000',
      'Phép nhân, phép chia',
      'Các số trong phạm vi 100 000',
      'Hình học và đo lường',
      'Thống kê và xác suất',
    ],
    4: [
      'Số tự nhiên',
      'Các phép tính với số tự nhiên',
      'Phân số',
      'Hình học và đo lường',
      'Thống kê và xác suất',
    ],
    5: [
      'Số thập phân',
      'Các phép tính với số thập phân',
      'Tỉ số phần trăm',
      'Hình học và đo lường',
      'Chuyển động đều',
    ],
  },
  THCS_TOAN: {
    6: ['Số tự nhiên', 'Số nguyên', 'Phân số và số thập phân', 'Hình học', 'Thống kê và xác suất'],
    7: [
      'Số hữu tỉ',
      'Số thực',
      'Góc và đường thẳng song song',
      'Tam giác',
      'Biểu thức đại số',
      'Thống kê và xác suất',
    ],
    8: [
      'Đa thức',
      'Hằng đẳng thức đáng nhớ',
      'Phương trình bậc nhất một ẩn',
      'Hàm số bậc nhất',
      'Tứ giác',
      'Định lí Pythagore',
      'Thống kê và xác suất',
    ],
    9: [
      'Căn bậc hai và căn bậc ba',
      'Hệ phương trình bậc nhất hai ẩn',
      'Hàm số y = ax²',
      'Đường tròn',
      'Thống kê và xác suất',
    ],
  },
  TH_TIENG_VIET: { 3: VIET_PRIMARY, 4: VIET_PRIMARY, 5: VIET_PRIMARY },
  THCS_NGU_VAN: { 6: VAN_THCS, 7: VAN_THCS, 8: VAN_THCS, 9: VAN_THCS },
  TH_NGOAI_NGU_1: { 3: ENGLISH, 4: ENGLISH, 5: ENGLISH },
  THCS_NGOAI_NGU_1: { 6: ENGLISH, 7: ENGLISH, 8: ENGLISH, 9: ENGLISH },
  TH_KHOA_HOC: {
    4: [
      'Chất',
      'Năng lượng',
      'Thực vật và động vật',
      'Nấm',
      'Con người và sức khoẻ',
      'Sinh vật và môi trường',
    ],
    5: [
      'Chất',
      'Năng lượng',
      'Thực vật và động vật',
      'Vi khuẩn',
      'Con người và sức khoẻ',
      'Sinh vật và môi trường',
    ],
  },
  THCS_KHTN: {
    6: [
      'Mở đầu về Khoa học tự nhiên',
      'Chất và sự biến đổi của chất',
      'Tế bào',
      'Đa dạng thế giới sống',
      'Lực',
      'Năng lượng',
    ],
    7: [
      'Nguyên tử và nguyên tố hoá học',
      'Phân tử và liên kết hoá học',
      'Tốc độ',
      'Âm thanh',
      'Ánh sáng',
      'Trao đổi chất ở sinh vật',
    ],
    8: [
      'Phản ứng hoá học',
      'Acid – Base – Muối',
      'Khối lượng riêng và áp suất',
      'Điện',
      'Sinh học cơ thể người',
    ],
    9: ['Năng lượng cơ học', 'Ánh sáng', 'Điện', 'Kim loại', 'Hợp chất hữu cơ', 'Di truyền'],
  },
};

/** Suggested topics for a subject and grade ([] when the list has none). */
export function topicsFor(subjectCode: string, grade: number): readonly string[] {
  return CURRICULUM_TOPICS[subjectCode]?.[grade] ?? [];
}

const ALIASES: Record<string, string> = {
  toan: 'TOAN',
  'toan hoc': 'TOAN',
  'tieng viet': 'TIENG_VIET',
  'ngu van': 'NGU_VAN',
  van: 'NGU_VAN',
  'tieng anh': 'NGOAI_NGU_1',
  anh: 'NGOAI_NGU_1',
  'ngoai ngu': 'NGOAI_NGU_1',
  'ngoai ngu 1': 'NGOAI_NGU_1',
  english: 'NGOAI_NGU_1',
  khtn: 'KHTN',
  'khoa hoc tu nhien': 'KHTN',
  'khoa hoc': 'KHOA_HOC',
  'tin hoc': 'TIN_HOC',
  'lich su va dia li': 'LS_DL',
  'lich su dia li': 'LS_DL',
  'cong nghe': 'CONG_NGHE',
  gdcd: 'GDCD',
  'giao duc cong dan': 'GDCD',
};

/**
 * A subject code from what a file says: a code ("THCS_TOAN") or a name ("Toán", "Tiếng Anh", "KHTN") plus
 * the grade (which picks TH, THCS or THPT). Null when nothing matches.
 */
export function resolveSubjectCode(text: string, grade?: number): string | null {
  const t = text.trim();
  if (!t) return null;
  const upper = t.toUpperCase();
  if (CURRICULUM.some((s) => s.code === upper)) return upper;
  const f = fold(t)
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const level = grade && grade >= 1 && grade <= 12 ? levelOfGrade(grade) : null;
  const suffix = ALIASES[f];
  if (suffix && level) {
    const code = `${level}_${suffix}`;
    if (CURRICULUM.some((s) => s.code === code)) return code;
  }
  const byName = CURRICULUM.filter((s) => fold(s.name) === f && (!level || s.level === level));
  return byName.length === 1 ? byName[0].code : null;
}
