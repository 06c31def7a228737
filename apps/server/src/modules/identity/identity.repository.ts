import type { Role } from '@smartedu/contracts';
import {
  apiTokens,
  type Queryable,
  queryPrepared,
  roleAssignments,
  sessions,
  units,
  users,
} from '@smartedu/db';
import { and, eq, gt, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { RoleGrant } from '../access';

export type UserRow = typeof users.$inferSelect;

/**
 * The rule of a live session, shared by `findSessionActor` and the statements that authenticate a session
 * themselves (exam autosave): the session exists (`id` is the SHA-256 of the cookie token), has not expired,
 * its user is not disabled, and (for writes) the CSRF token matches. Returns the session user's `student_id`
 * as a scalar subquery over two positional parameters, e.g. `liveSessionStudentSql('$5', '$6')`.
 */
export const liveSessionStudentSql = (sessionIdParam: string, csrfParam: string) =>
  `(select u.student_id from sessions s join users u on u.id = s.user_id
     where s.id = ${sessionIdParam} and s.csrf_token = ${csrfParam} and s.expires_at > now() and not u.disabled)`;

/**
 * extendSession as a statement to run inside another one (a data-modifying CTE: the exam attempt's insert extends
 * the session in the same round trip), applied only when `when` holds; never shortens an expiry.
 */
export const extendSessionSql = (sessionId: string, until: Date, when: SQL): SQL =>
  sql`update ${sessions} set expires_at = greatest(expires_at, ${until.toISOString()}::timestamptz)
       where id = ${sessionId} and expires_at < ${until.toISOString()}::timestamptz and ${when}`;

export type SessionActorRow = {
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  user: Pick<
    UserRow,
    'id' | 'username' | 'fullName' | 'locale' | 'staffId' | 'guardianId' | 'studentId' | 'homeUnitId'
  >;
  roles: RoleGrant[];
};

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
    /**
     * A live session with its user and the user's roles, in one statement (every authenticated request runs
     * it): null when the session is unknown or expired, or the user disabled.
     */
    async findSessionActor(id: string): Promise<SessionActorRow | null> {
      const rows = await queryPrepared<Record<string, unknown>>(
        db,
        sql`
        select s.id, s.csrf_token, s.last_seen_at, u.id as user_id, u.username, u.full_name, u.locale,
               u.staff_id, u.guardian_id, u.student_id, u.home_unit_id,
               coalesce((select json_agg(json_build_object('role', r.role, 'unitId', r.unit_id,
                                  'unitName', un.name, 'unitPath', un.path))
                           from ${roleAssignments} r join ${units} un on un.id = r.unit_id
                          where r.user_id = u.id), '[]'::json) as roles
          from ${sessions} s join ${users} u on u.id = s.user_id
         where s.id = ${id} and s.expires_at > now() and not u.disabled`,
      );
      const r = rows[0];
      if (!r) return null;
      const roles = (typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles) as RoleGrant[];
      return {
        sessionId: r.id as string,
        csrfToken: r.csrf_token as string,
        lastSeenAt: new Date(r.last_seen_at as string),
        user: {
          id: r.user_id as string,
          username: r.username as string,
          fullName: r.full_name as string,
          locale: r.locale as string,
          staffId: (r.staff_id as string | null) ?? null,
          guardianId: (r.guardian_id as string | null) ?? null,
          studentId: (r.student_id as string | null) ?? null,
          homeUnitId: (r.home_unit_id as string | null) ?? null,
        },
        roles,
      };
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
