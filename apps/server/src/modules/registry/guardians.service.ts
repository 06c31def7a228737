import type {
  GuardianCreateBody,
  GuardianLinkBody,
  GuardianListQuery,
  GuardianUpdateBody,
} from '@smartedu/contracts';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../access';
import { createGuardiansRepository, type GuardiansRepository } from './guardians.repository';
import { diff, offset, type RegistryDeps } from './shared';

/** Cha mẹ / người giám hộ: one record per phone number in a school, shared by siblings. */
export function createGuardiansService({ database, access, audit }: RegistryDeps) {
  const repo = createGuardiansRepository(database.db);

  /** One guardian as the actor sees it: children limited to the students the actor may read. */
  async function load(actor: Actor, schoolId: string, id: string) {
    return (await repo.get(schoolId, id, await access.scope(actor, 'students.read')))!;
  }
  async function requireStudent(r: GuardiansRepository, schoolId: string, studentId: string) {
    const student = await r.student(schoolId, studentId);
    if (!student)
      throw new AppError('VALIDATION_FAILED', 'Học sinh không tồn tại trong trường này', {
        field: 'studentId',
      });
    return student;
  }
  async function requirePhoneFree(schoolId: string, phone: string, exceptId: string) {
    const other = await repo.byPhone(schoolId, phone);
    if (other && other.id !== exceptId)
      throw new AppError('DUPLICATE', `Số điện thoại ${phone} đã thuộc về phụ huynh ${other.fullName}`, {
        field: 'phone',
      });
  }

  return {
    async list(actor: Actor, q: z.infer<typeof GuardianListQuery>) {
      const [scope, childScope] = await Promise.all([
        access.scope(actor, 'guardians.read'),
        access.scope(actor, 'students.read'),
      ]);
      return repo.list(
        { scope, childScope, schoolId: q.schoolId, studentId: q.studentId, q: q.q },
        { limit: q.pageSize, offset: offset(q) },
      );
    },

    async get(actor: Actor, schoolId: string, id: string) {
      if (!(await repo.raw(schoolId, id))) throw notFound('phụ huynh');
      await access.require(actor, 'guardians.read', {
        schoolId,
        guardianId: id,
        classIds: await repo.childClassIds(schoolId, id),
      });
      return load(actor, schoolId, id);
    },

    /**
     * Adds a guardian to a student. When the school already has a guardian with this phone number (a brother's
     * or sister's parent), that record is linked instead and returned unchanged: `created` is then false.
     */
    async create(actor: Actor, schoolId: string, body: z.infer<typeof GuardianCreateBody>) {
      await access.require(actor, 'guardians.write', { schoolId });
      const { studentId, relationship, isPrimary, ...fields } = body;
      const result = await database.transaction(async (tx) => {
        const r = createGuardiansRepository(tx);
        await requireStudent(r, schoolId, studentId);
        const existing = await r.byPhone(schoolId, fields.phone);
        if (existing) {
          const before = await r.link(schoolId, existing.id, studentId);
          if (before) return { id: existing.id, created: false };
          const link = await r.upsertLink({
            schoolId,
            guardianId: existing.id,
            studentId,
            relationship,
            isPrimary,
          });
          await audit.record(tx, actor, {
            schoolId,
            action: 'link',
            entity: 'guardian',
            entityId: existing.id,
            after: link,
          });
          return { id: existing.id, created: false };
        }
        const row = await r.insert({ ...fields, schoolId });
        const link = await r.upsertLink({ schoolId, guardianId: row.id, studentId, relationship, isPrimary });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'guardian',
          entityId: row.id,
          after: { ...row, link },
        });
        return { id: row.id, created: true };
      });
      return { created: result.created, guardian: await load(actor, schoolId, result.id) };
    },

    async update(actor: Actor, schoolId: string, id: string, body: z.infer<typeof GuardianUpdateBody>) {
      await access.require(actor, 'guardians.write', { schoolId });
      const current = await repo.raw(schoolId, id);
      if (!current) throw notFound('phụ huynh');
      if (body.phone && body.phone !== current.phone) await requirePhoneFree(schoolId, body.phone, id);
      const d = diff(current, body);
      if (d.changed) {
        await database.transaction(async (tx) => {
          await createGuardiansRepository(tx).update(schoolId, id, body);
          await audit.record(tx, actor, {
            schoolId,
            action: 'update',
            entity: 'guardian',
            entityId: id,
            ...d,
          });
        });
      }
      return load(actor, schoolId, id);
    },

    /** Links a guardian to a student, or changes the relationship / primary flag of an existing link. */
    async link(actor: Actor, schoolId: string, id: string, body: z.infer<typeof GuardianLinkBody>) {
      await access.require(actor, 'guardians.write', { schoolId });
      if (!(await repo.raw(schoolId, id))) throw notFound('phụ huynh');
      await database.transaction(async (tx) => {
        const r = createGuardiansRepository(tx);
        await requireStudent(r, schoolId, body.studentId);
        const before = await r.link(schoolId, id, body.studentId);
        if (before && before.relationship === body.relationship && before.isPrimary === body.isPrimary)
          return;
        const after = await r.upsertLink({ schoolId, guardianId: id, ...body });
        await audit.record(tx, actor, {
          schoolId,
          action: before ? 'update_link' : 'link',
          entity: 'guardian',
          entityId: id,
          before,
          after,
        });
      });
      return load(actor, schoolId, id);
    },

    async unlink(actor: Actor, schoolId: string, id: string, studentId: string) {
      await access.require(actor, 'guardians.write', { schoolId });
      if (!(await repo.raw(schoolId, id))) throw notFound('phụ huynh');
      await database.transaction(async (tx) => {
        const r = createGuardiansRepository(tx);
        const before = await r.link(schoolId, id, studentId);
        if (!before) throw notFound('liên kết giữa phụ huynh và học sinh');
        await r.deleteLink(before);
        await audit.record(tx, actor, {
          schoolId,
          action: 'unlink',
          entity: 'guardian',
          entityId: id,
          before,
        });
      });
      return load(actor, schoolId, id);
    },
  };
}
export type GuardiansService = ReturnType<typeof createGuardiansService>;
