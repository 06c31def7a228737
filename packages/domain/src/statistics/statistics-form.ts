/**
 * Biểu mẫu thống kê: a form is a set of tables (section × row × column); every cell is a non-negative integer,
 * keyed `section.row.column`. A column is filled from the registry (schools, classes, students, staff) or by the
 * school (what the registry does not hold: rooms, computers…). Checks are declarative (a total equals the sum of
 * its parts; a part is at most its whole) so the same definition validates, renders and aggregates.
 */

export type FieldSource = 'registry' | 'school';
export type StatColumn = { key: string; label: string; source: FieldSource };
export type StatRow = { key: string; label: string };
export type StatSection = { key: string; title: string; rows: StatRow[]; columns: StatColumn[] };
export type StatCheck =
  | { kind: 'sum'; total: string; parts: string[] }
  | { kind: 'lte'; part: string; whole: string };
export type StatFormDefinition = {
  code: string;
  title: string;
  /** Legal basis shown on the printed report. */
  basis: string;
  sections: StatSection[];
  checks: StatCheck[];
};
export type StatValues = Record<string, number>;

export const fieldKey = (section: string, row: string, column: string) => `${section}.${row}.${column}`;

/** Every field of a form with its label ("Học sinh — Lớp 6 — Nữ") and source. */
export function formFields(def: StatFormDefinition) {
  return def.sections.flatMap((s) =>
    s.rows.flatMap((r) =>
      s.columns.map((c) => ({
        key: fieldKey(s.key, r.key, c.key),
        label: `${s.title} — ${r.label} — ${c.label}`,
        source: c.source,
      })),
    ),
  );
}

const GRADE_ROWS = (grades: readonly number[]): StatRow[] => [
  ...grades.map((g) => ({ key: `g${g}`, label: `Lớp ${g}` })),
  { key: 'total', label: 'Tổng số' },
];

export const STAFF_CATEGORIES = ['manager', 'teacher', 'employee'] as const;
export const QUALIFICATIONS = ['doctor', 'master', 'bachelor', 'college', 'intermediate', 'other'] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];
export type Qualification = (typeof QUALIFICATIONS)[number];
const QUALIFICATION_LABEL: Record<Qualification, string> = {
  doctor: 'Tiến sĩ',
  master: 'Thạc sĩ',
  bachelor: 'Đại học',
  college: 'Cao đẳng',
  intermediate: 'Trung cấp',
  other: 'Khác',
};
export const FACILITY_ITEMS = [
  { key: 'classrooms', label: 'Phòng học' },
  { key: 'classrooms_solid', label: 'Phòng học kiên cố' },
  { key: 'smart_rooms', label: 'Phòng học thông minh' },
  { key: 'computers', label: 'Máy tính dùng cho dạy học' },
  { key: 'computers_internet', label: 'Máy tính kết nối Internet' },
  { key: 'interactive_boards', label: 'Màn hình tương tác, bảng thông minh' },
] as const;

/**
 * The quarterly statistics form of a school (Biểu thống kê định kỳ hằng quý): the school and its sites, classes, students by grade ×
 * gender × ethnic minority × disability, staff by category and qualification (from the registry) and facilities
 * (from the school).
 */
export function quarterlySchoolForm(
  grades: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9],
): StatFormDefinition {
  const sorted = [...new Set(grades)].sort((a, b) => a - b);
  const sections: StatSection[] = [
    {
      key: 'schools',
      title: 'Trường, điểm trường',
      rows: [{ key: 'unit', label: 'Trường' }],
      columns: [
        { key: 'count', label: 'Số trường', source: 'registry' },
        { key: 'sites', label: 'Số điểm trường', source: 'registry' },
      ],
    },
    {
      key: 'classes',
      title: 'Lớp học',
      rows: GRADE_ROWS(sorted),
      columns: [
        { key: 'total', label: 'Số lớp', source: 'registry' },
        { key: 'smart', label: 'Lớp học thông minh', source: 'registry' },
      ],
    },
    {
      key: 'students',
      title: 'Học sinh',
      rows: GRADE_ROWS(sorted),
      columns: [
        { key: 'total', label: 'Tổng số', source: 'registry' },
        { key: 'female', label: 'Nữ', source: 'registry' },
        { key: 'minority', label: 'Dân tộc thiểu số', source: 'registry' },
        { key: 'minority_female', label: 'Nữ dân tộc thiểu số', source: 'registry' },
        { key: 'disabled', label: 'Khuyết tật', source: 'registry' },
      ],
    },
    {
      key: 'staff',
      title: 'Cán bộ, giáo viên, nhân viên',
      rows: [
        { key: 'manager', label: 'Cán bộ quản lý' },
        { key: 'teacher', label: 'Giáo viên' },
        { key: 'employee', label: 'Nhân viên' },
        { key: 'total', label: 'Tổng số' },
      ],
      columns: [
        { key: 'total', label: 'Tổng số', source: 'registry' },
        { key: 'female', label: 'Nữ', source: 'registry' },
        { key: 'minority', label: 'Dân tộc thiểu số', source: 'registry' },
        ...QUALIFICATIONS.map((q) => ({
          key: q,
          label: QUALIFICATION_LABEL[q],
          source: 'registry' as const,
        })),
      ],
    },
    {
      key: 'facilities',
      title: 'Cơ sở vật chất',
      rows: FACILITY_ITEMS.map((i) => ({ key: i.key, label: i.label })),
      columns: [{ key: 'count', label: 'Số lượng', source: 'school' }],
    },
  ];
  const checks: StatCheck[] = [];
  // Tables with a total row: each column's total is the sum of the rows.
  for (const s of sections) {
    if (!s.rows.some((r) => r.key === 'total')) continue;
    const parts = s.rows.filter((r) => r.key !== 'total');
    for (const c of s.columns)
      checks.push({
        kind: 'sum',
        total: fieldKey(s.key, 'total', c.key),
        parts: parts.map((r) => fieldKey(s.key, r.key, c.key)),
      });
  }
  for (const r of GRADE_ROWS(sorted)) {
    const k = (c: string) => fieldKey('classes', r.key, c);
    checks.push({ kind: 'lte', part: k('smart'), whole: k('total') });
  }
  for (const r of GRADE_ROWS(sorted)) {
    const k = (c: string) => fieldKey('students', r.key, c);
    checks.push({ kind: 'lte', part: k('female'), whole: k('total') });
    checks.push({ kind: 'lte', part: k('minority'), whole: k('total') });
    checks.push({ kind: 'lte', part: k('minority_female'), whole: k('minority') });
    checks.push({ kind: 'lte', part: k('minority_female'), whole: k('female') });
    checks.push({ kind: 'lte', part: k('disabled'), whole: k('total') });
  }
  for (const r of ['manager', 'teacher', 'employee', 'total']) {
    const k = (c: string) => fieldKey('staff', r, c);
    checks.push({ kind: 'sum', total: k('total'), parts: QUALIFICATIONS.map((q) => k(q)) });
    checks.push({ kind: 'lte', part: k('female'), whole: k('total') });
    checks.push({ kind: 'lte', part: k('minority'), whole: k('total') });
  }
  const f = (item: string) => fieldKey('facilities', item, 'count');
  checks.push({ kind: 'lte', part: f('classrooms_solid'), whole: f('classrooms') });
  checks.push({ kind: 'lte', part: f('smart_rooms'), whole: f('classrooms') });
  checks.push({ kind: 'lte', part: f('computers_internet'), whole: f('computers') });
  return {
    code: 'TK-QUY',
    title: 'Biểu thống kê giáo dục định kỳ hằng quý',
    basis:
      'Kế hoạch giáo dục thông minh và học tập suốt đời: báo cáo theo quý trước 17 giờ 00 các ngày 25/3, 25/6, 25/9 và 25/12',
    sections,
    checks,
  };
}

export type FieldError = { field: string; label: string; message: string };

/**
 * Checks a complete submission: every field present and a non-negative integer, then every check of the form.
 * The messages are Vietnamese and name the field.
 */
export function validateStatValues(
  def: StatFormDefinition,
  values: Readonly<Record<string, unknown>>,
): FieldError[] {
  const fields = formFields(def);
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  const errors: FieldError[] = [];
  const bad = new Set<string>();
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') {
      errors.push({ field: f.key, label: f.label, message: `${f.label}: chưa nhập số liệu` });
      bad.add(f.key);
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      errors.push({ field: f.key, label: f.label, message: `${f.label}: phải là số nguyên không âm` });
      bad.add(f.key);
    }
  }
  for (const key of Object.keys(values))
    if (!labels.has(key)) errors.push({ field: key, label: key, message: `${key}: không có trong biểu mẫu` });
  const num = (k: string) => values[k] as number;
  for (const c of def.checks) {
    if (c.kind === 'sum') {
      if (bad.has(c.total) || c.parts.some((p) => bad.has(p))) continue;
      const sum = c.parts.reduce((s, p) => s + num(p), 0);
      if (sum !== num(c.total))
        errors.push({
          field: c.total,
          label: labels.get(c.total)!,
          message: `${labels.get(c.total)}: ${num(c.total)} khác tổng các thành phần (${sum})`,
        });
    } else {
      if (bad.has(c.part) || bad.has(c.whole)) continue;
      if (num(c.part) > num(c.whole))
        errors.push({
          field: c.part,
          label: labels.get(c.part)!,
          message: `${labels.get(c.part)}: ${num(c.part)} lớn hơn ${labels.get(c.whole)} (${num(c.whole)})`,
        });
    }
  }
  return errors;
}

/** Sums the submissions of many schools field by field (a field missing in a submission counts 0). */
export function aggregateStatValues(def: StatFormDefinition, submissions: readonly StatValues[]): StatValues {
  const out: StatValues = {};
  for (const f of formFields(def)) out[f.key] = 0;
  for (const s of submissions) for (const k of Object.keys(out)) out[k] += s[k] ?? 0;
  return out;
}

/** Counts from the registry, as plain rows (one per group), that the form's registry fields are built from. */
export type RegistryCounts = {
  /** Active sites (điểm trường) of the school, the main site included. */
  sites?: number;
  classes: { grade: number; smart: boolean; count: number }[];
  students: { grade: number; female: boolean; minority: boolean; disabled: boolean; count: number }[];
  staff: {
    category: string;
    qualification: string | null;
    female: boolean;
    minority: boolean;
    count: number;
  }[];
};

const qualificationOf = (q: string | null): Qualification =>
  (QUALIFICATIONS as readonly string[]).includes(q ?? '') ? (q as Qualification) : 'other';

/** Fills every registry field of the form from the counts (rows, then the total row as the sum). */
export function registryStatValues(def: StatFormDefinition, counts: RegistryCounts): StatValues {
  const out: StatValues = {};
  for (const f of formFields(def)) if (f.source === 'registry') out[f.key] = 0;
  const add = (key: string, n: number) => {
    if (key in out) out[key] += n;
  };
  const gradeRow = (g: number) => `g${g}`;
  add(fieldKey('schools', 'unit', 'count'), 1);
  add(fieldKey('schools', 'unit', 'sites'), counts.sites ?? 0);
  for (const c of counts.classes) {
    const gradeKnown = fieldKey('classes', gradeRow(c.grade), 'total') in out;
    for (const row of gradeKnown ? [gradeRow(c.grade), 'total'] : []) {
      add(fieldKey('classes', row, 'total'), c.count);
      if (c.smart) add(fieldKey('classes', row, 'smart'), c.count);
    }
  }
  for (const s of counts.students) {
    const gradeKnown = fieldKey('students', gradeRow(s.grade), 'total') in out;
    for (const row of gradeKnown ? [gradeRow(s.grade), 'total'] : []) {
      add(fieldKey('students', row, 'total'), s.count);
      if (s.female) add(fieldKey('students', row, 'female'), s.count);
      if (s.minority) add(fieldKey('students', row, 'minority'), s.count);
      if (s.minority && s.female) add(fieldKey('students', row, 'minority_female'), s.count);
      if (s.disabled) add(fieldKey('students', row, 'disabled'), s.count);
    }
  }
  for (const p of counts.staff) {
    const category = (STAFF_CATEGORIES as readonly string[]).includes(p.category) ? p.category : 'employee';
    for (const row of [category, 'total']) {
      add(fieldKey('staff', row, 'total'), p.count);
      if (p.female) add(fieldKey('staff', row, 'female'), p.count);
      if (p.minority) add(fieldKey('staff', row, 'minority'), p.count);
      add(fieldKey('staff', row, qualificationOf(p.qualification)), p.count);
    }
  }
  return out;
}
