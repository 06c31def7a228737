import { CURRICULUM, levelOfGrade, type SchoolLevel } from '../curriculum/subjects';

/**
 * Classes and teachers needed for a projected enrolment.
 *
 * Class-size caps (sĩ số tối đa): primary 35 students per class (Điều lệ trường tiểu học, Circular 28/2020/
 * TT-BGDĐT), lower and upper secondary 45 (Điều lệ trường trung học, Circular 32/2020/TT-BGDĐT). Source:
 * shared/domain/README.md (Circular 20/2023 section). Configurable.
 *
 * Teacher norms (định mức số lượng giáo viên), Circular 20/2023/TT-BGDĐT (in force 16/12/2023), per
 * shared/domain/README.md: TH at most 1.50 teachers per class ("to confirm" there; 1.70 for semi-boarding ethnic
 * and special schools), THCS 1.90 per class (checked; 2.20 ethnic boarding / semi-boarding / special), THPT
 * 2.25 per class (checked; 2.40 ethnic boarding), plus one Đội (Young Pioneers) teacher per TH and THCS school.
 * The corpus searched for this work holds no copy of the circular's text, so the TH ratio stays "to confirm".
 * The norm is the ceiling the department may staff to; the per-subject need below is the demand from periods.
 *
 * Per-subject need: periods per week of the subject in each grade (periods per year of the 2018 programme / 35
 * weeks) × classes of the grade, divided by the standard teaching load per week (định mức tiết dạy): 23
 * periods in primary, 19 in lower secondary, 17 in upper secondary (as the brief and the long-standing norm
 * state). A fraction of a teacher still needs a person at one school (needed = ⌈FTE⌉); across a department,
 * teachers can be shared between schools (dạy liên trường), so its need is ⌈Σ FTE⌉.
 */

export type ClassSizeLimits = Readonly<Record<SchoolLevel, number>>;
export const DEFAULT_CLASS_SIZE_LIMITS: ClassSizeLimits = { TH: 35, THCS: 45, THPT: 45 };

export type TeacherNorms = {
  perClass: Readonly<Record<SchoolLevel, number>>;
  /** One Tổng phụ trách Đội per school (TH, THCS). */
  doiTeacher: Readonly<Record<SchoolLevel, number>>;
  /** Standard teaching load, periods per week. */
  weeklyLoad: Readonly<Record<SchoolLevel, number>>;
};
export const CIRCULAR_20_2023_NORMS: TeacherNorms = {
  perClass: { TH: 1.5, THCS: 1.9, THPT: 2.25 },
  doiTeacher: { TH: 1, THCS: 1, THPT: 0 },
  weeklyLoad: { TH: 23, THCS: 19, THPT: 17 },
};
export const SCHOOL_WEEKS = 35;

/** Classes needed for a number of students under a cap: ⌈students / cap⌉ (0 students → 0 classes). */
export function classesNeeded(students: number, cap: number): number {
  if (!(cap > 0)) throw new RangeError('class-size cap must be positive');
  return students <= 0 ? 0 : Math.ceil(students / cap - 1e-9);
}

/** Classes per grade for per-grade counts. */
export function classesByGrade(
  counts: Readonly<Record<number, number>>,
  limits: ClassSizeLimits = DEFAULT_CLASS_SIZE_LIMITS,
): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [g, n] of Object.entries(counts))
    out[Number(g)] = classesNeeded(n, limits[levelOfGrade(Number(g))]);
  return out;
}

/** Teachers under the Circular 20/2023 norm for the classes of one level at one school. */
export function normTeachers(
  level: SchoolLevel,
  classes: number,
  norms: TeacherNorms = CIRCULAR_20_2023_NORMS,
) {
  const byClass = classes * norms.perClass[level];
  const doi = classes > 0 ? norms.doiTeacher[level] : 0;
  return { byClass: Math.round(byClass * 100) / 100, doi, total: Math.round((byClass + doi) * 100) / 100 };
}

/** Subject groups for staffing (nhóm môn), each with the curriculum parts it teaches and who can teach it. */
export type StaffingGroup = {
  code: string;
  name: string;
  level: SchoolLevel;
  /** Curriculum subjects taught by this group and the share of their periods (Tin học và Công nghệ: Tin ½). */
  parts: readonly { subjectCode: string; share: number }[];
  /** Staff main subjects (staff.main_subject_code) counted as this group's teachers. */
  supply: readonly string[];
  /** The seed's named subjects (004 §4): English, IT, Music. */
  highlight: 'english' | 'it' | 'music' | null;
  /** Taught by homeroom and other teachers in turn: demand is counted, no balance is computed. */
  pooled: boolean;
};

const g = (
  level: SchoolLevel,
  code: string,
  name: string,
  parts: [string, number][],
  supply: string[],
  highlight: StaffingGroup['highlight'] = null,
  pooled = false,
): StaffingGroup => ({
  code,
  name,
  level,
  parts: parts.map(([subjectCode, share]) => ({ subjectCode, share })),
  supply,
  highlight,
  pooled,
});

/**
 * Primary: the class teacher (giáo viên dạy lớp) teaches Tiếng Việt, Toán, Đạo đức, TNXH, LS&ĐL, Khoa học, HĐTN
 * and the Công nghệ half of Tin học và Công nghệ; specialists teach Ngoại ngữ 1, Tin học, GDTC and Nghệ thuật.
 * The registry (like the 2018 programme's subject list) records Nghệ thuật (Âm nhạc, Mĩ thuật) as one subject at
 * TH and THCS, so Music is reported within the arts group there; THPT has Âm nhạc on its own.
 */
export const STAFFING_GROUPS: readonly StaffingGroup[] = [
  g(
    'TH',
    'TH_LOP',
    'Giáo viên dạy lớp (Tiếng Việt, Toán, Đạo đức, TNXH, LS&ĐL, Khoa học, HĐTN, Công nghệ)',
    [
      ['TH_TIENG_VIET', 1],
      ['TH_TOAN', 1],
      ['TH_DAO_DUC', 1],
      ['TH_TNXH', 1],
      ['TH_LS_DL', 1],
      ['TH_KHOA_HOC', 1],
      ['TH_HDTN', 1],
      ['TH_TIN_HOC_CONG_NGHE', 0.5],
    ],
    ['TH_TIENG_VIET', 'TH_TOAN', 'TH_DAO_DUC', 'TH_TNXH', 'TH_LS_DL', 'TH_KHOA_HOC', 'TH_HDTN'],
  ),
  g('TH', 'TH_TIENG_ANH', 'Tiếng Anh (Ngoại ngữ 1)', [['TH_NGOAI_NGU_1', 1]], ['TH_NGOAI_NGU_1'], 'english'),
  g('TH', 'TH_TIN_HOC', 'Tin học', [['TH_TIN_HOC_CONG_NGHE', 0.5]], ['TH_TIN_HOC_CONG_NGHE'], 'it'),
  g('TH', 'TH_GDTC', 'Giáo dục thể chất', [['TH_GDTC', 1]], ['TH_GDTC']),
  g(
    'TH',
    'TH_NGHE_THUAT',
    'Nghệ thuật (Âm nhạc, Mĩ thuật)',
    [['TH_NGHE_THUAT', 1]],
    ['TH_NGHE_THUAT'],
    'music',
  ),
  g('THCS', 'THCS_NGU_VAN', 'Ngữ văn', [['THCS_NGU_VAN', 1]], ['THCS_NGU_VAN']),
  g('THCS', 'THCS_TOAN', 'Toán', [['THCS_TOAN', 1]], ['THCS_TOAN']),
  g(
    'THCS',
    'THCS_TIENG_ANH',
    'Tiếng Anh (Ngoại ngữ 1)',
    [['THCS_NGOAI_NGU_1', 1]],
    ['THCS_NGOAI_NGU_1'],
    'english',
  ),
  g('THCS', 'THCS_GDCD', 'Giáo dục công dân', [['THCS_GDCD', 1]], ['THCS_GDCD']),
  g('THCS', 'THCS_LS_DL', 'Lịch sử và Địa lí', [['THCS_LS_DL', 1]], ['THCS_LS_DL']),
  g('THCS', 'THCS_KHTN', 'Khoa học tự nhiên', [['THCS_KHTN', 1]], ['THCS_KHTN']),
  g('THCS', 'THCS_CONG_NGHE', 'Công nghệ', [['THCS_CONG_NGHE', 1]], ['THCS_CONG_NGHE']),
  g('THCS', 'THCS_TIN_HOC', 'Tin học', [['THCS_TIN_HOC', 1]], ['THCS_TIN_HOC'], 'it'),
  g('THCS', 'THCS_GDTC', 'Giáo dục thể chất', [['THCS_GDTC', 1]], ['THCS_GDTC']),
  g(
    'THCS',
    'THCS_NGHE_THUAT',
    'Nghệ thuật (Âm nhạc, Mĩ thuật)',
    [['THCS_NGHE_THUAT', 1]],
    ['THCS_NGHE_THUAT'],
    'music',
  ),
  g(
    'THCS',
    'THCS_CHUNG',
    'HĐTN, hướng nghiệp và giáo dục địa phương (phân công chung)',
    [
      ['THCS_HDTN', 1],
      ['THCS_GDDP', 1],
    ],
    [],
    null,
    true,
  ),
];

/** Teaching demand of one group in full-time teachers (FTE) for classes per grade. */
export function groupDemandFte(
  group: StaffingGroup,
  classes: Readonly<Record<number, number>>,
  norms: TeacherNorms = CIRCULAR_20_2023_NORMS,
): number {
  const curriculum = new Map(CURRICULUM.map((s) => [s.code, s]));
  let periodsPerWeek = 0;
  for (const part of group.parts) {
    const subject = curriculum.get(part.subjectCode);
    if (!subject) throw new RangeError(`unknown subject code: ${part.subjectCode}`);
    for (const [grade, n] of Object.entries(classes)) {
      const periods = subject.periodsByGrade[Number(grade)];
      if (periods) periodsPerWeek += (n * periods * part.share) / SCHOOL_WEEKS;
    }
  }
  return periodsPerWeek / norms.weeklyLoad[group.level];
}

export type StaffingLine = {
  group: StaffingGroup;
  fte: number;
  needed: number;
  current: number;
  /** current − needed: positive = surplus (thừa), negative = shortage (thiếu); null for pooled groups. */
  balance: number | null;
};

/** Per-group need against the current teachers (main subject → count) for one school's classes per grade. */
export function staffingBySubject(
  classes: Readonly<Record<number, number>>,
  currentByMainSubject: Readonly<Record<string, number>>,
  norms: TeacherNorms = CIRCULAR_20_2023_NORMS,
): StaffingLine[] {
  const levels = new Set(
    Object.entries(classes)
      .filter(([, n]) => n > 0)
      .map(([grade]) => levelOfGrade(Number(grade))),
  );
  // Teachers of a level the school teaches also count when it has no class of that grade this year.
  for (const code of Object.keys(currentByMainSubject)) {
    const level = code.split('_')[0] as SchoolLevel;
    if (currentByMainSubject[code] > 0 && (level === 'TH' || level === 'THCS' || level === 'THPT'))
      levels.add(level);
  }
  return STAFFING_GROUPS.filter((grp) => levels.has(grp.level)).map((group) => {
    const fte = Math.round(groupDemandFte(group, classes, norms) * 100) / 100;
    const needed = Math.ceil(fte - 1e-9);
    const current = group.supply.reduce((a, code) => a + (currentByMainSubject[code] ?? 0), 0);
    return { group, fte, needed, current, balance: group.pooled ? null : current - needed };
  });
}
