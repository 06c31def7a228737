import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { schoolYears, subjects, units } from './units';

/**
 * School-owned tables. Every one carries `school_id` (the owning unit) and leads its primary key and
 * indexes with it, so that `school_id` can be the Citus distribution column.
 */

// Lớp học
export const classes = pgTable(
  'classes',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    schoolYearId: uuid('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    siteId: uuid('site_id'), // điểm trường
    grade: integer('grade').notNull(),
    name: text('name').notNull(), // '6A1'
    homeroomTeacherId: uuid('homeroom_teacher_id'), // GVCN (staff.id in the same school)
    room: text('room'),
    isSmart: boolean('is_smart').notNull().default(false), // lớp học thông minh
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('classes_name_uq').on(t.schoolId, t.schoolYearId, t.name),
    index('classes_year_idx').on(t.schoolId, t.schoolYearId, t.grade),
  ],
);

// Học sinh
export const students = pgTable(
  'students',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    sectorId: text('sector_id').notNull(), // mã định danh ngành
    citizenId: text('citizen_id'), // số định danh cá nhân (CCCD)
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date').notNull(),
    gender: text('gender').notNull(), // M | F
    ethnicityCode: text('ethnicity_code').notNull(),
    disability: text('disability'), // null = none; otherwise the kind
    poverty: text('poverty').notNull().default('none'), // none | near_poor | poor (hộ nghèo, cận nghèo)
    orphan: text('orphan').notNull().default('none'), // none | one_parent | both (mồ côi)
    address: text('address'),
    status: text('status').notNull().default('studying'), // studying | transferred_out | graduated | dropped_out
    currentClassId: uuid('current_class_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('students_sector_uq').on(t.schoolId, t.sectorId),
    index('students_class_idx').on(t.schoolId, t.currentClassId),
    index('students_name_idx').on(t.schoolId, t.fullName),
    index('students_sector_idx').on(t.sectorId),
  ],
);

// Quá trình học tập: each class a student was in, with dates; transfers keep history
export const enrolments = pgTable(
  'enrolments',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    studentId: uuid('student_id').notNull(),
    classId: uuid('class_id').notNull(),
    schoolYearId: uuid('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    reason: text('reason').notNull(), // new | transfer_in | class_change | promoted
    endReason: text('end_reason'), // class_change | transfer_out | graduated | dropped_out
    fromSchoolId: uuid('from_school_id'),
    toSchoolId: uuid('to_school_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('enrolments_student_idx').on(t.schoolId, t.studentId),
    index('enrolments_class_idx').on(t.schoolId, t.classId),
  ],
);

// Cha mẹ / người giám hộ
export const guardians = pgTable(
  'guardians',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    fullName: text('full_name').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    citizenId: text('citizen_id'),
    occupation: text('occupation'),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('guardians_phone_uq').on(t.schoolId, t.phone),
  ],
);

export const studentGuardians = pgTable(
  'student_guardians',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    studentId: uuid('student_id').notNull(),
    guardianId: uuid('guardian_id').notNull(),
    relationship: text('relationship').notNull(), // father | mother | grandparent | sibling | other
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.studentId, t.guardianId] }),
    index('student_guardians_guardian_idx').on(t.schoolId, t.guardianId),
  ],
);

// Cán bộ, giáo viên, nhân viên (of a school or of a department unit)
export const staff = pgTable(
  'staff',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    staffCode: text('staff_code').notNull(), // mã định danh CBQL/GV/NV
    citizenId: text('citizen_id'),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date'),
    gender: text('gender').notNull(),
    ethnicityCode: text('ethnicity_code'),
    category: text('category').notNull(), // manager | teacher | employee (CBQL | GV | NV)
    position: text('position').notNull(), // principal | vice_principal | teacher | librarian | accountant | clerk | specialist | ...
    qualification: text('qualification'), // intermediate | college | bachelor | master | doctor
    mainSubjectCode: text('main_subject_code'),
    phone: text('phone'),
    email: text('email'),
    status: text('status').notNull().default('working'), // working | leave | retired | transferred
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('staff_code_uq').on(t.schoolId, t.staffCode),
    index('staff_name_idx').on(t.schoolId, t.fullName),
  ],
);

// Môn giáo viên dạy được
export const staffSubjects = pgTable(
  'staff_subjects',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    staffId: uuid('staff_id').notNull(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.staffId, t.subjectId] })],
);

// Phân công giảng dạy
export const teachingAssignments = pgTable(
  'teaching_assignments',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    staffId: uuid('staff_id').notNull(),
    classId: uuid('class_id').notNull(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    schoolYearId: uuid('school_year_id')
      .notNull()
      .references(() => schoolYears.id),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('teaching_assignments_uq').on(t.schoolId, t.classId, t.subjectId, t.schoolYearId),
    index('teaching_assignments_staff_idx').on(t.schoolId, t.staffId),
  ],
);
