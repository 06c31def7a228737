import type { FastifyPluginAsync } from 'fastify';
import type { RegistryDeps } from '../registry';

export type ImportDeps = RegistryDeps & { dataDir: string };

/** Excel import and export (placeholder until the module lands in this commit series). */
export const importRoutes: FastifyPluginAsync<ImportDeps> = async () => {};
