import { type Database, freshDatabase } from '@smartedu/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobQueue } from './jobs.queue';
import { defineJob } from './jobs.types';

let database: Database;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
});
afterAll(async () => {
  await dispose?.();
});
beforeEach(async () => {
  await database.execute('delete from jobs');
});

const Echo = defineJob('test.echo', z.object({ n: z.number().int() }));
const Flaky = defineJob('test.flaky', z.object({ key: z.string() }));

type JobState = { status: string; attempts: number; last_error: string | null; due_in_ms: number };
const state = async (name: string) =>
  (
    await database.execute<JobState>(
      `select status, attempts, last_error,
              extract(epoch from (run_at - now())) * 1000 as due_in_ms
         from jobs where name = $1 order by id`,
      [name],
    )
  ).map((r) => ({ ...r, due_in_ms: Number(r.due_in_ms) }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job queue', () => {
  it('runs a typed job enqueued in a transaction, once', async () => {
    const queue = createJobQueue({ database });
    const seen: number[] = [];
    queue.register(Echo, async ({ n }) => {
      seen.push(n);
    });
    await database.transaction((tx) => queue.enqueue(tx, Echo, { n: 7 }));
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(seen).toEqual([7]);
    expect((await state('test.echo'))[0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('does not enqueue a job whose transaction rolled back, nor an invalid payload', async () => {
    const queue = createJobQueue({ database });
    queue.register(Echo, async () => {});
    await expect(
      database.transaction(async (tx) => {
        await queue.enqueue(tx, Echo, { n: 1 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await expect(queue.enqueue(database.db, Echo, { n: 'x' } as never)).rejects.toThrow();
    expect(await state('test.echo')).toEqual([]);
  });

  it('keeps one job per dedupe key', async () => {
    const queue = createJobQueue({ database });
    queue.register(Echo, async () => {});
    await queue.enqueue(database.db, Echo, { n: 1 }, { dedupeKey: 'same' });
    await queue.enqueue(database.db, Echo, { n: 2 }, { dedupeKey: 'same' });
    expect(await state('test.echo')).toHaveLength(1);
  });

  it('retries a failing job with exponential backoff, then marks it failed', async () => {
    const queue = createJobQueue({ database, backoffBaseMs: 200, maxAttempts: 3 });
    let calls = 0;
    queue.register(Flaky, async () => {
      calls++;
      throw new Error(`SMTP 451 lần ${calls}`);
    });
    await queue.enqueue(database.db, Flaky, { key: 'a' });
    expect(await queue.runDue()).toBe(1);
    let [s] = await state('test.flaky');
    expect(s).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMTP 451 lần 1' });
    expect(s.due_in_ms).toBeGreaterThan(100); // first retry waits ~200 ms
    expect(s.due_in_ms).toBeLessThanOrEqual(200);
    expect(await queue.runDue()).toBe(0); // not before its time
    await sleep(220);
    expect(await queue.runDue()).toBe(1);
    [s] = await state('test.flaky');
    expect(s).toMatchObject({ status: 'pending', attempts: 2 });
    expect(s.due_in_ms).toBeGreaterThan(300); // second retry waits ~400 ms
    await sleep(420);
    expect(await queue.runDue()).toBe(1);
    [s] = await state('test.flaky');
    expect(s).toMatchObject({ status: 'failed', attempts: 3, last_error: 'SMTP 451 lần 3' });
    await sleep(50);
    expect(await queue.runDue()).toBe(0);
    expect(calls).toBe(3);
  });

  it('succeeds on a retry after a transient failure', async () => {
    const queue = createJobQueue({ database, backoffBaseMs: 1 });
    let calls = 0;
    queue.register(Flaky, async () => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    await queue.enqueue(database.db, Flaky, { key: 'b' });
    await queue.runDue();
    await sleep(5);
    await queue.runDue();
    expect((await state('test.flaky'))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('never runs a job twice when two workers poll the same table', async () => {
    const seen: number[] = [];
    const make = () => {
      const q = createJobQueue({ database, concurrency: 3 });
      q.register(Echo, async ({ n }) => {
        await sleep(1);
        seen.push(n);
      });
      return q;
    };
    const [a, b] = [make(), make()];
    for (let n = 0; n < 30; n++) await a.enqueue(database.db, Echo, { n });
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra + rb).toBe(30);
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // And the same through the worker loops.
    seen.length = 0;
    for (let n = 0; n < 20; n++) await a.enqueue(database.db, Echo, { n });
    a.start();
    b.start();
    for (let i = 0; i < 200 && seen.length < 20; i++) await sleep(20);
    await Promise.all([a.stop(), b.stop()]);
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('survives a restart: a job left running past the lock timeout is run again', async () => {
    const seen: number[] = [];
    const queue = createJobQueue({ database, lockTimeoutMs: 60_000 });
    queue.register(Echo, async ({ n }) => {
      seen.push(n);
    });
    await queue.enqueue(database.db, Echo, { n: 1 });
    await queue.enqueue(database.db, Echo, { n: 2 });
    // A process died while running job 1 (10 minutes ago) and job 2 (just now, maybe still alive).
    await database.execute(
      `update jobs set status = 'running', attempts = 1, locked_by = 'dead',
              locked_at = now() - interval '10 minutes' where payload->>'n' = '1'`,
    );
    await database.execute(
      `update jobs set status = 'running', attempts = 1, locked_by = 'alive', locked_at = now()
        where payload->>'n' = '2'`,
    );
    expect(await queue.runDue()).toBe(1);
    expect(seen).toEqual([1]);
    const rows = await database.execute<{ n: string; status: string; attempts: number }>(
      `select payload->>'n' as n, status, attempts from jobs order by id`,
    );
    expect(rows).toEqual([
      { n: '1', status: 'done', attempts: 2 },
      { n: '2', status: 'running', attempts: 1 },
    ]);
  });

  it('runs a pinned job only in the process that queued it, until that process is gone', async () => {
    const seen: { worker: string; orphaned: boolean }[] = [];
    const make = (lockTimeoutMs: number) => {
      const q = createJobQueue({ database, lockTimeoutMs });
      q.register(Echo, async (_p, ctx) => {
        seen.push({ worker: q.workerId, orphaned: ctx.orphaned });
      });
      return q;
    };
    const owner = make(60_000);
    const other = make(60_000);
    const id = await owner.enqueue(database.db, Echo, { n: 1 }, { pinned: true });
    expect(id).toBeGreaterThan(0);
    expect(await other.runDue()).toBe(0); // pinned to the owner
    expect(await owner.runDue()).toBe(1);
    expect(seen).toEqual([{ worker: owner.workerId, orphaned: false }]);

    // The owner's process is gone: once the job is older than the lock timeout, another worker takes it as
    // orphaned (its handler settles it); a plain job is never marked orphaned.
    seen.length = 0;
    await owner.enqueue(database.db, Echo, { n: 2 }, { pinned: true });
    await database.execute(
      `update jobs set created_at = now() - interval '2 minutes' where payload->>'n' = '2'`,
    );
    expect(await other.runDue()).toBe(1);
    await other.enqueue(database.db, Echo, { n: 3 });
    expect(await owner.runDue()).toBe(1);
    expect(seen).toEqual([
      { worker: other.workerId, orphaned: true },
      { worker: owner.workerId, orphaned: false },
    ]);
    // A deduplicated enqueue returns no id.
    await owner.enqueue(database.db, Echo, { n: 4 }, { dedupeKey: 'pin-dedupe' });
    expect(await owner.enqueue(database.db, Echo, { n: 5 }, { dedupeKey: 'pin-dedupe' })).toBeNull();
  });

  it('stops with the app: the loop ends and no job is left half-done', async () => {
    const queue = createJobQueue({ database, pollMs: 10 });
    const seen: number[] = [];
    queue.register(Echo, async ({ n }) => {
      await sleep(20);
      seen.push(n);
    });
    for (let n = 0; n < 3; n++) await queue.enqueue(database.db, Echo, { n });
    queue.start();
    await sleep(30);
    await queue.stop();
    const rows = await state('test.echo');
    expect(rows.filter((r) => r.status === 'running')).toEqual([]);
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(seen.length);
  });
});
