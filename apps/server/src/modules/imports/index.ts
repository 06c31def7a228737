import type { FastifyPluginAsync } from 'fastify';
import type { RegistryDeps } from '../registry';
import { importRoutesWith } from './imports.routes';
import { createImportsService } from './imports.service';

export type ImportDeps = RegistryDeps & { dataDir: string };
export { systemSchoolAdmin } from './imports.cli';
export { createImportsService, type ImportsService } from './imports.service';

/**
 * Excel import and export: templates with dropdowns, upload → validation report → commit (all or valid rows),
 * or one pass for the CLI and integrations, and an Excel export of every list.
 */
export const importRoutes: FastifyPluginAsync<ImportDeps> = async (app, deps) => {
  await app.register(importRoutesWith, { imports: createImportsService(deps) });
};
