import { YES_NO } from './import-choices';
import {
  classKey,
  createRowReader,
  type FieldSpec,
  finishRow,
  type KindSpec,
  type Lookups,
  type RowInput,
  type RowResult,
  staffKey,
  UNKNOWN_STAFF,
} from './import-spec';

/** One class row (lớp học) of the current school year, upserted by name. */
export type ClassRecord = {
  name: string;
  grade: number;
  room: string | null;
  homeroomTeacherId: string | null;
  homeroomCode: string | null;
  isSmart: boolean;
};

export const CLASS_FIELDS: readonly FieldSpec[] = [
  {
    key: 'name',
    header: 'Tên lớp',
    aliases: ['Lớp'],
    required: true,
    format: 'text',
    width: 10,
    note: 'Tên lớp trong năm học hiện tại, ví dụ 6A1. Dùng để nhận biết lớp khi nhập lại.',
  },
  { key: 'grade', header: 'Khối', aliases: ['Khối lớp'], required: true, format: 'number', width: 8 },
  { key: 'room', header: 'Phòng học', aliases: ['Phòng'], width: 12 },
  {
    key: 'homeroom',
    header: 'Mã GVCN',
    aliases: ['Mã giáo viên chủ nhiệm', 'GVCN'],
    format: 'text',
    width: 14,
    note: 'Mã cán bộ của giáo viên chủ nhiệm (xem danh sách cán bộ).',
  },
  { key: 'isSmart', header: 'Lớp học thông minh', aliases: ['Lớp thông minh'], width: 18, list: 'yesNo' },
];

export function validateClassRow(input: RowInput, lookups: Lookups): RowResult<ClassRecord> {
  const r = createRowReader(CLASS_FIELDS, input);
  const name = r.text('name', {
    max: 20,
    pattern: /^[\p{L}\p{N} ._/-]+$/u,
    hint: 'tên lớp chỉ gồm chữ và số',
  });
  const grade = r.integer('grade', { min: 1, max: 12 });
  const room = r.text('room', { max: 40 });
  const homeroom = r.lookup('homeroom', lookups.staff, staffKey, UNKNOWN_STAFF);
  const smart = r.choice('isSmart', YES_NO);
  const key = name ? classKey(name) : r.raw('name') ? classKey(r.raw('name')!) : null;
  return finishRow(r, key, () => ({
    name: name!,
    grade: grade!,
    room: room ?? null,
    homeroomTeacherId: homeroom ? homeroom.value : null,
    homeroomCode: homeroom ? homeroom.text : null,
    isSmart: smart === 'yes',
  }));
}

export const CLASS_SPEC: KindSpec<ClassRecord> = {
  kind: 'classes',
  sheetName: 'Lớp học',
  entity: 'class',
  fields: CLASS_FIELDS,
  validate: validateClassRow,
};
