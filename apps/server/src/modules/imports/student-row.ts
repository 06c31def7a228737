import { GENDERS, NO_DISABILITY, ORPHAN, POVERTY } from './import-choices';
import {
  classKey,
  createRowReader,
  ethnicityKey,
  type FieldSpec,
  finishRow,
  type KindSpec,
  type Lookups,
  type RowInput,
  type RowResult,
  UNKNOWN_CLASS,
  UNKNOWN_ETHNICITY,
} from './import-spec';
import { normalizeKey } from './sheet-parse';

/** One student row of an import file (học sinh), ready to upsert by sector id within the school. */
export type StudentRecord = {
  sectorId: string; // mã định danh
  fullName: string;
  birthDate: string;
  gender: 'M' | 'F';
  ethnicityCode: string;
  /** Null: the file gives no class (the stored class is kept). */
  classId: string | null;
  className: string | null;
  schoolYearId: string | null;
  citizenId: string | null; // số CCCD / định danh cá nhân
  disability: string | null;
  poverty: 'none' | 'near_poor' | 'poor';
  orphan: 'none' | 'one_parent' | 'both';
  address: string | null;
};

export const STUDENT_FIELDS: readonly FieldSpec[] = [
  {
    key: 'sectorId',
    header: 'Mã định danh',
    aliases: ['Mã định danh học sinh', 'Mã học sinh', 'Mã HS', 'Mã định danh ngành'],
    required: true,
    format: 'text',
    width: 16,
    note: 'Mã định danh ngành của học sinh (8–15 chữ số). Dùng để nhận biết học sinh khi nhập lại.',
  },
  { key: 'fullName', header: 'Họ và tên', aliases: ['Họ tên'], required: true, width: 28 },
  {
    key: 'birthDate',
    header: 'Ngày sinh',
    required: true,
    format: 'date',
    width: 13,
    note: 'Ngày dạng dd/mm/yyyy, ví dụ 05/09/2013.',
  },
  { key: 'gender', header: 'Giới tính', required: true, width: 10, list: 'genders' },
  { key: 'ethnicity', header: 'Dân tộc', required: true, width: 14, list: 'ethnicities' },
  {
    key: 'className',
    header: 'Lớp',
    width: 9,
    list: 'classes',
    note: 'Lớp của năm học hiện tại. Để trống: giữ nguyên lớp đang học.',
  },
  {
    key: 'citizenId',
    header: 'Số CCCD',
    aliases: ['CCCD', 'Số định danh cá nhân', 'Số căn cước'],
    format: 'text',
    width: 15,
  },
  {
    key: 'disability',
    header: 'Khuyết tật',
    width: 12,
    list: 'disability',
    listSuggestOnly: true,
  },
  {
    key: 'poverty',
    header: 'Hộ nghèo/cận nghèo',
    aliases: ['Hộ nghèo', 'Hộ nghèo cận nghèo'],
    width: 17,
    list: 'poverty',
  },
  { key: 'orphan', header: 'Mồ côi', width: 20, list: 'orphan' },
  { key: 'address', header: 'Địa chỉ', aliases: ['Nơi ở', 'Địa chỉ thường trú'], width: 40 },
];

export function validateStudentRow(input: RowInput, lookups: Lookups): RowResult<StudentRecord> {
  const r = createRowReader(STUDENT_FIELDS, input);
  const sectorId = r.text('sectorId', {
    max: 15,
    pattern: /^\d{8,15}$/,
    hint: 'mã định danh gồm 8–15 chữ số',
  });
  const fullName = r.text('fullName', { min: 2, max: 120 });
  const birthDate = r.date('birthDate', { date1904: lookups.date1904, notAfter: lookups.today });
  const gender = r.choice('gender', GENDERS);
  const ethnicity = r.lookup('ethnicity', lookups.ethnicities, ethnicityKey, UNKNOWN_ETHNICITY);
  const cls = r.lookup('className', lookups.classes, classKey, UNKNOWN_CLASS);
  const citizenId = r.text('citizenId', {
    max: 12,
    pattern: /^\d{12}$/,
    hint: 'số CCCD gồm 12 chữ số',
    padDigits: 12,
  });
  const disability = r.text('disability', { max: 100 });
  const poverty = r.choice('poverty', POVERTY);
  const orphan = r.choice('orphan', ORPHAN);
  const address = r.text('address', { max: 300 });
  const key = sectorId ?? r.raw('sectorId');
  return finishRow(r, key, () => ({
    sectorId: sectorId!,
    fullName: fullName!,
    birthDate: birthDate!,
    gender: gender!,
    ethnicityCode: ethnicity!.value,
    classId: cls ? cls.value.id : null,
    className: cls ? cls.value.name : null,
    schoolYearId: cls ? cls.value.schoolYearId : null,
    citizenId: citizenId ?? null,
    disability: disability && !NO_DISABILITY.has(normalizeKey(disability)) ? disability : null,
    poverty: poverty ?? 'none',
    orphan: orphan ?? 'none',
    address: address ?? null,
  }));
}

export const STUDENT_SPEC: KindSpec<StudentRecord> = {
  kind: 'students',
  sheetName: 'Học sinh',
  entity: 'student',
  fields: STUDENT_FIELDS,
  validate: validateStudentRow,
};
