import { containsPattern, type Queryable, units } from '@smartedu/db';
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';

export type UnitRow = typeof units.$inferSelect;

export function createUnitsRepository(db: Queryable) {
  return {
    async byId(id: string) {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row ?? null;
    },
    async byCode(code: string) {
      const [row] = await db.select().from(units).where(eq(units.code, code));
      return row ?? null;
    },
    /** Units under any of the given paths (a scope's subtrees). */
    async inSubtrees(
      paths: string[],
      filter: { kind?: string; parentId?: string; level?: string; q?: string } = {},
    ) {
      if (paths.length === 0) return [];
      const conds: SQL[] = [or(...paths.map((p) => sql`${units.path} like ${`${p}%`}`))!];
      if (filter.kind) conds.push(eq(units.kind, filter.kind));
      if (filter.parentId) conds.push(eq(units.parentId, filter.parentId));
      if (filter.level) conds.push(eq(units.schoolLevel, filter.level));
      if (filter.q)
        conds.push(
          or(ilike(units.name, containsPattern(filter.q)), ilike(units.code, containsPattern(filter.q)))!,
        );
      return db
        .select()
        .from(units)
        .where(and(...conds))
        .orderBy(asc(units.path), asc(units.name));
    },
    async countAll() {
      const [{ n }] = await db.select({ n: count() }).from(units);
      return n;
    },
  };
}
