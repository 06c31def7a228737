import {
  computeCount,
  computeRatio,
  computeShare,
  type TargetComputation,
  type TargetMeasure,
} from './target-progress';

/**
 * Named target definitions (định nghĩa chỉ tiêu): each turns plain counters into numerator / denominator /
 * value. The counters are the operations rollup's metric names, summed over the schools (and, for a
 * drill-down, per class). A counter ending in '@plan' is counted for the plan the target belongs to.
 *
 * Whose result counts (the same rule in the rollup and in the student drill-down):
 * - Primary (Circular 27): a student's latest term with ratings. "Qualities Tốt" = all five qualities rated T;
 *   "qualities Đạt or better" = all five rated T or Đ (none CCG). Competencies likewise over the ten.
 *   A student is assessed once all five (ten) are rated in that term.
 * - Lower secondary (Circular 22): the latest period (year, else term 2, else term 1) with a result.
 *   Conduct (kết quả rèn luyện, the plan's "phẩm chất") and learning (kết quả học tập, "năng lực"):
 *   Khá + Tốt = K or T; Đạt or better = T, K or Đ.
 * - Shares are over the students assessed, not over all students: who has no result yet is not counted
 *   against the target; the rollup keeps the assessed count beside it so coverage stays visible.
 */

export type Counters = Readonly<Record<string, number>>;
export type TargetPopulation =
  | 'primary_students'
  | 'lower_secondary_students'
  | 'students'
  | 'classes'
  | 'rooms'
  | 'teachers';

export type TargetDefinition = {
  code: TargetDefinitionCode;
  name: string;
  en: string;
  measure: TargetMeasure;
  population: TargetPopulation;
  /** Only smart classes (lớp học thông minh) are counted. */
  smartOnly: boolean;
  counters: readonly string[];
  compute: (c: Counters) => TargetComputation;
};

const n = (c: Counters, key: string) => c[key] ?? 0;

// Primary, Circular 27 ----------------------------------------------------------------------------------------

/** Share of assessed primary smart-class students with all five qualities Đạt or better. */
export const primarySmartQualitiesPass = (c: Counters) =>
  computeShare(n(c, 'smart.tt27.q_pass'), n(c, 'smart.tt27.q_assessed'));
/** Share of assessed primary smart-class students with all five qualities rated Tốt. */
export const primarySmartQualitiesGood = (c: Counters) =>
  computeShare(n(c, 'smart.tt27.q_good'), n(c, 'smart.tt27.q_assessed'));
/** Share of assessed primary smart-class students with all ten competencies Đạt or better. */
export const primarySmartCompetenciesPass = (c: Counters) =>
  computeShare(n(c, 'smart.tt27.c_pass'), n(c, 'smart.tt27.c_assessed'));
/** Share of assessed primary smart-class students with all ten competencies rated Tốt. */
export const primarySmartCompetenciesGood = (c: Counters) =>
  computeShare(n(c, 'smart.tt27.c_good'), n(c, 'smart.tt27.c_assessed'));
/** Share of assessed primary students (all classes) with all five qualities rated Tốt. */
export const primaryQualitiesGood = (c: Counters) =>
  computeShare(n(c, 'tt27.q_good'), n(c, 'tt27.q_assessed'));

// Lower secondary, Circular 22 ---------------------------------------------------------------------------------

/** Share of assessed THCS smart-class students with conduct Đạt or better. */
export const lowerSecondarySmartConductPass = (c: Counters) =>
  computeShare(n(c, 'smart.tt22.conduct_pass'), n(c, 'smart.tt22.conduct_assessed'));
/** Share of assessed THCS smart-class students with conduct Khá or Tốt. */
export const lowerSecondarySmartConductGood = (c: Counters) =>
  computeShare(n(c, 'smart.tt22.conduct_good'), n(c, 'smart.tt22.conduct_assessed'));
/** Share of assessed THCS smart-class students with learning result Đạt or better. */
export const lowerSecondarySmartLearningPass = (c: Counters) =>
  computeShare(n(c, 'smart.tt22.learning_pass'), n(c, 'smart.tt22.learning_assessed'));
/** Share of assessed THCS smart-class students with learning result Khá or Tốt. */
export const lowerSecondarySmartLearningGood = (c: Counters) =>
  computeShare(n(c, 'smart.tt22.learning_good'), n(c, 'smart.tt22.learning_assessed'));
/** Share of assessed THCS students (all classes) with learning result Khá or Tốt. */
export const lowerSecondaryLearningGood = (c: Counters) =>
  computeShare(n(c, 'tt22.learning_good'), n(c, 'tt22.learning_assessed'));

// Registry and pilot --------------------------------------------------------------------------------------------

/** Number of smart classes (lớp học thông minh) in the school year. */
export const smartClassCount = (c: Counters) => computeCount(n(c, 'classes.smart'));
/** Students studying in smart classes. */
export const smartClassStudents = (c: Counters) => computeCount(n(c, 'smart.students.studying'));
/** Smart rooms equipped under the plan and in use. */
export const smartRoomsInUse = (c: Counters) => computeCount(n(c, 'rooms.in_use@plan'));
/**
 * Share of the teachers assigned to smart classes who logged use of a smart room's equipment in the school
 * year (nhật ký sử dụng thiết bị).
 */
export const smartTeachersUsingEquipment = (c: Counters) =>
  computeShare(n(c, 'smart.teachers_using'), n(c, 'smart.teachers'));
/** Studying students per working computer, laptop or tablet (bình quân số HS / 01 máy tính). */
export const studentsPerComputer = (c: Counters) =>
  computeRatio(n(c, 'students.studying'), n(c, 'equipment.computers'));

const share = 'percent' as const;
export const TARGET_DEFINITIONS = {
  primary_smart_qualities_pass: {
    name: 'HS lớp thông minh cấp TH được đánh giá Đạt trở lên về phẩm chất',
    en: 'Primary smart-class students rated Đạt or better on qualities',
    measure: share,
    population: 'primary_students',
    smartOnly: true,
    counters: ['smart.tt27.q_pass', 'smart.tt27.q_assessed'],
    compute: primarySmartQualitiesPass,
  },
  primary_smart_qualities_good: {
    name: 'HS lớp thông minh cấp TH có phẩm chất Tốt',
    en: 'Primary smart-class students with qualities rated Tốt',
    measure: share,
    population: 'primary_students',
    smartOnly: true,
    counters: ['smart.tt27.q_good', 'smart.tt27.q_assessed'],
    compute: primarySmartQualitiesGood,
  },
  primary_smart_competencies_pass: {
    name: 'HS lớp thông minh cấp TH được đánh giá Đạt trở lên về năng lực',
    en: 'Primary smart-class students rated Đạt or better on competencies',
    measure: share,
    population: 'primary_students',
    smartOnly: true,
    counters: ['smart.tt27.c_pass', 'smart.tt27.c_assessed'],
    compute: primarySmartCompetenciesPass,
  },
  primary_smart_competencies_good: {
    name: 'HS lớp thông minh cấp TH có năng lực Tốt',
    en: 'Primary smart-class students with competencies rated Tốt',
    measure: share,
    population: 'primary_students',
    smartOnly: true,
    counters: ['smart.tt27.c_good', 'smart.tt27.c_assessed'],
    compute: primarySmartCompetenciesGood,
  },
  primary_qualities_good: {
    name: 'HS tiểu học có phẩm chất Tốt',
    en: 'Primary students with qualities rated Tốt',
    measure: share,
    population: 'primary_students',
    smartOnly: false,
    counters: ['tt27.q_good', 'tt27.q_assessed'],
    compute: primaryQualitiesGood,
  },
  lower_secondary_smart_conduct_pass: {
    name: 'HS lớp thông minh cấp THCS xếp loại Đạt trở lên về phẩm chất (rèn luyện)',
    en: 'Lower-secondary smart-class students with conduct Đạt or better',
    measure: share,
    population: 'lower_secondary_students',
    smartOnly: true,
    counters: ['smart.tt22.conduct_pass', 'smart.tt22.conduct_assessed'],
    compute: lowerSecondarySmartConductPass,
  },
  lower_secondary_smart_conduct_good: {
    name: 'HS lớp thông minh cấp THCS xếp loại Khá, Tốt về phẩm chất (rèn luyện)',
    en: 'Lower-secondary smart-class students with conduct Khá or Tốt',
    measure: share,
    population: 'lower_secondary_students',
    smartOnly: true,
    counters: ['smart.tt22.conduct_good', 'smart.tt22.conduct_assessed'],
    compute: lowerSecondarySmartConductGood,
  },
  lower_secondary_smart_learning_pass: {
    name: 'HS lớp thông minh cấp THCS xếp loại Đạt trở lên về năng lực (học tập)',
    en: 'Lower-secondary smart-class students with learning result Đạt or better',
    measure: share,
    population: 'lower_secondary_students',
    smartOnly: true,
    counters: ['smart.tt22.learning_pass', 'smart.tt22.learning_assessed'],
    compute: lowerSecondarySmartLearningPass,
  },
  lower_secondary_smart_learning_good: {
    name: 'HS lớp thông minh cấp THCS xếp loại Khá, Tốt về năng lực (học tập)',
    en: 'Lower-secondary smart-class students with learning result Khá or Tốt',
    measure: share,
    population: 'lower_secondary_students',
    smartOnly: true,
    counters: ['smart.tt22.learning_good', 'smart.tt22.learning_assessed'],
    compute: lowerSecondarySmartLearningGood,
  },
  lower_secondary_learning_good: {
    name: 'HS THCS có kết quả học tập Khá, Tốt',
    en: 'Lower-secondary students with learning result Khá or Tốt',
    measure: share,
    population: 'lower_secondary_students',
    smartOnly: false,
    counters: ['tt22.learning_good', 'tt22.learning_assessed'],
    compute: lowerSecondaryLearningGood,
  },
  smart_class_count: {
    name: 'Số lớp học thông minh',
    en: 'Smart classes',
    measure: 'count',
    population: 'classes',
    smartOnly: true,
    counters: ['classes.smart'],
    compute: smartClassCount,
  },
  smart_class_students: {
    name: 'Số HS học lớp thông minh',
    en: 'Students in smart classes',
    measure: 'count',
    population: 'students',
    smartOnly: true,
    counters: ['smart.students.studying'],
    compute: smartClassStudents,
  },
  smart_rooms_in_use: {
    name: 'Phòng học thông minh mới được đầu tư, đưa vào sử dụng',
    en: 'New smart rooms equipped and in use',
    measure: 'count',
    population: 'rooms',
    smartOnly: true,
    counters: ['rooms.in_use@plan'],
    compute: smartRoomsInUse,
  },
  smart_teachers_using_equipment: {
    name: 'GV dạy lớp thông minh khai thác, sử dụng thiết bị',
    en: 'Smart-class teachers using the equipment',
    measure: share,
    population: 'teachers',
    smartOnly: true,
    counters: ['smart.teachers_using', 'smart.teachers'],
    compute: smartTeachersUsingEquipment,
  },
  students_per_computer: {
    name: 'Số HS bình quân trên 01 máy tính',
    en: 'Students per computer',
    measure: 'ratio',
    population: 'students',
    smartOnly: false,
    counters: ['students.studying', 'equipment.computers'],
    compute: studentsPerComputer,
  },
} as const satisfies Record<string, Omit<TargetDefinition, 'code'>>;

export type TargetDefinitionCode = keyof typeof TARGET_DEFINITIONS;
export const TARGET_DEFINITION_CODES = Object.keys(TARGET_DEFINITIONS) as TargetDefinitionCode[];

export function isTargetDefinitionCode(code: string): code is TargetDefinitionCode {
  return Object.hasOwn(TARGET_DEFINITIONS, code);
}

export function targetDefinition(code: TargetDefinitionCode): TargetDefinition {
  return { code, ...TARGET_DEFINITIONS[code] };
}
