/**
 * Reference data owned by the seed: the 54 official ethnic groups (dân tộc) and the subjects of the 2018
 * general education programme (CT GDPT 2018) with periods per year per grade. Kept here on purpose so that
 * the database package does not depend on packages/domain.
 */

export type EthnicityRef = { code: string; name: string };

// Danh mục các dân tộc Việt Nam (mã chính thức)
export const ETHNICITIES: readonly EthnicityRef[] = [
  { code: '01', name: 'Kinh' },
  { code: '02', name: 'Tày' },
  { code: '03', name: 'Thái' },
  { code: '04', name: 'Hoa' },
  { code: '05', name: 'Khơ-me' },
  { code: '06', name: 'Mường' },
  { code: '07', name: 'Nùng' },
  { code: '08', name: 'Mông' },
  { code: '09', name: 'Dao' },
  { code: '10', name: 'Gia-rai' },
  { code: '11', name: 'Ngái' },
  { code: '12', name: 'Ê-đê' },
  { code: '13', name: 'Ba-na' },
  { code: '14', name: 'Xơ-đăng' },
  { code: '15', name: 'Sán Chay' },
  { code: '16', name: 'Cơ-ho' },
  { code: '17', name: 'Chăm' },
  { code: '18', name: 'Sán Dìu' },
  { code: '19', name: 'Hrê' },
  { code: '20', name: 'Mnông' },
  { code: '21', name: 'Ra-glai' },
  { code: '22', name: 'Xtiêng' },
  { code: '23', name: 'Bru-Vân Kiều' },
  { code: '24', name: 'Thổ' },
  { code: '25', name: 'Giáy' },
  { code: '26', name: 'Cơ-tu' },
  { code: '27', name: 'Giẻ-Triêng' },
  { code: '28', name: 'Mạ' },
  { code: '29', name: 'Khơ-mú' },
  { code: '30', name: 'Co' },
  { code: '31', name: 'Tà-ôi' },
  { code: '32', name: 'Chơ-ro' },
  { code: '33', name: 'Kháng' },
  { code: '34', name: 'Xinh-mun' },
  { code: '35', name: 'Hà Nhì' },
  { code: '36', name: 'Chu-ru' },
  { code: '37', name: 'Lào' },
  { code: '38', name: 'La Chí' },
  { code: '39', name: 'La Ha' },
  { code: '40', name: 'Phù Lá' },
  { code: '41', name: 'La Hủ' },
  { code: '42', name: 'Lự' },
  { code: '43', name: 'Lô Lô' },
  { code: '44', name: 'Chứt' },
  { code: '45', name: 'Mảng' },
  { code: '46', name: 'Pà Thẻn' },
  { code: '47', name: 'Cờ Lao' },
  { code: '48', name: 'Cống' },
  { code: '49', name: 'Bố Y' },
  { code: '50', name: 'Si La' },
  { code: '51', name: 'Pu Péo' },
  { code: '52', name: 'Brâu' },
  { code: '53', name: 'Ơ-đu' },
  { code: '54', name: 'Rơ-măm' },
];

export type SchoolLevel = 'TH' | 'THCS' | 'THPT';
/** TT27 (primary): `level` = comment by level only, `level_test` = level plus periodic test. TT22: scored | comment. */
export type Assessment = 'level' | 'level_test' | 'scored' | 'comment';

export type SubjectRef = {
  code: string;
  name: string;
  level: SchoolLevel;
  assessment: Assessment;
  elective: boolean;
  /** Periods per school year (35 weeks), by grade; a grade absent here does not study the subject. */
  periodsByGrade: Readonly<Record<number, number>>;
};

const grades = (list: readonly number[], periods: number): Record<number, number> =>
  Object.fromEntries(list.map((g) => [g, periods]));

const TH_ALL = [1, 2, 3, 4, 5] as const;
const THCS_ALL = [6, 7, 8, 9] as const;
const THPT_ALL = [10, 11, 12] as const;

const primary = (
  code: string,
  name: string,
  assessment: 'level' | 'level_test',
  periodsByGrade: Record<number, number>,
): SubjectRef => ({ code: `TH_${code}`, name, level: 'TH', assessment, elective: false, periodsByGrade });

const lowerSecondary = (
  code: string,
  name: string,
  assessment: 'scored' | 'comment',
  periodsByGrade: Record<number, number>,
): SubjectRef => ({ code: `THCS_${code}`, name, level: 'THCS', assessment, elective: false, periodsByGrade });

const upperSecondary = (
  code: string,
  name: string,
  assessment: 'scored' | 'comment',
  periods: number,
  elective = false,
): SubjectRef => ({
  code: `THPT_${code}`,
  name,
  level: 'THPT',
  assessment,
  elective,
  periodsByGrade: grades(THPT_ALL, periods),
});

// Môn học và hoạt động giáo dục, CT GDPT 2018 (see docs: shared/domain/curriculum.md)
export const SUBJECTS: readonly SubjectRef[] = [
  // Tiểu học (Thông tư 27/2020)
  primary('TIENG_VIET', 'Tiếng Việt', 'level_test', { 1: 420, 2: 350, 3: 245, 4: 245, 5: 245 }),
  primary('TOAN', 'Toán', 'level_test', { 1: 105, 2: 175, 3: 175, 4: 175, 5: 175 }),
  primary('NGOAI_NGU_1', 'Tiếng Anh', 'level_test', grades([3, 4, 5], 140)),
  primary('DAO_DUC', 'Đạo đức', 'level', grades(TH_ALL, 35)),
  primary('TNXH', 'Tự nhiên và Xã hội', 'level', grades([1, 2, 3], 70)),
  primary('LS_DL', 'Lịch sử và Địa lí', 'level_test', grades([4, 5], 70)),
  primary('KHOA_HOC', 'Khoa học', 'level_test', grades([4, 5], 70)),
  primary('TIN_HOC_CONG_NGHE', 'Tin học và Công nghệ', 'level_test', grades([3, 4, 5], 70)),
  primary('GDTC', 'Giáo dục thể chất', 'level', grades(TH_ALL, 70)),
  primary('NGHE_THUAT', 'Nghệ thuật (Âm nhạc, Mĩ thuật)', 'level', grades(TH_ALL, 70)),
  primary('HDTN', 'Hoạt động trải nghiệm', 'level', grades(TH_ALL, 105)),
  // Trung học cơ sở (Thông tư 22/2021)
  lowerSecondary('NGU_VAN', 'Ngữ văn', 'scored', grades(THCS_ALL, 140)),
  lowerSecondary('TOAN', 'Toán', 'scored', grades(THCS_ALL, 140)),
  lowerSecondary('NGOAI_NGU_1', 'Tiếng Anh', 'scored', grades(THCS_ALL, 105)),
  lowerSecondary('GDCD', 'Giáo dục công dân', 'scored', grades(THCS_ALL, 35)),
  lowerSecondary('LS_DL', 'Lịch sử và Địa lí', 'scored', grades(THCS_ALL, 105)),
  lowerSecondary('KHTN', 'Khoa học tự nhiên', 'scored', grades(THCS_ALL, 140)),
  lowerSecondary('CONG_NGHE', 'Công nghệ', 'scored', { 6: 35, 7: 35, 8: 52, 9: 52 }),
  lowerSecondary('TIN_HOC', 'Tin học', 'scored', grades(THCS_ALL, 35)),
  lowerSecondary('GDTC', 'Giáo dục thể chất', 'comment', grades(THCS_ALL, 70)),
  lowerSecondary('NGHE_THUAT', 'Nghệ thuật (Âm nhạc, Mĩ thuật)', 'comment', grades(THCS_ALL, 70)),
  lowerSecondary('HDTN', 'Hoạt động trải nghiệm, hướng nghiệp', 'comment', grades(THCS_ALL, 105)),
  lowerSecondary('GDDP', 'Nội dung giáo dục của địa phương', 'comment', grades(THCS_ALL, 35)),
  // Trung học phổ thông (Thông tư 22/2021): compulsory, then the elective subjects
  upperSecondary('NGU_VAN', 'Ngữ văn', 'scored', 105),
  upperSecondary('TOAN', 'Toán', 'scored', 105),
  upperSecondary('NGOAI_NGU_1', 'Tiếng Anh', 'scored', 105),
  upperSecondary('LICH_SU', 'Lịch sử', 'scored', 52),
  upperSecondary('GDTC', 'Giáo dục thể chất', 'comment', 70),
  upperSecondary('GDQPAN', 'Giáo dục quốc phòng và an ninh', 'scored', 35),
  upperSecondary('HDTN', 'Hoạt động trải nghiệm, hướng nghiệp', 'comment', 105),
  upperSecondary('GDDP', 'Nội dung giáo dục của địa phương', 'comment', 35),
  upperSecondary('DIA_LI', 'Địa lí', 'scored', 70, true),
  upperSecondary('GDKTPL', 'Giáo dục kinh tế và pháp luật', 'scored', 70, true),
  upperSecondary('VAT_LI', 'Vật lí', 'scored', 70, true),
  upperSecondary('HOA_HOC', 'Hóa học', 'scored', 70, true),
  upperSecondary('SINH_HOC', 'Sinh học', 'scored', 70, true),
  upperSecondary('CONG_NGHE', 'Công nghệ', 'scored', 70, true),
  upperSecondary('TIN_HOC', 'Tin học', 'scored', 70, true),
  upperSecondary('AM_NHAC', 'Âm nhạc', 'comment', 70, true),
  upperSecondary('MI_THUAT', 'Mĩ thuật', 'comment', 70, true),
];

export type SchoolYearRef = {
  name: string;
  startDate: string;
  endDate: string;
  isCurrent: boolean;
  terms: readonly { termNo: 1 | 2; startDate: string; endDate: string }[];
};

/** School year starting in September of `startYear`: term 1 early Sept – mid Jan, term 2 mid Jan – end May. */
function schoolYear(startYear: number, isCurrent: boolean): SchoolYearRef {
  const next = startYear + 1;
  return {
    name: `${startYear}-${next}`,
    startDate: `${startYear}-09-05`,
    endDate: `${next}-05-31`,
    isCurrent,
    terms: [
      { termNo: 1, startDate: `${startYear}-09-05`, endDate: `${next}-01-18` },
      { termNo: 2, startDate: `${next}-01-20`, endDate: `${next}-05-31` },
    ],
  };
}

// Năm học: 2024-2025 is the year of the Lai Châu smart-classroom pilot (Kế hoạch 596/KH-UBND)
export const SCHOOL_YEARS: readonly SchoolYearRef[] = [
  schoolYear(2023, false),
  schoolYear(2024, true),
  schoolYear(2025, false),
];
