import {
  attendanceRecords,
  attendanceRollCalls,
  classes,
  enrolments,
  type Queryable,
  schoolYears,
  staff,
  students,
  units,
} from '@smartedu/db';
import { and, asc, count, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

export type RecordRow = typeof attendanceRecords.$inferSelect;
export type RecordInsert = typeof attendanceRecords.$inferInsert;
export type Status = 'present' | 'excused' | 'unexcused' | 'late';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toDate = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10));

/** Enrolment on a day: started on or before it and not ended before it. */
const enrolledOn = (date: string) =>
  and(lte(enrolments.startDate, date), or(isNull(enrolments.endDate), gte(enrolments.endDate, date)))!;

/** Điểm danh: records, roll calls and the daily report. */
export function createAttendanceRepository(db: Queryable) {
  return {
    async schoolName(schoolId: string) {
      const [row] = await db
        .select({ name: units.name, kind: units.kind })
        .from(units)
        .where(eq(units.id, schoolId));
      return row ?? null;
    },
    /** A class with the dates of its school year. */
    async classInfo(schoolId: string, classId: string) {
      const [row] = await db
        .select({
          id: classes.id,
          name: classes.name,
          grade: classes.grade,
          schoolYearId: classes.schoolYearId,
          yearStart: schoolYears.startDate,
          yearEnd: schoolYears.endDate,
        })
        .from(classes)
        .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));
      return row ? { ...row, yearStart: toDate(row.yearStart), yearEnd: toDate(row.yearEnd) } : null;
    },
    /** The students of a class on a day (from the enrolment history, so transfers count on the right day). */
    async classStudents(schoolId: string, classId: string, date: string) {
      return db
        .selectDistinct({ id: students.id, fullName: students.fullName, sectorId: students.sectorId })
        .from(enrolments)
        .innerJoin(
          students,
          and(eq(students.schoolId, enrolments.schoolId), eq(students.id, enrolments.studentId)),
        )
        .where(and(eq(enrolments.schoolId, schoolId), eq(enrolments.classId, classId), enrolledOn(date)));
    },
    /** The class of each of these students on each of these days (students only; others are absent). */
    async classesOn(schoolId: string, studentIds: string[], dates: string[]) {
      const out = new Map<string, string>(); // `${studentId}|${date}` → class id
      if (studentIds.length === 0 || dates.length === 0) return out;
      const rows = await db
        .select({
          studentId: enrolments.studentId,
          classId: enrolments.classId,
          startDate: enrolments.startDate,
          endDate: enrolments.endDate,
        })
        .from(enrolments)
        .where(
          and(eq(enrolments.schoolId, schoolId), inArray(enrolments.studentId, [...new Set(studentIds)])),
        );
      for (const date of new Set(dates))
        for (const r of rows) {
          const start = toDate(r.startDate);
          const end = r.endDate ? toDate(r.endDate) : null;
          if (start <= date && (end === null || end >= date)) out.set(`${r.studentId}|${date}`, r.classId);
        }
      return out;
    },
    async studentClass(schoolId: string, studentId: string) {
      const [row] = await db
        .select({ id: students.id, currentClassId: students.currentClassId })
        .from(students)
        .where(and(eq(students.schoolId, schoolId), eq(students.id, studentId)));
      return row ?? null;
    },
    async workingStaff(schoolId: string) {
      return db
        .select({
          id: staff.id,
          fullName: staff.fullName,
          staffCode: staff.staffCode,
          position: staff.position,
        })
        .from(staff)
        .where(and(eq(staff.schoolId, schoolId), eq(staff.status, 'working')));
    },

    /**
     * Buổi nghỉ học: per student, the days from..to (inclusive) with a whole-day record (period 0) excused or
     * unexcused, for the given students or for a run of student ids (the year-end batch). Reads the
     * (school_id, person_id, date, period) unique index only.
     */
    async absentSessions(
      schoolId: string,
      from: string,
      to: string,
      students: { ids: string[] } | { fromId: string; toId: string },
    ): Promise<Map<string, { excused: number; unexcused: number }>> {
      const out = new Map<string, { excused: number; unexcused: number }>();
      const who =
        'ids' in students
          ? students.ids.length === 0
            ? null
            : inArray(attendanceRecords.personId, students.ids)
          : sql`${attendanceRecords.personId} between ${students.fromId} and ${students.toId}`;
      if (!who) return out;
      const rows = await db
        .select({
          personId: attendanceRecords.personId,
          excused: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'excused')::int`,
          unexcused: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'unexcused')::int`,
        })
        .from(attendanceRecords)
        .where(
          and(
            eq(attendanceRecords.schoolId, schoolId),
            who,
            gte(attendanceRecords.date, from),
            lte(attendanceRecords.date, to),
            eq(attendanceRecords.period, 0),
            eq(attendanceRecords.personKind, 'student'),
            inArray(attendanceRecords.status, ['excused', 'unexcused']),
          ),
        )
        .groupBy(attendanceRecords.personId);
      for (const r of rows)
        out.set(r.personId, { excused: Number(r.excused), unexcused: Number(r.unexcused) });
      return out;
    },

    async records(schoolId: string, personIds: string[], date: string, periods: number[]) {
      if (personIds.length === 0) return [];
      return db
        .select()
        .from(attendanceRecords)
        .where(
          and(
            eq(attendanceRecords.schoolId, schoolId),
            inArray(attendanceRecords.personId, personIds),
            eq(attendanceRecords.date, date),
            inArray(attendanceRecords.period, periods),
          ),
        );
    },
    async rollCall(schoolId: string, classId: string | null, date: string, period: number) {
      const r = attendanceRollCalls;
      const [row] = await db
        .select()
        .from(r)
        .where(
          and(
            eq(r.schoolId, schoolId),
            classId ? eq(r.classId, classId) : isNull(r.classId),
            eq(r.date, date),
            eq(r.period, period),
          ),
        );
      return row ?? null;
    },
    async saveRollCall(
      schoolId: string,
      classId: string | null,
      date: string,
      period: number,
      userId: string,
    ) {
      await db
        .insert(attendanceRollCalls)
        .values({ schoolId, classId, date, period, recordedBy: userId })
        .onConflictDoUpdate({
          target: [
            attendanceRollCalls.schoolId,
            attendanceRollCalls.classId,
            attendanceRollCalls.date,
            attendanceRollCalls.period,
          ],
          set: { recordedBy: userId, recordedAt: new Date() },
        });
    },
    /** Records entered by a person (teacher, administrator): status and note win, device times stay. */
    async upsertManual(rows: RecordInsert[]) {
      if (rows.length === 0) return;
      const r = attendanceRecords;
      await db
        .insert(r)
        .values(rows)
        .onConflictDoUpdate({
          target: [r.schoolId, r.personId, r.date, r.period],
          set: {
            status: sql`excluded.status`,
            note: sql`excluded.note`,
            source: sql`excluded.source`,
            recordedBy: sql`excluded.recorded_by`,
            classId: sql`excluded.class_id`,
            updatedAt: new Date(),
          },
        });
    },
    /**
     * Day records derived from terminal punches: a new one is 'present' from the device; an existing one
     * (possibly the teacher's) only gets its arrival and departure times.
     */
    async upsertDeviceDays(rows: RecordInsert[]) {
      if (rows.length === 0) return;
      const r = attendanceRecords;
      for (let i = 0; i < rows.length; i += 1000)
        await db
          .insert(r)
          .values(rows.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: [r.schoolId, r.personId, r.date, r.period],
            set: {
              arrivedAt: sql`excluded.arrived_at`,
              leftAt: sql`excluded.left_at`,
              updatedAt: new Date(),
            },
          });
    },

    /** Classes within a scope whose school year covers the day, with their size and whether the roll was taken. */
    async classesForDay(
      f: { scope: Scope; schoolId?: string; date: string },
      page: { limit: number; offset: number },
    ) {
      const conds: SQL[] = [
        scopeCondition(f.scope, { schoolId: classes.schoolId, classId: classes.id }),
        lte(schoolYears.startDate, f.date),
        gte(schoolYears.endDate, f.date),
      ];
      if (f.schoolId) conds.push(eq(classes.schoolId, f.schoolId));
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: count() })
        .from(classes)
        .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
        .where(where);
      const size = sql<number>`(select count(distinct e.student_id)::int from ${enrolments} e
        where e.school_id = ${classes.schoolId} and e.class_id = ${classes.id}
        and e.start_date <= ${f.date} and (e.end_date is null or e.end_date >= ${f.date}))`;
      const taken = sql<boolean>`exists (select 1 from ${attendanceRollCalls} rc
        where rc.school_id = ${classes.schoolId} and rc.class_id = ${classes.id} and rc.date = ${f.date} and rc.period = 0)`;
      const absent = sql<number>`(select count(*)::int from ${attendanceRecords} ar
        where ar.school_id = ${classes.schoolId} and ar.class_id = ${classes.id} and ar.date = ${f.date}
        and ar.period = 0 and ar.status in ('excused', 'unexcused'))`;
      const rows = await db
        .select({
          id: classes.id,
          schoolId: classes.schoolId,
          schoolName: units.name,
          name: classes.name,
          grade: classes.grade,
          students: size,
          absent,
          taken,
        })
        .from(classes)
        .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
        .innerJoin(units, eq(units.id, classes.schoolId))
        .where(where)
        .orderBy(asc(units.name), asc(classes.grade), asc(classes.name))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items: rows };
    },

    // ---- the daily report
    async schoolClassesOn(schoolId: string, date: string) {
      const size = sql<number>`(select count(distinct e.student_id)::int from ${enrolments} e
        where e.school_id = ${classes.schoolId} and e.class_id = ${classes.id}
        and e.start_date <= ${date} and (e.end_date is null or e.end_date >= ${date}))`;
      return db
        .select({ id: classes.id, name: classes.name, grade: classes.grade, students: size })
        .from(classes)
        .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
        .where(
          and(
            eq(classes.schoolId, schoolId),
            lte(schoolYears.startDate, date),
            gte(schoolYears.endDate, date),
          ),
        )
        .orderBy(asc(classes.grade), asc(classes.name));
    },
    async rollCallsOn(schoolId: string, date: string) {
      return db
        .select({ classId: attendanceRollCalls.classId, period: attendanceRollCalls.period })
        .from(attendanceRollCalls)
        .where(and(eq(attendanceRollCalls.schoolId, schoolId), eq(attendanceRollCalls.date, date)));
    },
    /** Day records (period 0) counted by person kind, class and status. */
    async dayCounts(schoolId: string, date: string) {
      const r = attendanceRecords;
      return db
        .select({ personKind: r.personKind, classId: r.classId, status: r.status, n: count() })
        .from(r)
        .where(and(eq(r.schoolId, schoolId), eq(r.date, date), eq(r.period, 0)))
        .groupBy(r.personKind, r.classId, r.status);
    },
    /** Absences and late arrivals of one day, any period, with names. */
    async absencesOn(schoolId: string, date: string) {
      const r = attendanceRecords;
      const rows = await db
        .select({
          personKind: r.personKind,
          personId: r.personId,
          classId: r.classId,
          className: classes.name,
          period: r.period,
          status: r.status,
          note: r.note,
          studentName: students.fullName,
          staffName: staff.fullName,
        })
        .from(r)
        .leftJoin(students, and(eq(students.schoolId, r.schoolId), eq(students.id, r.personId)))
        .leftJoin(staff, and(eq(staff.schoolId, r.schoolId), eq(staff.id, r.personId)))
        .leftJoin(classes, and(eq(classes.schoolId, r.schoolId), eq(classes.id, r.classId)))
        .where(
          and(
            eq(r.schoolId, schoolId),
            eq(r.date, date),
            inArray(r.status, ['excused', 'unexcused', 'late']),
          ),
        )
        .orderBy(asc(classes.grade), asc(classes.name), asc(r.period));
      return rows.map((x) => ({
        ...x,
        status: x.status as Status,
        fullName: x.studentName ?? x.staffName ?? '',
      }));
    },

    /** One student's records in a date range (absences, late arrivals and device days). */
    async studentRecords(schoolId: string, studentId: string, from: string, to: string) {
      const r = attendanceRecords;
      const rows = await db
        .select()
        .from(r)
        .where(and(eq(r.schoolId, schoolId), eq(r.personId, studentId), gte(r.date, from), lte(r.date, to)))
        .orderBy(asc(r.date), asc(r.period));
      return rows.map((x) => ({
        date: toDate(x.date),
        period: x.period,
        status: x.status as Status,
        note: x.note,
        source: x.source as 'manual' | 'device',
        arrivedAt: iso(x.arrivedAt),
        leftAt: iso(x.leftAt),
      }));
    },
  };
}
export type AttendanceRepository = ReturnType<typeof createAttendanceRepository>;
