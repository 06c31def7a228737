import type { DashboardAlert } from '@smartedu/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { EventBus } from '../../events';
import type { Actor } from '../access';
import { createDashboardService } from './dashboard.service';
import type { OperationsDeps } from './operations.deps';
import { operationsRoutes } from './operations.routes';
import { pilotRoutes } from './pilot.routes';
import { createPilotService } from './pilot.service';
import { createRollupsService } from './rollups.service';
import { createTargetsService } from './targets.service';

export { refreshAllRollups, seedOperationsDemoData } from './operations.demo';
export type { OperationsDeps } from './operations.deps';
export type { RollupsService } from './rollups.service';

export type OperationsOptions = Omit<OperationsDeps, 'now'> & {
  events: EventBus;
  now?: () => Date;
  /** Map tiles ('https://…/{z}/{x}/{y}.png'); null: markers on a plain background. */
  map: { tileUrl: string | null; tileAttribution: string | null };
  /** Seconds between rollup sweeps (0: none; tests and benchmarks refresh explicitly). */
  refreshSeconds: number;
  /** Alerts other modules add to the dashboards (e.g. late statistics reports). */
  alertSources?: DashboardAlertSource[];
  /** Receives the read port other modules use (the targets' live progress for a unit). */
  expose?: (api: OperationsReadPort) => void;
};

export type DashboardAlertSource = (
  unit: { id: string; path: string; kind: string },
  at: Date,
) => Promise<DashboardAlert[]>;
export type OperationsReadPort = {
  /** The active plans' targets with their live value and traffic light, as the unit's dashboard shows them. */
  targetProgress: (
    actor: Actor,
    unitId: string,
  ) => Promise<
    {
      planCode: string;
      code: string;
      title: string;
      measure: string;
      value: number | null;
      targetValue: number;
      status: 'on_track' | 'at_risk' | 'off_track' | 'no_data';
    }[]
  >;
};

/**
 * Trung tâm điều hành: plans and targets (computed by named definitions, or reported with evidence), the
 * smart-classroom pilot, and the department / school dashboards. Everything the dashboards show is read from
 * rollups kept current as records change (events, this module's writes, the audit feed, a periodic sweep).
 */
export const operationsPlugin: FastifyPluginAsync<OperationsOptions> = async (app, opts) => {
  const deps: OperationsDeps = {
    database: opts.database,
    access: opts.access,
    audit: opts.audit,
    now: opts.now ?? (() => new Date()),
  };
  const rollups = createRollupsService({ database: deps.database, now: deps.now, log: app.log });
  const targets = createTargetsService({ ...deps, refreshSchools: (ids) => rollups.refreshSchools(ids) });
  rollups.setOnRefreshed((schoolIds) => targets.writeSnapshots(schoolIds));
  const dashboard = createDashboardService({
    ...deps,
    targets,
    rollups,
    alertSources: opts.alertSources ?? [],
  });
  opts.expose?.({
    targetProgress: async (actor, unitId) =>
      (await dashboard.department(actor, unitId)).plans.flatMap((p) =>
        p.targets.map((t) => ({
          planCode: p.code,
          code: t.code,
          title: t.title,
          measure: t.measure,
          value: t.value,
          targetValue: t.targetValue,
          status: t.status,
        })),
      ),
  });
  const pilot = createPilotService({ ...deps, rollups, targets });

  // Writers tell us through their events; the rollup of that school is recomputed shortly after.
  opts.events.on('gradebook.results_changed', (e) => rollups.requestRefresh(e.schoolId));
  opts.events.on('gradebook.term_lock_changed', (e) => rollups.requestRefresh(e.schoolId));
  opts.events.on('attendance.absence_recorded', (e) => rollups.requestRefresh(e.schoolId));

  await app.register(operationsRoutes, { targets, dashboard, map: opts.map });
  await app.register(pilotRoutes, { pilot });
  app.addHook('onReady', async () => rollups.start(opts.refreshSeconds * 1000));
  app.addHook('onClose', async () => rollups.stop());
};
