import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemo, seedReference } from '@smartedu/db';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { seedQuestionBankDemoData } from '../apps/server/src/modules/question-bank';
import { createExam, createStudents, freshDatabase } from './exams.bench';
import { type Bench, type BenchResult, collectGarbage, type Latency, MB, type Metric } from './harness';

/**
 * Soak run (`npm run bench -- soak`; not part of the default run): the exam load held for BENCH_SOAK_SECONDS
 * (300 by default) through the real endpoints of the app listening on loopback: N students start, then
 * autosave at R answers per second in aggregate, open loop. Every BENCH_SOAK_WINDOW_SECONDS (30) the load
 * generator (a child process) reports the window's latencies; the server process then samples its memory:
 * RSS, and the live heap (heapUsed right after a full GC, what the server holds). The report gives the
 * windows and the growth between the first and the last window: no growth in memory or latency is the target.
 * Knobs: BENCH_SOAK_SECONDS, BENCH_SOAK_WINDOW_SECONDS, BENCH_SOAK_STUDENTS, BENCH_SOAK_RATE, BENCH_SOAK_POOL.
 */

const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const env = (name: string, pgDefault: number, pgliteDefault: number) =>
  Number(process.env[name] ?? (ON_POSTGRES ? pgDefault : pgliteDefault));
const SECONDS = env('BENCH_SOAK_SECONDS', 300, 300);
const WINDOW = env('BENCH_SOAK_WINDOW_SECONDS', 30, 30);
const STUDENTS = env('BENCH_SOAK_STUDENTS', 5000, 300);
const RATE = env('BENCH_SOAK_RATE', 300, 20);
const POOL = env('BENCH_SOAK_POOL', 10, 1);
/** Targets: live heap of the last window within 10% (or 10 MB) of the first; p95 within 1.5× of the first. */
const HEAP_GROWTH_LIMIT = 0.1;
const P95_GROWTH_LIMIT = 1.5;

type Window = { index: number; wallSeconds: number; errors: number; latency: Latency };
type Row = Window & { rssMb: number; heapMb: number; liveHeapMb: number; peakRssMb: number };

export const soakBench: Bench = {
  name: 'soak',
  description: `Soak: exam autosave held for ${SECONDS} s at ${RATE} answers/s from ${STUDENTS} students (${ON_POSTGRES ? 'PostgreSQL' : 'PGlite, scaled down'}), memory and latency per ${WINDOW}-s window`,
  async run(): Promise<BenchResult> {
    const work = mkdtempSync(path.join(tmpdir(), 'smartedu-soak-'));
    const { database, drop } = await freshDatabase(POOL);
    try {
      await database.migrate();
      await seedReference(database.db);
      await seedDemo(database.db, { hashPassword: async () => 'bench-no-login' });
      await seedQuestionBankDemoData(database);
      const { schoolId, students } = await createStudents(database, STUDENTS);
      const { examId } = await createExam(database, schoolId);
      const config = {
        ...loadConfig({ SMARTEDU_DATA_DIR: work, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
        webDist: path.join(work, 'no-web'),
      };
      const app = await buildApp({ config, database });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const inputFile = path.join(work, 'input.json');
      writeFileSync(
        inputFile,
        JSON.stringify({
          appUrl,
          examId,
          students,
          startSeconds: Math.min(30, Math.max(1, STUDENTS / 100)),
          rate: RATE,
          seconds: SECONDS,
          windowSeconds: WINDOW,
        }),
      );
      let peakRss = 0;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 100);
      const rows: Row[] = [];
      const done = await new Promise<{
        started: number;
        startSeconds: number;
        startErrors: string[];
        saveErrors: string[];
      }>((resolve, reject) => {
        const child = fork(path.join(import.meta.dirname, 'soak.load.ts'), [inputFile], {
          execArgv: process.execArgv,
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        child.on('message', (m: { type: string; data: never }) => {
          if (m.type === 'window') {
            const w = m.data as Window;
            const heapMb = process.memoryUsage().heapUsed / MB;
            collectGarbage();
            const mem = process.memoryUsage();
            rows.push({
              ...w,
              rssMb: mem.rss / MB,
              heapMb,
              liveHeapMb: mem.heapUsed / MB,
              peakRssMb: peakRss / MB,
            });
            peakRss = 0;
            console.log(
              `  window ${w.index + 1}: ${w.latency.count} saves, p95 ${w.latency.p95.toFixed(1)} ms, live heap ${(mem.heapUsed / MB).toFixed(1)} MB, RSS ${(mem.rss / MB).toFixed(0)} MB`,
            );
            child.send({ type: 'continue' });
          } else if (m.type === 'done') resolve(m.data);
        });
        child.on('error', reject);
        child.on('exit', (code) => {
          if (code) reject(new Error(`soak load generator exited with ${code}`));
        });
      });
      clearInterval(sampler);
      await app.close();

      const first = rows[0];
      const last = rows.at(-1)!;
      const heapGrowth = last.liveHeapMb - first.liveHeapMb;
      const heapLimit = Math.max(10, first.liveHeapMb * HEAP_GROWTH_LIMIT);
      const p95Ratio = first.latency.p95 > 0 ? last.latency.p95 / first.latency.p95 : 1;
      const p99Ratio = first.latency.p99 > 0 ? last.latency.p99 / first.latency.p99 : 1;
      const errors = rows.reduce((a, r) => a + r.errors, 0);
      const saves = rows.reduce((a, r) => a + r.latency.count, 0);
      const all = rows.map((r) => r.latency);
      const metrics: Metric[] = [
        { label: 'duration', value: rows.reduce((a, r) => a + r.wallSeconds, 0), unit: 's' },
        { label: 'windows', value: rows.length, unit: `of ${WINDOW} s` },
        {
          label: 'students started',
          value: done.started,
          unit: `of ${STUDENTS}`,
          ok: done.started === STUDENTS,
        },
        { label: 'saves', value: saves, unit: '' },
        { label: 'save errors', value: errors, unit: '', target: '0', ok: errors === 0 },
        { label: 'live heap, first window', value: first.liveHeapMb, unit: 'MB' },
        { label: 'live heap, last window', value: last.liveHeapMb, unit: 'MB' },
        {
          label: 'live heap growth first → last',
          value: heapGrowth,
          unit: 'MB',
          target: `≤ ${heapLimit.toFixed(1)}`,
          ok: heapGrowth <= heapLimit,
        },
        { label: 'RSS growth first → last', value: last.rssMb - first.rssMb, unit: 'MB' },
        { label: 'peak RSS', value: Math.max(...rows.map((r) => r.peakRssMb)), unit: 'MB' },
        { label: 'p95 first window', value: first.latency.p95, unit: 'ms' },
        { label: 'p95 last window', value: last.latency.p95, unit: 'ms' },
        {
          label: 'p95 growth last / first',
          value: p95Ratio,
          unit: '×',
          target: `≤ ${P95_GROWTH_LIMIT}`,
          ok: p95Ratio <= P95_GROWTH_LIMIT,
        },
        { label: 'p99 growth last / first', value: p99Ratio, unit: '×' },
        { label: 'p99, worst window', value: Math.max(...all.map((l) => l.p99)), unit: 'ms' },
      ];
      const f = (v: number) => Number(v.toFixed(1));
      return {
        name: 'soak',
        description: soakBench.description,
        metrics,
        latencies: [all[0], all.at(-1)!].map((l, i) => ({ ...l, label: i ? 'last window' : 'first window' })),
        tables: [
          {
            title: 'Windows',
            columns: [
              'window',
              'saves',
              'errors',
              'p50 ms',
              'p95 ms',
              'p99 ms',
              'max ms',
              'live heap MB',
              'heapUsed MB',
              'RSS MB',
              'peak RSS MB',
            ],
            rows: rows.map((r) => [
              r.index + 1,
              r.latency.count,
              r.errors,
              f(r.latency.p50),
              f(r.latency.p95),
              f(r.latency.p99),
              f(r.latency.max),
              f(r.liveHeapMb),
              f(r.heapMb),
              f(r.rssMb),
              f(r.peakRssMb),
            ]),
          },
        ],
        notes: [
          `${ON_POSTGRES ? 'PostgreSQL' : 'PGlite in memory (in the server process: its memory is in the RSS)'}; app pool ${POOL}; ${STUDENTS} students started in ${done.startSeconds.toFixed(1)} s`,
          'memory is the server process (app and, on PGlite, the database); the load generator runs in a child process',
          'live heap = heapUsed right after a full GC at the end of each window; growth compares the last window with the first',
          ...done.startErrors.map((e) => `start error: ${e}`),
          ...done.saveErrors.map((e) => `save error: ${e}`),
        ],
      };
    } finally {
      await database.close();
      await drop();
      rmSync(work, { recursive: true, force: true });
    }
  },
};
