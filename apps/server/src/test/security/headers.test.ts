/**
 * Security headers on API, docs, error and static responses: CSP with frame-ancestors 'none', no sniffing, a
 * referrer policy, no framing; HSTS and Secure cookies only when the request reached us over TLS — directly or
 * through a reverse proxy we were told to trust (TRUST_PROXY), never because a client claims it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../harness';

let plain: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  plain = await createTestApp({ demo: true });
  proxied = await createTestApp({ demo: true, config: { trustProxy: true } });
}, 300_000);
afterAll(async () => {
  await plain?.close();
  await proxied?.close();
});

const login = (t: TestApp, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin.so', password: DEMO_PASSWORD },
    headers,
  });

function directives(csp: string) {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('security headers', () => {
  it('sends CSP, frame-ancestors, nosniff, referrer policy and no-store on every kind of response', async () => {
    for (const url of ['/api/auth/me', '/api/health', '/api/nope', '/some/page', '/api/docs/json']) {
      const res = await plain.app.inject({ url });
      const csp = directives(String(res.headers['content-security-policy']));
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(csp.get('default-src'), url).toEqual(["'self'"]);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      if (url.startsWith('/api/')) expect(res.headers['cache-control'], url).toBe('no-store');
    }
    // The application's CSP allows no inline or foreign script (the docs UI alone needs inline script).
    const app = directives(
      String((await plain.app.inject({ url: '/api/auth/me' })).headers['content-security-policy']),
    );
    expect(app.get('script-src')).toEqual(["'self'"]);
    expect(app.get('base-uri')).toEqual(["'self'"]);
    expect(app.get('form-action')).toEqual(["'self'"]);
  });

  it('sends no HSTS and no Secure cookie over plain HTTP, even when a client claims https', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
      const res = await login(plain, headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.cookies.find((c) => c.name === 'smartedu_sid')?.secure).toBeFalsy();
    }
  });

  it('sends HSTS and a Secure cookie behind a trusted TLS proxy', async () => {
    const res = await login(proxied, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{8,}/);
    expect(res.cookies.find((c) => c.name === 'smartedu_sid')?.secure).toBe(true);
    const http = await login(proxied, { 'x-forwarded-proto': 'http' });
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });

  it('allows no cross-origin reads: no CORS headers for a foreign origin', async () => {
    const res = await plain.app.inject({ url: '/api/auth/me', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const pre = await plain.app.inject({
      method: 'OPTIONS',
      url: '/api/students',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('hides the internals of server errors and the framework in headers', async () => {
    const res = await plain.app.inject({ url: '/api/health' });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers.server).toBeUndefined();
  });
});
