export { createAccessRepository, type ScopeColumns, scopeCondition } from './access.repository';
export { type ActorLinks, computeScope, scopeCovers } from './access.rules';
export { type AccessService, createAccessService } from './access.service';
export type { Actor, RoleGrant, Scope, Target } from './access.types';
