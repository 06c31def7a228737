import type { FastifyPluginAsync } from 'fastify';
import { gradebookRoutesWith } from './gradebook.routes';
import { createGradebookService, type GradebookDeps } from './gradebook.service';

export { seedGradebookDemoResults } from './gradebook.demo';
export type {
  GradeResultsChangedEvent,
  GradeTermLockChangedEvent,
  UnlockRequestDecidedEvent,
} from './gradebook.events';
export { createGradebookService, type GradebookDeps, type GradebookService } from './gradebook.service';

/**
 * Sổ điểm điện tử: the score grid (Circular 22 / 27 slots, validation, autosave), Excel template, export and
 * import, conduct, approval and lock / unlock with a reason, the computed results (rollups) and the family
 * report.
 */
export const gradebookRoutes: FastifyPluginAsync<GradebookDeps> = async (app, deps) => {
  const gradebook = createGradebookService(deps);
  // Buổi nghỉ changed in the attendance module: recount them into the year results (promotion, học bạ).
  deps.events?.on('attendance.absences_changed', (e) => gradebook.refreshAbsences(e.schoolId, e.studentIds));
  await app.register(gradebookRoutesWith, { gradebook });
};
