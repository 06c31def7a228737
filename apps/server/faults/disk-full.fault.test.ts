import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAI_CHAU_PILOT } from '@smartedu/db';
import { afterAll, describe, expect, it } from 'vitest';
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
  startServer,
} from './support/server';

/**
 * The data directory's disk fills up. The server runs with SMARTEDU_DATA_DIR on a small tmpfs (the embedded
 * database's files and the uploads live there; on PostgreSQL only the uploads do). With the disk full:
 * an Excel upload and, on PGlite, a large write (an import commit) end with 507 `STORAGE_FULL` and a
 * Vietnamese message, write nothing and leave no partial file. After space is freed the same server accepts
 * the same requests, and after a restart the data is intact (every acknowledged write there once, the
 * refused batch absent until it was committed again).
 *
 * Mounting a tmpfs needs root (CI runs as root in its container); elsewhere the test is skipped and says so.
 */

const ROWS = 2000;
const SCHOOL_CODE = 'LCU-TP-QT';
const FIRST_ID = 1_500_000_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SIZE_MB = ON_POSTGRES ? 32 : 400; // PGlite's files after the demo seed take about 160 MB

function tryMount(): { dir: string; reason: null } | { dir: null; reason: string } {
  if (process.platform !== 'linux') return { dir: null, reason: 'tmpfs mounts need Linux' };
  if (process.getuid?.() !== 0) return { dir: null, reason: 'mounting a tmpfs needs root' };
  const dir = mkdtempSync(path.join(tmpdir(), 'smartedu-diskfull-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE_MB}m,mode=0755`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
    return { dir, reason: null };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return {
      dir: null,
      reason: `mount -t tmpfs failed: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`,
    };
  }
}

const mounted = tryMount();
if (mounted.reason) console.log(`disk full: skipped (${mounted.reason})`);

let backend: Backend | null = null;
let server: Server | null = null;

afterAll(async () => {
  await server?.stop();
  await backend?.dispose();
  if (mounted.dir) {
    execFileSync('umount', ['-l', mounted.dir]);
    rmSync(mounted.dir, { recursive: true, force: true });
  }
});

/** Fills the file system holding `dir` to the last byte; returns the filler's path. */
function fillDisk(dir: string) {
  const filler = path.join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOSPC') throw err;
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

const form = (file: Buffer) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), 'hoc-sinh.xlsx');
  return f;
};

type Job = { id: string; status: string; validRows: number; created: number };

describe.skipIf(!mounted.dir)(
  `disk full in the data directory (${ON_POSTGRES ? 'PostgreSQL' : 'PGlite'})`,
  () => {
    it('refuses writes with STORAGE_FULL, writes nothing, and recovers once space is freed', async () => {
      const dataDir = mounted.dir!;
      backend = await freshBackend({ dataDir });
      server = await startServer(backend, { env: { LOGIN_RATE_PER_MINUTE: '1000' } });
      const base = () => server!.baseUrl;
      let admin: Session = await signIn(base(), 'hieutruong.qt');
      const me = await call(base(), 'GET', '/api/auth/me', { session: admin });
      const schoolId = (me.body as { roles: { unitId: string }[] }).roles[0].unitId;
      const total = async () => {
        const r = await call(base(), 'GET', `/api/students?schoolId=${schoolId}&pageSize=1`, {
          session: admin,
        });
        expect(r.status, r.text).toBe(200);
        return (r.body as { total: number }).total;
      };
      const before = await total();

      // A workbook generated outside the full disk, and one import validated while there was room.
      const work = mkdtempSync(path.join(tmpdir(), 'smartedu-diskfull-work-'));
      const file = path.join(work, 'hoc-sinh.xlsx');
      const classNames = LAI_CHAU_PILOT.schools
        .find((s) => s.code === SCHOOL_CODE)!
        .classes.map((c) => c.name);
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'bench/import.worker.ts', 'generate', file, String(ROWS), classNames.join(',')],
        { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      const workbook = readFileSync(file);
      rmSync(work, { recursive: true, force: true });
      const up = await call(base(), 'POST', `/api/schools/${schoolId}/imports/students`, {
        session: admin,
        form: form(workbook),
      });
      expect(up.status, up.text).toBe(201);
      const job = up.body as Job;

      const filler = fillDisk(dataDir);
      expect(statfsSync(dataDir).bavail).toBe(0);
      const uploadsBefore = execFileSync('ls', ['-A', path.join(dataDir, 'uploads')]).toString();

      const full = (r: { status: number; body: unknown; text: string }, what: string) => {
        expect(r.status, `${what}: ${r.text}\n${server!.output().slice(-2000)}`).toBe(507);
        expect(r.body, what).toMatchObject({
          code: 'STORAGE_FULL',
          message: expect.stringContaining('Hết dung lượng lưu trữ'),
        });
      };

      // An upload has nowhere to go: refused, and no partial file is left behind.
      full(
        await call(base(), 'POST', `/api/schools/${schoolId}/imports/students`, {
          session: admin,
          form: form(workbook),
        }),
        'upload',
      );
      expect(execFileSync('ls', ['-A', path.join(dataDir, 'uploads')]).toString()).toBe(uploadsBefore);

      if (!ON_POSTGRES) {
        // The embedded database cannot grow: the import's transaction is refused as a whole.
        full(
          await call(base(), 'POST', `/api/schools/${schoolId}/imports/${job.id}/commit`, {
            session: admin,
            json: { mode: 'all' },
          }),
          'commit',
        );
        expect(server.exited()).toBe(false);
      }

      // Space freed: the same process serves the same requests.
      rmSync(filler);
      expect(await total()).toBe(before);
      const again = await call(base(), 'POST', `/api/schools/${schoolId}/imports/${job.id}/commit`, {
        session: admin,
        json: { mode: 'all' },
      });
      expect(again.status, again.text).toBe(200);
      expect(again.body).toMatchObject({ status: 'committed', created: ROWS });
      const up2 = await call(base(), 'POST', `/api/schools/${schoolId}/imports/students`, {
        session: admin,
        form: form(workbook),
      });
      expect(up2.status, up2.text).toBe(201);
      expect(await total()).toBe(before + ROWS);

      // And after a restart the data is intact: the batch once, nothing half-written.
      await server.stop();
      server = await startServer(backend);
      admin = await signIn(base(), 'hieutruong.qt');
      expect(await total()).toBe(before + ROWS);
      await server.stop();
      server = null;
      await withDatabase(backend, async (database) => {
        const [s] = await database.execute<{ n: number; distinct: number }>(
          `select count(*)::int as n, count(distinct sector_id)::int as distinct from students
          where sector_id between $1 and $2`,
          [String(FIRST_ID), String(FIRST_ID + ROWS - 1)],
        );
        expect(s).toEqual({ n: ROWS, distinct: ROWS });
        const [c] = await database.execute<{ ok: boolean }>('select count(*) > 0 as ok from audit_log');
        expect(c.ok).toBe(true);
      });
    });
  },
);
