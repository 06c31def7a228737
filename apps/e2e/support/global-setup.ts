import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../../..', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Starts SmartEdu the way a user does (`smartedu start`: migrations, demo seed, built web client) on a free
 * port with a fresh data directory, or a fresh PostgreSQL database when DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'smartedu-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SMARTEDU_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  let dropDb: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const name = `smartedu_e2e_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    dropDb = async () => {
      const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  const server: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli.ts', 'start'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  server.stdout?.on('data', (d) => {
    output += d;
  });
  server.stderr?.on('data', (d) => {
    output += d;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const deadline = started + 240_000;
  let lastProbe = 'no answer yet';
  const fail = async (why: string) => {
    server.kill('SIGKILL');
    await dropDb?.().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    return new Error(`${why} (port ${port}, last health probe: ${lastProbe}):\n${output}`);
  };
  for (;;) {
    if (server.exitCode !== null) throw await fail(`server exited (${server.exitCode})`);
    const t = Date.now();
    try {
      // a probe that hangs (the process accepts but never answers) is cut off and recorded, not waited out
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) break;
      lastProbe = `HTTP ${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      lastProbe = `${(err as Error).name}${cause ? ` ${cause}` : ''} after ${Date.now() - t} ms`;
    }
    if (Date.now() > deadline)
      throw await fail(`server did not answer /api/health within ${(Date.now() - started) / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill('SIGKILL');
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** A port nobody listens on now: the kernel picks it (a random guess can collide with another process). */
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
