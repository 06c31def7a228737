import {
  classes,
  conductRatings,
  gradeEntries,
  gradePublications,
  gradeStudentResults,
  gradeSubjectResults,
  gradeTermLocks,
  gradeUnlockRequests,
  gradeUnlocks,
  type Queryable,
  schoolYears,
  students,
  subjectGrades,
  subjects,
  teachingAssignments,
  units,
} from '@smartedu/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type {
  ConductRow,
  EntryRow,
  StudentContext,
  StudentResultRow,
  SubjectResultRow,
} from './gradebook.compute';
import type { SubjectMeta } from './gradebook.slots';

export type ClassInfo = {
  schoolId: string;
  id: string;
  name: string;
  grade: number;
  schoolYearId: string;
  homeroomTeacherId: string | null;
};
export type RosterRow = { studentId: string; fullName: string; sectorId: string };
export type EntryKey = {
  studentId: string;
  subjectId: string;
  termNo: number;
  kind: string;
  slotIndex: number;
};
export type EntryWrite = EntryKey & {
  classId: string;
  score: number | null;
  result: string | null;
  comment: string | null;
};
export type StoredEntry = EntryRow & { comment: string | null };
export type LockRow = typeof gradeTermLocks.$inferSelect;
export type UnlockRequestRow = typeof gradeUnlockRequests.$inferSelect & {
  className: string;
  subjectName: string;
  termStatus: string | null;
};

type EntryDbRow = {
  student_id: string;
  subject_id: string;
  term_no: number;
  kind: string;
  slot_index: number;
  score: number | null;
  result: string | null;
};

/** Rows per statement for bulk writes (arrays bound as one parameter each through unnest). */
const CHUNK = 5000;
const uuidArray = (values: (string | null)[]) => sql`${sql.param(values)}::uuid[]`;
const textArray = (values: (string | null)[]) => sql`${sql.param(values)}::text[]`;
const numArray = (values: (number | null)[]) => sql`${sql.param(values)}::numeric[]`;
const intArray = (values: number[]) => sql`${sql.param(values)}::smallint[]`;
const intArray4 = (values: (number | null)[]) => sql`${sql.param(values)}::int[]`;

/** The only file that touches the gradebook tables (and reads the registry rows the gradebook needs). */
export function createGradebookRepository(db: Queryable) {
  return {
    async schoolPath(schoolId: string): Promise<string | null> {
      const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, schoolId));
      return row?.path ?? null;
    },

    async schoolName(schoolId: string): Promise<string> {
      const [row] = await db.select({ name: units.name }).from(units).where(eq(units.id, schoolId));
      return row?.name ?? '';
    },

    async classInfo(schoolId: string, classId: string): Promise<ClassInfo | null> {
      const [row] = await db
        .select({
          schoolId: classes.schoolId,
          id: classes.id,
          name: classes.name,
          grade: classes.grade,
          schoolYearId: classes.schoolYearId,
          homeroomTeacherId: classes.homeroomTeacherId,
        })
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));
      return row ?? null;
    },

    async classesOfYear(schoolId: string, schoolYearId: string): Promise<ClassInfo[]> {
      return db
        .select({
          schoolId: classes.schoolId,
          id: classes.id,
          name: classes.name,
          grade: classes.grade,
          schoolYearId: classes.schoolYearId,
          homeroomTeacherId: classes.homeroomTeacherId,
        })
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.schoolYearId, schoolYearId)));
    },

    async schoolYear(id: string) {
      const [row] = await db.select().from(schoolYears).where(eq(schoolYears.id, id));
      return row ?? null;
    },

    async currentSchoolYear() {
      const [row] = await db.select().from(schoolYears).where(eq(schoolYears.isCurrent, true));
      return row ?? null;
    },

    /** Subjects studied in a grade with their periods per year, in transcript order. */
    async subjectsForGrade(grade: number): Promise<SubjectMeta[]> {
      return db
        .select({
          id: subjects.id,
          code: subjects.code,
          name: subjects.name,
          assessment: subjects.assessment,
          sortOrder: subjects.sortOrder,
          periodsPerYear: subjectGrades.periodsPerYear,
        })
        .from(subjectGrades)
        .innerJoin(subjects, eq(subjects.id, subjectGrades.subjectId))
        .where(eq(subjectGrades.grade, grade))
        .orderBy(asc(subjects.sortOrder));
    },

    /** The students of a class (current members, still studying). */
    async roster(schoolId: string, classId: string): Promise<RosterRow[]> {
      return db
        .select({ studentId: students.id, fullName: students.fullName, sectorId: students.sectorId })
        .from(students)
        .where(
          and(
            eq(students.schoolId, schoolId),
            eq(students.currentClassId, classId),
            eq(students.status, 'studying'),
          ),
        );
    },

    async student(schoolId: string, studentId: string) {
      const [row] = await db
        .select({
          id: students.id,
          fullName: students.fullName,
          classId: students.currentClassId,
        })
        .from(students)
        .where(and(eq(students.schoolId, schoolId), eq(students.id, studentId)));
      return row ?? null;
    },

    /** Students of a school year (or one class) with their class and grade: the compute roster. */
    async yearStudents(schoolId: string, schoolYearId: string, classId?: string): Promise<StudentContext[]> {
      const conds: SQL[] = [
        eq(students.schoolId, schoolId),
        eq(classes.schoolYearId, schoolYearId),
        eq(students.status, 'studying'),
      ];
      if (classId) conds.push(eq(students.currentClassId, classId));
      const rows = await db
        .select({ studentId: students.id, classId: classes.id, grade: classes.grade })
        .from(students)
        .innerJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
        )
        .where(and(...conds))
        .orderBy(asc(students.id));
      return rows;
    },

    /** These students' current class, grade and school year (students still studying). */
    async studentContexts(schoolId: string, studentIds: string[]) {
      if (studentIds.length === 0) return [];
      return db
        .select({
          studentId: students.id,
          classId: classes.id,
          grade: classes.grade,
          schoolYearId: classes.schoolYearId,
        })
        .from(students)
        .innerJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
        )
        .where(
          and(
            eq(students.schoolId, schoolId),
            inArray(students.id, studentIds),
            eq(students.status, 'studying'),
          ),
        );
    },

    async isAssigned(
      schoolId: string,
      staffId: string,
      classId: string,
      subjectId: string,
      schoolYearId: string,
    ): Promise<boolean> {
      const rows = await db
        .select({ id: teachingAssignments.id })
        .from(teachingAssignments)
        .where(
          and(
            eq(teachingAssignments.schoolId, schoolId),
            eq(teachingAssignments.classId, classId),
            eq(teachingAssignments.subjectId, subjectId),
            eq(teachingAssignments.schoolYearId, schoolYearId),
            eq(teachingAssignments.staffId, staffId),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    async assignedSubjectIds(schoolId: string, staffId: string, classId: string, schoolYearId: string) {
      const rows = await db
        .select({ subjectId: teachingAssignments.subjectId })
        .from(teachingAssignments)
        .where(
          and(
            eq(teachingAssignments.schoolId, schoolId),
            eq(teachingAssignments.classId, classId),
            eq(teachingAssignments.schoolYearId, schoolYearId),
            eq(teachingAssignments.staffId, staffId),
          ),
        );
      return new Set(rows.map((r) => r.subjectId));
    },

    // ---- locks, unlocks, publication

    async locks(schoolId: string, classId: string, schoolYearId: string): Promise<LockRow[]> {
      return db
        .select()
        .from(gradeTermLocks)
        .where(
          and(
            eq(gradeTermLocks.schoolId, schoolId),
            eq(gradeTermLocks.classId, classId),
            eq(gradeTermLocks.schoolYearId, schoolYearId),
          ),
        );
    },

    /** `${classId}:${termNo}` of every locked class-term of a school year. */
    async lockedTerms(schoolId: string, schoolYearId: string): Promise<Set<string>> {
      const rows = await db
        .select({ classId: gradeTermLocks.classId, termNo: gradeTermLocks.termNo })
        .from(gradeTermLocks)
        .where(
          and(
            eq(gradeTermLocks.schoolId, schoolId),
            eq(gradeTermLocks.schoolYearId, schoolYearId),
            eq(gradeTermLocks.status, 'locked'),
          ),
        );
      return new Set(rows.map((r) => `${r.classId}:${r.termNo}`));
    },

    /**
     * Takes the row lock of the class-term's lock row (created 'open' on first use) for the rest of the
     * transaction, so that a save and a lock of the same class-term never interleave; returns its status.
     */
    async lockForWrite(schoolId: string, classId: string, schoolYearId: string, termNo: number) {
      await db
        .insert(gradeTermLocks)
        .values({ schoolId, classId, schoolYearId, termNo, status: 'open' })
        .onConflictDoNothing();
      const [row] = await db
        .select({ status: gradeTermLocks.status })
        .from(gradeTermLocks)
        .where(
          and(
            eq(gradeTermLocks.schoolId, schoolId),
            eq(gradeTermLocks.classId, classId),
            eq(gradeTermLocks.schoolYearId, schoolYearId),
            eq(gradeTermLocks.termNo, termNo),
          ),
        )
        .for('update');
      return row?.status ?? 'open';
    },

    async setLock(row: typeof gradeTermLocks.$inferInsert) {
      await db
        .insert(gradeTermLocks)
        .values(row)
        .onConflictDoUpdate({
          target: [
            gradeTermLocks.schoolId,
            gradeTermLocks.classId,
            gradeTermLocks.schoolYearId,
            gradeTermLocks.termNo,
          ],
          set: {
            status: row.status,
            lockedBy: row.lockedBy,
            lockedByName: row.lockedByName,
            lockedAt: row.lockedAt,
            updatedAt: new Date(),
          },
        });
    },

    async setStatus(schoolId: string, classId: string, schoolYearId: string, termNo: number, status: string) {
      await db
        .update(gradeTermLocks)
        .set({ status, updatedAt: new Date() })
        .where(
          and(
            eq(gradeTermLocks.schoolId, schoolId),
            eq(gradeTermLocks.classId, classId),
            eq(gradeTermLocks.schoolYearId, schoolYearId),
            eq(gradeTermLocks.termNo, termNo),
          ),
        );
    },

    async insertUnlock(row: typeof gradeUnlocks.$inferInsert) {
      const [created] = await db.insert(gradeUnlocks).values(row).returning();
      return created;
    },

    async unlocks(schoolId: string, classId: string, schoolYearId: string) {
      return db
        .select()
        .from(gradeUnlocks)
        .where(
          and(
            eq(gradeUnlocks.schoolId, schoolId),
            eq(gradeUnlocks.classId, classId),
            eq(gradeUnlocks.schoolYearId, schoolYearId),
          ),
        )
        .orderBy(desc(gradeUnlocks.unlockedAt))
        .limit(50);
    },

    // ---- unlock requests (đề nghị mở khoá)

    async insertUnlockRequest(row: typeof gradeUnlockRequests.$inferInsert) {
      const [created] = await db.insert(gradeUnlockRequests).values(row).returning();
      return created;
    },

    /** Pending requests of one requester for a class-subject-term (a new request replaces them). */
    async withdrawPendingOf(
      schoolId: string,
      k: { classId: string; subjectId: string; schoolYearId: string; termNo: number; requestedBy: string },
    ) {
      return db
        .update(gradeUnlockRequests)
        .set({ status: 'withdrawn', decidedAt: new Date() })
        .where(
          and(
            eq(gradeUnlockRequests.schoolId, schoolId),
            eq(gradeUnlockRequests.classId, k.classId),
            eq(gradeUnlockRequests.subjectId, k.subjectId),
            eq(gradeUnlockRequests.schoolYearId, k.schoolYearId),
            eq(gradeUnlockRequests.termNo, k.termNo),
            eq(gradeUnlockRequests.requestedBy, k.requestedBy),
            eq(gradeUnlockRequests.status, 'pending'),
          ),
        )
        .returning({ id: gradeUnlockRequests.id });
    },

    /** One request, row-locked for the rest of the transaction (a decision is taken once). */
    async unlockRequestForUpdate(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(gradeUnlockRequests)
        .where(and(eq(gradeUnlockRequests.schoolId, schoolId), eq(gradeUnlockRequests.id, id)))
        .for('update');
      return row ?? null;
    },

    async decideUnlockRequest(
      schoolId: string,
      id: string,
      d: {
        status: 'approved' | 'rejected';
        decidedBy: string;
        decidedByName: string;
        decisionReason: string | null;
        unlockId: string | null;
      },
    ) {
      await db
        .update(gradeUnlockRequests)
        .set({ ...d, decidedAt: new Date() })
        .where(and(eq(gradeUnlockRequests.schoolId, schoolId), eq(gradeUnlockRequests.id, id)));
    },

    /** Requests of a school, newest first, with class and subject names and the term's lock status. */
    async unlockRequests(
      schoolId: string,
      f: { status?: string; classId?: string; requestedBy?: string; id?: string },
    ): Promise<UnlockRequestRow[]> {
      const r = gradeUnlockRequests;
      const conds: SQL[] = [eq(r.schoolId, schoolId)];
      if (f.status) conds.push(eq(r.status, f.status));
      if (f.classId) conds.push(eq(r.classId, f.classId));
      if (f.requestedBy) conds.push(eq(r.requestedBy, f.requestedBy));
      if (f.id) conds.push(eq(r.id, f.id));
      const rows = await db
        .select({
          request: r,
          className: classes.name,
          subjectName: subjects.name,
          termStatus: gradeTermLocks.status,
        })
        .from(r)
        .innerJoin(classes, and(eq(classes.schoolId, r.schoolId), eq(classes.id, r.classId)))
        .innerJoin(subjects, eq(subjects.id, r.subjectId))
        .leftJoin(
          gradeTermLocks,
          and(
            eq(gradeTermLocks.schoolId, r.schoolId),
            eq(gradeTermLocks.classId, r.classId),
            eq(gradeTermLocks.schoolYearId, r.schoolYearId),
            eq(gradeTermLocks.termNo, r.termNo),
          ),
        )
        .where(and(...conds))
        .orderBy(desc(r.requestedAt))
        .limit(200);
      return rows.map((x) => ({
        ...x.request,
        className: x.className,
        subjectName: x.subjectName,
        termStatus: x.termStatus,
      }));
    },

    async publications(schoolId: string, classIds: string[], schoolYearId: string) {
      if (classIds.length === 0) return [];
      return db
        .select()
        .from(gradePublications)
        .where(
          and(
            eq(gradePublications.schoolId, schoolId),
            inArray(gradePublications.classId, classIds),
            eq(gradePublications.schoolYearId, schoolYearId),
          ),
        );
    },

    async publish(row: typeof gradePublications.$inferInsert) {
      const [created] = await db.insert(gradePublications).values(row).onConflictDoNothing().returning();
      return created ?? null;
    },

    async unpublish(
      schoolId: string,
      classId: string,
      subjectId: string,
      schoolYearId: string,
      termNo: number,
    ) {
      const removed = await db
        .delete(gradePublications)
        .where(
          and(
            eq(gradePublications.schoolId, schoolId),
            eq(gradePublications.classId, classId),
            eq(gradePublications.subjectId, subjectId),
            eq(gradePublications.schoolYearId, schoolYearId),
            eq(gradePublications.termNo, termNo),
          ),
        )
        .returning();
      return removed[0] ?? null;
    },

    // ---- entries

    async entries(
      schoolId: string,
      schoolYearId: string,
      studentIds: string[],
      filter: { subjectId?: string; termNo?: number } = {},
    ): Promise<StoredEntry[]> {
      if (studentIds.length === 0) return [];
      const conds: SQL[] = [
        eq(gradeEntries.schoolId, schoolId),
        eq(gradeEntries.schoolYearId, schoolYearId),
        inArray(gradeEntries.studentId, studentIds),
      ];
      if (filter.subjectId) conds.push(eq(gradeEntries.subjectId, filter.subjectId));
      if (filter.termNo) conds.push(eq(gradeEntries.termNo, filter.termNo));
      return db
        .select({
          studentId: gradeEntries.studentId,
          subjectId: gradeEntries.subjectId,
          termNo: gradeEntries.termNo,
          kind: gradeEntries.kind,
          slotIndex: gradeEntries.slotIndex,
          score: gradeEntries.score,
          result: gradeEntries.result,
          comment: gradeEntries.comment,
        })
        .from(gradeEntries)
        .where(and(...conds));
    },

    /**
     * Every entry of a run of students (from..to by id, in one school year), in primary-key order: the
     * year-end computation reads a chunk of students this way. Scores come back as float8 (JS numbers).
     */
    async entriesInRange(
      schoolId: string,
      schoolYearId: string,
      fromId: string,
      toId: string,
    ): Promise<EntryRow[]> {
      const res = (await db.execute(sql`
        select student_id, subject_id, term_no, kind, slot_index, score::float8 as score, result
        from grade_entries
        where school_id = ${schoolId} and school_year_id = ${schoolYearId}
          and student_id between ${fromId} and ${toId} and kind <> 'remark'
        order by school_id, school_year_id, student_id, subject_id, term_no, kind, slot_index`)) as unknown as {
        rows: EntryDbRow[];
      };
      return res.rows.map((r) => ({
        studentId: r.student_id,
        subjectId: r.subject_id,
        termNo: r.term_no,
        kind: r.kind,
        slotIndex: r.slot_index,
        score: r.score,
        result: r.result,
      }));
    },

    async conductInRange(
      schoolId: string,
      schoolYearId: string,
      fromId: string,
      toId: string,
    ): Promise<ConductRow[]> {
      return db
        .select({
          studentId: conductRatings.studentId,
          termNo: conductRatings.termNo,
          aspect: conductRatings.aspect,
          level: conductRatings.level,
        })
        .from(conductRatings)
        .where(
          and(
            eq(conductRatings.schoolId, schoolId),
            eq(conductRatings.schoolYearId, schoolYearId),
            sql`${conductRatings.studentId} between ${fromId} and ${toId}`,
          ),
        );
    },

    /** Inserts or replaces entries (one statement per chunk). */
    async upsertEntries(
      schoolId: string,
      schoolYearId: string,
      rows: EntryWrite[],
      updatedBy: string | null,
    ) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await db.execute(sql`
          insert into grade_entries
            (school_id, school_year_id, student_id, subject_id, term_no, kind, slot_index, class_id, score, result,
             comment, updated_by, updated_at)
          select ${schoolId}::uuid, ${schoolYearId}::uuid, t.student_id, t.subject_id, t.term_no, t.kind, t.slot_index,
                 t.class_id, t.score, t.result, t.comment, ${updatedBy}::uuid, now()
          from unnest(${uuidArray(part.map((r) => r.studentId))}, ${uuidArray(part.map((r) => r.subjectId))},
                      ${intArray(part.map((r) => r.termNo))}, ${textArray(part.map((r) => r.kind))},
                      ${intArray(part.map((r) => r.slotIndex))}, ${uuidArray(part.map((r) => r.classId))},
                      ${numArray(part.map((r) => r.score))}, ${textArray(part.map((r) => r.result))},
                      ${textArray(part.map((r) => r.comment))})
            as t(student_id, subject_id, term_no, kind, slot_index, class_id, score, result, comment)
          on conflict (school_id, school_year_id, student_id, subject_id, term_no, kind, slot_index) do update set
            class_id = excluded.class_id, score = excluded.score, result = excluded.result,
            comment = excluded.comment, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
      }
    },

    async deleteEntries(schoolId: string, schoolYearId: string, keys: EntryKey[]) {
      for (let i = 0; i < keys.length; i += CHUNK) {
        const part = keys.slice(i, i + CHUNK);
        await db.execute(sql`
          delete from grade_entries e
          using unnest(${uuidArray(part.map((r) => r.studentId))}, ${uuidArray(part.map((r) => r.subjectId))},
                       ${intArray(part.map((r) => r.termNo))}, ${textArray(part.map((r) => r.kind))},
                       ${intArray(part.map((r) => r.slotIndex))})
            as t(student_id, subject_id, term_no, kind, slot_index)
          where e.school_id = ${schoolId}::uuid and e.school_year_id = ${schoolYearId}::uuid
            and e.student_id = t.student_id and e.subject_id = t.subject_id and e.term_no = t.term_no
            and e.kind = t.kind and e.slot_index = t.slot_index`);
      }
    },

    // ---- conduct

    async conduct(schoolId: string, schoolYearId: string, studentIds: string[], termNo?: number) {
      if (studentIds.length === 0) return [] as (ConductRow & { comment: string | null })[];
      const conds: SQL[] = [
        eq(conductRatings.schoolId, schoolId),
        eq(conductRatings.schoolYearId, schoolYearId),
        inArray(conductRatings.studentId, studentIds),
      ];
      if (termNo) conds.push(eq(conductRatings.termNo, termNo));
      return db
        .select({
          studentId: conductRatings.studentId,
          termNo: conductRatings.termNo,
          aspect: conductRatings.aspect,
          level: conductRatings.level,
          comment: conductRatings.comment,
        })
        .from(conductRatings)
        .where(and(...conds));
    },

    async upsertConduct(rows: (typeof conductRatings.$inferInsert)[]) {
      for (let i = 0; i < rows.length; i += 2000) {
        await db
          .insert(conductRatings)
          .values(rows.slice(i, i + 2000))
          .onConflictDoUpdate({
            target: [
              conductRatings.schoolId,
              conductRatings.schoolYearId,
              conductRatings.studentId,
              conductRatings.termNo,
              conductRatings.aspect,
            ],
            set: {
              level: sql`excluded.level`,
              classId: sql`excluded.class_id`,
              updatedBy: sql`excluded.updated_by`,
              updatedAt: sql`now()`,
            },
          });
      }
    },

    async deleteConduct(
      schoolId: string,
      schoolYearId: string,
      keys: { studentId: string; termNo: number; aspect: string }[],
    ) {
      for (const k of keys) {
        await db
          .delete(conductRatings)
          .where(
            and(
              eq(conductRatings.schoolId, schoolId),
              eq(conductRatings.schoolYearId, schoolYearId),
              eq(conductRatings.studentId, k.studentId),
              eq(conductRatings.termNo, k.termNo),
              eq(conductRatings.aspect, k.aspect),
            ),
          );
      }
    },

    // ---- computed results (rollups)

    async subjectResults(
      schoolId: string,
      schoolYearId: string,
      studentIds: string[],
    ): Promise<SubjectResultRow[]> {
      if (studentIds.length === 0) return [];
      const rows = await db
        .select({
          studentId: gradeSubjectResults.studentId,
          subjectId: gradeSubjectResults.subjectId,
          period: gradeSubjectResults.period,
          classId: gradeSubjectResults.classId,
          average: gradeSubjectResults.average,
          result: gradeSubjectResults.result,
          testScore: gradeSubjectResults.testScore,
          status: gradeSubjectResults.status,
        })
        .from(gradeSubjectResults)
        .where(
          and(
            eq(gradeSubjectResults.schoolId, schoolId),
            eq(gradeSubjectResults.schoolYearId, schoolYearId),
            inArray(gradeSubjectResults.studentId, studentIds),
          ),
        );
      return rows as SubjectResultRow[];
    },

    async studentResults(
      schoolId: string,
      schoolYearId: string,
      studentIds: string[],
    ): Promise<StudentResultRow[]> {
      if (studentIds.length === 0) return [];
      const rows = await db
        .select({
          studentId: gradeStudentResults.studentId,
          period: gradeStudentResults.period,
          classId: gradeStudentResults.classId,
          learning: gradeStudentResults.learning,
          conduct: gradeStudentResults.conduct,
          promotion: gradeStudentResults.promotion,
          award: gradeStudentResults.award,
          primaryResult: gradeStudentResults.primaryResult,
          status: gradeStudentResults.status,
          missing: gradeStudentResults.missing,
          absentExcused: gradeStudentResults.absentExcused,
          absentUnexcused: gradeStudentResults.absentUnexcused,
        })
        .from(gradeStudentResults)
        .where(
          and(
            eq(gradeStudentResults.schoolId, schoolId),
            eq(gradeStudentResults.schoolYearId, schoolYearId),
            inArray(gradeStudentResults.studentId, studentIds),
          ),
        );
      return rows.map((r) => ({ ...r, missing: r.missing ?? [] })) as StudentResultRow[];
    },

    async upsertSubjectResults(schoolId: string, schoolYearId: string, rows: SubjectResultRow[]) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await db.execute(sql`
          insert into grade_subject_results
            (school_id, school_year_id, student_id, subject_id, period, class_id, average, result, test_score, status,
             computed_at)
          select ${schoolId}::uuid, ${schoolYearId}::uuid, t.student_id, t.subject_id, t.period, t.class_id, t.average,
                 t.result, t.test_score, t.status, now()
          from unnest(${uuidArray(part.map((r) => r.studentId))}, ${uuidArray(part.map((r) => r.subjectId))},
                      ${textArray(part.map((r) => r.period))}, ${uuidArray(part.map((r) => r.classId))},
                      ${numArray(part.map((r) => r.average))}, ${textArray(part.map((r) => r.result))},
                      ${numArray(part.map((r) => r.testScore))}, ${textArray(part.map((r) => r.status))})
            as t(student_id, subject_id, period, class_id, average, result, test_score, status)
          on conflict (school_id, school_year_id, student_id, subject_id, period) do update set
            class_id = excluded.class_id, average = excluded.average, result = excluded.result,
            test_score = excluded.test_score, status = excluded.status, computed_at = excluded.computed_at`);
      }
    },

    async upsertStudentResults(schoolId: string, schoolYearId: string, rows: StudentResultRow[]) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await db.execute(sql`
          insert into grade_student_results
            (school_id, school_year_id, student_id, period, class_id, learning, conduct, promotion, award,
             primary_result, status, missing, absent_excused, absent_unexcused, computed_at)
          select ${schoolId}::uuid, ${schoolYearId}::uuid, t.student_id, t.period, t.class_id, t.learning, t.conduct,
                 t.promotion, t.award, t.primary_result, t.status, t.missing::jsonb, t.absent_excused,
                 t.absent_unexcused, now()
          from unnest(${uuidArray(part.map((r) => r.studentId))}, ${textArray(part.map((r) => r.period))},
                      ${uuidArray(part.map((r) => r.classId))}, ${textArray(part.map((r) => r.learning))},
                      ${textArray(part.map((r) => r.conduct))}, ${textArray(part.map((r) => r.promotion))},
                      ${textArray(part.map((r) => r.award))}, ${textArray(part.map((r) => r.primaryResult))},
                      ${textArray(part.map((r) => r.status))}, ${textArray(part.map((r) => JSON.stringify(r.missing)))},
                      ${intArray4(part.map((r) => r.absentExcused))}, ${intArray4(part.map((r) => r.absentUnexcused))})
            as t(student_id, period, class_id, learning, conduct, promotion, award, primary_result, status, missing,
                 absent_excused, absent_unexcused)
          on conflict (school_id, school_year_id, student_id, period) do update set
            class_id = excluded.class_id, learning = excluded.learning, conduct = excluded.conduct,
            promotion = excluded.promotion, award = excluded.award, primary_result = excluded.primary_result,
            status = excluded.status, missing = excluded.missing, absent_excused = excluded.absent_excused,
            absent_unexcused = excluded.absent_unexcused, computed_at = excluded.computed_at`);
      }
    },
  };
}
export type GradebookRepository = ReturnType<typeof createGradebookRepository>;
