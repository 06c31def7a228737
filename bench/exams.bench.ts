import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Database, openDatabase, seedDemo, seedReference } from '@smartedu/db';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { seedQuestionBankDemoData } from '../apps/server/src/modules/question-bank';
import type { Bench, BenchResult, Metric } from './harness';

/**
 * Exam load benchmark, through the real endpoints (session authentication, CSRF, Zod validation, the window
 * and ownership checks) of the app listening on loopback:
 * 1. N distinct students (20,000 on PostgreSQL) start their attempt of one exam within 60 s (paced, open loop);
 * 2. they autosave at an aggregate R answers per second (700 by default: each student about every 28.6 s) for
 *    S seconds (120 by default), open loop: latency counts from the scheduled send time;
 * 3. every acknowledged answer is read back from the database: an answer is lost when the stored row is
 *    missing or older than the last acknowledged save;
 * 4. saturation: C concurrent clients (closed loop) on the real save endpoint, then on a bare Fastify route
 *    doing the same upsert of the same row with a pool of the same size, in the same run; the ratio is reported.
 * The students, their accounts and their sessions are bulk-inserted (session tokens hashed as identity does).
 * The load generator runs in a child process. On PGlite (no DATABASE_URL) a scaled-down variant runs and is
 * labelled so. Knobs: EXAM_BENCH_STUDENTS, EXAM_BENCH_SECONDS, EXAM_BENCH_RATE, EXAM_BENCH_START_SECONDS,
 * EXAM_BENCH_SATURATION_SECONDS, EXAM_BENCH_CONCURRENCY, EXAM_BENCH_POOL, EXAM_BENCH_KEEP_DB.
 */

const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const env = (name: string, pgDefault: number, pgliteDefault: number) =>
  Number(process.env[name] ?? (ON_POSTGRES ? pgDefault : pgliteDefault));
const STUDENTS = env('EXAM_BENCH_STUDENTS', 20_000, 300);
const SAVE_SECONDS = env('EXAM_BENCH_SECONDS', 120, 20);
const SAVE_RATE = env('EXAM_BENCH_RATE', 700, 20);
const START_SECONDS = env('EXAM_BENCH_START_SECONDS', 60, 20);
const SATURATION_SECONDS = env('EXAM_BENCH_SATURATION_SECONDS', 15, 5);
const CONCURRENCY = env('EXAM_BENCH_CONCURRENCY', 32, 8);
const POOL = env('EXAM_BENCH_POOL', 20, 1);
const CLASS_SIZE = 40;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const uuidOf = (prefix: string, n: number) =>
  `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, '0')}`;

export async function freshDatabase(pool = POOL): Promise<{
  database: Database;
  url: string | null;
  drop: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'pglite' });
    return { database, url: null, drop: async () => {} };
  }
  const name = `smartedu_exambench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: pool });
  return {
    database,
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A school of N students in classes of 40, a student account and a live session for each. */
export async function createStudents(database: Database, count: number) {
  const [phong] = await database.execute<{ id: string; path: string }>(
    "select id, path from units where kind = 'district_department' order by code limit 1",
  );
  const [year] = await database.execute<{ id: string }>('select id from school_years where is_current');
  const schoolId = uuidOf('b000', 1);
  await database.execute(
    `insert into units (id, parent_id, kind, code, name, path, school_level, ownership)
     values ($1, $2, 'school', 'BENCH-EXAM', 'Trường THCS Đo Tải Thi', $3, 'THCS', 'public')`,
    [schoolId, phong.id, `${phong.path}${schoolId}/`],
  );
  const classes = Math.ceil(count / CLASS_SIZE);
  await database.execute(
    `insert into classes (school_id, id, school_year_id, grade, name)
     select $1, ('00000000-0000-4000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, $2, 6, 'T' || lpad(n::text, 4, '0')
     from generate_series(0, $3 - 1) n`,
    [schoolId, year.id, classes],
  );
  await database.execute(
    `insert into students (school_id, id, sector_id, full_name, birth_date, gender, ethnicity_code, current_class_id)
     select $1, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'EX' || lpad(g::text, 8, '0'),
            'Học sinh ' || g, '2013-01-01', case when g % 2 = 0 then 'M' else 'F' end, '01',
            ('00000000-0000-4000-9000-' || lpad(to_hex(g / ${CLASS_SIZE}), 12, '0'))::uuid
     from generate_series(0, $2 - 1) g`,
    [schoolId, count],
  );
  await database.execute(
    `insert into users (id, username, password_hash, full_name, home_unit_id, student_id)
     select ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, 'bench.hs' || g, 'bench-no-login',
            'Học sinh ' || g, $1, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid
     from generate_series(0, $2 - 1) g`,
    [schoolId, count],
  );
  await database.execute(
    `insert into role_assignments (user_id, role, unit_id)
     select ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, 'student', $1
     from generate_series(0, $2 - 1) g`,
    [schoolId, count],
  );
  const students: { token: string; csrf: string }[] = [];
  for (let i = 0; i < count; i += 5000) {
    const ids: string[] = [];
    const users: string[] = [];
    const csrfs: string[] = [];
    for (let g = i; g < Math.min(count, i + 5000); g++) {
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      students.push({ token, csrf });
      ids.push(sha256(token));
      users.push(uuidOf('a000', g));
      csrfs.push(csrf);
    }
    await database.execute(
      `insert into sessions (id, user_id, csrf_token, expires_at)
       select s.id, s.user_id, s.csrf, now() + interval '12 hours'
       from unnest($1::text[], $2::uuid[], $3::text[]) as s(id, user_id, csrf)`,
      [ids, users, csrfs],
    );
  }
  return { schoolId, students };
}

/** The exam: the bank demo's Toán 6 test (4 versions), open now for two hours, for the whole bench school. */
export async function createExam(database: Database, schoolId: string) {
  const [test] = await database.execute<{ school_id: string; id: string; n: number }>(
    `select t.school_id, t.id, (select count(*)::int from test_items i where i.school_id = t.school_id and i.test_id = t.id) as n
       from tests t where t.subject_code = 'THCS_TOAN' and t.grade = 6 and t.blueprint is not null limit 1`,
  );
  const examId = uuidOf('b100', 1);
  await database.execute(
    `insert into exams (id, owner_unit_id, test_school_id, test_id, title, subject_code, opens_at, closes_at, duration_minutes)
     values ($1, $2, $3, $4, 'Thi thử tải 20.000 học sinh', 'THCS_TOAN', now() - interval '1 minute', now() + interval '2 hours', 120)`,
    [examId, schoolId, test.school_id, test.id],
  );
  await database.execute(
    `insert into exam_targets (exam_id, target_id, kind, unit_id) values ($1, $2, 'unit', $2)`,
    [examId, schoolId],
  );
  return { examId, questions: test.n };
}

/** The baseline: bare Fastify, one upsert of the same row (no session, no validation), a pool of the same size. */
async function startBare(database: Database, url: string | null) {
  const pool = url ? new pg.Pool({ connectionString: url, max: POOL }) : null;
  pool?.on('error', () => {});
  const query = (text: string, params: unknown[]) =>
    pool ? pool.query(text, params).then((r) => r.rows) : database.execute(text, params);
  const app = Fastify({ logger: false });
  app.post<{
    Params: { schoolId: string; attemptId: string };
    Body: { answers: { questionId: string; answer: unknown; seq: number }[] };
  }>('/bare/:schoolId/:attemptId/answers', async (req) => {
    const a = req.body.answers[0];
    await query(
      `insert into exam_answers (school_id, attempt_id, question_id, answer, seq, saved_at)
         values ($1, $2, $3, $4, $5, now())
         on conflict (school_id, attempt_id, question_id) do update
           set answer = excluded.answer, seq = excluded.seq, saved_at = excluded.saved_at
         where exam_answers.seq < excluded.seq`,
      [req.params.schoolId, req.params.attemptId, a.questionId, JSON.stringify(a.answer), a.seq],
    );
    return { ok: true };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await pool?.end();
    },
  };
}

type LoadResult = {
  start: {
    count: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    errors: number;
    wallSeconds: number;
  };
  startErrors: string[];
  started: number;
  save: {
    count: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    errors: number;
    wallSeconds: number;
  };
  saveErrors: string[];
  acked: number;
  real: {
    perSecond: number;
    errors: number;
    count: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
  };
  bare: {
    perSecond: number;
    errors: number;
    count: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
  };
};

export const examsBench: Bench = {
  name: 'exams',
  description: ON_POSTGRES
    ? `Online exam load on PostgreSQL through the real endpoints: ${STUDENTS.toLocaleString('en-US')} students start within ${START_SECONDS} s, then autosave at ${SAVE_RATE} answers/s for ${SAVE_SECONDS} s; saturation vs a bare Fastify + upsert`
    : `Online exam load, SCALED-DOWN VARIANT on PGlite (set DATABASE_URL for the PostgreSQL run): ${STUDENTS} students, ${SAVE_RATE} answers/s for ${SAVE_SECONDS} s`,
  async run(): Promise<BenchResult> {
    const work = mkdtempSync(path.join(tmpdir(), 'smartedu-exambench-'));
    const { database, url, drop } = await freshDatabase();
    try {
      await database.migrate();
      await seedReference(database.db);
      await seedDemo(database.db, { hashPassword: async () => 'bench-no-login' });
      await seedQuestionBankDemoData(database);
      const t0 = performance.now();
      const { schoolId, students } = await createStudents(database, STUDENTS);
      const setupSeconds = (performance.now() - t0) / 1000;
      const { examId, questions } = await createExam(database, schoolId);
      const config = {
        ...loadConfig({ SMARTEDU_DATA_DIR: work, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
        webDist: path.join(work, 'no-web'),
      };
      const app = await buildApp({ config, database });
      // Server-side time of each start and save (from the request's arrival to the response sent), to tell the
      // server's share of the latency from the load generator's and the network's.
      const serverMs = { start: [] as number[], save: [] as number[] };
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      app.addHook('onResponse', async (req, reply) => {
        if (req.method !== 'POST') return;
        if (req.url.endsWith('/attempts')) serverMs.start.push(reply.elapsedTime);
        else if (req.url.endsWith('/answers')) serverMs.save.push(reply.elapsedTime);
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const bare = await startBare(database, url);
      // The exam's paper is frozen by the app's sweep when the window opens, before students arrive (as in a real
      // exam, where the window opens at a scheduled time): wait for it, outside the timed phases.
      const frozenBy = Date.now() + 60_000;
      while (Date.now() < frozenBy) {
        const [p] = await database.execute<{ n: number }>(
          'select count(*)::int as n from exam_papers where exam_id = $1',
          [examId],
        );
        if (p.n > 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const inputFile = path.join(work, 'input.json');
      const savesOut = path.join(work, 'saves.json');
      writeFileSync(
        inputFile,
        JSON.stringify({
          appUrl,
          bareUrl: bare.url,
          examId,
          students,
          startSeconds: START_SECONDS,
          saveRate: SAVE_RATE,
          saveSeconds: SAVE_SECONDS,
          saturationSeconds: SATURATION_SECONDS,
          concurrency: CONCURRENCY,
          savesOut,
        }),
      );
      let lost = -1;
      let checked = 0;
      const result = await new Promise<LoadResult>((resolve, reject) => {
        const child = fork(path.join(import.meta.dirname, 'exams.load.ts'), [inputFile], {
          execArgv: process.execArgv,
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        child.on('message', async (m: { type: string; data?: LoadResult }) => {
          if (m.type === 'saved') {
            // Read every answer back and compare with what the server acknowledged.
            const acked = JSON.parse(readFileSync(savesOut, 'utf8')) as [string, number, string][];
            const rows = await database.execute<{ k: string; seq: number; answer: unknown }>(
              `select attempt_id || '|' || question_id as k, seq, answer from exam_answers`,
            );
            const stored = new Map(rows.map((r) => [r.k, r]));
            lost = 0;
            for (const [k, seq, answer] of acked) {
              const row = stored.get(k);
              checked++;
              if (!row || row.seq < seq || (row.seq === seq && JSON.stringify(row.answer) !== answer)) lost++;
            }
            child.send({ type: 'continue' });
          } else if (m.type === 'result' && m.data) resolve(m.data);
        });
        child.on('error', reject);
        child.on('exit', (code) => {
          if (code) reject(new Error(`load generator exited with ${code}`));
        });
      });
      await app.close();
      await bare.close();
      const pctOf = (xs: number[], p: number) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0;
      };
      const ratio = result.bare.perSecond > 0 ? result.real.perSecond / result.bare.perSecond : 0;
      const achievedRate = result.save.count / result.save.wallSeconds;
      const metrics: Metric[] = [
        {
          label: 'students started',
          value: result.started,
          unit: `of ${STUDENTS}`,
          target: `${STUDENTS}`,
          ok: result.started === STUDENTS,
        },
        {
          label: 'start phase wall time',
          value: result.start.wallSeconds,
          unit: 's',
          target: `≤ ${START_SECONDS + 5}`,
          ok: result.start.wallSeconds <= START_SECONDS + 5,
        },
        { label: 'start p50', value: result.start.p50, unit: 'ms' },
        { label: 'start p95', value: result.start.p95, unit: 'ms' },
        {
          label: 'start p99',
          value: result.start.p99,
          unit: 'ms',
          target: '< 500',
          ok: result.start.p99 < 500,
        },
        {
          label: 'start errors',
          value: result.start.errors,
          unit: '',
          target: '0',
          ok: result.start.errors === 0,
        },
        {
          label: 'autosave rate achieved',
          value: achievedRate,
          unit: 'answers/s',
          target: `≥ ${SAVE_RATE}`,
          ok: achievedRate >= SAVE_RATE * 0.99,
        },
        { label: 'saves sent', value: result.save.count, unit: '' },
        { label: 'save p50', value: result.save.p50, unit: 'ms' },
        { label: 'save p95', value: result.save.p95, unit: 'ms' },
        { label: 'save p99', value: result.save.p99, unit: 'ms', target: '< 500', ok: result.save.p99 < 500 },
        {
          label: 'save errors',
          value: result.save.errors,
          unit: '',
          target: '0',
          ok: result.save.errors === 0,
        },
        {
          label: 'answers lost (read back)',
          value: lost,
          unit: `of ${checked}`,
          target: '0',
          ok: lost === 0,
        },
        { label: 'save throughput at saturation', value: result.real.perSecond, unit: 'req/s' },
        { label: 'bare Fastify + upsert at saturation', value: result.bare.perSecond, unit: 'req/s' },
        { label: 'ratio real / bare', value: ratio, unit: '×', target: '≥ 0.6', ok: ratio >= 0.6 },
      ];
      const latency = (
        label: string,
        l: { count: number; p50: number; p95: number; p99: number; max: number },
      ) => ({
        label,
        count: l.count,
        p50: l.p50,
        p95: l.p95,
        p99: l.p99,
        max: l.max,
      });
      return {
        name: 'exams',
        description: examsBench.description,
        metrics,
        latencies: [
          latency('start attempt (open loop)', result.start),
          latency('autosave (open loop)', result.save),
          latency('autosave at saturation, real endpoint', result.real),
          latency('upsert at saturation, bare Fastify (baseline)', result.bare),
        ],
        notes: [
          `${ON_POSTGRES ? 'PostgreSQL' : 'PGlite (scaled down)'}; app pool ${POOL} connections; test of ${questions} questions, 4 versions; ${Math.ceil(STUDENTS / CLASS_SIZE)} classes`,
          `autosave: one answer per student every ${(STUDENTS / SAVE_RATE || 0).toFixed(1)} s (open loop, latency from the scheduled time)`,
          `saturation: ${CONCURRENCY} concurrent clients, ${SATURATION_SECONDS} s each, closed loop; real p99 ${result.real.p99.toFixed(1)} ms, bare p99 ${result.bare.p99.toFixed(1)} ms; errors ${result.real.errors}/${result.bare.errors}`,
          `accounts and sessions bulk-inserted in ${setupSeconds.toFixed(1)} s (no password logins: see docs/ARCHITECTURE.md, exam load)`,
          `server-side time (arrival to response): start p50 ${pctOf(serverMs.start, 0.5).toFixed(1)} ms, p99 ${pctOf(serverMs.start, 0.99).toFixed(1)} ms; save (all phases) p50 ${pctOf(serverMs.save, 0.5).toFixed(1)} ms, p99 ${pctOf(serverMs.save, 0.99).toFixed(1)} ms`,
          `app event-loop delay p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
          `load average at the end: ${loadavg()
            .map((x) => x.toFixed(2))
            .join(' ')} (${cpus().length} CPUs)`,
          ...result.startErrors.map((e) => `start error: ${e}`),
          ...result.saveErrors.map((e) => `save error: ${e}`),
        ],
      };
    } finally {
      await database.close();
      // EXAM_BENCH_KEEP_DB=1 keeps the PostgreSQL database for inspection (its name is printed).
      if (process.env.EXAM_BENCH_KEEP_DB) console.log(`kept database: ${url}`);
      else await drop();
      rmSync(work, { recursive: true, force: true });
    }
  },
};
