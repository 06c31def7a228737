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
  ],
  school_admin: Permission.options,
  teacher: ['units.read', 'classes.read', 'students.read', 'guardians.read', 'staff.read'],
  staff: ['units.read', 'classes.read', 'students.read', 'staff.read'],
  parent: ['units.read', 'classes.read', 'students.read', 'guardians.read'],
  student: ['units.read', 'classes.read', 'students.read'],
};

export const hasPermission = (roles: readonly Role[], permission: Permission) =>
  roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
