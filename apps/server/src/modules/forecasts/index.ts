import type { FastifyPluginAsync } from 'fastify';
import { forecastsRoutes } from './forecasts.routes';
import { createForecastsService, type ForecastsDeps } from './forecasts.service';

export { seedForecastsDemoData } from './forecasts.demo';
export type { ForecastsService } from './forecasts.service';

/**
 * Dự báo (seed 004 §1, issue 5 §5): enrolment per grade for 5 and 10 years by the cohort-survival method from the
 * per-grade history (registry rollup + reported years), births for grade 1, classes under the class-size caps,
 * teachers under Circular 20/2023 and the surplus or shortage per subject group.
 */
export const forecastsPlugin: FastifyPluginAsync<ForecastsDeps> = async (app, deps) => {
  await app.register(forecastsRoutes, { forecasts: createForecastsService(deps) });
};
