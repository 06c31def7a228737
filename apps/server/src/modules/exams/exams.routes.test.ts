import { AsyncLocalStorage } from 'node:async_hooks';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { type BuiltTest, buildTest, saver, windowAt } from './exams.test-fixtures';

/**
 * Online exams through the real API on a fresh database (PGlite, or PostgreSQL with DATABASE_URL): scheduling,
 * taking with idempotent autosave, bad input, resume, focus events, proctoring, submission and grading, the
 * session kept alive, the test locked while the window is open, the constant-cost start, release, analysis and
 * the Excel export.
 */

let t: TestApp;
let admin: Client;
let principal: Client;
let teacher: Client;
let student: Client;
let student2: Client;
let parent: Client;
let qt: string;
let klass: string;
let test: BuiltTest;

const db = <R>(text: string, params: unknown[] = []) => t.database.execute<R>(text, params);
const auditOf = (attemptId: string) =>
  db<{ action: string; actor_user_id: string | null; version: string }>(
    `select action, actor_user_id, after->>'versionCode' as version from audit_log
      where entity = 'exam_attempt' and entity_id = $1 order by id`,
    [attemptId],
  ).then((rows) => rows.map((r) => (r.action === 'start' ? r : { action: r.action }) as typeof r));

async function schedule(body: Record<string, unknown>, as: Client = teacher) {
  const res = await as.post('/api/exams', body);
  if (res.statusCode !== 201) throw new Error(`exam: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; phase: string; audience: unknown[] };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin.so');
  principal = await login(t.app, 'hieutruong.qt');
  teacher = await login(t.app, 'giaovien.qt');
  student = await login(t.app, 'hocsinh.qt');
  parent = await login(t.app, 'phuhuynh.qt');
  qt = student.me.homeUnitId!;
  const me = (await student.get('/api/students')).json().items[0];
  klass = me.currentClassId;
  // A second student of 6A1 with an account.
  const classmates = (await admin.get(`/api/students?classId=${klass}&pageSize=100`)).json().items as {
    id: string;
    fullName: string;
  }[];
  const other = classmates.find((s) => s.id !== student.me.studentId)!;
  const res = await admin.post('/api/users', {
    username: 'hocsinh.qt2',
    fullName: other.fullName,
    password: 'HocSinh@2025',
    role: 'student',
    unitId: qt,
    studentId: other.id,
  });
  expect(res.statusCode).toBe(201);
  student2 = await login(t.app, 'hocsinh.qt2', 'HocSinh@2025');
  test = await buildTest(teacher, qt);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('scheduling', () => {
  it('a teacher schedules for their class, not for another class or school; the principal for the school', async () => {
    const other = (await admin.get(`/api/classes?schoolId=${qt}&pageSize=100`))
      .json()
      .items.find((c: { id: string; name: string }) => c.name === '7A2');
    const base = {
      testId: test.testId,
      title: 'Kiểm tra 15 phút',
      ownerUnitId: qt,
      durationMinutes: 15,
      ...windowAt('future'),
    };
    const ok = await teacher.post('/api/exams', { ...base, audience: { classIds: [klass] } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().phase).toBe('scheduled');
    expect(ok.json().canManage).toBe(true);
    const notMine = await teacher.post('/api/exams', { ...base, audience: { classIds: [other.id] } });
    expect(notMine.statusCode).toBe(403);
    const school = await teacher.post('/api/exams', { ...base, audience: { unitIds: [qt] } });
    expect(school.statusCode).toBe(403);
    const byPrincipal = await principal.post('/api/exams', { ...base, audience: { unitIds: [qt] } });
    expect(byPrincipal.statusCode).toBe(201);
    // Validation: the window must end after it starts.
    const bad = await teacher.post('/api/exams', {
      ...base,
      closesAt: base.opensAt,
      audience: { classIds: [klass] },
    });
    expect(bad.statusCode).toBe(400);
    // The student sees both (class and school audience); another school's parent does not.
    const mine = (await student.get('/api/exams/mine')).json() as { id: string }[];
    expect(mine.map((e) => e.id)).toEqual(expect.arrayContaining([ok.json().id, byPrincipal.json().id]));
    const tp = await login(t.app, 'phuhuynh.tp');
    expect((await tp.get(`/api/exams/${ok.json().id}`)).statusCode).toBe(404);
    // A student cannot start before the window opens.
    const early = await student.post(`/api/exams/${ok.json().id}/attempts`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('EXAM_NOT_OPEN');
  });
});

describe('taking an exam', () => {
  let examId: string;
  let session: {
    attempt: { id: string; schoolId: string; deadline: string; status: string };
    questions: { id: string; type: string }[];
    serverTime: string;
  };
  let url: string;
  let sv: ReturnType<typeof saver>;

  beforeAll(async () => {
    examId = (
      await schedule({
        testId: test.testId,
        title: 'Kiểm tra giữa kì Toán 6A1',
        ownerUnitId: qt,
        durationMinutes: 40,
        audience: { classIds: [klass] },
        ...windowAt('open'),
      })
    ).id;
  });

  it('starts with the questions but no keys, the server deadline and time, and a session that outlives it', async () => {
    const res = await student.post(`/api/exams/${examId}/attempts`);
    expect(res.statusCode).toBe(200);
    session = res.json();
    url = `/api/schools/${session.attempt.schoolId}/exam-attempts/${session.attempt.id}`;
    sv = saver(student, session);
    expect(session).not.toHaveProperty('saveToken');
    expect(session.questions).toHaveLength(test.questionIds.length);
    expect(res.body).not.toContain('"key"');
    expect(res.body).not.toContain('sampleAnswer');
    const deadline = Date.parse(session.attempt.deadline);
    const started = Date.parse(session.serverTime);
    expect(deadline - started).toBe(40 * 60_000);
    const [s] = await db<{ expires_at: string }>(
      `select s.expires_at from sessions s join users u on u.id = s.user_id where u.username = 'hocsinh.qt' order by s.expires_at desc limit 1`,
    );
    expect(Date.parse(s.expires_at)).toBeGreaterThanOrEqual(deadline + 29 * 60_000);
    // Starting again resumes the same attempt; the start is audited once.
    const again = (await student.post(`/api/exams/${examId}/attempts`)).json();
    expect(again.attempt.id).toBe(session.attempt.id);
    expect(await auditOf(session.attempt.id)).toEqual([
      { action: 'start', actor_user_id: student.me.id, version: again.attempt.versionCode },
    ]);
  });

  it('saves idempotently by seq: retries and out-of-order saves never go back', async () => {
    const q = session.questions.find((x) => x.type === 'single')!;
    const save = (seq: number, optionId: string) =>
      sv.answers({ answers: [{ questionId: q.id, answer: { optionId }, seq }] });
    const first = await save(2, 'B');
    expect(first.statusCode).toBe(200);
    expect(first.json().saved).toEqual([{ questionId: q.id, seq: 2, applied: true }]);
    // A retry of the same request changes nothing.
    expect((await save(2, 'B')).json().saved[0]).toEqual({ questionId: q.id, seq: 2, applied: false });
    // An older change arriving late (seq 1) does not overwrite the newer one.
    expect((await save(1, 'C')).json().saved[0]).toEqual({ questionId: q.id, seq: 2, applied: false });
    expect((await save(3, 'A')).json().saved[0]).toEqual({ questionId: q.id, seq: 3, applied: true });
    const [row] = await db<{ answer: { optionId: string }; seq: number }>(
      'select answer, seq from exam_answers where attempt_id = $1 and question_id = $2',
      [session.attempt.id, q.id],
    );
    expect(row).toEqual({ answer: { optionId: 'A' }, seq: 3 });
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const checksum = async () =>
      (
        await db<{ h: string }>(
          `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from exam_answers x`,
        )
      )[0].h;
    const before = await checksum();
    const q = session.questions[0];
    // A question not in the test (with a valid one in the same batch: nothing of the batch is stored).
    const notInTest = await sv.answers({
      answers: [
        { questionId: q.id, answer: { optionId: 'D' }, seq: 50 },
        { questionId: '00000000-0000-4000-8000-000000000000', answer: { optionId: 'A' }, seq: 1 },
      ],
    });
    expect(notInTest.statusCode).toBe(400);
    expect(notInTest.json().code).toBe('QUESTION_NOT_IN_TEST');
    // Another student's session, a teacher's session, no session, a forged session cookie, no CSRF token.
    const body = { answers: [{ questionId: q.id, answer: { optionId: 'D' }, seq: 60 }] };
    const other = await saver(student2, session).answers(body);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    expect(other.json().message).toMatch(/không phải bài làm của em/);
    expect((await saver(teacher, session).answers(body)).statusCode).toBe(403);
    const path = `/api/schools/${session.attempt.schoolId}/exam-attempts/${session.attempt.id}/answers`;
    const anonymous = await t.app.inject({ method: 'POST', url: path, payload: body });
    expect(anonymous.statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'POST',
      url: path,
      payload: body,
      cookies: { smartedu_sid: 'x'.repeat(43) },
      headers: { 'x-csrf-token': student.me.csrfToken! },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('UNAUTHENTICATED');
    const noCsrf = await student.request('POST', path, body, { 'x-csrf-token': '' });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
    const wrongCsrf = await student.request('POST', path, body, { 'x-csrf-token': 'y'.repeat(43) });
    expect(wrongCsrf.statusCode).toBe(403);
    expect(wrongCsrf.json().code).toBe('CSRF_FAILED');
    // Unknown attempt, malformed bodies.
    const unknown = await saver(student, {
      attempt: { schoolId: qt, id: '00000000-0000-4000-8000-000000000001' },
    }).answers({ answers: [{ questionId: q.id, answer: {}, seq: 1 }] });
    expect(unknown.statusCode).toBe(404);
    for (const body of [
      { answers: [] },
      { answers: [{ questionId: q.id, answer: { optionId: 'A' }, seq: 0 }] },
      { answers: [{ questionId: q.id, answer: { optionId: 'A', hack: 1 }, seq: 70 }] },
      { answers: [{ questionId: q.id, answer: { text: 'x'.repeat(20_001) }, seq: 71 }] },
    ]) {
      const res = await sv.answers(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect(await checksum()).toBe(before);
  });

  it('logs focus events idempotently and shows the proctor who is in, online and how many answers', async () => {
    const at = new Date().toISOString();
    const events = {
      events: [
        { kind: 'blur', at },
        { kind: 'focus', at: new Date(Date.now() + 1000).toISOString() },
        { kind: 'offline', at },
      ],
    };
    expect((await sv.events(events)).json().recorded).toBe(3);
    expect((await sv.events(events)).json().recorded).toBe(0);
    const view = (await teacher.get(`/api/exams/${examId}/proctor`)).json();
    const me = view.rows.find((r: { studentId: string }) => r.studentId === student.me.studentId);
    expect(me).toMatchObject({
      status: 'in_progress',
      presence: 'online',
      answered: 1,
      focusLosses: 1,
      offlineEvents: 1,
    });
    expect(view.counts.online).toBe(1);
    expect(view.counts.notStarted).toBe(view.rows.length - 1);
    // The parent is not a proctor.
    expect((await parent.get(`/api/exams/${examId}/proctor`)).statusCode).toBe(403);
  });

  it('submits once, grades objective items with the bank graders and leaves the essay to the rubric', async () => {
    const byType = (type: string) => session.questions.find((x) => x.type === type)!;
    const save = await sv.answers({
      answers: [
        {
          questionId: byType('true_false').id,
          answer: { values: { a: true, b: true, c: true, d: true } },
          seq: 1,
        },
        { questionId: byType('short_answer').id, answer: { text: '30' }, seq: 1 },
        { questionId: byType('essay').id, answer: { text: 'Quy đồng mẫu số rồi so sánh tử số.' }, seq: 1 },
      ],
    });
    expect(save.statusCode).toBe(200);
    const res = await student.post(`${url}/submit`);
    expect(res.statusCode).toBe(200);
    expect(res.json().attempt.status).toBe('submitted');
    // Start and submission are audited; autosaves are not (the answers, with seq and time, are their record).
    expect((await auditOf(session.attempt.id)).map((a) => a.action)).toEqual(['start', 'submit']);
    expect((await student.post(`${url}/submit`)).json().attempt.status).toBe('submitted');
    // After submission nothing more is saved.
    const late = await sv.answers({
      answers: [{ questionId: byType('single').id, answer: { optionId: 'B' }, seq: 99 }],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ATTEMPT_SUBMITTED');
    // single: 1 right of 4 (1 point); true/false 3 of 4 right → 0.5 of 1; short answer 1; essay pending.
    const detail = (await teacher.get(url)).json();
    expect(detail.attempt.gradingStatus).toBe('pending');
    expect(detail.attempt.rawScore).toBe(2.5);
    expect(detail.attempt.maxScore).toBe(8);
    expect(detail.canGrade).toBe(true);
    // The student may not see it before release.
    expect((await student.get(url)).statusCode).toBe(403);
    const essay = byType('essay').id;
    const bad = await teacher.post(`${url}/grades`, { questionId: essay, criteria: [1.5, 1] });
    expect(bad.statusCode).toBe(400);
    const graded = await teacher.post(`${url}/grades`, {
      questionId: essay,
      criteria: [1, 0.5],
      comment: 'Thiếu kết luận',
    });
    expect(graded.statusCode).toBe(200);
    expect(graded.json().score).toBe(1.5);
    const after = (await teacher.get(url)).json();
    expect(after.attempt).toMatchObject({ gradingStatus: 'graded', rawScore: 4, score10: 5 });
    // Objective items are not graded by hand.
    expect(
      (await teacher.post(`${url}/grades`, { questionId: byType('single').id, criteria: [1] })).json().code,
    ).toBe('NOT_ESSAY');
  });

  it('refuses to edit the test while the window is open', async () => {
    const res = await teacher.patch(`/api/schools/${qt}/tests/${test.testId}`, {
      title: 'Đổi tên trong giờ thi',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('TEST_LOCKED');
  });

  it('auto-submits at the deadline: a late answer is refused and the attempt is graded', async () => {
    const s2 = (await student2.post(`/api/exams/${examId}/attempts`)).json();
    const sv2 = saver(student2, s2);
    // Another student's session does not open this attempt.
    expect(
      (
        await saver(student2, session).answers({
          answers: [{ questionId: session.questions[0].id, answer: { optionId: 'B' }, seq: 999 }],
        })
      ).statusCode,
    ).toBe(403);
    const q = s2.questions.find((x: { type: string }) => x.type === 'single');
    expect(
      (
        await sv2.answers({
          answers: [{ questionId: q.id, answer: { optionId: 'A' }, seq: 1 }],
        })
      ).statusCode,
    ).toBe(200);
    await db(`update exam_attempts set deadline = now() - interval '1 minute' where id = $1`, [
      s2.attempt.id,
    ]);
    const late = await sv2.answers({
      answers: [{ questionId: q.id, answer: { optionId: 'B' }, seq: 2 }],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('DEADLINE_PASSED');
    const [row] = await db<{ status: string; raw_score: number; seq: number }>(
      `select a.status, a.raw_score::float8 as raw_score, x.seq from exam_attempts a
         join exam_answers x on x.school_id = a.school_id and x.attempt_id = a.id where a.id = $1`,
      [s2.attempt.id],
    );
    expect(row).toEqual({ status: 'auto_submitted', raw_score: 1, seq: 1 });
  });

  it('computes and shows the analysis, releases after the window closes, and exports to Excel', async () => {
    expect((await teacher.post(`/api/exams/${examId}/release`, { released: true })).json().code).toBe(
      'EXAM_NOT_CLOSED',
    );
    await db(`update exams set closes_at = now() - interval '1 second' where id = $1`, [examId]);
    const released = await teacher.post(`/api/exams/${examId}/release`, { released: true });
    expect(released.statusCode).toBe(200);
    expect(released.json().releasedAt).not.toBeNull();
    const a = (await teacher.get(`/api/exams/${examId}/analysis`)).json();
    expect(a.participants).toBe(2);
    // Scores 5 (4 of 8) and 1.25 (1 of 8): mean 3.125, median 3.125, sd = 3.75/√2 = 2.651650
    expect(a.distribution).toMatchObject({
      unitKind: 'school',
      summary: { count: 2, mean: 3.125, min: 1.25, max: 5 },
    });
    expect(a.distribution.summary.sd).toBeCloseTo(2.65165, 5);
    expect(a.distribution.bins.reduce((x: number, y: number) => x + y, 0)).toBe(2);
    expect(a.comparison.map((c: { unitKind: string }) => c.unitKind)).toEqual(['class']);
    expect(a.items).toHaveLength(test.questionIds.length);
    const first = a.items[0];
    expect(first.distractors.map((d: { letter: string }) => d.letter)).toEqual(['A', 'B', 'C', 'D', '—']);
    // The student now sees the score and the answers; the parent the result with mastery.
    const mine = (await student.get('/api/exams/mine')).json().find((e: { id: string }) => e.id === examId);
    expect(mine.attempt.score10).toBe(5);
    expect((await student.get(url)).statusCode).toBe(200);
    const results = (
      await parent.get(`/api/schools/${qt}/students/${student.me.studentId}/exam-results`)
    ).json();
    expect(results[0]).toMatchObject({ examId, score10: 5 });
    expect(results[0].mastery.byTopic.length).toBeGreaterThan(0);
    const xlsx = await teacher.get(`/api/exams/${examId}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Kết quả',
      'Phổ điểm',
      'Phân tích câu hỏi',
      'Phương án nhiễu',
    ]);
    expect(wb.getWorksheet('Kết quả')!.rowCount).toBe(3);
  });
});

describe('exam start cost', () => {
  it('starting an attempt costs the same small number of queries for a 7-question and a 23-question test', async () => {
    const big = await buildTest(teacher, qt, { objective: 20, title: 'Đề dài' });
    const counts: { start: number; resume: number }[] = [];
    // Count the statements made on behalf of one request: those issued in its async context, not those of the
    // job poller and the sweeps running meanwhile.
    const mine = new AsyncLocalStorage<true>();
    const counted = async (fn: () => Promise<void>) => {
      let n = 0;
      const stop = t.database.observeQueries(() => {
        if (mine.getStore()) n++;
      });
      try {
        await mine.run(true, fn);
      } finally {
        stop();
      }
      return n;
    };
    for (const built of [test, big]) {
      const exam = await schedule({
        testId: built.testId,
        title: `Đếm truy vấn ${built.title}`,
        ownerUnitId: qt,
        durationMinutes: 30,
        audience: { classIds: [klass] },
        ...windowAt('open'),
      });
      // First start of the exam freezes its paper: measure a start after that (another student's first start).
      await student2.post(`/api/exams/${exam.id}/attempts`);
      // The session was just used: identity's sliding refresh (at most once a minute) does not run now.
      await db('update sessions set last_seen_at = now()');
      const start = await counted(async () => {
        const res = await student.post(`/api/exams/${exam.id}/attempts`);
        expect(res.statusCode).toBe(200);
        expect(res.json().questions).toHaveLength(built.questionIds.length);
      });
      const resume = await counted(async () => {
        const res = await student.post(`/api/exams/${exam.id}/attempts`);
        expect(res.statusCode).toBe(200);
      });
      counts.push({ start, resume });
    }
    expect(counts[0]).toEqual(counts[1]);
    // Start (the exam already seen open by another student's start): the session with user and roles, then one
    // statement that checks the window and the audience, inserts the attempt, audits the start and extends the
    // session.
    expect(counts[0].start).toBe(2);
    // Resume: the session, that statement (inserting nothing), the exam with the audience check, the insert (a
    // no-op), the attempt, its answers, the extension.
    expect(counts[0].resume).toBe(7);
  });
});

describe('background work', () => {
  it('the sweep auto-submits attempts past their deadline; the close of the window analyses the exam', async () => {
    const { createAccessRepository, createAccessService } = await import('../access');
    const { createAuditRepository } = await import('../audit');
    const { extendSessionSql } = await import('../identity');
    const { createExamBankAdapter, createMediaStore } = await import('../question-bank');
    const { createExamsService } = await import('./exams.service');
    const access = createAccessService(createAccessRepository(t.database.db));
    const service = createExamsService({
      database: t.database,
      access,
      audit: createAuditRepository(),
      bank: createExamBankAdapter({
        database: t.database,
        access,
        media: createMediaStore(t.config.dataDir),
      }),
      sessions: { extendSession: async () => {}, extendSessionSql, actorFromSession: async () => null },
    });
    const exam = await schedule({
      testId: test.testId,
      title: 'Kỳ thi quét tự nộp',
      ownerUnitId: qt,
      durationMinutes: 20,
      audience: { classIds: [klass] },
      ...windowAt('open'),
    });
    const s = (await student.post(`/api/exams/${exam.id}/attempts`)).json();
    const q = s.questions.find((x: { type: string }) => x.type === 'single');
    await saver(student, s).answers({
      answers: [{ questionId: q.id, answer: { optionId: 'A' }, seq: 1 }],
    });
    // The session is touched later (sliding expiry) without cutting the extension to the deadline short.
    await db(`update sessions set last_seen_at = now() - interval '2 minutes'`);
    await student.get('/api/exams/mine');
    const [sess] = await db<{ ok: boolean }>(
      `select s.expires_at >= $1::timestamptz + interval '29 minutes' as ok from sessions s join users u on u.id = s.user_id
        where u.username = 'hocsinh.qt' order by s.expires_at desc limit 1`,
      [s.attempt.deadline],
    );
    expect(sess.ok).toBe(true);
    await db(`update exam_attempts set deadline = now() - interval '1 minute' where id = $1`, [s.attempt.id]);
    const swept = await service.sweep();
    expect(swept.submitted).toBeGreaterThanOrEqual(1);
    const [row] = await db<{ status: string; raw_score: number }>(
      'select status, raw_score::float8 as raw_score from exam_attempts where id = $1',
      [s.attempt.id],
    );
    expect(row).toEqual({ status: 'auto_submitted', raw_score: 1 });
    // The close job (enqueued when the exam was scheduled) analyses once the window has closed.
    const [job] = await db<{ n: number }>(
      `select count(*)::int as n from jobs where name = 'exams.close' and payload->>'examId' = $1`,
      [exam.id],
    );
    expect(job.n).toBe(1);
    await db(`update exams set closes_at = now() - interval '1 second' where id = $1`, [exam.id]);
    await service.closeWindow(exam.id);
    const [analysis] = await db<{ participants: number }>(
      'select participants from exam_analyses where exam_id = $1',
      [exam.id],
    );
    expect(analysis.participants).toBe(1);
  });
});
