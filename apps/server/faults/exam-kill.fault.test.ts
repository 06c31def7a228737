import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExamSchool, withDatabase } from './support/fixtures';
import {
  type Backend,
  call,
  freshBackend,
  ON_POSTGRES,
  type Server,
  type Session,
  sleep,
  startServer,
} from './support/server';

/**
 * kill -9 during an exam. N simulated students (FAULTS_STUDENTS, 200 by default) start their attempt and
 * autosave through the real endpoints, each answer with a per-question seq; a failed save (server gone,
 * connection reset, 5xx) is retried with the same body. When a third of the saves are acknowledged the server
 * is killed with SIGKILL and started again. Before the clients may retry, every answer the server acknowledged
 * is read back through the resume endpoint: an acknowledged answer missing or older than acknowledged is a lost
 * answer. Then the retries complete the rest and the final state must hold every student's last answer to
 * every question they touched.
 */

const STUDENTS = Number(process.env.FAULTS_STUDENTS ?? 200);
const SAVES_PER_STUDENT = Number(process.env.FAULTS_SAVES ?? 16);

type Saved = { questionId: string; seq: number; answer: unknown };
type Student = {
  session: Session;
  schoolId: string;
  attemptId: string;
  questions: { id: string; type: string }[];
  acked: Map<string, Saved>;
  last: Map<string, Saved>;
};

const answerFor = (type: string, n: number) =>
  type === 'single' ? { optionId: 'ABCD'[n % 4] } : { text: `câu trả lời ${n}` };

let backend: Backend;
let server: Server | null = null;

beforeAll(async () => {
  backend = await freshBackend();
});
afterAll(async () => {
  await server?.stop();
  await backend.dispose();
});

describe(`kill -9 during an exam (${ON_POSTGRES ? 'PostgreSQL' : 'PGlite'})`, () => {
  it(`keeps every acknowledged answer of ${STUDENTS} students and the retries complete the rest`, async () => {
    // First start seeds the demo (and its question bank); then the exam school is added with the server down.
    server = await startServer(backend);
    await server.stop();
    const fx = await withDatabase(backend, (db) => createExamSchool(db, STUDENTS));
    server = await startServer(backend);
    let base = server.baseUrl;

    // Every request waits at the gate while it is closed (server down, or answers being checked).
    let gate: Promise<void> = Promise.resolve();
    let openGate = () => {};
    const closeGate = () => {
      gate = new Promise((r) => {
        openGate = r;
      });
    };

    const students: Student[] = [];
    for (let i = 0; i < fx.sessions.length; i += 50) {
      const batch = await Promise.all(
        fx.sessions.slice(i, i + 50).map(async (session) => {
          const res = await call(base, 'POST', `/api/exams/${fx.examId}/attempts`, { session, json: {} });
          expect(res.status, res.text).toBe(200);
          const s = res.body as {
            attempt: { id: string; schoolId: string };
            questions: { id: string; type: string }[];
          };
          return {
            session,
            schoolId: s.attempt.schoolId,
            attemptId: s.attempt.id,
            questions: s.questions,
            acked: new Map(),
            last: new Map(),
          } satisfies Student;
        }),
      );
      students.push(...batch);
    }
    expect(students.every((s) => s.questions.length > 0)).toBe(true);

    const planned = STUDENTS * SAVES_PER_STUDENT;
    let ackedCount = 0;
    let retries = 0;
    const unexpected: string[] = [];
    let killed: Promise<void> | null = null;

    const killAndRestart = async () => {
      closeGate();
      await server!.kill9();
      server = await startServer(backend);
      base = server.baseUrl;
    };

    const runStudent = async (st: Student, n: number) => {
      const seqs = new Map<string, number>();
      for (let k = 0; k < SAVES_PER_STUDENT; k++) {
        const q = st.questions[k % st.questions.length];
        const seq = (seqs.get(q.id) ?? 0) + 1;
        seqs.set(q.id, seq);
        const item: Saved = { questionId: q.id, seq, answer: answerFor(q.type, n * 1000 + k) };
        st.last.set(q.id, item);
        for (let attempt = 0; ; attempt++) {
          await gate;
          const res = await call(
            base,
            'POST',
            `/api/schools/${st.schoolId}/exam-attempts/${st.attemptId}/answers`,
            {
              session: st.session,
              json: { answers: [item] },
              timeoutMs: 30_000,
            },
          );
          if (res.status === 200) {
            st.acked.set(q.id, item);
            ackedCount++;
            if (!killed && ackedCount >= planned / 3) killed = killAndRestart();
            break;
          }
          if (res.status !== 0 && res.status < 500) {
            unexpected.push(`${res.status} ${res.text.slice(0, 200)}`);
            break;
          }
          retries++;
          await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)));
        }
        await sleep(Math.random() * 20); // the student thinks
      }
    };

    const clients = Promise.all(students.map((st, n) => runStudent(st, n)));
    // Wait for the kill and restart, then check what was acknowledged before letting anyone retry.
    while (!killed) await sleep(50);
    await killed;
    const ackedAtKill = ackedCount;
    const resume = async (st: Student) => {
      const res = await call(base, 'POST', `/api/exams/${fx.examId}/attempts`, {
        session: st.session,
        json: {},
      });
      expect(res.status, res.text).toBe(200);
      return new Map((res.body as { answers: Saved[] }).answers.map((a) => [a.questionId, a]));
    };
    let lost = 0;
    let checked = 0;
    for (let i = 0; i < students.length; i += 25) {
      await Promise.all(
        students.slice(i, i + 25).map(async (st) => {
          const stored = await resume(st);
          for (const a of st.acked.values()) {
            checked++;
            const row = stored.get(a.questionId);
            if (!row || row.seq < a.seq) lost++;
            else if (row.seq === a.seq) expect(row.answer).toEqual(a.answer);
          }
        }),
      );
    }
    console.log(
      `exam kill -9: ${ackedAtKill} of ${planned} saves acknowledged when killed; ${checked} acknowledged answers read back after restart, ${lost} lost`,
    );
    expect(checked).toBeGreaterThan(0);
    expect(lost).toBe(0);

    openGate();
    await clients;
    expect(unexpected).toEqual([]);
    expect(ackedCount).toBe(planned);
    console.log(`exam kill -9: ${retries} retried saves completed after the restart`);

    // Final state: every student's last answer to every question touched, nothing more, nothing less.
    let stored = 0;
    let expected = 0;
    for (let i = 0; i < students.length; i += 25) {
      await Promise.all(
        students.slice(i, i + 25).map(async (st) => {
          const rows = await resume(st);
          stored += rows.size;
          expected += st.last.size;
          for (const a of st.last.values()) {
            const row = rows.get(a.questionId);
            expect(row?.seq).toBe(a.seq);
            expect(row?.answer).toEqual(a.answer);
          }
        }),
      );
    }
    expect(stored).toBe(expected);
    expect(expected).toBe(STUDENTS * Math.min(SAVES_PER_STUDENT, students[0].questions.length));
  });
});
