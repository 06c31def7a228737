/**
 * Fuzzing through HTTP: JSON bodies of every route with a JSON request body (generated from the route table's
 * OpenAPI schemas: shape-aware values, wrong types, arbitrary JSON), the signed terminal webhook and the ZKTeco
 * iclock push endpoints. Zero 5xx. Size: FUZZ_RUNS per target (CI default below; `npm run test:fuzz` 10 000).
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../access-rules';
import { fuzzRuns } from '../fuzz-runs';
import { type Client, createTestApp, type TestApp } from '../harness';
import { buildFixture } from '../matrix-fixture';
import { type RouteEntry, routeTable } from '../route-table';

type Schema = Record<string, unknown>;
let t: TestApp;
let admin: Client;
let f: Fixture;
let routes: RouteEntry[];
const failures: string[] = [];
const statuses: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  routes = await routeTable(t);
  const setup = await buildFixture(t);
  f = setup.f;
  admin = setup.clients['hieutruong.qt'];
}, 300_000);
afterAll(async () => {
  console.info('fuzz HTTP statuses:', JSON.stringify(statuses));
  await t?.close();
});

/** Values shaped by a JSON schema, with a chance of junk at every level. */
function fromSchema(s: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      '',
      '\u0000',
      "' OR 1=1--",
      '<script>alert(1)</script>',
      -1,
      1e308,
      '9'.repeat(40),
      null,
      [],
      {},
    ),
  );
  if (!s || depth > 5) return junk;
  let shaped: fc.Arbitrary<unknown>;
  const anyOf = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (anyOf) shaped = fc.oneof(...anyOf.map((x) => fromSchema(x, ids, depth + 1)));
  else if (Array.isArray(s.enum)) shaped = fc.constantFrom(...(s.enum as unknown[]));
  else if (s.const !== undefined) shaped = fc.constant(s.const);
  else
    switch (s.type) {
      case 'string':
        shaped =
          s.format === 'uuid'
            ? fc.oneof(fc.constantFrom(...ids), fc.uuid())
            : s.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || s.format === 'date'
              ? fc.oneof(
                  fc
                    .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
                    .map((d) => d.toISOString().slice(0, 10)),
                  fc.constantFrom('2025-02-30', '0000-00-00', '2025-13-01'),
                )
              : s.format === 'date-time'
                ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
                : fc.string({ maxLength: Math.min(Number(s.maxLength ?? 40), 60) });
        break;
      case 'integer':
        shaped = fc.integer({ min: Number(s.minimum ?? -1000), max: Number(s.maximum ?? 100_000) });
        break;
      case 'number':
        shaped = fc.double({ min: Number(s.minimum ?? -1e6), max: Number(s.maximum ?? 1e6), noNaN: true });
        break;
      case 'boolean':
        shaped = fc.boolean();
        break;
      case 'null':
        shaped = fc.constant(null);
        break;
      case 'array':
        shaped = fc.array(fromSchema(s.items as Schema, ids, depth + 1), { maxLength: 3 });
        break;
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Schema>;
        const required = (s.required ?? []) as string[];
        shaped = fc.record(
          Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, ids, depth + 1)])),
          { requiredKeys: required.filter((k) => k in props) },
        );
        break;
      }
      default:
        shaped = fc.jsonValue({ maxDepth: 2 });
    }
  return fc.oneof({ arbitrary: shaped, weight: 6 }, { arbitrary: junk, weight: 1 });
}

/** Routes that would end the fuzzer's own session or lock accounts: fuzzed elsewhere (identity tests). */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/users/{id}/disabled', 'POST /api/auth/password']);

/** Nightly runs (FUZZ_RUNS=10 000) take minutes per target: a harness limit, not a speed claim. */
const FUZZ_TIMEOUT = 3_600_000;

describe('fuzzing through HTTP: zero 5xx', () => {
  it(
    'JSON bodies of every route, shaped by its OpenAPI schema',
    async () => {
      const ids = [
        f.school.own,
        f.student.own,
        f.klass.own,
        f.guardian.own,
        f.staff.own,
        f.yearId,
        f.subjectThcs,
        f.student.other,
      ];
      const fill: Record<string, string> = {
        schoolId: f.school.own,
        classId: f.klass.own,
        studentId: f.student.own,
      };
      const targets = routes
        .filter((r) => r.op.requestBody?.content?.['application/json'] && !SKIP.has(`${r.method} ${r.path}`))
        .map((r) => ({
          r,
          url: r.path.replace(
            /\{(\w+)\}/g,
            (_m, p: string) => fill[p] ?? (p === 'id' ? f.student.own : f.klass.own),
          ),
          body: fromSchema(r.op.requestBody!.content!['application/json'].schema, ids),
        }));
      expect(targets.length).toBeGreaterThan(60);
      await fc.assert(
        fc.asyncProperty(
          fc
            .integer({ min: 0, max: targets.length - 1 })
            .chain((i) => fc.tuple(fc.constant(i), targets[i].body)),
          async ([i, body]) => {
            const { r, url } = targets[i];
            const res = await admin.request(r.method, url, body);
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            if (res.statusCode >= 500)
              failures.push(
                `${r.method} ${r.path} ${JSON.stringify(body).slice(0, 200)} → ${res.statusCode}`,
              );
          },
        ),
        { numRuns: fuzzRuns(400) },
      );
      expect(failures).toEqual([]);
    },
    FUZZ_TIMEOUT,
  );

  it(
    'the signed terminal webhook: arbitrary JSON with a valid signature',
    async () => {
      const device = (
        await admin.post(`/api/schools/${f.school.own}/attendance-devices`, {
          kind: 'webhook',
          name: 'Máy thử fuzz',
        })
      ).json() as { id: string; webhookSecret: string };
      const punch = fc.record(
        {
          userId: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('F1052', '1001', '')),
          time: fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom('2025-03-11 07:01:02', '2025-03-11T09:30:00Z', '9999-99-99'),
          ),
          verify: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })),
        },
        { requiredKeys: [] },
      );
      const body = fc.oneof(
        fc.record({ punches: fc.array(fc.oneof(punch, fc.jsonValue({ maxDepth: 2 })), { maxLength: 20 }) }),
        fc.jsonValue({ maxDepth: 3 }),
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const raw = JSON.stringify(b) ?? 'null';
          const ts = String(Math.floor(Date.now() / 1000));
          const signature = createHmac('sha256', device.webhookSecret).update(`${ts}.${raw}`).digest('hex');
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/devices/webhook/${device.id}`,
            payload: raw,
            headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': signature },
          });
          statuses[`webhook ${res.statusCode}`] = (statuses[`webhook ${res.statusCode}`] ?? 0) + 1;
          expect(res.statusCode, raw.slice(0, 200)).toBeLessThan(500);
        }),
        { numRuns: fuzzRuns(300) },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'the ZKTeco iclock push protocol: arbitrary query strings and bodies',
    async () => {
      const sn = 'FUZZ0001';
      await admin.post(`/api/schools/${f.school.own}/attendance-devices`, {
        kind: 'zkteco',
        sn,
        name: 'Máy chấm công fuzz',
      });
      const line = fc
        .array(
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.constantFrom('1001', '2025-03-10 07:12:44', '0', '15', '255'),
          ),
          { maxLength: 8 },
        )
        .map((x) => x.join('\t'));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            '/iclock/cdata',
            '/iclock/getrequest',
            '/iclock/devicecmd',
            '/iclock/registry',
            '/iclock/push',
          ),
          fc.constantFrom('GET', 'POST'),
          fc.oneof(fc.constant(sn), fc.string({ maxLength: 12 })),
          fc.constantFrom('ATTLOG', 'OPERLOG', 'ATTPHOTO', 'options', 'BIODATA', ''),
          fc.array(line, { maxLength: 6 }).map((l) => l.join('\n')),
          async (path, method, s, table, body) => {
            const res = await t.app.inject({
              method: method as 'GET',
              url: `${path}?SN=${encodeURIComponent(s)}&table=${table}&Stamp=1&options=all`,
              payload: method === 'POST' ? body : undefined,
              headers: { 'content-type': 'text/plain' },
              remoteAddress: '10.8.0.21',
            });
            statuses[`iclock ${res.statusCode}`] = (statuses[`iclock ${res.statusCode}`] ?? 0) + 1;
            expect(res.statusCode, `${method} ${path} ${table} ${body.slice(0, 100)}`).toBeLessThan(500);
          },
        ),
        { numRuns: fuzzRuns(300) },
      );
    },
    FUZZ_TIMEOUT,
  );
});
