import { readFileSync, writeFileSync } from 'node:fs';
import { createLoadClient } from './load-client';

/**
 * Load generator of the exam benchmark, in its own process (so that the client's work does not run on the
 * server's event loop). Input: a JSON file with the server URLs, the students' session tokens and the phases;
 * output over the IPC channel: 'saved' after the autosave phase (every acknowledged save is written to a file
 * for the lost-answer check), then the report (latencies, errors, saturation). Plain node:http with a
 * keep-alive agent on loopback.
 */

type Student = { token: string; csrf: string };
type Input = {
  appUrl: string;
  bareUrl: string;
  examId: string;
  students: Student[];
  startSeconds: number;
  saveRate: number;
  saveSeconds: number;
  saturationSeconds: number;
  concurrency: number;
  savesOut: string;
};
type Attempt = {
  student: Student;
  schoolId: string;
  attemptId: string;
  questions: { id: string; type: string }[];
  seq: number;
};

const sessionHeaders = (s: Student) => ({ cookie: `smartedu_sid=${s.token}`, 'x-csrf-token': s.csrf });
const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Input;
const { request, close: closeClient } = createLoadClient();

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;
const summary = (lat: number[]) => {
  const s = [...lat].sort((a, b) => a - b);
  return { count: s.length, p50: pct(s, 0.5), p95: pct(s, 0.95), p99: pct(s, 0.99), max: s.at(-1) ?? 0 };
};

/** Open loop: `total` requests paced evenly over `seconds`; latency counted from the scheduled time. */
async function paced(total: number, seconds: number, fire: (i: number) => Promise<boolean>) {
  const lat: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const inflight = new Set<Promise<void>>();
  let issued = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000 / seconds) * total) + 1);
      while (issued < due) {
        const i = issued++;
        const scheduled = t0 + (i * seconds * 1000) / total;
        const p = fire(i).then((ok) => {
          lat.push(performance.now() - scheduled);
          if (!ok) errors++;
        });
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      if (issued >= total) return done();
      setTimeout(tick, 5);
    };
    tick();
  });
  await Promise.all(inflight);
  return { ...summary(lat), errors, wallSeconds: (performance.now() - t0) / 1000 };
}

/** Closed loop: `concurrency` workers repeating `fire` for `seconds`; completed requests per second. */
async function saturate(seconds: number, concurrency: number, fire: (w: number) => Promise<boolean>) {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const t = performance.now();
        const ok = await fire(w);
        lat.push(performance.now() - t);
        done++;
        if (!ok) errors++;
      }
    }),
  );
  return { perSecond: done / seconds, errors, ...summary(lat) };
}

const answerFor = (q: { type: string }, n: number) =>
  q.type === 'single' ? { optionId: 'ABCD'[n % 4] } : { text: String(n % 97) };

async function main() {
  const { students } = input;
  const attempts: (Attempt | null)[] = new Array(students.length).fill(null);
  const startErrors: string[] = [];

  // Phase 1: every student starts within startSeconds.
  const start = await paced(students.length, input.startSeconds, async (i) => {
    const res = await request(
      input.appUrl,
      'POST',
      `/api/exams/${input.examId}/attempts`,
      sessionHeaders(students[i]),
    );
    if (res.status !== 200) {
      if (startErrors.length < 5) startErrors.push(`${res.status} ${res.body.slice(0, 200)}`);
      return false;
    }
    const s = JSON.parse(res.body) as {
      attempt: { id: string; schoolId: string };
      questions: { id: string; type: string }[];
    };
    attempts[i] = {
      student: students[i],
      schoolId: s.attempt.schoolId,
      attemptId: s.attempt.id,
      questions: s.questions,
      seq: 0,
    };
    return true;
  });

  // Phase 2: autosave at saveRate answers per second in aggregate, each student in turn.
  const ready = attempts.map((a, i) => (a ? i : -1)).filter((i) => i >= 0);
  if (ready.length === 0) throw new Error(`no attempt started: ${startErrors.join('; ')}`);
  const acked = new Map<string, { seq: number; answer: unknown }>();
  const saveErrors: string[] = [];
  const totalSaves = Math.round(input.saveRate * input.saveSeconds);
  const save = await paced(totalSaves, input.saveSeconds, async (n) => {
    const i = ready[n % ready.length];
    const a = attempts[i]!;
    const q = a.questions[Math.floor(n / ready.length) % a.questions.length];
    const seq = ++a.seq;
    const answer = answerFor(q, n);
    const res = await request(
      input.appUrl,
      'POST',
      `/api/schools/${a.schoolId}/exam-attempts/${a.attemptId}/answers`,
      sessionHeaders(a.student),
      { answers: [{ questionId: q.id, answer, seq }] },
    );
    if (res.status !== 200) {
      if (saveErrors.length < 5) saveErrors.push(`${res.status} ${res.body.slice(0, 200)}`);
      return false;
    }
    const key = `${a.attemptId}|${q.id}`;
    const prev = acked.get(key);
    if (!prev || prev.seq < seq) acked.set(key, { seq, answer });
    return true;
  });
  writeFileSync(
    input.savesOut,
    JSON.stringify([...acked].map(([k, v]) => [k, v.seq, JSON.stringify(v.answer)])),
  );
  // The parent reads every answer back before the saturation runs write over them.
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send?.({ type: 'saved' });
  });

  // Phase 3: saturation, the real endpoint and then the bare Fastify + upsert of the same row.
  const fireSave = (base: string, path: (a: Attempt) => string) => async (w: number) => {
    const i = ready[Math.floor(Math.random() * ready.length)];
    const a = attempts[i]!;
    const q = a.questions[Math.floor(Math.random() * a.questions.length)];
    const seq = ++a.seq;
    const res = await request(base, 'POST', path(a), sessionHeaders(a.student), {
      answers: [{ questionId: q.id, answer: answerFor(q, seq + w), seq }],
    });
    return res.status === 200;
  };
  const real = await saturate(
    input.saturationSeconds,
    input.concurrency,
    fireSave(input.appUrl, (a) => `/api/schools/${a.schoolId}/exam-attempts/${a.attemptId}/answers`),
  );
  const bare = await saturate(
    input.saturationSeconds,
    input.concurrency,
    fireSave(input.bareUrl, (a) => `/bare/${a.schoolId}/${a.attemptId}/answers`),
  );
  closeClient();
  process.send?.({
    type: 'result',
    data: {
      start,
      startErrors,
      started: ready.length,
      save,
      saveErrors,
      acked: acked.size,
      real,
      bare,
    },
  });
}

main()
  .then(() => process.disconnect?.())
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
