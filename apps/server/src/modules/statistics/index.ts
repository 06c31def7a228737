import type { FastifyPluginAsync } from 'fastify';
import { createScoresService } from './scores.service';
import type { StatisticsDeps } from './statistics.deps';
import { statisticsRoutes } from './statistics.routes';
import { createStatisticsService } from './statistics.service';

export { seedStatisticsDemoData } from './statistics.demo';
export type { AlertSource, NotifySchoolStaff, PlanProgressPort, StatisticsDeps } from './statistics.deps';

/**
 * Thống kê giáo dục điện tử (seed 003 §5, §III) and score comparisons between schools (seed 004 §1): builds
 * the services and registers the reminder job. Register `statisticsRoutes` with the result; give
 * `alertsFor` to the operations dashboard.
 */
export function createStatistics(deps: StatisticsDeps) {
  const statistics = createStatisticsService(deps);
  const scores = createScoresService(deps);
  return { statistics, scores, alertsFor: statistics.alertsFor };
}
export type Statistics = ReturnType<typeof createStatistics>;

export const statisticsRoutesPlugin: FastifyPluginAsync<Statistics> = async (app, s) => {
  await app.register(statisticsRoutes, { statistics: s.statistics, scores: s.scores });
};
