import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  call,
  freshBackend,
  ON_POSTGRES,
  type Reply,
  type Server,
  type Session,
  signIn,
  sleep,
  startServer,
  viaPort,
} from './support/server';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

/**
 * The database connection is cut for FAULTS_OUTAGE_SECONDS (5 by default) while the server runs, routed through
 * a TCP proxy the test controls: first the database refuses (connections reset, new ones refused), then a
 * partition (connections stay open, nothing comes back); then the app's connections are terminated on the
 * server (pg_terminate_backend) every 100 ms. During the cut every request must end with a 5xx
 * carrying the JSON error `DATABASE_UNAVAILABLE` (no crash, no hanging request: the client gives up after
 * 30 s, which fails the test); afterwards the same process must serve again without a restart, and a write
 * acknowledged before the cut is still there.
 *
 * On PGlite this is skipped: the embedded database runs inside the server process, so there is no connection
 * to cut (its failure modes are the process dying, covered by the kill -9 tests, and the disk filling up).
 */

const OUTAGE_SECONDS = Number(process.env.FAULTS_OUTAGE_SECONDS ?? 5);
const PGLITE_REASON = 'PGlite runs in the server process: there is no database connection to cut';

let backend: Backend | null = null;
let server: Server | null = null;
let proxy: TcpProxy | null = null;

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await backend?.dispose();
});

if (!ON_POSTGRES) console.log(`database outage: skipped on PGlite (${PGLITE_REASON})`);

describe.skipIf(!ON_POSTGRES)('database connection cut for seconds (PostgreSQL)', () => {
  it('fails requests cleanly with DATABASE_UNAVAILABLE and recovers without a restart', async () => {
    backend = await freshBackend();
    const target = new URL(backend.databaseUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startServer(backend, {
      databaseUrl: viaPort(backend.databaseUrl!, proxy.port),
      // Short timeouts so that a partition's requests fail within the test's seconds (defaults: 10 s and 60 s).
      env: {
        DATABASE_CONNECT_TIMEOUT_SECONDS: '3',
        DATABASE_QUERY_TIMEOUT_SECONDS: '3',
        LOGIN_RATE_PER_MINUTE: '100000', // the probes sign in every quarter second
      },
    });
    const base = server.baseUrl;
    const pid = server.pid;

    const admin: Session = await signIn(base, 'hieutruong.qt');
    const me = await call(base, 'GET', '/api/auth/me', { session: admin });
    const schoolId = (me.body as { roles: { unitId: string }[] }).roles[0].unitId;
    let n = 0;
    const probes: Record<string, () => Promise<Reply>> = {
      health: () => call(base, 'GET', '/api/health', { timeoutMs: 30_000 }),
      read: () =>
        call(base, 'GET', `/api/students?schoolId=${schoolId}&pageSize=5`, {
          session: admin,
          timeoutMs: 30_000,
        }),
      write: () =>
        call(base, 'POST', `/api/schools/${schoolId}/students`, {
          session: admin,
          json: {
            sectorId: String(7_700_000_000 + n++),
            fullName: 'Lò Văn Thử',
            birthDate: '2013-05-01',
            gender: 'M',
            ethnicityCode: '01',
          },
          timeoutMs: 30_000,
        }),
      login: () =>
        call(base, 'POST', '/api/auth/login', {
          json: { username: 'giaovien.qt', password: 'LaiChau@2024' },
          timeoutMs: 30_000,
        }),
    };
    const all = async () =>
      Object.fromEntries(
        await Promise.all(Object.entries(probes).map(async ([k, f]) => [k, await f()])),
      ) as Record<string, Reply>;

    // Before: everything works, and one write is acknowledged.
    const ok = await all();
    for (const [k, r] of Object.entries(ok)) expect(r.status, `${k}: ${r.text}`).toBeLessThan(300);
    const written = (ok.write.body as { id: string }).id;

    for (const kind of ['refuse', 'blackhole'] as const) {
      if (kind === 'refuse') await proxy.refuse();
      else proxy.blackhole();
      const until = Date.now() + OUTAGE_SECONDS * 1000;
      const seen: Record<string, number> = {};
      while (Date.now() < until) {
        const replies = await all();
        for (const [k, r] of Object.entries(replies)) {
          expect(r.status, `${kind} ${k}: ${r.text}\n${server.output().slice(-3000)}`).toBe(503);
          expect(r.body, `${kind} ${k}`).toMatchObject({
            code: 'DATABASE_UNAVAILABLE',
            message: expect.stringContaining('Cơ sở dữ liệu'),
          });
          seen[k] = (seen[k] ?? 0) + 1;
        }
        expect(server.exited()).toBe(false);
        await sleep(250);
      }
      console.log(`database outage (${kind}, ${OUTAGE_SECONDS} s): 503 DATABASE_UNAVAILABLE`, seen);
      await proxy.restore();

      // After: the same process serves again once its pool reconnects (no restart).
      let recovered = false;
      for (let i = 0; i < 60 && !recovered; i++) {
        const replies = await all();
        recovered = Object.values(replies).every((r) => r.status < 300);
        if (!recovered) {
          for (const r of Object.values(replies)) expect([200, 201, 503]).toContain(r.status);
          await sleep(500);
        }
      }
      expect(recovered).toBe(true);
      expect(server.exited()).toBe(false);
      expect(server.pid).toBe(pid);
    }

    // The administrator (or a failover) terminates the app's connections again and again: each request either
    // succeeds or fails with DATABASE_UNAVAILABLE, never a 500 and never a crash.
    const admin2 = new pg.Client({ connectionString: backend.databaseUrl! });
    admin2.on('error', () => {}); // dropped with the database if the test fails
    await admin2.connect();
    let terminating = true;
    let terminated = 0;
    const killer = (async () => {
      while (terminating) {
        const r = await admin2.query(
          `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()`,
        );
        terminated += r.rows[0].n;
        await sleep(100);
      }
    })();
    const statuses: Record<number, number> = {};
    try {
      const until = Date.now() + OUTAGE_SECONDS * 1000;
      while (Date.now() < until) {
        const replies = await all();
        expect(server.exited(), `the server died:\n${server.output().slice(-4000)}`).toBe(false);
        for (const [k, r] of Object.entries(replies)) {
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (r.status >= 300)
            expect(r.body, `terminate ${k}: ${r.status} ${r.text}`).toMatchObject({
              code: 'DATABASE_UNAVAILABLE',
            });
        }
      }
    } finally {
      terminating = false;
      await killer.catch(() => {});
      await admin2.end().catch(() => {});
    }
    console.log(
      `database outage (pg_terminate_backend, ${OUTAGE_SECONDS} s): ${terminated} connections terminated; replies`,
      statuses,
    );
    expect(terminated).toBeGreaterThan(0);
    let healed = false;
    for (let i = 0; i < 20 && !healed; i++) {
      healed = Object.values(await all()).every((r) => r.status < 300);
      if (!healed) await sleep(250);
    }
    expect(healed).toBe(true);
    expect(server.pid).toBe(pid);
    expect(server.exited()).toBe(false);

    // The write acknowledged before the cuts is there, once.
    const c = new pg.Client({ connectionString: backend.databaseUrl! });
    await c.connect();
    const r = await c.query('select count(*)::int as n from students where id = $1', [written]);
    await c.end();
    expect(r.rows[0].n).toBe(1);
  });
});
