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
import { attendanceRoutes, countAbsentSessions } from './modules/attendance';
import { auditRoutes, createAuditRepository } from './modules/audit';
import { contactBookRoutes, createConfiguredNotifiers, createContactBook } from './modules/contact-book';
import { disclosurePlugin } from './modules/disclosure';
import { examsPlugin } from './modules/exams';
import { forecastsPlugin } from './modules/forecasts';
import { gradebookRoutes } from './modules/gradebook';
import { createIdentityService, identityRoutes } from './modules/identity';
import { importRoutes } from './modules/imports';
import { createJobQueue } from './modules/jobs';
import { operationsPlugin } from './modules/operations';
import { privacyRoutes } from './modules/privacy';
import { createExamBankAdapter, createMediaStore, questionBankRoutes } from './modules/question-bank';
import { registryRoutes } from './modules/registry';
import { createStatistics, type PlanProgressPort, statisticsRoutesPlugin } from './modules/statistics';
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

  const PUBLIC_PREFIXES = ['/api/auth/login', '/api/health', '/api/docs', '/api/public/', '/api/devices/'];
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
  await app.register(gradebookRoutes, { database, access, audit, events, absences: countAbsentSessions });
  await app.register(privacyRoutes, { database, access, audit });
  // Background jobs: the worker polls the jobs table while the app runs (started when ready, stopped on close).
  const jobs = createJobQueue({ database, log: app.log });
  await app.register(transcriptsRoutes, { database, access, audit, publicUrl: config.publicUrl, jobs });
  await app.register(questionBankRoutes, { database, access, audit, dataDir: config.dataDir });
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
  // Statistics and quarterly reports: reminders through the contact book, live targets from the operations
  // centre (registered next), late reports shown as the dashboard's alerts.
  let planProgress: PlanProgressPort | null = null;
  const statistics = createStatistics({
    database,
    access,
    audit,
    jobs,
    notifySchoolStaff: contactBook.notifySchoolStaff,
    planProgress: () => planProgress,
    now: () => new Date(),
  });
  await app.register(statisticsRoutesPlugin, statistics);
  await app.register(operationsPlugin, {
    database,
    access,
    audit,
    events,
    map: { tileUrl: config.operations.tileUrl, tileAttribution: config.operations.tileAttribution },
    refreshSeconds: config.operations.refreshSeconds,
    alertSources: [statistics.alertsFor],
    expose: (ops) => {
      planProgress = ops.targetProgress;
    },
  });
  await app.register(forecastsPlugin, { database, access, audit });
  await app.register(disclosurePlugin, { database, access, audit, dataDir: config.dataDir });

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
