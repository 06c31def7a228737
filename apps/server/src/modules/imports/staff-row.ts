import { GENDERS, QUALIFICATIONS, STAFF_CATEGORIES, STAFF_POSITIONS, STAFF_STATUSES } from './import-choices';
import {
  createRowReader,
  ethnicityKey,
  type FieldSpec,
  finishRow,
  type KindSpec,
  type Lookups,
  type RowInput,
  type RowResult,
  staffKey,
  UNKNOWN_ETHNICITY,
  UNKNOWN_SUBJECT,
} from './import-spec';
import { cellText, displayCell, normalizeKey } from './sheet-parse';

/** One staff row (cán bộ, giáo viên, nhân viên), upserted by staff code within the school. */
export type StaffRecord = {
  staffCode: string; // mã định danh CBQL/GV/NV
  fullName: string;
  birthDate: string | null;
  gender: 'M' | 'F';
  ethnicityCode: string | null;
  citizenId: string | null;
  category: 'manager' | 'teacher' | 'employee';
  position: string;
  qualification: string | null;
  mainSubjectCode: string | null;
  phone: string | null;
  email: string | null;
  status: 'working' | 'leave' | 'retired' | 'transferred';
};

export const STAFF_FIELDS: readonly FieldSpec[] = [
  {
    key: 'staffCode',
    header: 'Mã cán bộ',
    aliases: ['Mã định danh', 'Mã CB', 'Mã nhân sự', 'Mã định danh cán bộ'],
    required: true,
    format: 'text',
    width: 15,
    note: 'Mã định danh của cán bộ, giáo viên, nhân viên. Dùng để nhận biết khi nhập lại.',
  },
  { key: 'fullName', header: 'Họ và tên', aliases: ['Họ tên'], required: true, width: 28 },
  { key: 'birthDate', header: 'Ngày sinh', format: 'date', width: 13, note: 'Ngày dạng dd/mm/yyyy.' },
  { key: 'gender', header: 'Giới tính', required: true, width: 10, list: 'genders' },
  { key: 'ethnicity', header: 'Dân tộc', width: 14, list: 'ethnicities' },
  {
    key: 'citizenId',
    header: 'Số CCCD',
    aliases: ['CCCD', 'Số định danh cá nhân'],
    format: 'text',
    width: 15,
  },
  {
    key: 'category',
    header: 'Nhóm',
    aliases: ['Loại cán bộ', 'Nhóm cán bộ'],
    required: true,
    width: 16,
    list: 'staffCategories',
  },
  {
    key: 'position',
    header: 'Chức vụ',
    aliases: ['Vị trí việc làm'],
    required: true,
    width: 18,
    list: 'staffPositions',
  },
  {
    key: 'qualification',
    header: 'Trình độ',
    aliases: ['Trình độ đào tạo'],
    width: 12,
    list: 'qualifications',
  },
  {
    key: 'mainSubject',
    header: 'Môn dạy chính',
    aliases: ['Môn chính', 'Môn dạy'],
    width: 18,
    note: 'Mã môn học, ví dụ THCS_TOAN.',
  },
  { key: 'phone', header: 'Số điện thoại', aliases: ['Điện thoại', 'SĐT'], format: 'text', width: 14 },
  { key: 'email', header: 'Email', width: 28 },
  { key: 'status', header: 'Trạng thái', width: 16, list: 'staffStatuses' },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateStaffRow(input: RowInput, lookups: Lookups): RowResult<StaffRecord> {
  const r = createRowReader(STAFF_FIELDS, input);
  const staffCode = r.text('staffCode', {
    min: 3,
    max: 30,
    pattern: /^[\p{L}\p{N}._/-]+$/u,
    hint: 'mã chỉ gồm chữ, số và . _ / -',
  });
  const fullName = r.text('fullName', { min: 2, max: 120 });
  const birthDate = r.date('birthDate', { date1904: lookups.date1904, notAfter: lookups.today });
  const gender = r.choice('gender', GENDERS);
  const ethnicity = r.lookup('ethnicity', lookups.ethnicities, ethnicityKey, UNKNOWN_ETHNICITY);
  const citizenId = r.text('citizenId', {
    max: 12,
    pattern: /^\d{12}$/,
    hint: 'số CCCD gồm 12 chữ số',
    padDigits: 12,
  });
  const category = r.choice('category', STAFF_CATEGORIES);
  // Chức vụ: a known label, or a position code as stored (lower-case letters and underscores)
  let position: string | null | undefined;
  const positionCell = r.cell('position');
  if (positionCell !== undefined && positionCell !== null) {
    const s = cellText(positionCell) ?? '';
    position = STAFF_POSITIONS.parse(s) ?? (/^[a-z_]{2,40}$/.test(s) ? s : undefined);
    if (position === undefined)
      r.fail(
        'position',
        'INVALID_VALUE',
        `"${displayCell(positionCell)}" không hợp lệ, chọn một trong: ${STAFF_POSITIONS.labels.join(', ')}`,
      );
  }
  const qualification = r.choice('qualification', QUALIFICATIONS);
  const subject = r.lookup('mainSubject', lookups.subjects, normalizeKey, UNKNOWN_SUBJECT);
  const phone = r.text('phone', {
    max: 20,
    pattern: /^\+?\d{8,15}$/,
    hint: 'số điện thoại chỉ gồm chữ số',
    leadingZero: true,
    strip: /[\s.()-]/g,
  });
  const email = r.text('email', { max: 120, pattern: EMAIL, hint: 'địa chỉ email không đúng dạng' });
  const status = r.choice('status', STAFF_STATUSES);
  const key = staffCode ? staffKey(staffCode) : (r.raw('staffCode')?.toUpperCase() ?? null);
  return finishRow(r, key, () => ({
    staffCode: staffCode!,
    fullName: fullName!,
    birthDate: birthDate ?? null,
    gender: gender!,
    ethnicityCode: ethnicity ? ethnicity.value : null,
    citizenId: citizenId ?? null,
    category: category!,
    position: position!,
    qualification: qualification ?? null,
    mainSubjectCode: subject ? subject.value : null,
    phone: phone ?? null,
    email: email ?? null,
    status: status ?? 'working',
  }));
}

export const STAFF_SPEC: KindSpec<StaffRecord> = {
  kind: 'staff',
  sheetName: 'Cán bộ',
  entity: 'staff',
  fields: STAFF_FIELDS,
  validate: validateStaffRow,
};
