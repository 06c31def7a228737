import type { Database, Queryable } from '@smartedu/db';
import type { AccessService } from '../access';
import type { AuditRepository } from '../audit';

/** What every registry service receives. */
export type RegistryDeps = { database: Database; access: AccessService; audit: AuditRepository };

export const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;
export const toIsoDate = (d: string | Date | null) =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString().slice(0, 10);
export type { Queryable };

/** Fields that changed between two versions of a row (for audit entries). */
export function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>) {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (patch[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(patch[key] ?? null)) {
      b[key] = before[key];
      a[key] = patch[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
