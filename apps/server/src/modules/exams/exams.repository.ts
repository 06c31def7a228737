import {
  classes,
  type Database,
  examAnalyses,
  examAnswers,
  examAttempts,
  examItemStats,
  examPapers,
  examScoreRollups,
  examStudentMastery,
  exams,
  examTargets,
  type Queryable,
  queryPrepared,
  students,
  units,
} from '@smartedu/db';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { liveSessionStudentSql } from '../identity';
import type { PaperVersion } from './exams.paper';

/**
 * The only file touching the exams tables. The hot paths (start, save, submit) are single statements with a
 * fixed number of round trips; the save is one statement that checks the attempt, its owner, its deadline and
 * the questions and stores the answers (upsert when the incoming seq is greater).
 */

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const iso = (d: Date | string | null | undefined) =>
  d === null || d === undefined ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();
/** `column = any(...)` with the values as one JSON parameter. */
const inJson = (column: SQL | ReturnType<typeof sql.raw>, values: readonly string[]) =>
  sql`${column} = any(array(select json_array_elements_text(${JSON.stringify(values)}::json)))`;

export type ExamRow = typeof exams.$inferSelect;
export type TargetRow = typeof examTargets.$inferSelect & { name: string; schoolName: string };
export type AttemptRow = typeof examAttempts.$inferSelect;
export type AnswerRow = typeof examAnswers.$inferSelect;

/** How long after the deadline a save still counts (network latency of the last answer). */
export const SAVE_GRACE_SECONDS = 15;

export type SaveInput = { questionId: string; answer: unknown; seq: number };
export type SaveOutcome =
  | {
      ok: true;
      saved: { questionId: string; seq: number; applied: boolean }[];
      deadline: Date;
      serverTime: Date;
    }
  | { ok: false };

/**
 * The autosave statement: authenticates the request's session (cookie and CSRF token: the session's student is
 * the attempt's student, by identity's rule of a live session), checks the window and the questions, and upserts
 * the answers whose seq is greater than the stored one, in one round trip. Kept as constant text so that
 * PostgreSQL prepares it once per connection. Returns no row when any check fails (nothing written).
 * Plan: the attempt is read by its primary key (materialised first: with the window conditions beside it the
 * planner picked the partial index of open attempts and walked a whole school's attempts), and the stored seq of
 * an answer not applied by a scalar lookup on the primary key (a join here turned into a scan of exam_answers).
 * $1 school, $2 attempt, $3 session id (SHA-256 of the cookie token), $4 grace seconds, $5 answers, $6 CSRF.
 */
const SAVE_SQL = `
  with a as materialized (
    select school_id, id, student_id, status, question_ids, deadline from exam_attempts
     where school_id = $1 and id = $2
  ), ok as (
    select a.school_id, a.id, a.question_ids, a.deadline from a
     where a.status = 'in_progress' and a.deadline + make_interval(secs => $4::int) > now()
       and a.student_id = ${liveSessionStudentSql('$3', '$6')}
  ), i as (
    select * from jsonb_to_recordset($5::jsonb) as i(q text, a jsonb, s int)
  ), good as (
    select ok.* from ok where not exists (select 1 from i where not (i.q = any(ok.question_ids)))
  ), up as (
    insert into exam_answers (school_id, attempt_id, question_id, answer, seq, saved_at)
    select good.school_id, good.id, i.q, i.a, i.s, now() from good cross join i
    on conflict (school_id, attempt_id, question_id) do update
       set answer = excluded.answer, seq = excluded.seq, saved_at = excluded.saved_at
     where exam_answers.seq < excluded.seq
    returning question_id, seq
  )
  select i.q as question_id,
         coalesce(up.seq, (select cur.seq from exam_answers cur
                            where cur.school_id = $1 and cur.attempt_id = $2 and cur.question_id = i.q)) as seq,
         (up.question_id is not null) as applied, good.deadline, now() as server_time
    from good cross join i left join up on up.question_id = i.q`;

/** Focus events and the heartbeat, authenticated like SAVE_SQL. $1 school, $2 attempt, $3 session, $4 events, $5 CSRF. */
const EVENTS_SQL = `
  with att as materialized (
    select school_id, id, student_id, status from exam_attempts where school_id = $1 and id = $2
  ), a as (
    select school_id, id from att
     where status = 'in_progress' and student_id = ${liveSessionStudentSql('$3', '$5')}
  ), ins as (
    insert into exam_focus_events (school_id, attempt_id, at, kind)
    select a.school_id, a.id, e.at, e.kind from a cross join jsonb_to_recordset($4::jsonb) as e(kind text, at timestamptz)
    on conflict do nothing
    returning kind
  ), upd as (
    update exam_attempts x
       set last_seen_at = now(),
           focus_losses = x.focus_losses + (select count(*) from ins where kind in ('blur', 'hidden')),
           offline_events = x.offline_events + (select count(*) from ins where kind = 'offline')
      from a where x.school_id = a.school_id and x.id = a.id
    returning x.id
  )
  select (select count(*) from ins)::int as recorded from upd`;

type DriverClient = { query: (...args: unknown[]) => Promise<{ rows: unknown[] }>; totalCount?: number };

/**
 * Runs a constant statement as a named prepared statement on PostgreSQL (parsed and planned once per pooled
 * connection, so the hot paths skip planning), or as a plain parameterised query on PGlite. Not in transactions.
 */
async function prepared<R>(db: Queryable, name: string, text: string, values: unknown[]): Promise<R[]> {
  const client = (db as unknown as { $client?: DriverClient }).$client;
  if (!client) throw new Error(`${name}: needs the database, not a transaction`);
  const res =
    typeof client.totalCount === 'number'
      ? await client.query({ name, text, values })
      : await client.query(text, values);
  return res.rows as R[];
}

export function createExamsRepository(db: Queryable) {
  return {
    // ---- exams
    async insertExam(row: typeof exams.$inferInsert, targets: (typeof examTargets.$inferInsert)[]) {
      const [exam] = await db.insert(exams).values(row).returning();
      if (targets.length)
        await db.insert(examTargets).values(targets.map((t) => ({ ...t, examId: exam.id })));
      return exam;
    },
    async updateExam(id: string, patch: Partial<typeof exams.$inferInsert>) {
      const [row] = await db
        .update(exams)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(exams.id, id))
        .returning();
      return row ?? null;
    },
    async getExam(id: string): Promise<(ExamRow & { ownerName: string; ownerPath: string }) | null> {
      const [row] = await db
        .select({ exam: exams, ownerName: units.name, ownerPath: units.path })
        .from(exams)
        .innerJoin(units, eq(units.id, exams.ownerUnitId))
        .where(eq(exams.id, id));
      return row ? { ...row.exam, ownerName: row.ownerName, ownerPath: row.ownerPath } : null;
    },
    /** Latest window close of the opened, non-cancelled exams of a test (what the bank's lock must cover). */
    async latestClose(testSchoolId: string, testId: string): Promise<Date | null> {
      const [row] = await db
        .select({ at: sql<string | null>`max(${exams.closesAt})` })
        .from(exams)
        .where(
          and(
            eq(exams.testSchoolId, testSchoolId),
            eq(exams.testId, testId),
            eq(exams.status, 'scheduled'),
            sql`${exams.opensAt} <= now()`,
          ),
        );
      return row?.at ? new Date(row.at) : null;
    },
    /** Exams of a test whose window is open now. */
    async openExamsOfTest(testSchoolId: string, testId: string) {
      return db
        .select({ id: exams.id, title: exams.title, opensAt: exams.opensAt, closesAt: exams.closesAt })
        .from(exams)
        .where(
          and(
            eq(exams.testSchoolId, testSchoolId),
            eq(exams.testId, testId),
            eq(exams.status, 'scheduled'),
            sql`${exams.opensAt} <= now() and ${exams.closesAt} >= now()`,
          ),
        );
    },
    /** Open exams whose paper is not frozen yet (nobody has started): the sweep freezes them. */
    async openExamsWithoutPaper(limit: number) {
      return db
        .select({ id: exams.id, testSchoolId: exams.testSchoolId, testId: exams.testId })
        .from(exams)
        .where(
          sql`${exams.status} = 'scheduled' and ${exams.opensAt} <= now() and ${exams.closesAt} >= now()
              and not exists (select 1 from ${examPapers} p where p.exam_id = ${exams.id})`,
        )
        .limit(limit);
    },
    async targetsOf(examIds: string[]): Promise<Map<string, TargetRow[]>> {
      const map = new Map<string, TargetRow[]>();
      if (!examIds.length) return map;
      const rows = rowsOf<{
        exam_id: string;
        target_id: string;
        kind: string;
        unit_id: string;
        name: string;
        school_name: string;
      }>(
        await db.execute(sql`
          select t.exam_id, t.target_id, t.kind, t.unit_id, coalesce(c.name, tu.name) as name, tu.name as school_name
            from ${examTargets} t
            join ${units} tu on tu.id = t.unit_id
            left join ${classes} c on t.kind = 'class' and c.school_id = t.unit_id and c.id = t.target_id
           where ${inJson(sql`t.exam_id::text`, examIds)}
           order by tu.name, name`),
      );
      for (const r of rows) {
        const list = map.get(r.exam_id) ?? [];
        list.push({
          examId: r.exam_id,
          targetId: r.target_id,
          kind: r.kind,
          unitId: r.unit_id,
          name: r.name,
          schoolName: r.school_name,
        });
        map.set(r.exam_id, list);
      }
      return map;
    },
    /** Exams matching `visible` (a condition on alias e), newest window first. */
    async listExams(visible: SQL, filters: SQL[], page: { limit: number; offset: number }) {
      const where = sql.join([visible, ...filters], sql` and `);
      const [{ total }] = rowsOf<{ total: number }>(
        await db.execute(sql`select count(*)::int as total from ${exams} e where ${where}`),
      );
      const ids = rowsOf<{ id: string }>(
        await db.execute(sql`
          select e.id from ${exams} e where ${where}
           order by e.opens_at desc, e.id limit ${page.limit} offset ${page.offset}`),
      ).map((r) => r.id);
      return { total, ids };
    },
    async examsByIds(ids: string[]) {
      if (!ids.length) return [];
      return db
        .select({ exam: exams, ownerName: units.name, ownerPath: units.path })
        .from(exams)
        .innerJoin(units, eq(units.id, exams.ownerUnitId))
        .where(inArray(exams.id, ids));
    },
    /** Started / submitted attempts per exam within a scope condition on alias a. */
    async attemptCounts(examIds: string[], scope: SQL) {
      const map = new Map<string, { started: number; submitted: number }>();
      if (!examIds.length) return map;
      const rows = rowsOf<{ exam_id: string; started: number; submitted: number }>(
        await db.execute(sql`
          select a.exam_id, count(*)::int as started, count(*) filter (where a.status <> 'in_progress')::int as submitted
            from ${examAttempts} a
           where ${inJson(sql`a.exam_id::text`, examIds)} and ${scope}
           group by a.exam_id`),
      );
      for (const r of rows) map.set(r.exam_id, { started: r.started, submitted: r.submitted });
      return map;
    },

    /**
     * The exam and whether a student (school, class) is in its audience, in one query: a class target, or a
     * unit target whose subtree holds the student's school.
     */
    async examForStudent(examId: string, schoolId: string, studentId: string) {
      const rows = await queryPrepared<Record<string, unknown> & { eligible: boolean; server_time: string }>(
        db,
        sql`
          with st as (
            select s.current_class_id as class_id, u.path from ${students} s join ${units} u on u.id = s.school_id
             where s.school_id = ${schoolId} and s.id = ${studentId}
          )
          select e.id, e.title, e.test_school_id, e.test_id, e.opens_at, e.closes_at, e.duration_minutes, e.status,
                 e.released_at, e.subject_code, now() as server_time, st.class_id,
                 exists (
                   select 1 from ${examTargets} t join ${units} tu on tu.id = t.unit_id
                    where t.exam_id = e.id
                      and ((t.kind = 'class' and t.unit_id = ${schoolId} and t.target_id = st.class_id)
                        or (t.kind = 'unit' and st.path like tu.path || '%'))
                 ) as eligible
            from ${exams} e join st on true where e.id = ${examId}`,
      );
      const r = rows[0];
      if (!r) return null;
      return {
        id: r.id as string,
        title: r.title as string,
        testSchoolId: r.test_school_id as string,
        testId: r.test_id as string,
        opensAt: new Date(r.opens_at as string),
        closesAt: new Date(r.closes_at as string),
        durationMinutes: Number(r.duration_minutes),
        status: r.status as string,
        releasedAt: r.released_at ? new Date(r.released_at as string) : null,
        subjectCode: (r.subject_code as string | null) ?? null,
        eligible: Boolean(r.eligible),
        classId: (r.class_id as string | null) ?? null,
        serverTime: new Date(r.server_time),
      };
    },

    /** Exams whose audience holds the student (by class or school), with the student's attempt if any. */
    async examsOfStudent(schoolId: string, studentId: string, classId: string | null) {
      return rowsOf<{
        id: string;
        title: string;
        subject_code: string | null;
        opens_at: string;
        closes_at: string;
        duration_minutes: number;
        status: string;
        released_at: string | null;
        attempt_id: string | null;
        attempt_status: string | null;
        started_at: string | null;
        deadline: string | null;
        submitted_at: string | null;
        score10: number | null;
      }>(
        await db.execute(sql`
          select e.id, e.title, e.subject_code, e.opens_at, e.closes_at, e.duration_minutes, e.status, e.released_at,
                 a.id as attempt_id, a.status as attempt_status, a.started_at, a.deadline, a.submitted_at,
                 a.score10::float8 as score10
            from ${exams} e
            left join ${examAttempts} a on a.school_id = ${schoolId} and a.exam_id = e.id and a.student_id = ${studentId}
           where exists (
                   select 1 from ${examTargets} t join ${units} tu on tu.id = t.unit_id
                    where t.exam_id = e.id
                      and ((t.kind = 'class' and t.unit_id = ${schoolId} and t.target_id = ${classId})
                        or (t.kind = 'unit' and (select s.path from ${units} s where s.id = ${schoolId}) like tu.path || '%')))
              or a.id is not null
           order by e.opens_at desc
           limit 200`),
      );
    },

    // ---- papers
    async papers(examId: string): Promise<PaperVersion[]> {
      const rows = await db
        .select()
        .from(examPapers)
        .where(eq(examPapers.examId, examId))
        .orderBy(asc(examPapers.versionCode));
      return rows.map((r) => ({
        code: r.versionCode,
        questions: r.questions as PaperVersion['questions'],
        maxScore: r.maxScore,
      }));
    },
    async insertPapers(examId: string, versions: PaperVersion[]) {
      if (!versions.length) return;
      await db
        .insert(examPapers)
        .values(
          versions.map((v) => ({
            examId,
            versionCode: v.code,
            questions: v.questions,
            maxScore: v.maxScore,
          })),
        )
        .onConflictDoNothing();
    },

    // ---- attempts
    async findAttempt(schoolId: string, examId: string, studentId: string) {
      const [row] = await db
        .select()
        .from(examAttempts)
        .where(
          and(
            eq(examAttempts.schoolId, schoolId),
            eq(examAttempts.examId, examId),
            eq(examAttempts.studentId, studentId),
          ),
        );
      return row ?? null;
    },
    /**
     * Creates the attempt unless the student has one (a resume, or two tabs starting at once), in one statement
     * with the statements `also` gives for the same round trip (the audit entry, the session extension), each
     * applied only when the attempt was created (`when`). Returns the new attempt, or null.
     */
    async startAttempt(
      row: {
        schoolId: string;
        id: string;
        examId: string;
        studentId: string;
        classId: string | null;
        userId: string;
        versionCode: string;
        questionIds: string[];
        startedAt: Date;
        deadline: Date;
      },
      also: (when: SQL) => SQL[],
    ): Promise<AttemptRow | null> {
      const ins = sql`insert into ${examAttempts}
          (school_id, id, exam_id, student_id, class_id, user_id, version_code, question_ids, started_at, deadline,
           last_seen_at)
        values (${row.schoolId}::uuid, ${row.id}::uuid, ${row.examId}::uuid, ${row.studentId}::uuid,
                ${row.classId}::uuid, ${row.userId}::uuid, ${row.versionCode},
                array(select json_array_elements_text(${JSON.stringify(row.questionIds)}::json)),
                ${row.startedAt.toISOString()}::timestamptz, ${row.deadline.toISOString()}::timestamptz,
                ${row.startedAt.toISOString()}::timestamptz)
        on conflict do nothing
        returning id`;
      const more = also(sql`exists (select 1 from ins)`).map((x, i) => sql`, ${sql.raw(`w${i}`)} as (${x})`);
      const rows = await queryPrepared<{ id: string }>(
        db,
        sql`with ins as (${ins})${sql.join(more, sql``)} select id from ins`,
      );
      if (!rows.length) return null;
      return {
        ...row,
        lastSeenAt: row.startedAt,
        submittedAt: null,
        status: 'in_progress',
        gradingStatus: null,
        rawScore: null,
        maxScore: null,
        score10: null,
        focusLosses: 0,
        offlineEvents: 0,
      };
    },
    /**
     * The common start in one statement: when the exam's window is open, the student is in its audience and has
     * no attempt yet, inserts the attempt (deadline = least(now + duration, closes_at)) with the statements `also`
     * gives (audit entry, session extension), and returns it with the exam's title and window. Null in every other
     * case (the caller then takes the ordinary path, which explains or resumes).
     */
    async startAttemptIfOpen(
      row: {
        schoolId: string;
        id: string;
        examId: string;
        studentId: string;
        userId: string;
        versionCode: string;
        questionIds: string[];
      },
      also: (when: SQL) => SQL[],
    ) {
      const more = also(sql`exists (select 1 from ins)`).map((x, i) => sql`, ${sql.raw(`w${i}`)} as (${x})`);
      const rows = await queryPrepared<{
        class_id: string | null;
        started_at: string | Date;
        deadline: string | Date;
        title: string;
        duration_minutes: number;
        closes_at: string | Date;
      }>(
        db,
        sql`
          with st as (
            select s.current_class_id as class_id, u.path from ${students} s join ${units} u on u.id = s.school_id
             where s.school_id = ${row.schoolId} and s.id = ${row.studentId}
          ), e as (
            select e.id, e.title, e.closes_at, e.duration_minutes, st.class_id from ${exams} e join st on true
             where e.id = ${row.examId} and e.status = 'scheduled' and e.opens_at <= now() and e.closes_at > now()
               and exists (
                 select 1 from ${examTargets} t join ${units} tu on tu.id = t.unit_id
                  where t.exam_id = e.id
                    and ((t.kind = 'class' and t.unit_id = ${row.schoolId} and t.target_id = st.class_id)
                      or (t.kind = 'unit' and st.path like tu.path || '%')))
          ), ins as (
            insert into ${examAttempts}
                (school_id, id, exam_id, student_id, class_id, user_id, version_code, question_ids, started_at,
                 deadline, last_seen_at)
            select ${row.schoolId}::uuid, ${row.id}::uuid, e.id, ${row.studentId}::uuid, e.class_id,
                   ${row.userId}::uuid, ${row.versionCode},
                   array(select json_array_elements_text(${JSON.stringify(row.questionIds)}::json)), now(),
                   least(now() + make_interval(mins => e.duration_minutes), e.closes_at), now()
              from e
            on conflict do nothing
            returning class_id, started_at, deadline
          )${sql.join(more, sql``)}
          select ins.class_id, ins.started_at, ins.deadline, e.title, e.duration_minutes, e.closes_at
            from ins cross join e`,
      );
      const r = rows[0];
      if (!r) return null;
      const attempt: AttemptRow = {
        schoolId: row.schoolId,
        id: row.id,
        examId: row.examId,
        studentId: row.studentId,
        classId: r.class_id,
        userId: row.userId,
        versionCode: row.versionCode,
        questionIds: row.questionIds,
        startedAt: new Date(r.started_at),
        deadline: new Date(r.deadline),
        lastSeenAt: new Date(r.started_at),
        submittedAt: null,
        status: 'in_progress',
        gradingStatus: null,
        rawScore: null,
        maxScore: null,
        score10: null,
        focusLosses: 0,
        offlineEvents: 0,
      };
      return {
        attempt,
        exam: {
          title: r.title,
          durationMinutes: Number(r.duration_minutes),
          closesAt: new Date(r.closes_at),
        },
      };
    },
    async getAttempt(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(examAttempts)
        .where(and(eq(examAttempts.schoolId, schoolId), eq(examAttempts.id, id)));
      return row ?? null;
    },
    async answersOf(schoolId: string, attemptId: string) {
      return db
        .select()
        .from(examAnswers)
        .where(and(eq(examAnswers.schoolId, schoolId), eq(examAnswers.attemptId, attemptId)));
    },

    /**
     * Autosave in one statement: stores each answer whose seq is greater than the stored one, only when the
     * attempt exists, belongs to the student of the live session (`session`: its id and the CSRF token sent),
     * is in progress, within its deadline (plus a short grace) and every question is on the student's version.
     * Returns ok: false when any of these fails (nothing written).
     */
    async saveAnswers(
      schoolId: string,
      attemptId: string,
      session: { sessionId: string; csrfToken: string },
      input: SaveInput[],
    ): Promise<SaveOutcome> {
      const payload = JSON.stringify(input.map((i) => ({ q: i.questionId, a: i.answer, s: i.seq })));
      const rows = await prepared<{
        question_id: string;
        seq: number | null;
        applied: boolean;
        deadline: string | Date;
        server_time: string | Date;
      }>(db, 'exams_save_answers', SAVE_SQL, [
        schoolId,
        attemptId,
        session.sessionId,
        SAVE_GRACE_SECONDS,
        payload,
        session.csrfToken,
      ]);
      if (!rows.length) return { ok: false };
      return {
        ok: true,
        saved: rows.map((r) => ({ questionId: r.question_id, seq: Number(r.seq ?? 0), applied: r.applied })),
        deadline: new Date(rows[0].deadline),
        serverTime: new Date(rows[0].server_time),
      };
    },

    /**
     * Focus events (idempotent by time and kind) and the heartbeat: last_seen_at, and the counters of focus
     * losses and offline periods, only for events not seen before. Null when the session is not the attempt's
     * student's live session or the attempt is not in progress.
     */
    async recordEvents(
      schoolId: string,
      attemptId: string,
      session: { sessionId: string; csrfToken: string },
      events: { kind: string; at: string }[],
    ): Promise<number | null> {
      const payload = JSON.stringify(events.filter((e) => e.kind !== 'heartbeat'));
      const rows = await prepared<{ recorded: number }>(db, 'exams_record_events', EVENTS_SQL, [
        schoolId,
        attemptId,
        session.sessionId,
        payload,
        session.csrfToken,
      ]);
      return rows.length ? rows[0].recorded : null;
    },

    /** Locks an attempt for finishing (in the finishing transaction). */
    async lockAttempt(schoolId: string, id: string) {
      const rows = rowsOf<{ id: string }>(
        await db.execute(sql`
          select id from ${examAttempts} where school_id = ${schoolId} and id = ${id} for update`),
      );
      return rows.length > 0;
    },
    async setAnswerScores(
      schoolId: string,
      attemptId: string,
      scores: { questionId: string; score: number }[],
    ) {
      if (!scores.length) return;
      await db.execute(sql`
        update ${examAnswers} x set score = s.score
          from jsonb_to_recordset(${JSON.stringify(scores)}::jsonb) as s("questionId" text, score numeric)
         where x.school_id = ${schoolId} and x.attempt_id = ${attemptId} and x.question_id = s."questionId"`);
    },
    async updateAttempt(schoolId: string, id: string, patch: Partial<typeof examAttempts.$inferInsert>) {
      const [row] = await db
        .update(examAttempts)
        .set(patch)
        .where(and(eq(examAttempts.schoolId, schoolId), eq(examAttempts.id, id)))
        .returning();
      return row ?? null;
    },
    async openAttemptsOfExam(examId: string) {
      return rowsOf<{ school_id: string; id: string }>(
        await db.execute(sql`
          select school_id, id from ${examAttempts} where exam_id = ${examId} and status = 'in_progress'`),
      ).map((r) => ({ schoolId: r.school_id, id: r.id }));
    },
    /** In-progress attempts past their deadline and grace: what the sweep auto-submits. */
    async dueAttempts(limit: number) {
      return rowsOf<{ school_id: string; id: string }>(
        await db.execute(sql`
          select school_id, id from ${examAttempts}
           where status = 'in_progress' and deadline + make_interval(secs => ${SAVE_GRACE_SECONDS}) < now()
           order by deadline limit ${limit}`),
      ).map((r) => ({ schoolId: r.school_id, id: r.id }));
    },
    async upsertEssayGrade(row: {
      schoolId: string;
      attemptId: string;
      questionId: string;
      score: number;
      rubricPoints: number[];
      comment: string | null;
      gradedBy: string;
    }) {
      await db
        .insert(examAnswers)
        .values({ ...row, answer: {}, seq: 0, gradedAt: new Date() })
        .onConflictDoUpdate({
          target: [examAnswers.schoolId, examAnswers.attemptId, examAnswers.questionId],
          set: {
            score: row.score,
            rubricPoints: row.rubricPoints,
            comment: row.comment,
            gradedBy: row.gradedBy,
            gradedAt: new Date(),
          },
        });
    },
    async markAnalysisStale(examId: string) {
      await db.update(examAnalyses).set({ stale: true }).where(eq(examAnalyses.examId, examId));
    },

    // ---- people and places
    async studentInfo(schoolId: string, studentId: string) {
      const [row] = await db
        .select({
          id: students.id,
          fullName: students.fullName,
          classId: students.currentClassId,
          className: classes.name,
          schoolPath: units.path,
        })
        .from(students)
        .innerJoin(units, eq(units.id, students.schoolId))
        .leftJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
        )
        .where(and(eq(students.schoolId, schoolId), eq(students.id, studentId)));
      return row ?? null;
    },
    async unitsByIds(ids: string[]) {
      if (!ids.length) return [];
      return db
        .select({ id: units.id, name: units.name, kind: units.kind, path: units.path })
        .from(units)
        .where(inArray(units.id, ids));
    },
    async classesByIds(ids: string[]) {
      if (!ids.length) return [];
      return db
        .select({ id: classes.id, schoolId: classes.schoolId, name: classes.name })
        .from(classes)
        .where(inArray(classes.id, ids));
    },
    async classesOfStudents(list: { schoolId: string; studentId: string }[]) {
      if (!list.length) return [];
      return db
        .select({ schoolId: students.schoolId, classId: students.currentClassId })
        .from(students)
        .where(
          inArray(
            students.id,
            list.map((s) => s.studentId),
          ),
        );
    },

    // ---- proctoring and results
    async proctorRows(examId: string, studentScope: SQL, filters: SQL[]) {
      const where = sql.join([studentScope, ...filters], sql` and `);
      return rowsOf<{
        student_id: string;
        school_id: string;
        full_name: string;
        class_name: string | null;
        attempt_id: string | null;
        status: string | null;
        deadline: string | null;
        last_seen_at: string | null;
        last_saved_at: string | null;
        answered: number;
        question_count: number;
        focus_losses: number;
        offline_events: number;
        server_time: string;
      }>(
        await db.execute(sql`
          select s.id as student_id, s.school_id, s.full_name, c.name as class_name,
                 a.id as attempt_id, a.status, a.deadline, a.last_seen_at,
                 (select max(x.saved_at) from ${examAnswers} x where x.school_id = a.school_id and x.attempt_id = a.id) as last_saved_at,
                 (select count(*) from ${examAnswers} x where x.school_id = a.school_id and x.attempt_id = a.id and x.seq > 0)::int as answered,
                 coalesce(cardinality(a.question_ids), 0)::int as question_count,
                 coalesce(a.focus_losses, 0)::int as focus_losses, coalesce(a.offline_events, 0)::int as offline_events,
                 now() as server_time
            from ${students} s
            left join ${classes} c on c.school_id = s.school_id and c.id = s.current_class_id
            left join ${examAttempts} a on a.school_id = s.school_id and a.exam_id = ${examId} and a.student_id = s.id
           where (a.id is not null or (s.status = 'studying' and (
                   exists (select 1 from ${examTargets} t where t.exam_id = ${examId} and t.kind = 'class'
                            and t.unit_id = s.school_id and t.target_id = s.current_class_id)
                or exists (select 1 from ${examTargets} t join ${units} tu on tu.id = t.unit_id join ${units} su on su.id = s.school_id
                            where t.exam_id = ${examId} and t.kind = 'unit' and su.path like tu.path || '%'))))
             and ${where}
           order by c.name nulls last, s.full_name
           limit 5000`),
      );
    },
    async resultRows(examId: string, scope: SQL, filters: SQL[], page: { limit: number; offset: number }) {
      const where = sql.join([sql`a.exam_id = ${examId}`, scope, ...filters], sql` and `);
      const [{ total }] = rowsOf<{ total: number }>(
        await db.execute(sql`select count(*)::int as total from ${examAttempts} a where ${where}`),
      );
      const items = rowsOf<{
        attempt_id: string;
        school_id: string;
        school_name: string;
        student_id: string;
        full_name: string;
        class_name: string | null;
        status: string;
        grading_status: string | null;
        raw_score: number | null;
        max_score: number | null;
        score10: number | null;
        submitted_at: string | null;
      }>(
        await db.execute(sql`
          select a.id as attempt_id, a.school_id, u.name as school_name, a.student_id, s.full_name, c.name as class_name,
                 a.status, a.grading_status, a.raw_score::float8 as raw_score, a.max_score::float8 as max_score,
                 a.score10::float8 as score10, a.submitted_at
            from ${examAttempts} a
            join ${units} u on u.id = a.school_id
            join ${students} s on s.school_id = a.school_id and s.id = a.student_id
            left join ${classes} c on c.school_id = a.school_id and c.id = a.class_id
           where ${where}
           order by u.name, c.name nulls last, s.full_name
           limit ${page.limit} offset ${page.offset}`),
      );
      return { total, items };
    },

    // ---- analysis inputs and rollups
    async finishedAttempts(examId: string) {
      return rowsOf<{
        school_id: string;
        id: string;
        student_id: string;
        class_id: string | null;
        version_code: string;
        raw_score: number | null;
        max_score: number | null;
        score10: number | null;
      }>(
        await db.execute(sql`
          select school_id, id, student_id, class_id, version_code, raw_score::float8 as raw_score,
                 max_score::float8 as max_score, score10::float8 as score10
            from ${examAttempts}
           where exam_id = ${examId} and status <> 'in_progress'
           order by school_id, id`),
      );
    },
    async answersOfExam(examId: string) {
      return rowsOf<{
        school_id: string;
        attempt_id: string;
        question_id: string;
        answer: unknown;
        score: number | null;
      }>(
        await db.execute(sql`
          select x.school_id, x.attempt_id, x.question_id, x.answer, x.score::float8 as score
            from ${examAnswers} x
            join ${examAttempts} a on a.school_id = x.school_id and a.id = x.attempt_id
           where a.exam_id = ${examId} and a.status <> 'in_progress'`),
      );
    },
    async replaceAnalysis(
      examId: string,
      data: {
        analysis: Omit<typeof examAnalyses.$inferInsert, 'examId'>;
        rollups: Omit<typeof examScoreRollups.$inferInsert, 'examId'>[];
        items: Omit<typeof examItemStats.$inferInsert, 'examId'>[];
        mastery: Omit<typeof examStudentMastery.$inferInsert, 'examId'>[];
      },
    ) {
      await db.delete(examScoreRollups).where(eq(examScoreRollups.examId, examId));
      await db.delete(examItemStats).where(eq(examItemStats.examId, examId));
      await db.delete(examStudentMastery).where(eq(examStudentMastery.examId, examId));
      await db.delete(examAnalyses).where(eq(examAnalyses.examId, examId));
      await db
        .insert(examAnalyses)
        .values({ ...data.analysis, examId, stale: false, computedAt: new Date() });
      for (let i = 0; i < data.rollups.length; i += 500)
        await db
          .insert(examScoreRollups)
          .values(data.rollups.slice(i, i + 500).map((r) => ({ ...r, examId })));
      for (let i = 0; i < data.items.length; i += 500)
        await db.insert(examItemStats).values(data.items.slice(i, i + 500).map((r) => ({ ...r, examId })));
      for (let i = 0; i < data.mastery.length; i += 500)
        await db
          .insert(examStudentMastery)
          .values(data.mastery.slice(i, i + 500).map((r) => ({ ...r, examId })));
    },
    async analysis(examId: string) {
      const [row] = await db.select().from(examAnalyses).where(eq(examAnalyses.examId, examId));
      return row ?? null;
    },
    async rollups(examId: string) {
      return db.select().from(examScoreRollups).where(eq(examScoreRollups.examId, examId));
    },
    async itemStats(examId: string) {
      return db
        .select()
        .from(examItemStats)
        .where(eq(examItemStats.examId, examId))
        .orderBy(asc(examItemStats.number));
    },
    async mastery(schoolId: string, examId: string, studentId: string) {
      const [row] = await db
        .select()
        .from(examStudentMastery)
        .where(
          and(
            eq(examStudentMastery.schoolId, schoolId),
            eq(examStudentMastery.examId, examId),
            eq(examStudentMastery.studentId, studentId),
          ),
        );
      return row ?? null;
    },
    /** Exams to analyse: closed, with finished attempts, and no analysis yet or a stale one. */
    async examsToAnalyse(limit: number) {
      return rowsOf<{ id: string }>(
        await db.execute(sql`
          select e.id from ${exams} e
           where e.status = 'scheduled' and e.closes_at + make_interval(secs => ${SAVE_GRACE_SECONDS * 2}) < now()
             and not exists (select 1 from ${examAttempts} a where a.exam_id = e.id and a.status = 'in_progress')
             and exists (select 1 from ${examAttempts} a where a.exam_id = e.id)
             and (not exists (select 1 from ${examAnalyses} x where x.exam_id = e.id)
                  or exists (select 1 from ${examAnalyses} x where x.exam_id = e.id and x.stale))
           order by e.closes_at limit ${limit}`),
      ).map((r) => r.id);
    },
    /** Released results of one student. */
    async releasedResults(schoolId: string, studentId: string) {
      return rowsOf<{
        exam_id: string;
        title: string;
        subject_code: string | null;
        closes_at: string;
        attempt_id: string;
        score10: number | null;
        raw_score: number | null;
        max_score: number | null;
        grading_status: string | null;
      }>(
        await db.execute(sql`
          select e.id as exam_id, e.title, e.subject_code, e.closes_at, a.id as attempt_id, a.score10::float8 as score10,
                 a.raw_score::float8 as raw_score, a.max_score::float8 as max_score, a.grading_status
            from ${examAttempts} a join ${exams} e on e.id = a.exam_id
           where a.school_id = ${schoolId} and a.student_id = ${studentId} and a.status <> 'in_progress'
             and e.released_at is not null
           order by e.closes_at desc`),
      );
    },
  };
}
export type ExamsRepository = ReturnType<typeof createExamsRepository>;

/** Visibility of exams (alias e) for a scope: see exams.service for the rule. */
export function examVisibility(scope: {
  subtrees: string[];
  classes: { schoolId: string; classId: string }[];
}): SQL {
  const parts: SQL[] = [];
  for (const p of scope.subtrees) {
    parts.push(
      sql`exists (select 1 from ${units} ou where ou.id = e.owner_unit_id and ou.path like ${`${p}%`})`,
    );
    parts.push(sql`exists (select 1 from ${examTargets} t join ${units} tu on tu.id = t.unit_id
                            where t.exam_id = e.id and (tu.path like ${`${p}%`} or ${p} like tu.path || '%'))`);
  }
  if (scope.classes.length) {
    const pairs = JSON.stringify(scope.classes.map((c) => ({ s: c.schoolId, c: c.classId })));
    parts.push(sql`exists (select 1 from ${examTargets} t join ${units} tu on tu.id = t.unit_id
                            join jsonb_to_recordset(${pairs}::jsonb) as k(s uuid, c uuid) on true
                            join ${units} ks on ks.id = k.s
                            where t.exam_id = e.id
                              and ((t.kind = 'class' and t.unit_id = k.s and t.target_id = k.c)
                                or (t.kind = 'unit' and ks.path like tu.path || '%')))`);
  }
  if (!parts.length) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

export type { Database };
export { iso as toIso };
