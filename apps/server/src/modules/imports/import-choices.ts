import { normalizeKey } from './sheet-parse';

/**
 * Closed lists shown in the templates' dropdowns ('Danh mục' sheet), read back by the validators and written by
 * the exports. The first label of each value is the one templates and exports use; the others are accepted
 * spellings.
 */
export type Choice<V extends string> = { value: V; labels: readonly string[] };

export type ChoiceList<V extends string> = {
  name: string; // Vietnamese name of the list (column title in 'Danh mục')
  choices: readonly Choice<V>[];
  /** Labels for the dropdown, in order. */
  labels: string[];
  /** Text → value (normalised match on labels and on the raw value), or undefined. */
  parse: (text: string) => V | undefined;
  /** Value → first label (the raw value when unknown). */
  label: (value: string | null) => string | null;
};

export function choiceList<V extends string>(name: string, choices: readonly Choice<V>[]): ChoiceList<V> {
  const byKey = new Map<string, V>();
  const exact = new Map<string, V>(); // as typed: the common case, no normalisation needed
  for (const c of choices) {
    exact.set(c.value, c.value);
    for (const l of c.labels) exact.set(l, c.value);
    byKey.set(normalizeKey(c.value), c.value);
    for (const l of c.labels) byKey.set(normalizeKey(l), c.value);
  }
  const first = new Map<string, string>(choices.map((c) => [c.value, c.labels[0]]));
  return {
    name,
    choices,
    labels: choices.map((c) => c.labels[0]),
    parse: (text) => exact.get(text) ?? byKey.get(normalizeKey(text)),
    label: (value) => (value === null ? null : (first.get(value) ?? value)),
  };
}

// Giới tính
export const GENDERS = choiceList('Giới tính', [
  { value: 'M', labels: ['Nam', 'Trai'] },
  { value: 'F', labels: ['Nữ', 'Gái'] },
]);

// Hộ nghèo / cận nghèo
export const POVERTY = choiceList('Hộ nghèo/cận nghèo', [
  { value: 'none', labels: ['Không', 'Không thuộc'] },
  { value: 'poor', labels: ['Hộ nghèo', 'Nghèo'] },
  { value: 'near_poor', labels: ['Hộ cận nghèo', 'Cận nghèo'] },
]);

// Mồ côi
export const ORPHAN = choiceList('Mồ côi', [
  { value: 'none', labels: ['Không'] },
  { value: 'one_parent', labels: ['Mồ côi cha hoặc mẹ', 'Mồ côi cha', 'Mồ côi mẹ', 'Mồ côi một'] },
  { value: 'both', labels: ['Mồ côi cả cha và mẹ', 'Mồ côi cả cha lẫn mẹ', 'Mồ côi cả hai'] },
]);

/** Khuyết tật: suggestions only (the cell is free text); 'Không' means none. */
export const DISABILITY_SUGGESTIONS = ['Không', 'vận động', 'nghe', 'nhìn', 'trí tuệ', 'học tập', 'khác'];
export const NO_DISABILITY = new Set(['', 'khong', 'khongco', 'none']);

// Quan hệ với học sinh
export const RELATIONSHIPS = choiceList('Quan hệ', [
  { value: 'father', labels: ['Bố', 'Cha'] },
  { value: 'mother', labels: ['Mẹ', 'Má'] },
  { value: 'grandparent', labels: ['Ông/Bà', 'Ông', 'Bà', 'Ông bà'] },
  { value: 'sibling', labels: ['Anh/Chị', 'Anh', 'Chị', 'Anh chị'] },
  { value: 'guardian', labels: ['Người giám hộ', 'Giám hộ'] },
  { value: 'other', labels: ['Khác'] },
]);

export const YES_NO = choiceList('Có/Không', [
  { value: 'yes', labels: ['Có', 'x', 'true', 'đúng', '1'] },
  { value: 'no', labels: ['Không', 'false', 'sai', '0'] },
]);

// Nhóm cán bộ: CBQL | GV | NV
export const STAFF_CATEGORIES = choiceList('Nhóm', [
  { value: 'manager', labels: ['Cán bộ quản lý', 'CBQL', 'Quản lý'] },
  { value: 'teacher', labels: ['Giáo viên', 'GV'] },
  { value: 'employee', labels: ['Nhân viên', 'NV'] },
]);

// Chức vụ / vị trí việc làm
export const STAFF_POSITIONS = choiceList('Chức vụ', [
  { value: 'principal', labels: ['Hiệu trưởng'] },
  { value: 'vice_principal', labels: ['Phó hiệu trưởng'] },
  { value: 'teacher', labels: ['Giáo viên'] },
  { value: 'librarian', labels: ['Thư viện', 'Nhân viên thư viện'] },
  { value: 'accountant', labels: ['Kế toán'] },
  { value: 'clerk', labels: ['Văn thư'] },
  { value: 'specialist', labels: ['Chuyên viên'] },
  { value: 'head', labels: ['Trưởng phòng', 'Giám đốc'] },
  { value: 'deputy_head', labels: ['Phó trưởng phòng', 'Phó giám đốc'] },
]);

// Trình độ đào tạo
export const QUALIFICATIONS = choiceList('Trình độ', [
  { value: 'intermediate', labels: ['Trung cấp'] },
  { value: 'college', labels: ['Cao đẳng'] },
  { value: 'bachelor', labels: ['Đại học', 'Cử nhân'] },
  { value: 'master', labels: ['Thạc sĩ'] },
  { value: 'doctor', labels: ['Tiến sĩ'] },
  { value: 'other', labels: ['Khác'] },
]);

// Trạng thái công tác
export const STAFF_STATUSES = choiceList('Trạng thái', [
  { value: 'working', labels: ['Đang làm việc', 'Đang công tác'] },
  { value: 'leave', labels: ['Tạm nghỉ', 'Nghỉ phép'] },
  { value: 'retired', labels: ['Nghỉ hưu'] },
  { value: 'transferred', labels: ['Chuyển công tác'] },
]);
