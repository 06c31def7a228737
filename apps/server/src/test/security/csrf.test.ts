/**
 * CSRF: every cookie-authenticated write in the route table (POST, PUT, PATCH, DELETE) without the session's
 * X-CSRF-Token, or with another session's, is refused with 403 CSRF_FAILED before anything runs; the whole
 * database is unchanged afterwards. The session cookie is HttpOnly and SameSite=Lax. A Bearer API token (not
 * sent by a browser on its own) needs no CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../harness';
import { allTables, checksum, type RouteEntry, routeTable } from '../route-table';

let t: TestApp;
let routes: RouteEntry[];
const UUID = '00000000-0000-4000-8000-000000000000';
/** Endpoints that authenticate on their own and are exempt by design: sign-in and device pushes. */
const EXEMPT = (path: string) => path === '/api/auth/login' || path.startsWith('/api/devices/');

async function signIn(username: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === 'smartedu_sid')!;
  return { cookie, csrf: res.json().csrfToken as string };
}

beforeAll(async () => {
  // No background sweep writing rollups while the database is compared.
  const operations = { ...loadConfig({} as NodeJS.ProcessEnv).operations, refreshSeconds: 0 };
  t = await createTestApp({ config: { operations } });
  routes = await routeTable(t);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('CSRF on cookie-authenticated writes', () => {
  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const { cookie } = await signIn('admin.so');
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('lax');
    expect(cookie.path).toBe('/');
  });

  it('refuses every write of the route table without the token or with another session’s token', async () => {
    const admin = await signIn('admin.so');
    const other = await signIn('hieutruong.qt');
    const writes = routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !EXEMPT(r.path));
    expect(writes.length).toBeGreaterThan(60);
    const tables = await allTables(t, ['sessions', 'jobs']);
    const before = await checksum(t, tables);
    const failures: string[] = [];
    for (const r of writes) {
      const url = r.path.replace(/\{[^}]+\}/g, UUID);
      for (const headers of [{}, { 'x-csrf-token': other.csrf }, { 'x-csrf-token': '' }]) {
        const res = await t.app.inject({
          method: r.method as 'POST',
          url,
          payload: {},
          cookies: { smartedu_sid: admin.cookie.value },
          headers,
        });
        if (res.statusCode !== 403 || res.json().code !== 'CSRF_FAILED')
          failures.push(
            `${r.method} ${r.path} ${JSON.stringify(headers)} → ${res.statusCode} ${res.body.slice(0, 100)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await checksum(t, tables)).toBe(before);
  });

  it('accepts the same write with the session’s own token (the probe is not refused for another reason)', async () => {
    const admin = await signIn('admin.so');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/notifications/preferences',
      payload: { email: false },
      cookies: { smartedu_sid: admin.cookie.value },
      headers: { 'x-csrf-token': admin.csrf },
    });
    expect(res.statusCode).toBeLessThan(300);
  });

  it('does not ask a Bearer API token for a CSRF token, and ignores a cookie sent with it', async () => {
    const admin = await signIn('admin.so');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'csrf-probe', expiresInDays: 1 },
      cookies: { smartedu_sid: admin.cookie.value },
      headers: { 'x-csrf-token': admin.csrf },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const token = created.json().token as string;
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/notifications/preferences',
      payload: { email: false },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBeLessThan(300);
  });
});
