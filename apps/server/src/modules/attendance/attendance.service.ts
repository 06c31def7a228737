import type {
  AbsenceItem,
  AbsenceReport,
  AttendanceClassQuery,
  ClassRoll,
  RollQuery,
  RollUpdateBody,
  StaffRoll,
  StaffRollUpdateBody,
  StudentAttendance,
  StudentAttendanceQuery,
} from '@smartedu/contracts';
import { compareVietnameseNames } from '@smartedu/domain';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../access';
import type { AttendanceDeps } from './attendance.deps';
import type { AbsenceRecordedEvent } from './attendance.events';
import {
  createAttendanceRepository,
  type RecordInsert,
  type RecordRow,
  type Status,
} from './attendance.repository';
import { localDateOf } from './local-time';

const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const byName = <T extends { fullName: string }>(a: T, b: T) => compareVietnameseNames(a.fullName, b.fullName);

type Counts = { present: number; late: number; excused: number; unexcused: number; notRecorded: number };
const zero = (): Counts => ({ present: 0, late: 0, excused: 0, unexcused: 0, notRecorded: 0 });

/**
 * Counts of one group (a class, the staff) for a day: with the roll taken, everyone without an absence or
 * late record was present; without it, only the records (the teacher's or the terminals') count.
 */
function countGroup(size: number, byStatus: Map<string, number>, taken: boolean): Counts {
  const late = byStatus.get('late') ?? 0;
  const excused = byStatus.get('excused') ?? 0;
  const unexcused = byStatus.get('unexcused') ?? 0;
  if (taken)
    return {
      present: Math.max(0, size - late - excused - unexcused),
      late,
      excused,
      unexcused,
      notRecorded: 0,
    };
  const present = byStatus.get('present') ?? 0;
  return {
    present,
    late,
    excused,
    unexcused,
    notRecorded: Math.max(0, size - present - late - excused - unexcused),
  };
}

/** Điểm danh: the roll of a class or of the staff, the daily absence report, a student's history. */
export function createAttendanceService({
  database,
  access,
  audit,
  events,
  now = () => new Date(),
}: AttendanceDeps) {
  const repo = createAttendanceRepository(database.db);

  function checkDay(date: string, range?: { yearStart: string; yearEnd: string; className: string }) {
    if (date > localDateOf(now()))
      throw new AppError('VALIDATION_FAILED', 'Không thể điểm danh cho ngày trong tương lai', {
        field: 'date',
      });
    if (range && (date < range.yearStart || date > range.yearEnd))
      throw new AppError('VALIDATION_FAILED', `Ngày ${date} nằm ngoài năm học của lớp ${range.className}`, {
        field: 'date',
      });
  }

  async function buildRoll(
    schoolId: string,
    cls: { id: string; name: string },
    date: string,
    period: number,
  ) {
    const students = (await repo.classStudents(schoolId, cls.id, date)).sort(byName);
    const ids = students.map((s) => s.id);
    const records = await repo.records(schoolId, ids, date, period === 0 ? [0] : [0, period]);
    const roll = await repo.rollCall(schoolId, cls.id, date, period);
    const at = (id: string, p: number) => records.find((r) => r.personId === id && r.period === p);
    return {
      schoolId,
      classId: cls.id,
      className: cls.name,
      date,
      period,
      taken: Boolean(roll),
      recordedAt: iso(roll?.recordedAt ?? null),
      rows: students.map((s) => {
        const own = at(s.id, period);
        const day = at(s.id, 0);
        return {
          studentId: s.id,
          fullName: s.fullName,
          sectorId: s.sectorId,
          status: (own?.status as Status | undefined) ?? (roll ? 'present' : null),
          note: own?.note ?? null,
          source: (own?.source as 'manual' | 'device' | undefined) ?? null,
          arrivedAt: iso(day?.arrivedAt ?? null),
          leftAt: iso(day?.leftAt ?? null),
        };
      }),
    } satisfies ClassRoll;
  }

  /**
   * The rows to write for a roll: a 'present' without a note and without an earlier record needs no row (the
   * roll call marks everyone else present); everything else is upserted as the person's manual record.
   */
  function rowsToWrite(
    entries: { personId: string; status: Status; note?: string | null }[],
    existing: RecordRow[],
    base: Omit<RecordInsert, 'personId' | 'status' | 'note'>,
  ) {
    const prev = new Map(existing.map((r) => [r.personId, r]));
    const rows: RecordInsert[] = [];
    for (const e of entries) {
      const note = e.note?.trim() || null;
      if (e.status === 'present' && !note && !prev.has(e.personId)) continue;
      rows.push({ ...base, personId: e.personId, status: e.status, note });
    }
    const before = Object.fromEntries(existing.map((r) => [r.personId, { status: r.status, note: r.note }]));
    const after = Object.fromEntries(
      entries.map((e) => [e.personId, { status: e.status, note: e.note?.trim() || null }]),
    );
    return { rows, before, after, prev };
  }

  /** Chấm công cán bộ: the staff roll of a school for a day (school administrators). */
  async function getStaffRoll(actor: Actor, schoolId: string, date: string): Promise<StaffRoll> {
    await access.require(actor, 'attendance.read', { schoolId });
    const people = (await repo.workingStaff(schoolId)).sort(byName);
    const records = await repo.records(
      schoolId,
      people.map((p) => p.id),
      date,
      [0],
    );
    const roll = await repo.rollCall(schoolId, null, date, 0);
    const byPerson = new Map(records.map((r) => [r.personId, r]));
    return {
      schoolId,
      date,
      taken: Boolean(roll),
      recordedAt: iso(roll?.recordedAt ?? null),
      rows: people.map((p) => {
        const rec = byPerson.get(p.id);
        return {
          staffId: p.id,
          fullName: p.fullName,
          staffCode: p.staffCode,
          position: p.position,
          status: (rec?.status as Status | undefined) ?? (roll ? 'present' : null),
          note: rec?.note ?? null,
          source: (rec?.source as 'manual' | 'device' | undefined) ?? null,
          arrivedAt: iso(rec?.arrivedAt ?? null),
          leftAt: iso(rec?.leftAt ?? null),
        };
      }),
    };
  }

  return {
    /** Classes the actor may see the roll of, for one day, with their size and whether the roll was taken. */
    async classes(actor: Actor, q: z.infer<typeof AttendanceClassQuery>) {
      const scope = await access.scope(actor, 'attendance.read');
      return repo.classesForDay(
        { scope, schoolId: q.schoolId, date: q.date ?? localDateOf(now()) },
        { limit: q.pageSize, offset: offset(q) },
      );
    },

    async getRoll(actor: Actor, schoolId: string, classId: string, q: z.infer<typeof RollQuery>) {
      await access.require(actor, 'attendance.read', { schoolId, classIds: [classId] });
      const cls = await repo.classInfo(schoolId, classId);
      if (!cls) throw notFound('lớp');
      return buildRoll(schoolId, cls, q.date, q.period);
    },

    /** Saves a class's roll (điểm danh) for a day or a period; parents hear of each new unexcused absence. */
    async saveRoll(actor: Actor, schoolId: string, classId: string, body: z.infer<typeof RollUpdateBody>) {
      await access.require(actor, 'attendance.write', { schoolId, classIds: [classId] });
      const cls = await repo.classInfo(schoolId, classId);
      if (!cls) throw notFound('lớp');
      checkDay(body.date, { ...cls, className: cls.name });
      const students = await repo.classStudents(schoolId, classId, body.date);
      const inClass = new Set(students.map((s) => s.id));
      const outside = body.entries.filter((e) => !inClass.has(e.studentId)).map((e) => e.studentId);
      if (outside.length)
        throw new AppError(
          'VALIDATION_FAILED',
          `Có học sinh không thuộc lớp ${cls.name} vào ngày ${body.date}`,
          {
            field: 'entries',
            studentIds: outside,
          },
        );
      const entries = body.entries.map((e) => ({ personId: e.studentId, status: e.status, note: e.note }));
      if (new Set(entries.map((e) => e.personId)).size !== entries.length)
        throw new AppError('VALIDATION_FAILED', 'Một học sinh xuất hiện hai lần trong danh sách', {
          field: 'entries',
        });

      const { newlyUnexcused, sessionsChanged } = await database.transaction(async (tx) => {
        const r = createAttendanceRepository(tx);
        const existing = await r.records(
          schoolId,
          entries.map((e) => e.personId),
          body.date,
          [body.period],
        );
        const { rows, before, after, prev } = rowsToWrite(entries, existing, {
          schoolId,
          personKind: 'student',
          classId,
          date: body.date,
          period: body.period,
          source: 'manual',
          recordedBy: actor.userId,
        });
        await r.upsertManual(rows);
        await r.saveRollCall(schoolId, classId, body.date, body.period, actor.userId);
        await audit.record(tx, actor, {
          schoolId,
          action: 'roll_call',
          entity: 'attendance',
          entityId: `${classId}:${body.date}:${body.period}`,
          before,
          after,
        });
        const absent = (status: string | undefined) => status === 'excused' || status === 'unexcused';
        return {
          newlyUnexcused: rows.filter(
            (row) => row.status === 'unexcused' && prev.get(row.personId)?.status !== 'unexcused',
          ),
          // A whole-day record whose status moved into, out of or between excused and unexcused: a buổi nghỉ.
          sessionsChanged:
            body.period === 0
              ? rows
                  .filter((row) => {
                    const before = prev.get(row.personId)?.status;
                    return (absent(before) || absent(row.status)) && before !== row.status;
                  })
                  .map((row) => row.personId)
              : [],
        };
      });
      if (sessionsChanged.length)
        await events.emit('attendance.absences_changed', {
          schoolId,
          studentIds: sessionsChanged,
          dates: [body.date],
        });
      // After the commit: the contact book notifies the parents.
      for (const row of newlyUnexcused) {
        const event: AbsenceRecordedEvent = {
          schoolId,
          studentId: row.personId,
          classId,
          className: cls.name,
          date: body.date,
          period: body.period,
          status: 'unexcused',
          note: row.note ?? null,
          recordedBy: actor.userId,
          recordedByName: actor.fullName,
        };
        await events.emit('attendance.absence_recorded', event);
      }
      return buildRoll(schoolId, cls, body.date, body.period);
    },

    getStaffRoll,

    async saveStaffRoll(actor: Actor, schoolId: string, body: z.infer<typeof StaffRollUpdateBody>) {
      await access.require(actor, 'attendance.write', { schoolId });
      checkDay(body.date);
      const people = new Set((await repo.workingStaff(schoolId)).map((p) => p.id));
      const outside = body.entries.filter((e) => !people.has(e.staffId)).map((e) => e.staffId);
      if (outside.length)
        throw new AppError('VALIDATION_FAILED', 'Có cán bộ không công tác tại đơn vị này', {
          field: 'entries',
          staffIds: outside,
        });
      const entries = body.entries.map((e) => ({ personId: e.staffId, status: e.status, note: e.note }));
      if (new Set(entries.map((e) => e.personId)).size !== entries.length)
        throw new AppError('VALIDATION_FAILED', 'Một cán bộ xuất hiện hai lần trong danh sách', {
          field: 'entries',
        });
      await database.transaction(async (tx) => {
        const r = createAttendanceRepository(tx);
        const existing = await r.records(
          schoolId,
          entries.map((e) => e.personId),
          body.date,
          [0],
        );
        const { rows, before, after } = rowsToWrite(entries, existing, {
          schoolId,
          personKind: 'staff',
          classId: null,
          date: body.date,
          period: 0,
          source: 'manual',
          recordedBy: actor.userId,
        });
        await r.upsertManual(rows);
        await r.saveRollCall(schoolId, null, body.date, 0, actor.userId);
        await audit.record(tx, actor, {
          schoolId,
          action: 'roll_call',
          entity: 'staff_attendance',
          entityId: body.date,
          before,
          after,
        });
      });
      return getStaffRoll(actor, schoolId, body.date);
    },

    /** Báo cáo vắng hằng ngày: counts by class, the unexcused absences, the staff. */
    async report(actor: Actor, schoolId: string, date: string): Promise<AbsenceReport> {
      await access.require(actor, 'attendance.read', { schoolId });
      const school = await repo.schoolName(schoolId);
      if (!school) throw notFound('đơn vị');
      const [classes, rolls, counts, absences, staff] = await Promise.all([
        repo.schoolClassesOn(schoolId, date),
        repo.rollCallsOn(schoolId, date),
        repo.dayCounts(schoolId, date),
        repo.absencesOn(schoolId, date),
        repo.workingStaff(schoolId),
      ]);
      const takenClasses = new Set(rolls.filter((r) => r.period === 0 && r.classId).map((r) => r.classId));
      const staffTaken = rolls.some((r) => r.period === 0 && r.classId === null);
      const statusCounts = (kind: string, classId: string | null) => {
        const map = new Map<string, number>();
        for (const c of counts)
          if (c.personKind === kind && c.classId === classId)
            map.set(c.status, (map.get(c.status) ?? 0) + c.n);
        return map;
      };
      const classRows = classes.map((c) => ({
        classId: c.id,
        className: c.name,
        grade: c.grade,
        students: c.students,
        taken: takenClasses.has(c.id),
        ...countGroup(c.students, statusCounts('student', c.id), takenClasses.has(c.id)),
      }));
      const totals = { students: 0, ...zero() };
      for (const c of classRows) {
        totals.students += c.students;
        for (const k of Object.keys(zero()) as (keyof Counts)[]) totals[k] += c[k];
      }
      const item = (a: (typeof absences)[number]): AbsenceItem => ({
        personId: a.personId,
        fullName: a.fullName,
        classId: a.classId,
        className: a.className,
        period: a.period,
        status: a.status,
        note: a.note,
      });
      const students = absences.filter((a) => a.personKind === 'student');
      return {
        schoolId,
        schoolName: school.name,
        date,
        totals,
        classes: classRows,
        unexcused: students.filter((a) => a.status === 'unexcused').map(item),
        otherAbsences: students.filter((a) => a.status !== 'unexcused').map(item),
        staff: {
          total: staff.length,
          taken: staffTaken,
          ...countGroup(staff.length, statusCounts('staff', null), staffTaken),
          absences: absences
            .filter((a) => a.personKind === 'staff')
            .map(item)
            .sort(byName),
        },
      };
    },

    /** A student's absences and late arrivals (parents see their children's). */
    async studentHistory(
      actor: Actor,
      schoolId: string,
      studentId: string,
      q: z.infer<typeof StudentAttendanceQuery>,
    ): Promise<StudentAttendance> {
      const student = await repo.studentClass(schoolId, studentId);
      if (!student) throw notFound('học sinh');
      await access.require(actor, 'attendance.read', {
        schoolId,
        studentId,
        classIds: student.currentClassId ? [student.currentClassId] : [],
      });
      if (q.from > q.to)
        throw new AppError('VALIDATION_FAILED', 'Ngày bắt đầu phải trước ngày kết thúc', { field: 'from' });
      const items = await repo.studentRecords(schoolId, studentId, q.from, q.to);
      const n = (s: Status) => items.filter((i) => i.status === s).length;
      return {
        studentId,
        from: q.from,
        to: q.to,
        summary: { excused: n('excused'), unexcused: n('unexcused'), late: n('late') },
        items,
      };
    },
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;
