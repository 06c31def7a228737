import { type Database, freshDatabase } from '@smartedu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../access';
import { type AuditRecord, createAuditRepository } from './audit.repository';

const SCHOOL = '00000000-0000-4000-8000-000000000001';
const actor: Actor = {
  userId: '00000000-0000-4000-8000-0000000000aa',
  username: 'hieutruong',
  fullName: 'Nguyễn Văn Hiệu',
  locale: 'vi',
  roles: [],
  staffId: null,
  guardianId: null,
  studentId: null,
  homeUnitId: SCHOOL,
  via: 'session',
  ip: '10.0.0.7',
};

const entry = (i: number): AuditRecord => ({
  schoolId: SCHOOL,
  action: i % 2 ? 'update' : 'create',
  entity: 'student',
  entityId: `s-${i}`,
  before: i % 2 ? { fullName: 'Cũ', password: 'bí mật' } : undefined,
  after: { fullName: `Lò Văn ${i}`, birthDate: new Date(Date.UTC(2012, 0, 1 + i)), tokenHash: 'abc' },
});

describe('audit repository', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
  });
  afterAll(() => dispose());

  it('writes many entries in bulk exactly as it writes them one by one (redaction included)', async () => {
    const audit = createAuditRepository();
    const few = [entry(1), entry(2)];
    const many = Array.from({ length: 7003 }, (_, i) => entry(i)); // more than one bulk chunk
    await audit.record(database.db, actor, few);
    await audit.record(database.db, actor, many);
    const rows = await database.execute<{
      entity_id: string;
      action: string;
      actor_user_id: string;
      actor_name: string;
      ip: string;
      before: unknown;
      after: unknown;
    }>(
      'select entity_id, action, actor_user_id::text, actor_name, ip, before, after from audit_log order by id',
    );
    expect(rows).toHaveLength(7005);
    const shape = (r: (typeof rows)[number]) => ({ ...r, entity_id: undefined });
    // the same entry (entity s-1) written by the per-row path and by the bulk path is stored identically
    expect(shape(rows[0])).toEqual(shape(rows[3]));
    expect(rows[0]).toMatchObject({
      action: 'update',
      actor_user_id: actor.userId,
      actor_name: actor.fullName,
      ip: '10.0.0.7',
      before: { fullName: 'Cũ', password: '[redacted]' },
      after: { fullName: 'Lò Văn 1', birthDate: '2012-01-02T00:00:00.000Z', tokenHash: '[redacted]' },
    });
    expect(rows[2].before).toBeNull();
    expect(rows.at(-1)?.entity_id).toBe('s-7002');
  });
});
