import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, openDatabase, seedDemo, seedReference } from '@smartedu/db';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { hashPassword } from '../modules/identity';

export const DEMO_PASSWORD = 'LaiChau@2024';

/**
 * A fresh database for one test file: in-memory PGlite by default, or a new database on the PostgreSQL server
 * named by DATABASE_URL (dropped afterwards).
 */
export async function freshDatabase(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'pglite' });
    await database.migrate();
    return { database, dispose: () => database.close() };
  }
  const name = `smartedu_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 5 });
  await database.migrate();
  return {
    database,
    dispose: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close: () => Promise<void>;
};

/** The whole app on a fresh database with the Lai Châu demo seeded. */
export async function createTestApp(
  opts: { demo?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const { database, dispose } = await freshDatabase();
  await seedReference(database.db);
  if (opts.demo !== false) await seedDemo(database.db, { hashPassword: fastDemoHash });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'smartedu-test-'));
  const config: Config = {
    ...loadConfig({ SMARTEDU_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
    webDist: path.join(dataDir, 'no-web'),
    ...opts.config,
  };
  const app = await buildApp({ config, database });
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
