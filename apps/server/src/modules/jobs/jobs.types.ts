import type { Database, Queryable } from '@smartedu/db';
import type { z } from 'zod';

/** A kind of background job: its name and the Zod schema of its payload. */
export type JobType<S extends z.ZodType = z.ZodType> = { name: string; payload: S };

export const defineJob = <S extends z.ZodType>(name: string, payload: S): JobType<S> => ({ name, payload });

/** What a handler receives besides its payload. */
export type JobContext = {
  database: Database;
  jobId: number;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /**
   * The job was pinned to another worker (`EnqueueOptions.pinned`) whose process is gone: what only that
   * process held is not here, and the handler should settle the job (mark its work failed) and return.
   */
  orphaned: boolean;
};

export type JobHandler<S extends z.ZodType> = (payload: z.output<S>, ctx: JobContext) => Promise<void>;

export type JobHandlerOptions = {
  /** Runs before the job is marked failed for good (default: the queue's). */
  maxAttempts?: number;
};

export type EnqueueOptions = {
  /** Not before this time (default: now). */
  runAt?: Date;
  maxAttempts?: number;
  /** A second job with the same key is not enqueued while the first is kept in the table. */
  dedupeKey?: string;
  /**
   * Run by this process's worker only (the job needs something held in this process's memory, such as a
   * signing key that must never be stored). Another worker takes it only after the lock timeout, as orphaned.
   */
  pinned?: boolean;
};

/**
 * Enqueues in the caller's transaction: the job exists exactly when the change that asked for it commits.
 * Resolves to the job's id (null when a job with the same dedupe key is already there).
 */
export type Enqueue = <S extends z.ZodType>(
  db: Queryable,
  type: JobType<S>,
  payload: z.input<S>,
  options?: EnqueueOptions,
) => Promise<number | null>;

export type EnqueueMany = <S extends z.ZodType>(
  db: Queryable,
  type: JobType<S>,
  items: { payload: z.input<S>; options?: EnqueueOptions }[],
) => Promise<void>;
