import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * The fault tests drive the real server process (`smartedu start`, as a user runs it) so that a kill -9 kills
 * what production runs: `node --import tsx apps/server/src/cli.ts start` (the same as `tsx …` without tsx's
 * wrapper process, whose kill would leave the server orphaned), on a free port, on PGlite in a temporary data
 * directory or, when DATABASE_URL is set, on a fresh PostgreSQL database dropped afterwards.
 */

export const root = fileURLToPath(new URL('../../../..', import.meta.url));
export const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
export const DEMO_PASSWORD = 'LaiChau@2024';

export type Backend = {
  dataDir: string;
  /** The app's DATABASE_URL (PostgreSQL) or null (PGlite in dataDir). */
  databaseUrl: string | null;
  dispose: () => Promise<void>;
};

const adminQuery = async (sql: string) => {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

/** A fresh backend: a temporary data directory and, on PostgreSQL, a fresh database. */
export async function freshBackend(opts: { dataDir?: string } = {}): Promise<Backend> {
  const own = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'smartedu-faults-'));
  let databaseUrl: string | null = null;
  let name: string | null = null;
  if (ON_POSTGRES) {
    name = `smartedu_faults_${randomBytes(5).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  return {
    dataDir,
    databaseUrl,
    async dispose() {
      if (name) await adminQuery(`drop database if exists ${name} with (force)`);
      if (own) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The PostgreSQL URL with another host/port (to route the app through a proxy). */
export function viaPort(url: string, port: number) {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

export type Server = {
  baseUrl: string;
  pid: number;
  output: () => string;
  /** SIGKILL: no shutdown hook, no flush. */
  kill9: () => Promise<void>;
  /** SIGTERM and wait for the graceful exit. */
  stop: () => Promise<void>;
  exited: () => boolean;
};

/** A port nobody listens on now, chosen by the kernel (a random guess could collide with another process). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `smartedu start` and waits for /api/health. */
export async function startServer(
  backend: Backend,
  opts: { env?: Record<string, string>; databaseUrl?: string; timeoutMs?: number } = {},
): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SMARTEDU_DATA_DIR: backend.dataDir,
    LOG_LEVEL: 'warn',
    OPS_REFRESH_SECONDS: '0',
    WEB_DIST: path.join(backend.dataDir, 'no-web'),
    ...opts.env,
  };
  delete env.DATABASE_URL;
  const url = opts.databaseUrl ?? backend.databaseUrl;
  if (url) env.DATABASE_URL = url;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli.ts', 'start'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Server = {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async kill9() {
      if (!server.exited()) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (server.exited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (server.exited()) throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      const res = await fetch(`${server.baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill9();
      throw new Error(`server did not start:\n${output}`);
    }
    await sleep(200);
  }
  return server;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A signed-in HTTP client of a running server (session cookie + CSRF header), with plain fetch. */
export type Session = { cookie: string; csrf: string };

export async function signIn(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('smartedu_sid='));
  if (!sid) throw new Error('no session cookie');
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: sid, csrf: me.csrfToken };
}

export type Reply = { status: number; body: unknown; text: string };

/** One request; a network failure (server down, connection reset) is status 0. */
export async function call(
  baseUrl: string,
  method: string,
  url: string,
  opts: {
    session?: Session;
    json?: unknown;
    form?: FormData;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.session) {
    headers.cookie = opts.session.cookie;
    headers['x-csrf-token'] = opts.session.csrf;
  }
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) body = opts.form;
  try {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, text };
  } catch (err) {
    return { status: 0, body: null, text: String((err as Error).cause ?? err) };
  }
}
