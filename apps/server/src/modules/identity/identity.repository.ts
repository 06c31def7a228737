import type { Role } from '@smartedu/contracts';
import { apiTokens, type Queryable, roleAssignments, sessions, units, users } from '@smartedu/db';
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { RoleGrant } from '../access';

export type UserRow = typeof users.$inferSelect;

export function createIdentityRepository(db: Queryable) {
  const repo = {
    async findUserByUsername(username: string) {
      const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
      return row ?? null;
    },
    async findUserById(id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },
    async rolesOf(userIds: string[]): Promise<Map<string, RoleGrant[]>> {
      const map = new Map<string, RoleGrant[]>();
      if (userIds.length === 0) return map;
      const rows = await db
        .select({
          userId: roleAssignments.userId,
          role: roleAssignments.role,
          unitId: roleAssignments.unitId,
          unitName: units.name,
          unitPath: units.path,
        })
        .from(roleAssignments)
        .innerJoin(units, eq(units.id, roleAssignments.unitId))
        .where(inArray(roleAssignments.userId, userIds));
      for (const r of rows) {
        const list = map.get(r.userId) ?? [];
        list.push({ role: r.role as Role, unitId: r.unitId, unitName: r.unitName, unitPath: r.unitPath });
        map.set(r.userId, list);
      }
      return map;
    },
    async recordFailedLogin(userId: string, maxFailures: number, lockMs: number) {
      const [row] = await db
        .update(users)
        .set({
          failedLogins: sql`${users.failedLogins} + 1`,
          lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then now() + make_interval(secs => ${lockMs / 1000}) else ${users.lockedUntil} end`,
        })
        .where(eq(users.id, userId))
        .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
      return row;
    },
    async recordSuccessfulLogin(userId: string) {
      await db
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
        .where(eq(users.id, userId));
    },
    async createSession(row: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(row);
    },
    async findSession(id: string) {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())));
      return row ?? null;
    },
    /** Sliding expiry; never shortens an expiry extended further (a live exam attempt, see extendSession). */
    async touchSession(id: string, expiresAt: Date) {
      await db
        .update(sessions)
        .set({
          lastSeenAt: new Date(),
          expiresAt: sql`greatest(${sessions.expiresAt}, ${expiresAt.toISOString()}::timestamptz)`,
        })
        .where(eq(sessions.id, id));
    },
    async extendSession(id: string, until: Date) {
      await db
        .update(sessions)
        .set({ expiresAt: sql`greatest(${sessions.expiresAt}, ${until.toISOString()}::timestamptz)` })
        .where(and(eq(sessions.id, id), lt(sessions.expiresAt, until)));
    },
    async deleteSession(id: string) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    async deleteSessionsOfUser(userId: string) {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    async purgeExpiredSessions() {
      await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
    },
    async findApiToken(tokenHash: string) {
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(
          and(
            eq(apiTokens.tokenHash, tokenHash),
            isNull(apiTokens.revokedAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
          ),
        );
      return row ?? null;
    },
    async touchApiToken(id: string) {
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
    },
  };
  return repo;
}
export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
