import { FAMILY_SCOPED, type Permission, ROLE_PERMISSIONS, TEACHER_CLASS_SCOPED } from '@smartedu/contracts';
import type { Actor, Scope, Target } from './access.types';

/** Links that narrow teacher/parent/student grants; loaded by the repository. */
export type ActorLinks = {
  teacherClasses: { schoolId: string; classId: string }[];
  children: { schoolId: string; studentId: string; classId: string | null }[];
  ownStudent: { schoolId: string; studentId: string; classId: string | null } | null;
  ownGuardian: { schoolId: string; guardianId: string } | null;
};

const NARROWED = new Set<Permission>(FAMILY_SCOPED);
const TEACHER_NARROWED = new Set<Permission>(TEACHER_CLASS_SCOPED);

/**
 * Pure rule: the scope an actor has for a permission. Department and school roles reach their unit subtree;
 * teachers reach the school for directory data and their own classes for students and guardians;
 * parents their children; students themselves.
 */
export function computeScope(actor: Actor, permission: Permission, links: ActorLinks): Scope {
  const scope: Scope = { permission, subtrees: [], classes: [], students: [], guardians: [] };
  for (const grant of actor.roles) {
    if (!ROLE_PERMISSIONS[grant.role].includes(permission)) continue;
    switch (grant.role) {
      case 'dept_admin':
      case 'dept_specialist':
      case 'school_admin':
      case 'staff':
        scope.subtrees.push(grant.unitPath);
        break;
      case 'teacher':
        if (TEACHER_NARROWED.has(permission)) {
          scope.classes.push(
            ...links.teacherClasses.filter((c) => grant.unitPath.includes(`/${c.schoolId}/`)),
          );
        } else scope.subtrees.push(grant.unitPath);
        break;
      case 'parent':
        if (!NARROWED.has(permission)) {
          scope.subtrees.push(grant.unitPath);
          break;
        }
        for (const child of links.children) {
          if (!grant.unitPath.includes(`/${child.schoolId}/`)) continue;
          if (permission === 'classes.read') {
            if (child.classId) scope.classes.push({ schoolId: child.schoolId, classId: child.classId });
          } else scope.students.push({ schoolId: child.schoolId, studentId: child.studentId });
        }
        if (permission === 'guardians.read' && links.ownGuardian) scope.guardians.push(links.ownGuardian);
        if (permission.startsWith('messages.') && links.ownGuardian) scope.guardians.push(links.ownGuardian);
        break;
      case 'student': {
        const own = links.ownStudent;
        if (!NARROWED.has(permission)) {
          scope.subtrees.push(grant.unitPath);
          break;
        }
        if (!own || !grant.unitPath.includes(`/${own.schoolId}/`)) break;
        if (permission === 'classes.read') {
          if (own.classId) scope.classes.push({ schoolId: own.schoolId, classId: own.classId });
        } else scope.students.push({ schoolId: own.schoolId, studentId: own.studentId });
        break;
      }
    }
  }
  return scope;
}

/** Pure rule: whether a scope covers one record. */
export function scopeCovers(scope: Scope, target: Target): boolean {
  if (target.schoolPath && scope.subtrees.some((p) => target.schoolPath!.startsWith(p))) return true;
  if (target.classIds?.length) {
    for (const c of scope.classes)
      if (c.schoolId === target.schoolId && target.classIds.includes(c.classId)) return true;
  }
  if (
    target.studentId &&
    scope.students.some((s) => s.schoolId === target.schoolId && s.studentId === target.studentId)
  )
    return true;
  if (
    target.guardianId &&
    scope.guardians.some((g) => g.schoolId === target.schoolId && g.guardianId === target.guardianId)
  )
    return true;
  return false;
}
