import {
  type AttemptDetail,
  type AttemptState,
  type Exam,
  type ExamAnalysis,
  type ExamCreateBody,
  type ExamPhase,
  type ExamSession,
  type ExamUpdateBody,
  type FocusEventKind,
  type GradeEssayBody,
  hasPermission,
  type MyExam,
  type ProctorView,
  type ResultRow,
  type SaveAnswersBody,
  type SaveAnswersResult,
  type StudentAnswer,
  type StudentExamResult,
} from '@smartedu/contracts';
import type { Database, Queryable } from '@smartedu/db';
import { containsPattern } from '@smartedu/db';
import { type SQL, sql } from 'drizzle-orm';
import { AppError, forbidden, notFound } from '../../errors';
import type { AccessService, Actor, Scope } from '../access';
import type { AuditRepository } from '../audit';
import { buildAnalysis } from './exams.analysis';
import {
  type CompiledVersion,
  compileVersion,
  type ExamBankPort,
  essayScore,
  gradeAnswer,
  toScore10,
  versionFor,
} from './exams.paper';
import {
  type AttemptRow,
  createExamsRepository,
  type ExamRow,
  examVisibility,
  SAVE_GRACE_SECONDS,
  type TargetRow,
  toIso,
} from './exams.repository';
import { type ExamPlace, examManaged, examVisible, recordCovered, recordScopeSql } from './exams.scope';

export type ExamsDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  bank: ExamBankPort;
  /**
   * Identity: keeps a student's session alive through a live attempt (in the caller's transaction when given),
   * and resolves a session to say why an autosave was refused.
   */
  sessions: {
    extendSession(sessionId: string, until: Date): Promise<void>;
    extendSessionSql(sessionId: string, until: Date, when: SQL): SQL;
    actorFromSession(token: string): Promise<{ actor: Actor; csrfToken: string } | null>;
  };
  log?: { warn: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };
};

/** The session outlives the attempt's deadline by this much. */
const SESSION_MARGIN_MS = 30 * 60_000;
/** A browser heard from within this is online in the proctor view. */
const ONLINE_WINDOW_MS = 45_000;

const phaseOf = (e: { status: string; opensAt: Date; closesAt: Date }, now = new Date()): ExamPhase =>
  e.status === 'cancelled'
    ? 'cancelled'
    : now < e.opensAt
      ? 'scheduled'
      : now <= e.closesAt
        ? 'open'
        : 'closed';

const isoNow = () => new Date().toISOString();
/** The session credentials of an autosave request (see plugins/auth `sessionInStatement`). */
export type SaveSession = { sessionId: string; csrfToken: string; token: string };
const fmtTime = (d: Date) => d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

export function createExamsService(deps: ExamsDeps) {
  const { database, access, audit, bank } = deps;
  const repo = createExamsRepository(database.db);
  /** Told (in the writing transaction) when an exam's window is set: the close job is enqueued there. */
  const windowListeners: ((db: Queryable, exam: { id: string; closesAt: Date }) => Promise<void>)[] = [];

  /**
   * Exams seen open by a start: the paper's test and the window (fixed once the window opens), so that the next
   * students start in one statement (`startAttemptIfOpen` checks the window and the audience itself; these
   * values only pick the version and bound the session extension).
   */
  const openExams = new Map<
    string,
    { testSchoolId: string; testId: string; durationMinutes: number; closesAt: Date }
  >();

  // ---- papers: frozen once per exam, cached (immutable once frozen)
  const paperCache = new Map<string, Promise<Map<string, CompiledVersion>>>();
  function papersOf(exam: { id: string; testSchoolId: string; testId: string }) {
    let p = paperCache.get(exam.id);
    if (!p) {
      p = (async () => {
        let versions = await repo.papers(exam.id);
        if (!versions.length) {
          await freeze(exam);
          versions = await repo.papers(exam.id);
        }
        if (!versions.length) throw new AppError('TEST_EMPTY', 'Đề thi chưa có câu hỏi', undefined, 409);
        return new Map(versions.map((v) => [v.code, compileVersion(v)]));
      })();
      paperCache.set(exam.id, p);
      p.catch(() => paperCache.delete(exam.id));
      if (paperCache.size > 200) paperCache.delete(paperCache.keys().next().value as string);
    }
    return p;
  }
  /** Locks the test in the bank for the open window, then snapshots its versions (the lock comes first). */
  async function freeze(exam: { id: string; testSchoolId: string; testId: string }) {
    const until = await repo.latestClose(exam.testSchoolId, exam.testId);
    if (until) await bank.lockTest(exam.testSchoolId, exam.testId, until);
    const versions = await bank.loadVersions(exam.testSchoolId, exam.testId);
    await repo.insertPapers(exam.id, versions);
  }

  // ---- access helpers
  async function placeOf(exam: ExamRow & { ownerPath: string }, targets: TargetRow[]): Promise<ExamPlace> {
    const paths = new Map(
      (await repo.unitsByIds([...new Set(targets.map((t) => t.unitId))])).map((u) => [u.id, u.path]),
    );
    return {
      ownerUnitId: exam.ownerUnitId,
      ownerPath: exam.ownerPath,
      targets: targets.map((t) => ({ ...t, unitPath: paths.get(t.unitId) ?? '\u0000' })),
    };
  }
  async function schoolPathsOf(scope: Scope) {
    const ids = [
      ...new Set([...scope.classes.map((c) => c.schoolId), ...scope.students.map((s) => s.schoolId)]),
    ];
    return new Map((await repo.unitsByIds(ids)).map((u) => [u.id, u.path]));
  }
  /** Family scopes (a parent's children, a student) reach exams through the children's classes. */
  async function withStudentClasses(scope: Scope): Promise<Scope> {
    if (!scope.students.length) return scope;
    const rows = await repo.classesOfStudents(scope.students);
    const classes = rows
      .filter((r) => r.classId)
      .map((r) => ({ schoolId: r.schoolId, classId: r.classId as string }));
    return { ...scope, classes: [...scope.classes, ...classes] };
  }
  async function loadExam(actor: Actor, id: string) {
    const exam = await repo.getExam(id);
    if (!exam) throw notFound('kỳ thi');
    const targets = (await repo.targetsOf([id])).get(id) ?? [];
    const place = await placeOf(exam, targets);
    const read = await withStudentClasses(await access.scope(actor, 'exams.read'));
    if (!examVisible(read, place, await schoolPathsOf(read))) throw notFound('kỳ thi');
    const manage = examManaged(await access.scope(actor, 'exams.manage'), place);
    return { exam, targets, place, manage };
  }
  async function requireManage(actor: Actor, id: string) {
    const loaded = await loadExam(actor, id);
    if (!loaded.manage) throw forbidden('Bạn không quản lý kỳ thi này');
    return loaded;
  }

  function examView(
    exam: ExamRow & { ownerName: string },
    targets: TargetRow[],
    counts: { started: number; submitted: number } | undefined,
    canManage: boolean,
    testTitle: string | null = null,
  ): Exam {
    return {
      id: exam.id,
      title: exam.title,
      testId: exam.testId,
      testTitle,
      subjectCode: exam.subjectCode,
      ownerUnitId: exam.ownerUnitId,
      ownerUnitName: exam.ownerName,
      opensAt: exam.opensAt.toISOString(),
      closesAt: exam.closesAt.toISOString(),
      durationMinutes: exam.durationMinutes,
      phase: phaseOf(exam),
      releasedAt: toIso(exam.releasedAt),
      audience: targets.map((t) => ({
        kind: t.kind as 'class' | 'unit',
        id: t.targetId,
        name: t.name,
        schoolId: t.unitId,
        schoolName: t.schoolName,
      })),
      started: counts?.started ?? 0,
      submitted: counts?.submitted ?? 0,
      canManage,
      createdAt: exam.createdAt.toISOString(),
    };
  }

  const attemptState = (a: AttemptRow): AttemptState => ({
    id: a.id,
    schoolId: a.schoolId,
    examId: a.examId,
    status: a.status as AttemptState['status'],
    versionCode: a.versionCode,
    startedAt: a.startedAt.toISOString(),
    deadline: a.deadline.toISOString(),
    submittedAt: toIso(a.submittedAt),
  });

  function requireTaker(actor: Actor): string {
    if (
      !actor.studentId ||
      !hasPermission(
        actor.roles.map((r) => r.role),
        'exams.take',
      )
    )
      throw forbidden('Chỉ học sinh mới làm bài thi');
    return actor.studentId;
  }

  /** The writes that go with a new attempt, in its statement: the audit entry and the session extension. */
  function startWrites(
    actor: Actor,
    schoolId: string,
    attemptId: string,
    examId: string,
    versionCode: string,
    deadline: Date,
    when: SQL,
  ): SQL[] {
    return [
      audit.insertSql(
        actor,
        {
          schoolId,
          action: 'start',
          entity: 'exam_attempt',
          entityId: attemptId,
          after: { examId, versionCode },
        },
        when,
      ),
      ...(actor.sessionId
        ? [
            deps.sessions.extendSessionSql(
              actor.sessionId,
              new Date(deadline.getTime() + SESSION_MARGIN_MS),
              when,
            ),
          ]
        : []),
    ];
  }

  /**
   * Why the autosave statement refused a session (it only says "no row"): resolved the ordinary way, with the
   * same errors as every other route: not signed in (401), CSRF (403), not a student, not the student's attempt.
   */
  async function checkSession(schoolId: string, attemptId: string, session: SaveSession) {
    const resolved = await deps.sessions.actorFromSession(session.token);
    if (!resolved)
      throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại');
    if (resolved.csrfToken !== session.csrfToken)
      throw new AppError('CSRF_FAILED', 'Phiên làm việc không hợp lệ (CSRF), vui lòng tải lại trang');
    const studentId = requireTaker(resolved.actor);
    const a = await repo.getAttempt(schoolId, attemptId);
    if (!a) throw notFound('bài làm');
    if (a.studentId !== studentId) throw forbidden('Đây không phải bài làm của em');
    return a;
  }

  /**
   * Ends an attempt (submitted by the student, or auto-submitted at the deadline) and grades its objective
   * items with the bank's graders, in one transaction; a no-op when it has ended already.
   */
  async function finish(
    schoolId: string,
    attemptId: string,
    status: 'submitted' | 'auto_submitted',
    actor: Actor | null = null,
  ) {
    const a = await repo.getAttempt(schoolId, attemptId);
    if (!a) throw notFound('bài làm');
    if (a.status !== 'in_progress') return a;
    const exam = await repo.getExam(a.examId);
    if (!exam) throw notFound('kỳ thi');
    const version = (await papersOf(exam)).get(a.versionCode);
    if (!version) throw new AppError('INTERNAL', 'Không tìm thấy mã đề của bài làm', undefined, 500);
    return database.transaction(async (tx) => {
      const r = createExamsRepository(tx);
      await r.lockAttempt(schoolId, attemptId);
      const cur = await r.getAttempt(schoolId, attemptId);
      if (cur?.status !== 'in_progress') return cur ?? a;
      const answers = new Map((await r.answersOf(schoolId, attemptId)).map((x) => [x.questionId, x]));
      const scores: { questionId: string; score: number }[] = [];
      let raw = 0;
      let pending = false;
      for (const q of version.questions) {
        const ans = answers.get(q.id);
        if (q.body.type === 'essay') {
          pending = true;
          continue;
        }
        const res = gradeAnswer(q, (ans?.answer as StudentAnswer | undefined) ?? null);
        raw += res.score;
        if (ans) scores.push({ questionId: q.id, score: res.score });
      }
      await r.setAnswerScores(schoolId, attemptId, scores);
      const updated = await r.updateAttempt(schoolId, attemptId, {
        status,
        submittedAt: new Date(),
        rawScore: round2(raw),
        maxScore: version.maxScore,
        score10: toScore10(raw, version.maxScore),
        gradingStatus: pending ? 'pending' : 'graded',
      });
      // Nộp bài is audited (the answers themselves are the record of what was saved, so autosaves are not).
      await audit.record(tx, actor, {
        schoolId,
        action: status === 'submitted' ? 'submit' : 'auto_submit',
        entity: 'exam_attempt',
        entityId: attemptId,
        after: { examId: cur.examId, answered: answers.size, rawScore: round2(raw), pending },
      });
      return updated ?? cur;
    });
  }

  /** Recomputes an attempt's total after an essay grade. */
  async function regrade(
    tx: Parameters<Parameters<Database['transaction']>[0]>[0],
    a: AttemptRow,
    version: CompiledVersion,
  ) {
    const r = createExamsRepository(tx);
    const answers = new Map((await r.answersOf(a.schoolId, a.id)).map((x) => [x.questionId, x]));
    let raw = 0;
    let pending = false;
    for (const q of version.questions) {
      const ans = answers.get(q.id);
      if (q.body.type === 'essay') {
        if (ans?.gradedAt && ans.score !== null) raw += ans.score;
        else pending = true;
      } else raw += ans?.score ?? 0;
    }
    return r.updateAttempt(a.schoolId, a.id, {
      rawScore: round2(raw),
      score10: toScore10(raw, version.maxScore),
      gradingStatus: pending ? 'pending' : 'graded',
    });
  }

  async function computeAnalysis(examId: string) {
    const exam = await repo.getExam(examId);
    if (!exam) throw notFound('kỳ thi');
    const attempts = await repo.finishedAttempts(examId);
    // Nobody has submitted (or started): an empty analysis, so that the page says so instead of failing.
    const versions = attempts.length ? [...(await papersOf(exam)).values()] : [];
    const answers = await repo.answersOfExam(examId);
    const classRows = await repo.classesByIds([
      ...new Set(attempts.map((a) => a.class_id).filter((x): x is string => !!x)),
    ]);
    const schools = await repo.unitsByIds([...new Set(attempts.map((a) => a.school_id))]);
    const ancestorIds = new Set(schools.flatMap((s) => s.path.split('/').filter(Boolean)));
    const unitRows = await repo.unitsByIds([...ancestorIds]);
    const topics = [...new Set(versions.flatMap((v) => v.questions.map((q) => q.topic)))];
    let pool: { id: string; topic: string; level: string; stem: string }[] = [];
    try {
      pool = await bank.practicePool(exam.subjectCode ?? '', null, topics, exam.ownerUnitId);
    } catch (err) {
      deps.log?.warn({ err, examId }, 'practice pool unavailable');
    }
    const out = buildAnalysis({
      ownerPath: exam.ownerPath,
      versions,
      attempts: attempts.map((a) => ({
        schoolId: a.school_id,
        id: a.id,
        studentId: a.student_id,
        classId: a.class_id,
        versionCode: a.version_code,
        score10: a.score10 === null ? null : Number(a.score10),
      })),
      answers: answers.map((x) => ({
        attemptId: x.attempt_id,
        questionId: x.question_id,
        answer: x.answer,
        score: x.score === null ? null : Number(x.score),
      })),
      classes: new Map(classRows.map((c) => [c.id, c.name])),
      units: new Map(unitRows.map((u) => [u.id, { name: u.name, kind: u.kind, path: u.path }])),
      practicePool: pool.map((q) => ({ ...q, difficulty: null })),
    });
    await database.transaction(async (tx) => {
      await createExamsRepository(tx).replaceAnalysis(examId, out);
    });
    return out;
  }

  return {
    phaseOf,
    onWindowChange(listener: (db: Queryable, exam: { id: string; closesAt: Date }) => Promise<void>) {
      windowListeners.push(listener);
    },

    /** The close of a window (a job at closes_at): auto-submits what is still open, then analyses. */
    async closeWindow(examId: string) {
      const exam = await repo.getExam(examId);
      if (!exam || exam.status === 'cancelled' || Date.now() < exam.closesAt.getTime()) return;
      for (const a of await repo.openAttemptsOfExam(examId)) await finish(a.schoolId, a.id, 'auto_submitted');
      await computeAnalysis(examId);
    },

    // ---- scheduling
    /** Lên lịch kỳ thi: the audience must be within the user's reach and inside the owner unit. */
    async create(actor: Actor, body: ExamCreateBody) {
      const manage = await access.scope(actor, 'exams.manage');
      const test = await bank.findTest(actor, body.testId);
      if (!test) throw notFound('đề kiểm tra');
      const owner = (await repo.unitsByIds([body.ownerUnitId]))[0];
      if (!owner) throw notFound('đơn vị tổ chức');
      const classRows = await repo.classesByIds(body.audience.classIds);
      if (classRows.length !== new Set(body.audience.classIds).size) throw notFound('lớp dự thi');
      const unitRows = await repo.unitsByIds(body.audience.unitIds);
      if (unitRows.length !== new Set(body.audience.unitIds).size) throw notFound('đơn vị dự thi');
      const schoolPaths = new Map(
        (await repo.unitsByIds([...new Set(classRows.map((c) => c.schoolId))])).map((u) => [u.id, u.path]),
      );
      const place: ExamPlace = {
        ownerUnitId: owner.id,
        ownerPath: owner.path,
        targets: [
          ...classRows.map((c) => ({
            kind: 'class',
            targetId: c.id,
            unitId: c.schoolId,
            unitPath: schoolPaths.get(c.schoolId) ?? '\u0000',
          })),
          ...unitRows.map((u) => ({ kind: 'unit', targetId: u.id, unitId: u.id, unitPath: u.path })),
        ],
      };
      if (!examManaged(manage, place)) throw forbidden('Bạn không được tổ chức kỳ thi cho đối tượng này');
      // Every target inside the owner unit, and each one within the user's reach.
      for (const t of place.targets) {
        if (!t.unitPath.startsWith(owner.path))
          throw new AppError('VALIDATION_FAILED', 'Đối tượng dự thi phải thuộc đơn vị tổ chức', {
            targetId: t.targetId,
          });
        const covered =
          manage.subtrees.some((p) => t.unitPath.startsWith(p)) ||
          (t.kind === 'class' &&
            manage.classes.some((c) => c.schoolId === t.unitId && c.classId === t.targetId));
        if (!covered) throw forbidden('Bạn không được tổ chức kỳ thi cho đối tượng này');
      }
      const versions = await bank.loadVersions(test.schoolId, test.id);
      if (!versions.some((v) => v.questions.length > 0))
        throw new AppError(
          'TEST_NO_VERSIONS',
          'Đề chưa có mã đề nào có câu hỏi; hãy sinh mã đề trước khi lên lịch thi',
          undefined,
          409,
        );
      if (Date.parse(body.closesAt) <= Date.now())
        throw new AppError('VALIDATION_FAILED', 'Thời điểm đóng phải ở tương lai', { field: 'closesAt' });
      const exam = await database.transaction(async (tx) => {
        const created = await createExamsRepository(tx).insertExam(
          {
            ownerUnitId: owner.id,
            testSchoolId: test.schoolId,
            testId: test.id,
            title: body.title,
            subjectCode: test.subjectCode,
            opensAt: new Date(body.opensAt),
            closesAt: new Date(body.closesAt),
            durationMinutes: body.durationMinutes,
            createdBy: actor.userId,
          },
          place.targets.map((t) => ({ examId: '', targetId: t.targetId, kind: t.kind, unitId: t.unitId })),
        );
        for (const l of windowListeners) await l(tx, created);
        await audit.record(tx, actor, {
          schoolId: owner.id,
          action: 'create',
          entity: 'exam',
          entityId: created.id,
          after: { ...body, testTitle: test.title },
        });
        return created;
      });
      return this.get(actor, exam.id);
    },

    async get(actor: Actor, id: string): Promise<Exam> {
      const { exam, targets, manage } = await loadExam(actor, id);
      const scope = await access.scope(actor, 'exams.grade');
      const counts = await repo.attemptCounts(
        [id],
        recordScopeSql(scope, { schoolId: 'a.school_id', classId: 'a.class_id', studentId: 'a.student_id' }),
      );
      return examView(exam, targets, counts.get(id), manage);
    },

    /** Sửa kỳ thi: the window only before it opens; cancelling only before it opens. */
    async update(actor: Actor, id: string, body: ExamUpdateBody) {
      const { exam } = await requireManage(actor, id);
      const phase = phaseOf(exam);
      const windowChange =
        body.opensAt || body.closesAt || body.durationMinutes || body.cancelled !== undefined;
      if (windowChange && phase !== 'scheduled')
        throw new AppError(
          'EXAM_STARTED',
          'Kỳ thi đã mở: không đổi được thời gian hay huỷ kỳ thi',
          undefined,
          409,
        );
      const opensAt = body.opensAt ? new Date(body.opensAt) : exam.opensAt;
      const closesAt = body.closesAt ? new Date(body.closesAt) : exam.closesAt;
      if (closesAt <= opensAt)
        throw new AppError('VALIDATION_FAILED', 'Thời điểm đóng phải sau thời điểm mở', {
          field: 'closesAt',
        });
      const patch = {
        ...(body.title ? { title: body.title } : {}),
        ...(body.opensAt ? { opensAt } : {}),
        ...(body.closesAt ? { closesAt } : {}),
        ...(body.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
        ...(body.cancelled !== undefined ? { status: body.cancelled ? 'cancelled' : 'scheduled' } : {}),
      };
      await database.transaction(async (tx) => {
        const row = await createExamsRepository(tx).updateExam(id, patch);
        if (row && row.status === 'scheduled' && (body.closesAt || body.cancelled === false))
          for (const l of windowListeners) await l(tx, row);
        await audit.record(tx, actor, {
          schoolId: exam.ownerUnitId,
          action: 'update',
          entity: 'exam',
          entityId: id,
          before: { title: exam.title, opensAt: exam.opensAt, closesAt: exam.closesAt, status: exam.status },
          after: patch,
        });
      });
      return this.get(actor, id);
    },

    async list(
      actor: Actor,
      q: { page: number; pageSize: number; q?: string; schoolId?: string; phase?: ExamPhase },
    ) {
      const read = await withStudentClasses(await access.scope(actor, 'exams.read'));
      const filters: SQL[] = [];
      if (q.q) filters.push(sql`e.title ilike ${containsPattern(q.q)}`);
      if (q.schoolId)
        filters.push(
          sql`(e.owner_unit_id = ${q.schoolId} or exists (select 1 from exam_targets t where t.exam_id = e.id and t.unit_id = ${q.schoolId}))`,
        );
      if (q.phase === 'cancelled') filters.push(sql`e.status = 'cancelled'`);
      else if (q.phase) {
        filters.push(sql`e.status = 'scheduled'`);
        if (q.phase === 'scheduled') filters.push(sql`e.opens_at > now()`);
        if (q.phase === 'open') filters.push(sql`e.opens_at <= now() and e.closes_at >= now()`);
        if (q.phase === 'closed') filters.push(sql`e.closes_at < now()`);
      }
      const { total, ids } = await repo.listExams(examVisibility(read), filters, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const rows = await repo.examsByIds(ids);
      const targets = await repo.targetsOf(ids);
      const grade = await access.scope(actor, 'exams.grade');
      const counts = await repo.attemptCounts(
        ids,
        recordScopeSql(grade, { schoolId: 'a.school_id', classId: 'a.class_id', studentId: 'a.student_id' }),
      );
      const manage = await access.scope(actor, 'exams.manage');
      const byId = new Map(rows.map((r) => [r.exam.id, r]));
      const items: Exam[] = [];
      for (const id of ids) {
        const r = byId.get(id);
        if (!r) continue;
        const exam = { ...r.exam, ownerName: r.ownerName, ownerPath: r.ownerPath };
        const t = targets.get(id) ?? [];
        items.push(examView(exam, t, counts.get(id), examManaged(manage, await placeOf(exam, t))));
      }
      return { total, items };
    },

    /** Kỳ thi của em: the student's exams with their attempt (scores only once released). */
    async mine(actor: Actor): Promise<MyExam[]> {
      if (
        !actor.studentId ||
        !hasPermission(
          actor.roles.map((r) => r.role),
          'exams.take',
        )
      )
        return [];
      const own = (await access.links(actor)).ownStudent;
      if (!own) return [];
      const rows = await repo.examsOfStudent(own.schoolId, own.studentId, own.classId);
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        subjectCode: r.subject_code,
        opensAt: new Date(r.opens_at).toISOString(),
        closesAt: new Date(r.closes_at).toISOString(),
        durationMinutes: Number(r.duration_minutes),
        phase: phaseOf({ status: r.status, opensAt: new Date(r.opens_at), closesAt: new Date(r.closes_at) }),
        released: r.released_at !== null,
        attempt: r.attempt_id
          ? {
              id: r.attempt_id,
              schoolId: own.schoolId,
              status: r.attempt_status as AttemptState['status'],
              startedAt: new Date(r.started_at as string).toISOString(),
              deadline: new Date(r.deadline as string).toISOString(),
              submittedAt: toIso(r.submitted_at),
              score10: r.released_at !== null && r.score10 !== null ? Number(r.score10) : null,
            }
          : null,
      }));
    },

    // ---- taking the exam
    /**
     * Bắt đầu / tiếp tục làm bài. A constant number of queries whatever the test's length (counted by
     * exams.routes.test.ts): the exam with the student's class and the audience check (one statement); for a new
     * attempt one statement that inserts it, audits the start and extends the session to the deadline; for a
     * resume the attempt, its answers and the extension. The frozen paper is cached after the first start. No
     * per-question rows.
     */
    async start(actor: Actor, examId: string): Promise<ExamSession> {
      const studentId = requireTaker(actor);
      const schoolId = actor.homeUnitId;
      if (!schoolId) throw forbidden('Không xác định được trường của học sinh');
      const open = openExams.get(examId);
      if (open) {
        // The common case at the peak: one statement starts the attempt when the window is open, the student is
        // in the audience and has no attempt yet; anything else goes the ordinary way below.
        const papers = await papersOf({ id: examId, ...open });
        const code = versionFor([...papers.keys()], examId, studentId);
        const version = papers.get(code)!;
        const id = crypto.randomUUID();
        const until = Math.min(Date.now() + open.durationMinutes * 60_000, open.closesAt.getTime());
        const started = await repo.startAttemptIfOpen(
          {
            schoolId,
            id,
            examId,
            studentId,
            userId: actor.userId,
            versionCode: code,
            questionIds: version.questionIds,
          },
          (when) => startWrites(actor, schoolId, id, examId, code, new Date(until), when),
        );
        if (started)
          return {
            attempt: attemptState(started.attempt),
            exam: {
              id: examId,
              title: started.exam.title,
              durationMinutes: started.exam.durationMinutes,
              closesAt: started.exam.closesAt.toISOString(),
            },
            serverTime: started.attempt.startedAt.toISOString(),
            questions: version.publicQuestions,
            answers: [],
          };
      }
      const exam = await repo.examForStudent(examId, schoolId, studentId);
      if (!exam) throw notFound('kỳ thi');
      if (!exam.eligible) throw forbidden('Em không có tên trong danh sách dự thi của kỳ thi này');
      if (exam.status === 'cancelled')
        throw new AppError('EXAM_CANCELLED', 'Kỳ thi đã bị huỷ', undefined, 409);
      const now = exam.serverTime;
      const papers = now >= exam.opensAt ? await papersOf(exam) : null;
      let attempt: AttemptRow | null = null;
      let fresh = false;
      if (papers && now < exam.closesAt) {
        if (exam.status === 'scheduled') {
          if (openExams.size > 500) openExams.delete(openExams.keys().next().value as string);
          openExams.set(examId, {
            testSchoolId: exam.testSchoolId,
            testId: exam.testId,
            durationMinutes: exam.durationMinutes,
            closesAt: exam.closesAt,
          });
        }
        // Optimistic: create the attempt (one statement); when it exists already (resume), read it.
        const code = versionFor([...papers.keys()], examId, studentId);
        const version = papers.get(code)!;
        const deadline = new Date(
          Math.min(now.getTime() + exam.durationMinutes * 60_000, exam.closesAt.getTime()),
        );
        const id = crypto.randomUUID();
        // One statement: the attempt, the audit entry of the start and the session extended to the deadline.
        attempt = await repo.startAttempt(
          {
            schoolId,
            id,
            examId,
            studentId,
            classId: exam.classId,
            userId: actor.userId,
            versionCode: code,
            questionIds: version.questionIds,
            startedAt: now,
            deadline,
          },
          (when) => startWrites(actor, schoolId, id, examId, code, deadline, when),
        );
        fresh = attempt !== null;
      }
      attempt ??= await repo.findAttempt(schoolId, examId, studentId);
      if (!attempt) {
        if (now < exam.opensAt)
          throw new AppError(
            'EXAM_NOT_OPEN',
            `Kỳ thi chưa mở; giờ mở: ${fmtTime(exam.opensAt)}`,
            {
              opensAt: exam.opensAt.toISOString(),
            },
            409,
          );
        throw new AppError('EXAM_CLOSED', 'Kỳ thi đã đóng; không thể bắt đầu làm bài', undefined, 409);
      }
      if (
        attempt.status === 'in_progress' &&
        attempt.deadline.getTime() + SAVE_GRACE_SECONDS * 1000 < now.getTime()
      )
        attempt = await finish(attempt.schoolId, attempt.id, 'auto_submitted');
      const answers = fresh ? [] : await repo.answersOf(schoolId, attempt.id);
      if (!fresh && attempt.status === 'in_progress' && actor.sessionId)
        await deps.sessions.extendSession(
          actor.sessionId,
          new Date(attempt.deadline.getTime() + SESSION_MARGIN_MS),
        );
      const version = (papers ?? (await papersOf(exam))).get(attempt.versionCode);
      if (!version) throw new AppError('INTERNAL', 'Không tìm thấy mã đề của bài làm', undefined, 500);
      return {
        attempt: attemptState(attempt),
        exam: {
          id: exam.id,
          title: exam.title,
          durationMinutes: exam.durationMinutes,
          closesAt: exam.closesAt.toISOString(),
        },
        serverTime: now.toISOString(),
        questions: version.publicQuestions,
        answers: answers
          .filter((x) => x.seq > 0)
          .map((x) => ({
            questionId: x.questionId,
            answer: x.answer as StudentAnswer,
            seq: x.seq,
            savedAt: x.savedAt.toISOString(),
          })),
      };
    },

    /**
     * Lưu câu trả lời: one statement authenticates (the student's live session, with its CSRF token) and stores
     * what is new (seq greater than stored). When it stores nothing because a check failed, a second read says
     * which one, with a clear error; nothing is changed.
     */
    async save(
      session: SaveSession,
      schoolId: string,
      attemptId: string,
      body: SaveAnswersBody,
    ): Promise<SaveAnswersResult> {
      const latest = new Map<string, SaveAnswersBody['answers'][number]>();
      for (const a of body.answers) {
        const prev = latest.get(a.questionId);
        if (!prev || prev.seq < a.seq) latest.set(a.questionId, a);
      }
      const input = [...latest.values()];
      const res = await repo.saveAnswers(schoolId, attemptId, session, input);
      if (res.ok) {
        const bySent = new Map(res.saved.map((s) => [s.questionId, s]));
        return {
          saved: [...latest.keys()].map((q) => bySent.get(q) ?? { questionId: q, seq: 0, applied: false }),
          serverTime: res.serverTime.toISOString(),
          deadline: res.deadline.toISOString(),
        };
      }
      const a = await checkSession(schoolId, attemptId, session);
      if (a.status !== 'in_progress')
        throw new AppError(
          'ATTEMPT_SUBMITTED',
          'Bài thi đã nộp; không thể lưu thêm câu trả lời',
          undefined,
          409,
        );
      if (a.deadline.getTime() + SAVE_GRACE_SECONDS * 1000 <= Date.now()) {
        await finish(schoolId, attemptId, 'auto_submitted');
        throw new AppError(
          'DEADLINE_PASSED',
          'Đã hết giờ làm bài; câu trả lời gửi sau giờ nộp không được lưu',
          {
            deadline: a.deadline.toISOString(),
          },
          409,
        );
      }
      const bad = input.filter((x) => !a.questionIds.includes(x.questionId)).map((x) => x.questionId);
      if (bad.length)
        throw new AppError(
          'QUESTION_NOT_IN_TEST',
          'Câu hỏi không thuộc đề thi của em',
          { questionIds: bad },
          400,
        );
      throw new AppError('CONFLICT', 'Không lưu được câu trả lời, vui lòng thử lại', undefined, 409);
    },

    /** Sự kiện rời trang / mất mạng for the proctor, and the heartbeat that keeps the student "online". */
    async events(
      session: SaveSession,
      schoolId: string,
      attemptId: string,
      events: { kind: FocusEventKind; at: string }[],
    ) {
      const recorded = await repo.recordEvents(schoolId, attemptId, session, events);
      if (recorded === null) {
        await checkSession(schoolId, attemptId, session);
        throw new AppError('ATTEMPT_SUBMITTED', 'Bài thi đã nộp', undefined, 409);
      }
      return { recorded, serverTime: isoNow() };
    },

    /** Nộp bài: idempotent; after the deadline (and grace) it counts as auto-submitted. */
    async submit(actor: Actor, schoolId: string, attemptId: string) {
      const studentId = requireTaker(actor);
      const a = await repo.getAttempt(schoolId, attemptId);
      if (!a) throw notFound('bài làm');
      if (a.studentId !== studentId) throw forbidden('Đây không phải bài làm của em');
      const late = a.deadline.getTime() + SAVE_GRACE_SECONDS * 1000 < Date.now();
      const done = await finish(schoolId, attemptId, late ? 'auto_submitted' : 'submitted', actor);
      return { attempt: attemptState(done), serverTime: isoNow() };
    },

    // ---- proctoring and results
    async proctor(
      actor: Actor,
      examId: string,
      q: { schoolId?: string; classId?: string },
    ): Promise<ProctorView> {
      const { exam } = await loadExam(actor, examId);
      const scope = await access.scope(actor, 'exams.grade');
      if (!scope.subtrees.length && !scope.classes.length) throw forbidden('Bạn không giám sát kỳ thi này');
      const filters: SQL[] = [];
      if (q.schoolId) filters.push(sql`s.school_id = ${q.schoolId}`);
      if (q.classId) filters.push(sql`s.current_class_id = ${q.classId}`);
      const rows = await repo.proctorRows(
        examId,
        recordScopeSql(scope, { schoolId: 's.school_id', classId: 's.current_class_id', studentId: 's.id' }),
        filters,
      );
      const serverTime = rows[0] ? new Date(rows[0].server_time) : new Date();
      const out = rows.map((r) => {
        const seen = Math.max(
          r.last_seen_at ? new Date(r.last_seen_at).getTime() : 0,
          r.last_saved_at ? new Date(r.last_saved_at).getTime() : 0,
        );
        const status = (r.status ?? 'not_started') as ProctorView['rows'][number]['status'];
        return {
          studentId: r.student_id,
          schoolId: r.school_id,
          fullName: r.full_name,
          className: r.class_name,
          attemptId: r.attempt_id,
          status,
          presence:
            status === 'in_progress'
              ? serverTime.getTime() - seen <= ONLINE_WINDOW_MS
                ? ('online' as const)
                : ('offline' as const)
              : null,
          lastSeenAt: seen ? new Date(seen).toISOString() : null,
          deadline: toIso(r.deadline),
          answered: r.answered,
          questionCount: r.question_count,
          focusLosses: r.focus_losses,
          offlineEvents: r.offline_events,
        };
      });
      return {
        examId,
        title: exam.title,
        phase: phaseOf(exam),
        serverTime: serverTime.toISOString(),
        counts: {
          audience: out.length,
          notStarted: out.filter((r) => r.status === 'not_started').length,
          online: out.filter((r) => r.presence === 'online').length,
          offline: out.filter((r) => r.presence === 'offline').length,
          submitted: out.filter((r) => r.status === 'submitted' || r.status === 'auto_submitted').length,
        },
        rows: out,
      };
    },

    async results(
      actor: Actor,
      examId: string,
      q: { page: number; pageSize: number; schoolId?: string; classId?: string; gradingStatus?: string },
    ): Promise<{ total: number; items: ResultRow[] }> {
      await loadExam(actor, examId);
      const scope = await access.scope(actor, 'exams.grade');
      if (!scope.subtrees.length && !scope.classes.length)
        throw forbidden('Bạn không xem được kết quả của kỳ thi này');
      const filters: SQL[] = [];
      if (q.schoolId) filters.push(sql`a.school_id = ${q.schoolId}`);
      if (q.classId) filters.push(sql`a.class_id = ${q.classId}`);
      if (q.gradingStatus) filters.push(sql`a.grading_status = ${q.gradingStatus}`);
      const { total, items } = await repo.resultRows(
        examId,
        recordScopeSql(scope, { schoolId: 'a.school_id', classId: 'a.class_id', studentId: 'a.student_id' }),
        filters,
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return {
        total,
        items: items.map((r) => ({
          attemptId: r.attempt_id,
          schoolId: r.school_id,
          schoolName: r.school_name,
          studentId: r.student_id,
          fullName: r.full_name,
          className: r.class_name,
          status: r.status as ResultRow['status'],
          gradingStatus: r.grading_status as ResultRow['gradingStatus'],
          rawScore: r.raw_score,
          maxScore: r.max_score,
          score10: r.score10,
          submittedAt: toIso(r.submitted_at),
        })),
      };
    },

    /**
     * One attempt with answers, keys and scores: graders (exams.grade over the student) any time; the student and
     * their parents (exams.read over the student) once the results are released.
     */
    async attempt(actor: Actor, schoolId: string, attemptId: string): Promise<AttemptDetail> {
      const a = await repo.getAttempt(schoolId, attemptId);
      if (!a) throw notFound('bài làm');
      const student = await repo.studentInfo(schoolId, a.studentId);
      if (!student) throw notFound('học sinh');
      const record = { schoolId, schoolPath: student.schoolPath, classId: a.classId, studentId: a.studentId };
      const canGrade = recordCovered(await access.scope(actor, 'exams.grade'), record);
      const exam = await repo.getExam(a.examId);
      if (!exam) throw notFound('kỳ thi');
      if (!canGrade) {
        if (!recordCovered(await access.scope(actor, 'exams.read'), record)) throw notFound('bài làm');
        if (!exam.releasedAt) throw forbidden('Kết quả kỳ thi chưa được công bố');
      }
      const version = (await papersOf(exam)).get(a.versionCode);
      if (!version) throw notFound('mã đề');
      const answers = new Map((await repo.answersOf(schoolId, attemptId)).map((x) => [x.questionId, x]));
      const finished = a.status !== 'in_progress';
      return {
        attempt: {
          ...attemptState(a),
          gradingStatus: a.gradingStatus as AttemptDetail['attempt']['gradingStatus'],
          rawScore: a.rawScore,
          maxScore: a.maxScore,
          score10: a.score10,
        },
        examTitle: exam.title,
        released: exam.releasedAt !== null,
        student: { id: a.studentId, fullName: student.fullName, className: student.className },
        canGrade: canGrade && finished,
        answers: version.questions.map((q) => {
          const x = answers.get(q.id);
          const answer = x && x.seq > 0 ? (x.answer as StudentAnswer) : null;
          const graded = finished && q.body.type !== 'essay' ? gradeAnswer(q, answer) : null;
          const rubric =
            q.body.type === 'essay'
              ? q.body.content.rubric.map((r, i) => ({
                  criterion: r.criterion,
                  points: r.points,
                  awarded: x?.rubricPoints?.[i] ?? null,
                }))
              : null;
          return {
            questionId: q.id,
            number: q.number,
            type: q.body.type,
            topic: q.topic,
            level: q.level,
            stem: q.body.content.stem,
            points: q.points,
            question: finished
              ? (q.body as unknown as Record<string, unknown>)
              : { type: q.body.type, content: q.body.content },
            answer,
            score:
              q.body.type === 'essay' ? (x?.gradedAt ? (x.score ?? null) : null) : (graded?.score ?? null),
            status: q.body.type === 'essay' ? (x?.gradedAt ? 'manual' : null) : (graded?.status ?? null),
            rubric,
            comment: x?.comment ?? null,
          };
        }),
      };
    },

    /** Chấm tự luận: points per rubric criterion; the attempt's total is recomputed and the analysis marked stale. */
    async gradeEssay(actor: Actor, schoolId: string, attemptId: string, body: GradeEssayBody) {
      const a = await repo.getAttempt(schoolId, attemptId);
      if (!a) throw notFound('bài làm');
      await access.require(actor, 'exams.grade', {
        schoolId,
        classIds: a.classId ? [a.classId] : [],
        studentId: a.studentId,
      });
      if (a.status === 'in_progress')
        throw new AppError('ATTEMPT_IN_PROGRESS', 'Học sinh chưa nộp bài; chưa chấm được', undefined, 409);
      const exam = await repo.getExam(a.examId);
      if (!exam) throw notFound('kỳ thi');
      const version = (await papersOf(exam)).get(a.versionCode);
      const q = version?.byId.get(body.questionId);
      if (!version || !q)
        throw new AppError('QUESTION_NOT_IN_TEST', 'Câu hỏi không thuộc bài làm này', undefined, 400);
      if (q.body.type !== 'essay')
        throw new AppError(
          'NOT_ESSAY',
          'Chỉ chấm tay câu tự luận; câu trắc nghiệm được chấm tự động',
          undefined,
          400,
        );
      const score = essayScore(q, body.criteria);
      if (score === null)
        throw new AppError(
          'VALIDATION_FAILED',
          'Điểm từng tiêu chí phải khớp hướng dẫn chấm và không vượt điểm tối đa',
          {
            rubric: q.body.content.rubric,
          },
        );
      const updated = await database.transaction(async (tx) => {
        const r = createExamsRepository(tx);
        await r.lockAttempt(schoolId, attemptId);
        const before = (await r.answersOf(schoolId, attemptId)).find((x) => x.questionId === q.id);
        await r.upsertEssayGrade({
          schoolId,
          attemptId,
          questionId: q.id,
          score,
          rubricPoints: body.criteria,
          comment: body.comment ?? null,
          gradedBy: actor.userId,
        });
        const row = await regrade(tx, a, version);
        await r.markAnalysisStale(a.examId);
        await audit.record(tx, actor, {
          schoolId,
          action: 'grade',
          entity: 'exam_answer',
          entityId: attemptId,
          before: before
            ? { questionId: q.id, score: before.score, rubricPoints: before.rubricPoints }
            : null,
          after: { questionId: q.id, score, rubricPoints: body.criteria, comment: body.comment ?? null },
        });
        return row;
      });
      return { attempt: attemptState(updated ?? a), score, score10: updated?.score10 ?? null };
    },

    /** Công bố kết quả (or withdraw): after the window closes; computes the analysis rollups. */
    async release(actor: Actor, examId: string, released: boolean) {
      const { exam } = await requireManage(actor, examId);
      if (released && phaseOf(exam) !== 'closed')
        throw new AppError('EXAM_NOT_CLOSED', 'Chỉ công bố kết quả sau khi kỳ thi kết thúc', undefined, 409);
      if (released) await computeAnalysis(examId);
      await database.transaction(async (tx) => {
        await createExamsRepository(tx).updateExam(examId, {
          releasedAt: released ? new Date() : null,
          releasedBy: released ? actor.userId : null,
        });
        await audit.record(tx, actor, {
          schoolId: exam.ownerUnitId,
          action: released ? 'release' : 'withdraw',
          entity: 'exam',
          entityId: examId,
          before: { releasedAt: exam.releasedAt },
          after: { released },
        });
      });
      return this.get(actor, examId);
    },

    // ---- analysis
    /** Tính lại phân tích now (otherwise computed when the window closes, on release, and when stale). */
    async refreshAnalysis(actor: Actor, examId: string) {
      const { exam } = await loadExam(actor, examId);
      const grade = await access.scope(actor, 'exams.grade');
      if (!grade.subtrees.length && !grade.classes.length) throw forbidden();
      await computeAnalysis(examId);
      await database.transaction((tx) =>
        audit.record(tx, actor, {
          schoolId: exam.ownerUnitId,
          action: 'analyse',
          entity: 'exam',
          entityId: examId,
        }),
      );
      return this.analysis(actor, examId, undefined);
    },

    /**
     * Phổ điểm and item analysis, read from the rollups. The distribution shown is the unit asked for, or the
     * widest the user may see; the comparison lists its parts (schools of a department, classes of a school).
     */
    async analysis(actor: Actor, examId: string, unitId: string | undefined): Promise<ExamAnalysis> {
      const { exam } = await loadExam(actor, examId);
      const grade = await access.scope(actor, 'exams.grade');
      if (!grade.subtrees.length && !grade.classes.length)
        throw forbidden('Bạn không xem được phân tích kỳ thi này');
      const [summary, rollups, items] = await Promise.all([
        repo.analysis(examId),
        repo.rollups(examId),
        repo.itemStats(examId),
      ]);
      const paths = new Map(
        (await repo.unitsByIds([...new Set(rollups.map((r) => r.schoolId ?? r.unitId))])).map((u) => [
          u.id,
          u.path,
        ]),
      );
      const teacherSchools = new Set(grade.classes.map((c) => c.schoolId));
      const visible = rollups.filter((r) => {
        if (r.unitKind === 'department') return true;
        const path = paths.get(r.schoolId ?? r.unitId) ?? '\u0000';
        if (grade.subtrees.some((p) => path.startsWith(p))) return true;
        if (r.unitKind === 'school') return teacherSchools.has(r.unitId);
        return grade.classes.some((c) => c.classId === r.unitId);
      });
      const toDist = (r: (typeof rollups)[number]) => ({
        unitId: r.unitId,
        unitKind: r.unitKind as 'class' | 'school' | 'department',
        name: r.name,
        schoolId: r.schoolId,
        summary: r.summary as ExamAnalysis['comparison'][number]['summary'],
        bins: r.bins,
      });
      const depth = (r: (typeof rollups)[number]) => (paths.get(r.unitId) ?? '').split('/').length;
      const rank = { department: 0, school: 1, class: 2 } as const;
      const sorted = [...visible].sort(
        (a, b) =>
          rank[a.unitKind as keyof typeof rank] - rank[b.unitKind as keyof typeof rank] ||
          depth(a) - depth(b),
      );
      const chosen = unitId
        ? sorted.find((r) => r.unitId === unitId)
        : (sorted.find((r) => r.unitId === exam.ownerUnitId) ?? sorted[0]);
      if (unitId && !chosen) throw notFound('phổ điểm của đơn vị này');
      const comparison = chosen
        ? sorted.filter((r) => {
            if (r.unitId === chosen.unitId) return false;
            if (chosen.unitKind === 'department')
              return (
                r.unitKind === 'school' &&
                (paths.get(r.unitId) ?? '').startsWith(paths.get(chosen.unitId) ?? '\u0000')
              );
            if (chosen.unitKind === 'school') return r.unitKind === 'class' && r.schoolId === chosen.unitId;
            return false;
          })
        : [];
      return {
        examId,
        title: exam.title,
        computedAt: toIso(summary?.computedAt),
        stale: summary?.stale ?? false,
        participants: summary?.participants ?? 0,
        kr20: summary?.kr20 ?? null,
        alpha: summary?.alpha ?? null,
        rasch:
          summary?.raschIterations != null
            ? { iterations: summary.raschIterations, converged: summary.raschConverged ?? false }
            : null,
        distribution: chosen ? toDist(chosen) : null,
        comparison: comparison.map(toDist),
        items: items.map((i) => ({
          questionId: i.questionId,
          number: i.number,
          topic: i.topic,
          level: i.level,
          type: i.type,
          maxScore: i.maxScore,
          n: i.n,
          difficulty: i.difficulty,
          pointBiserial: i.pointBiserial,
          correctedPointBiserial: i.correctedPointBiserial,
          upperLower: i.upperLower,
          raschDifficulty: i.raschDifficulty,
          raschSe: i.raschSe,
          infit: i.infit,
          outfit: i.outfit,
          flags: i.flags,
          distractors: i.distractors as ExamAnalysis['items'][number]['distractors'],
        })),
      };
    },

    /** Kết quả của học sinh: released results with mastery and practice suggestions (student, parents, teachers). */
    async studentResults(actor: Actor, schoolId: string, studentId: string): Promise<StudentExamResult[]> {
      const student = await repo.studentInfo(schoolId, studentId);
      if (!student) throw notFound('học sinh');
      await access.require(actor, 'exams.read', {
        schoolId,
        classIds: student.classId ? [student.classId] : [],
        studentId,
      });
      const rows = await repo.releasedResults(schoolId, studentId);
      const out: StudentExamResult[] = [];
      for (const r of rows) {
        const m = await repo.mastery(schoolId, r.exam_id, studentId);
        out.push({
          examId: r.exam_id,
          title: r.title,
          subjectCode: r.subject_code,
          closesAt: new Date(r.closes_at).toISOString(),
          attemptId: r.attempt_id,
          schoolId,
          score10: r.score10,
          rawScore: r.raw_score,
          maxScore: r.max_score,
          gradingStatus: r.grading_status as StudentExamResult['gradingStatus'],
          mastery: m
            ? {
                theta: m.theta,
                byTopic: m.byTopic as NonNullable<StudentExamResult['mastery']>['byTopic'],
                byLevel: m.byLevel as NonNullable<StudentExamResult['mastery']>['byLevel'],
                suggestions: m.suggestions as NonNullable<StudentExamResult['mastery']>['suggestions'],
              }
            : null,
        });
      }
      return out;
    },

    /** Data for the Excel export: results in scope and the analysis. */
    async exportData(actor: Actor, examId: string, unitId: string | undefined) {
      const analysis = await this.analysis(actor, examId, unitId);
      const results = await this.results(actor, examId, { page: 1, pageSize: 100_000 });
      return { analysis, results: results.items };
    },

    // ---- background work
    /**
     * The sweep (every few seconds): auto-submits attempts past their deadline, freezes the papers of exams that
     * have just opened (so the bank refuses edits during the window), analyses closed exams not analysed yet or
     * stale ones.
     */
    async sweep() {
      let submitted = 0;
      for (const a of await repo.dueAttempts(500)) {
        try {
          await finish(a.schoolId, a.id, 'auto_submitted');
          submitted++;
        } catch (err) {
          deps.log?.error({ err, attemptId: a.id }, 'auto-submit failed');
        }
      }
      let frozen = 0;
      for (const e of await repo.openExamsWithoutPaper(20)) {
        try {
          await papersOf(e);
          frozen++;
        } catch (err) {
          deps.log?.warn({ err, examId: e.id }, 'freezing the exam paper failed');
        }
      }
      let analysed = 0;
      for (const id of await repo.examsToAnalyse(3)) {
        try {
          await computeAnalysis(id);
          analysed++;
        } catch (err) {
          deps.log?.error({ err, examId: id }, 'exam analysis failed');
        }
      }
      return { submitted, frozen, analysed };
    },

    /** Whether a test may be edited now: false while an exam window using it is open (for the bank). */
    async testInUse(testSchoolId: string, testId: string) {
      return repo.openExamsOfTest(testSchoolId, testId);
    },
  };
}
export type ExamsService = ReturnType<typeof createExamsService>;

const round2 = (n: number) => Math.round(n * 100) / 100;
