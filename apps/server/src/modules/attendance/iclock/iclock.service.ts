import type { Database } from '@smartedu/db';
import { AppError } from '../../../errors';
import { createDevicesRepository, type DeviceRow } from '../devices.repository';
import { ingestPunches, type NormalizedPunch } from '../punches.service';
import {
  buildHandshake,
  cleanInfo,
  cleanValue,
  commandLine,
  isValidStamp,
  parseAttlogLine,
  parseCommandResults,
  uploadLines,
} from './iclock.protocol';

/** Per poll at most this many commands and bytes (the reference server's limits); nothing after REBOOT. */
const MAX_COMMANDS_PER_POLL = 200;
const MAX_BYTES_PER_POLL = 40_000;
/** A command sent and not answered is sent again after this long, at most MAX_SENDS times in all. */
export const RESEND_AFTER_MS = 5 * 60_000;
export const MAX_SENDS = 3;

export type SkippedLine = { line: number; reason: string; text: string };
export type UploadResult = {
  table: string;
  /** The `n` of `OK: n`: lines acknowledged (stored or already stored). */
  accepted: number;
  inserted: number;
  duplicates: number;
  skipped: SkippedLine[];
  unknownPins: string[];
  /** OPERLOG `USER` lines: users edited on the device (logged). */
  userEdits: { pin: string; name: string }[];
};

export const unknownDevice = (sn: string) =>
  new AppError(
    'UNKNOWN_DEVICE',
    'Máy chấm công chưa được đăng ký hoặc chưa được kích hoạt; dữ liệu không được lưu',
    { sn },
    403,
  );

type ActiveDevice = DeviceRow & { schoolId: string };
/** Only an active device that belongs to a school may upload or receive commands. */
export const isActive = (d: DeviceRow | null): d is ActiveDevice =>
  d?.status === 'active' && d.schoolId !== null;

/** The ZKTeco push protocol's use cases: handshake, uploads, command polls and command results. */
export function createIclockService({
  database,
  now = () => new Date(),
}: {
  database: Database;
  now?: () => Date;
}) {
  const repo = createDevicesRepository(database.db);

  async function activeDevice(sn: string): Promise<ActiveDevice> {
    const device = await repo.bySn(sn);
    if (!isActive(device)) throw unknownDevice(sn);
    return device;
  }

  /** Last contact and address; a new address is flagged (the admin sees it on the device page). */
  function contact(device: DeviceRow, ip: string, extra: { pushVersion?: string; info?: string } = {}) {
    const at = now();
    const moved = device.lastIp !== null && device.lastIp !== ip;
    return {
      lastSeenAt: at,
      lastIp: ip,
      ...(moved ? { ipChangedAt: at } : {}),
      ...extra,
    };
  }

  return {
    /**
     * `GET /iclock/cdata?SN=…&options=all`: the options reply. An unknown serial number is recorded as pending
     * (an administrator claims it) and still gets its options, so that it keeps calling.
     */
    async handshake(sn: string, ip: string, pushVersion: string | null) {
      const pv = pushVersion ? cleanValue(pushVersion).slice(0, 20) : null;
      const device = await repo.bySn(sn);
      if (!device) {
        await database.transaction((tx) =>
          createDevicesRepository(tx).insertPending({ sn, lastIp: ip, pushVersion: pv, seenAt: now() }),
        );
        return {
          text: buildHandshake(sn, { attlog: '0', operlog: '0', attphoto: '0' }, pv),
          registered: true,
        };
      }
      await repo.touch(device.id, contact(device, ip, pv ? { pushVersion: pv } : {}));
      const stamps =
        device.status === 'active'
          ? { attlog: device.attlogStamp, operlog: device.operlogStamp, attphoto: device.attphotoStamp }
          : { attlog: '0', operlog: '0', attphoto: '0' };
      return { text: buildHandshake(sn, stamps, pv), registered: false };
    },

    /**
     * `POST /iclock/cdata?SN=…&table=…&Stamp=…`: stores the records and the stamp in one transaction; the
     * caller replies `OK: n` only after it committed. Malformed lines are skipped (and reported), never the
     * whole batch. Only active devices may upload.
     */
    async upload(
      sn: string,
      ip: string,
      table: string,
      stamp: string | null,
      body: string,
    ): Promise<UploadResult> {
      const device = await activeDevice(sn);
      const lines = uploadLines(body);
      const name = cleanValue(table).toUpperCase().slice(0, 20);
      const result: UploadResult = {
        table: name,
        accepted: 0,
        inserted: 0,
        duplicates: 0,
        skipped: [],
        unknownPins: [],
        userEdits: [],
      };
      const validStamp = isValidStamp(stamp) ? stamp : null;
      await database.transaction(async (tx) => {
        const r = createDevicesRepository(tx);
        if (name === 'ATTLOG') {
          const punches: NormalizedPunch[] = [];
          lines.forEach((text, i) => {
            const parsed = parseAttlogLine(text);
            if (parsed.ok) punches.push(parsed.punch);
            else result.skipped.push({ line: i + 1, reason: parsed.reason, text: text.slice(0, 120) });
          });
          const ingested = await ingestPunches(tx, device, punches, 'zkteco', now());
          result.accepted = punches.length;
          result.inserted = ingested.inserted;
          result.duplicates = punches.length - ingested.inserted;
          result.unknownPins = ingested.unknownPins;
          if (validStamp) await r.setStamp(device.id, 'attlog', validStamp);
        } else if (name === 'OPERLOG') {
          // OPLOG lines (operations on the device) and USER lines (a user edited there) are logged;
          // FP lines carry fingerprint templates, which are never stored.
          for (const text of lines) {
            const user = /^USER PIN=([^\t]*)\tName=([^\t]*)/.exec(text);
            if (user)
              result.userEdits.push({
                pin: cleanValue(user[1]).slice(0, 24),
                name: cleanValue(user[2]).slice(0, 60),
              });
          }
          result.accepted = lines.length;
          if (validStamp) await r.setStamp(device.id, 'operlog', validStamp);
        } else {
          // ATTPHOTO, BIODATA, USERPIC, ERRORLOG, …: acknowledged and dropped.
          result.accepted = lines.length;
          if (name === 'ATTPHOTO' && validStamp) await r.setStamp(device.id, 'attphoto', validStamp);
        }
        await r.touch(device.id, contact(device, ip));
      });
      return result;
    },

    /** `GET /iclock/getrequest?SN=…`: the commands due, one `C:<id>:<command>` per line, or `OK`. */
    async poll(sn: string, ip: string, info: string | null): Promise<string> {
      const device = await repo.bySn(sn);
      if (!isActive(device)) return 'OK';
      const schoolId = device.schoolId;
      const at = now();
      const lines = await database.transaction(async (tx) => {
        const r = createDevicesRepository(tx);
        await r.touch(device.id, contact(device, ip, info ? { info: cleanInfo(info) } : {}));
        const due = await r.dueCommands(schoolId, device.id, at, RESEND_AFTER_MS, MAX_COMMANDS_PER_POLL * 2);
        const out: string[] = [];
        const sent: number[] = [];
        const exhausted: number[] = [];
        let bytes = 0;
        for (const c of due) {
          if (c.status === 'sent' && c.retries >= MAX_SENDS) {
            exhausted.push(c.id);
            continue;
          }
          const line = commandLine(c.id, c.command);
          const size = Buffer.byteLength(line) + 1;
          if (out.length >= MAX_COMMANDS_PER_POLL || (out.length > 0 && bytes + size > MAX_BYTES_PER_POLL))
            break;
          out.push(line);
          sent.push(c.id);
          bytes += size;
          if (c.command === 'REBOOT') break;
        }
        await r.markSent(schoolId, sent, at);
        await r.markFailed(schoolId, exhausted, at);
        return out;
      });
      return lines.length ? `${lines.join('\n')}\n` : 'OK';
    },

    /** `POST /iclock/devicecmd?SN=…`: `ID=<id>&Return=<code>&CMD=<name>` per command; Return=0 marks it done. */
    async results(sn: string, ip: string, body: string) {
      const device = await activeDevice(sn);
      const results = parseCommandResults(body);
      const at = now();
      let matched = 0;
      await database.transaction(async (tx) => {
        const r = createDevicesRepository(tx);
        for (const res of results)
          if (await r.completeCommand(device.schoolId, device.id, res.id, res.returnCode, at)) matched++;
        await r.touch(device.id, contact(device, ip));
      });
      return { results: results.length, matched };
    },

    /** `GET /iclock/ping?SN=…` (heartbeat of newer firmware). */
    async ping(sn: string, ip: string) {
      const device = await repo.bySn(sn);
      if (device) await repo.touch(device.id, contact(device, ip));
    },
  };
}
export type IclockService = ReturnType<typeof createIclockService>;
