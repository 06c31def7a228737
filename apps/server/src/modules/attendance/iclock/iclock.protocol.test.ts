import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, parseLocalDateTime, parsePunchTime } from '../local-time';
import {
  buildHandshake,
  cleanValue,
  type DeviceCommand,
  decodeCommand,
  encodeCommand,
  formatAttlogLine,
  parseAttlogLine,
  parseCommandResults,
  stateOf,
  uploadLines,
} from './iclock.protocol';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const localTime = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ y, mo, d, h, mi, s }) => `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`);
const pin = fc.stringMatching(/^[A-Za-z0-9]{1,24}$/);
const punch = fc.record({
  pin,
  localTime,
  status: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
  verify: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: null }),
  workcode: fc.option(fc.stringMatching(/^[1-9][0-9]{0,5}$/), { nil: null }),
});

describe('local time (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('converts a device wall-clock time with the fixed offset', () => {
    expect(parseLocalDateTime('2025-09-08 07:12:44')?.instant.toISOString()).toBe('2025-09-08T00:12:44.000Z');
    expect(parseLocalDateTime('2025-01-01 03:00:00')?.instant.toISOString()).toBe('2024-12-31T20:00:00.000Z');
    expect(parseLocalDateTime('2025-01-01 03:00:00')?.localDate).toBe('2025-01-01');
    expect(parseLocalDateTime('2025-02-29 07:00:00')).toBeNull();
    expect(parseLocalDateTime('2025-13-01 07:00:00')).toBeNull();
    expect(parseLocalDateTime('2025-09-08 24:00:00')).toBeNull();
    expect(parsePunchTime('2025-09-08T00:12:44Z')?.localTime).toBe('2025-09-08 07:12:44');
    expect(parsePunchTime('2025-09-08T07:12:44+07:00')?.instant.toISOString()).toBe(
      '2025-09-08T00:12:44.000Z',
    );
    expect(parsePunchTime('08/09/2025 07:12')).toBeNull();
  });

  it('round-trips every wall-clock time', () => {
    fc.assert(
      fc.property(localTime, (text) => {
        const parsed = parseLocalDateTime(text)!;
        expect(formatLocalDateTime(parsed.instant)).toBe(text);
        expect(parsed.localDate).toBe(text.slice(0, 10));
      }),
    );
  });
});

describe('ATTLOG line parser', () => {
  it('reads the fields by position and tolerates extra ones', () => {
    const r = parseAttlogLine('1052\t2025-09-08 07:12:44\t0\t15\t0\t0\t0\textra\r');
    expect(r).toMatchObject({
      ok: true,
      punch: { pin: '1052', localTime: '2025-09-08 07:12:44', status: 0, verify: 15, workcode: null },
    });
    expect(parseAttlogLine('1052\t2025-09-08 07:12:44')).toMatchObject({ ok: true, punch: { status: null } });
    expect(parseAttlogLine('1052\t2025-09-08 07:12:44\t255\t1')).toMatchObject({
      ok: true,
      punch: { status: 255 },
    });
    expect(parseAttlogLine('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAttlogLine('10 52\t2025-09-08 07:12:44')).toEqual({ ok: false, reason: 'bad PIN' });
    expect(parseAttlogLine('1052\t08/09/2025 07:12:44')).toEqual({ ok: false, reason: 'bad time' });
    expect(stateOf(255)).toBe('undefined');
    expect(stateOf(null)).toBe('undefined');
    expect(stateOf(1)).toBe('check_out');
    expect(stateOf(42)).toBe('other');
  });

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (line) => {
        const r = parseAttlogLine(line);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), localTime, pin, fc.constant('\t')), { maxLength: 12 }),
        (parts) => {
          parseAttlogLine(parts.join('\t'));
        },
      ),
    );
  });

  it('round-trips a line as a terminal writes it', () => {
    fc.assert(
      fc.property(punch, (p) => {
        const r = parseAttlogLine(formatAttlogLine(p));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.punch.pin).toBe(p.pin);
        expect(r.punch.localTime).toBe(p.localTime);
        expect(r.punch.status).toBe(p.status ?? 255);
        expect(r.punch.verify).toBe(p.verify ?? 0);
        expect(r.punch.workcode).toBe(p.workcode);
        expect(r.punch.instant.getTime()).toBe(parseLocalDateTime(p.localTime)!.instant.getTime());
      }),
    );
  });

  it('splits a body into lines on LF or CRLF and drops blank ones', () => {
    expect(uploadLines('a\r\nb\n\n  \r\nc')).toEqual(['a', 'b', 'c']);
  });
});

const safeText = fc.string({ maxLength: 40 });
const command: fc.Arbitrary<DeviceCommand> = fc.oneof(
  fc.record({
    kind: fc.constant('user_update' as const),
    pin: safeText,
    name: safeText,
    privilege: fc.integer({ min: 0, max: 14 }),
    password: safeText,
    card: safeText,
    group: fc.integer({ min: 0, max: 99 }),
  }),
  fc.record({ kind: fc.constant('user_delete' as const), pin: safeText }),
  fc.record({ kind: fc.constant('query_attlog' as const), startTime: localTime, endTime: localTime }),
  fc.constantFrom<DeviceCommand>({ kind: 'info' }, { kind: 'check' }, { kind: 'reboot' }),
);
/** What a command becomes on the wire: every text value without control characters. */
function cleaned(c: DeviceCommand): DeviceCommand {
  switch (c.kind) {
    case 'user_update':
      return {
        ...c,
        pin: cleanValue(c.pin),
        name: cleanValue(c.name),
        password: cleanValue(c.password),
        card: cleanValue(c.card),
      };
    case 'user_delete':
      return { ...c, pin: cleanValue(c.pin) };
    default:
      return c;
  }
}

describe('command encoder', () => {
  it('writes the commands of the protocol', () => {
    expect(
      encodeCommand({
        kind: 'user_update',
        pin: '1052',
        name: 'Nguyen Van An',
        privilege: 0,
        password: '',
        card: '',
        group: 1,
      }),
    ).toBe('DATA UPDATE USERINFO PIN=1052\tName=Nguyen Van An\tPri=0\tPasswd=\tCard=\tGrp=1');
    expect(encodeCommand({ kind: 'user_delete', pin: '1052' })).toBe('DATA DELETE USERINFO PIN=1052');
    expect(
      encodeCommand({
        kind: 'query_attlog',
        startTime: '2025-09-01 00:00:00',
        endTime: '2025-09-08 23:59:59',
      }),
    ).toBe('DATA QUERY ATTLOG StartTime=2025-09-01 00:00:00\tEndTime=2025-09-08 23:59:59');
    expect(encodeCommand({ kind: 'user_delete', pin: '1\n C:2:REBOOT' })).toBe(
      'DATA DELETE USERINFO PIN=1 C:2:REBOOT',
    );
  });

  it('never emits a line break or a stray TAB, and never throws', () => {
    fc.assert(
      fc.property(command, (c) => {
        const text = encodeCommand(c);
        expect(text).not.toMatch(/[\r\n]/);
        const tabs = (text.match(/\t/g) ?? []).length;
        expect(tabs).toBe(c.kind === 'user_update' ? 5 : c.kind === 'query_attlog' ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips through the decoder', () => {
    fc.assert(
      fc.property(command, (c) => {
        expect(decodeCommand(encodeCommand(c))).toEqual(cleaned(c));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes anything without throwing, refusing what we never send', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => void decodeCommand(s)));
    expect(decodeCommand('Shell rm -rf /')).toBeNull();
    expect(decodeCommand('GetFile /etc/passwd')).toBeNull();
  });
});

describe('handshake and command results', () => {
  it('writes the options with the stored stamps, never an injected line', () => {
    const text = buildHandshake('CKJH1', { attlog: '12\nDelay=0', operlog: '5', attphoto: '0' }, '2.4.1');
    const lines = text.split('\n');
    expect(lines[0]).toBe('GET OPTION FROM: CKJH1');
    expect(lines).toContain('ATTLOGStamp=0');
    expect(lines).toContain('OPERLOGStamp=5');
    expect(lines.filter((l) => l.startsWith('Delay='))).toEqual(['Delay=10']);
  });

  it('reads command results and ignores other lines', () => {
    expect(
      parseCommandResults(
        'ID=101&Return=0&CMD=DATA\r\nID=102&Return=-1002&CMD=DATA\nUserCount=3\nID=x&Return=0',
      ),
    ).toEqual([
      { id: 101, returnCode: 0, cmd: 'DATA' },
      { id: 102, returnCode: -1002, cmd: 'DATA' },
    ]);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void parseCommandResults(s)));
  });
});
