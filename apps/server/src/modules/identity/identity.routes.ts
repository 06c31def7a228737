import {
  ApiTokenCreateBody,
  ApiTokenCreated,
  ChangePasswordBody,
  CreateUserBody,
  LoginBody,
  Me,
  OkBody,
  PageQuery,
  paged,
  UserSummary,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, requireActor, setSessionCookie } from '../../plugins/auth';
import type { IdentityService } from './identity.service';

export type IdentityRoutesOptions = {
  identity: IdentityService;
  cookieSecure: boolean | 'auto';
  sessionTtlMs: number;
  loginRatePerMinute: number;
};

export const identityRoutes: FastifyPluginAsyncZod<IdentityRoutesOptions> = async (app, opts) => {
  const { identity } = opts;
  const tags = ['identity'];

  app.post(
    '/api/auth/login',
    {
      schema: { tags, summary: 'Đăng nhập', body: LoginBody, response: { 200: Me } },
      config: { rateLimit: { max: opts.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, csrfToken, actor } = await identity.login({
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      const secure = opts.cookieSecure === 'auto' ? req.protocol === 'https' : opts.cookieSecure;
      setSessionCookie(reply, token, secure, opts.sessionTtlMs);
      return identity.me(actor, csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Đăng xuất', response: { 200: OkBody } } },
    async (req, reply) => {
      const actor = requireActor(req);
      await identity.logout(actor);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags, summary: 'Tài khoản hiện tại', response: { 200: Me } } },
    async (req) => {
      const actor = requireActor(req);
      return identity.me(actor, req.csrfToken ?? undefined);
    },
  );

  app.post(
    '/api/auth/password',
    { schema: { tags, summary: 'Đổi mật khẩu', body: ChangePasswordBody, response: { 200: OkBody } } },
    async (req) => {
      await identity.changePassword(requireActor(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Danh sách tài khoản',
        querystring: PageQuery.extend({ unitId: Uuid.optional() }),
        response: { 200: paged(UserSummary) },
      },
    },
    async (req) => {
      const r = await identity.listUsers(requireActor(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Tạo tài khoản',
        body: CreateUserBody,
        response: { 201: z.object({ id: Uuid }) },
      },
    },
    async (req, reply) => {
      const user = await identity.createUser(requireActor(req), req.body);
      return reply.status(201).send({ id: user.id });
    },
  );

  app.post(
    '/api/users/:id/disabled',
    {
      schema: {
        tags,
        summary: 'Khoá / mở khoá tài khoản',
        params: z.object({ id: Uuid }),
        body: z.object({ disabled: z.boolean() }),
        response: { 200: OkBody },
      },
    },
    async (req) => {
      await identity.setUserDisabled(requireActor(req), req.params.id, req.body.disabled);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Tạo mã truy cập API',
        body: ApiTokenCreateBody,
        response: { 201: ApiTokenCreated },
      },
    },
    async (req, reply) => {
      const created = await identity.createApiToken(requireActor(req), req.body.name, req.body.expiresInDays);
      return reply.status(201).send(created);
    },
  );
};
