/**
 * A ZKTeco terminal's push session played against the whole app (zkteco-push.md §5): handshake, attendance
 * upload without Content-Type, a resent batch, a queued command and its result, and the refusals. The
 * process runs in New York time: nothing may depend on the server's zone.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../../test/harness';
import { formatLocalDateTime } from '../local-time';
import { iclockRoutes } from './iclock.routes';
import { createIclockService } from './iclock.service';

const SN = 'CKJH201960001';
const DAY = '2025-03-10';
let t: TestApp;
let admin: Client;
let qtId: string;
let studentA: { id: string; fullName: string };
let studentB: { id: string; fullName: string };
let principalStaffId: string;
let savedTz: string | undefined;

const iclock = (
  method: 'GET' | 'POST',
  url: string,
  payload?: string,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, payload, headers, remoteAddress: '10.8.0.21' });
const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.execute<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0].n;
const punchesOf = (sn: string) => count('select 1 from attendance_punches where device_sn = $1', [sn]);

beforeAll(async () => {
  savedTz = process.env.TZ;
  process.env.TZ = 'America/New_York';
  t = await createTestApp();
  admin = await login(t.app, 'hieutruong.qt');
  qtId = admin.me.homeUnitId!;
  principalStaffId = admin.me.staffId!;
  const classes = (await admin.get(`/api/classes?schoolId=${qtId}&pageSize=100`)).json().items as {
    id: string;
    name: string;
  }[];
  const c6a1 = classes.find((c) => c.name === '6A1')!;
  const students = (await admin.get(`/api/students?classId=${c6a1.id}&pageSize=100`)).json().items;
  [studentA, studentB] = students;
  const device = await admin.post(`/api/schools/${qtId}/attendance-devices`, {
    kind: 'zkteco',
    sn: SN,
    name: 'Cổng chính',
  });
  expect(device.statusCode).toBe(201);
  for (const [pin, personKind, personId] of [
    ['1001', 'student', studentA.id],
    ['1002', 'student', studentB.id],
    ['2001', 'staff', principalStaffId],
  ]) {
    const res = await admin.post(`/api/schools/${qtId}/device-users`, { pin, personKind, personId });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => {
  await t?.close();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const ATTLOG = [
  `1001\t${DAY} 07:12:44\t0\t15\t0\t0\t0`,
  `1002\t${DAY} 06:59:01\t255\t1\t0\t0\t0`, // 23:59:01 UTC the day before; state keys off
  'this is not a punch',
  `1001\t${DAY} 16:45:00\t1\t15\t0\t0\t0`,
  `1001\t${DAY} 17:02:10\t0\t15\t0\t0\t0`, // a wrong key: still the last punch of the day
  `2001\t${DAY} 07:05:00\t0\t1`,
].join('\r\n');

describe('ZKTeco push session (iclock)', () => {
  it('answers the handshake with the options, stamps and TimeZone=7', async () => {
    const res = await iclock('GET', `/iclock/cdata?SN=${SN}&options=all&pushver=2.4.1&language=69`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const lines = res.body.split('\n');
    expect(lines[0]).toBe(`GET OPTION FROM: ${SN}`);
    expect(lines).toContain('ATTLOGStamp=0');
    expect(lines).toContain('OPERLOGStamp=0');
    expect(lines).toContain('TimeZone=7');
    expect(lines).toContain('Realtime=1');
    expect(lines).toContain('TransFlag=TransData AttLog\tOpLog');
  });

  it('stores an ATTLOG upload sent without Content-Type, skipping the bad line, with UTC instants', async () => {
    const res = await iclock('POST', `/iclock/cdata?SN=${SN}&table=ATTLOG&Stamp=9021`, ATTLOG);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('OK: 5');
    const rows = await t.database.execute<{
      pin: string;
      local_time: string;
      local_date: string;
      at: string;
      status: number | null;
      state: string;
      verify: number;
      person_id: string | null;
    }>(
      `select pin, local_time, to_char(local_date, 'YYYY-MM-DD') as local_date,
        to_char(punched_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, status, state, verify, person_id
       from attendance_punches where device_sn = $1 order by punched_at`,
      [SN],
    );
    expect(rows.map((r) => [r.pin, r.at, r.local_date, r.state])).toEqual([
      ['1002', '2025-03-09T23:59:01Z', DAY, 'undefined'],
      ['2001', '2025-03-10T00:05:00Z', DAY, 'check_in'],
      ['1001', '2025-03-10T00:12:44Z', DAY, 'check_in'],
      ['1001', '2025-03-10T09:45:00Z', DAY, 'check_out'],
      ['1001', '2025-03-10T10:02:10Z', DAY, 'check_in'],
    ]);
    expect(rows[0].status).toBe(255);
    expect(rows.find((r) => r.pin === '1001')!.person_id).toBe(studentA.id);
    const stamp = await t.database.execute<{ s: string }>(
      'select attlog_stamp as s from attendance_devices where sn = $1',
      [SN],
    );
    expect(stamp[0].s).toBe('9021');
  });

  it('takes the first punch of the day as arrival and the last as departure', async () => {
    const days = await t.database.execute<{
      person_id: string;
      status: string;
      source: string;
      a: string;
      l: string | null;
    }>(
      `select person_id, status, source,
        to_char(arrived_at at time zone 'UTC', 'HH24:MI:SS') as a, to_char(left_at at time zone 'UTC', 'HH24:MI:SS') as l
       from attendance_records where date = $1 and source = 'device' order by person_id`,
      [DAY],
    );
    const a = days.find((d) => d.person_id === studentA.id)!;
    expect(a).toMatchObject({ status: 'present', source: 'device', a: '00:12:44', l: '10:02:10' });
    const b = days.find((d) => d.person_id === studentB.id)!;
    expect(b).toMatchObject({ status: 'present', a: '23:59:01', l: null });
    expect(days.find((d) => d.person_id === principalStaffId)).toBeTruthy();
    // The roll shows the device times.
    const roll = (await admin.get(`/api/schools/${qtId}/staff-attendance?date=${DAY}`)).json();
    const me = roll.rows.find((r: { staffId: string }) => r.staffId === principalStaffId);
    expect(me).toMatchObject({ status: 'present', source: 'device', arrivedAt: '2025-03-10T00:05:00.000Z' });
  });

  it('stores nothing new when the same batch is sent again, and echoes the stamp', async () => {
    const before = await punchesOf(SN);
    const res = await iclock('POST', `/iclock/cdata?SN=${SN}&table=ATTLOG&Stamp=9021`, ATTLOG);
    expect(res.body).toBe('OK: 5');
    expect(await punchesOf(SN)).toBe(before);
    const hs = await iclock('GET', `/iclock/cdata?SN=${SN}&options=all&pushver=2.4.1`);
    expect(hs.body.split('\n')).toContain('ATTLOGStamp=9021');
    const old = await iclock('GET', `/iclock/cdata?SN=${SN}&options=all`);
    expect(old.body.split('\n')).toContain('Stamp=9021'); // firmware without pushver
  });

  it('keeps a teacher’s status while updating the device times', async () => {
    await t.database.execute(
      `update attendance_records set status = 'late', source = 'manual' where person_id = $1 and date = $2`,
      [studentB.id, DAY],
    );
    const res = await iclock(
      'POST',
      `/iclock/cdata?SN=${SN}&table=ATTLOG&Stamp=9022`,
      `1002\t${DAY} 11:30:00\t1\t1\t0\t0\t0\n`,
    );
    expect(res.body).toBe('OK: 1');
    const [b] = await t.database.execute<{ status: string; l: string }>(
      `select status, to_char(left_at at time zone 'UTC', 'HH24:MI') as l from attendance_records where person_id = $1 and date = $2`,
      [studentB.id, DAY],
    );
    expect(b).toEqual({ status: 'late', l: '04:30' });
  });

  it('flags a punch from a clock more than a day ahead and leaves it out of presence', async () => {
    const ahead = formatLocalDateTime(new Date(Date.now() + 3 * 86400_000));
    const res = await iclock('POST', `/iclock/cdata?SN=${SN}&table=ATTLOG`, `1001\t${ahead}\t0\t15\t0\t0\t0`);
    expect(res.body).toBe('OK: 1');
    const [p] = await t.database.execute<{ future: boolean }>(
      'select future from attendance_punches where device_sn = $1 and local_time = $2',
      [SN, ahead],
    );
    expect(p.future).toBe(true);
    expect(
      await count('select 1 from attendance_records where person_id = $1 and date = $2', [
        studentA.id,
        ahead.slice(0, 10),
      ]),
    ).toBe(0);
  });

  it('sends a queued user command, strips TAB/CR/LF from names, and marks it done on Return=0', async () => {
    // A name that would inject a field and a command line if sent as is.
    await t.database.execute(`update students set full_name = $1 where id = $2`, [
      'Lò Văn\tPri=14\nC:999:REBOOT',
      studentA.id,
    ]);
    const sync = await admin.post(`/api/schools/${qtId}/attendance-devices/${await deviceId()}/sync-users`, {
      asciiNames: true,
    });
    expect(sync.json()).toEqual({ queued: 3 });
    const poll = await iclock('GET', `/iclock/getrequest?SN=${SN}&INFO=Ver%206.60,3,0,6,10.8.0.21`);
    expect(poll.statusCode).toBe(200);
    const lines = poll.body.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(/^C:\d+:DATA UPDATE USERINFO PIN=\w+\tName=[^\t]*\tPri=0\tPasswd=\tCard=\tGrp=1$/);
    const a = lines.find((l) => l.includes('PIN=1001\t'))!;
    expect(a).toContain('Name=Lo VanPri=14C:999:R'); // folded, stripped, cut to 24 characters
    expect(lines.some((l) => l.startsWith('C:999'))).toBe(false);

    const ids = lines.map((l) => Number(l.split(':')[1]));
    const again = await iclock('GET', `/iclock/getrequest?SN=${SN}`);
    expect(again.body).toBe('OK'); // sent, awaiting results
    const ack = await iclock(
      'POST',
      `/iclock/devicecmd?SN=${SN}`,
      ids.map((id) => `ID=${id}&Return=0&CMD=DATA`).join('\n'),
    );
    expect(ack.statusCode).toBe(200);
    expect(ack.body).toBe('OK');
    const commands = (
      await admin.get(`/api/schools/${qtId}/attendance-devices/${await deviceId()}/commands`)
    ).json();
    expect(
      commands
        .filter((c: { status: string }) => c.status === 'done')
        .map((c: { id: number }) => c.id)
        .sort(),
    ).toEqual([...ids].sort());
    const device = (await admin.get(`/api/attendance-devices?schoolId=${qtId}`)).json().items[0];
    expect(device.info).toBe('Ver 6.60,3,0,6,10.8.0.21');
    expect(device.pendingCommands).toBe(0);
  });

  it('answers an unknown serial number’s handshake, lists it as pending, and refuses its uploads (403, nothing stored)', async () => {
    const unknown = 'BOCK999000111';
    const before = await count('select 1 from attendance_punches');
    const upload = await iclock(
      'POST',
      `/iclock/cdata?SN=${unknown}&table=ATTLOG&Stamp=1`,
      `1001\t${DAY} 07:00:00\t0\t1`,
    );
    expect(upload.statusCode).toBe(403);
    expect(upload.body).toMatch(/^ERROR: UNKNOWN_DEVICE/);
    expect(await count('select 1 from attendance_devices where sn = $1', [unknown])).toBe(0);

    const hs = await iclock('GET', `/iclock/cdata?SN=${unknown}&options=all&pushver=2.4.1`);
    expect(hs.statusCode).toBe(200);
    expect(hs.body.startsWith(`GET OPTION FROM: ${unknown}\n`)).toBe(true);
    const pending = (await login(t.app, 'admin.so')).get('/api/attendance-devices?status=pending');
    expect((await pending).json().items.map((d: { sn: string }) => d.sn)).toContain(unknown);

    const again = await iclock(
      'POST',
      `/iclock/cdata?SN=${unknown}&table=ATTLOG&Stamp=1`,
      `1001\t${DAY} 07:00:00\t0\t1`,
    );
    expect(again.statusCode).toBe(403);
    expect(await count('select 1 from attendance_punches')).toBe(before);
    expect((await iclock('GET', `/iclock/getrequest?SN=${unknown}`)).body).toBe('OK');
    expect((await iclock('POST', `/iclock/devicecmd?SN=${unknown}`, 'ID=1&Return=0')).statusCode).toBe(403);
  });

  it('refuses a malformed serial number', async () => {
    for (const url of [
      '/iclock/cdata?options=all',
      '/iclock/cdata?SN=AB%0AC&options=all',
      '/iclock/getrequest?SN=a;b',
    ]) {
      const res = await iclock('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toMatch(/^ERROR: BAD_SERIAL_NUMBER/);
    }
  });

  it('refuses an oversized body (413) and stores nothing', async () => {
    const before = await count('select 1 from attendance_punches');
    const line = `1001\t${DAY} 08:00:00\t0\t1\t0\t0\t0\n`;
    const body = line.repeat(Math.ceil((2 * 1024 * 1024 + 10) / line.length));
    const res = await iclock('POST', `/iclock/cdata?SN=${SN}&table=ATTLOG`, body);
    expect(res.statusCode).toBe(413);
    expect(await count('select 1 from attendance_punches')).toBe(before);
  });

  it('acknowledges OPERLOG and other tables without storing templates', async () => {
    const res = await iclock(
      'POST',
      `/iclock/cdata?SN=${SN}&table=OPERLOG&Stamp=77`,
      'USER PIN=1001\tName=Lo Van A\tPri=0\tPasswd=\tCard=\tGrp=1\tTZ=0\nFP PIN=1001\tFID=6\tTMP=AAAA\nOPLOG 4\t0\t2025-03-10 07:00:00\t0\t0\t0\t0\n',
      { 'content-type': 'text/plain' },
    );
    expect(res.body).toBe('OK: 3');
    expect((await iclock('POST', `/iclock/cdata?SN=${SN}&table=ATTPHOTO`, 'PIN=1\nSN=x')).body).toBe('OK: 2');
    expect((await iclock('GET', `/iclock/ping?SN=${SN}`)).body).toBe('OK');
  });

  it('keeps the terminal endpoints out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/iclock'))).toEqual([]);
  });

  it('rate-limits each terminal', async () => {
    const app = Fastify();
    await app.register(rateLimit, { global: false });
    await app.register(iclockRoutes, {
      iclock: createIclockService({ database: t.database }),
      rateLimit: { max: 3, timeWindowMs: 60_000 },
    });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await app.inject({ url: `/iclock/getrequest?SN=${SN}` })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await app.inject({ url: '/iclock/getrequest?SN=OTHER1' })).statusCode).toBe(200);
    await app.close();
  });
});

async function deviceId(): Promise<string> {
  const [row] = await t.database.execute<{ id: string }>('select id from attendance_devices where sn = $1', [
    SN,
  ]);
  return row.id;
}
