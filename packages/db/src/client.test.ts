import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { units } from './schema';

describe('embedded database', () => {
  it('fails instead of deadlocking when code queries outside its open transaction', async () => {
    const database = await openDatabase({ kind: 'pglite' });
    await database.migrate();
    const error = await database
      .transaction(async () => {
        await database.db.select().from(units);
      })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(String((error?.cause as Error | undefined)?.message ?? error?.message)).toMatch(
      /outside its open transaction/,
    );
    // The connection is still usable afterwards, and concurrent work outside transactions is serialised.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? database.db.execute(sql`select ${i}::int as n`)
          : database.transaction((tx) => tx.execute(sql`select 1`)),
      ),
    );
    expect(results).toHaveLength(20);
    await database.close();
  });

  it('rolls back a failed transaction completely', async () => {
    const database = await openDatabase({ kind: 'pglite' });
    await database.migrate();
    await expect(
      database.transaction(async (tx) => {
        await tx.insert(units).values({ kind: 'province_department', code: 'X', name: 'X', path: '/x/' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await database.db.select().from(units)).toHaveLength(0);
    await database.close();
  });
});
