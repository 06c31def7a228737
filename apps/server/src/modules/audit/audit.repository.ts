import type { AuditQuery } from '@smartedu/contracts';
import { auditLog, type Queryable } from '@smartedu/db';
import { and, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, type Scope, scopeCondition } from '../access';

export type AuditRecord = {
  schoolId: string;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Drops secrets before they reach the log. */
const REDACT = new Set(['passwordHash', 'password', 'tokenHash', 'csrfToken']);
function redact(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = REDACT.has(k) ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

/** From this many entries on, one JSON parameter carries them all (bulk imports, year-end batches). */
const BULK_FROM = 20;
const BULK_CHUNK = 5000;

/**
 * Many entries in one statement per chunk: the rows travel as one JSON parameter and the database expands them
 * (`json_to_recordset`), instead of nine bound parameters per row.
 */
async function recordBulk(tx: Queryable, actor: Actor | null, list: AuditRecord[]) {
  const actorUserId = actor && actor.via !== 'system' ? actor.userId : null;
  const actorName = actor ? actor.fullName : 'system';
  const ip = actor?.ip ?? null;
  for (let i = 0; i < list.length; i += BULK_CHUNK) {
    const json = JSON.stringify(
      list.slice(i, i + BULK_CHUNK).map((e) => ({
        school_id: e.schoolId,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId ?? null,
        before: redact(e.before),
        after: redact(e.after),
      })),
    );
    await tx.execute(sql`
      insert into ${auditLog} ("school_id", "actor_user_id", "actor_name", "action", "entity", "entity_id",
        "before", "after", "ip")
      select x.school_id, ${actorUserId}::uuid, ${actorName}::text, x.action, x.entity, x.entity_id,
        x.before, x.after, ${ip}::text
      from json_to_recordset(${json}::json)
        as x(school_id uuid, action text, entity text, entity_id text, before jsonb, after jsonb)`);
  }
}

const rowOf = (actor: Actor | null, e: AuditRecord) => ({
  schoolId: e.schoolId,
  actorUserId: actor && actor.via !== 'system' ? actor.userId : null,
  actorName: actor ? actor.fullName : 'system',
  action: e.action,
  entity: e.entity,
  entityId: e.entityId ?? null,
  before: redact(e.before),
  after: redact(e.after),
  ip: actor?.ip ?? null,
});

export function createAuditRepository() {
  return {
    /**
     * One audit entry as a statement to run inside another one (a data-modifying CTE: the change and its record
     * in one round trip, e.g. the start of an exam attempt), inserted only when `when` holds.
     */
    insertSql(actor: Actor | null, entry: AuditRecord, when: SQL): SQL {
      const r = rowOf(actor, entry);
      return sql`insert into ${auditLog} (school_id, actor_user_id, actor_name, action, entity, entity_id, before, after, ip)
        select ${r.schoolId}::uuid, ${r.actorUserId}::uuid, ${r.actorName}, ${r.action}, ${r.entity}, ${r.entityId},
               ${JSON.stringify(r.before)}::jsonb, ${JSON.stringify(r.after)}::jsonb, ${r.ip}
         where ${when}`;
    },

    /**
     * Many entries as one statement inside another (a data-modifying CTE): `rows` is a query with the columns
     * school_id, action, entity, entity_id, before, after (jsonb), one row per entry, built by the database from
     * the rows the same statement wrote. The caller's columns must hold no secrets (nothing is redacted here).
     */
    insertSelectSql(actor: Actor | null, rows: SQL): SQL {
      const actorUserId = actor && actor.via !== 'system' ? actor.userId : null;
      return sql`insert into ${auditLog} (school_id, actor_user_id, actor_name, action, entity, entity_id, before, after, ip)
        select r.school_id, ${actorUserId}::uuid, ${actor ? actor.fullName : 'system'}::text, r.action, r.entity,
               r.entity_id, r.before, r.after, ${actor?.ip ?? null}::text
          from (${rows}) as r`;
    },

    /** Writes audit entries in the caller's transaction: the change and its record commit together. */
    async record(tx: Queryable, actor: Actor | null, entries: AuditRecord | AuditRecord[]) {
      const list = Array.isArray(entries) ? entries : [entries];
      if (list.length === 0) return;
      if (list.length >= BULK_FROM) return recordBulk(tx, actor, list);
      const rows = list.map((e) => rowOf(actor, e));
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditLog).values(rows.slice(i, i + 1000));
    },

    async list(db: Queryable, scope: Scope, q: z.infer<typeof AuditQuery>) {
      const conds: SQL[] = [scopeCondition(scope, { schoolId: auditLog.schoolId })];
      if (q.unitId) conds.push(eq(auditLog.schoolId, q.unitId));
      if (q.entity) conds.push(eq(auditLog.entity, q.entity));
      if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
      if (q.actorUserId) conds.push(eq(auditLog.actorUserId, q.actorUserId));
      if (q.from) conds.push(gte(auditLog.at, new Date(q.from)));
      if (q.to) conds.push(lte(auditLog.at, new Date(q.to)));
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(auditLog).where(where);
      const rows = await db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      return {
        total,
        items: rows.map((r) => ({ ...r, at: r.at.toISOString(), ip: r.ip ?? null })),
      };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
