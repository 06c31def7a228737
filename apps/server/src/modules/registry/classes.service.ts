import type { ClassCreateBody, ClassListQuery, ClassUpdateBody } from '@smartedu/contracts';
import { classes, containsPattern, staff } from '@smartedu/db';
import { and, eq, ilike, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { type Actor, scopeCondition } from '../access';
import { createClassesRepository } from './classes.repository';
import { diff, offset, type RegistryDeps } from './shared';

export function createClassesService({ database, access, audit }: RegistryDeps) {
  const repo = createClassesRepository(database.db);

  async function checkHomeroom(schoolId: string, staffId: string | null | undefined) {
    if (!staffId) return;
    const [row] = await database.db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.schoolId, schoolId), eq(staff.id, staffId)));
    if (!row)
      throw new AppError('VALIDATION_FAILED', 'Giáo viên chủ nhiệm không thuộc trường này', {
        field: 'homeroomTeacherId',
      });
  }

  return {
    async list(actor: Actor, q: z.infer<typeof ClassListQuery>) {
      const scope = await access.scope(actor, 'classes.read');
      const conds: SQL[] = [scopeCondition(scope, { schoolId: classes.schoolId, classId: classes.id })];
      if (q.schoolId) conds.push(eq(classes.schoolId, q.schoolId));
      if (q.schoolYearId) conds.push(eq(classes.schoolYearId, q.schoolYearId));
      if (q.grade) conds.push(eq(classes.grade, q.grade));
      if (q.smart) conds.push(eq(classes.isSmart, q.smart === 'true'));
      if (q.q) conds.push(ilike(classes.name, containsPattern(q.q)));
      return repo.list(and(...conds)!, { limit: q.pageSize, offset: offset(q) });
    },

    async get(actor: Actor, schoolId: string, id: string) {
      const row = await repo.get(schoolId, id);
      if (!row) throw notFound('lớp học');
      await access.require(actor, 'classes.read', { schoolId, classIds: [id] });
      return row;
    },

    async create(actor: Actor, schoolId: string, body: z.infer<typeof ClassCreateBody>) {
      await access.require(actor, 'classes.write', { schoolId });
      await checkHomeroom(schoolId, body.homeroomTeacherId);
      if (await repo.byName(schoolId, body.schoolYearId, body.name)) {
        throw new AppError('DUPLICATE', `Lớp "${body.name}" đã có trong năm học này`, { field: 'name' });
      }
      const id = await database.transaction(async (tx) => {
        const [row] = await tx
          .insert(classes)
          .values({ ...body, schoolId })
          .returning();
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'class',
          entityId: row.id,
          after: row,
        });
        return row.id;
      });
      return (await repo.get(schoolId, id))!;
    },

    async update(actor: Actor, schoolId: string, id: string, body: z.infer<typeof ClassUpdateBody>) {
      await access.require(actor, 'classes.write', { schoolId });
      const current = await repo.raw(schoolId, id);
      if (!current) throw notFound('lớp học');
      await checkHomeroom(schoolId, body.homeroomTeacherId);
      if (body.name && body.name.toLowerCase() !== current.name.toLowerCase()) {
        const other = await repo.byName(schoolId, current.schoolYearId, body.name);
        if (other)
          throw new AppError('DUPLICATE', `Lớp "${body.name}" đã có trong năm học này`, { field: 'name' });
      }
      const d = diff(current, body);
      if (d.changed) {
        await database.transaction(async (tx) => {
          await tx
            .update(classes)
            .set({ ...body, updatedAt: new Date() })
            .where(and(eq(classes.schoolId, schoolId), eq(classes.id, id)));
          await audit.record(tx, actor, { schoolId, action: 'update', entity: 'class', entityId: id, ...d });
        });
      }
      return (await repo.get(schoolId, id))!;
    },
  };
}
export type ClassesService = ReturnType<typeof createClassesService>;
