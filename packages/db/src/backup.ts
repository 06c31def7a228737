import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * Portable SQL dump (sao lưu): one INSERT … SELECT FROM json_populate_recordset per chunk of rows, tables in
 * foreign-key order. The same file restores into PGlite or a PostgreSQL server that has the same migrations.
 * Sessions are not dumped (a restore signs everybody out).
 */
const SKIP = new Set(['sessions']);
const CHUNK = 2000;
const FORMAT = 'smartedu-dump/1';

async function tablesInOrder(database: Database): Promise<string[]> {
  const tables = (
    await database.execute<{ t: string }>(
      "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
  ).map((r) => r.t);
  const deps = await database.execute<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const d of deps) parents.get(d.child)?.add(d.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, stack: Set<string>) => {
    if (done.has(t) || stack.has(t)) return;
    stack.add(t);
    for (const p of parents.get(t) ?? []) visit(p, stack);
    stack.delete(t);
    done.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered.filter((t) => !SKIP.has(t));
}

async function migrationState(database: Database) {
  const rows = await database.execute<{ n: number; hash: string | null }>(
    'select count(*)::int as n, max(hash) as hash from drizzle.__drizzle_migrations',
  );
  return `${rows[0]?.n ?? 0}:${rows[0]?.hash ?? ''}`;
}

const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function backupDatabase(
  database: Database,
  file: string,
): Promise<{ tables: number; rows: number }> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const tables = await tablesInOrder(database);
  let total = 0;
  await write(
    `-- ${FORMAT}\n-- migrations: ${await migrationState(database)}\n-- created: ${new Date().toISOString()}\n`,
  );
  for (const table of tables) {
    const keyCols = await database.execute<{ col: string }>(
      `select a.attname as col from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
      [quoteIdent(table)],
    );
    const orderBy = keyCols.length ? keyCols.map((c) => quoteIdent(c.col)).join(', ') : '1';
    for (let offset = 0; ; offset += CHUNK) {
      const rows = await database.execute<{ data: unknown }>(
        `select coalesce(jsonb_agg(t), '[]'::jsonb)::text as data from (select * from ${quoteIdent(table)} order by ${orderBy} limit ${CHUNK} offset ${offset}) t`,
      );
      const json = String(rows[0].data);
      if (json === '[]') break;
      const count = (JSON.parse(json) as unknown[]).length;
      total += count;
      const literal = `'${json.replaceAll("'", "''")}'`;
      await write(
        `insert into ${quoteIdent(table)} select * from json_populate_recordset(null::${quoteIdent(table)}, ${literal});\n`,
      );
      if (count < CHUNK) break;
    }
  }
  // Sequences follow the restored rows.
  const seqs = await database.execute<{ tbl: string; col: string }>(
    `select c.relname as tbl, a.attname as col from pg_attribute a join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`,
  );
  for (const s of seqs) {
    await write(
      `select setval(pg_get_serial_sequence('${quoteIdent(s.tbl)}', '${s.col}'), coalesce((select max(${quoteIdent(s.col)}) from ${quoteIdent(s.tbl)}), 0) + 1, false);\n`,
    );
  }
  await write('-- end\n');
  out.end();
  await once(out, 'finish');
  return { tables: tables.length, rows: total };
}

/**
 * Loads a dump into a migrated database. With `replace`, existing rows are removed first; the whole restore is
 * one transaction, so a failed restore leaves the database as it was.
 */
export async function restoreDatabase(database: Database, file: string, opts: { replace?: boolean } = {}) {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const statements: string[] = [];
  let header = '';
  let migrations = '';
  let ended = false;
  for await (const line of lines) {
    if (line.startsWith('-- smartedu-dump/')) header = line.slice(3);
    else if (line.startsWith('-- migrations: ')) migrations = line.slice('-- migrations: '.length);
    else if (line === '-- end') ended = true;
    else if (line && !line.startsWith('--')) statements.push(line);
  }
  if (header !== FORMAT) throw new Error(`Tệp sao lưu không đúng định dạng (${FORMAT})`);
  if (!ended) throw new Error('Tệp sao lưu bị cắt cụt (thiếu dòng kết thúc)');
  const current = await migrationState(database);
  if (migrations !== current) {
    throw new Error(`Phiên bản CSDL của tệp sao lưu (${migrations}) khác phiên bản hiện tại (${current})`);
  }
  const tables = await tablesInOrder(database);
  await database.transaction(async (tx) => {
    const run = (text: string) => tx.execute(sql.raw(text));
    if (opts.replace) {
      await run(`truncate ${[...tables, 'sessions'].map(quoteIdent).join(', ')} restart identity cascade`);
    } else {
      for (const t of tables) {
        const r: unknown = await run(`select exists(select 1 from ${quoteIdent(t)}) as x`);
        const rows = (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as { x: boolean }[];
        if (rows[0]?.x) throw new Error(`CSDL không trống (bảng ${t} có dữ liệu): dùng --replace để ghi đè`);
      }
    }
    for (const s of statements) await run(s);
  });
  return { statements: statements.length };
}

/**
 * Per-table row count and checksum (md5 of the rows' text in primary-key order) of every table a backup
 * holds: equal on the source and on a restored copy means equal content. Computed in UTC so that timestamps
 * print the same on any server. Used by the round-trip tests and `smartedu checksums` (restore drills).
 */
export async function tableChecksums(
  database: Database,
): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await tablesInOrder(database);
  const out: Record<string, { rows: number; md5: string }> = {};
  await database.transaction(async (tx) => {
    const run = async <R>(text: string) => {
      const r: unknown = await tx.execute(sql.raw(text));
      return (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as R[];
    };
    await run("set local timezone = 'UTC'");
    await run('set local extra_float_digits = 1');
    for (const t of [...tables].sort()) {
      const [row] = await run<{ n: number; h: string }>(
        `select count(*)::int as n, md5(coalesce(string_agg(x.r, E'\\n' order by x.r collate "C"), '')) as h
           from (select t::text as r from ${quoteIdent(t)} t) x`,
      );
      out[t] = { rows: Number(row.n), md5: row.h };
    }
  });
  return out;
}
