import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
let qtId: string;
let device: { id: string; webhookSecret: string };
let studentId: string;

const punchCount = async () =>
  (await t.database.execute<{ n: number }>('select count(*)::int as n from attendance_punches'))[0].n;

function send(
  body: unknown,
  opts: { id?: string; secret?: string; ts?: number; signature?: string; raw?: string } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const signature =
    opts.signature ??
    createHmac('sha256', opts.secret ?? device.webhookSecret)
      .update(`${ts}.${raw}`)
      .digest('hex');
  return t.app.inject({
    method: 'POST',
    url: `/api/devices/webhook/${opts.id ?? device.id}`,
    payload: raw,
    headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': signature },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'hieutruong.qt');
  qtId = admin.me.homeUnitId!;
  const created = await admin.post(`/api/schools/${qtId}/attendance-devices`, {
    kind: 'webhook',
    name: 'Máy nhận diện khuôn mặt cổng sau',
  });
  expect(created.statusCode).toBe(201);
  device = created.json();
  expect(device.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
  studentId = (await admin.get(`/api/students?schoolId=${qtId}&pageSize=1`)).json().items[0].id;
  await admin.post(`/api/schools/${qtId}/device-users`, {
    deviceId: device.id,
    pin: 'F1052',
    personKind: 'student',
    personId: studentId,
  });
});
afterAll(async () => {
  await t?.close();
});

const batch = {
  punches: [
    { userId: 'F1052', time: '2025-03-11 07:01:02', verify: 15 },
    { userId: 'F1052', time: '2025-03-11T09:30:00Z' }, // 16:30 in Lai Châu
    { userId: 'F9999', time: '2025-03-11 07:03:00' },
    { userId: 'F1052', time: '11/03/2025 07:00' },
  ],
};

describe('signed webhook (face / card terminals)', () => {
  it('stores a correctly signed batch as the same normalised punches', async () => {
    const res = await send(batch);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      accepted: 3,
      duplicates: 0,
      unknownUsers: ['F9999'],
      skipped: [{ index: 3, reason: 'thời gian không hợp lệ' }],
    });
    const [day] = await t.database.execute<{ a: string; l: string; source: string }>(
      `select to_char(arrived_at at time zone 'UTC', 'HH24:MI:SS') as a, to_char(left_at at time zone 'UTC', 'HH24:MI:SS') as l, source
       from attendance_records where person_id = $1 and date = '2025-03-11'`,
      [studentId],
    );
    expect(day).toEqual({ a: '00:01:02', l: '09:30:00', source: 'device' });
  });

  it('counts a resent batch as duplicates', async () => {
    const before = await punchCount();
    const res = await send(batch);
    expect(res.json()).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await punchCount()).toBe(before);
  });

  it('refuses a bad signature, a stale timestamp and an unknown device with a clear error, storing nothing', async () => {
    const before = await punchCount();
    const one = { punches: [{ userId: 'F1052', time: '2025-03-12 07:00:00' }] };
    const bad = await send(one, { secret: 'not-the-secret' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({
      code: 'INVALID_SIGNATURE',
      message: 'Chữ ký (X-Signature) không hợp lệ',
    });
    const tampered = await send(one, {
      raw: JSON.stringify({ punches: [{ userId: 'F1052', time: '2025-03-12 06:00:00' }] }),
      signature: createHmac('sha256', device.webhookSecret).update('x').digest('hex'),
    });
    expect(tampered.statusCode).toBe(401);
    const stale = await send(one, { ts: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('STALE_TIMESTAMP');
    const unknown = await send(one, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().code).toBe('UNKNOWN_DEVICE');
    const notUuid = await send(one, { id: 'CKJH201960001' });
    expect(notUuid.statusCode).toBe(403);
    const noHeaders = await t.app.inject({
      method: 'POST',
      url: `/api/devices/webhook/${device.id}`,
      payload: one,
    });
    expect(noHeaders.statusCode).toBe(401);
    expect(await punchCount()).toBe(before);
  });

  it('checks the signature before validating the body, then validates it', async () => {
    const unsigned = await send({ nonsense: true }, { signature: '0'.repeat(64) });
    expect(unsigned.statusCode).toBe(401);
    const signedButInvalid = await send({ punches: [{ userId: 'bad pin!', time: 'x' }] });
    expect(signedButInvalid.statusCode).toBe(400);
    expect(signedButInvalid.json().code).toBe('VALIDATION_FAILED');
    const notJson = await send(null, { raw: '{"punches": [' });
    expect(notJson.statusCode).toBe(400);
  });

  it('refuses a disabled device', async () => {
    await admin.patch(`/api/schools/${qtId}/attendance-devices/${device.id}`, { status: 'disabled' });
    const res = await send({ punches: [{ userId: 'F1052', time: '2025-03-12 07:00:00' }] });
    expect(res.statusCode).toBe(403);
    await admin.patch(`/api/schools/${qtId}/attendance-devices/${device.id}`, { status: 'active' });
  });

  it('never shows the secret again and keeps it out of the audit log', async () => {
    const list = (await admin.get(`/api/attendance-devices?schoolId=${qtId}`)).body;
    expect(list).not.toContain(device.webhookSecret);
    const audit = (await admin.get(`/api/audit?entity=attendance_device&pageSize=50`)).body;
    expect(audit).not.toContain(device.webhookSecret);
  });
});
