import { jobs, type Queryable } from '@smartedu/db';
import { and, eq, lt, sql } from 'drizzle-orm';

export type JobRow = typeof jobs.$inferSelect;

/** The only file that touches the jobs table. */
export function createJobsRepository(db: Queryable) {
  return {
    /** Inserts jobs in bulk; a job whose dedupe key is taken is skipped. */
    async insert(
      rows: {
        name: string;
        payload: unknown;
        runAt?: Date;
        maxAttempts: number;
        dedupeKey?: string;
        affinity?: string;
      }[],
    ): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += 500) {
        const created = await db
          .insert(jobs)
          .values(
            rows.slice(i, i + 500).map((r) => ({
              name: r.name,
              payload: r.payload,
              runAt: r.runAt ?? sql`now()`,
              maxAttempts: r.maxAttempts,
              dedupeKey: r.dedupeKey ?? null,
              affinity: r.affinity ?? null,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: jobs.id });
        ids.push(...created.map((c) => Number(c.id)));
      }
      return ids;
    },

    /**
     * Claims the next due job among `names`: a pending one whose time has come, or a running one whose worker
     * stopped holding it longer than `lockTimeoutMs` ago (the process died or restarted). One statement, and
     * `FOR UPDATE SKIP LOCKED` lets several workers on PostgreSQL claim different jobs without waiting on
     * each other; on PGlite there is a single connection and one worker, so the same statement claims serially.
     * A job pinned to a worker (`affinity`) is claimed by that worker, or by any once it is older than the lock
     * timeout (its process is gone: the handler settles it).
     */
    async claim(names: string[], workerId: string, lockTimeoutMs: number): Promise<JobRow | null> {
      if (names.length === 0) return null;
      const nameList = sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      );
      const stale = sql`now() - (${lockTimeoutMs}::double precision * interval '1 millisecond')`;
      const rows = await db.execute(sql`
        update ${jobs}
           set status = 'running', attempts = ${jobs.attempts} + 1, locked_at = now(), locked_by = ${workerId}
         where ${jobs.id} = (
           select j.id from ${jobs} j
            where j.name in (${nameList})
              and ((j.status = 'pending' and j.run_at <= now())
                or (j.status = 'running' and j.locked_at < ${stale}))
              and (j.affinity is null or j.affinity = ${workerId} or j.created_at < ${stale})
            order by j.run_at, j.id
            limit 1
            for update skip locked)
        returning ${jobs.id} as id, ${jobs.name} as name, ${jobs.payload} as payload,
                  ${jobs.attempts} as attempts, ${jobs.maxAttempts} as max_attempts, ${jobs.lastError} as last_error,
                  ${jobs.affinity} as affinity`);
      const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
        id: number | string;
        name: string;
        payload: unknown;
        attempts: number;
        max_attempts: number;
        last_error: string | null;
        affinity: string | null;
      }[];
      const row = list[0];
      if (!row) return null;
      return {
        id: Number(row.id),
        name: row.name,
        payload: row.payload,
        attempts: row.attempts,
        maxAttempts: row.max_attempts,
        lastError: row.last_error,
        affinity: row.affinity,
      } as JobRow;
    },

    /** Marks a claimed job done; ignored when another worker has taken the job over meanwhile. */
    async complete(id: number, workerId: string) {
      await db
        .update(jobs)
        .set({ status: 'done', finishedAt: sql`now()`, lockedAt: null, lastError: null })
        .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')));
    },

    /** A failed run: back to pending after `retryInMs`, or failed for good when `retryInMs` is null. */
    async fail(id: number, workerId: string, error: string, retryInMs: number | null) {
      await db
        .update(jobs)
        .set(
          retryInMs === null
            ? { status: 'failed', lastError: error, lockedAt: null, finishedAt: sql`now()` }
            : {
                status: 'pending',
                lastError: error,
                lockedAt: null,
                runAt: sql`now() + (${retryInMs}::double precision * interval '1 millisecond')`,
              },
        )
        .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')));
    },

    /** Deletes finished jobs older than `olderThanMs` (failed ones are kept for inspection). */
    async prune(olderThanMs: number) {
      await db
        .delete(jobs)
        .where(
          and(
            eq(jobs.status, 'done'),
            lt(jobs.finishedAt, sql`now() - (${olderThanMs}::double precision * interval '1 millisecond')`),
          ),
        );
    },

    async get(id: number) {
      const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
      return row ?? null;
    },
  };
}
export type JobsRepository = ReturnType<typeof createJobsRepository>;
