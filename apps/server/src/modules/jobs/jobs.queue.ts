import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '@smartedu/db';
import type { z } from 'zod';
import { createJobsRepository } from './jobs.repository';
import type {
  Enqueue,
  EnqueueMany,
  EnqueueOptions,
  JobHandler,
  JobHandlerOptions,
  JobType,
} from './jobs.types';

type Logger = {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
};
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export type JobQueueOptions = {
  database: Database;
  log?: Logger;
  /** How often an idle worker looks for due jobs (default 1 s). */
  pollMs?: number;
  /** A job 'running' longer than this is taken to be abandoned (its process died) and is run again. */
  lockTimeoutMs?: number;
  /** Jobs run at once by this process; always 1 on PGlite (one connection). Default 4 on PostgreSQL. */
  concurrency?: number;
  maxAttempts?: number;
  /** Retry n waits backoffBaseMs · 2^(n-1), at most backoffMaxMs. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Finished jobs older than this are deleted (default 7 days). */
  keepDoneMs?: number;
};

type Registered = { type: JobType; handler: JobHandler<z.ZodType>; options: JobHandlerOptions };

/**
 * A small database-backed job queue (Documenso-style typed jobs): each job kind has a name, a Zod payload and
 * a handler. Jobs are rows in `jobs` (status, attempts, run_at, last_error); `enqueue` writes in the caller's
 * transaction; a worker loop polls for due jobs, runs them one by one (several at once on PostgreSQL, where
 * claims use `FOR UPDATE SKIP LOCKED`), retries failures with exponential backoff and picks up jobs that a
 * stopped process left running.
 */
export function createJobQueue(opts: JobQueueOptions) {
  const { database } = opts;
  const log = opts.log ?? silent;
  const pollMs = opts.pollMs ?? 1000;
  const lockTimeoutMs = opts.lockTimeoutMs ?? 5 * 60_000;
  const concurrency = database.kind === 'pglite' ? 1 : Math.max(1, opts.concurrency ?? 4);
  const defaultMaxAttempts = opts.maxAttempts ?? 5;
  const backoffBaseMs = opts.backoffBaseMs ?? 10_000;
  const backoffMaxMs = opts.backoffMaxMs ?? 3_600_000;
  const keepDoneMs = opts.keepDoneMs ?? 7 * 24 * 3_600_000;
  const workerId = `worker-${randomUUID()}`;
  const repo = createJobsRepository(database.db);
  const registry = new Map<string, Registered>();

  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let lastPrune = 0;
  const loops = new Set<Promise<void>>();

  const backoff = (attempt: number) => Math.min(backoffBaseMs * 2 ** (attempt - 1), backoffMaxMs);

  /** Claims and runs one due job; false when none was due. */
  async function runOne(): Promise<boolean> {
    const job = await repo.claim([...registry.keys()], workerId, lockTimeoutMs);
    if (!job) return false;
    const entry = registry.get(job.name)!;
    const maxAttempts = job.maxAttempts;
    if (job.attempts > maxAttempts) {
      await repo.fail(job.id, workerId, job.lastError ?? 'abandoned too many times', null);
      return true;
    }
    const parsed = entry.type.payload.safeParse(job.payload);
    if (!parsed.success) {
      log.error({ job: job.name, jobId: job.id }, 'job payload does not match its schema');
      await repo.fail(job.id, workerId, `invalid payload: ${parsed.error.message}`.slice(0, 2000), null);
      return true;
    }
    try {
      const orphaned = job.affinity !== null && job.affinity !== workerId;
      await withTimeout(
        entry.handler(parsed.data, { database, jobId: job.id, attempt: job.attempts, orphaned }),
      );
      await repo.complete(job.id, workerId);
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      const retry = job.attempts < maxAttempts ? backoff(job.attempts) : null;
      log.warn({ job: job.name, jobId: job.id, attempt: job.attempts, retryInMs: retry, err }, 'job failed');
      await repo.fail(job.id, workerId, message, retry);
    }
    return true;
  }

  /** A handler that hangs is abandoned at the lock timeout (it would be claimed again by then anyway). */
  function withTimeout(p: Promise<void>): Promise<void> {
    let t: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error('job timed out')), lockTimeoutMs);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(t));
  }

  async function poll() {
    timer = null;
    if (!running) return;
    try {
      if (Date.now() - lastPrune > 3_600_000) {
        lastPrune = Date.now();
        await repo.prune(keepDoneMs);
      }
      const workers = Array.from({ length: concurrency }, async () => {
        while (running && (await runOne())) {}
      });
      const all = Promise.all(workers).then(() => undefined);
      loops.add(all);
      await all.finally(() => loops.delete(all));
    } catch (err) {
      log.error({ err }, 'job worker poll failed');
    }
    if (running && !timer) timer = setTimeout(() => void poll(), pollMs);
  }

  const insertJobs = async (
    db: Queryable,
    type: JobType,
    items: { payload: unknown; options?: EnqueueOptions }[],
  ) => {
    if (items.length === 0) return [];
    const fallback = registry.get(type.name)?.options.maxAttempts ?? defaultMaxAttempts;
    return createJobsRepository(db).insert(
      items.map(({ payload, options = {} }) => ({
        name: type.name,
        payload: type.payload.parse(payload),
        runAt: options.runAt,
        maxAttempts: options.maxAttempts ?? fallback,
        dedupeKey: options.dedupeKey,
        affinity: options.pinned ? workerId : undefined,
      })),
    );
  };
  const enqueueMany: EnqueueMany = async (db, type, items) => {
    await insertJobs(db, type, items);
  };
  const enqueue: Enqueue = async (db, type, payload, options) =>
    (await insertJobs(db, type, [{ payload, options }]))[0] ?? null;

  return {
    workerId,
    register<S extends z.ZodType>(type: JobType<S>, handler: JobHandler<S>, options: JobHandlerOptions = {}) {
      if (registry.has(type.name)) throw new Error(`job ${type.name} is already registered`);
      registry.set(type.name, { type, handler: handler as JobHandler<z.ZodType>, options });
    },
    enqueue,
    enqueueMany,
    /** Runs due jobs until none is left (tests, CLI); returns how many ran. */
    async runDue(): Promise<number> {
      let n = 0;
      while (await runOne()) n++;
      return n;
    },
    /** Starts the worker loop (app.ts: when the app is ready). */
    start() {
      if (running) return;
      running = true;
      timer = setTimeout(() => void poll(), 0);
    },
    /** Looks for due jobs now instead of at the next poll (after a commit that enqueued one). */
    wake() {
      if (!running || !timer) return;
      clearTimeout(timer);
      timer = setTimeout(() => void poll(), 0);
    },
    /** Stops polling and waits for the jobs being run (app close). */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...loops]);
    },
  };
}
export type JobQueue = ReturnType<typeof createJobQueue>;
