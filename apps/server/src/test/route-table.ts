/** The route table as the OpenAPI document describes it, and database fingerprints for "nothing changed" checks. */
import type { TestApp } from './harness';

export type OpenApiParameter = {
  in: string;
  name: string;
  required?: boolean;
  schema?: Record<string, unknown>;
};
export type OpenApiOperation = {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
};
export type RouteEntry = { method: string; path: string; op: OpenApiOperation };

export async function routeTable(t: TestApp): Promise<RouteEntry[]> {
  const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), path, op })),
  );
}

/** md5 of the whole content of the given tables plus the audit log. */
export async function checksum(t: TestApp, tables: string[]) {
  const out: string[] = [];
  for (const table of [...tables, 'audit_log']) {
    const rows = await t.database.execute<{ h: string }>(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    out.push(rows[0].h);
  }
  return out.join(',');
}

/** Every table of the public schema except per-account bookkeeping (sessions' last-seen, login counters). */
export async function allTables(t: TestApp, except: string[] = []) {
  const rows = await t.database.execute<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  return rows.map((r) => r.name).filter((n) => !except.includes(n) && !n.startsWith('__'));
}

export const auditCount = async (t: TestApp) =>
  (await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log'))[0].n;
