import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import type { Actor } from '../modules/access';
import { type IdentityService, sha256 } from '../modules/identity';

export const SESSION_COOKIE = 'smartedu_sid';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The session credentials of a request to a route that checks the session inside its own statement (route
 * config `sessionInStatement: true`, the exam autosave): the session id (SHA-256 of the cookie token, as
 * stored), the CSRF token the client sent, and the raw token (to resolve the full actor when the statement
 * refuses and the route explains why).
 */
export type SessionProof = {
  sessionId: string;
  csrfToken: string;
  token: string;
  /**
   * The ordinary session check (401 without a live session, 403 on a wrong CSRF token). The statement that
   * stores the data checks the same; a route calls this only when it will not reach that statement (a body
   * that failed validation), so that a stranger learns nothing about the route's input.
   */
  verify: () => Promise<void>;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionProof: SessionProof | null;
  }
  interface FastifyContextConfig {
    /**
     * The route authenticates the session cookie and CSRF token in the same SQL statement that does its work
     * (identity's `liveSessionStudentSql`), instead of a lookup per request here. The cookie and the CSRF
     * header are still required.
     */
    sessionInStatement?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * csrfExempt: paths that authenticate on their own (login) or machine endpoints with their own signatures.
 * isPublic: paths served without a session (login, health, API docs, public pages, device endpoints).
 */
export type AuthOptions = {
  identity: IdentityService;
  csrfExempt: (url: string) => boolean;
  isPublic: (url: string) => boolean;
};

/**
 * Resolves the actor from the session cookie or a Bearer API token, and enforces CSRF (synchroniser token
 * in the X-CSRF-Token header) on every cookie-authenticated write.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionProof', null);
  app.addHook('onRequest', async (req) => {
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const actor = await opts.identity.actorFromApiToken(authz.slice(7).trim(), req.ip);
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Mã truy cập API không hợp lệ hoặc đã hết hạn');
      req.actor = actor;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    if (req.routeOptions.config?.sessionInStatement) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent.length === 0 || sent.length > 128)
        throw new AppError('CSRF_FAILED', 'Phiên làm việc không hợp lệ (CSRF), vui lòng tải lại trang');
      req.sessionProof = {
        sessionId: sha256(token),
        csrfToken: sent,
        token,
        async verify() {
          const resolved = await opts.identity.actorFromSession(token, req.ip);
          if (!resolved) throw new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
          if (resolved.csrfToken !== sent)
            throw new AppError('CSRF_FAILED', 'Phiên làm việc không hợp lệ (CSRF), vui lòng tải lại trang');
        },
      };
      return;
    }
    const resolved = await opts.identity.actorFromSession(token, req.ip);
    if (!resolved) return;
    req.actor = resolved.actor;
    req.csrfToken = resolved.csrfToken;
    if (!SAFE_METHODS.has(req.method) && !opts.csrfExempt(req.url)) {
      // Checked before the body is parsed or validated.
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== resolved.csrfToken) {
        throw new AppError('CSRF_FAILED', 'Phiên làm việc không hợp lệ (CSRF), vui lòng tải lại trang');
      }
    }
  });
  // Secure by default: every /api route needs a signed-in actor unless it is declared public, and this is
  // checked before the body is validated (so nothing about the route's input leaks to strangers).
  app.addHook('preValidation', async (req) => {
    if (!req.actor && !req.sessionProof && req.url.startsWith('/api/') && !opts.isPublic(req.url)) {
      throw new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
    }
  });
});

/** The session credentials of a `sessionInStatement` route, or 401. */
export function requireSessionProof(req: FastifyRequest): SessionProof {
  if (!req.sessionProof) throw new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
  return req.sessionProof;
}

/** The authenticated actor, or 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
  return req.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeMs: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}
export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
