/**
 * Subjects and educational activities (môn học và hoạt động giáo dục) of the 2018 general education
 * programme (Chương trình giáo dục phổ thông 2018, CT GDPT 2018), with periods per school year (35 weeks)
 * per grade, as given in shared/domain/curriculum.md (values to confirm against the programme text).
 */

/** Tiểu học (primary, grades 1-5), Trung học cơ sở (lower secondary, 6-9), Trung học phổ thông (upper, 10-12). */
export type SchoolLevel = 'TH' | 'THCS' | 'THPT';

/**
 * How a subject is assessed. Circular 22 (THCS, THPT): `scored` (nhận xét kết hợp điểm số) or `comment`
 * (đánh giá bằng nhận xét: Đạt / Chưa đạt). Circular 27 (TH): `level` (levels only) or `level_test` (levels
 * plus periodic tests, bài kiểm tra định kì).
 */
export type SubjectAssessment = 'scored' | 'comment' | 'level' | 'level_test';

export type CurriculumSubject = {
  /** Unique across levels: level prefix + subject, e.g. THCS_TOAN. */
  code: string;
  /** Vietnamese name as in the programme. */
  name: string;
  level: SchoolLevel;
  assessment: SubjectAssessment;
  /** THPT elective subject (môn học lựa chọn). */
  elective: boolean;
  /** Periods per school year by grade; a grade missing here does not study the subject. */
  periodsByGrade: Readonly<Record<number, number>>;
  /** Display order (học bạ order), unique across the whole list. */
  sortOrder: number;
};

export const GRADES_BY_LEVEL: Readonly<Record<SchoolLevel, readonly number[]>> = {
  TH: [1, 2, 3, 4, 5],
  THCS: [6, 7, 8, 9],
  THPT: [10, 11, 12],
};

type SubjectDraft = Omit<CurriculumSubject, 'sortOrder'>;

function sameForGrades(grades: readonly number[], periods: number): Record<number, number> {
  return Object.fromEntries(grades.map((grade) => [grade, periods]));
}

function primary(
  code: string,
  name: string,
  assessment: 'level' | 'level_test',
  periodsByGrade: Record<number, number>,
): SubjectDraft {
  return { code: `TH_${code}`, name, level: 'TH', assessment, elective: false, periodsByGrade };
}

function lowerSecondary(
  code: string,
  name: string,
  assessment: 'scored' | 'comment',
  periodsByGrade: Record<number, number>,
): SubjectDraft {
  return { code: `THCS_${code}`, name, level: 'THCS', assessment, elective: false, periodsByGrade };
}

function upperSecondary(
  code: string,
  name: string,
  assessment: 'scored' | 'comment',
  periods: number,
  elective: boolean,
): SubjectDraft {
  return {
    code: `THPT_${code}`,
    name,
    level: 'THPT',
    assessment,
    elective,
    periodsByGrade: sameForGrades(GRADES_BY_LEVEL.THPT, periods),
  };
}

const TH = GRADES_BY_LEVEL.TH;
const THCS = GRADES_BY_LEVEL.THCS;

const DRAFTS: readonly SubjectDraft[] = [
  // Tiểu học: Circular 27/2020
  primary('TIENG_VIET', 'Tiếng Việt', 'level_test', { 1: 420, 2: 350, 3: 245, 4: 245, 5: 245 }),
  primary('TOAN', 'Toán', 'level_test', { 1: 105, 2: 175, 3: 175, 4: 175, 5: 175 }),
  primary('NGOAI_NGU_1', 'Ngoại ngữ 1', 'level_test', sameForGrades([3, 4, 5], 140)),
  primary('DAO_DUC', 'Đạo đức', 'level', sameForGrades(TH, 35)),
  primary('TNXH', 'Tự nhiên và Xã hội', 'level', sameForGrades([1, 2, 3], 70)),
  primary('LS_DL', 'Lịch sử và Địa lí', 'level_test', sameForGrades([4, 5], 70)),
  // Periodic test in Khoa học: to confirm (see scienceRequiresPeriodicTest in grading/circular27).
  primary('KHOA_HOC', 'Khoa học', 'level_test', sameForGrades([4, 5], 70)),
  primary('TIN_HOC_CONG_NGHE', 'Tin học và Công nghệ', 'level_test', sameForGrades([3, 4, 5], 70)),
  primary('GDTC', 'Giáo dục thể chất', 'level', sameForGrades(TH, 70)),
  primary('NGHE_THUAT', 'Nghệ thuật (Âm nhạc, Mĩ thuật)', 'level', sameForGrades(TH, 70)),
  primary('HDTN', 'Hoạt động trải nghiệm', 'level', sameForGrades(TH, 105)),
  // Trung học cơ sở: Circular 22/2021
  lowerSecondary('NGU_VAN', 'Ngữ văn', 'scored', sameForGrades(THCS, 140)),
  lowerSecondary('TOAN', 'Toán', 'scored', sameForGrades(THCS, 140)),
  lowerSecondary('NGOAI_NGU_1', 'Ngoại ngữ 1', 'scored', sameForGrades(THCS, 105)),
  lowerSecondary('GDCD', 'Giáo dục công dân', 'scored', sameForGrades(THCS, 35)),
  lowerSecondary('LS_DL', 'Lịch sử và Địa lí', 'scored', sameForGrades(THCS, 105)),
  lowerSecondary('KHTN', 'Khoa học tự nhiên', 'scored', sameForGrades(THCS, 140)),
  lowerSecondary('CONG_NGHE', 'Công nghệ', 'scored', { 6: 35, 7: 35, 8: 52, 9: 52 }),
  lowerSecondary('TIN_HOC', 'Tin học', 'scored', sameForGrades(THCS, 35)),
  lowerSecondary('GDTC', 'Giáo dục thể chất', 'comment', sameForGrades(THCS, 70)),
  lowerSecondary('NGHE_THUAT', 'Nghệ thuật (Âm nhạc, Mĩ thuật)', 'comment', sameForGrades(THCS, 70)),
  lowerSecondary('HDTN', 'Hoạt động trải nghiệm, hướng nghiệp', 'comment', sameForGrades(THCS, 105)),
  lowerSecondary('GDDP', 'Nội dung giáo dục của địa phương', 'comment', sameForGrades(THCS, 35)),
  // Trung học phổ thông: Circular 22/2021; compulsory subjects, then the electives (4 chosen, 70 periods each)
  upperSecondary('NGU_VAN', 'Ngữ văn', 'scored', 105, false),
  upperSecondary('TOAN', 'Toán', 'scored', 105, false),
  upperSecondary('NGOAI_NGU_1', 'Ngoại ngữ 1', 'scored', 105, false),
  upperSecondary('LICH_SU', 'Lịch sử', 'scored', 52, false),
  upperSecondary('GDTC', 'Giáo dục thể chất', 'comment', 70, false),
  upperSecondary('GDQPAN', 'Giáo dục quốc phòng và an ninh', 'scored', 35, false),
  upperSecondary('HDTN', 'Hoạt động trải nghiệm, hướng nghiệp', 'comment', 105, false),
  upperSecondary('GDDP', 'Nội dung giáo dục của địa phương', 'comment', 35, false),
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

/**
 * Every subject of the programme, in học bạ order (primary, then lower, then upper secondary). Used by the
 * database seed: `import { CURRICULUM } from '@smartedu/domain'`.
 */
export const CURRICULUM: readonly CurriculumSubject[] = DRAFTS.map((draft, index) => ({
  ...draft,
  sortOrder: index + 1,
}));

/** Number of elective subjects a THPT student takes (môn học lựa chọn). */
export const THPT_ELECTIVE_COUNT = 4;

const BY_CODE = new Map(CURRICULUM.map((subject) => [subject.code, subject]));

/** The subject with this code (e.g. "THCS_TOAN"), or undefined. */
export function findSubject(code: string): CurriculumSubject | undefined {
  return BY_CODE.get(code);
}

/** The school level of a grade 1-12; throws a RangeError for any other value. */
export function levelOfGrade(grade: number): SchoolLevel {
  if (!Number.isInteger(grade) || grade < 1 || grade > 12) {
    throw new RangeError(`grade must be an integer from 1 to 12, got ${grade}`);
  }
  if (grade <= 5) return 'TH';
  return grade <= 9 ? 'THCS' : 'THPT';
}

/** Subjects studied in a grade (for THPT: all compulsory subjects and every elective on offer). */
export function subjectsForGrade(grade: number): CurriculumSubject[] {
  const level = levelOfGrade(grade);
  return CURRICULUM.filter(
    (subject) => subject.level === level && subject.periodsByGrade[grade] !== undefined,
  );
}

/**
 * Periods per school year of a subject in a grade (số tiết/năm học), or undefined when the subject is not
 * studied in that grade (e.g. TH_NGOAI_NGU_1 in grade 1). Throws a RangeError for an unknown subject code.
 */
export function periodsPerYear(subjectCode: string, grade: number): number | undefined {
  const subject = findSubject(subjectCode);
  if (!subject) throw new RangeError(`unknown subject code: ${subjectCode}`);
  return subject.periodsByGrade[grade];
}
