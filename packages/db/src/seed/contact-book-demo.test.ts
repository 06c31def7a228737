import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../client';
import { freshDatabase } from '../testing';
import { seedContactBookDemo } from './contact-book-demo';
import { seedDemo } from './demo';
import { seedReference } from './reference';

let database: Database;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  await seedReference(database.db);
  await seedDemo(database.db, { hashPassword: async () => 'x' });
}, 120_000);
afterAll(async () => {
  await dispose?.();
});

it('seeds threads, messages, announcements and notifications once, deterministically', async () => {
  const first = await seedContactBookDemo(database.db);
  expect(first).toMatchObject({ skipped: false, announcements: 5 });
  expect(first.threads).toBeGreaterThanOrEqual(2);
  expect(first.messages).toBeGreaterThanOrEqual(11);
  expect(first.notifications).toBeGreaterThanOrEqual(4);
  expect((await seedContactBookDemo(database.db)).skipped).toBe(true);
  const [t] = await database.execute<{ title: string; n: number }>(
    `select t.title, count(m.id)::int as n from message_threads t join messages m on m.thread_id = t.id
      where t.kind = 'class' and t.title like 'Lớp 6A1%' group by t.title`,
  );
  expect(t).toEqual({ title: 'Lớp 6A1 — trao đổi chung', n: 6 });
  const reads = await database.execute<{ n: number }>('select count(*)::int as n from announcement_reads');
  expect(reads[0].n).toBe(6);
});
