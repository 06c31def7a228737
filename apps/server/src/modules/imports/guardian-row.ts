import { RELATIONSHIPS, YES_NO } from './import-choices';
import {
  createRowReader,
  type FieldSpec,
  finishRow,
  type KindSpec,
  type Lookups,
  type RowInput,
  type RowResult,
} from './import-spec';
import { cellText, displayCell } from './sheet-parse';

type Relationship = 'father' | 'mother' | 'grandparent' | 'sibling' | 'guardian' | 'other';

/** One guardian row (cha mẹ / người giám hộ), upserted by phone number within the school. */
export type GuardianRecord = {
  phone: string;
  fullName: string;
  email: string | null;
  citizenId: string | null;
  occupation: string | null;
  address: string | null;
  /** Children linked by this row: student ids with their sector ids (may be empty). */
  children: { studentId: string; sectorId: string }[];
  relationship: Relationship | null;
  isPrimary: boolean;
};

export const GUARDIAN_FIELDS: readonly FieldSpec[] = [
  {
    key: 'phone',
    header: 'Số điện thoại',
    aliases: ['Điện thoại', 'SĐT', 'Số ĐT'],
    required: true,
    format: 'text',
    width: 14,
    note: 'Số điện thoại di động (10–11 chữ số, bắt đầu bằng 0). Dùng để nhận biết phụ huynh khi nhập lại.',
  },
  { key: 'fullName', header: 'Họ và tên', aliases: ['Họ tên'], required: true, width: 28 },
  {
    key: 'students',
    header: 'Mã định danh học sinh',
    aliases: ['Mã học sinh', 'Mã HS'],
    format: 'text',
    width: 24,
    note: 'Mã định danh của con (học sinh trong trường); nhiều con thì cách nhau bằng dấu phẩy.',
  },
  {
    key: 'relationship',
    header: 'Quan hệ',
    aliases: ['Quan hệ với học sinh'],
    width: 14,
    list: 'relationships',
  },
  { key: 'isPrimary', header: 'Liên hệ chính', width: 12, list: 'yesNo' },
  {
    key: 'citizenId',
    header: 'Số CCCD',
    aliases: ['CCCD', 'Số định danh cá nhân'],
    format: 'text',
    width: 15,
  },
  { key: 'email', header: 'Email', aliases: ['Thư điện tử'], width: 26 },
  { key: 'occupation', header: 'Nghề nghiệp', width: 18 },
  { key: 'address', header: 'Địa chỉ', width: 40 },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateGuardianRow(input: RowInput, lookups: Lookups): RowResult<GuardianRecord> {
  const r = createRowReader(GUARDIAN_FIELDS, input);
  const phone = r.text('phone', {
    max: 11,
    pattern: /^0\d{9,10}$/,
    hint: 'số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0',
    leadingZero: true,
    strip: /[\s.()-]/g,
  });
  const fullName = r.text('fullName', { min: 2, max: 120 });
  const citizenId = r.text('citizenId', {
    max: 12,
    pattern: /^\d{12}$/,
    hint: 'số CCCD gồm 12 chữ số',
    padDigits: 12,
  });
  const email = r.text('email', { max: 120, pattern: EMAIL, hint: 'địa chỉ email không đúng dạng' });
  const occupation = r.text('occupation', { max: 100 });
  const address = r.text('address', { max: 300 });
  const relationship = r.choice('relationship', RELATIONSHIPS);
  const primary = r.choice('isPrimary', YES_NO);

  const children: GuardianRecord['children'] = [];
  const studentsCell = r.cell('students');
  if (studentsCell !== undefined && studentsCell !== null) {
    const text = cellText(studentsCell) ?? '';
    const ids = [...new Set(text.split(/[,;\s]+/).filter((s) => s !== ''))];
    if (ids.length === 0 || ids.length > 20) {
      r.fail('students', 'INVALID_VALUE', `"${displayCell(studentsCell)}" không hợp lệ`);
    }
    for (const sectorId of ids.slice(0, 20)) {
      const studentId = lookups.students.get(sectorId);
      if (studentId) children.push({ studentId, sectorId });
      else
        r.fail(
          'students',
          'UNKNOWN_STUDENT',
          `không tìm thấy học sinh có mã định danh "${sectorId.slice(0, 20)}" trong trường`,
        );
    }
    if (relationship === null && ids.length > 0)
      r.fail('relationship', 'REQUIRED', 'chưa nhập (bắt buộc khi có học sinh)');
  }
  const key = phone ?? r.raw('phone');
  return finishRow(r, key, () => ({
    phone: phone!,
    fullName: fullName!,
    email: email ?? null,
    citizenId: citizenId ?? null,
    occupation: occupation ?? null,
    address: address ?? null,
    children,
    relationship: relationship ?? null,
    isPrimary: primary === 'yes',
  }));
}

export const GUARDIAN_SPEC: KindSpec<GuardianRecord> = {
  kind: 'guardians',
  sheetName: 'Phụ huynh',
  entity: 'guardian',
  fields: GUARDIAN_FIELDS,
  validate: validateGuardianRow,
};
