import type { Database } from '@smartedu/db';
import { addDays, attendanceReferenceDay, vietnamDate } from './operations.dates';
import { createRollupsRepository } from './rollups.repository';

export type RollupsLogger = {
  error: (obj: object, msg?: string) => void;
  info: (obj: object, msg?: string) => void;
};

export type RollupsDeps = {
  database: Database;
  now: () => Date;
  log?: RollupsLogger;
  /** Days of attendance kept in the rollup (today included). */
  attendanceDays?: number;
  /** Called after schools were refreshed (writes the targets' snapshots). */
  onRefreshed?: (schoolIds: string[]) => Promise<void>;
};

const FEED = 'audit_log';
const FEED_OVERLAP_MS = 5 * 60_000;

/**
 * Keeps the operations rollup current. A school is recomputed (one transaction, its own rows only) when:
 * - a module tells us through an event (gradebook results changed, an absence recorded), debounced;
 * - this module writes (equipment, rooms, usage, reports): refreshed right after the commit;
 * - the audit log shows a write for the school since the last sweep (every module audits its writes, so
 *   modules without events are covered: registry edits, roll calls, imports);
 * - it has not been refreshed yet today (the day's snapshot, attendance "today").
 * The periodic sweep runs every `refreshSeconds` (OPS_REFRESH_SECONDS); dashboards only ever read the rollup.
 */
export function createRollupsService(deps: RollupsDeps) {
  const { database, now } = deps;
  const log = deps.log ?? { error: () => {}, info: () => {} };
  const attendanceDays = deps.attendanceDays ?? 14;
  const repo = createRollupsRepository(database.db);
  let onRefreshed = deps.onRefreshed;
  let timer: NodeJS.Timeout | null = null;
  let debounce: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const pending = new Set<string>();

  /** Recomputes the schools one by one (each in its own transaction) and writes the day's snapshots. */
  async function refreshSchools(schoolIds: string[]): Promise<{ schools: number; ms: number }> {
    const t0 = performance.now();
    const ids = [...new Set(schoolIds)];
    if (ids.length === 0) return { schools: 0, ms: 0 };
    const years = await repo.schoolYearsToRefresh();
    const day = attendanceReferenceDay(vietnamDate(now()), await repo.currentSchoolYear());
    const window = { from: addDays(day, -(attendanceDays - 1)), to: day };
    for (const schoolId of ids) {
      const started = new Date();
      const t = performance.now();
      await database.transaction(async (tx) => {
        const r = createRollupsRepository(tx);
        await r.lockSchool(schoolId);
        const groups = await r.groupsOf(schoolId);
        for (const year of years) {
          const { before, after } = await r.recomputeSchool(schoolId, year, window);
          await r.applyGroupDelta(groups, year.id, before, after);
        }
        await r.markRefreshed(schoolId, started, performance.now() - t);
      });
    }
    await onRefreshed?.(ids);
    return { schools: ids.length, ms: performance.now() - t0 };
  }

  /** One pass: follow the audit feed, then refresh what is dirty or not yet refreshed today. */
  async function sweep(limit = 100): Promise<{ schools: number; ms: number }> {
    const { schoolIds } = await repo.changedSchoolsSince(FEED, FEED_OVERLAP_MS);
    await repo.markDirty(schoolIds);
    const today = vietnamDate(now());
    const startOfDay = new Date(`${today}T00:00:00+07:00`);
    const due = await repo.dueSchools(startOfDay, limit);
    return refreshSchools(due);
  }

  /** Serialises background work: one sweep or debounced refresh at a time. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = (running ?? Promise.resolve()).then(fn, fn);
    running = next.catch(() => undefined);
    return next;
  }

  return {
    refreshSchools: (ids: string[]) => exclusive(() => refreshSchools(ids)),
    sweep: (limit?: number) => exclusive(() => sweep(limit)),

    /** A module reported a change: mark the school and refresh it shortly (changes are coalesced). */
    requestRefresh(schoolId: string) {
      pending.add(schoolId);
      void repo.markDirty([schoolId]).catch((err) => log.error({ err }, 'ops: markDirty failed'));
      if (debounce) return;
      debounce = setTimeout(() => {
        debounce = null;
        const ids = [...pending];
        pending.clear();
        void exclusive(() => refreshSchools(ids)).catch((err) =>
          log.error({ err, schools: ids.length }, 'ops: refresh failed'),
        );
      }, 1500);
    },

    /** Waits for queued background work (tests, shutdown). */
    async settle() {
      if (debounce) {
        clearTimeout(debounce);
        debounce = null;
        const ids = [...pending];
        pending.clear();
        await exclusive(() => refreshSchools(ids));
      }
      await running;
    },

    start(intervalMs: number) {
      if (intervalMs <= 0 || timer) return;
      const tick = () =>
        void exclusive(() => sweep()).catch((err) => log.error({ err }, 'ops: rollup sweep failed'));
      timer = setInterval(tick, intervalMs);
      timer.unref();
      setTimeout(tick, 2000).unref(); // first pass soon after boot: today's rollups and snapshots
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (debounce) clearTimeout(debounce);
      debounce = null;
      await running;
    },

    setOnRefreshed(fn: (schoolIds: string[]) => Promise<void>) {
      onRefreshed = fn;
    },

    repository: repo,
  };
}
export type RollupsService = ReturnType<typeof createRollupsService>;
