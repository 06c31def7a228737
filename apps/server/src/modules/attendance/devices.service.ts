import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  DeviceCreateBody,
  DeviceListQuery,
  DeviceUpdateBody,
  DeviceUserBody,
  DeviceUserListQuery,
  SyncUsersBody,
  WebhookBody,
} from '@smartedu/contracts';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../access';
import type { AttendanceDeps } from './attendance.deps';
import { createDevicesRepository, type DeviceRow } from './devices.repository';
import { asciiName, encodeCommand } from './iclock/iclock.protocol';
import { isActive, unknownDevice } from './iclock/iclock.service';
import { parsePunchTime } from './local-time';
import { ingestPunches, type NormalizedPunch, refreshDays } from './punches.service';

/** Webhook requests older (or newer) than this are refused: a captured request cannot be replayed later. */
export const WEBHOOK_MAX_SKEW_MS = 5 * 60_000;
/** Terminal user names are short (24 characters on most ZKTeco firmware). */
const DEVICE_NAME_MAX = 24;

const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Public view of a device row for the audit log: never the webhook secret. */
const auditView = (d: DeviceRow) => ({
  id: d.id,
  schoolId: d.schoolId,
  siteId: d.siteId,
  sn: d.sn,
  kind: d.kind,
  name: d.name,
  status: d.status,
});

/** Máy chấm công: registering and claiming terminals, PIN mappings, user sync, and the signed webhook. */
export function createDevicesService({ database, access, audit, now = () => new Date() }: AttendanceDeps) {
  const repo = createDevicesRepository(database.db);

  async function deviceOfSchool(schoolId: string, id: string): Promise<DeviceRow> {
    const device = await repo.byId(id);
    if (!device || device.schoolId !== schoolId) throw notFound('máy chấm công');
    return device;
  }
  async function checkSite(schoolId: string, siteId: string | null | undefined) {
    if (siteId && !(await repo.siteOf(schoolId, siteId)))
      throw new AppError('VALIDATION_FAILED', 'Điểm trường không thuộc trường này', { field: 'siteId' });
  }
  const view = async (id: string) => (await repo.get(id))!;

  return {
    async list(actor: Actor, q: z.infer<typeof DeviceListQuery>) {
      const scope = await access.scope(actor, 'devices.manage');
      // Unclaimed terminals belong to no school yet: department administrators see them; a school claims
      // one by typing the serial number printed on it.
      const withUnclaimed = actor.roles.some((r) => r.role === 'dept_admin') && !q.schoolId;
      return repo.list(
        { scope, withUnclaimed, schoolId: q.schoolId, status: q.status, kind: q.kind, q: q.q },
        { limit: q.pageSize, offset: offset(q) },
      );
    },

    /**
     * Registers a terminal for a school. A ZKTeco terminal that already called (pending) is claimed by its
     * serial number; a webhook terminal gets a secret, shown only in this reply.
     */
    async create(actor: Actor, schoolId: string, body: z.infer<typeof DeviceCreateBody>) {
      await access.require(actor, 'devices.manage', { schoolId });
      await checkSite(schoolId, body.siteId);
      let secret: string | null = null;
      const id = await database.transaction(async (tx) => {
        const r = createDevicesRepository(tx);
        if (body.kind === 'zkteco') {
          const sn = body.sn!;
          const existing = await r.bySn(sn);
          if (existing?.schoolId)
            throw new AppError('DUPLICATE', `Máy chấm công số sê-ri ${sn} đã được đăng ký`, { field: 'sn' });
          if (existing) {
            const row = await r.update(existing.id, {
              schoolId,
              siteId: body.siteId ?? null,
              name: body.name,
              status: 'active',
            });
            await audit.record(tx, actor, {
              schoolId,
              action: 'claim',
              entity: 'attendance_device',
              entityId: row.id,
              before: auditView(existing),
              after: auditView(row),
            });
            return row.id;
          }
          const row = await r.insert({
            schoolId,
            siteId: body.siteId ?? null,
            sn,
            kind: 'zkteco',
            name: body.name,
            status: 'active',
          });
          await audit.record(tx, actor, {
            schoolId,
            action: 'create',
            entity: 'attendance_device',
            entityId: row.id,
            after: auditView(row),
          });
          return row.id;
        }
        secret = randomBytes(32).toString('hex');
        const row = await r.insert({
          schoolId,
          siteId: body.siteId ?? null,
          sn: null,
          kind: 'webhook',
          name: body.name,
          status: 'active',
          webhookSecret: secret,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'attendance_device',
          entityId: row.id,
          after: auditView(row),
        });
        return row.id;
      });
      return { ...(await view(id)), webhookSecret: secret };
    },

    async update(actor: Actor, schoolId: string, id: string, body: z.infer<typeof DeviceUpdateBody>) {
      await access.require(actor, 'devices.manage', { schoolId });
      const before = await deviceOfSchool(schoolId, id);
      await checkSite(schoolId, body.siteId);
      await database.transaction(async (tx) => {
        const after = await createDevicesRepository(tx).update(id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.siteId !== undefined ? { siteId: body.siteId } : {}),
          ...(body.status !== undefined ? { status: body.status } : {}),
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'update',
          entity: 'attendance_device',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
        });
      });
      return view(id);
    },

    async commands(actor: Actor, schoolId: string, id: string) {
      await access.require(actor, 'devices.manage', { schoolId });
      await deviceOfSchool(schoolId, id);
      return repo.listCommands(schoolId, id, 200);
    },

    /** Queues `DATA UPDATE USERINFO` for everyone the terminal should know (its PINs and the school's). */
    async syncUsers(actor: Actor, schoolId: string, id: string, body: z.infer<typeof SyncUsersBody>) {
      await access.require(actor, 'devices.manage', { schoolId });
      const device = await deviceOfSchool(schoolId, id);
      if (device.kind !== 'zkteco')
        throw new AppError('VALIDATION_FAILED', 'Chỉ gửi được danh sách người dùng xuống máy ZKTeco');
      const users = await repo.usersForDevice(schoolId, id);
      const commands = users.map((u) =>
        encodeCommand({
          kind: 'user_update',
          pin: u.pin,
          name: (body.asciiNames ? asciiName(u.fullName) : u.fullName).slice(0, DEVICE_NAME_MAX),
          privilege: 0,
          password: '',
          card: '',
          group: 1,
        }),
      );
      await database.transaction(async (tx) => {
        await createDevicesRepository(tx).enqueue(
          commands.map((command) => ({ schoolId, deviceId: id, command, createdBy: actor.userId })),
        );
        await audit.record(tx, actor, {
          schoolId,
          action: 'sync_users',
          entity: 'attendance_device',
          entityId: id,
          after: { queued: commands.length, asciiNames: body.asciiNames },
        });
      });
      return { queued: commands.length };
    },

    // ---- PIN mappings (mã chấm công)
    async listUsers(actor: Actor, schoolId: string, q: z.infer<typeof DeviceUserListQuery>) {
      await access.require(actor, 'devices.manage', { schoolId });
      return repo.listUsers(
        { schoolId, deviceId: q.deviceId, personKind: q.personKind, q: q.q },
        { limit: q.pageSize, offset: offset(q) },
      );
    },

    /**
     * Maps a PIN to a student or staff member of the school, on one terminal or (deviceId null) on all of
     * them. Replaces the PIN's previous owner and the person's previous PIN in the same scope; punches already
     * stored under that PIN start counting for the person.
     */
    async mapUser(actor: Actor, schoolId: string, body: z.infer<typeof DeviceUserBody>) {
      await access.require(actor, 'devices.manage', { schoolId });
      const deviceId = body.deviceId ?? null;
      if (deviceId) await deviceOfSchool(schoolId, deviceId);
      if (!(await repo.personExists(schoolId, body.personKind, body.personId)))
        throw new AppError(
          'VALIDATION_FAILED',
          body.personKind === 'student' ? 'Học sinh không thuộc trường này' : 'Cán bộ không thuộc trường này',
          { field: 'personId' },
        );
      const id = await database.transaction(async (tx) => {
        const r = createDevicesRepository(tx);
        const existing = await r.usersInScope(schoolId, deviceId, body.pin, body.personId);
        const same = existing.find((e) => e.pin === body.pin && e.personId === body.personId);
        if (same && existing.length === 1) return same.id;
        await r.deleteUsers(
          schoolId,
          existing.map((e) => e.id),
        );
        const row = await r.insertUser({
          schoolId,
          deviceId,
          pin: body.pin,
          personKind: body.personKind,
          personId: body.personId,
        });
        const touched = await r.linkUnmappedPunches(schoolId, deviceId, body.pin, {
          personKind: body.personKind,
          personId: body.personId,
        });
        await refreshDays(tx, schoolId, touched);
        await audit.record(tx, actor, {
          schoolId,
          action: existing.length ? 'update' : 'create',
          entity: 'attendance_device_user',
          entityId: row.id,
          before: existing.length ? existing : null,
          after: row,
        });
        return row.id;
      });
      const [item] = (await repo.listUsers({ schoolId, q: body.pin }, { limit: 50, offset: 0 })).items.filter(
        (u) => u.id === id,
      );
      return item;
    },

    async unmapUser(actor: Actor, schoolId: string, id: string) {
      await access.require(actor, 'devices.manage', { schoolId });
      await database.transaction(async (tx) => {
        const r = createDevicesRepository(tx);
        const row = await r.userById(schoolId, id);
        if (!row) throw notFound('mã chấm công');
        await r.deleteUsers(schoolId, [id]);
        await audit.record(tx, actor, {
          schoolId,
          action: 'delete',
          entity: 'attendance_device_user',
          entityId: id,
          before: row,
        });
      });
      return { ok: true as const };
    },

    // ---- the signed webhook
    /**
     * Checks a webhook request before its body is validated: an active webhook device, a timestamp within
     * five minutes, and `X-Signature` = hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`), compared in
     * constant time.
     */
    async verifyWebhook(deviceId: string, timestamp: unknown, signature: unknown, rawBody: string) {
      const device = UUID_RE.test(deviceId) ? await repo.byId(deviceId) : null;
      if (!isActive(device) || device.kind !== 'webhook' || !device.webhookSecret)
        throw unknownDevice(deviceId.slice(0, 60));
      const ts =
        typeof timestamp === 'string' && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : null;
      if (ts === null || Math.abs(now().getTime() - ts) > WEBHOOK_MAX_SKEW_MS)
        throw new AppError(
          'STALE_TIMESTAMP',
          'Thời điểm ký (X-Timestamp) thiếu hoặc lệch quá 5 phút; kiểm tra đồng hồ của thiết bị',
          undefined,
          401,
        );
      const expected = createHmac('sha256', device.webhookSecret).update(`${timestamp}.${rawBody}`).digest();
      const sent =
        typeof signature === 'string' && /^[0-9a-fA-F]{64}$/.test(signature)
          ? Buffer.from(signature, 'hex')
          : null;
      if (!sent || !timingSafeEqual(sent, expected))
        throw new AppError('INVALID_SIGNATURE', 'Chữ ký (X-Signature) không hợp lệ', undefined, 401);
      return { id: device.id, sn: device.sn, schoolId: device.schoolId };
    },

    /** Stores a verified webhook batch: the same normalised punches as the ZKTeco path. */
    async receiveWebhook(
      device: { id: string; sn: string | null; schoolId: string },
      ip: string,
      body: z.infer<typeof WebhookBody>,
    ) {
      const skipped: { index: number; reason: string }[] = [];
      const punches: NormalizedPunch[] = [];
      body.punches.forEach((p, index) => {
        const time = parsePunchTime(p.time.trim());
        if (!time) {
          skipped.push({ index, reason: 'thời gian không hợp lệ' });
          return;
        }
        punches.push({
          ...time,
          pin: p.userId,
          status: p.status ?? null,
          verify: p.verify ?? null,
          workcode: null,
        });
      });
      const at = now();
      const result = await database.transaction(async (tx) => {
        const ingested = await ingestPunches(tx, device, punches, 'webhook', at);
        await createDevicesRepository(tx).touch(device.id, { lastSeenAt: at, lastIp: ip });
        return ingested;
      });
      return {
        accepted: result.inserted,
        duplicates: punches.length - result.inserted,
        unknownUsers: result.unknownPins,
        skipped,
      };
    },
  };
}
export type DevicesService = ReturnType<typeof createDevicesService>;
