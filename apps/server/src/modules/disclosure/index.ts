import type { FastifyPluginAsync } from 'fastify';
import { disclosureRoutes } from './disclosure.routes';
import { createDisclosureService, type DisclosureDeps } from './disclosure.service';

export type { DisclosureService } from './disclosure.service';

export type DisclosureOptions = DisclosureDeps & {
  /** Public feedback submissions per IP and window (default 5 per 10 minutes). */
  feedbackRate?: { max: number; timeWindowMs: number };
};

/**
 * Công khai (Circular 09/2024/TT-BGDĐT): public pages per school and department generated from the rollups and
 * registry, PDF documents per section, and citizens' feedback tracked to an answer.
 */
export const disclosurePlugin: FastifyPluginAsync<DisclosureOptions> = async (app, opts) => {
  await app.register(disclosureRoutes, {
    disclosure: createDisclosureService(opts),
    feedbackRate: opts.feedbackRate ?? { max: 5, timeWindowMs: 10 * 60_000 },
  });
};
