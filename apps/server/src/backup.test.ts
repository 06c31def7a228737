import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupDatabase, freshDatabase, openDatabase, restoreDatabase, tableChecksums } from '@smartedu/db';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { seedDemoData } from './demo';

/**
 * Backup and restore of the whole Lai Châu demo (every module's data, as `smartedu start` seeds it) across
 * backends, compared table by table (row count and checksum of every table the dump holds):
 * source → PGlite → (PostgreSQL when DATABASE_URL is set, PGlite otherwise). With DATABASE_URL the source is
 * PostgreSQL, so the run covers PostgreSQL → PGlite and PGlite → PostgreSQL.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'smartedu-backup-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** At least one table of every module that seeds demo data must hold rows, so that all of them are compared. */
const MODULE_TABLES = [
  'units', // registry
  'students',
  'users', // identity
  'grade_entries', // gradebook
  'questions', // question bank
  'tests',
  'exams', // exams
  'exam_attempts',
  'exam_answers',
  'messages', // contact book
  'announcements',
  'attendance_records', // attendance
  'ops_plans', // operations
  'ops_school_stats',
];

describe('backup and restore of the whole demo', () => {
  it('keeps every table equal across PostgreSQL and PGlite in both directions', async () => {
    const onPostgres = Boolean(process.env.DATABASE_URL);
    const { database: a, dispose: disposeA } = await freshDatabase();
    const cleanup: (() => Promise<void>)[] = [disposeA];
    onTestFinished(async () => {
      for (const f of cleanup.reverse()) await f();
    });
    await seedDemoData(a, { demo: true, dataDir: dir, hashPassword: async (p) => `hash:${p}` });
    const source = await tableChecksums(a);
    const empty = Object.entries(source)
      .filter(([, v]) => v.rows === 0)
      .map(([t]) => t);
    console.log(
      `backup round trip: ${Object.keys(source).length} tables, ${Object.values(source).reduce((n, v) => n + v.rows, 0)} rows; empty in the demo: ${empty.join(', ') || 'none'}`,
    );
    for (const t of MODULE_TABLES) expect(source[t]?.rows ?? 0, t).toBeGreaterThan(0);

    const first = path.join(dir, 'a.sql');
    await backupDatabase(a, first);
    const b = await openDatabase({ kind: 'pglite' });
    cleanup.push(() => b.close());
    await b.migrate();
    await restoreDatabase(b, first);
    expect(await tableChecksums(b)).toEqual(source);

    const second = path.join(dir, 'b.sql');
    await backupDatabase(b, second);
    const { database: c, dispose: disposeC } = onPostgres
      ? await freshDatabase(process.env.DATABASE_URL)
      : await freshDatabase('');
    cleanup.push(disposeC);
    expect(c.kind).toBe(onPostgres ? 'postgres' : 'pglite');
    await restoreDatabase(c, second);
    expect(await tableChecksums(c)).toEqual(source);
    // The dumps themselves are the same but for the creation time.
    const body = (f: string) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('-- created:'));
    expect(body(second)).toEqual(body(first));
  }, 600_000);
});
