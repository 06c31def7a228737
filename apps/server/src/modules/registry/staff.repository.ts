import {
  classes,
  containsPattern,
  ethnicities,
  type Queryable,
  staff,
  staffSubjects,
  subjects,
  teachingAssignments,
  units,
} from '@smartedu/db';
import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';
import { toIsoDate } from './shared';

export type StaffRow = typeof staff.$inferSelect;
export type TeachingAssignmentRow = typeof teachingAssignments.$inferSelect;
export type StaffFilter = { scope: Scope; schoolId?: string; category?: string; q?: string };
export type AssignmentFilter = {
  scope: Scope;
  schoolId: string;
  classId?: string;
  staffId?: string;
  schoolYearId?: string;
};

/** Cán bộ, giáo viên, nhân viên; the subjects they teach (staff_subjects); phân công giảng dạy. */
export function createStaffRepository(db: Queryable) {
  const select = () =>
    db
      .select({
        id: staff.id,
        schoolId: staff.schoolId,
        schoolName: units.name,
        staffCode: staff.staffCode,
        citizenId: staff.citizenId,
        fullName: staff.fullName,
        birthDate: staff.birthDate,
        gender: staff.gender,
        ethnicityCode: staff.ethnicityCode,
        category: staff.category,
        position: staff.position,
        qualification: staff.qualification,
        mainSubjectCode: staff.mainSubjectCode,
        phone: staff.phone,
        email: staff.email,
        status: staff.status,
      })
      .from(staff)
      .innerJoin(units, eq(units.id, staff.schoolId));

  type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

  /** Adds each member's subject ids (one query for the whole page). */
  async function withSubjects(rows: Selected[]) {
    const bySchool = new Map<string, string[]>();
    if (rows.length) {
      const found = await db
        .select({ staffId: staffSubjects.staffId, subjectId: staffSubjects.subjectId })
        .from(staffSubjects)
        .innerJoin(subjects, eq(subjects.id, staffSubjects.subjectId))
        .where(
          and(
            inArray(staffSubjects.schoolId, [...new Set(rows.map((r) => r.schoolId))]),
            inArray(
              staffSubjects.staffId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(subjects.sortOrder), asc(subjects.code));
      for (const { staffId, subjectId } of found) {
        const list = bySchool.get(staffId) ?? [];
        list.push(subjectId);
        bySchool.set(staffId, list);
      }
    }
    return rows.map((r) => ({
      ...r,
      birthDate: toIsoDate(r.birthDate),
      gender: r.gender as 'M' | 'F',
      category: r.category as 'manager' | 'teacher' | 'employee',
      subjectIds: bySchool.get(r.id) ?? [],
    }));
  }

  async function raw(schoolId: string, id: string) {
    const [row] = await db
      .select()
      .from(staff)
      .where(and(eq(staff.schoolId, schoolId), eq(staff.id, id)));
    return row ?? null;
  }

  const assignmentSelect = () =>
    db
      .select({
        id: teachingAssignments.id,
        schoolId: teachingAssignments.schoolId,
        schoolYearId: teachingAssignments.schoolYearId,
        staffId: teachingAssignments.staffId,
        staffName: staff.fullName,
        classId: teachingAssignments.classId,
        className: classes.name,
        subjectId: teachingAssignments.subjectId,
        subjectName: subjects.name,
      })
      .from(teachingAssignments)
      .innerJoin(
        staff,
        and(eq(staff.schoolId, teachingAssignments.schoolId), eq(staff.id, teachingAssignments.staffId)),
      )
      .innerJoin(
        classes,
        and(eq(classes.schoolId, teachingAssignments.schoolId), eq(classes.id, teachingAssignments.classId)),
      )
      .innerJoin(subjects, eq(subjects.id, teachingAssignments.subjectId));

  return {
    async list(f: StaffFilter, page: { limit: number; offset: number }) {
      const conds: SQL[] = [scopeCondition(f.scope, { schoolId: staff.schoolId })];
      if (f.schoolId) conds.push(eq(staff.schoolId, f.schoolId));
      if (f.category) conds.push(eq(staff.category, f.category));
      if (f.q) conds.push(or(ilike(staff.fullName, containsPattern(f.q)), eq(staff.staffCode, f.q))!);
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(staff).where(where);
      const rows = await select()
        .where(where)
        .orderBy(asc(units.name), asc(staff.fullName), asc(staff.id))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items: await withSubjects(rows) };
    },
    async get(schoolId: string, id: string) {
      const rows = await select().where(and(eq(staff.schoolId, schoolId), eq(staff.id, id)));
      const [row] = await withSubjects(rows);
      return row ?? null;
    },
    raw,
    async subjectIdsOf(schoolId: string, staffId: string) {
      const rows = await db
        .select({ subjectId: staffSubjects.subjectId })
        .from(staffSubjects)
        .where(and(eq(staffSubjects.schoolId, schoolId), eq(staffSubjects.staffId, staffId)));
      return rows.map((r) => r.subjectId).sort();
    },
    async byCode(schoolId: string, staffCode: string) {
      const [row] = await db
        .select()
        .from(staff)
        .where(and(eq(staff.schoolId, schoolId), eq(staff.staffCode, staffCode)));
      return row ?? null;
    },
    async ethnicityExists(code: string) {
      const [row] = await db.select().from(ethnicities).where(eq(ethnicities.code, code));
      return Boolean(row);
    },
    async subjectCodeExists(code: string) {
      const [row] = await db.select({ id: subjects.id }).from(subjects).where(eq(subjects.code, code));
      return Boolean(row);
    },
    /** Which of the given subject ids exist. */
    async existingSubjectIds(ids: string[]) {
      if (ids.length === 0) return new Set<string>();
      const rows = await db.select({ id: subjects.id }).from(subjects).where(inArray(subjects.id, ids));
      return new Set(rows.map((r) => r.id));
    },
    async subject(id: string) {
      const [row] = await db.select().from(subjects).where(eq(subjects.id, id));
      return row ?? null;
    },
    async class(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, id)));
      return row ?? null;
    },
    async insert(values: typeof staff.$inferInsert) {
      const [row] = await db.insert(staff).values(values).returning();
      return row;
    },
    async update(schoolId: string, id: string, values: Partial<typeof staff.$inferInsert>) {
      await db
        .update(staff)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(staff.schoolId, schoolId), eq(staff.id, id)));
    },
    /** Replaces the subjects a staff member teaches (môn giảng dạy). */
    async replaceSubjects(schoolId: string, staffId: string, subjectIds: string[]) {
      await db
        .delete(staffSubjects)
        .where(and(eq(staffSubjects.schoolId, schoolId), eq(staffSubjects.staffId, staffId)));
      if (subjectIds.length) {
        await db
          .insert(staffSubjects)
          .values([...new Set(subjectIds)].map((subjectId) => ({ schoolId, staffId, subjectId })));
      }
    },

    // ---- teaching assignments (phân công giảng dạy)
    async listAssignments(f: AssignmentFilter) {
      const conds: SQL[] = [
        scopeCondition(f.scope, {
          schoolId: teachingAssignments.schoolId,
          classId: teachingAssignments.classId,
        }),
        eq(teachingAssignments.schoolId, f.schoolId),
      ];
      if (f.classId) conds.push(eq(teachingAssignments.classId, f.classId));
      if (f.staffId) conds.push(eq(teachingAssignments.staffId, f.staffId));
      if (f.schoolYearId) conds.push(eq(teachingAssignments.schoolYearId, f.schoolYearId));
      return assignmentSelect()
        .where(and(...conds))
        .orderBy(asc(classes.grade), asc(classes.name), asc(subjects.sortOrder), asc(subjects.code));
    },
    async getAssignment(schoolId: string, id: string) {
      const [row] = await assignmentSelect().where(
        and(eq(teachingAssignments.schoolId, schoolId), eq(teachingAssignments.id, id)),
      );
      return row ?? null;
    },
    async rawAssignment(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(teachingAssignments)
        .where(and(eq(teachingAssignments.schoolId, schoolId), eq(teachingAssignments.id, id)));
      return row ?? null;
    },
    async assignmentFor(schoolId: string, classId: string, subjectId: string, schoolYearId: string) {
      const [row] = await db
        .select()
        .from(teachingAssignments)
        .where(
          and(
            eq(teachingAssignments.schoolId, schoolId),
            eq(teachingAssignments.classId, classId),
            eq(teachingAssignments.subjectId, subjectId),
            eq(teachingAssignments.schoolYearId, schoolYearId),
          ),
        );
      return row ?? null;
    },
    async insertAssignment(values: typeof teachingAssignments.$inferInsert) {
      const [row] = await db.insert(teachingAssignments).values(values).returning();
      return row;
    },
    async reassign(schoolId: string, id: string, staffId: string) {
      const [row] = await db
        .update(teachingAssignments)
        .set({ staffId })
        .where(and(eq(teachingAssignments.schoolId, schoolId), eq(teachingAssignments.id, id)))
        .returning();
      return row;
    },
    async deleteAssignment(schoolId: string, id: string) {
      await db
        .delete(teachingAssignments)
        .where(and(eq(teachingAssignments.schoolId, schoolId), eq(teachingAssignments.id, id)));
    },
  };
}
export type StaffRepository = ReturnType<typeof createStaffRepository>;
