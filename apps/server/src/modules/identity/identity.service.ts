import { createHash, randomBytes } from 'node:crypto';
import type { CreateUserBody, Me, PageQuery, Role } from '@smartedu/contracts';
import { apiTokens, containsPattern, type Database, roleAssignments, sessions, users } from '@smartedu/db';
import { and, count, eq, ilike, ne, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, forbidden } from '../../errors';
import type { AccessService, Actor } from '../access';
import { scopeCondition } from '../access';
import type { AuditRepository } from '../audit';
import { createIdentityRepository, extendSessionSql, type IdentityRepository } from './identity.repository';
import { dummyHash, hashPassword, verifyPassword } from './password';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export type IdentityDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  sessionTtlMs: number;
  login: { maxFailures: number; lockMs: number };
};

export function createIdentityService(deps: IdentityDeps) {
  const { database, audit, access } = deps;
  const repo: IdentityRepository = createIdentityRepository(database.db);

  async function toActor(
    user: typeof users.$inferSelect,
    via: Actor['via'],
    extra: Partial<Actor> = {},
  ): Promise<Actor> {
    const roles = (await repo.rolesOf([user.id])).get(user.id) ?? [];
    return {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      locale: user.locale,
      roles,
      staffId: user.staffId,
      guardianId: user.guardianId,
      studentId: user.studentId,
      homeUnitId: user.homeUnitId,
      via,
      ...extra,
    };
  }

  async function auditLogin(actor: Actor | null, schoolId: string | null, action: string, after: unknown) {
    if (!schoolId) return;
    await database.transaction((tx) =>
      audit.record(tx, actor, { schoolId, action, entity: 'session', after }),
    );
  }

  return {
    /** Đăng nhập: verifies the password with lockout after repeated failures; returns a new session. */
    async login(input: { username: string; password: string; ip?: string; userAgent?: string }) {
      const user = await repo.findUserByUsername(input.username);
      if (!user) {
        await verifyPassword(await dummyHash(), input.password);
        throw new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng');
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        throw new AppError(
          'ACCOUNT_LOCKED',
          'Tài khoản tạm khoá do đăng nhập sai nhiều lần, vui lòng thử lại sau',
          {
            lockedUntil: user.lockedUntil.toISOString(),
          },
        );
      }
      const ok = await verifyPassword(user.passwordHash, input.password);
      if (!ok || user.disabled) {
        const r = await repo.recordFailedLogin(user.id, deps.login.maxFailures, deps.login.lockMs);
        await auditLogin(null, user.homeUnitId, 'login_failed', {
          username: user.username,
          failedLogins: r?.failedLogins,
        });
        throw new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng');
      }
      await repo.recordSuccessfulLogin(user.id);
      const token = newToken();
      const csrfToken = newToken();
      const id = sha256(token);
      await repo.createSession({
        id,
        userId: user.id,
        csrfToken,
        expiresAt: new Date(Date.now() + deps.sessionTtlMs),
        ip: input.ip ?? null,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
      const actor = await toActor(user, 'session', { sessionId: id, ip: input.ip });
      await auditLogin(actor, user.homeUnitId, 'login', { username: user.username });
      return { token, csrfToken, actor };
    },

    async logout(actor: Actor) {
      if (actor.sessionId) await repo.deleteSession(actor.sessionId);
    },

    /**
     * Resolves a session cookie in one statement (session, user and roles); sliding expiry, refreshed at most
     * once a minute.
     */
    async actorFromSession(token: string, ip?: string): Promise<{ actor: Actor; csrfToken: string } | null> {
      const row = await repo.findSessionActor(sha256(token));
      if (!row) return null;
      if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
        await repo.touchSession(row.sessionId, new Date(Date.now() + deps.sessionTtlMs));
      }
      const { user } = row;
      return {
        actor: {
          userId: user.id,
          username: user.username,
          fullName: user.fullName,
          locale: user.locale,
          roles: row.roles,
          staffId: user.staffId,
          guardianId: user.guardianId,
          studentId: user.studentId,
          homeUnitId: user.homeUnitId,
          via: 'session',
          sessionId: row.sessionId,
          ip,
        },
        csrfToken: row.csrfToken,
      };
    },

    /** Keeps a session alive at least until `until` (exams: a live attempt's deadline plus a margin). */
    async extendSession(sessionId: string, until: Date) {
      await repo.extendSession(sessionId, until);
    },
    /** The same, as a statement to run inside the caller's statement, applied only when `when` holds. */
    extendSessionSql,

    async actorFromApiToken(token: string, ip?: string): Promise<Actor | null> {
      const row = await repo.findApiToken(sha256(token));
      if (!row) return null;
      const user = await repo.findUserById(row.userId);
      if (!user || user.disabled) return null;
      await repo.touchApiToken(row.id);
      return toActor(user, 'token', { ip });
    },

    me(actor: Actor, csrfToken?: string): Me {
      return {
        id: actor.userId,
        username: actor.username,
        fullName: actor.fullName,
        locale: actor.locale,
        roles: actor.roles.map(({ role, unitId, unitName }) => ({ role, unitId, unitName })),
        staffId: actor.staffId,
        guardianId: actor.guardianId,
        studentId: actor.studentId,
        homeUnitId: actor.homeUnitId,
        csrfToken,
      };
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
      const user = await repo.findUserById(actor.userId);
      if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new AppError('INVALID_CREDENTIALS', 'Mật khẩu hiện tại không đúng');
      }
      if (newPassword.toLowerCase().includes(user.username.toLowerCase())) {
        throw new AppError('VALIDATION_FAILED', 'Mật khẩu không được chứa tên đăng nhập');
      }
      const passwordHash = await hashPassword(newPassword);
      await database.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: new Date() })
          .where(eq(users.id, user.id));
        // Every other session of this user ends; the current one stays.
        await tx
          .delete(sessions)
          .where(and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId ?? '')));
        if (user.homeUnitId)
          await audit.record(tx, actor, {
            schoolId: user.homeUnitId,
            action: 'password_change',
            entity: 'user',
            entityId: user.id,
          });
      });
    },

    /** Tạo tài khoản: only within the actor's users.write scope. */
    async createUser(actor: Actor, body: z.infer<typeof CreateUserBody>) {
      await access.require(actor, 'users.write', { schoolId: body.unitId });
      if (isPrivileged(body.role) && !actor.roles.some((r) => r.role === 'dept_admin')) {
        throw forbidden('Chỉ quản trị Sở/Phòng được cấp vai trò cấp Sở/Phòng');
      }
      if (body.password.toLowerCase().includes(body.username.toLowerCase())) {
        throw new AppError('VALIDATION_FAILED', 'Mật khẩu không được chứa tên đăng nhập', {
          field: 'password',
        });
      }
      if (await repo.findUserByUsername(body.username)) {
        throw new AppError('DUPLICATE', 'Tên đăng nhập đã tồn tại', { field: 'username' });
      }
      const passwordHash = await hashPassword(body.password);
      return database.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({
            username: body.username,
            passwordHash,
            fullName: body.fullName,
            email: body.email ?? null,
            homeUnitId: body.unitId,
            staffId: body.staffId ?? null,
            guardianId: body.guardianId ?? null,
            studentId: body.studentId ?? null,
          })
          .returning();
        await tx.insert(roleAssignments).values({ userId: user.id, role: body.role, unitId: body.unitId });
        await audit.record(tx, actor, {
          schoolId: body.unitId,
          action: 'create',
          entity: 'user',
          entityId: user.id,
          after: { username: user.username, fullName: user.fullName, role: body.role, unitId: body.unitId },
        });
        return user;
      });
    },

    async listUsers(actor: Actor, q: PageQuery & { unitId?: string }) {
      const scope = await access.scope(actor, 'users.read');
      const conds: SQL[] = [scopeCondition(scope, { schoolId: users.homeUnitId })];
      if (q.unitId) conds.push(eq(users.homeUnitId, q.unitId));
      if (q.q)
        conds.push(
          or(ilike(users.username, containsPattern(q.q)), ilike(users.fullName, containsPattern(q.q)))!,
        );
      const where = and(...conds);
      const db = database.db;
      const [{ total }] = await db.select({ total: count() }).from(users).where(where);
      const rows = await db
        .select()
        .from(users)
        .where(where)
        .orderBy(users.username)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const roles = await repo.rolesOf(rows.map((r) => r.id));
      return {
        total,
        items: rows.map((u) => ({
          id: u.id,
          username: u.username,
          fullName: u.fullName,
          email: u.email,
          disabled: u.disabled,
          lockedUntil: u.lockedUntil?.toISOString() ?? null,
          lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
          roles: (roles.get(u.id) ?? []).map(({ role, unitId, unitName }) => ({ role, unitId, unitName })),
        })),
      };
    },

    /** Mở khoá / khoá tài khoản. */
    async setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
      const user = await repo.findUserById(userId);
      if (!user?.homeUnitId) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản');
      await access.require(actor, 'users.write', { schoolId: user.homeUnitId });
      await database.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ disabled, failedLogins: 0, lockedUntil: null })
          .where(eq(users.id, userId));
        if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
        await audit.record(tx, actor, {
          schoolId: user.homeUnitId!,
          action: disabled ? 'disable' : 'enable',
          entity: 'user',
          entityId: userId,
          before: { disabled: user.disabled },
          after: { disabled },
        });
      });
    },

    /** Mã truy cập API for integrations; the token is shown once. */
    async createApiToken(actor: Actor, name: string, expiresInDays?: number) {
      const token = `se_${newToken()}`;
      const [row] = await database.transaction(async (tx) => {
        const rows = await tx
          .insert(apiTokens)
          .values({
            userId: actor.userId,
            name,
            tokenHash: sha256(token),
            prefix: token.slice(0, 10),
            expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86400_000) : null,
          })
          .returning();
        if (actor.homeUnitId)
          await audit.record(tx, actor, {
            schoolId: actor.homeUnitId,
            action: 'create',
            entity: 'api_token',
            entityId: rows[0].id,
            after: { name },
          });
        return rows;
      });
      return { id: row.id, name: row.name, token, prefix: row.prefix };
    },

    async rolesOf(userIds: string[]) {
      return repo.rolesOf(userIds);
    },
  };
}
export type IdentityService = ReturnType<typeof createIdentityService>;

const isPrivileged = (role: Role) => role === 'dept_admin' || role === 'dept_specialist';
