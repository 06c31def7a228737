import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, login, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { login: { maxFailures: 3, lockMs: 60_000, ratePerMinute: 1000 } } });
});
afterAll(async () => {
  await t?.close();
});

const rawLogin = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('identity', () => {
  it('signs in with the demo password and returns the roles with a CSRF token', async () => {
    const res = await rawLogin('hieutruong.qt', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.roles).toEqual([
      expect.objectContaining({ role: 'school_admin', unitName: 'Trường THCS Quyết Tiến' }),
    ]);
    expect(me.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'smartedu_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });

  it('gives the same error for an unknown user and a wrong password', async () => {
    const a = await rawLogin('khong.ton.tai', 'whatever123');
    const b = await rawLogin('thuvien.qt', 'wrong-password-1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
    expect(a.json().message).toBe(b.json().message);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++)
      expect((await rawLogin('hocsinh.qt', `bad-password-${i}`)).statusCode).toBe(401);
    const res = await rawLogin('hocsinh.qt', DEMO_PASSWORD);
    expect(res.statusCode).toBe(423);
    expect(res.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const c = await login(t.app, 'hieutruong.qt');
    const res = await c.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('invalidates the session on logout', async () => {
    const c = await login(t.app, 'thuvien.qt');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('does not trust a session id chosen by the client (fixation)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { smartedu_sid: 'attacker-chosen' },
    });
    expect(res.statusCode).toBe(401);
    const a = await login(t.app, 'giaovien.qt');
    const b = await login(t.app, 'giaovien.qt');
    expect(a.me.csrfToken).not.toBe(b.me.csrfToken);
  });

  it('enforces the password policy and ends other sessions on change', async () => {
    const c = await login(t.app, 'phuhuynh.tp');
    const other = await login(t.app, 'phuhuynh.tp');
    const weak = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('VALIDATION_FAILED');
    const ok = await c.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'HoaBanTrang-2025',
    });
    expect(ok.statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await rawLogin('phuhuynh.tp', 'HoaBanTrang-2025')).statusCode).toBe(200);
  });

  it('authenticates integrations with API tokens and never stores the token', async () => {
    const c = await login(t.app, 'hieutruong.qt');
    const created = await c.post('/api/auth/tokens', { name: 'Máy chấm công' });
    expect(created.statusCode).toBe(201);
    const { token } = created.json();
    const me = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('hieutruong.qt');
    const rows = await t.database.execute<{ n: number }>(
      'select count(*)::int as n from api_tokens where token_hash = $1',
      [token],
    );
    expect(rows[0].n).toBe(0);
    const bad = await t.app.inject({ url: '/api/auth/me', headers: { authorization: 'Bearer se_nope' } });
    expect(bad.statusCode).toBe(401);
  });

  it('lets a school admin create accounts in their school only, audited', async () => {
    const c = await login(t.app, 'hieutruong.qt');
    const qt = c.me.roles[0].unitId;
    const body = {
      username: 'gv.moi',
      fullName: 'Lò Văn Mới',
      password: 'GiaoVien2025x',
      role: 'teacher',
      unitId: qt,
    };
    const res = await c.post('/api/users', body);
    expect(res.statusCode).toBe(201);
    const audit = await c.get('/api/audit?entity=user');
    expect(audit.json().items.some((e: { entityId: string }) => e.entityId === res.json().id)).toBe(true);
    expect(JSON.stringify(audit.json())).not.toContain('GiaoVien2025x');
    const so = await login(t.app, 'admin.so');
    const tp = (await so.get('/api/units?kind=school&q=Tân Phong')).json().items[0].id;
    const denied = await c.post('/api/users', { ...body, username: 'gv.khac', unitId: tp });
    expect(denied.statusCode).toBe(403);
    const escalate = await c.post('/api/users', { ...body, username: 'gv.admin', role: 'dept_admin' });
    expect(escalate.statusCode).toBe(403);
  });
});
