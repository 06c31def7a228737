import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase, tableChecksums } from './backup';
import { openDatabase } from './client';
import { seedDemo, seedReference } from './seed';
import { freshDatabase } from './testing';

const dir = mkdtempSync(path.join(tmpdir(), 'smartedu-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = async (database: Awaited<ReturnType<typeof openDatabase>>) => {
  const out: Record<string, string> = {};
  for (const t of [
    'units',
    'classes',
    'students',
    'guardians',
    'student_guardians',
    'staff',
    'users',
    'role_assignments',
    'enrolments',
    'subjects',
    'ethnicities',
  ]) {
    const rows = await database.execute<{ h: string }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${t} t`,
    );
    out[t] = rows[0].h;
  }
  return out;
};

describe('backup and restore', () => {
  it('round-trips the demo database with equal content into a fresh PGlite (from either backend)', async () => {
    // Source: PostgreSQL when DATABASE_URL is set (cross-backend round trip), PGlite otherwise.
    const { database: a, dispose } = await freshDatabase();
    await seedReference(a.db);
    await seedDemo(a.db, { hashPassword: async (p) => `hash:${p}` });
    const file = path.join(dir, 'demo.sql');
    const r = await backupDatabase(a, file);
    expect(r.rows).toBeGreaterThan(717);
    const b = await openDatabase({ kind: 'pglite' });
    await b.migrate();
    await restoreDatabase(b, file);
    expect(await snapshot(b)).toEqual(await snapshot(a));
    expect(await tableChecksums(b)).toEqual(await tableChecksums(a)); // every table, PG → PGlite on PostgreSQL
    // A second restore without --replace is refused and changes nothing.
    await expect(restoreDatabase(b, file)).rejects.toThrow(/không trống/);
    // With replace it succeeds.
    await restoreDatabase(b, file, { replace: true });
    expect(await snapshot(b)).toEqual(await snapshot(a));
    await dispose();
    await b.close();
  });

  // PGlite → PostgreSQL: the embedded database of a school moved onto the department's server.
  it.skipIf(!process.env.DATABASE_URL)(
    'round-trips from PGlite into PostgreSQL with equal content in every table',
    async () => {
      const a = await openDatabase({ kind: 'pglite' });
      await a.migrate();
      await seedReference(a.db);
      await seedDemo(a.db, { hashPassword: async (p) => `hash:${p}` });
      const file = path.join(dir, 'pglite.sql');
      await backupDatabase(a, file);
      const { database: b, dispose } = await freshDatabase(process.env.DATABASE_URL);
      try {
        await restoreDatabase(b, file);
        const [sa, sb] = [await tableChecksums(a), await tableChecksums(b)];
        expect(Object.keys(sa).length).toBeGreaterThan(20);
        expect(sa.students.rows).toBeGreaterThanOrEqual(717);
        expect(sb).toEqual(sa);
      } finally {
        await dispose();
        await a.close();
      }
    },
  );

  it('checksums see a changed row', async () => {
    const a = await openDatabase({ kind: 'pglite' });
    await a.migrate();
    await seedReference(a.db);
    const before = await tableChecksums(a);
    await a.execute("update subjects set name = name || ' ' where code = (select min(code) from subjects)");
    const after = await tableChecksums(a);
    expect(after.subjects.rows).toBe(before.subjects.rows);
    expect(after.subjects.md5).not.toBe(before.subjects.md5);
    expect({ ...after, subjects: null }).toEqual({ ...before, subjects: null });
    await a.close();
  });

  it('refuses a truncated dump and leaves the database as it was', async () => {
    const a = await openDatabase({ kind: 'pglite' });
    await a.migrate();
    await seedReference(a.db);
    const file = path.join(dir, 'ref.sql');
    await backupDatabase(a, file);
    const text = readFileSync(file, 'utf8');
    const cut = path.join(dir, 'cut.sql');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    const b = await openDatabase({ kind: 'pglite' });
    await b.migrate();
    await expect(restoreDatabase(b, cut)).rejects.toThrow(/cắt cụt/);
    const rows = await b.execute<{ n: number }>('select count(*)::int as n from subjects');
    expect(rows[0].n).toBe(0);
    await a.close();
    await b.close();
  });
});
