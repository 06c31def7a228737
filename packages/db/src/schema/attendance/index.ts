import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../registry/units';

/**
 * Điểm danh, chấm công: roll calls by teachers, and punches from attendance terminals (ZKTeco push protocol or
 * a signed JSON webhook).
 *
 * Every table except the device registry is school-owned (`school_id` first, leading the primary key and every
 * index). The registry is global: a terminal identifies itself only by its serial number and an unknown one is
 * recorded as pending before any school has claimed it, so its lookup key is the serial number alone.
 */

// Máy chấm công (thiết bị điểm danh): one row per terminal, global (see above)
export const attendanceDevices = pgTable(
  'attendance_devices',
  {
    /** The owning school; null while the device is pending (seen, not yet claimed). */
    schoolId: uuid('school_id').references(() => units.id),
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    siteId: uuid('site_id'), // điểm trường
    /** Serial number (ZKTeco `SN`); null for webhook devices, which are addressed by id. */
    sn: text('sn').unique(),
    kind: text('kind').notNull(), // zkteco | webhook
    name: text('name').notNull(),
    status: text('status').notNull().default('pending'), // pending | active | disabled
    /**
     * Webhook devices: the HMAC key, stored in plain (the server must recompute the HMAC, so a hash cannot
     * work, and an encryption key would live on the same server). It is shown once when created, never listed,
     * never written to the audit log; only the attendance repository reads it.
     */
    webhookSecret: text('webhook_secret'),
    /** Last stamps stored per upload table, echoed in the handshake (digits only). */
    attlogStamp: text('attlog_stamp').notNull().default('0'),
    operlogStamp: text('operlog_stamp').notNull().default('0'),
    attphotoStamp: text('attphoto_stamp').notNull().default('0'),
    pushVersion: text('push_version'),
    /** Last `INFO=` of a command poll: firmware, users, fingerprints, logs, IP… (truncated). */
    info: text('info'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    lastIp: text('last_ip'),
    /** Set when the device connects from a new address (flagged for the admin). */
    ipChangedAt: timestamp('ip_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attendance_devices_school_idx').on(t.schoolId, t.status)],
);

// Mã chấm công (PIN) → học sinh / cán bộ; device_id null = valid on every device of the school
export const attendanceDeviceUsers = pgTable(
  'attendance_device_users',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    deviceId: uuid('device_id'),
    pin: text('pin').notNull(),
    personKind: text('person_kind').notNull(), // student | staff
    personId: uuid('person_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    unique('attendance_device_users_pin_uq').on(t.schoolId, t.deviceId, t.pin).nullsNotDistinct(),
    unique('attendance_device_users_person_uq').on(t.schoolId, t.deviceId, t.personId).nullsNotDistinct(),
    index('attendance_device_users_person_idx').on(t.schoolId, t.personId),
  ],
);

// Lượt chấm công gốc: each punch as the device sent it, plus the UTC instant and the person it maps to
export const attendancePunches = pgTable(
  'attendance_punches',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    deviceId: uuid('device_id').notNull(),
    deviceSn: text('device_sn'),
    pin: text('pin').notNull(),
    /** Device wall-clock time as sent, 'YYYY-MM-DD HH:MM:SS' (Asia/Ho_Chi_Minh). */
    localTime: text('local_time').notNull(),
    localDate: date('local_date').notNull(),
    punchedAt: timestamp('punched_at', { withTimezone: true }).notNull(),
    /** Raw status code (0 check-in … 5 overtime-out, 255 undefined) and its name. */
    status: integer('status'),
    state: text('state').notNull(), // check_in | check_out | break_out | break_in | overtime_in | overtime_out | undefined | other
    verify: integer('verify'), // 1 fingerprint, 15 face, … (raw, firmware-specific)
    workcode: text('workcode'),
    personKind: text('person_kind'), // null: PIN not mapped (yet)
    personId: uuid('person_id'),
    /** More than a day ahead of the time it was received: a bad device clock. Ignored for presence. */
    future: boolean('future').notNull().default(false),
    source: text('source').notNull(), // zkteco | webhook
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('attendance_punches_uq').on(t.schoolId, t.deviceId, t.pin, t.punchedAt),
    index('attendance_punches_person_idx').on(t.schoolId, t.personId, t.localDate),
    index('attendance_punches_pin_idx').on(t.schoolId, t.deviceId, t.pin),
  ],
);

// Hàng đợi lệnh gửi máy chấm công (ZKTeco `C:<id>:<command>`)
export const attendanceDeviceCommands = pgTable(
  'attendance_device_commands',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: bigserial('id', { mode: 'number' }).notNull(),
    deviceId: uuid('device_id').notNull(),
    /** The encoded command line without the `C:<id>:` prefix, e.g. `DATA UPDATE USERINFO PIN=1052\tName=…`. */
    command: text('command').notNull(),
    status: text('status').notNull().default('pending'), // pending | sent | done | failed
    retries: integer('retries').notNull().default(0),
    returnCode: integer('return_code'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('attendance_device_commands_queue_idx').on(t.schoolId, t.deviceId, t.status),
  ],
);

// Điểm danh: one row per person, day and period (period 0 = the whole day, 1…10 = tiết)
export const attendanceRecords = pgTable(
  'attendance_records',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    personKind: text('person_kind').notNull(), // student | staff
    personId: uuid('person_id').notNull(),
    /** The student's class on that day (null for staff). */
    classId: uuid('class_id'),
    date: date('date').notNull(),
    period: integer('period').notNull().default(0),
    status: text('status').notNull(), // present | excused | unexcused | late (có mặt, vắng có phép, vắng không phép, đi muộn)
    note: text('note'),
    source: text('source').notNull(), // manual | device
    recordedBy: uuid('recorded_by'), // users.id; null for device-derived rows
    /** First and last punch of the day (giờ đến, giờ về), from the terminals. */
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('attendance_records_person_uq').on(t.schoolId, t.personId, t.date, t.period),
    index('attendance_records_day_idx').on(t.schoolId, t.date, t.classId),
  ],
);

/**
 * Lượt điểm danh: that a class's (or, class null, the staff's) roll was taken for a day and period. A person
 * without a record in a taken roll was present, so only absences and late arrivals need rows.
 */
export const attendanceRollCalls = pgTable(
  'attendance_roll_calls',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    classId: uuid('class_id'), // null = the staff roll
    date: date('date').notNull(),
    period: integer('period').notNull().default(0),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    unique('attendance_roll_calls_uq').on(t.schoolId, t.classId, t.date, t.period).nullsNotDistinct(),
    index('attendance_roll_calls_day_idx').on(t.schoolId, t.date),
  ],
);
