import { z } from 'zod';
import { Gender, IsoDate, Orphan, PageQuery, Poverty, SchoolLevel, UnitKind, Uuid } from './common';
import { PlainText } from './plain-text';

// ---- Units (Sở → Phòng → trường → điểm trường)
export const Unit = z.object({
  id: Uuid,
  parentId: Uuid.nullable(),
  kind: UnitKind,
  code: z.string(),
  name: z.string(),
  schoolLevel: SchoolLevel.nullable(),
  ownership: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  active: z.boolean(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitTreeNode: z.ZodType<Unit & { children: unknown[] }> = Unit.extend({
  children: z.array(z.lazy(() => UnitTreeNode)),
}) as never;

export const UnitCreateBody = z.object({
  parentId: Uuid,
  kind: UnitKind.exclude(['province_department']),
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[A-Za-z0-9._-]+$/),
  name: z.string().trim().min(2).max(200),
  schoolLevel: SchoolLevel.nullish(),
  ownership: z.enum(['public', 'private']).nullish(),
  address: z.string().trim().max(300).nullish(),
  phone: z.string().trim().max(30).nullish(),
  email: z.email().nullish(),
  website: z.string().trim().max(200).nullish(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
});
export const UnitUpdateBody = UnitCreateBody.omit({ parentId: true, kind: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export const UnitListQuery = PageQuery.extend({
  kind: UnitKind.optional(),
  parentId: Uuid.optional(),
  level: SchoolLevel.optional(),
});

// ---- Reference data
export const SchoolYear = z.object({
  id: Uuid,
  name: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  isCurrent: z.boolean(),
});
export const Subject = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  level: z.string(),
  assessment: z.string(),
  elective: z.boolean(),
  periodsByGrade: z.record(z.string(), z.number()),
});
export const Ethnicity = z.object({ code: z.string(), name: z.string() });

// ---- Classes (lớp)
export const ClassItem = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  schoolYearId: Uuid,
  schoolYearName: z.string(),
  grade: z.number().int(),
  name: z.string(),
  homeroomTeacherId: Uuid.nullable(),
  homeroomTeacherName: z.string().nullable(),
  room: z.string().nullable(),
  isSmart: z.boolean(),
  studentCount: z.number().int(),
});
export type ClassItem = z.infer<typeof ClassItem>;
export const ClassCreateBody = z.object({
  schoolYearId: Uuid,
  grade: z.number().int().min(1).max(12),
  name: z.string().trim().min(1).max(20),
  homeroomTeacherId: Uuid.nullish(),
  room: z.string().trim().max(40).nullish(),
  isSmart: z.boolean().default(false),
});
export const ClassUpdateBody = ClassCreateBody.omit({ schoolYearId: true }).partial();
export const ClassListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  schoolYearId: Uuid.optional(),
  grade: z.coerce.number().int().min(1).max(12).optional(),
  smart: z.enum(['true', 'false']).optional(),
});

// ---- Students (học sinh)
const studentFields = {
  sectorId: z
    .string()
    .trim()
    .regex(/^\d{8,15}$/, 'Mã định danh gồm 8–15 chữ số'),
  citizenId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số')
    .nullish(),
  fullName: z.string().trim().min(2).max(120),
  birthDate: IsoDate,
  gender: Gender,
  ethnicityCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/),
  disability: z.string().trim().max(100).nullish(),
  poverty: Poverty.default('none'),
  orphan: Orphan.default('none'),
  address: z.string().trim().max(300).nullish(),
};
export const Student = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  sectorId: z.string(),
  citizenId: z.string().nullable(),
  fullName: z.string(),
  birthDate: IsoDate,
  gender: Gender,
  ethnicityCode: z.string(),
  ethnicityName: z.string().nullable(),
  disability: z.string().nullable(),
  poverty: Poverty,
  orphan: Orphan,
  address: z.string().nullable(),
  status: z.string(),
  currentClassId: Uuid.nullable(),
  currentClassName: z.string().nullable(),
});
export type Student = z.infer<typeof Student>;
export const StudentCreateBody = z.object({ classId: Uuid.nullish(), ...studentFields });
export const StudentUpdateBody = z.object(studentFields).partial();
export const StudentListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  classId: Uuid.optional(),
  gender: Gender.optional(),
  ethnicityCode: z.string().optional(),
  status: z.string().optional(),
});
export const Enrolment = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  classId: Uuid,
  className: z.string(),
  schoolYearName: z.string(),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  reason: z.string(),
  endReason: z.string().nullable(),
});
export const StudentDetail = Student.extend({
  enrolments: z.array(Enrolment),
  guardians: z.array(
    z.object({
      id: Uuid,
      fullName: z.string(),
      phone: z.string(),
      relationship: z.string(),
      isPrimary: z.boolean(),
    }),
  ),
});
/** Chuyển lớp (same school) or chuyển trường (to another school: the record moves, history stays). */
export const StudentTransferBody = z.object({
  toClassId: Uuid,
  toSchoolId: Uuid.optional(),
  date: IsoDate,
  note: PlainText(300).optional(),
});

// ---- Guardians (cha mẹ / người giám hộ)
export const Relationship = z.enum(['father', 'mother', 'grandparent', 'sibling', 'guardian', 'other']);
export const Guardian = z.object({
  id: Uuid,
  schoolId: Uuid,
  fullName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  citizenId: z.string().nullable(),
  occupation: z.string().nullable(),
  address: z.string().nullable(),
  children: z.array(
    z.object({
      studentId: Uuid,
      fullName: z.string(),
      relationship: z.string(),
      isPrimary: z.boolean(),
      className: z.string().nullable(),
    }),
  ),
});
export type Guardian = z.infer<typeof Guardian>;
const guardianFields = {
  fullName: z.string().trim().min(2).max(120),
  phone: z
    .string()
    .trim()
    .regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0'),
  email: z.email().nullish(),
  citizenId: z
    .string()
    .trim()
    .regex(/^\d{12}$/)
    .nullish(),
  occupation: z.string().trim().max(100).nullish(),
  address: z.string().trim().max(300).nullish(),
};
export const GuardianCreateBody = z.object({
  ...guardianFields,
  studentId: Uuid,
  relationship: Relationship,
  isPrimary: z.boolean().default(false),
});
export const GuardianUpdateBody = z.object(guardianFields).partial();
/** Liên kết cha mẹ / người giám hộ với một học sinh (anh chị em ruột dùng chung). */
export const GuardianLinkBody = z.object({
  studentId: Uuid,
  relationship: Relationship,
  isPrimary: z.boolean().default(false),
});
/** `q` matches the name or the phone number. */
export const GuardianListQuery = PageQuery.extend({ schoolId: Uuid.optional(), studentId: Uuid.optional() });

// ---- Staff (cán bộ, giáo viên, nhân viên)
export const StaffCategory = z.enum(['manager', 'teacher', 'employee']);
export const Qualification = z.enum(['intermediate', 'college', 'bachelor', 'master', 'doctor', 'other']);
export const StaffMember = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  staffCode: z.string(),
  citizenId: z.string().nullable(),
  fullName: z.string(),
  birthDate: IsoDate.nullable(),
  gender: Gender,
  ethnicityCode: z.string().nullable(),
  category: StaffCategory,
  position: z.string(),
  qualification: z.string().nullable(),
  mainSubjectCode: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.string(),
  subjectIds: z.array(Uuid),
});
export type StaffMember = z.infer<typeof StaffMember>;
const staffFields = {
  staffCode: z.string().trim().min(3).max(30),
  citizenId: z
    .string()
    .trim()
    .regex(/^\d{12}$/)
    .nullish(),
  fullName: z.string().trim().min(2).max(120),
  birthDate: IsoDate.nullish(),
  gender: Gender,
  ethnicityCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/)
    .nullish(),
  category: StaffCategory,
  position: z.string().trim().min(2).max(40),
  qualification: Qualification.nullish(),
  mainSubjectCode: z.string().trim().max(40).nullish(),
  phone: z.string().trim().max(20).nullish(),
  email: z.email().nullish(),
  status: z.enum(['working', 'leave', 'retired', 'transferred']).default('working'),
  subjectIds: z.array(Uuid).default([]),
};
export const StaffCreateBody = z.object(staffFields);
export const StaffUpdateBody = z.object(staffFields).partial();
export const StaffListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  category: StaffCategory.optional(),
});
// ---- Teaching assignments (phân công giảng dạy): one teacher per class, subject and school year
export const TeachingAssignment = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolYearId: Uuid,
  staffId: Uuid,
  staffName: z.string(),
  classId: Uuid,
  className: z.string(),
  subjectId: Uuid,
  subjectName: z.string(),
});
export type TeachingAssignment = z.infer<typeof TeachingAssignment>;
export const TeachingAssignmentBody = z.object({ staffId: Uuid, classId: Uuid, subjectId: Uuid });
export const TeachingAssignmentListQuery = z.object({
  classId: Uuid.optional(),
  staffId: Uuid.optional(),
  schoolYearId: Uuid.optional(),
});

// ---- Audit log (nhật ký)
export const AuditEntry = z.object({
  id: z.number().int(),
  schoolId: Uuid,
  at: z.string(),
  actorUserId: Uuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
/** A date (2025-01-06) or a date-time with offset (2025-01-06T07:00:00Z) that is a real instant. */
const AuditTimeBound = z
  .union([IsoDate, z.iso.datetime({ offset: true })])
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Ngày giờ không hợp lệ');

export const AuditQuery = PageQuery.extend({
  unitId: Uuid.optional(),
  entity: z.string().optional(),
  entityId: z.string().optional(),
  actorUserId: Uuid.optional(),
  from: AuditTimeBound.optional(),
  to: AuditTimeBound.optional(),
});
