import {
  classes,
  containsPattern,
  guardians,
  type Queryable,
  studentGuardians,
  students,
} from '@smartedu/db';
import { and, asc, count, desc, eq, exists, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

export type GuardianRow = typeof guardians.$inferSelect;
export type GuardianLinkRow = typeof studentGuardians.$inferSelect;
type ChildRow = {
  studentId: string;
  fullName: string;
  relationship: string;
  isPrimary: boolean;
  className: string | null;
};
export type GuardianFilter = {
  /** guardians.read scope of the actor */
  scope: Scope;
  /** students.read scope of the actor: which children are shown on each guardian */
  childScope: Scope;
  schoolId?: string;
  studentId?: string;
  q?: string;
};

/** Cha mẹ / người giám hộ and their links to students (student_guardians). */
export function createGuardiansRepository(db: Queryable) {
  /**
   * Guardians the scope reaches: by school subtree or own guardian record directly, and by class through a
   * linked student (a teacher sees the guardians of their classes' students). Student grants are not used:
   * a parent sees their own record, not the other guardians of their children.
   */
  const visible = (scope: Scope): SQL => {
    const direct = scopeCondition(
      { ...scope, classes: [], students: [] },
      { schoolId: guardians.schoolId, guardianId: guardians.id },
    );
    if (scope.classes.length === 0) return direct;
    const byClass = exists(
      db
        .select({ one: sql`1` })
        .from(studentGuardians)
        .innerJoin(
          students,
          and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)),
        )
        .where(
          and(
            eq(studentGuardians.schoolId, guardians.schoolId),
            eq(studentGuardians.guardianId, guardians.id),
            scopeCondition(
              { ...scope, subtrees: [], students: [], guardians: [] },
              { schoolId: students.schoolId, classId: students.currentClassId },
            ),
          ),
        ),
    );
    return or(direct, byClass)!;
  };

  const linkedTo = (studentId: string) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(studentGuardians)
        .where(
          and(
            eq(studentGuardians.schoolId, guardians.schoolId),
            eq(studentGuardians.guardianId, guardians.id),
            eq(studentGuardians.studentId, studentId),
          ),
        ),
    );

  /** Children of the given guardians that the child scope lets the actor see. */
  async function childrenOf(rows: GuardianRow[], childScope: Scope) {
    if (rows.length === 0) return new Map<string, ChildRow[]>();
    const found = await db
      .select({
        guardianId: studentGuardians.guardianId,
        studentId: students.id,
        fullName: students.fullName,
        relationship: studentGuardians.relationship,
        isPrimary: studentGuardians.isPrimary,
        className: classes.name,
      })
      .from(studentGuardians)
      .innerJoin(
        students,
        and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)),
      )
      .leftJoin(
        classes,
        and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
      )
      .where(
        and(
          inArray(studentGuardians.schoolId, [...new Set(rows.map((r) => r.schoolId))]),
          inArray(
            studentGuardians.guardianId,
            rows.map((r) => r.id),
          ),
          scopeCondition(childScope, {
            schoolId: students.schoolId,
            classId: students.currentClassId,
            studentId: students.id,
          }),
        ),
      )
      .orderBy(desc(studentGuardians.isPrimary), asc(students.fullName));
    const map = new Map<string, ChildRow[]>();
    for (const { guardianId, ...child } of found) {
      const list = map.get(guardianId) ?? [];
      list.push(child);
      map.set(guardianId, list);
    }
    return map;
  }
  async function raw(schoolId: string, id: string) {
    const [row] = await db
      .select()
      .from(guardians)
      .where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id)));
    return row ?? null;
  }

  const shape = (r: GuardianRow, children: Map<string, ChildRow[]>) => ({
    id: r.id,
    schoolId: r.schoolId,
    fullName: r.fullName,
    phone: r.phone,
    email: r.email,
    citizenId: r.citizenId,
    occupation: r.occupation,
    address: r.address,
    children: children.get(r.id) ?? [],
  });

  return {
    async list(f: GuardianFilter, page: { limit: number; offset: number }) {
      const conds: SQL[] = [visible(f.scope)];
      if (f.schoolId) conds.push(eq(guardians.schoolId, f.schoolId));
      if (f.studentId) conds.push(linkedTo(f.studentId));
      if (f.q)
        conds.push(
          or(ilike(guardians.fullName, containsPattern(f.q)), ilike(guardians.phone, containsPattern(f.q)))!,
        );
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(guardians).where(where);
      const rows = await db
        .select()
        .from(guardians)
        .where(where)
        .orderBy(asc(guardians.fullName), asc(guardians.id))
        .limit(page.limit)
        .offset(page.offset);
      const children = await childrenOf(rows, f.childScope);
      return { total, items: rows.map((r) => shape(r, children)) };
    },
    async get(schoolId: string, id: string, childScope: Scope) {
      const row = await raw(schoolId, id);
      return row ? shape(row, await childrenOf([row], childScope)) : null;
    },
    raw,
    async byPhone(schoolId: string, phone: string) {
      const [row] = await db
        .select()
        .from(guardians)
        .where(and(eq(guardians.schoolId, schoolId), eq(guardians.phone, phone)));
      return row ?? null;
    },
    /** Current classes of a guardian's children (for the access check on one record). */
    async childClassIds(schoolId: string, guardianId: string) {
      const rows = await db
        .select({ classId: students.currentClassId })
        .from(studentGuardians)
        .innerJoin(
          students,
          and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)),
        )
        .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.guardianId, guardianId)));
      return rows.flatMap((r) => (r.classId ? [r.classId] : []));
    },
    async student(schoolId: string, studentId: string) {
      const [row] = await db
        .select({ id: students.id, fullName: students.fullName })
        .from(students)
        .where(and(eq(students.schoolId, schoolId), eq(students.id, studentId)));
      return row ?? null;
    },
    async link(schoolId: string, guardianId: string, studentId: string) {
      const [row] = await db
        .select()
        .from(studentGuardians)
        .where(
          and(
            eq(studentGuardians.schoolId, schoolId),
            eq(studentGuardians.guardianId, guardianId),
            eq(studentGuardians.studentId, studentId),
          ),
        );
      return row ?? null;
    },
    async insert(values: typeof guardians.$inferInsert) {
      const [row] = await db.insert(guardians).values(values).returning();
      return row;
    },
    async update(schoolId: string, id: string, values: Partial<typeof guardians.$inferInsert>) {
      await db
        .update(guardians)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id)));
    },
    /**
     * Inserts or updates one link. A student keeps exactly one primary guardian (người liên hệ chính): a new
     * primary link clears the others, and the first link of a student becomes primary.
     */
    async upsertLink(link: GuardianLinkRow) {
      let isPrimary = link.isPrimary;
      const others = and(
        eq(studentGuardians.schoolId, link.schoolId),
        eq(studentGuardians.studentId, link.studentId),
        ne(studentGuardians.guardianId, link.guardianId),
      );
      if (isPrimary) {
        await db.update(studentGuardians).set({ isPrimary: false }).where(others);
      } else {
        const [primary] = await db
          .select({ id: studentGuardians.guardianId })
          .from(studentGuardians)
          .where(and(others, eq(studentGuardians.isPrimary, true)));
        if (!primary) isPrimary = true;
      }
      const [row] = await db
        .insert(studentGuardians)
        .values({ ...link, isPrimary })
        .onConflictDoUpdate({
          target: [studentGuardians.schoolId, studentGuardians.studentId, studentGuardians.guardianId],
          set: { relationship: link.relationship, isPrimary },
        })
        .returning();
      return row;
    },
    /** Removes one link; when it was the primary one, another guardian of the student becomes primary. */
    async deleteLink(link: GuardianLinkRow) {
      await db
        .delete(studentGuardians)
        .where(
          and(
            eq(studentGuardians.schoolId, link.schoolId),
            eq(studentGuardians.studentId, link.studentId),
            eq(studentGuardians.guardianId, link.guardianId),
          ),
        );
      if (!link.isPrimary) return;
      const [next] = await db
        .select({ guardianId: studentGuardians.guardianId })
        .from(studentGuardians)
        .innerJoin(
          guardians,
          and(
            eq(guardians.schoolId, studentGuardians.schoolId),
            eq(guardians.id, studentGuardians.guardianId),
          ),
        )
        .where(
          and(eq(studentGuardians.schoolId, link.schoolId), eq(studentGuardians.studentId, link.studentId)),
        )
        .orderBy(asc(guardians.fullName))
        .limit(1);
      if (next) {
        await db
          .update(studentGuardians)
          .set({ isPrimary: true })
          .where(
            and(
              eq(studentGuardians.schoolId, link.schoolId),
              eq(studentGuardians.studentId, link.studentId),
              eq(studentGuardians.guardianId, next.guardianId),
            ),
          );
      }
    },
  };
}
export type GuardiansRepository = ReturnType<typeof createGuardiansRepository>;
