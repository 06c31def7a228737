import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Nhật ký thao tác: one row per write. `school_id` is the owning unit of the entity written.
export const auditLog = pgTable(
  'audit_log',
  {
    schoolId: uuid('school_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(), // create | update | delete | import | login | ...
    entity: text('entity').notNull(), // student | class | ...
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('audit_entity_idx').on(t.schoolId, t.entity, t.entityId),
    index('audit_at_idx').on(t.schoolId, t.at),
    index('audit_global_at_idx').on(t.at),
  ],
);
