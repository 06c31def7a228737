import { type Database, seedOperationsDemo } from '@smartedu/db';
import { classifyProgress } from '@smartedu/domain';
import { createAccessRepository, createAccessService } from '../access';
import { createAuditRepository } from '../audit';
import { createRollupsService } from './rollups.service';
import { createTargetsService } from './targets.service';

/**
 * The Lai Châu demo's operations data (Kế hoạch 596/KH-UBND, the pilot's rooms, equipment, budget…), then
 * the rollups of every school and today's snapshots, so that the dashboards are ready at the first request.
 */
export async function seedOperationsDemoData(database: Database, now: () => Date = () => new Date()) {
  const seeded = await seedOperationsDemo(database.db, {
    transaction: database.transaction,
    rules: { classify: classifyProgress },
  });
  const refreshed = await refreshAllRollups(database, now);
  return { ...seeded, refreshed };
}

/** Recomputes the rollups of every school (boot after a seed, benchmarks, repairs). */
export async function refreshAllRollups(database: Database, now: () => Date = () => new Date()) {
  const targets = createTargetsService({
    database,
    access: createAccessService(createAccessRepository(database.db)),
    audit: createAuditRepository(),
    now,
  });
  const rollups = createRollupsService({ database, now, onRefreshed: (ids) => targets.writeSnapshots(ids) });
  return rollups.sweep(100_000);
}
