import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../access';

/**
 * Pure access rules of exams, over the scope the access service computes.
 *
 * - An exam is visible to a scope when its owner unit is in one of the scope's subtrees, or its audience meets
 *   the scope: a target in a subtree, a unit target above the actor's unit (a city-wide exam reaches every school
 *   under it), a class target that is one of the scope's classes, or a unit target above one of those classes.
 * - An exam is managed (schedule, proctor, release) by a scope whose subtree holds the owner unit, or, for a
 *   teacher, when the audience is only classes of the teacher (and the owner is their school).
 */

export type ExamPlace = {
  ownerUnitId: string;
  ownerPath: string;
  targets: { kind: string; targetId: string; unitId: string; unitPath: string }[];
};

export function examVisible(scope: Scope, exam: ExamPlace, schoolPaths: Map<string, string>): boolean {
  for (const p of scope.subtrees) {
    if (exam.ownerPath.startsWith(p)) return true;
    if (exam.targets.some((t) => t.unitPath.startsWith(p) || p.startsWith(t.unitPath))) return true;
  }
  for (const c of scope.classes) {
    const schoolPath = schoolPaths.get(c.schoolId) ?? '\u0000';
    for (const t of exam.targets) {
      if (t.kind === 'class' && t.unitId === c.schoolId && t.targetId === c.classId) return true;
      if (t.kind === 'unit' && schoolPath.startsWith(t.unitPath)) return true;
    }
  }
  return false;
}

export function examManaged(scope: Scope, exam: ExamPlace): boolean {
  if (scope.subtrees.some((p) => exam.ownerPath.startsWith(p))) return true;
  if (!exam.targets.length || exam.targets.some((t) => t.kind !== 'class')) return false;
  return exam.targets.every(
    (t) =>
      t.unitId === exam.ownerUnitId &&
      scope.classes.some((c) => c.schoolId === t.unitId && c.classId === t.targetId),
  );
}

/** Whether a scope reaches a record of a student (school path, class, student). */
export function recordCovered(
  scope: Scope,
  r: { schoolId: string; schoolPath: string; classId: string | null; studentId?: string },
): boolean {
  if (scope.subtrees.some((p) => r.schoolPath.startsWith(p))) return true;
  if (r.classId && scope.classes.some((c) => c.schoolId === r.schoolId && c.classId === r.classId))
    return true;
  if (r.studentId && scope.students.some((s) => s.schoolId === r.schoolId && s.studentId === r.studentId))
    return true;
  return false;
}

/** SQL condition for rows of students' records under a table alias (school_id, class column, student column). */
export function recordScopeSql(
  scope: Scope,
  alias: { schoolId: string; classId: string; studentId: string },
): SQL {
  const parts: SQL[] = [];
  const col = (name: string) => sql.raw(name);
  for (const p of scope.subtrees)
    parts.push(sql`${col(alias.schoolId)} in (select u.id from units u where u.path like ${`${p}%`})`);
  if (scope.classes.length)
    parts.push(
      sql`(${col(alias.schoolId)}, ${col(alias.classId)}) in (select (k->>'s')::uuid, (k->>'c')::uuid from jsonb_array_elements(${JSON.stringify(
        scope.classes.map((c) => ({ s: c.schoolId, c: c.classId })),
      )}::jsonb) as k)`,
    );
  if (scope.students.length)
    parts.push(
      sql`(${col(alias.schoolId)}, ${col(alias.studentId)}) in (select (k->>'s')::uuid, (k->>'t')::uuid from jsonb_array_elements(${JSON.stringify(
        scope.students.map((s) => ({ s: s.schoolId, t: s.studentId })),
      )}::jsonb) as k)`,
    );
  if (!parts.length) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
