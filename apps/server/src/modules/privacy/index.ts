import type { FastifyPluginAsync } from 'fastify';
import { privacyRoutesWith } from './privacy.routes';
import { createPrivacyService, type PrivacyDeps } from './privacy.service';

export { createPrivacyService, type PrivacyDeps, type PrivacyService } from './privacy.service';

/**
 * Personal data of students (Decree 13/2023/NĐ-CP, Personal Data Protection Law): export of everything held
 * about a student for a guardian's request, anonymisation of a departed student's non-archival data, consent
 * records for optional processing. The breach runbook is docs/security/breach-runbook.md.
 */
export const privacyRoutes: FastifyPluginAsync<PrivacyDeps> = async (app, deps) => {
  await app.register(privacyRoutesWith, { privacy: createPrivacyService(deps) });
};
