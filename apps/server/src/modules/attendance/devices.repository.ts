import {
  attendanceDeviceCommands,
  attendanceDevices,
  attendanceDeviceUsers,
  attendancePunches,
  classes,
  containsPattern,
  type Queryable,
  staff,
  students,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

export type DeviceRow = typeof attendanceDevices.$inferSelect;
export type PunchInsert = typeof attendancePunches.$inferInsert;
export type CommandRow = typeof attendanceDeviceCommands.$inferSelect;
export type PersonKind = 'student' | 'staff';
export type MappedPerson = { personKind: PersonKind; personId: string };

export type DeviceFilter = {
  scope: Scope;
  /** Unclaimed (pending, no school) devices too: department administrators. */
  withUnclaimed: boolean;
  schoolId?: string;
  status?: string;
  kind?: string;
  q?: string;
};

/** Máy chấm công, mã chấm công (PIN → person), raw punches and the command queue. */
export function createDevicesRepository(db: Queryable) {
  const pendingCommands = sql<number>`(select count(*)::int from ${attendanceDeviceCommands} c
    where c.school_id = ${attendanceDevices.schoolId} and c.device_id = ${attendanceDevices.id}
    and c.status in ('pending', 'sent'))`;
  const mappedUsers = sql<number>`(select count(*)::int from ${attendanceDeviceUsers} u
    where u.school_id = ${attendanceDevices.schoolId} and (u.device_id = ${attendanceDevices.id} or u.device_id is null))`;
  const select = () =>
    db
      .select({
        id: attendanceDevices.id,
        schoolId: attendanceDevices.schoolId,
        schoolName: units.name,
        siteId: attendanceDevices.siteId,
        sn: attendanceDevices.sn,
        kind: attendanceDevices.kind,
        name: attendanceDevices.name,
        status: attendanceDevices.status,
        attlogStamp: attendanceDevices.attlogStamp,
        pushVersion: attendanceDevices.pushVersion,
        info: attendanceDevices.info,
        lastSeenAt: attendanceDevices.lastSeenAt,
        lastIp: attendanceDevices.lastIp,
        ipChangedAt: attendanceDevices.ipChangedAt,
        createdAt: attendanceDevices.createdAt,
        users: mappedUsers,
        pendingCommands,
      })
      .from(attendanceDevices)
      .leftJoin(units, eq(units.id, attendanceDevices.schoolId));
  type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const present = (r: Selected) => ({
    ...r,
    kind: r.kind as 'zkteco' | 'webhook',
    status: r.status as 'pending' | 'active' | 'disabled',
    lastSeenAt: iso(r.lastSeenAt),
    ipChangedAt: iso(r.ipChangedAt),
    createdAt: r.createdAt.toISOString(),
  });

  return {
    // ---- the registry
    async bySn(sn: string): Promise<DeviceRow | null> {
      const [row] = await db.select().from(attendanceDevices).where(eq(attendanceDevices.sn, sn));
      return row ?? null;
    },
    async byId(id: string): Promise<DeviceRow | null> {
      const [row] = await db.select().from(attendanceDevices).where(eq(attendanceDevices.id, id));
      return row ?? null;
    },
    /** A first handshake from an unknown serial number: recorded as pending for an administrator to claim. */
    async insertPending(values: { sn: string; lastIp: string; pushVersion: string | null; seenAt: Date }) {
      await db
        .insert(attendanceDevices)
        .values({
          sn: values.sn,
          kind: 'zkteco',
          name: values.sn,
          status: 'pending',
          pushVersion: values.pushVersion,
          lastSeenAt: values.seenAt,
          lastIp: values.lastIp,
        })
        .onConflictDoNothing();
    },
    async insert(values: typeof attendanceDevices.$inferInsert) {
      const [row] = await db.insert(attendanceDevices).values(values).returning();
      return row;
    },
    async update(id: string, values: Partial<typeof attendanceDevices.$inferInsert>) {
      const [row] = await db
        .update(attendanceDevices)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(attendanceDevices.id, id))
        .returning();
      return row;
    },
    /** Last contact (without touching updated_at: that marks changes by people). */
    async touch(
      id: string,
      values: { lastSeenAt: Date; lastIp?: string; ipChangedAt?: Date; pushVersion?: string; info?: string },
    ) {
      await db.update(attendanceDevices).set(values).where(eq(attendanceDevices.id, id));
    },
    async setStamp(id: string, table: 'attlog' | 'operlog' | 'attphoto', stamp: string) {
      const column = { attlog: 'attlogStamp', operlog: 'operlogStamp', attphoto: 'attphotoStamp' } as const;
      await db
        .update(attendanceDevices)
        .set({ [column[table]]: stamp })
        .where(eq(attendanceDevices.id, id));
    },
    async list(f: DeviceFilter, page: { limit: number; offset: number }) {
      const reach = scopeCondition(f.scope, { schoolId: attendanceDevices.schoolId });
      const conds: SQL[] = [f.withUnclaimed ? or(reach, isNull(attendanceDevices.schoolId))! : reach];
      if (f.schoolId) conds.push(eq(attendanceDevices.schoolId, f.schoolId));
      if (f.status) conds.push(eq(attendanceDevices.status, f.status));
      if (f.kind) conds.push(eq(attendanceDevices.kind, f.kind));
      if (f.q)
        conds.push(
          or(
            ilike(attendanceDevices.name, containsPattern(f.q)),
            ilike(attendanceDevices.sn, containsPattern(f.q)),
          )!,
        );
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(attendanceDevices).where(where);
      const rows = await select()
        .where(where)
        .orderBy(asc(attendanceDevices.status), asc(units.name), asc(attendanceDevices.name))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items: rows.map(present) };
    },
    async get(id: string) {
      const [row] = await select().where(eq(attendanceDevices.id, id));
      return row ? present(row) : null;
    },
    async siteOf(schoolId: string, siteId: string) {
      const [row] = await db
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.id, siteId), eq(units.parentId, schoolId), eq(units.kind, 'school_site')));
      return row ?? null;
    },

    // ---- PIN mappings (mã chấm công)
    /** The people behind PINs on one device: a mapping for that device wins over a school-wide one. */
    async resolvePins(
      schoolId: string,
      deviceId: string,
      pins: string[],
    ): Promise<Map<string, MappedPerson>> {
      const map = new Map<string, MappedPerson>();
      if (pins.length === 0) return map;
      const rows = await db
        .select({
          pin: attendanceDeviceUsers.pin,
          deviceId: attendanceDeviceUsers.deviceId,
          personKind: attendanceDeviceUsers.personKind,
          personId: attendanceDeviceUsers.personId,
        })
        .from(attendanceDeviceUsers)
        .where(
          and(
            eq(attendanceDeviceUsers.schoolId, schoolId),
            inArray(attendanceDeviceUsers.pin, [...new Set(pins)]),
            or(eq(attendanceDeviceUsers.deviceId, deviceId), isNull(attendanceDeviceUsers.deviceId)),
          ),
        );
      for (const r of rows.sort((a, b) => (a.deviceId ? 1 : 0) - (b.deviceId ? 1 : 0)))
        map.set(r.pin, { personKind: r.personKind as PersonKind, personId: r.personId });
      return map;
    },
    async listUsers(
      f: { schoolId: string; deviceId?: string; personKind?: string; q?: string },
      page: { limit: number; offset: number },
    ) {
      const u = attendanceDeviceUsers;
      const conds: SQL[] = [eq(u.schoolId, f.schoolId)];
      if (f.deviceId) conds.push(or(eq(u.deviceId, f.deviceId), isNull(u.deviceId))!);
      if (f.personKind) conds.push(eq(u.personKind, f.personKind));
      const name = sql<string>`coalesce(${students.fullName}, ${staff.fullName})`;
      if (f.q) conds.push(or(eq(u.pin, f.q), ilike(name, containsPattern(f.q)))!);
      const where = and(...conds);
      const from = () =>
        db
          .select({
            id: u.id,
            schoolId: u.schoolId,
            deviceId: u.deviceId,
            pin: u.pin,
            personKind: u.personKind,
            personId: u.personId,
            fullName: name,
            className: classes.name,
            staffCode: staff.staffCode,
          })
          .from(u)
          .leftJoin(
            students,
            and(eq(u.personKind, 'student'), eq(students.schoolId, u.schoolId), eq(students.id, u.personId)),
          )
          .leftJoin(
            classes,
            and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
          )
          .leftJoin(
            staff,
            and(eq(u.personKind, 'staff'), eq(staff.schoolId, u.schoolId), eq(staff.id, u.personId)),
          );
      const [{ total }] = await db
        .select({ total: count() })
        .from(u)
        .leftJoin(
          students,
          and(eq(u.personKind, 'student'), eq(students.schoolId, u.schoolId), eq(students.id, u.personId)),
        )
        .leftJoin(
          staff,
          and(eq(u.personKind, 'staff'), eq(staff.schoolId, u.schoolId), eq(staff.id, u.personId)),
        )
        .where(where);
      const rows = await from()
        .where(where)
        .orderBy(sql`length(${u.pin})`, asc(u.pin), asc(u.id))
        .limit(page.limit)
        .offset(page.offset);
      return {
        total,
        items: rows.map((r) => ({
          ...r,
          personKind: r.personKind as PersonKind,
          fullName: r.fullName ?? '',
          className: r.className ?? null,
          staffCode: r.staffCode ?? null,
        })),
      };
    },
    async userById(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(attendanceDeviceUsers)
        .where(and(eq(attendanceDeviceUsers.schoolId, schoolId), eq(attendanceDeviceUsers.id, id)));
      return row ?? null;
    },
    /** Mappings in one device scope (a device, or null for school-wide) by PIN or by person. */
    async usersInScope(schoolId: string, deviceId: string | null, pin: string, personId: string) {
      const u = attendanceDeviceUsers;
      return db
        .select()
        .from(u)
        .where(
          and(
            eq(u.schoolId, schoolId),
            deviceId ? eq(u.deviceId, deviceId) : isNull(u.deviceId),
            or(eq(u.pin, pin), eq(u.personId, personId)),
          ),
        );
    },
    async deleteUsers(schoolId: string, ids: string[]) {
      if (ids.length === 0) return;
      await db
        .delete(attendanceDeviceUsers)
        .where(and(eq(attendanceDeviceUsers.schoolId, schoolId), inArray(attendanceDeviceUsers.id, ids)));
    },
    async insertUser(values: typeof attendanceDeviceUsers.$inferInsert) {
      const [row] = await db.insert(attendanceDeviceUsers).values(values).returning();
      return row;
    },
    /** Everyone a device should know: its own mappings and the school-wide ones, with names. */
    async usersForDevice(schoolId: string, deviceId: string) {
      const u = attendanceDeviceUsers;
      const rows = await db
        .select({
          pin: u.pin,
          deviceId: u.deviceId,
          fullName: sql<string>`coalesce(${students.fullName}, ${staff.fullName}, '')`,
        })
        .from(u)
        .leftJoin(
          students,
          and(eq(u.personKind, 'student'), eq(students.schoolId, u.schoolId), eq(students.id, u.personId)),
        )
        .leftJoin(
          staff,
          and(eq(u.personKind, 'staff'), eq(staff.schoolId, u.schoolId), eq(staff.id, u.personId)),
        )
        .where(and(eq(u.schoolId, schoolId), or(eq(u.deviceId, deviceId), isNull(u.deviceId))))
        .orderBy(sql`length(${u.pin})`, asc(u.pin));
      const byPin = new Map<string, { pin: string; fullName: string }>();
      for (const r of rows.sort((a, b) => (a.deviceId ? 1 : 0) - (b.deviceId ? 1 : 0)))
        byPin.set(r.pin, { pin: r.pin, fullName: r.fullName });
      return [...byPin.values()];
    },
    async personExists(schoolId: string, kind: PersonKind, id: string) {
      const table = kind === 'student' ? students : staff;
      const [row] = await db
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.schoolId, schoolId), eq(table.id, id)));
      return Boolean(row);
    },

    // ---- punches
    /** Inserts punches, skipping ones already stored (same device, PIN and instant); returns the new ones. */
    async insertPunches(rows: PunchInsert[]) {
      const inserted: {
        personKind: string | null;
        personId: string | null;
        localDate: string;
        future: boolean;
      }[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = await db
          .insert(attendancePunches)
          .values(rows.slice(i, i + 1000))
          .onConflictDoNothing()
          .returning({
            personKind: attendancePunches.personKind,
            personId: attendancePunches.personId,
            localDate: attendancePunches.localDate,
            future: attendancePunches.future,
          });
        inserted.push(...chunk);
      }
      return inserted;
    },
    /** Punches stored before their PIN was mapped now count for that person; returns the days touched. */
    async linkUnmappedPunches(schoolId: string, deviceId: string | null, pin: string, person: MappedPerson) {
      const p = attendancePunches;
      return db
        .update(p)
        .set({ personKind: person.personKind, personId: person.personId })
        .where(
          and(
            eq(p.schoolId, schoolId),
            eq(p.pin, pin),
            isNull(p.personId),
            deviceId ? eq(p.deviceId, deviceId) : undefined,
          ),
        )
        .returning({
          personKind: p.personKind,
          personId: p.personId,
          localDate: p.localDate,
          future: p.future,
        });
    },
    /** First and last punch of each person-day (giờ đến, giờ về), ignoring punches from a clock in the future. */
    async dayBounds(schoolId: string, personIds: string[], dates: string[]) {
      const p = attendancePunches;
      if (personIds.length === 0 || dates.length === 0) return [];
      return db
        .select({
          personKind: p.personKind,
          personId: p.personId,
          localDate: p.localDate,
          first: sql<Date>`min(${p.punchedAt})`.mapWith(p.punchedAt),
          last: sql<Date>`max(${p.punchedAt})`.mapWith(p.punchedAt),
          punches: count(),
        })
        .from(p)
        .where(
          and(
            eq(p.schoolId, schoolId),
            eq(p.future, false),
            inArray(p.personId, [...new Set(personIds)]),
            inArray(p.localDate, [...new Set(dates)]),
          ),
        )
        .groupBy(p.personKind, p.personId, p.localDate);
    },

    // ---- the command queue
    async enqueue(rows: (typeof attendanceDeviceCommands.$inferInsert)[]) {
      for (let i = 0; i < rows.length; i += 1000)
        await db.insert(attendanceDeviceCommands).values(rows.slice(i, i + 1000));
    },
    /** Commands to send now: never sent, or sent and unanswered for longer than `resendAfterMs`. */
    async dueCommands(schoolId: string, deviceId: string, now: Date, resendAfterMs: number, limit: number) {
      const c = attendanceDeviceCommands;
      return db
        .select()
        .from(c)
        .where(
          and(
            eq(c.schoolId, schoolId),
            eq(c.deviceId, deviceId),
            or(
              eq(c.status, 'pending'),
              and(eq(c.status, 'sent'), lt(c.sentAt, new Date(now.getTime() - resendAfterMs))),
            ),
          ),
        )
        .orderBy(asc(c.id))
        .limit(limit);
    },
    async markSent(schoolId: string, ids: number[], now: Date) {
      if (ids.length === 0) return;
      const c = attendanceDeviceCommands;
      await db
        .update(c)
        .set({ status: 'sent', sentAt: now, retries: sql`${c.retries} + 1` })
        .where(and(eq(c.schoolId, schoolId), inArray(c.id, ids)));
    },
    async markFailed(schoolId: string, ids: number[], now: Date) {
      if (ids.length === 0) return;
      const c = attendanceDeviceCommands;
      await db
        .update(c)
        .set({ status: 'failed', completedAt: now })
        .where(and(eq(c.schoolId, schoolId), inArray(c.id, ids)));
    },
    /** Records one result (Return=0: done; anything else: failed); returns whether it matched a command. */
    async completeCommand(schoolId: string, deviceId: string, id: number, returnCode: number, now: Date) {
      const c = attendanceDeviceCommands;
      const rows = await db
        .update(c)
        .set({ status: returnCode === 0 ? 'done' : 'failed', returnCode, completedAt: now })
        .where(and(eq(c.schoolId, schoolId), eq(c.deviceId, deviceId), eq(c.id, id)))
        .returning({ id: c.id });
      return rows.length > 0;
    },
    async listCommands(schoolId: string, deviceId: string, limit: number) {
      const c = attendanceDeviceCommands;
      const rows = await db
        .select()
        .from(c)
        .where(and(eq(c.schoolId, schoolId), eq(c.deviceId, deviceId)))
        .orderBy(desc(c.id))
        .limit(limit);
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      return rows.map((r) => ({
        id: r.id,
        deviceId: r.deviceId,
        command: r.command,
        status: r.status as 'pending' | 'sent' | 'done' | 'failed',
        retries: r.retries,
        returnCode: r.returnCode,
        createdAt: r.createdAt.toISOString(),
        sentAt: iso(r.sentAt),
        completedAt: iso(r.completedAt),
      }));
    },
  };
}
export type DevicesRepository = ReturnType<typeof createDevicesRepository>;
