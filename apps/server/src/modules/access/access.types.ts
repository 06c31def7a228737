import type { Permission, Role } from '@smartedu/contracts';

export type RoleGrant = { role: Role; unitId: string; unitName: string; unitPath: string };

/** Who is asking: resolved once per request from the session cookie or an API token. */
export type Actor = {
  userId: string;
  username: string;
  fullName: string;
  locale: string;
  roles: RoleGrant[];
  staffId: string | null;
  guardianId: string | null;
  studentId: string | null;
  homeUnitId: string | null;
  via: 'session' | 'token' | 'system';
  sessionId?: string;
  ip?: string;
};

/**
 * What an actor may touch for one permission, as a union of grants:
 * - subtrees: unit paths; every row whose school_id is a unit under one of them
 * - classes: rows of students in these classes (teacher's classes; a parent's or student's own class)
 * - students / guardians: these records only (a parent's children, a student's own record)
 */
export type Scope = {
  permission: Permission;
  subtrees: string[];
  classes: { schoolId: string; classId: string }[];
  students: { schoolId: string; studentId: string }[];
  guardians: { schoolId: string; guardianId: string }[];
};

export const isEmptyScope = (s: Scope) =>
  s.subtrees.length === 0 && s.classes.length === 0 && s.students.length === 0 && s.guardians.length === 0;

/** A record being read or written, as the access check sees it. */
export type Target = {
  schoolId: string;
  schoolPath?: string;
  classIds?: string[];
  studentId?: string;
  guardianId?: string;
};
