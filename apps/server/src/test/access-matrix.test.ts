/**
 * The access matrix: every API route × every demo role × a record inside and outside the role's scope.
 *
 * The routes come from the route table (the OpenAPI document), so a new route without a rule here fails.
 * Expectations are written out by hand from the role definitions (not computed by the code under test):
 * no role reads or writes outside its scope, and every allowed write leaves an audit entry while a refused
 * one changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expected, type Fixture, USERS, type User, WHERE } from './access-rules';
import { RULES } from './access-rules.core';
import type { Client, TestApp } from './harness';
import { createTestApp } from './harness';
import { buildFixture } from './matrix-fixture';
import { auditCount as countAudit, routeTable, checksum as tablesChecksum } from './route-table';

let t: TestApp;
let routes: { method: string; path: string }[] = [];
let clients = {} as Record<User, Client>;
let f: Fixture;

const checksum = (tables: string[]) => tablesChecksum(t, tables);
const auditCount = () => countAudit(t);

beforeAll(async () => {
  t = await createTestApp();
  routes = await routeTable(t);
  ({ clients, f } = await buildFixture(t));
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('access matrix', () => {
  it('has a rule for every route in the route table', () => {
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !RULES[k]);
    expect(missing, 'routes without an access rule').toEqual([]);
  });

  it('refuses every non-public route without a session', async () => {
    for (const r of routes) {
      const rule = RULES[`${r.method} ${r.path}`];
      if (rule?.kind === 'public') continue;
      const url = r.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect([401, 403], `${r.method} ${r.path} → ${res.statusCode}`).toContain(res.statusCode);
    }
  });

  it('lets every signed-in role read reference data and itself', async () => {
    for (const u of USERS) {
      for (const [key, rule] of Object.entries(RULES)) {
        if (rule.kind !== 'any-signed-in') continue;
        const res = await clients[u].get(key.split(' ')[1]);
        expect(res.statusCode, `${u} ${key}`).toBe(200);
      }
    }
  });

  for (const [key, rule] of Object.entries(RULES)) {
    if (rule.kind !== 'record' && rule.kind !== 'list') continue;
    it(`${key}: allowed exactly within scope`, async () => {
      const failures: string[] = [];
      let seq = 0;
      for (const u of USERS) {
        for (const where of WHERE) {
          const allow = rule.expected ? rule.expected(u, where) : expected(u, rule.permission, where);
          if (rule.kind === 'list') {
            const p = rule.probe(f, where);
            const res = await clients[u].request(p.method, p.url);
            if (res.statusCode !== 200 && res.statusCode !== 403) {
              failures.push(`${u} ${where}: status ${res.statusCode}`);
              continue;
            }
            const items =
              res.statusCode === 200
                ? ((res.json().items ?? res.json()) as {
                    id: string;
                    schoolId?: string;
                    roles?: { unitId: string }[];
                  }[])
                : [];
            const id = rule.id(f, where);
            if (id) {
              const seen = items.some((i) => i.id === id);
              if (seen !== allow) failures.push(`${u} ${where}: listed=${seen}, expected ${allow}`);
            } else if (!allow && items.length > 0) {
              failures.push(`${u} ${where}: ${items.length} items listed outside scope`);
            } else if (allow && res.statusCode !== 200) {
              failures.push(`${u} ${where}: refused (${res.statusCode})`);
            }
            continue;
          }
          seq++;
          const p = await rule.probe(f, where, seq, clients['admin.so']);
          const write = p.method !== 'GET';
          const before = write && !allow ? await checksum(rule.tables ?? []) : '';
          const auditBefore = write ? await auditCount() : 0;
          const res = await clients[u].request(p.method, p.url, p.body);
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          if (ok !== allow) {
            failures.push(
              `${u} ${where}: ${p.method} ${p.url} → ${res.statusCode} ${res.body.slice(0, 160)} (expected ${allow ? 'allowed' : 'refused'})`,
            );
            continue;
          }
          if (!allow && ![403, 404].includes(res.statusCode))
            failures.push(`${u} ${where}: refused with ${res.statusCode}`);
          if (write && allow && (await auditCount()) <= auditBefore)
            failures.push(`${u} ${where}: write left no audit entry`);
          if (write && !allow && (await checksum(rule.tables ?? [])) !== before)
            failures.push(`${u} ${where}: refused write changed data`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
