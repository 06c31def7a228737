import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can query through: the database or an open transaction. */
export type Queryable = Db | Tx;

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export type DatabaseOptions =
  /** PostgreSQL server (production, city-wide). */
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Give up opening a connection after this long (default 10 s): a request fails instead of waiting. */
      connectTimeoutMs?: number;
      /**
       * Give up waiting for a query's reply after this long (0 = never): on a network partition the server
       * answers nothing and resets nothing, and without it a request would wait for ever.
       */
      queryTimeoutMs?: number;
    }
  /** Embedded PGlite; `dataDir` undefined means in memory (tests). */
  | { kind: 'pglite'; dataDir?: string };

export type Database = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction and resolves only when the commit is durable: on PGlite a committed
   * `transaction()` is not synced by PGlite itself (electric-sql/pglite#1065), so this syncs explicitly.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Raw SQL with positional parameters, for tooling (backup/restore, benchmarks). */
  execute<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      query_timeout: options.queryTimeoutMs || undefined,
      keepAlive: true,
    });
    // A lost connection must not crash the process: the query in flight (if any) fails and reports it. The
    // pool's 'error' covers idle clients; a checked-out client (a transaction between two statements, a
    // request between two queries) emits 'error' on itself, which without a listener kills the process
    // (found by apps/server/faults/db-outage.fault.test.ts terminating the app's backends). pg-pool drops a
    // client that errored when it is released.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      transaction: (fn) => db.transaction(fn),
      async execute(text, params) {
        const res = await pool.query(text, params as unknown[]);
        return res.rows;
      },
      migrate: () => migrateNodePg(db as never, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (options.dataDir) {
    const dir = path.resolve(options.dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create({ dataDir: dir, relaxedDurability: false });
  } else {
    client = await PGlite.create();
  }
  // PGlite has one connection: a query on the outer client from inside a transaction would wait for the
  // transaction that is waiting for it. Detect that misuse and fail loudly instead of hanging.
  const inTransaction = new AsyncLocalStorage<boolean>();
  for (const method of ['query', 'exec'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (inTransaction.getStore()) {
        return Promise.reject(
          new Error('Database accessed outside its open transaction (would deadlock on PGlite): use tx'),
        );
      }
      return original(...args);
    };
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async transaction(fn) {
      const result = await inTransaction.run(true, () => db.transaction(fn));
      await client.syncToFs();
      return result;
    },
    async execute(text, params) {
      const res = await client.query(text, params as unknown[]);
      return res.rows as never;
    },
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  };
}
