import type { UnitCreateBody, UnitListQuery, UnitUpdateBody } from '@smartedu/contracts';
import { units } from '@smartedu/db';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../access';
import { diff, type RegistryDeps } from './shared';
import { createUnitsRepository, type UnitRow } from './units.repository';

type TreeNode = ReturnType<typeof toUnit> & { children: TreeNode[] };

export const toUnit = (u: UnitRow) => ({
  id: u.id,
  parentId: u.parentId,
  kind: u.kind as 'province_department' | 'district_department' | 'school' | 'school_site',
  code: u.code,
  name: u.name,
  schoolLevel: u.schoolLevel as
    | 'MN'
    | 'TH'
    | 'THCS'
    | 'THPT'
    | 'TH_THCS'
    | 'THCS_THPT'
    | 'TH_THCS_THPT'
    | null,
  ownership: u.ownership,
  address: u.address,
  phone: u.phone,
  email: u.email,
  website: u.website,
  latitude: u.latitude,
  longitude: u.longitude,
  active: u.active,
});

const CHILD_KIND: Record<string, string[]> = {
  province_department: ['district_department', 'school'],
  district_department: ['school'],
  school: ['school_site'],
  school_site: [],
};

export function createUnitsService({ database, access, audit }: RegistryDeps) {
  const repo = createUnitsRepository(database.db);
  return {
    /** Cây đơn vị: every unit the actor can read, as a forest rooted at the top of each scope. */
    async tree(actor: Actor): Promise<TreeNode[]> {
      const scope = await access.scope(actor, 'units.read');
      const rows = await repo.inSubtrees(scope.subtrees);
      const nodes = new Map<string, TreeNode>(rows.map((r) => [r.id, { ...toUnit(r), children: [] }]));
      const roots: TreeNode[] = [];
      for (const r of rows) {
        const node = nodes.get(r.id)!;
        const parent = r.parentId ? nodes.get(r.parentId) : undefined;
        if (parent) parent.children.push(node);
        else roots.push(node);
      }
      return roots;
    },

    async list(actor: Actor, q: z.infer<typeof UnitListQuery>) {
      const scope = await access.scope(actor, 'units.read');
      const rows = await repo.inSubtrees(scope.subtrees, q);
      const start = (q.page - 1) * q.pageSize;
      return { items: rows.slice(start, start + q.pageSize).map(toUnit), total: rows.length };
    },

    async get(actor: Actor, id: string) {
      const unit = await repo.byId(id);
      if (!unit) throw notFound('đơn vị');
      await access.require(actor, 'units.read', { schoolId: unit.id, schoolPath: unit.path });
      return toUnit(unit);
    },

    async create(actor: Actor, body: z.infer<typeof UnitCreateBody>) {
      const parent = await repo.byId(body.parentId);
      if (!parent) throw notFound('đơn vị cấp trên');
      await access.require(actor, 'units.write', { schoolId: parent.id, schoolPath: parent.path });
      if (!CHILD_KIND[parent.kind]?.includes(body.kind)) {
        throw new AppError('VALIDATION_FAILED', `Không thể tạo "${body.kind}" trực thuộc "${parent.kind}"`, {
          field: 'kind',
        });
      }
      if (body.kind === 'school' && !body.schoolLevel) {
        throw new AppError('VALIDATION_FAILED', 'Trường học phải có cấp học', { field: 'schoolLevel' });
      }
      if (await repo.byCode(body.code))
        throw new AppError('DUPLICATE', `Mã đơn vị "${body.code}" đã tồn tại`, { field: 'code' });
      return database.transaction(async (tx) => {
        const id = crypto.randomUUID();
        const [row] = await tx
          .insert(units)
          .values({ ...body, id, path: `${parent.path}${id}/` })
          .returning();
        await audit.record(tx, actor, {
          schoolId: id,
          action: 'create',
          entity: 'unit',
          entityId: id,
          after: toUnit(row),
        });
        return toUnit(row);
      });
    },

    async update(actor: Actor, id: string, body: z.infer<typeof UnitUpdateBody>) {
      const unit = await repo.byId(id);
      if (!unit) throw notFound('đơn vị');
      await access.require(actor, 'units.write', { schoolId: unit.id, schoolPath: unit.path });
      if (body.code && body.code !== unit.code && (await repo.byCode(body.code))) {
        throw new AppError('DUPLICATE', `Mã đơn vị "${body.code}" đã tồn tại`, { field: 'code' });
      }
      const d = diff(toUnit(unit), body);
      if (!d.changed) return toUnit(unit);
      return database.transaction(async (tx) => {
        const [row] = await tx
          .update(units)
          .set({ ...body, updatedAt: new Date() })
          .where(eq(units.id, id))
          .returning();
        await audit.record(tx, actor, { schoolId: id, action: 'update', entity: 'unit', entityId: id, ...d });
        return toUnit(row);
      });
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
