import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  DATABASE_QUERY_TIMEOUT_SECONDS: z.coerce.number().min(0).default(60), // 0 = never
  SMARTEDU_DATA_DIR: z.string().default('./data'),
  SMARTEDU_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WEB_DIST: z.string().optional(),
  PUBLIC_URL: z.url().default('http://localhost:3000'), // public origin (links in QR codes, e-mails)
  SMTP_URL: z.string().optional(), // smtp(s)://user:pass@host:port; unset = notifications in-app only
  SMTP_FROM: z.string().default('SmartEdu <no-reply@smartedu.local>'),
  TILE_URL: z.string().optional(), // map tiles for the operations dashboard ('https://…/{z}/{x}/{y}.png'); unset = no tiles
  TILE_ATTRIBUTION: z.string().optional(),
  // PostgreSQL connection pool of the server (an exam start waits for a connection three times: size it for the
  // peak, e.g. 20 for 20,000 students starting within a minute; see bench/exams.bench.ts).
  OPS_REFRESH_SECONDS: z.coerce.number().int().min(0).default(60), // operations rollup sweep; 0 = off
});

export type Config = {
  port: number;
  host: string;
  database:
    | { kind: 'postgres'; url: string; poolSize: number; connectTimeoutMs: number; queryTimeoutMs: number }
    | { kind: 'pglite'; dataDir?: string };
  dataDir: string;
  seedDemo: boolean;
  sessionTtlMs: number;
  cookieSecure: boolean | 'auto';
  trustProxy: boolean;
  logLevel: string;
  login: { maxFailures: number; lockMs: number; ratePerMinute: number };
  webDist?: string;
  publicUrl: string;
  smtp: { url?: string; from: string };
  operations: { tileUrl: string | null; tileAttribution: string | null; refreshSeconds: number };
};

/** Parsed once at boot; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const e = Env.parse(env);
  const dataDir = path.resolve(e.SMARTEDU_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolSize: e.DATABASE_POOL_SIZE,
          connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000,
          queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_SECONDS * 1000,
        }
      : { kind: 'pglite', dataDir },
    dataDir,
    seedDemo: e.SMARTEDU_SEED_DEMO === 'true',
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
      ratePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
    webDist: e.WEB_DIST,
    publicUrl: e.PUBLIC_URL,
    smtp: { url: e.SMTP_URL || undefined, from: e.SMTP_FROM },
    operations: {
      tileUrl: e.TILE_URL || null,
      tileAttribution: e.TILE_ATTRIBUTION || null,
      refreshSeconds: e.OPS_REFRESH_SECONDS,
    },
    ...overrides,
  };
}
