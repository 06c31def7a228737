import type { Permission } from '@smartedu/contracts';
import { AppError, forbidden } from '../../errors';
import type { AccessRepository } from './access.repository';
import { type ActorLinks, computeScope, scopeCovers } from './access.rules';
import type { Actor, Scope, Target } from './access.types';

/**
 * Authorisation in one place. Every use case starts with `scope()` (lists) or `require()` (one record).
 * Links (a teacher's classes, a parent's children) are loaded once per actor object and cached on it.
 */
export function createAccessService(repo: AccessRepository) {
  const linkCache = new WeakMap<Actor, Promise<ActorLinks>>();
  const links = (actor: Actor) => {
    let p = linkCache.get(actor);
    if (!p) {
      p = repo.loadLinks(actor);
      linkCache.set(actor, p);
    }
    return p;
  };

  async function scope(actor: Actor, permission: Permission): Promise<Scope> {
    return computeScope(actor, permission, await links(actor));
  }

  async function require(actor: Actor, permission: Permission, target: Target): Promise<void> {
    const s = await scope(actor, permission);
    const schoolPath = target.schoolPath ?? (await repo.unitPath(target.schoolId));
    if (!schoolPath) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị');
    if (!scopeCovers(s, { ...target, schoolPath })) throw forbidden();
  }

  return { scope, require, links };
}
export type AccessService = ReturnType<typeof createAccessService>;
