/**
 * Secrets are never logged: the server's own log (pino, at trace level, captured in memory) during sign-in
 * (right and wrong password), a password change, API token creation and use, and cookie-authenticated requests
 * holds no password, session id, CSRF token or API token. The audit log holds none either.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../harness';

let t: TestApp;
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

beforeAll(async () => {
  t = await createTestApp({ config: { logLevel: 'trace' }, logStream: sink });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('secrets never logged', () => {
  it('keeps passwords, session ids, CSRF and API tokens out of the log and the audit trail', async () => {
    const secrets: string[] = [DEMO_PASSWORD];
    const wrong = 'SaiMatKhau-Bi-Mat-9876';
    secrets.push(wrong);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'hieutruong.qt', password: wrong },
    });
    expect(bad.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'hieutruong.qt', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === 'smartedu_sid')!.value;
    const csrf = res.json().csrfToken as string;
    secrets.push(sid, csrf);
    const as = (method: string, url: string, payload?: unknown) =>
      t.app.inject({
        method: method as 'POST',
        url,
        payload: payload as never,
        cookies: { smartedu_sid: sid },
        headers: { 'x-csrf-token': csrf },
      });
    const newPassword = 'MotMatKhauRatMoi-2025';
    secrets.push(newPassword);
    expect(
      (await as('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword })).statusCode,
    ).toBe(200);
    // A failed change with a wrong current password and a too-weak new one: neither is logged.
    const weakNew = 'yeu-1';
    await as('POST', '/api/auth/password', {
      currentPassword: 'KhongPhaiMatKhau-123',
      newPassword: 'MotMatKhauKhac-2026',
    });
    await as('POST', '/api/auth/password', { currentPassword: newPassword, newPassword: weakNew });
    secrets.push('KhongPhaiMatKhau-123', 'MotMatKhauKhac-2026');
    const created = await as('POST', '/api/auth/tokens', { name: 'Máy chấm công cổng' });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    secrets.push(token);
    const viaToken = await t.app.inject({
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.statusCode).toBe(200);
    await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}x` } });
    // A new account with its initial password.
    const initial = 'TaiKhoanMoi-Pass-4321';
    secrets.push(initial);
    const me = res.json() as { roles: { unitId: string }[] };
    await as('POST', '/api/users', {
      username: 'gv.nhatky',
      fullName: 'Giáo viên Nhật Ký',
      password: initial,
      role: 'teacher',
      unitId: me.roles[0].unitId,
    });
    await as('POST', '/api/auth/logout', {});

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10); // the capture works: requests were logged
    expect(log).toContain('/api/auth/login');
    for (const s of secrets) expect(log.includes(s), `log contains ${s.slice(0, 6)}…`).toBe(false);
    const audit = await t.database.execute<{ x: string }>('select a::text as x from audit_log a');
    const auditText = audit.map((r) => r.x).join('\n');
    for (const s of secrets) expect(auditText.includes(s), `audit contains ${s.slice(0, 6)}…`).toBe(false);
  });
});
