import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/harness';
import { buildTest, windowAt } from './exams.test-fixtures';

/**
 * A student's session never expires during a live attempt, even when sessions are short (here one minute):
 * starting (or resuming) extends it to the deadline plus 30 minutes, and identity's sliding refresh never
 * shortens that.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { sessionTtlMs: 60_000 } });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const expiryOf = async (username: string) =>
  (
    await t.database.execute<{ expires_at: string }>(
      `select s.expires_at from sessions s join users u on u.id = s.user_id where u.username = $1
        order by s.expires_at desc limit 1`,
      [username],
    )
  )[0].expires_at;

describe('session during an exam', () => {
  it('outlives a 40-minute attempt with one-minute sessions', async () => {
    const teacher = await login(t.app, 'giaovien.qt');
    const student = await login(t.app, 'hocsinh.qt');
    const qt = student.me.homeUnitId!;
    const klass = (await student.get('/api/students')).json().items[0].currentClassId;
    const test = await buildTest(teacher, qt, { objective: 2, extras: false });
    const exam = (
      await teacher.post('/api/exams', {
        testId: test.testId,
        title: 'Kỳ thi 40 phút',
        ownerUnitId: qt,
        durationMinutes: 40,
        audience: { classIds: [klass] },
        ...windowAt('open'),
      })
    ).json();
    const s = (await student.post(`/api/exams/${exam.id}/attempts`)).json();
    const deadline = Date.parse(s.attempt.deadline);
    expect(Date.parse(await expiryOf('hocsinh.qt'))).toBeGreaterThanOrEqual(deadline + 29 * 60_000);
    // Ten minutes later (as far as the session knows): the sliding refresh runs and keeps the extension.
    await t.database.execute(`update sessions set last_seen_at = now() - interval '10 minutes'`);
    // The student's next request with the session (a resume, e.g. after a reload) goes through the refresh.
    const resume = await student.post(`/api/exams/${exam.id}/attempts`);
    expect(resume.statusCode, resume.body).toBe(200);
    expect(Date.parse(await expiryOf('hocsinh.qt'))).toBeGreaterThanOrEqual(deadline + 29 * 60_000);
    // Autosave checks the session in its own statement (no sliding refresh there): it relies on the extension,
    // and goes through on it.
    const q = s.questions[0];
    const saved = await student.post(
      `/api/schools/${s.attempt.schoolId}/exam-attempts/${s.attempt.id}/answers`,
      {
        answers: [
          { questionId: q.id, answer: q.type === 'single' ? { optionId: 'A' } : { text: '1' }, seq: 1 },
        ],
      },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    // A user without an attempt keeps the ordinary one-minute sliding expiry.
    expect(Date.parse(await expiryOf('giaovien.qt'))).toBeLessThan(Date.now() + 2 * 60_000);
  });
});
