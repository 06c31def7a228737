import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Database } from '@smartedu/db';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { createEventBus } from './events';
import { createAccessRepository, createAccessService } from './modules/access';
import { attendanceRoutes } from './modules/attendance';
import { auditRoutes, createAuditRepository } from './modules/audit';
import { contactBookRoutes, createConfiguredNotifiers, createContactBook } from './modules/contact-book';
import { examsPlugin } from './modules/exams';
import { gradebookRoutes } from './modules/gradebook';
import { createIdentityService, identityRoutes } from './modules/identity';
import { importRoutes } from './modules/imports';
import { createJobQueue } from './modules/jobs';
import { operationsPlugin } from './modules/operations';
import { privacyRoutes } from './modules/privacy';
import { createExamBankAdapter, createMediaStore, questionBankRoutes } from './modules/question-bank';
import { registryRoutes } from './modules/registry';
import { transcriptsRoutes } from './modules/transcripts';
import { authPlugin } from './plugins/auth';
import { registerErrorHandler } from './plugins/errors';
import { registerInputGuard } from './plugins/input-guard';
import { registerSecurityHeaders } from './plugins/security-headers';

/** logStream: where the log goes instead of stdout (tests capture it to prove secrets are never logged). */
export type AppDeps = { config: Config; database: Database; logStream?: NodeJS.WritableStream };

/** The app is a function: tests build it and use `inject` without a port. */
export async function buildApp({ config, database, logStream }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            ...(logStream ? { stream: logStream } : {}),
          },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerInputGuard(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'SmartEdu API', description: 'Nền tảng giáo dục thông minh — API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'smartedu_sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });

  // Composition root: build services once, pass each module exactly what it uses.
  const access = createAccessService(createAccessRepository(database.db));
  const audit = createAuditRepository();
  const events = createEventBus((name, err) => app.log.error({ err, event: name }, 'event handler failed'));
  void events; // modules that emit or listen receive it below
  const identity = createIdentityService({
    database,
    access,
    audit,
    sessionTtlMs: config.sessionTtlMs,
    login: { maxFailures: config.login.maxFailures, lockMs: config.login.lockMs },
  });

  // /api/exam-saves/: exam autosave, authenticated by the attempt's save token (see modules/exams).
  const PUBLIC_PREFIXES = [
    '/api/auth/login',
    '/api/health',
    '/api/docs',
    '/api/public/',
    '/api/devices/',
    '/api/exam-saves/',
  ];
  await app.register(authPlugin, {
    identity,
    csrfExempt: (url) =>
      url.startsWith('/api/auth/login') || url.startsWith('/iclock/') || url.startsWith('/api/devices/'),
    isPublic: (url) => PUBLIC_PREFIXES.some((p) => url.startsWith(p)),
  });
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await database.execute('select 1');
    return { ok: true, database: database.kind };
  });
  await app.register(identityRoutes, {
    identity,
    cookieSecure: config.cookieSecure,
    sessionTtlMs: config.sessionTtlMs,
    loginRatePerMinute: config.login.ratePerMinute,
  });
  await app.register(auditRoutes, { database, access, audit });
  await app.register(registryRoutes, { database, access, audit });
  await app.register(importRoutes, { database, access, audit, dataDir: config.dataDir });
  await app.register(attendanceRoutes, { database, access, audit, events });
  await app.register(gradebookRoutes, { database, access, audit, events });
  await app.register(privacyRoutes, { database, access, audit });
  await app.register(transcriptsRoutes, { database, access, audit, publicUrl: config.publicUrl });
  await app.register(questionBankRoutes, { database, access, audit, dataDir: config.dataDir });
  // Background jobs: the worker polls the jobs table while the app runs (started when ready, stopped on close).
  const jobs = createJobQueue({ database, log: app.log });
  const contactBook = createContactBook({
    database,
    access,
    audit,
    events,
    jobs,
    notifiers: createConfiguredNotifiers(config.smtp, config.publicUrl),
  });
  await app.register(contactBookRoutes, contactBook);
  await app.register(examsPlugin, {
    database,
    access,
    audit,
    bank: createExamBankAdapter({ database, access, media: createMediaStore(config.dataDir) }),
    sessions: identity,
    jobs,
  });
  app.addHook('onReady', async () => jobs.start());
  app.addHook('onClose', async () => jobs.stop());
  await app.register(operationsPlugin, {
    database,
    access,
    audit,
    events,
    map: { tileUrl: config.operations.tileUrl, tileAttribution: config.operations.tileAttribution },
    refreshSeconds: config.operations.refreshSeconds,
  });

  // The built web client is served by the same server; unknown non-API paths fall back to its index.html.
  const webDist = config.webDist ?? path.resolve(import.meta.dirname, '../../web/dist');
  const serveWeb = existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ code: 'NOT_FOUND', message: 'Không tìm thấy đường dẫn', requestId: req.id });
  });
  return app;
}
