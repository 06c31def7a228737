import { readFileSync } from 'node:fs';
import { latencyOf } from './harness';
import { createLoadClient } from './load-client';

/**
 * Load generator of the soak run (bench/soak.bench.ts), in its own process. Every student starts the exam
 * (paced over startSeconds), then the students autosave at `rate` answers per second in aggregate, open loop
 * (latency counted from the scheduled send time), for `seconds`. At the end of every window of
 * `windowSeconds` it sends the window's latencies and errors over IPC and waits for the parent to sample the
 * server's memory before going on (the sampling's full GC is then outside the measured requests only by a
 * few milliseconds; it does not pause the schedule).
 */

type Input = {
  appUrl: string;
  examId: string;
  students: { token: string; csrf: string }[];
  startSeconds: number;
  rate: number;
  seconds: number;
  windowSeconds: number;
};
type Attempt = {
  schoolId: string;
  attemptId: string;
  student: { token: string; csrf: string };
  questions: { id: string; type: string }[];
  seq: number;
};

const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Input;
const { request, close } = createLoadClient();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const attempts: Attempt[] = [];
  const startErrors: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    input.students.map(async (s, i) => {
      await sleep((i * input.startSeconds * 1000) / input.students.length);
      const res = await request(input.appUrl, 'POST', `/api/exams/${input.examId}/attempts`, {
        cookie: `smartedu_sid=${s.token}`,
        'x-csrf-token': s.csrf,
      });
      if (res.status !== 200) {
        if (startErrors.length < 5) startErrors.push(`${res.status} ${res.body.slice(0, 200)}`);
        return;
      }
      const b = JSON.parse(res.body);
      attempts.push({
        schoolId: b.attempt.schoolId,
        attemptId: b.attempt.id,
        student: s,
        questions: b.questions,
        seq: 0,
      });
    }),
  );
  const startSeconds = (performance.now() - t0) / 1000;
  if (attempts.length === 0) throw new Error(`no attempt started: ${startErrors.join('; ')}`);

  const windows = Math.max(1, Math.round(input.seconds / input.windowSeconds));
  const perWindow = Math.round(input.rate * input.windowSeconds);
  const saveErrors: string[] = [];
  let n = 0;
  for (let w = 0; w < windows; w++) {
    const lat: number[] = [];
    let errors = 0;
    const w0 = performance.now();
    const inflight: Promise<void>[] = [];
    for (let k = 0; k < perWindow; k++) {
      const scheduled = w0 + (k * input.windowSeconds * 1000) / perWindow;
      const wait = scheduled - performance.now();
      if (wait > 1) await sleep(wait);
      const a = attempts[n % attempts.length];
      const q = a.questions[Math.floor(n / attempts.length) % a.questions.length];
      const seq = ++a.seq;
      const answer = q.type === 'single' ? { optionId: 'ABCD'[n % 4] } : { text: String(n % 97) };
      n++;
      inflight.push(
        request(
          input.appUrl,
          'POST',
          `/api/schools/${a.schoolId}/exam-attempts/${a.attemptId}/answers`,
          { cookie: `smartedu_sid=${a.student.token}`, 'x-csrf-token': a.student.csrf },
          { answers: [{ questionId: q.id, answer, seq }] },
        ).then((res) => {
          lat.push(performance.now() - scheduled);
          if (res.status !== 200) {
            errors++;
            if (saveErrors.length < 5) saveErrors.push(`${res.status} ${res.body.slice(0, 200)}`);
          }
        }),
      );
    }
    await Promise.all(inflight);
    const wall = (performance.now() - w0) / 1000;
    await new Promise<void>((resolve) => {
      process.once('message', () => resolve());
      process.send?.({
        type: 'window',
        data: { index: w, wallSeconds: wall, errors, latency: latencyOf(`window ${w + 1}`, lat) },
      });
    });
  }
  close();
  process.send?.({ type: 'done', data: { started: attempts.length, startSeconds, startErrors, saveErrors } });
}

main()
  .then(() => process.disconnect?.())
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
