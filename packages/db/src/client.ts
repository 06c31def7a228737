import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
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
  /**
   * Calls `listener` with the text of every statement sent to the server (including BEGIN/COMMIT and the
   * statements of transactions), until the returned function is called. For tests that count queries.
   */
  observeQueries(listener: (text: string) => void): () => void;
};

type QueryFn = (...args: unknown[]) => Promise<unknown>;
/** The SQL text of a driver call: `query(text, …)`, `query({ text | sql, … })`. */
const textOf = (arg: unknown) =>
  typeof arg === 'string'
    ? arg
    : String((arg as { text?: string; sql?: string })?.text ?? (arg as { sql?: string })?.sql ?? '');

function createObservers() {
  const listeners = new Set<(text: string) => void>();
  return {
    observe(listener: (text: string) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    /** Wraps `target[method]` so that each call is reported first (a no-op while nobody listens). */
    wrap(target: object, method: string) {
      const t = target as Record<string, QueryFn>;
      const original = t[method].bind(target);
      t[method] = (...args: unknown[]) => {
        if (listeners.size) for (const l of listeners) l(textOf(args[0]));
        return original(...args);
      };
    },
  };
}

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
    // Every statement, pooled or in a transaction, goes through a pooled client's query().
    const observers = createObservers();
    pool.on('connect', (client) => {
      client.on('error', () => {});
      observers.wrap(client, 'query');
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
      observeQueries: observers.observe,
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
  // Statements on the client, and those of its transactions (run on the transaction object).
  const observers = createObservers();
  observers.wrap(client, 'query');
  observers.wrap(client, 'exec');
  const transaction = client.transaction.bind(client);
  (client as unknown as { transaction: unknown }).transaction = (fn: (tx: object) => Promise<unknown>) =>
    transaction((tx) => {
      observers.wrap(tx, 'query');
      observers.wrap(tx, 'exec');
      return fn(tx) as never;
    });
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
    observeQueries: observers.observe,
  };
}

type DriverClient = {
  query: (...args: unknown[]) => Promise<{ rows: unknown[] }>;
  totalCount?: number;
};
const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * Runs `query` (a drizzle `sql` template) as a named prepared statement on PostgreSQL: parsed and planned once
 * per pooled connection instead of on every call, for statements on the hot paths (every request's session
 * lookup, an exam start, an autosave). The name is derived from the statement's text, so two texts never share
 * one. On PGlite, and inside a transaction, it is an ordinary parameterised query.
 */
export async function queryPrepared<R>(db: Queryable, query: SQL): Promise<R[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = (db as unknown as { $client?: DriverClient }).$client;
  if (client && typeof client.totalCount === 'number') {
    let name = statementNames.get(text);
    if (!name) {
      name = `q_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      if (statementNames.size < 1000) statementNames.set(text, name);
    }
    return (await client.query({ name, text, values: params })).rows as R[];
  }
  const res = (await db.execute(query)) as unknown;
  return (Array.isArray(res) ? res : (res as { rows: R[] }).rows) as R[];
}
