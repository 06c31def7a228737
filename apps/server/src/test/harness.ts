import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, freshDatabase, seedDemo, seedReference } from '@smartedu/db';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { seedGradebookDemoResults } from '../modules/gradebook';
import { hashPassword } from '../modules/identity';

export const DEMO_PASSWORD = 'LaiChau@2024';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close: () => Promise<void>;
};

/** The whole app on a fresh database with the Lai Châu demo seeded. */
export async function createTestApp(
  opts: {
    demo?: boolean;
    gradebookDemo?: boolean;
    config?: Partial<Config>;
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<TestApp> {
  const { database, dispose } = await freshDatabase();
  await seedReference(database.db);
  if (opts.demo !== false) await seedDemo(database.db, { hashPassword: fastDemoHash });
  if (opts.gradebookDemo) await seedGradebookDemoResults(database);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'smartedu-test-'));
  const config: Config = {
    ...loadConfig({ SMARTEDU_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
    webDist: path.join(dataDir, 'no-web'),
    ...opts.config,
  };
  const app = await buildApp({ config, database, logStream: opts.logStream });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Real argon2id, computed once: the demo seed hashes one password for every account. */
let demoHash: Promise<string> | null = null;
const fastDemoHash = (plain: string) => {
  if (plain !== DEMO_PASSWORD) return hashPassword(plain);
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
};

/** A signed-in client: keeps the session cookie and sends the CSRF token on writes. */
export type Client = {
  username: string;
  me: {
    id: string;
    roles: { role: string; unitId: string }[];
    csrfToken?: string;
    guardianId: string | null;
    studentId: string | null;
    staffId: string | null;
    homeUnitId: string | null;
  };
  request: (
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
};

export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'smartedu_sid');
  if (!cookie) throw new Error('no session cookie');
  const me = res.json();
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      payload: body as never,
      cookies: { smartedu_sid: cookie.value },
      headers: { 'x-csrf-token': me.csrfToken, ...headers },
    });
  return {
    username,
    me,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
  };
}
