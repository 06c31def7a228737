import type { FastifyPluginAsync } from 'fastify';
import { createForecastsRepository } from './forecasts.repository';
import { forecastsRoutes } from './forecasts.routes';
import { createForecastsService, type ForecastsDeps } from './forecasts.service';

export { seedForecastsDemoData } from './forecasts.demo';
export type { ForecastsService } from './forecasts.service';

export type ForecastsOptions = ForecastsDeps & {
  /** Milliseconds between registry rollups of enrolment_snapshots (0: only at start and on request). */
  rollupIntervalMs?: number;
};

/**
 * Dự báo (seed 004 §1, issue 5 §5): enrolment per grade for 5 and 10 years by the cohort-survival method from the
 * per-grade history (registry rollup + reported years), births for grade 1, classes under the class-size caps,
 * teachers under Circular 20/2023 and the surplus or shortage per subject group.
 *
 * The registry rollup (students per school × year × grade) is recomputed when the app starts, every
 * `rollupIntervalMs` (default 6 hours: enrolment changes slowly and forecasts are yearly) and on
 * POST /api/forecasts/refresh; forecasts read only the rollup.
 */
export const forecastsPlugin: FastifyPluginAsync<ForecastsOptions> = async (app, opts) => {
  await app.register(forecastsRoutes, { forecasts: createForecastsService(opts) });
  const rollup = async () => {
    try {
      await opts.database.transaction(async (tx) => {
        const repo = createForecastsRepository(tx);
        const schools = await repo.schoolsUnder('/');
        await repo.rollupFromRegistry(schools.map((s) => s.id));
      });
    } catch (err) {
      app.log.error({ err }, 'forecasts rollup failed');
    }
  };
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    await rollup();
    const every = opts.rollupIntervalMs ?? 6 * 3600_000;
    if (every > 0) {
      timer = setInterval(() => void rollup(), every);
      timer.unref();
    }
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
};
