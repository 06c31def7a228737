import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../errors';
import { isValidSn } from './iclock.protocol';
import type { IclockService } from './iclock.service';

export type IclockRouteOptions = {
  iclock: IclockService;
  /** Requests per device (serial number and address) per window. */
  rateLimit: { max: number; timeWindowMs: number };
};

/** Upload bodies above this are refused (413) before they are read in full. */
export const ICLOCK_BODY_LIMIT = 2 * 1024 * 1024;

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const queryOf = (req: FastifyRequest) => req.query as Query;

function snOf(req: FastifyRequest): string {
  const sn = one(queryOf(req).SN);
  if (!isValidSn(sn))
    throw new AppError('BAD_SERIAL_NUMBER', 'Số sê-ri (SN) thiếu hoặc không hợp lệ', {
      sn: String(sn ?? '').slice(0, 60),
    });
  return sn;
}

const text = (reply: FastifyReply, body: string) => reply.type('text/plain').send(body);

/**
 * ZKTeco ADMS / iclock endpoints (Attendance PUSH 2.x), outside /api and without sessions: the terminal is the
 * client and identifies itself only by its serial number. Encapsulated: its raw-text body parser (also for
 * requests without a Content-Type), its body limit and its plain-text error replies stay in this scope.
 */
export const iclockRoutes: FastifyPluginAsync<IclockRouteOptions> = async (app, opts) => {
  const { iclock } = opts;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ICLOCK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
    const code =
      err instanceof AppError
        ? err.code
        : status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 429
            ? 'RATE_LIMITED'
            : status >= 500
              ? 'INTERNAL'
              : 'BAD_REQUEST';
    if (status >= 500) req.log.error({ err }, 'iclock request failed');
    else req.log.warn({ code, url: req.url.slice(0, 200) }, 'iclock request refused');
    const message = err instanceof AppError ? ` ${err.message}` : '';
    return reply.status(status).type('text/plain').send(`ERROR: ${code}${message}`);
  });

  const config = {
    rateLimit: {
      max: opts.rateLimit.max,
      timeWindow: opts.rateLimit.timeWindowMs,
      keyGenerator: (req: FastifyRequest) =>
        `iclock|${String(one(queryOf(req).SN) ?? '').slice(0, 40)}|${req.ip}`,
    },
  };
  const route = { schema: { hide: true }, config, bodyLimit: ICLOCK_BODY_LIMIT };
  // Some firmware (eSSL) is reported to append '.aspx' to the paths.
  const paths = (name: string) => [`/iclock/${name}`, `/iclock/${name}.aspx`];

  for (const url of paths('cdata')) {
    app.get(url, route, async (req, reply) => {
      const sn = snOf(req);
      const pushver = one(queryOf(req).pushver) ?? null;
      const { text: body, registered } = await iclock.handshake(sn, req.ip, pushver);
      if (registered) req.log.info({ sn, ip: req.ip }, 'new attendance device, pending until claimed');
      return text(reply, body);
    });
    app.post(url, route, async (req, reply) => {
      const sn = snOf(req);
      const q = queryOf(req);
      const body = typeof req.body === 'string' ? req.body : '';
      const result = await iclock.upload(sn, req.ip, one(q.table) ?? '', one(q.Stamp) ?? null, body);
      if (result.skipped.length)
        req.log.warn({ sn, skipped: result.skipped.slice(0, 20) }, 'malformed attendance lines skipped');
      if (result.unknownPins.length)
        req.log.info({ sn, pins: result.unknownPins.slice(0, 50) }, 'punches of unmapped PINs stored');
      if (result.userEdits.length)
        req.log.info({ sn, users: result.userEdits.slice(0, 50) }, 'users edited on device');
      if (result.table !== 'ATTLOG' && result.table !== 'OPERLOG')
        req.log.info(
          { sn, table: result.table, lines: result.accepted },
          'device table acknowledged and dropped',
        );
      // Acknowledged only now, after the commit: on a failure the device keeps the batch and retries.
      return text(reply, `OK: ${result.accepted}`);
    });
  }
  for (const url of paths('getrequest')) {
    app.get(url, route, async (req, reply) => {
      const sn = snOf(req);
      return text(reply, await iclock.poll(sn, req.ip, one(queryOf(req).INFO) ?? null));
    });
  }
  for (const url of paths('devicecmd')) {
    app.post(url, route, async (req, reply) => {
      const sn = snOf(req);
      const result = await iclock.results(sn, req.ip, typeof req.body === 'string' ? req.body : '');
      if (result.matched < result.results)
        req.log.warn({ sn, ...result }, 'command results for unknown command ids');
      return text(reply, 'OK');
    });
  }
  app.get('/iclock/ping', route, async (req, reply) => {
    await iclock.ping(snOf(req), req.ip);
    return text(reply, 'OK');
  });
};
