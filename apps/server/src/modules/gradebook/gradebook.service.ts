import {
  type ConductSaveBody,
  type ConductSheet,
  checkConductCell,
  checkGradeCell,
  type GradebookClass,
  type GradeCellError,
  type GradeCellValue,
  type GradeGrid,
  type GradeGridRow,
  type GradeGridSaveBody,
  type GradeImportReport,
  type GradeResultPeriod,
  type GradeSlot,
  type GradeTermNo,
  type Permission,
  type StudentPeriodResult,
  type StudentReport,
  type SubjectPeriodResult,
  type TermLockState,
  type UnlockRequest,
  type UnlockRequestList,
} from '@smartedu/contracts';
import type { Database, Tx } from '@smartedu/db';
import {
  COMPETENCIES,
  compareVietnameseNames,
  parsePeriodicTestScore,
  parseScore,
  QUALITIES,
} from '@smartedu/domain';
import { AppError, forbidden, notFound } from '../../errors';
import type { EventBus } from '../../events';
import { type AccessService, type Actor, scopeCovers } from '../access';
import type { AbsentSessionCounter } from '../attendance';
import type { AuditRecord, AuditRepository } from '../audit';
import {
  type AbsentSessions,
  type ConductRow,
  computeStudentResults,
  computeSubjectResults,
  type EntryRow,
  type StudentContext,
  type StudentResultRow,
  type SubjectResultRow,
} from './gradebook.compute';
import { buildGradeWorkbook, parseGradeWorkbook } from './gradebook.excel';
import {
  type ClassInfo,
  createGradebookRepository,
  type EntryKey,
  type EntryWrite,
  type GradebookRepository,
  type LockRow,
  type RosterRow,
  type StoredEntry,
  type UnlockRequestRow,
} from './gradebook.repository';
import { circularOf, type SubjectMeta, slotsFor } from './gradebook.slots';
import './gradebook.events';

export type GradebookDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  events?: EventBus;
  /**
   * Buổi nghỉ học per student from the attendance records (the attendance module's counter). Without it no
   * absence is counted (a gradebook with no attendance behind it).
   */
  absences?: AbsentSessionCounter;
};

/** The domain's parsers, handed to the shared cell checker (the web passes the same ones). */
export const CELL_PARSERS = { parseScore, parsePeriodicTestScore };

const TERM_LOCKED_MESSAGE =
  'Học kì này đã được duyệt và khoá sổ: muốn sửa điểm cần hiệu trưởng mở khoá (ghi rõ lý do)';
const roman = (termNo: number) => (termNo === 1 ? 'I' : 'II');
const termLocked = (termNo: number) => new AppError('TERM_LOCKED', TERM_LOCKED_MESSAGE, { termNo }, 409);

/** Where the year-end computation spends its time (for the benchmark). */
export type ComputePhases = { readMs: number; computeMs: number; writeMs: number };

/** Students per chunk of the year-end computation (one transaction each). */
const COMPUTE_CHUNK = 2000;

const isoDay = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

const sortRoster = (rows: RosterRow[]) =>
  [...rows].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));

const entryKey = (k: {
  studentId: string;
  subjectId: string;
  termNo: number;
  kind: string;
  slotIndex: number;
}) => `${k.studentId}|${k.subjectId}|${k.termNo}|${k.kind}|${k.slotIndex}`;

/** The cell value a stored entry shows in its slot. */
function storedValue(
  slot: Pick<GradeSlot, 'valueType'>,
  e: Pick<StoredEntry, 'score' | 'result' | 'comment'>,
) {
  if (slot.valueType === 'text') return e.comment;
  if (slot.valueType === 'score' || slot.valueType === 'test_score') return e.score;
  return e.result;
}

/** `expected` as sent by a client, in stored form ('8,5' → 8.5 for score slots). */
function normaliseExpected(slot: GradeSlot, value: GradeCellValue | undefined): GradeCellValue | undefined {
  if (value === undefined || value === null) return value;
  if ((slot.valueType === 'score' || slot.valueType === 'test_score') && typeof value === 'string') {
    const check = checkGradeCell(slot.valueType, value, CELL_PARSERS);
    return check.ok ? check.value : value;
  }
  return value === '' ? null : value;
}

const sameValue = (a: GradeCellValue | undefined, b: GradeCellValue | undefined) =>
  (a ?? null) === (b ?? null) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);

function lockState(termNo: number, row: LockRow | undefined): TermLockState {
  return {
    termNo,
    status: (row?.status as TermLockState['status']) ?? 'open',
    lockedAt: row?.lockedAt ? row.lockedAt.toISOString() : null,
    lockedByName: row?.lockedByName ?? null,
  };
}

const noSubjectResult: SubjectPeriodResult = { average: null, result: null, testScore: null, status: 'none' };
const noStudentResult: StudentPeriodResult = {
  learning: null,
  conduct: null,
  promotion: null,
  award: null,
  primaryResult: null,
  status: 'none',
  missing: [],
  absentSessions: null,
  absentExcused: null,
  absentUnexcused: null,
};
const toSubjectPeriod = (r: SubjectResultRow | undefined): SubjectPeriodResult =>
  r ? { average: r.average, result: r.result, testScore: r.testScore, status: r.status } : noSubjectResult;
const toStudentPeriod = (r: StudentResultRow | undefined): StudentPeriodResult =>
  r
    ? {
        learning: r.learning,
        conduct: r.conduct,
        promotion: r.promotion,
        award: r.award,
        primaryResult: r.primaryResult,
        status: r.status,
        missing: r.missing,
        absentSessions:
          r.absentExcused === null && r.absentUnexcused === null
            ? null
            : (r.absentExcused ?? 0) + (r.absentUnexcused ?? 0),
        absentExcused: r.absentExcused,
        absentUnexcused: r.absentUnexcused,
      }
    : noStudentResult;

/** Conduct aspects of a class: rèn luyện (TT22) or the 5 phẩm chất and 10 năng lực (TT27). */
function conductAspects(grade: number) {
  if (circularOf(grade) === 'TT22')
    return [{ code: 'conduct', name: 'Rèn luyện', scale: 'conduct' as const }];
  return [
    ...QUALITIES.map((q) => ({ code: q.code, name: q.name, scale: 'quality' as const })),
    ...COMPETENCIES.map((c) => ({ code: c.code, name: c.name, scale: 'quality' as const })),
  ];
}

type CellWrite = {
  studentId: string;
  slot: GradeSlot;
  value: number | string | null;
  expected?: GradeCellValue;
};

/** Sổ điểm điện tử: the use cases. Every write checks access first, runs in one transaction and is audited. */
export function createGradebookService({ database, access, audit, events, absences }: GradebookDeps) {
  const repo = createGradebookRepository(database.db);
  const yearDates = new Map<string, Promise<{ from: string; to: string } | null>>();
  const datesOf = (schoolYearId: string, r: GradebookRepository) => {
    let p = yearDates.get(schoolYearId);
    if (!p) {
      p = r
        .schoolYear(schoolYearId)
        .then((y) => (y ? { from: isoDay(y.startDate), to: isoDay(y.endDate) } : null));
      yearDates.set(schoolYearId, p);
      p.catch(() => yearDates.delete(schoolYearId));
    }
    return p;
  };
  /** Buổi nghỉ of the students in their school year (none without an attendance counter). */
  async function absentSessionsOf(
    tx: Tx,
    schoolId: string,
    schoolYearId: string,
    ids: string[],
    range: boolean,
  ): Promise<Map<string, AbsentSessions>> {
    if (!absences || ids.length === 0) return new Map();
    const dates = await datesOf(schoolYearId, createGradebookRepository(tx));
    if (!dates) return new Map();
    return absences(tx, {
      schoolId,
      from: dates.from,
      to: dates.to,
      students: range ? { fromId: ids[0], toId: ids[ids.length - 1] } : { ids },
    });
  }
  const subjectCache = new Map<number, Promise<SubjectMeta[]>>();
  const subjectsForGrade = (grade: number, r: GradebookRepository = repo) => {
    let p = subjectCache.get(grade);
    if (!p) {
      p = r.subjectsForGrade(grade);
      subjectCache.set(grade, p);
      p.catch(() => subjectCache.delete(grade));
    }
    return p;
  };

  async function loadClass(schoolId: string, classId: string): Promise<ClassInfo> {
    const cls = await repo.classInfo(schoolId, classId);
    if (!cls) throw notFound('lớp');
    return cls;
  }
  async function subjectOf(cls: ClassInfo, subjectId: string): Promise<SubjectMeta> {
    const subject = (await subjectsForGrade(cls.grade)).find((s) => s.id === subjectId);
    if (!subject)
      throw new AppError('NOT_FOUND', `Môn học không có trong chương trình lớp ${cls.name}`, {
        field: 'subjectId',
      });
    return subject;
  }

  /** True when the actor holds the permission over the whole school (principal, department), not via classes. */
  async function schoolWide(actor: Actor, permission: Permission, schoolId: string): Promise<boolean> {
    const [scope, schoolPath] = await Promise.all([
      access.scope(actor, permission),
      repo.schoolPath(schoolId),
    ]);
    return Boolean(schoolPath) && scopeCovers(scope, { schoolId, schoolPath: schoolPath! });
  }

  /** May the actor write grades of this class-subject? The principal: any; a teacher: their assignments. */
  async function mayWriteSubject(actor: Actor, cls: ClassInfo, subjectId: string): Promise<boolean> {
    const scope = await access.scope(actor, 'grades.write');
    const schoolPath = await repo.schoolPath(cls.schoolId);
    if (schoolPath && scopeCovers(scope, { schoolId: cls.schoolId, schoolPath })) return true;
    if (!scopeCovers(scope, { schoolId: cls.schoolId, classIds: [cls.id] }) || !actor.staffId) return false;
    return repo.isAssigned(cls.schoolId, actor.staffId, cls.id, subjectId, cls.schoolYearId);
  }
  async function requireWriteSubject(actor: Actor, cls: ClassInfo, subjectId: string) {
    await access.require(actor, 'grades.write', { schoolId: cls.schoolId, classIds: [cls.id] });
    if (!(await mayWriteSubject(actor, cls, subjectId)))
      throw forbidden('Bạn chỉ được nhập điểm các môn được phân công giảng dạy ở lớp này');
  }
  async function mayWriteConduct(actor: Actor, cls: ClassInfo): Promise<boolean> {
    if (await schoolWide(actor, 'conduct.write', cls.schoolId)) return true;
    const scope = await access.scope(actor, 'conduct.write');
    return (
      scopeCovers(scope, { schoolId: cls.schoolId, classIds: [cls.id] }) &&
      Boolean(actor.staffId) &&
      actor.staffId === cls.homeroomTeacherId
    );
  }

  async function lockOf(cls: ClassInfo, termNo: number, r: GradebookRepository = repo) {
    const rows = await r.locks(cls.schoolId, cls.id, cls.schoolYearId);
    return lockState(
      termNo,
      rows.find((l) => l.termNo === termNo),
    );
  }

  // ---- computation: one path for a grid save, a conduct change, a lock, a class or a school

  /**
   * Recomputes the results of `students` (all of one school year) inside `tx`: subject results for
   * `subjectIds` (all the grade's subjects when omitted; none with []), then the students' term and year
   * results from every subject result and their conduct.
   */
  /**
   * Recomputes the results of `students` (all of one school year) inside `tx`: subject results for
   * `subjectIds` (all the grade's subjects when omitted; none with []), then the students' term and year
   * results from every subject result and their conduct. With `range`, the students are one contiguous run of
   * ids (the year-end computation) and their rows are read by primary-key range.
   */
  async function recompute(
    tx: Tx,
    schoolId: string,
    schoolYearId: string,
    students: StudentContext[],
    subjectIds?: string[],
    opts: { range?: boolean; phases?: ComputePhases } = {},
  ): Promise<{ subjectResults: number; studentResults: number }> {
    if (students.length === 0) return { subjectResults: 0, studentResults: 0 };
    const phases = opts.phases ?? { readMs: 0, computeMs: 0, writeMs: 0 };
    let t0 = performance.now();
    const r = createGradebookRepository(tx);
    const ids = students.map((s) => s.studentId);
    const locked = await r.lockedTerms(schoolId, schoolYearId);
    const termClosed = (classId: string, termNo: number) => locked.has(`${classId}:${termNo}`);
    const onlySubject = subjectIds?.length === 1 ? subjectIds[0] : undefined;
    const wanted = subjectIds ? new Set(subjectIds) : null;
    const inChunk = new Set(ids);

    const entries =
      wanted?.size === 0
        ? []
        : opts.range
          ? await r.entriesInRange(schoolId, schoolYearId, ids[0], ids[ids.length - 1])
          : await r.entries(schoolId, schoolYearId, ids, { subjectId: onlySubject });
    const previous = wanted ? await r.subjectResults(schoolId, schoolYearId, ids) : [];
    const conduct = opts.range
      ? await r.conductInRange(schoolId, schoolYearId, ids[0], ids[ids.length - 1])
      : await r.conduct(schoolId, schoolYearId, ids);
    const absent = await absentSessionsOf(tx, schoolId, schoolYearId, ids, Boolean(opts.range));
    phases.readMs += performance.now() - t0;
    t0 = performance.now();

    const byStudent = new Map<string, Map<string, EntryRow[]>>();
    for (const e of entries) {
      if (!inChunk.has(e.studentId)) continue;
      const subjects = byStudent.get(e.studentId) ?? new Map<string, EntryRow[]>();
      byStudent.set(e.studentId, subjects);
      const list = subjects.get(e.subjectId);
      if (list) list.push(e);
      else subjects.set(e.subjectId, [e]);
    }
    const grades = new Map<number, SubjectMeta[]>();
    for (const s of students)
      if (!grades.has(s.grade)) grades.set(s.grade, await subjectsForGrade(s.grade, r));
    const newSubjectResults: SubjectResultRow[] = [];
    const subjectResultsOf = new Map<string, SubjectResultRow[]>();
    for (const s of students) {
      const list: SubjectResultRow[] = [];
      for (const subject of grades.get(s.grade)!) {
        if (wanted && !wanted.has(subject.id)) continue;
        list.push(
          ...computeSubjectResults(s, subject, byStudent.get(s.studentId)?.get(subject.id) ?? [], termClosed),
        );
      }
      newSubjectResults.push(...list);
      subjectResultsOf.set(s.studentId, list);
    }
    // Other subjects' results are read back from the rollup.
    for (const row of previous) {
      if (wanted?.has(row.subjectId)) continue;
      subjectResultsOf.get(row.studentId)?.push(row);
    }
    const conductOf = new Map<string, ConductRow[]>();
    for (const c of conduct) {
      const list = conductOf.get(c.studentId);
      if (list) list.push(c);
      else conductOf.set(c.studentId, [c]);
    }
    const studentResults: StudentResultRow[] = [];
    for (const s of students) {
      studentResults.push(
        ...computeStudentResults(
          s,
          grades.get(s.grade)!,
          subjectResultsOf.get(s.studentId) ?? [],
          conductOf.get(s.studentId) ?? [],
          absent.get(s.studentId),
        ),
      );
    }
    phases.computeMs += performance.now() - t0;
    t0 = performance.now();
    await r.upsertSubjectResults(schoolId, schoolYearId, newSubjectResults);
    await r.upsertStudentResults(schoolId, schoolYearId, studentResults);
    phases.writeMs += performance.now() - t0;
    return { subjectResults: newSubjectResults.length, studentResults: studentResults.length };
  }

  const classStudents = (cls: ClassInfo, roster: RosterRow[]): StudentContext[] =>
    roster.map((s) => ({ studentId: s.studentId, classId: cls.id, grade: cls.grade }));

  /**
   * Year-end computation for a school or one class, in chunks of students (ordered by id, one transaction
   * each, rows read by primary-key range).
   */
  async function computeYear(schoolId: string, schoolYearId: string, classId?: string) {
    const started = performance.now();
    const students = await repo.yearStudents(schoolId, schoolYearId, classId);
    const phases: ComputePhases = { readMs: 0, computeMs: 0, writeMs: 0 };
    let subjectResults = 0;
    let studentResults = 0;
    for (let i = 0; i < students.length; i += COMPUTE_CHUNK) {
      const chunk = students.slice(i, i + COMPUTE_CHUNK);
      const n = await database.transaction((tx) =>
        recompute(tx, schoolId, schoolYearId, chunk, undefined, { range: !classId, phases }),
      );
      subjectResults += n.subjectResults;
      studentResults += n.studentResults;
    }
    return {
      students: students.length,
      subjectResults,
      studentResults,
      durationMs: Math.round(performance.now() - started),
      phases,
    };
  }

  /**
   * Unlocks a locked class-term inside `tx`: status 'approved' (writable), the grade_unlocks row with the
   * reason, the audit entry, and the class recomputed. Null (nothing written) when the term was not locked.
   */
  async function unlockInTx(tx: Tx, actor: Actor, cls: ClassInfo, termNo: number, reason: string) {
    const r = createGradebookRepository(tx);
    const status = await r.lockForWrite(cls.schoolId, cls.id, cls.schoolYearId, termNo);
    if (status !== 'locked') return null;
    await r.setStatus(cls.schoolId, cls.id, cls.schoolYearId, termNo, 'approved');
    const record = await r.insertUnlock({
      schoolId: cls.schoolId,
      classId: cls.id,
      schoolYearId: cls.schoolYearId,
      termNo,
      reason,
      unlockedBy: actor.userId,
      unlockedByName: actor.fullName,
    });
    await audit.record(tx, actor, {
      schoolId: cls.schoolId,
      action: 'unlock',
      entity: 'grade_term',
      entityId: `${cls.id}:HK${termNo}`,
      before: { status: 'locked', className: cls.name, termNo },
      after: { status: 'approved', reason, unlockId: record.id },
    });
    await recompute(
      tx,
      cls.schoolId,
      cls.schoolYearId,
      classStudents(cls, await r.roster(cls.schoolId, cls.id)),
    );
    return record;
  }

  const toUnlockRequest = (r: UnlockRequestRow, actor: Actor): UnlockRequest => ({
    id: r.id,
    schoolId: r.schoolId,
    classId: r.classId,
    className: r.className,
    subjectId: r.subjectId,
    subjectName: r.subjectName,
    termNo: r.termNo,
    reason: r.reason,
    status: r.status as UnlockRequest['status'],
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    mine: r.requestedBy === actor.userId,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decisionReason: r.decisionReason,
    termStatus: (r.termStatus as UnlockRequest['termStatus'] | null) ?? 'open',
  });
  async function unlockRequestView(actor: Actor, schoolId: string, id: string) {
    const [row] = await repo.unlockRequests(schoolId, { id });
    if (!row) throw notFound('đề nghị mở khoá');
    return toUnlockRequest(row, actor);
  }

  // ---- the grid

  async function gridRows(
    r: GradebookRepository,
    cls: ClassInfo,
    subject: SubjectMeta,
    termNo: number,
    slots: GradeSlot[],
    roster: RosterRow[],
  ): Promise<GradeGridRow[]> {
    const ids = roster.map((s) => s.studentId);
    const [entries, results] = await Promise.all([
      r.entries(cls.schoolId, cls.schoolYearId, ids, { subjectId: subject.id, termNo }),
      r.subjectResults(cls.schoolId, cls.schoolYearId, ids),
    ]);
    const slotByKey = new Map(slots.map((s) => [`${s.kind}:${s.index}`, s]));
    const values = new Map<string, Record<string, GradeCellValue>>();
    for (const e of entries) {
      const slot = slotByKey.get(`${e.kind}:${e.slotIndex}`);
      if (!slot) continue;
      const v = values.get(e.studentId) ?? {};
      v[slot.code] = storedValue(slot, e);
      values.set(e.studentId, v);
    }
    const period = `term${termNo}`;
    const resultOf = new Map(
      results.filter((x) => x.subjectId === subject.id && x.period === period).map((x) => [x.studentId, x]),
    );
    return roster.map((s) => {
      const res = resultOf.get(s.studentId);
      return {
        studentId: s.studentId,
        fullName: s.fullName,
        sectorId: s.sectorId,
        values: values.get(s.studentId) ?? {},
        average: res?.average ?? null,
        result: res?.result ?? null,
        testScore: res?.testScore ?? null,
        status: res ? res.status : 'none',
      };
    });
  }

  async function loadGrid(
    actor: Actor,
    schoolId: string,
    q: { classId: string; subjectId: string; termNo: number },
  ) {
    const cls = await loadClass(schoolId, q.classId);
    await access.require(actor, 'grades.read', { schoolId, classIds: [cls.id] });
    const subject = await subjectOf(cls, q.subjectId);
    const slots = slotsFor(subject, cls.grade, q.termNo);
    const roster = sortRoster(await repo.roster(schoolId, cls.id));
    return { cls, subject, slots, roster };
  }

  /**
   * Validates and writes cell changes of one class-subject-term: all or nothing. Refused cells come back as
   * `{ row: studentId, slot, code, message }`; a locked term is refused with TERM_LOCKED; a cell changed by
   * someone else since the client read it (its `expected` differs) with GRADE_CONFLICT.
   */
  async function applyCells(
    actor: Actor,
    cls: ClassInfo,
    subject: SubjectMeta,
    termNo: number,
    roster: RosterRow[],
    cells: CellWrite[],
  ) {
    const slots = slotsFor(subject, cls.grade, termNo);
    const inClass = new Set(roster.map((s) => s.studentId));
    const touched = [...new Set(cells.map((c) => c.studentId))].filter((id) => inClass.has(id));
    const result = await database.transaction(async (tx) => {
      const r = createGradebookRepository(tx);
      const status = await r.lockForWrite(cls.schoolId, cls.id, cls.schoolYearId, termNo);
      if (status === 'locked') throw termLocked(termNo);
      const current = new Map(
        (await r.entries(cls.schoolId, cls.schoolYearId, touched, { subjectId: subject.id, termNo })).map(
          (e) => [entryKey(e), e],
        ),
      );
      const conflicts: { row: string; slot: string; current: GradeCellValue }[] = [];
      const upserts: EntryWrite[] = [];
      const deletes: EntryKey[] = [];
      const auditRows: AuditRecord[] = [];
      for (const c of cells) {
        const key: EntryKey = {
          studentId: c.studentId,
          subjectId: subject.id,
          termNo,
          kind: c.slot.kind,
          slotIndex: c.slot.index,
        };
        const stored = current.get(entryKey(key));
        const before = stored ? storedValue(c.slot, stored) : null;
        const expected = normaliseExpected(c.slot, c.expected);
        if (expected !== undefined && !sameValue(expected, before)) {
          conflicts.push({ row: c.studentId, slot: c.slot.code, current: before });
          continue;
        }
        if (sameValue(before, c.value)) continue;
        if (c.value === null) deletes.push(key);
        else {
          const text = c.slot.valueType === 'text';
          const numeric = c.slot.valueType === 'score' || c.slot.valueType === 'test_score';
          upserts.push({
            ...key,
            classId: cls.id,
            score: numeric ? (c.value as number) : null,
            result: !numeric && !text ? (c.value as string) : null,
            comment: text ? (c.value as string) : null,
          });
        }
        auditRows.push({
          schoolId: cls.schoolId,
          action: 'grade.update',
          entity: 'grade_entry',
          entityId: `${c.studentId}:${subject.code}:HK${termNo}:${c.slot.code}`,
          before: {
            value: before,
            studentId: c.studentId,
            classId: cls.id,
            subject: subject.code,
            termNo,
            slot: c.slot.code,
          },
          after: { value: c.value },
        });
      }
      if (conflicts.length > 0) {
        throw new AppError(
          'GRADE_CONFLICT',
          `${conflicts.length} ô điểm vừa được người khác sửa: hãy tải lại sổ điểm rồi nhập lại`,
          { conflicts },
          409,
        );
      }
      if (upserts.length) await r.upsertEntries(cls.schoolId, cls.schoolYearId, upserts, actor.userId);
      if (deletes.length) await r.deleteEntries(cls.schoolId, cls.schoolYearId, deletes);
      await audit.record(tx, actor, auditRows);
      const changedStudents = [
        ...new Set(auditRows.map((a) => (a.before as { studentId: string }).studentId)),
      ];
      if (changedStudents.length) {
        await recompute(
          tx,
          cls.schoolId,
          cls.schoolYearId,
          classStudents(
            cls,
            roster.filter((s) => changedStudents.includes(s.studentId)),
          ),
          [subject.id],
        );
      }
      const rows = await gridRows(
        r,
        cls,
        subject,
        termNo,
        slots,
        roster.filter((s) => touched.includes(s.studentId)),
      );
      return { saved: auditRows.length, rows, changedStudents };
    });
    if (result.changedStudents.length) {
      await events?.emit('gradebook.results_changed', {
        schoolId: cls.schoolId,
        schoolYearId: cls.schoolYearId,
        classId: cls.id,
        studentIds: result.changedStudents,
        changedBy: actor.userId,
      });
    }
    return { saved: result.saved, rows: result.rows };
  }

  /** Checks every cell with the shared checker; errors are collected, never thrown one by one. */
  function checkCells(
    slots: GradeSlot[],
    roster: RosterRow[],
    changes: { studentId: string; slot: string; value: string | number | null; expected?: GradeCellValue }[],
  ) {
    const slotByCode = new Map(slots.map((s) => [s.code, s]));
    const inClass = new Set(roster.map((s) => s.studentId));
    const seen = new Set<string>();
    const errors: GradeCellError[] = [];
    const cells: CellWrite[] = [];
    for (const c of changes) {
      const slot = slotByCode.get(c.slot.toUpperCase());
      const err = (code: string, message: string) =>
        errors.push({ row: c.studentId, slot: c.slot, code, message });
      if (!slot) {
        err('SLOT_UNKNOWN', `Cột ${c.slot} không có trong sổ điểm môn này`);
        continue;
      }
      if (!inClass.has(c.studentId)) {
        err('STUDENT_NOT_IN_CLASS', 'Học sinh không thuộc lớp này');
        continue;
      }
      const key = `${c.studentId}:${slot.code}`;
      if (seen.has(key)) {
        err('DUPLICATE_CELL', `Ô ${slot.code} của học sinh này được gửi hai lần`);
        continue;
      }
      seen.add(key);
      const check = checkGradeCell(slot.valueType, c.value, CELL_PARSERS);
      if (!check.ok) {
        err(check.code, check.message);
        continue;
      }
      cells.push({ studentId: c.studentId, slot, value: check.value, expected: c.expected });
    }
    return { errors, cells };
  }

  function rejectCells(errors: GradeCellError[], roster: RosterRow[]): never {
    const name = roster.find((s) => s.studentId === errors[0].row)?.fullName;
    const first = `${name ? `${name}, ` : ''}cột ${errors[0].slot}: ${errors[0].message}`;
    throw new AppError(
      'VALIDATION_FAILED',
      errors.length === 1
        ? `Ô điểm không hợp lệ, chưa lưu gì (${first})`
        : `${errors.length} ô điểm không hợp lệ, chưa lưu gì (đầu tiên: ${first})`,
      { errors },
    );
  }

  return {
    computeYear,
    recompute,

    /**
     * Absences of these students changed (attendance event): their term and year results are recomputed from
     * the stored subject results, so promotion and the học bạ count the sessions now recorded.
     */
    async refreshAbsences(schoolId: string, studentIds: string[]) {
      const contexts = await repo.studentContexts(schoolId, [...new Set(studentIds)]);
      const byYear = new Map<string, StudentContext[]>();
      for (const c of contexts) {
        const list = byYear.get(c.schoolYearId) ?? [];
        list.push({ studentId: c.studentId, classId: c.classId, grade: c.grade });
        byYear.set(c.schoolYearId, list);
      }
      for (const [schoolYearId, students] of byYear) {
        await database.transaction((tx) => recompute(tx, schoolId, schoolYearId, students, []));
        await events?.emit('gradebook.results_changed', {
          schoolId,
          schoolYearId,
          classId: null,
          studentIds: students.map((s) => s.studentId),
          changedBy: null,
        });
      }
    },

    /** Lớp trong sổ điểm: subjects (with what the actor may edit), term locks and unlock history. */
    async classOverview(actor: Actor, schoolId: string, classId: string): Promise<GradebookClass> {
      const cls = await loadClass(schoolId, classId);
      await access.require(actor, 'grades.read', { schoolId, classIds: [cls.id] });
      const [subjects, locks, unlocks, publications, writeAll, canLock, canEditConduct] = await Promise.all([
        subjectsForGrade(cls.grade),
        repo.locks(schoolId, cls.id, cls.schoolYearId),
        repo.unlocks(schoolId, cls.id, cls.schoolYearId),
        repo.publications(schoolId, [cls.id], cls.schoolYearId),
        schoolWide(actor, 'grades.write', schoolId),
        schoolWide(actor, 'grades.lock', schoolId),
        mayWriteConduct(actor, cls),
      ]);
      const writeScope = await access.scope(actor, 'grades.write');
      const assigned =
        !writeAll && actor.staffId && scopeCovers(writeScope, { schoolId, classIds: [cls.id] })
          ? await repo.assignedSubjectIds(schoolId, actor.staffId, cls.id, cls.schoolYearId)
          : new Set<string>();
      return {
        schoolId,
        classId: cls.id,
        className: cls.name,
        grade: cls.grade,
        schoolYearId: cls.schoolYearId,
        circular: circularOf(cls.grade),
        isHomeroom: Boolean(actor.staffId) && actor.staffId === cls.homeroomTeacherId,
        canLock,
        canEditConduct,
        subjects: subjects.map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          assessment: s.assessment,
          canEdit: writeAll || assigned.has(s.id),
          publishedTerms: publications.filter((p) => p.subjectId === s.id).map((p) => p.termNo),
        })),
        locks: [1, 2].map((t) =>
          lockState(
            t,
            locks.find((l) => l.termNo === t),
          ),
        ),
        unlocks: unlocks.map((u) => ({
          id: u.id,
          termNo: u.termNo,
          reason: u.reason,
          unlockedByName: u.unlockedByName,
          unlockedAt: u.unlockedAt.toISOString(),
        })),
      };
    },

    async grid(
      actor: Actor,
      schoolId: string,
      q: { classId: string; subjectId: string; termNo: number },
    ): Promise<GradeGrid> {
      const { cls, subject, slots, roster } = await loadGrid(actor, schoolId, q);
      const [rows, lock, publications, writable] = await Promise.all([
        gridRows(repo, cls, subject, q.termNo, slots, roster),
        lockOf(cls, q.termNo),
        repo.publications(schoolId, [cls.id], cls.schoolYearId),
        mayWriteSubject(actor, cls, subject.id),
      ]);
      return {
        schoolId,
        classId: cls.id,
        className: cls.name,
        grade: cls.grade,
        schoolYearId: cls.schoolYearId,
        termNo: q.termNo,
        circular: circularOf(cls.grade),
        subject: { id: subject.id, code: subject.code, name: subject.name, assessment: subject.assessment },
        slots,
        rows,
        lock,
        published: publications.some((p) => p.subjectId === subject.id && p.termNo === q.termNo),
        canEdit: writable && lock.status !== 'locked',
      };
    },

    /** PUT grid cells: all or nothing (see applyCells). */
    async saveGrid(actor: Actor, schoolId: string, body: GradeGridSaveBody) {
      const cls = await loadClass(schoolId, body.classId);
      await requireWriteSubject(actor, cls, body.subjectId);
      const subject = await subjectOf(cls, body.subjectId);
      const slots = slotsFor(subject, cls.grade, body.termNo);
      const roster = await repo.roster(schoolId, cls.id);
      const { errors, cells } = checkCells(slots, roster, body.changes);
      if (errors.length) rejectCells(errors, roster);
      return applyCells(actor, cls, subject, body.termNo, roster, cells);
    },

    /** Công bố điểm một môn một học kì cho phụ huynh, học sinh (or withdraws it). */
    async publish(
      actor: Actor,
      schoolId: string,
      body: { classId: string; subjectId: string; termNo: number; published: boolean },
    ) {
      const cls = await loadClass(schoolId, body.classId);
      await requireWriteSubject(actor, cls, body.subjectId);
      const subject = await subjectOf(cls, body.subjectId);
      return database.transaction(async (tx) => {
        const r = createGradebookRepository(tx);
        const entityId = `${cls.id}:${subject.code}:HK${body.termNo}`;
        if (body.published) {
          const created = await r.publish({
            schoolId,
            classId: cls.id,
            subjectId: subject.id,
            schoolYearId: cls.schoolYearId,
            termNo: body.termNo,
            publishedBy: actor.userId,
          });
          if (created) {
            await audit.record(tx, actor, {
              schoolId,
              action: 'publish',
              entity: 'grade_publication',
              entityId,
              after: created,
            });
            return { published: true, publishedAt: created.publishedAt.toISOString() };
          }
          const existing = (await r.publications(schoolId, [cls.id], cls.schoolYearId)).find(
            (p) => p.subjectId === subject.id && p.termNo === body.termNo,
          );
          return { published: true, publishedAt: existing?.publishedAt.toISOString() ?? null };
        }
        const removed = await r.unpublish(schoolId, cls.id, subject.id, cls.schoolYearId, body.termNo);
        if (removed)
          await audit.record(tx, actor, {
            schoolId,
            action: 'unpublish',
            entity: 'grade_publication',
            entityId,
            before: removed,
          });
        return { published: false, publishedAt: null };
      });
    },

    async exportGrid(
      actor: Actor,
      schoolId: string,
      q: { classId: string; subjectId: string; termNo: number },
      blank: boolean,
    ) {
      const { cls, subject, slots, roster } = await loadGrid(actor, schoolId, q);
      const rows = blank
        ? roster.map((s) => ({ sectorId: s.sectorId, fullName: s.fullName, values: {} }))
        : await gridRows(repo, cls, subject, q.termNo, slots, roster);
      const buffer = await buildGradeWorkbook({
        title: `Sổ điểm môn ${subject.name} — lớp ${cls.name} — học kì ${q.termNo === 1 ? 'I' : 'II'}`,
        subtitle: blank
          ? 'Mẫu nhập điểm: điền điểm vào các cột, giữ nguyên cột "Mã định danh" rồi tải lên SmartEdu.'
          : `Xuất lúc ${new Date().toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`,
        slots,
        rows,
      });
      const slug = `${cls.name}-${subject.code.toLowerCase().replace(/_/g, '-')}-hk${q.termNo}`;
      return { buffer, fileName: blank ? `mau-nhap-diem-${slug}.xlsx` : `so-diem-${slug}.xlsx` };
    },

    /**
     * Excel import of one class-subject-term: every cell goes through the grid's checker; with any error, or
     * with dryRun, nothing is written and the report lists the problems by Excel row and column.
     */
    async importGrid(
      actor: Actor,
      schoolId: string,
      q: { classId: string; subjectId: string; termNo: number; dryRun: boolean },
      file: Buffer,
    ): Promise<GradeImportReport> {
      const cls = await loadClass(schoolId, q.classId);
      await requireWriteSubject(actor, cls, q.subjectId);
      const subject = await subjectOf(cls, q.subjectId);
      const slots = slotsFor(subject, cls.grade, q.termNo);
      const roster = await repo.roster(schoolId, cls.id);
      const parsed = await parseGradeWorkbook(file, slots);
      const errors = [...parsed.errors];
      const bySector = new Map(roster.map((s) => [s.sectorId, s]));
      const byName = new Map<string, RosterRow[]>();
      for (const s of roster)
        byName.set(s.fullName.toLowerCase(), [...(byName.get(s.fullName.toLowerCase()) ?? []), s]);
      const seen = new Set<string>();
      const cells: CellWrite[] = [];
      let validRows = 0;
      for (const row of parsed.rows) {
        const named = byName.get(row.fullName.toLowerCase()) ?? [];
        const student =
          bySector.get(row.sectorId) ?? (!row.sectorId && named.length === 1 ? named[0] : undefined);
        const rowError = (column: string | null, field: string | null, code: string, message: string) =>
          errors.push({ row: row.excelRow, column, field, code, message });
        if (!student) {
          rowError(
            'B',
            'sectorId',
            'STUDENT_NOT_IN_CLASS',
            `Không tìm thấy học sinh "${row.fullName || row.sectorId}" (mã ${row.sectorId || 'trống'}) trong lớp ${cls.name}`,
          );
          continue;
        }
        if (seen.has(student.studentId)) {
          rowError(
            'B',
            'sectorId',
            'DUPLICATE_STUDENT',
            `Học sinh ${student.fullName} xuất hiện hai lần trong tệp`,
          );
          continue;
        }
        seen.add(student.studentId);
        let ok = true;
        for (const cell of row.cells) {
          const check = checkGradeCell(cell.slot.valueType, cell.raw, CELL_PARSERS);
          if (!check.ok) {
            ok = false;
            rowError(
              cell.column,
              cell.slot.code,
              check.code,
              `${student.fullName}, cột ${cell.slot.label}: ${check.message}`,
            );
          } else cells.push({ studentId: student.studentId, slot: cell.slot, value: check.value });
        }
        if (ok) validRows++;
      }
      const current = new Map(
        (
          await repo.entries(schoolId, cls.schoolYearId, [...seen], {
            subjectId: subject.id,
            termNo: q.termNo,
          })
        ).map((e) => [entryKey(e), e]),
      );
      const changed = cells.filter((c) => {
        const stored = current.get(
          entryKey({
            studentId: c.studentId,
            subjectId: subject.id,
            termNo: q.termNo,
            kind: c.slot.kind,
            slotIndex: c.slot.index,
          }),
        );
        return !sameValue(stored ? storedValue(c.slot, stored) : null, c.value);
      });
      const report = {
        totalRows: parsed.rows.length,
        validRows,
        changedCells: changed.length,
        errors: errors.slice(0, 500),
        committed: false,
      };
      if (errors.length > 0 || q.dryRun || changed.length === 0) return report;
      await applyCells(actor, cls, subject, q.termNo, roster, changed);
      return { ...report, committed: true };
    },

    // ---- class summary and conduct (homeroom teacher)

    async summary(actor: Actor, schoolId: string, classId: string, period: GradeResultPeriod) {
      const cls = await loadClass(schoolId, classId);
      await access.require(actor, 'grades.read', { schoolId, classIds: [cls.id] });
      const roster = sortRoster(await repo.roster(schoolId, cls.id));
      const ids = roster.map((s) => s.studentId);
      const [subjects, subjectResults, studentResults] = await Promise.all([
        subjectsForGrade(cls.grade),
        repo.subjectResults(schoolId, cls.schoolYearId, ids),
        repo.studentResults(schoolId, cls.schoolYearId, ids),
      ]);
      const subjectKey = new Map(
        subjectResults.filter((r) => r.period === period).map((r) => [`${r.studentId}:${r.subjectId}`, r]),
      );
      const studentKey = new Map(
        studentResults.filter((r) => r.period === period).map((r) => [r.studentId, r]),
      );
      return {
        classId: cls.id,
        className: cls.name,
        circular: circularOf(cls.grade),
        period,
        subjects: subjects.map((s) => ({ id: s.id, code: s.code, name: s.name, assessment: s.assessment })),
        rows: roster.map((s) => ({
          studentId: s.studentId,
          fullName: s.fullName,
          subjects: Object.fromEntries(
            subjects.map((sub) => [sub.id, toSubjectPeriod(subjectKey.get(`${s.studentId}:${sub.id}`))]),
          ),
          result: toStudentPeriod(studentKey.get(s.studentId)),
        })),
      };
    },

    async conductSheet(
      actor: Actor,
      schoolId: string,
      classId: string,
      termNo: number,
    ): Promise<ConductSheet> {
      const cls = await loadClass(schoolId, classId);
      await access.require(actor, 'grades.read', { schoolId, classIds: [cls.id] });
      const roster = sortRoster(await repo.roster(schoolId, cls.id));
      const [ratings, lock, writable] = await Promise.all([
        repo.conduct(
          schoolId,
          cls.schoolYearId,
          roster.map((s) => s.studentId),
          termNo,
        ),
        lockOf(cls, termNo),
        mayWriteConduct(actor, cls),
      ]);
      const values = new Map<string, Record<string, string | null>>();
      for (const r of ratings) {
        const v = values.get(r.studentId) ?? {};
        v[r.aspect] = r.level;
        values.set(r.studentId, v);
      }
      return {
        classId: cls.id,
        termNo,
        circular: circularOf(cls.grade),
        aspects: conductAspects(cls.grade),
        rows: roster.map((s) => ({
          studentId: s.studentId,
          fullName: s.fullName,
          values: values.get(s.studentId) ?? {},
        })),
        lock,
        canEdit: writable && lock.status !== 'locked',
      };
    },

    /** Đánh giá rèn luyện (TT22) / phẩm chất, năng lực (TT27): the homeroom teacher or the principal. */
    async saveConduct(actor: Actor, schoolId: string, classId: string, body: ConductSaveBody) {
      const cls = await loadClass(schoolId, classId);
      await access.require(actor, 'conduct.write', { schoolId, classIds: [cls.id] });
      if (!(await mayWriteConduct(actor, cls)))
        throw forbidden('Chỉ giáo viên chủ nhiệm lớp hoặc ban giám hiệu được đánh giá rèn luyện');
      const aspects = new Map(conductAspects(cls.grade).map((a) => [a.code, a]));
      const roster = await repo.roster(schoolId, cls.id);
      const inClass = new Set(roster.map((s) => s.studentId));
      const errors: GradeCellError[] = [];
      const cells: { studentId: string; aspect: string; value: string | null; expected?: string | null }[] =
        [];
      for (const c of body.changes) {
        const aspect = aspects.get(c.aspect);
        const err = (code: string, message: string) =>
          errors.push({ row: c.studentId, slot: c.aspect, code, message });
        if (!aspect) err('ASPECT_UNKNOWN', `Mục đánh giá ${c.aspect} không áp dụng cho lớp này`);
        else if (!inClass.has(c.studentId)) err('STUDENT_NOT_IN_CLASS', 'Học sinh không thuộc lớp này');
        else {
          const check = checkConductCell(aspect.scale, c.value);
          if (!check.ok) err(check.code, check.message);
          else
            cells.push({
              studentId: c.studentId,
              aspect: c.aspect,
              value: check.value,
              expected: c.expected,
            });
        }
      }
      if (errors.length) rejectCells(errors, roster);
      const changedStudents = await database.transaction(async (tx) => {
        const r = createGradebookRepository(tx);
        if ((await r.lockForWrite(schoolId, cls.id, cls.schoolYearId, body.termNo)) === 'locked')
          throw termLocked(body.termNo);
        const ids = [...new Set(cells.map((c) => c.studentId))];
        const current = new Map(
          (await r.conduct(schoolId, cls.schoolYearId, ids, body.termNo)).map((x) => [
            `${x.studentId}:${x.aspect}`,
            x.level,
          ]),
        );
        const conflicts = cells.filter(
          (c) =>
            c.expected !== undefined &&
            (c.expected ?? null) !== (current.get(`${c.studentId}:${c.aspect}`) ?? null),
        );
        if (conflicts.length)
          throw new AppError(
            'GRADE_CONFLICT',
            `${conflicts.length} ô đánh giá vừa được người khác sửa: hãy tải lại rồi nhập lại`,
            {
              conflicts: conflicts.map((c) => ({
                row: c.studentId,
                slot: c.aspect,
                current: current.get(`${c.studentId}:${c.aspect}`) ?? null,
              })),
            },
            409,
          );
        const changed = cells.filter((c) => (current.get(`${c.studentId}:${c.aspect}`) ?? null) !== c.value);
        const upserts = changed.filter((c) => c.value !== null);
        if (upserts.length)
          await r.upsertConduct(
            upserts.map((c) => ({
              schoolId,
              schoolYearId: cls.schoolYearId,
              studentId: c.studentId,
              termNo: body.termNo,
              aspect: c.aspect,
              classId: cls.id,
              level: c.value!,
              updatedBy: actor.userId,
            })),
          );
        const deletes = changed.filter((c) => c.value === null);
        if (deletes.length)
          await r.deleteConduct(
            schoolId,
            cls.schoolYearId,
            deletes.map((c) => ({ studentId: c.studentId, termNo: body.termNo, aspect: c.aspect })),
          );
        await audit.record(
          tx,
          actor,
          changed.map((c) => ({
            schoolId,
            action: 'conduct.update',
            entity: 'conduct_rating',
            entityId: `${c.studentId}:HK${body.termNo}:${c.aspect}`,
            before: {
              value: current.get(`${c.studentId}:${c.aspect}`) ?? null,
              studentId: c.studentId,
              classId: cls.id,
            },
            after: { value: c.value },
          })),
        );
        const students = [...new Set(changed.map((c) => c.studentId))];
        await recompute(
          tx,
          schoolId,
          cls.schoolYearId,
          classStudents(
            cls,
            roster.filter((s) => students.includes(s.studentId)),
          ),
          [],
        );
        return students;
      });
      if (changedStudents.length)
        await events?.emit('gradebook.results_changed', {
          schoolId,
          schoolYearId: cls.schoolYearId,
          classId: cls.id,
          studentIds: changedStudents,
          changedBy: actor.userId,
        });
      return this.conductSheet(actor, schoolId, classId, body.termNo);
    },

    // ---- approval, lock and unlock (principal)

    /** Duyệt và khoá sổ: nothing of the class's term can change until an unlock with a reason. */
    async lock(actor: Actor, schoolId: string, classId: string, termNo: GradeTermNo | number) {
      await access.require(actor, 'grades.lock', { schoolId });
      const cls = await loadClass(schoolId, classId);
      const changed = await database.transaction(async (tx) => {
        const r = createGradebookRepository(tx);
        const status = await r.lockForWrite(schoolId, cls.id, cls.schoolYearId, termNo);
        if (status === 'locked') return false;
        await r.setLock({
          schoolId,
          classId: cls.id,
          schoolYearId: cls.schoolYearId,
          termNo,
          status: 'locked',
          lockedBy: actor.userId,
          lockedByName: actor.fullName,
          lockedAt: new Date(),
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'lock',
          entity: 'grade_term',
          entityId: `${cls.id}:HK${termNo}`,
          before: { status, className: cls.name, termNo },
          after: { status: 'locked' },
        });
        // A closed term turns missing comment assessments into Chưa đạt: recompute the class.
        await recompute(tx, schoolId, cls.schoolYearId, classStudents(cls, await r.roster(schoolId, cls.id)));
        return true;
      });
      if (changed)
        await events?.emit('gradebook.term_lock_changed', {
          schoolId,
          schoolYearId: cls.schoolYearId,
          classId: cls.id,
          termNo,
          status: 'locked',
          reason: null,
        });
      return this.classOverview(actor, schoolId, classId);
    },

    /** Mở khoá with a reason: recorded in grade_unlocks and the audit log; the term becomes writable. */
    async unlock(actor: Actor, schoolId: string, classId: string, termNo: number, reason: string) {
      await access.require(actor, 'grades.lock', { schoolId });
      const cls = await loadClass(schoolId, classId);
      await database.transaction(async (tx) => {
        if (!(await unlockInTx(tx, actor, cls, termNo, reason)))
          throw new AppError('CONFLICT', `Học kì ${roman(termNo)} của lớp ${cls.name} chưa khoá sổ`, {
            termNo,
          });
      });
      await events?.emit('gradebook.term_lock_changed', {
        schoolId,
        schoolYearId: cls.schoolYearId,
        classId: cls.id,
        termNo,
        status: 'approved',
        reason,
      });
      return this.classOverview(actor, schoolId, classId);
    },

    // ---- unlock requests (đề nghị mở khoá): a teacher asks, the principal approves or rejects

    /** A teacher of the class-subject asks the principal to reopen a locked term, with a reason. */
    async requestUnlock(
      actor: Actor,
      schoolId: string,
      body: { classId: string; subjectId: string; termNo: number; reason: string },
    ): Promise<UnlockRequest> {
      const cls = await loadClass(schoolId, body.classId);
      await requireWriteSubject(actor, cls, body.subjectId);
      const subject = await subjectOf(cls, body.subjectId);
      const created = await database.transaction(async (tx) => {
        const r = createGradebookRepository(tx);
        const status = await r.lockForWrite(schoolId, cls.id, cls.schoolYearId, body.termNo);
        if (status !== 'locked')
          throw new AppError(
            'TERM_NOT_LOCKED',
            `Học kì ${roman(body.termNo)} của lớp ${cls.name} chưa khoá sổ: có thể sửa điểm mà không cần đề nghị mở khoá`,
            { field: 'termNo', termNo: body.termNo },
            409,
          );
        const key = {
          classId: cls.id,
          subjectId: subject.id,
          schoolYearId: cls.schoolYearId,
          termNo: body.termNo,
          requestedBy: actor.userId,
        };
        // Filing again replaces the requester's earlier pending request for the same class-subject-term.
        const replaced = await r.withdrawPendingOf(schoolId, key);
        const row = await r.insertUnlockRequest({
          schoolId,
          ...key,
          reason: body.reason,
          requestedByName: actor.fullName,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'unlock_request',
          entity: 'grade_unlock_request',
          entityId: row.id,
          before: replaced.length ? { withdrawn: replaced.map((x) => x.id) } : null,
          after: {
            status: 'pending',
            classId: cls.id,
            className: cls.name,
            subjectId: subject.id,
            subject: subject.name,
            termNo: body.termNo,
            reason: body.reason,
          },
        });
        return row;
      });
      return unlockRequestView(actor, schoolId, created.id);
    },

    /**
     * Đề nghị mở khoá of a school: the principal (and the department) see every request and may decide; a
     * teacher of the school sees their own. Others are refused.
     */
    async unlockRequests(
      actor: Actor,
      schoolId: string,
      q: { status?: string; classId?: string },
    ): Promise<UnlockRequestList> {
      const everyone = await schoolWide(actor, 'grades.read', schoolId);
      if (!everyone) {
        const scope = await access.scope(actor, 'grades.write');
        if (!scope.classes.some((c) => c.schoolId === schoolId))
          throw forbidden('Bạn không có quyền xem đề nghị mở khoá sổ điểm của trường này');
      }
      const [rows, canDecide] = await Promise.all([
        repo.unlockRequests(schoolId, { ...q, requestedBy: everyone ? undefined : actor.userId }),
        schoolWide(actor, 'grades.lock', schoolId),
      ]);
      return { items: rows.map((r) => toUnlockRequest(r, actor)), canDecide };
    },

    /**
     * Duyệt đề nghị: the principal approves (the term is unlocked with the request's reason, in the same
     * transaction, audited) or rejects with a reason (the lock stays). The requester is notified (event).
     */
    async decideUnlockRequest(
      actor: Actor,
      schoolId: string,
      id: string,
      decision: { approve: true; note?: string } | { approve: false; reason: string },
    ): Promise<UnlockRequest> {
      await access.require(actor, 'grades.lock', { schoolId });
      const outcome = await database.transaction(async (tx) => {
        const r = createGradebookRepository(tx);
        const req = await r.unlockRequestForUpdate(schoolId, id);
        if (!req) throw notFound('đề nghị mở khoá');
        if (req.status !== 'pending')
          throw new AppError('CONFLICT', 'Đề nghị mở khoá này đã được xử lý hoặc đã rút', {
            status: req.status,
          });
        const cls = await r.classInfo(schoolId, req.classId);
        if (!cls) throw notFound('lớp');
        const subject = (await subjectsForGrade(cls.grade, r)).find((x) => x.id === req.subjectId);
        const subjectName = subject?.name ?? '';
        let unlockId: string | null = null;
        let decisionReason: string | null;
        if (decision.approve) {
          decisionReason = decision.note?.trim() || null;
          const reason =
            `Theo đề nghị của ${req.requestedByName} (môn ${subjectName}): ${req.reason}` +
            (decisionReason ? ` — ${decisionReason}` : '');
          unlockId = (await unlockInTx(tx, actor, cls, req.termNo, reason))?.id ?? null;
        } else decisionReason = decision.reason.trim();
        const status = decision.approve ? ('approved' as const) : ('rejected' as const);
        await r.decideUnlockRequest(schoolId, id, {
          status,
          decidedBy: actor.userId,
          decidedByName: actor.fullName,
          decisionReason,
          unlockId,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: decision.approve ? 'unlock_request.approve' : 'unlock_request.reject',
          entity: 'grade_unlock_request',
          entityId: id,
          before: { status: 'pending' },
          after: { status, decisionReason, unlockId, className: cls.name, termNo: req.termNo },
        });
        return { req, cls, subjectName, status, decisionReason, unlockId };
      });
      const { req, cls } = outcome;
      if (outcome.unlockId)
        await events?.emit('gradebook.term_lock_changed', {
          schoolId,
          schoolYearId: cls.schoolYearId,
          classId: cls.id,
          termNo: req.termNo,
          status: 'approved',
          reason: req.reason,
        });
      await events?.emit('gradebook.unlock_request_decided', {
        schoolId,
        requestId: id,
        requestedBy: req.requestedBy,
        status: outcome.status,
        classId: cls.id,
        className: cls.name,
        subjectName: outcome.subjectName,
        termNo: req.termNo,
        decisionReason: outcome.decisionReason,
        decidedByName: actor.fullName,
      });
      return unlockRequestView(actor, schoolId, id);
    },

    /** Tổng kết năm học: recomputes the rollups of one class or the whole school. */
    async compute(actor: Actor, schoolId: string, body: { schoolYearId: string; classId?: string }) {
      await access.require(actor, 'grades.lock', { schoolId });
      if (body.classId) {
        const cls = await loadClass(schoolId, body.classId);
        if (cls.schoolYearId !== body.schoolYearId)
          throw new AppError('VALIDATION_FAILED', `Lớp ${cls.name} không thuộc năm học này`, {
            field: 'classId',
          });
      } else if (!(await repo.schoolYear(body.schoolYearId))) throw notFound('năm học');
      const result = await computeYear(schoolId, body.schoolYearId, body.classId);
      await database.transaction((tx) =>
        audit.record(tx, actor, {
          schoolId,
          action: 'compute',
          entity: 'grade_results',
          entityId: body.classId ?? body.schoolYearId,
          after: { ...body, ...result },
        }),
      );
      await events?.emit('gradebook.results_changed', {
        schoolId,
        schoolYearId: body.schoolYearId,
        classId: body.classId ?? null,
        studentIds: [],
        changedBy: actor.userId,
      });
      return result;
    },

    // ---- the family report

    /**
     * Kết quả học tập of one student for a school year, from the rollups. Staff who reach the student's class
     * see everything; parents and students see a subject's term once it is published or the term is locked,
     * and the term's learning result and conduct once the term is locked.
     */
    async report(
      actor: Actor,
      schoolId: string,
      studentId: string,
      schoolYearId?: string,
    ): Promise<StudentReport> {
      const student = await repo.student(schoolId, studentId);
      if (!student) throw notFound('học sinh');
      await access.require(actor, 'grades.read', {
        schoolId,
        studentId,
        classIds: student.classId ? [student.classId] : [],
      });
      const year = schoolYearId ? await repo.schoolYear(schoolYearId) : await repo.currentSchoolYear();
      if (!year) throw notFound('năm học');
      const [subjectResults, studentResults, schoolPath, scope, schoolName] = await Promise.all([
        repo.subjectResults(schoolId, year.id, [studentId]),
        repo.studentResults(schoolId, year.id, [studentId]),
        repo.schoolPath(schoolId),
        access.scope(actor, 'grades.read'),
        repo.schoolName(schoolId),
      ]);
      const classId =
        studentResults[0]?.classId ??
        subjectResults[0]?.classId ??
        (student.classId as string | null) ??
        null;
      const cls = classId ? await repo.classInfo(schoolId, classId) : null;
      const staffView = scopeCovers(scope, {
        schoolId,
        schoolPath: schoolPath ?? undefined,
        classIds: classId ? [classId] : [],
      });
      const [locks, publications] = cls
        ? await Promise.all([
            repo.locks(schoolId, cls.id, year.id),
            repo.publications(schoolId, [cls.id], year.id),
          ])
        : [[], []];
      const approved = (termNo: number) => locks.some((l) => l.termNo === termNo && l.status !== 'open');
      const subjectVisible = (subjectId: string, termNo: number) =>
        staffView ||
        approved(termNo) ||
        publications.some((p) => p.subjectId === subjectId && p.termNo === termNo);
      const grade = cls?.grade ?? null;
      const subjects = grade ? await subjectsForGrade(grade) : [];
      const sr = new Map(subjectResults.map((r) => [`${r.subjectId}:${r.period}`, r]));
      const st = new Map(studentResults.map((r) => [r.period, r]));
      return {
        student: {
          id: student.id,
          fullName: student.fullName,
          className: cls?.name ?? null,
          grade,
          schoolName,
        },
        schoolYearId: year.id,
        schoolYearName: year.name,
        circular: circularOf(grade ?? 6),
        subjects: subjects.map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          assessment: s.assessment,
          term1: subjectVisible(s.id, 1) ? toSubjectPeriod(sr.get(`${s.id}:term1`)) : null,
          term2: subjectVisible(s.id, 2) ? toSubjectPeriod(sr.get(`${s.id}:term2`)) : null,
          year: subjectVisible(s.id, 2) ? toSubjectPeriod(sr.get(`${s.id}:year`)) : null,
        })),
        term1: staffView || approved(1) ? toStudentPeriod(st.get('term1')) : null,
        term2: staffView || approved(2) ? toStudentPeriod(st.get('term2')) : null,
        year: staffView || approved(2) ? toStudentPeriod(st.get('year')) : null,
      };
    },
  };
}
export type GradebookService = ReturnType<typeof createGradebookService>;
