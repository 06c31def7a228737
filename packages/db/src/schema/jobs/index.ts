import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Background jobs: a database-backed queue that works on PGlite and PostgreSQL. Not school-owned (the worker
 * scans it across schools); under Citus it stays a local table on the coordinator.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'), // pending | running | done | failed
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    /** Enqueueing the same key twice keeps the first job (e.g. one e-mail per absence and guardian). */
    dedupeKey: text('dedupe_key'),
    /**
     * The worker that must run the job, when it needs something only that process holds (a signing key kept
     * in memory, never stored). Other workers take it only once it is older than the lock timeout, to settle
     * it as failed (its process is gone).
     */
    affinity: text('affinity'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt), uniqueIndex('jobs_dedupe_uq').on(t.dedupeKey)],
);
