import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAI_CHAU_PILOT } from '@smartedu/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from './support/fixtures';
import {
  type Backend,
  call,
  freshBackend,
  ON_POSTGRES,
  root,
  type Server,
  type Session,
  signIn,
  sleep,
  startServer,
} from './support/server';

/**
 * kill -9 during a large import. A students workbook of FAULTS_IMPORT_ROWS rows (10,000 by default; generated
 * by bench/import.worker.ts) is uploaded and validated, then committed in 'all' mode, and the server is killed
 * while the commit runs: on PostgreSQL once the app's transaction has written a batch of students
 * (pg_stat_activity shows a transaction id and the batch statement), on PGlite half the upload's validation time after the commit was sent (the commit
 * re-reads the same file, so it is still running). After the restart the database holds all of the batch or
 * none of it; the commit can then be run again, and importing the same file once more creates nothing.
 */

const ROWS = Number(process.env.FAULTS_IMPORT_ROWS ?? 10_000);
const SCHOOL_CODE = 'LCU-TP-QT';
const FIRST_ID = 1_500_000_000; // bench/import.worker.ts numbers the students from here
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let backend: Backend;
let server: Server | null = null;

beforeAll(async () => {
  backend = await freshBackend();
});
afterAll(async () => {
  await server?.stop();
  await backend.dispose();
});

type Job = {
  id: string;
  status: string;
  validRows: number;
  errorRows: number;
  created: number;
  updated: number;
  unchanged: number;
};

const form = (file: Buffer) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), 'hoc-sinh.xlsx');
  return f;
};

/**
 * On PostgreSQL: resolves once a backend of the app's database is in a transaction that has written students
 * (the import's commit, at or after its first batch: each batch is one statement, whose text opens with the
 * batch's JSON columns; pg_stat_activity keeps only the first 1 kB of a statement).
 */
async function writingTransaction(url: string, timeoutMs: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const r = await c.query(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null
            and query like '%json_to_recordset%sector_id text, citizen_id text%'`,
      );
      if (r.rows[0].n > 0) return true;
      await sleep(5);
    }
    return false;
  } finally {
    await c.end();
  }
}

describe(`kill -9 during a large import (${ON_POSTGRES ? 'PostgreSQL' : 'PGlite'})`, () => {
  it(`keeps all or none of a ${ROWS}-row batch, and the import can be run again without duplicates`, async () => {
    server = await startServer(backend);
    const file = path.join(backend.dataDir, 'hoc-sinh.xlsx');
    const classNames = LAI_CHAU_PILOT.schools.find((s) => s.code === SCHOOL_CODE)!.classes.map((c) => c.name);
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'bench/import.worker.ts', 'generate', file, String(ROWS), classNames.join(',')],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const workbook = readFileSync(file);

    let admin: Session = await signIn(server.baseUrl, 'hieutruong.qt');
    const me = await call(server.baseUrl, 'GET', '/api/auth/me', { session: admin });
    const schoolId = (me.body as { roles: { unitId: string }[] }).roles[0].unitId;
    const total = async () => {
      const r = await call(server!.baseUrl, 'GET', `/api/students?schoolId=${schoolId}&pageSize=1`, {
        session: admin,
      });
      expect(r.status, r.text).toBe(200);
      return (r.body as { total: number }).total;
    };
    const before = await total();

    const t0 = performance.now();
    const up = await call(server.baseUrl, 'POST', `/api/schools/${schoolId}/imports/students`, {
      session: admin,
      form: form(workbook),
      timeoutMs: 300_000,
    });
    const uploadMs = performance.now() - t0;
    expect(up.status, up.text).toBe(201);
    const job = up.body as Job;
    expect(job).toMatchObject({ status: 'validated', validRows: ROWS, errorRows: 0 });

    // Commit, and kill the server while the commit's transaction is writing.
    const commit = call(server.baseUrl, 'POST', `/api/schools/${schoolId}/imports/${job.id}/commit`, {
      session: admin,
      json: { mode: 'all' },
      timeoutMs: 300_000,
    });
    if (backend.databaseUrl) expect(await writingTransaction(backend.databaseUrl, 60_000)).toBe(true);
    else await sleep(uploadMs / 2);
    await server.kill9();
    const reply = await commit;
    console.log(
      `import kill -9: upload+validation of ${ROWS} rows took ${(uploadMs / 1000).toFixed(1)} s; commit ${reply.status === 0 ? 'cut off by the kill' : `answered ${reply.status}`}`,
    );

    server = await startServer(backend);
    admin = await signIn(server.baseUrl, 'hieutruong.qt');
    const afterKill = await total();
    const all = afterKill === before + ROWS;
    expect([before, before + ROWS]).toContain(afterKill);
    if (reply.status === 200) expect(all).toBe(true); // acknowledged means durable
    console.log(`import kill -9: after restart the database holds ${all ? 'all' : 'none'} of the batch`);

    // Run the import again: the same job's commit when nothing was written, then a fresh upload of the file.
    const state = await call(server.baseUrl, 'GET', `/api/schools/${schoolId}/imports/${job.id}`, {
      session: admin,
    });
    expect(state.status, state.text).toBe(200);
    expect((state.body as Job).status).toBe(all ? 'committed' : 'validated');
    if (!all) {
      const again = await call(server.baseUrl, 'POST', `/api/schools/${schoolId}/imports/${job.id}/commit`, {
        session: admin,
        json: { mode: 'all' },
        timeoutMs: 300_000,
      });
      expect(again.status, again.text).toBe(200);
      expect(again.body).toMatchObject({ status: 'committed', created: ROWS });
    }
    expect(await total()).toBe(before + ROWS);

    const up2 = await call(server.baseUrl, 'POST', `/api/schools/${schoolId}/imports/students`, {
      session: admin,
      form: form(workbook),
      timeoutMs: 300_000,
    });
    expect(up2.status, up2.text).toBe(201);
    const rerun = await call(
      server.baseUrl,
      'POST',
      `/api/schools/${schoolId}/imports/${(up2.body as Job).id}/commit`,
      { session: admin, json: { mode: 'all' }, timeoutMs: 300_000 },
    );
    expect(rerun.status, rerun.text).toBe(200);
    expect(rerun.body).toMatchObject({ status: 'committed', created: 0, unchanged: ROWS });
    expect(await total()).toBe(before + ROWS);

    // In the database: exactly one row per student of the file, and one enrolment each.
    await server.stop();
    server = null;
    await withDatabase(backend, async (database) => {
      const [s] = await database.execute<{ n: number; distinct: number }>(
        `select count(*)::int as n, count(distinct sector_id)::int as distinct from students
          where sector_id between $1 and $2`,
        [String(FIRST_ID), String(FIRST_ID + ROWS - 1)],
      );
      expect(s).toEqual({ n: ROWS, distinct: ROWS });
    });
  });
});
