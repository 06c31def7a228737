import {
  classes,
  conductRatings,
  containsPattern,
  ethnicities,
  gradeEntries,
  gradeStudentResults,
  gradeSubjectResults,
  type Queryable,
  schoolYears,
  staff,
  students,
  subjectGrades,
  subjects,
  teachingAssignments,
  transcriptConfirmations,
  transcriptSignatures,
  transcriptSignBatches,
  transcripts,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';
import type { ClassContext, ClassSubject, GradebookRows, RosterStudent } from './transcript-builder';
import type { TranscriptData } from './transcript-data';

/**
 * The only file touching the transcript tables. It also reads the registry (classes, students, staff,
 * teaching assignments) and the gradebook's result tables to assemble a transcript; it never writes them.
 */

export type TranscriptRow = typeof transcripts.$inferSelect;
export type TranscriptHeader = Omit<TranscriptRow, 'pdf' | 'data'> & {
  studentName: string;
  sectorId: string;
  className: string;
  schoolYear: string;
  subjectCount: number;
};
export type TranscriptFilter = {
  schoolId?: string;
  classId?: string;
  schoolYearId?: string;
  studentId?: string;
  status?: string;
  q?: string;
};
export type ConfirmationRow = typeof transcriptConfirmations.$inferSelect;
export type SignBatchRow = typeof transcriptSignBatches.$inferSelect;
export type SignatureRow = typeof transcriptSignatures.$inferSelect;

const toIso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10));

export function createTranscriptsRepository(db: Queryable) {
  async function staffMember(schoolId: string, staffId: string) {
    const [row] = await db
      .select({ id: staff.id, fullName: staff.fullName, position: staff.position, status: staff.status })
      .from(staff)
      .where(and(eq(staff.schoolId, schoolId), eq(staff.id, staffId)));
    return row ?? null;
  }
  const header = () =>
    db
      .select({
        schoolId: transcripts.schoolId,
        id: transcripts.id,
        studentId: transcripts.studentId,
        schoolYearId: transcripts.schoolYearId,
        classId: transcripts.classId,
        level: transcripts.level,
        status: transcripts.status,
        dataSha256: transcripts.dataSha256,
        pdfSha256: transcripts.pdfSha256,
        generatedBy: transcripts.generatedBy,
        generatedAt: transcripts.generatedAt,
        createdAt: transcripts.createdAt,
        updatedAt: transcripts.updatedAt,
        studentName: students.fullName,
        sectorId: students.sectorId,
        className: classes.name,
        schoolYear: schoolYears.name,
        subjectCount: sql<number>`jsonb_array_length(${transcripts.data}->'subjects')`.mapWith(Number),
      })
      .from(transcripts)
      .innerJoin(
        students,
        and(eq(students.schoolId, transcripts.schoolId), eq(students.id, transcripts.studentId)),
      )
      .innerJoin(
        classes,
        and(eq(classes.schoolId, transcripts.schoolId), eq(classes.id, transcripts.classId)),
      )
      .innerJoin(schoolYears, eq(schoolYears.id, transcripts.schoolYearId));

  return {
    // ---- registry and gradebook reads

    async classContext(schoolId: string, classId: string): Promise<ClassContext | null> {
      const [row] = await db
        .select({
          schoolId: classes.schoolId,
          classId: classes.id,
          className: classes.name,
          grade: classes.grade,
          schoolYearId: classes.schoolYearId,
          schoolYear: schoolYears.name,
          schoolName: units.name,
          schoolCode: units.code,
          schoolAddress: units.address,
          homeroomTeacherId: classes.homeroomTeacherId,
        })
        .from(classes)
        .innerJoin(units, eq(units.id, classes.schoolId))
        .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));
      if (!row) return null;
      const [principal] = await db
        .select({ fullName: staff.fullName })
        .from(staff)
        .where(
          and(eq(staff.schoolId, schoolId), eq(staff.position, 'principal'), eq(staff.status, 'working')),
        )
        .limit(1);
      const homeroom = row.homeroomTeacherId ? await staffMember(schoolId, row.homeroomTeacherId) : null;
      return {
        ...row,
        homeroomTeacherName: homeroom?.fullName ?? null,
        principalName: principal?.fullName ?? null,
      };
    },

    staffMember,

    async schoolPath(schoolId: string) {
      const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, schoolId));
      return row?.path ?? null;
    },

    /** Students currently in the class (still studying), in class-list order by the caller. */
    async roster(schoolId: string, classId: string): Promise<RosterStudent[]> {
      const rows = await db
        .select({
          id: students.id,
          fullName: students.fullName,
          sectorId: students.sectorId,
          citizenId: students.citizenId,
          birthDate: students.birthDate,
          gender: students.gender,
          ethnicity: ethnicities.name,
          ethnicityCode: students.ethnicityCode,
          address: students.address,
        })
        .from(students)
        .leftJoin(ethnicities, eq(ethnicities.code, students.ethnicityCode))
        .where(
          and(
            eq(students.schoolId, schoolId),
            eq(students.currentClassId, classId),
            eq(students.status, 'studying'),
          ),
        );
      return rows.map((r) => ({
        id: r.id,
        fullName: r.fullName,
        sectorId: r.sectorId,
        citizenId: r.citizenId,
        birthDate: toIso(r.birthDate),
        gender: r.gender === 'F' ? 'F' : 'M',
        ethnicity: r.ethnicity ?? r.ethnicityCode,
        address: r.address,
      }));
    },

    /** Subjects of the class's grade in transcript order, with the teacher assigned in the class. */
    async classSubjects(
      schoolId: string,
      classId: string,
      schoolYearId: string,
      grade: number,
    ): Promise<ClassSubject[]> {
      const list = await db
        .select({
          subjectId: subjects.id,
          code: subjects.code,
          name: subjects.name,
          assessment: subjects.assessment,
          elective: subjects.elective,
        })
        .from(subjectGrades)
        .innerJoin(subjects, eq(subjects.id, subjectGrades.subjectId))
        .where(eq(subjectGrades.grade, grade))
        .orderBy(asc(subjects.sortOrder));
      const assigned = await db
        .select({ subjectId: teachingAssignments.subjectId, staffId: staff.id, fullName: staff.fullName })
        .from(teachingAssignments)
        .innerJoin(
          staff,
          and(eq(staff.schoolId, teachingAssignments.schoolId), eq(staff.id, teachingAssignments.staffId)),
        )
        .where(
          and(
            eq(teachingAssignments.schoolId, schoolId),
            eq(teachingAssignments.classId, classId),
            eq(teachingAssignments.schoolYearId, schoolYearId),
          ),
        );
      const bySubject = new Map(assigned.map((a) => [a.subjectId, a]));
      return list.map((s) => ({
        ...s,
        teacherStaffId: bySubject.get(s.subjectId)?.staffId ?? null,
        teacherName: bySubject.get(s.subjectId)?.fullName ?? null,
      }));
    },

    /** The gradebook's rollups, remarks and ratings of these students for the year (read only). */
    async gradebookRows(
      schoolId: string,
      schoolYearId: string,
      studentIds: string[],
    ): Promise<GradebookRows> {
      if (studentIds.length === 0)
        return { subjectResults: [], studentResults: [], remarks: [], ratings: [] };
      const [subjectResults, studentResults, remarks, ratings] = await Promise.all([
        db
          .select({
            studentId: gradeSubjectResults.studentId,
            subjectId: gradeSubjectResults.subjectId,
            period: gradeSubjectResults.period,
            average: gradeSubjectResults.average,
            result: gradeSubjectResults.result,
            testScore: gradeSubjectResults.testScore,
          })
          .from(gradeSubjectResults)
          .where(
            and(
              eq(gradeSubjectResults.schoolId, schoolId),
              eq(gradeSubjectResults.schoolYearId, schoolYearId),
              inArray(gradeSubjectResults.studentId, studentIds),
            ),
          ),
        db
          .select({
            studentId: gradeStudentResults.studentId,
            period: gradeStudentResults.period,
            learning: gradeStudentResults.learning,
            conduct: gradeStudentResults.conduct,
            promotion: gradeStudentResults.promotion,
            award: gradeStudentResults.award,
            primaryResult: gradeStudentResults.primaryResult,
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
          ),
        db
          .select({
            studentId: gradeEntries.studentId,
            subjectId: gradeEntries.subjectId,
            termNo: gradeEntries.termNo,
            comment: gradeEntries.comment,
          })
          .from(gradeEntries)
          .where(
            and(
              eq(gradeEntries.schoolId, schoolId),
              eq(gradeEntries.schoolYearId, schoolYearId),
              inArray(gradeEntries.studentId, studentIds),
              eq(gradeEntries.kind, 'remark'),
              isNotNull(gradeEntries.comment),
            ),
          ),
        db
          .select({
            studentId: conductRatings.studentId,
            termNo: conductRatings.termNo,
            aspect: conductRatings.aspect,
            level: conductRatings.level,
            comment: conductRatings.comment,
          })
          .from(conductRatings)
          .where(
            and(
              eq(conductRatings.schoolId, schoolId),
              eq(conductRatings.schoolYearId, schoolYearId),
              inArray(conductRatings.studentId, studentIds),
            ),
          ),
      ]);
      return { subjectResults, studentResults, remarks, ratings };
    },

    async assignedTeacher(schoolId: string, classId: string, schoolYearId: string, subjectId: string) {
      const [row] = await db
        .select({ staffId: teachingAssignments.staffId })
        .from(teachingAssignments)
        .where(
          and(
            eq(teachingAssignments.schoolId, schoolId),
            eq(teachingAssignments.classId, classId),
            eq(teachingAssignments.schoolYearId, schoolYearId),
            eq(teachingAssignments.subjectId, subjectId),
          ),
        );
      return row?.staffId ?? null;
    },

    // ---- transcripts

    /** Transcripts within a read scope, filtered; the student's name or sector identifier matches `q`. */
    async list(scope: Scope, f: TranscriptFilter, page: { limit: number; offset: number }) {
      const conds: SQL[] = [
        scopeCondition(scope, {
          schoolId: transcripts.schoolId,
          classId: transcripts.classId,
          studentId: transcripts.studentId,
        }),
      ];
      if (f.schoolId) conds.push(eq(transcripts.schoolId, f.schoolId));
      if (f.classId) conds.push(eq(transcripts.classId, f.classId));
      if (f.schoolYearId) conds.push(eq(transcripts.schoolYearId, f.schoolYearId));
      if (f.studentId) conds.push(eq(transcripts.studentId, f.studentId));
      if (f.status) conds.push(eq(transcripts.status, f.status));
      if (f.q) conds.push(or(ilike(students.fullName, containsPattern(f.q)), eq(students.sectorId, f.q))!);
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: count() })
        .from(transcripts)
        .innerJoin(
          students,
          and(eq(students.schoolId, transcripts.schoolId), eq(students.id, transcripts.studentId)),
        )
        .where(where);
      const items = await header()
        .where(where)
        .orderBy(asc(classes.name), asc(students.fullName))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async header(schoolId: string, id: string): Promise<TranscriptHeader | null> {
      const [row] = await header().where(and(eq(transcripts.schoolId, schoolId), eq(transcripts.id, id)));
      return row ?? null;
    },
    async headersOfClass(schoolId: string, classId: string): Promise<TranscriptHeader[]> {
      return header()
        .where(and(eq(transcripts.schoolId, schoolId), eq(transcripts.classId, classId)))
        .orderBy(asc(students.fullName));
    },
    async full(schoolId: string, id: string): Promise<TranscriptRow | null> {
      const [row] = await db
        .select()
        .from(transcripts)
        .where(and(eq(transcripts.schoolId, schoolId), eq(transcripts.id, id)));
      return row ?? null;
    },
    async fullOfClass(schoolId: string, classId: string): Promise<TranscriptRow[]> {
      return db
        .select()
        .from(transcripts)
        .where(and(eq(transcripts.schoolId, schoolId), eq(transcripts.classId, classId)));
    },
    async byStudentYear(
      schoolId: string,
      studentIds: string[],
      schoolYearId: string,
    ): Promise<TranscriptRow[]> {
      if (studentIds.length === 0) return [];
      return db
        .select()
        .from(transcripts)
        .where(
          and(
            eq(transcripts.schoolId, schoolId),
            eq(transcripts.schoolYearId, schoolYearId),
            inArray(transcripts.studentId, studentIds),
          ),
        );
    },
    /**
     * Public lookup by id alone (the QR code carries no school): a query across schools, acceptable for a
     * rare public check; under Citus it fans out to every shard.
     */
    async publicById(id: string) {
      const [row] = await db
        .select({
          schoolId: transcripts.schoolId,
          id: transcripts.id,
          status: transcripts.status,
          pdfSha256: transcripts.pdfSha256,
          data: transcripts.data,
        })
        .from(transcripts)
        .where(eq(transcripts.id, id));
      return row ? { ...row, data: row.data as TranscriptData } : null;
    },

    async insert(values: typeof transcripts.$inferInsert) {
      const [row] = await db.insert(transcripts).values(values).returning({ id: transcripts.id });
      return row.id;
    },
    async updateDraft(
      schoolId: string,
      id: string,
      patch: {
        data: TranscriptData;
        dataSha256: string;
        classId: string;
        status: string;
        generatedBy: string | null;
      },
    ) {
      await db
        .update(transcripts)
        .set({ ...patch, generatedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(transcripts.schoolId, schoolId), eq(transcripts.id, id)));
    },
    async setStatus(schoolId: string, id: string, status: string) {
      await db
        .update(transcripts)
        .set({ status, updatedAt: new Date() })
        .where(and(eq(transcripts.schoolId, schoolId), eq(transcripts.id, id)));
    },
    /** Stores a newly signed PDF if the transcript is still in `expected` status; false when it moved on. */
    async storeSigned(
      schoolId: string,
      id: string,
      expected: string[],
      next: { status: string; pdf: Buffer; pdfSha256: string },
    ) {
      const rows = await db
        .update(transcripts)
        .set({ ...next, updatedAt: new Date() })
        .where(
          and(
            eq(transcripts.schoolId, schoolId),
            eq(transcripts.id, id),
            inArray(transcripts.status, expected),
          ),
        )
        .returning({ id: transcripts.id });
      return rows.length === 1;
    },

    // ---- confirmations and signatures

    async confirmations(schoolId: string, transcriptIds: string[]): Promise<ConfirmationRow[]> {
      if (transcriptIds.length === 0) return [];
      return db
        .select()
        .from(transcriptConfirmations)
        .where(
          and(
            eq(transcriptConfirmations.schoolId, schoolId),
            inArray(transcriptConfirmations.transcriptId, transcriptIds),
          ),
        );
    },
    async insertConfirmations(rows: (typeof transcriptConfirmations.$inferInsert)[]) {
      if (rows.length) await db.insert(transcriptConfirmations).values(rows);
    },
    async deleteConfirmations(schoolId: string, transcriptId: string, subjectIds: string[]) {
      if (subjectIds.length === 0) return;
      await db
        .delete(transcriptConfirmations)
        .where(
          and(
            eq(transcriptConfirmations.schoolId, schoolId),
            eq(transcriptConfirmations.transcriptId, transcriptId),
            inArray(transcriptConfirmations.subjectId, subjectIds),
          ),
        );
    },
    async signatures(schoolId: string, transcriptIds: string[]): Promise<SignatureRow[]> {
      if (transcriptIds.length === 0) return [];
      return db
        .select()
        .from(transcriptSignatures)
        .where(
          and(
            eq(transcriptSignatures.schoolId, schoolId),
            inArray(transcriptSignatures.transcriptId, transcriptIds),
          ),
        )
        .orderBy(asc(transcriptSignatures.signedAt));
    },
    async insertSignature(row: typeof transcriptSignatures.$inferInsert) {
      await db.insert(transcriptSignatures).values(row);
    },

    // ---- class signing batches (background jobs)

    async insertSignBatch(row: typeof transcriptSignBatches.$inferInsert) {
      const [created] = await db.insert(transcriptSignBatches).values(row).returning();
      return created;
    },
    async signBatch(schoolId: string, id: string): Promise<SignBatchRow | null> {
      const [row] = await db
        .select()
        .from(transcriptSignBatches)
        .where(and(eq(transcriptSignBatches.schoolId, schoolId), eq(transcriptSignBatches.id, id)));
      return row ?? null;
    },
    async signBatchesOfClass(schoolId: string, classId: string, limit = 10): Promise<SignBatchRow[]> {
      return db
        .select()
        .from(transcriptSignBatches)
        .where(and(eq(transcriptSignBatches.schoolId, schoolId), eq(transcriptSignBatches.classId, classId)))
        .orderBy(desc(transcriptSignBatches.createdAt))
        .limit(limit);
    },
    async updateSignBatch(
      schoolId: string,
      id: string,
      patch: Partial<Omit<typeof transcriptSignBatches.$inferInsert, 'schoolId' | 'id'>>,
    ) {
      await db
        .update(transcriptSignBatches)
        .set(patch)
        .where(and(eq(transcriptSignBatches.schoolId, schoolId), eq(transcriptSignBatches.id, id)));
    },
  };
}
export type TranscriptsRepository = ReturnType<typeof createTranscriptsRepository>;
