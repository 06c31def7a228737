import {
  classes,
  type Queryable,
  studentGuardians,
  students,
  teachingAssignments,
  units,
} from '@smartedu/db';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ActorLinks } from './access.rules';
import type { Actor, Scope } from './access.types';

export function createAccessRepository(db: Queryable) {
  return {
    async loadLinks(actor: Actor): Promise<ActorLinks> {
      const links: ActorLinks = { teacherClasses: [], children: [], ownStudent: null, ownGuardian: null };
      // A person-linked account belongs to the person's school: its home unit.
      const schoolOf = async (_person: 'staff' | 'guardian' | 'student') => actor.homeUnitId;
      if (actor.staffId && actor.roles.some((r) => r.role === 'teacher')) {
        const schoolId = await schoolOf('staff');
        if (schoolId) {
          const homeroom = await db
            .select({ classId: classes.id })
            .from(classes)
            .where(and(eq(classes.schoolId, schoolId), eq(classes.homeroomTeacherId, actor.staffId)));
          const taught = await db
            .selectDistinct({ classId: teachingAssignments.classId })
            .from(teachingAssignments)
            .where(
              and(eq(teachingAssignments.schoolId, schoolId), eq(teachingAssignments.staffId, actor.staffId)),
            );
          const ids = new Set([...homeroom, ...taught].map((r) => r.classId));
          links.teacherClasses = [...ids].map((classId) => ({ schoolId, classId }));
        }
      }
      if (actor.guardianId) {
        const schoolId = await schoolOf('guardian');
        if (schoolId) {
          links.ownGuardian = { schoolId, guardianId: actor.guardianId };
          const rows = await db
            .select({ studentId: students.id, classId: students.currentClassId })
            .from(studentGuardians)
            .innerJoin(
              students,
              and(
                eq(students.schoolId, studentGuardians.schoolId),
                eq(students.id, studentGuardians.studentId),
              ),
            )
            .where(
              and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.guardianId, actor.guardianId)),
            );
          links.children = rows.map((r) => ({ schoolId, studentId: r.studentId, classId: r.classId }));
        }
      }
      if (actor.studentId) {
        const schoolId = await schoolOf('student');
        if (schoolId) {
          const [row] = await db
            .select({ classId: students.currentClassId })
            .from(students)
            .where(and(eq(students.schoolId, schoolId), eq(students.id, actor.studentId)));
          if (row) links.ownStudent = { schoolId, studentId: actor.studentId, classId: row.classId };
        }
      }
      return links;
    },

    async unitPath(unitId: string): Promise<string | null> {
      const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
      return row?.path ?? null;
    },
  };
}
export type AccessRepository = ReturnType<typeof createAccessRepository>;

/** Columns of a school-owned table that a scope can filter on. */
export type ScopeColumns = {
  schoolId: PgColumn;
  classId?: PgColumn | SQL;
  studentId?: PgColumn;
  guardianId?: PgColumn;
};

/** SQL condition restricting rows to a scope (false when the scope is empty). */
export function scopeCondition(scope: Scope, cols: ScopeColumns): SQL {
  const parts: SQL[] = [];
  for (const path of scope.subtrees) {
    parts.push(
      sql`${cols.schoolId} in (select ${units.id} from ${units} where ${units.path} like ${`${path}%`})`,
    );
  }
  if (cols.classId && scope.classes.length) {
    const bySchool = groupBy(
      scope.classes,
      (c) => c.schoolId,
      (c) => c.classId,
    );
    for (const [schoolId, ids] of bySchool) {
      parts.push(sql`(${cols.schoolId} = ${schoolId} and ${cols.classId} in ${sqlList(ids)})`);
    }
  }
  if (cols.studentId && scope.students.length) {
    for (const [schoolId, ids] of groupBy(
      scope.students,
      (s) => s.schoolId,
      (s) => s.studentId,
    )) {
      parts.push(and(eq(cols.schoolId, schoolId), inArray(cols.studentId, ids))!);
    }
  }
  if (cols.guardianId && scope.guardians.length) {
    for (const [schoolId, ids] of groupBy(
      scope.guardians,
      (g) => g.schoolId,
      (g) => g.guardianId,
    )) {
      parts.push(and(eq(cols.schoolId, schoolId), inArray(cols.guardianId, ids))!);
    }
  }
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0] : or(...parts)!;
}

const sqlList = (ids: string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

function groupBy<T>(items: T[], key: (t: T) => string, value: (t: T) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k) ?? [];
    list.push(value(item));
    map.set(k, list);
  }
  return map;
}
