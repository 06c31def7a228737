/**
 * ZKTeco Attendance PUSH (ADMS / iclock, pushver 2.x): the text formats, as pure functions (no I/O).
 * See docs in shared/domain/zkteco-push.md: handshake options, ATTLOG lines, commands and their results.
 */
import { type LocalInstant, parseLocalDateTime } from '../local-time';

/** Serial numbers are printed on the device: letters, digits, '-' and '_' only. */
export const SN_RE = /^[A-Za-z0-9_-]{1,40}$/;
/** User ids (PIN, mã chấm công) as the terminals keep them. */
export const PIN_RE = /^[A-Za-z0-9]{1,24}$/;
const STAMP_RE = /^\d{1,20}$/;

export const isValidSn = (sn: unknown): sn is string => typeof sn === 'string' && SN_RE.test(sn);
export const isValidStamp = (stamp: unknown): stamp is string =>
  typeof stamp === 'string' && STAMP_RE.test(stamp);

// ---- Punch states (the state key pressed); 255 = undefined (state keys off), common and often wrong
export const PUNCH_STATES = [
  'check_in',
  'check_out',
  'break_out',
  'break_in',
  'overtime_in',
  'overtime_out',
] as const;
export type PunchState = (typeof PUNCH_STATES)[number] | 'undefined' | 'other';

export function stateOf(status: number | null): PunchState {
  if (status === null || status === 255) return 'undefined';
  return PUNCH_STATES[status] ?? 'other';
}

// ---- Handshake
export type Stamps = { attlog: string; operlog: string; attphoto: string };
export const HANDSHAKE_OPTIONS = {
  errorDelay: 30,
  delay: 10,
  transTimes: '00:00;14:05',
  transInterval: 1,
  realtime: 1,
  timeZone: 7,
  serverVersion: '2.4.1',
} as const;

/** The reply to `GET /iclock/cdata?SN=…&options=all`: first line, then key=value lines, LF-separated. */
export function buildHandshake(sn: string, stamps: Stamps, pushVersion: string | null): string {
  const stamp = (s: string) => (isValidStamp(s) ? s : '0');
  const o = HANDSHAKE_OPTIONS;
  const stampLines = pushVersion
    ? [
        `ATTLOGStamp=${stamp(stamps.attlog)}`,
        `OPERLOGStamp=${stamp(stamps.operlog)}`,
        `ATTPHOTOStamp=${stamp(stamps.attphoto)}`,
      ]
    : [
        `Stamp=${stamp(stamps.attlog)}`,
        `OpStamp=${stamp(stamps.operlog)}`,
        `PhotoStamp=${stamp(stamps.attphoto)}`,
      ];
  return [
    `GET OPTION FROM: ${sn}`,
    ...stampLines,
    `ErrorDelay=${o.errorDelay}`,
    `Delay=${o.delay}`,
    `TransTimes=${o.transTimes}`,
    `TransInterval=${o.transInterval}`,
    'TransFlag=TransData AttLog\tOpLog',
    `TimeZone=${o.timeZone}`,
    `Realtime=${o.realtime}`,
    'Encrypt=0',
    `ServerVer=${o.serverVersion}`,
    `PushProtVer=${o.serverVersion}`,
    '',
  ].join('\n');
}

// ---- ATTLOG upload lines: PIN⇥time⇥status⇥verify⇥workcode⇥reserved⇥reserved
export type AttlogPunch = LocalInstant & {
  pin: string;
  /** Raw status code; null when absent or not a number. */
  status: number | null;
  verify: number | null;
  workcode: string | null;
};
export type ParseResult = { ok: true; punch: AttlogPunch } | { ok: false; reason: string };

const smallInt = (text: string | undefined, max: number): number | null => {
  if (text === undefined) return null;
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n <= max ? n : null;
};

/** Parses one ATTLOG line by position, tolerating extra fields; never throws. */
export function parseAttlogLine(line: string): ParseResult {
  const fields = line.replace(/\r$/, '').split('\t');
  const pin = (fields[0] ?? '').trim();
  if (!pin) return { ok: false, reason: 'empty' };
  if (!PIN_RE.test(pin)) return { ok: false, reason: 'bad PIN' };
  const time = parseLocalDateTime((fields[1] ?? '').trim());
  if (!time) return { ok: false, reason: 'bad time' };
  const workcode = (fields[4] ?? '').trim();
  return {
    ok: true,
    punch: {
      ...time,
      pin,
      status: smallInt(fields[2], 255),
      verify: smallInt(fields[3], 65535),
      workcode: /^[A-Za-z0-9]{1,20}$/.test(workcode) && workcode !== '0' ? workcode : null,
    },
  };
}

/** One ATTLOG line as a terminal writes it (used by tests and the field-test script). */
export function formatAttlogLine(p: {
  pin: string;
  localTime: string;
  status: number | null;
  verify: number | null;
  workcode: string | null;
}): string {
  return [p.pin, p.localTime, p.status ?? 255, p.verify ?? 0, p.workcode ?? 0, 0, 0].join('\t');
}

/** Splits an upload body into its non-blank lines (LF or CRLF). */
export function uploadLines(body: string): string[] {
  return body.split(/\r?\n/).filter((l) => l.trim() !== '');
}

// ---- Commands (C:<id>:<command>); never Shell, GetFile or PutFile
export type DeviceCommand =
  | {
      kind: 'user_update';
      pin: string;
      name: string;
      privilege: number;
      password: string;
      card: string;
      group: number;
    }
  | { kind: 'user_delete'; pin: string }
  | { kind: 'query_attlog'; startTime: string; endTime: string }
  | { kind: 'info' }
  | { kind: 'check' }
  | { kind: 'reboot' };

/** Values put into commands lose TAB, CR, LF and other control characters (they would inject fields or lines). */
export function cleanValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]/g, '');
}

/** The command as stored in the queue and sent after `C:<id>:`. */
export function encodeCommand(cmd: DeviceCommand): string {
  switch (cmd.kind) {
    case 'user_update':
      return `DATA UPDATE USERINFO ${[
        `PIN=${cleanValue(cmd.pin)}`,
        `Name=${cleanValue(cmd.name)}`,
        `Pri=${Math.trunc(cmd.privilege) || 0}`,
        `Passwd=${cleanValue(cmd.password)}`,
        `Card=${cleanValue(cmd.card)}`,
        `Grp=${Math.trunc(cmd.group) || 0}`,
      ].join('\t')}`;
    case 'user_delete':
      return `DATA DELETE USERINFO PIN=${cleanValue(cmd.pin)}`;
    case 'query_attlog':
      return `DATA QUERY ATTLOG StartTime=${cleanValue(cmd.startTime)}\tEndTime=${cleanValue(cmd.endTime)}`;
    case 'info':
      return 'INFO';
    case 'check':
      return 'CHECK';
    case 'reboot':
      return 'REBOOT';
  }
}

export const commandLine = (id: number, command: string) => `C:${id}:${command}`;

function params(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of text.split('\t')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return map;
}

/** Reads an encoded command back (the inverse of `encodeCommand`); null when not one we send. Never throws. */
export function decodeCommand(text: string): DeviceCommand | null {
  if (text === 'INFO') return { kind: 'info' };
  if (text === 'CHECK') return { kind: 'check' };
  if (text === 'REBOOT') return { kind: 'reboot' };
  const update = /^DATA UPDATE USERINFO (.*)$/s.exec(text);
  if (update) {
    const p = params(update[1]);
    const pin = p.get('PIN');
    if (pin === undefined) return null;
    return {
      kind: 'user_update',
      pin,
      name: p.get('Name') ?? '',
      privilege: Number(p.get('Pri') ?? 0) || 0,
      password: p.get('Passwd') ?? '',
      card: p.get('Card') ?? '',
      group: Number(p.get('Grp') ?? 0) || 0,
    };
  }
  const del = /^DATA DELETE USERINFO PIN=(.*)$/s.exec(text);
  if (del) return { kind: 'user_delete', pin: del[1] };
  const query = /^DATA QUERY ATTLOG (.*)$/s.exec(text);
  if (query) {
    const p = params(query[1]);
    const startTime = p.get('StartTime');
    const endTime = p.get('EndTime');
    if (startTime === undefined || endTime === undefined) return null;
    return { kind: 'query_attlog', startTime, endTime };
  }
  return null;
}

// ---- Command results: POST /iclock/devicecmd, one `ID=<id>&Return=<code>&CMD=<name>` line per command
export type CommandResult = { id: number; returnCode: number; cmd: string | null };

/** Parses a devicecmd body; lines that are not results (INFO's key=value lines) are ignored. Never throws. */
export function parseCommandResults(body: string): CommandResult[] {
  const out: CommandResult[] = [];
  for (const line of uploadLines(body)) {
    if (!line.startsWith('ID=')) continue;
    let p: URLSearchParams;
    try {
      p = new URLSearchParams(line.trim());
    } catch {
      continue;
    }
    const id = p.get('ID');
    const ret = p.get('Return');
    if (!id || !/^\d{1,15}$/.test(id) || ret === null || !/^-?\d{1,6}$/.test(ret)) continue;
    out.push({ id: Number(id), returnCode: Number(ret), cmd: p.get('CMD') });
  }
  return out;
}

/** `INFO=<fw>,<users>,<fingerprints>,<logs>,<ip>,…` of a command poll, cleaned and truncated for storage. */
export const cleanInfo = (info: string) => cleanValue(info).slice(0, 300);

/** Folds Vietnamese diacritics for firmware that cannot show UTF-8 names: 'Lò Thị Ánh' → 'Lo Thi Anh'. */
export function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '');
}
