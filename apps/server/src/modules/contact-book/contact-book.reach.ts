import type { Permission } from '@smartedu/contracts';
import type { AccessService, Actor, Scope } from '../access';

/** A child of a parent, or a student themself, as far as a permission reaches. */
export type FamilyMember = { schoolId: string; studentId: string; classId: string | null };

/**
 * The actor's scope for a permission, plus the family links it covers: a parent's children and a student's
 * own record that the permission reaches (the scope lists students; class threads and class announcements
 * need their classes too).
 */
export async function reachOf(access: AccessService, actor: Actor, permission: Permission) {
  const [scope, links] = await Promise.all([access.scope(actor, permission), access.links(actor)]);
  const inScope = (m: FamilyMember) =>
    scope.students.some((s) => s.schoolId === m.schoolId && s.studentId === m.studentId);
  const children = links.children.filter(inScope);
  const self = links.ownStudent && inScope(links.ownStudent) ? [links.ownStudent] : [];
  const family = [...children, ...self];
  const familyClasses = family.flatMap((m) =>
    m.classId ? [{ schoolId: m.schoolId, classId: m.classId }] : [],
  );
  return { scope, children, self, family, familyClasses };
}

/** Only the subtree part of a scope (school-wide grants). */
export const subtreesOf = (s: Scope): Scope => ({ ...s, classes: [], students: [], guardians: [] });

/** The role a sender writes as, for display ('Giáo viên', 'Phụ huynh', …). */
export function senderRole(actor: Actor): string {
  const order = ['teacher', 'school_admin', 'parent', 'staff', 'student', 'dept_admin', 'dept_specialist'];
  const roles = actor.roles.map((r) => r.role as string);
  return order.find((r) => roles.includes(r)) ?? 'staff';
}
