import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { buildTest, saver, windowAt } from './exams.test-fixtures';

/**
 * Access to the attempt-level routes (the access matrix covers the exam-level ones): who may start, save, log
 * events and submit (the student of the attempt only), who may read an attempt (graders of the class any time;
 * the student and their parents after release) and who may grade it. Refused writes change nothing. Autosave
 * and focus events check the session inside the statement that stores them (route config sessionInStatement):
 * here every other user, a missing or wrong CSRF token, no session, a logged-out, expired or disabled session.
 */

let t: TestApp;
const c: Record<string, Client> = {};
let qt: string;
let tp: string;
/** 'own': hocsinh.qt in 6A1 (giaovien.qt's class); 'school': a 7A2 student of Quyết Tiến; 'other': a Tân Phong student. */
const attempt: Record<
  'own' | 'school' | 'other',
  {
    url: string;
    questionId: string;
    essayId: string;
    session: { attempt: { id: string; schoolId: string } };
  }
> = {} as never;
const exam: Record<'own' | 'school' | 'other', string> = {} as never;

const checksum = async () =>
  (
    await t.database.execute<{ h: string }>(
      `select md5(coalesce((select string_agg(x::text, '|' order by x::text) from exam_answers x), '') ||
                  coalesce((select string_agg(a::text, '|' order by a::text) from exam_attempts a), '') ||
                  coalesce((select string_agg(e::text, '|' order by e::text) from exam_focus_events e), '') ||
                  (select count(*) from audit_log)::text) as h`,
    )
  )[0].h;

async function studentAccount(admin: Client, schoolId: string, className: string, username: string) {
  const klass = (await admin.get(`/api/classes?schoolId=${schoolId}&pageSize=100`))
    .json()
    .items.find((k: { name: string }) => k.name === className);
  const s = (await admin.get(`/api/students?classId=${klass.id}&pageSize=5`)).json().items[1];
  const res = await admin.post('/api/users', {
    username,
    fullName: s.fullName,
    password: 'HocSinh@2025',
    role: 'student',
    unitId: schoolId,
    studentId: s.id,
  });
  expect(res.statusCode).toBe(201);
  return { client: await login(t.app, username, 'HocSinh@2025'), classId: klass.id as string };
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'admin.so',
    'chuyenvien.phong',
    'hieutruong.qt',
    'hieutruong.th1',
    'giaovien.qt',
    'thuvien.qt',
    'phuhuynh.qt',
    'hocsinh.qt',
    'phuhuynh.tp',
  ])
    c[u] = await login(t.app, u);
  const admin = c['admin.so'];
  const units = (await admin.get('/api/units?kind=school&pageSize=100')).json().items as {
    id: string;
    code: string;
  }[];
  qt = units.find((u) => u.code === 'LCU-TP-QT')!.id;
  tp = units.find((u) => u.code === 'LCU-TP-TP')!.id;
  const own = (await c['hocsinh.qt'].get('/api/students')).json().items[0];
  const school = await studentAccount(admin, qt, '7A2', 'hocsinh.qt72');
  const other = await studentAccount(admin, tp, '7A1', 'hocsinh.tp71');
  c['hocsinh.qt72'] = school.client;
  c['hocsinh.tp71'] = other.client;
  const qtTest = await buildTest(c['hieutruong.qt'], qt, { objective: 2 });
  const tpTest = await buildTest(admin, tp, { objective: 2 });
  const plan = [
    ['own', qtTest.testId, qt, own.currentClassId, 'hocsinh.qt'],
    ['school', qtTest.testId, qt, school.classId, 'hocsinh.qt72'],
    ['other', tpTest.testId, tp, other.classId, 'hocsinh.tp71'],
  ] as const;
  for (const [w, testId, schoolId, classId, student] of plan) {
    const res = await admin.post('/api/exams', {
      testId,
      title: `Kỳ thi ${w}`,
      ownerUnitId: schoolId,
      durationMinutes: 30,
      audience: { classIds: [classId] },
      ...windowAt('open'),
    });
    expect(res.statusCode).toBe(201);
    exam[w] = res.json().id;
    const s = (await c[student].post(`/api/exams/${exam[w]}/attempts`)).json();
    attempt[w] = {
      url: `/api/schools/${s.attempt.schoolId}/exam-attempts/${s.attempt.id}`,
      questionId: s.questions[0].id,
      essayId: s.questions.find((q: { type: string }) => q.type === 'essay').id,
      session: s,
    };
    const saved = await saver(c[student], s).answers({
      answers: [{ questionId: s.questions[0].id, answer: { optionId: 'A' }, seq: 1 }],
    });
    expect(saved.statusCode).toBe(200);
  }
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('taking: only the student of the attempt, only students of the audience', () => {
  it('start: students of the audience; nobody else', async () => {
    expect((await c['hocsinh.qt'].post(`/api/exams/${exam.own}/attempts`)).statusCode).toBe(200);
    const notInAudience = await c['hocsinh.qt72'].post(`/api/exams/${exam.own}/attempts`);
    expect(notInAudience.statusCode).toBe(403);
    expect((await c['hocsinh.tp71'].post(`/api/exams/${exam.own}/attempts`)).statusCode).toBe(403);
    for (const u of [
      'admin.so',
      'chuyenvien.phong',
      'hieutruong.qt',
      'giaovien.qt',
      'thuvien.qt',
      'phuhuynh.qt',
    ])
      expect((await c[u].post(`/api/exams/${exam.own}/attempts`)).statusCode, u).toBe(403);
  });

  it("answers and events: only the live session of the attempt's student, with its CSRF token; submit: only its student", async () => {
    const before = await checksum();
    const places = ['own', 'school', 'other'] as const;
    const owners = { own: 'hocsinh.qt', school: 'hocsinh.qt72', other: 'hocsinh.tp71' } as const;
    for (const w of places) {
      const a = attempt[w];
      const body = { answers: [{ questionId: a.questionId, answer: { optionId: 'B' }, seq: 9 }] };
      const events = { events: [{ kind: 'blur', at: new Date().toISOString() }] };
      for (const u of Object.keys(c)) {
        if (u === owners[w]) continue;
        // Every other signed-in user (other students, staff, parents, the department): refused.
        const as = saver(c[u], a.session);
        expect((await as.answers(body)).statusCode, `${u} answers ${w}`).toBe(403);
        expect((await as.events(events)).statusCode, `${u} events ${w}`).toBe(403);
        expect((await c[u].post(`${a.url}/submit`)).statusCode, `${u} submit ${w}`).toBe(403);
      }
      // The owner's session without its CSRF token, or with another session's.
      const path = `/api/schools/${a.session.attempt.schoolId}/exam-attempts/${a.session.attempt.id}`;
      const owner = c[owners[w]];
      for (const csrf of ['', c['hocsinh.qt72'].me.csrfToken!, 'z'.repeat(43)]) {
        if (csrf === owner.me.csrfToken) continue;
        const res = await owner.request('POST', `${path}/answers`, body, { 'x-csrf-token': csrf });
        expect(res.statusCode, `csrf ${csrf.slice(0, 4)} on ${w}`).toBe(403);
        expect(res.json().code).toBe('CSRF_FAILED');
      }
      // No session at all; a Bearer API token is not a session either.
      for (const headers of [{}, { authorization: 'Bearer se_not-a-token' }]) {
        const res = await t.app.inject({ method: 'POST', url: `${path}/answers`, payload: body, headers });
        expect(res.statusCode).toBe(401);
      }
    }
    expect(await checksum()).toBe(before);
  });

  it('a session that ended (logout, expiry, disabled account) saves nothing, at once', async () => {
    const admin = c['admin.so'];
    const a = attempt.school;
    const body = (seq: number) => ({
      answers: [{ questionId: a.questionId, answer: { optionId: 'C' }, seq }],
    });
    const fresh = () => login(t.app, 'hocsinh.qt72', 'HocSinh@2025');
    // Another device of the same student (a new session) saves into the same attempt.
    const second = await fresh();
    expect((await saver(second, a.session).answers(body(20))).statusCode).toBe(200);
    // Sessions that end: logged out, expired, an account marked disabled with its session still in the table
    // (the session rule checks the user too). Signing in and out writes audit entries: checksum after that.
    const out = await fresh();
    const expired = await fresh();
    const flagged = await fresh();
    expect((await out.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    await t.database.execute(
      `update sessions set expires_at = now() - interval '1 second' where csrf_token = $1`,
      [expired.me.csrfToken],
    );
    const before = await checksum();
    const afterLogout = await saver(out, a.session).answers(body(21));
    expect(afterLogout.statusCode).toBe(401);
    expect(afterLogout.json().code).toBe('UNAUTHENTICATED');
    expect((await saver(expired, a.session).answers(body(22))).statusCode).toBe(401);
    await t.database.execute('update users set disabled = true where id = $1', [flagged.me.id]);
    expect((await saver(flagged, a.session).answers(body(23))).statusCode).toBe(401);
    await t.database.execute('update users set disabled = false where id = $1', [flagged.me.id]);
    expect(await checksum()).toBe(before);
    // …and disabled by the school through the API (every session of the account ends).
    const res = await admin.post(`/api/users/${second.me.id}/disabled`, { disabled: true });
    expect(res.statusCode).toBe(200);
    const mid = await checksum();
    expect((await saver(second, a.session).answers(body(24))).statusCode).toBe(401);
    expect(await checksum()).toBe(mid);
    expect((await admin.post(`/api/users/${second.me.id}/disabled`, { disabled: false })).statusCode).toBe(
      200,
    );
    c['hocsinh.qt72'] = await fresh();
  });
});

describe('reading and grading an attempt', () => {
  beforeAll(async () => {
    for (const [w, u] of [
      ['own', 'hocsinh.qt'],
      ['school', 'hocsinh.qt72'],
      ['other', 'hocsinh.tp71'],
    ] as const)
      expect((await c[u].post(`${attempt[w].url}/submit`)).statusCode).toBe(200);
  });

  const graders = (u: string, w: 'own' | 'school' | 'other') =>
    u === 'admin.so' ||
    u === 'chuyenvien.phong' ||
    (u === 'hieutruong.qt' && w !== 'other') ||
    (u === 'giaovien.qt' && w === 'own');

  it('read: graders of the class before release; the student and parents not before release', async () => {
    for (const w of ['own', 'school', 'other'] as const)
      for (const u of Object.keys(c)) {
        const res = await c[u].get(attempt[w].url);
        const family =
          (w === 'own' && (u === 'hocsinh.qt' || u === 'phuhuynh.qt')) ||
          (w === 'school' && u === 'hocsinh.qt72') ||
          (w === 'other' && u === 'hocsinh.tp71');
        const expected = graders(u, w) ? 200 : family ? 403 : 404;
        expect(res.statusCode, `${u} reads ${w}`).toBe(expected);
      }
  });

  it('grade: graders of the class only; refused grades change nothing and leave no audit', async () => {
    for (const w of ['own', 'school', 'other'] as const)
      for (const u of Object.keys(c)) {
        const before = await checksum();
        const res = await c[u].post(`${attempt[w].url}/grades`, {
          questionId: attempt[w].essayId,
          criteria: [1, 1],
        });
        if (graders(u, w)) expect(res.statusCode, `${u} grades ${w}`).toBe(200);
        else {
          expect([403, 404], `${u} grades ${w}: ${res.statusCode}`).toContain(res.statusCode);
          expect(await checksum()).toBe(before);
        }
      }
  });

  it('after release the student and the parent read the attempt and the results', async () => {
    await t.database.execute(`update exams set closes_at = now() - interval '1 second' where id = $1`, [
      exam.own,
    ]);
    expect(
      (await c['giaovien.qt'].post(`/api/exams/${exam.own}/release`, { released: true })).statusCode,
    ).toBe(200);
    expect((await c['hocsinh.qt'].get(attempt.own.url)).statusCode).toBe(200);
    expect((await c['phuhuynh.qt'].get(attempt.own.url)).statusCode).toBe(200);
    expect((await c['phuhuynh.tp'].get(attempt.own.url)).statusCode).toBe(404);
    const student = c['hocsinh.qt'].me.studentId;
    const list = (await c['phuhuynh.qt'].get(`/api/schools/${qt}/students/${student}/exam-results`)).json();
    expect(list.map((r: { examId: string }) => r.examId)).toContain(exam.own);
  });
});
