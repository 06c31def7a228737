import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});
it('smoke', async () => {
  const p = await login(t.app, 'hieutruong.qt');
  const r = await p.get('/api/students?pageSize=5');
  console.log(r.statusCode, r.json().total, r.json().items[0]);
  const par = await login(t.app, 'phuhuynh.qt');
  const r2 = await par.get('/api/students');
  console.log(
    r2.statusCode,
    r2.json().total,
    r2.json().items.map((s: { fullName: string }) => s.fullName),
  );
  const tree = await (await login(t.app, 'admin.so')).get('/api/units/tree');
  console.log(JSON.stringify(tree.json()).slice(0, 300));
  const docs = await t.app.inject({ url: '/api/docs/json' });
  console.log(docs.statusCode, Object.keys(docs.json().paths).length);
  expect(r.statusCode).toBe(200);
});
