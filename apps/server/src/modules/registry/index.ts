import type { FastifyPluginAsync } from 'fastify';
import { createClassesService } from './classes.service';
import { guardiansRoutes } from './guardians.routes';
import { createGuardiansService } from './guardians.service';
import { createReferenceService } from './reference.service';
import { coreRegistryRoutes } from './registry.routes';
import type { RegistryDeps } from './shared';
import { staffRoutes } from './staff.routes';
import { createAssignmentsService, createStaffService } from './staff.service';
import { createStudentsService } from './students.service';
import { createUnitsService } from './units.service';

export type { RegistryDeps } from './shared';

/** The registry module: units, reference data, classes, students, guardians, staff. */
export const registryRoutes: FastifyPluginAsync<RegistryDeps> = async (app, deps) => {
  await app.register(coreRegistryRoutes, {
    units: createUnitsService(deps),
    reference: createReferenceService(deps.database.db),
    classes: createClassesService(deps),
    students: createStudentsService(deps),
  });
  await app.register(guardiansRoutes, { guardians: createGuardiansService(deps) });
  await app.register(staffRoutes, {
    staff: createStaffService(deps),
    assignments: createAssignmentsService(deps),
  });
};
