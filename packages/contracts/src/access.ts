import { z } from 'zod';

/**
 * Roles with a scope. Department roles see a unit subtree; school roles one school; teachers their classes;
 * parents their own children; students themselves.
 */
export const Role = z.enum([
  'dept_admin', // quản trị Sở/Phòng
  'dept_specialist', // chuyên viên Sở/Phòng
  'school_admin', // hiệu trưởng / quản trị trường
  'teacher', // giáo viên (GVCN through the class's homeroom teacher)
  'staff', // nhân viên: thư viện, kế toán, văn thư
  'parent', // cha mẹ học sinh
  'student', // học sinh
]);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

/** One permission list for the whole system. */
export const Permission = z.enum([
  'units.read',
  'units.write',
  'classes.read',
  'classes.write',
  'students.read',
  'students.write',
  'guardians.read',
  'guardians.write',
  'staff.read',
  'staff.write',
  'users.read',
  'users.write',
  'audit.read',
  'imports.run',
  // records and assessment (issue 3)
  'grades.read', // xem điểm, nhận xét, kết quả
  'grades.write', // nhập điểm (a teacher: the class-subjects assigned to them)
  'grades.lock', // duyệt, khoá / mở khoá sổ điểm
  'conduct.write', // đánh giá rèn luyện / phẩm chất, năng lực (GVCN)
  'transcripts.read', // học bạ
  'transcripts.sign', // ký học bạ (GVBM xác nhận, GVCN, hiệu trưởng)
  'attendance.read',
  'attendance.write', // điểm danh
  'devices.manage', // máy chấm công
  'messages.read', // sổ liên lạc: tin nhắn, thông báo
  'messages.write',
  'announcements.write',
  // operations centre (issue 5): plans, targets, smart-classroom pilot, dashboards
  'operations.read',
  'operations.manage',
  'feedback.manage', // góp ý của người dân: phân công, trả lời (issue 5 §7)
  // question bank and tests (issue 4)
  'questions.read', // ngân hàng câu hỏi: xem câu hỏi dùng chung
  'questions.write', // soạn, nhập câu hỏi
  'questions.review', // duyệt câu hỏi dùng chung (trường: school_admin; Phòng/Sở: dept roles)
  'tests.read', // đề kiểm tra
  'tests.write', // tạo đề, sinh mã đề
  // online exams (issue 4): kỳ thi trực tuyến, chấm bài, phân tích kết quả
  'exams.read', // xem kỳ thi, kết quả (gia đình: sau khi công bố), phân tích
  'exams.manage', // lên lịch kỳ thi, giám sát, công bố kết quả
  'exams.take', // làm bài thi (học sinh)
  'exams.grade', // chấm tự luận theo hướng dẫn chấm
]);
export type Permission = z.infer<typeof Permission>;

/**
 * What each role may do within its scope. Narrowing to classes/children happens on the server from the
 * actor's links (teaching assignments, homeroom, guardian links, own student record).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  dept_admin: Permission.options,
  dept_specialist: [
    'units.read',
    'classes.read',
    'students.read',
    'guardians.read',
    'staff.read',
    'audit.read',
    'grades.read',
    'transcripts.read',
    'attendance.read',
    'operations.read',
    'feedback.manage',
    'questions.read',
    'questions.write',
    'questions.review',
    'tests.read',
    'tests.write',
    'exams.read',
    'exams.manage',
    'exams.grade',
  ],
  school_admin: Permission.options,
  teacher: [
    'units.read',
    'classes.read',
    'students.read',
    'guardians.read',
    'staff.read',
    'grades.read',
    'grades.write',
    'conduct.write',
    'transcripts.read',
    'transcripts.sign',
    'attendance.read',
    'attendance.write',
    'messages.read',
    'messages.write',
    'announcements.write',
    'questions.read',
    'questions.write',
    'tests.read',
    'tests.write',
    'exams.read',
    'exams.manage',
    'exams.grade',
  ],
  staff: ['units.read', 'classes.read', 'students.read', 'staff.read'],
  parent: [
    'units.read',
    'classes.read',
    'students.read',
    'guardians.read',
    'grades.read',
    'transcripts.read',
    'attendance.read',
    'messages.read',
    'messages.write',
    'exams.read',
  ],
  student: [
    'units.read',
    'classes.read',
    'students.read',
    'grades.read',
    'transcripts.read',
    'attendance.read',
    'messages.read',
    'exams.read',
    'exams.take',
  ],
};

/**
 * Permissions a teacher holds only over their own classes (homeroom or teaching assignment); every other
 * teacher permission reaches the whole school. Subject-level narrowing (a teacher enters grades only for the
 * subjects assigned to them) is checked by the gradebook on top of this.
 */
export const TEACHER_CLASS_SCOPED: readonly Permission[] = [
  'students.read',
  'guardians.read',
  'grades.read',
  'grades.write',
  'conduct.write',
  'transcripts.read',
  'transcripts.sign',
  'attendance.read',
  'attendance.write',
  'messages.read',
  'messages.write',
  'announcements.write',
  'exams.read',
  'exams.manage',
  'exams.grade',
];

/** Permissions a parent or student holds only over their children / themselves; the rest reach their school. */
export const FAMILY_SCOPED: readonly Permission[] = [
  'students.read',
  'guardians.read',
  'classes.read',
  'grades.read',
  'transcripts.read',
  'attendance.read',
  'messages.read',
  'messages.write',
  'exams.read',
  'exams.take',
];

export const hasPermission = (roles: readonly Role[], permission: Permission) =>
  roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
