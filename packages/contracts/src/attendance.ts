import { z } from 'zod';
import { IsoDate, PageQuery, Uuid } from './common';
import { PlainText } from './plain-text';

// ---- Điểm danh (roll call)
export const AttendanceStatus = z.enum([
  'present', // có mặt
  'excused', // vắng có phép
  'unexcused', // vắng không phép
  'late', // đi muộn
]);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;
export const ATTENDANCE_STATUSES = AttendanceStatus.options;
export const AttendanceSource = z.enum(['manual', 'device']);
/** 0 = the whole day; 1…10 = tiết (lesson period). */
export const AttendancePeriod = z.coerce.number().int().min(0).max(10);

export const RollQuery = z.object({ date: IsoDate, period: AttendancePeriod.default(0) });
const Note = PlainText(300);

export const RollRow = z.object({
  studentId: Uuid,
  fullName: z.string(),
  sectorId: z.string(),
  /** null: not recorded (the roll has not been taken and no terminal saw the student). */
  status: AttendanceStatus.nullable(),
  note: z.string().nullable(),
  source: AttendanceSource.nullable(),
  /** First and last punch of the day on a terminal (ISO instants). */
  arrivedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
});
export type RollRow = z.infer<typeof RollRow>;

export const ClassRoll = z.object({
  schoolId: Uuid,
  classId: Uuid,
  className: z.string(),
  date: IsoDate,
  period: z.number().int(),
  /** Whether the roll was taken (saved) for this day and period. */
  taken: z.boolean(),
  recordedAt: z.string().nullable(),
  rows: z.array(RollRow),
});
export type ClassRoll = z.infer<typeof ClassRoll>;

export const RollUpdateBody = z.object({
  date: IsoDate,
  period: AttendancePeriod.default(0),
  entries: z
    .array(z.object({ studentId: Uuid, status: AttendanceStatus, note: Note.nullish() }))
    .min(1)
    .max(200),
});
export type RollUpdateBody = z.infer<typeof RollUpdateBody>;

export const StaffRollRow = z.object({
  staffId: Uuid,
  fullName: z.string(),
  staffCode: z.string(),
  position: z.string(),
  status: AttendanceStatus.nullable(),
  note: z.string().nullable(),
  source: AttendanceSource.nullable(),
  arrivedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
});
export const StaffRoll = z.object({
  schoolId: Uuid,
  date: IsoDate,
  taken: z.boolean(),
  recordedAt: z.string().nullable(),
  rows: z.array(StaffRollRow),
});
export type StaffRoll = z.infer<typeof StaffRoll>;
export const StaffRollQuery = z.object({ date: IsoDate });
export const StaffRollUpdateBody = z.object({
  date: IsoDate,
  entries: z
    .array(z.object({ staffId: Uuid, status: AttendanceStatus, note: Note.nullish() }))
    .min(1)
    .max(500),
});
export type StaffRollUpdateBody = z.infer<typeof StaffRollUpdateBody>;

/** Classes the signed-in user may take the roll of, for one day. */
export const AttendanceClassQuery = PageQuery.extend({ schoolId: Uuid.optional(), date: IsoDate.optional() });
export const AttendanceClass = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  name: z.string(),
  grade: z.number().int(),
  students: z.number().int(),
  absent: z.number().int(),
  taken: z.boolean(),
});
export type AttendanceClass = z.infer<typeof AttendanceClass>;

// ---- Báo cáo vắng hằng ngày (daily absence report)
const Counts = {
  present: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  unexcused: z.number().int(),
  notRecorded: z.number().int(),
};
export const ReportQuery = z.object({ date: IsoDate });
export const ClassDayCounts = z.object({
  classId: Uuid,
  className: z.string(),
  grade: z.number().int(),
  students: z.number().int(),
  taken: z.boolean(),
  ...Counts,
});
export const AbsenceItem = z.object({
  personId: Uuid,
  fullName: z.string(),
  classId: Uuid.nullable(),
  className: z.string().nullable(),
  period: z.number().int(),
  status: AttendanceStatus,
  note: z.string().nullable(),
});
export type AbsenceItem = z.infer<typeof AbsenceItem>;
export const AbsenceReport = z.object({
  schoolId: Uuid,
  schoolName: z.string(),
  date: IsoDate,
  totals: z.object({ students: z.number().int(), ...Counts }),
  classes: z.array(ClassDayCounts),
  /** Vắng không phép: every unexcused absence of the day (whole day or a period). */
  unexcused: z.array(AbsenceItem),
  /** Vắng có phép and đi muộn. */
  otherAbsences: z.array(AbsenceItem),
  staff: z.object({
    total: z.number().int(),
    taken: z.boolean(),
    ...Counts,
    absences: z.array(AbsenceItem),
  }),
});
export type AbsenceReport = z.infer<typeof AbsenceReport>;

export const StudentAttendanceQuery = z.object({ from: IsoDate, to: IsoDate });
export const StudentAttendanceItem = z.object({
  date: IsoDate,
  period: z.number().int(),
  status: AttendanceStatus,
  note: z.string().nullable(),
  source: AttendanceSource,
  arrivedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
});
export const StudentAttendance = z.object({
  studentId: Uuid,
  from: IsoDate,
  to: IsoDate,
  summary: z.object({ excused: z.number().int(), unexcused: z.number().int(), late: z.number().int() }),
  items: z.array(StudentAttendanceItem),
});
export type StudentAttendance = z.infer<typeof StudentAttendance>;

// ---- Máy chấm công (attendance terminals)
export const DeviceKind = z.enum(['zkteco', 'webhook']);
export const DeviceStatus = z.enum(['pending', 'active', 'disabled']);
/** Serial number as printed on the terminal. */
export const DeviceSn = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'chữ, số, "-" hoặc "_"');
/** Mã chấm công (PIN) on the terminal. */
export const DevicePin = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,24}$/, 'chữ hoặc số, tối đa 24 ký tự');

export const Device = z.object({
  id: Uuid,
  schoolId: Uuid.nullable(),
  schoolName: z.string().nullable(),
  siteId: Uuid.nullable(),
  sn: z.string().nullable(),
  kind: DeviceKind,
  name: z.string(),
  status: DeviceStatus,
  attlogStamp: z.string(),
  pushVersion: z.string().nullable(),
  info: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  lastIp: z.string().nullable(),
  /** Set when the device last connected from a new address. */
  ipChangedAt: z.string().nullable(),
  createdAt: z.string(),
  users: z.number().int(),
  pendingCommands: z.number().int(),
});
export type Device = z.infer<typeof Device>;
export const DeviceListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  status: DeviceStatus.optional(),
  kind: DeviceKind.optional(),
});
/** Registers a terminal, or claims a pending one by its serial number. */
export const DeviceCreateBody = z
  .object({
    kind: DeviceKind,
    name: z.string().trim().min(1).max(120),
    sn: DeviceSn.optional(),
    siteId: Uuid.nullish(),
  })
  .refine((b) => b.kind !== 'zkteco' || Boolean(b.sn), {
    message: 'Máy ZKTeco cần số sê-ri (SN)',
    path: ['sn'],
  });
/** The webhook secret is shown only here, once. */
export const DeviceCreated = Device.extend({ webhookSecret: z.string().nullable() });
export const DeviceUpdateBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  siteId: Uuid.nullish(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const DeviceCommandItem = z.object({
  id: z.number().int(),
  deviceId: Uuid,
  command: z.string(),
  status: z.enum(['pending', 'sent', 'done', 'failed']),
  retries: z.number().int(),
  returnCode: z.number().int().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export const SyncUsersBody = z.object({
  /** Names without diacritics, for firmware that cannot show UTF-8 (default). */
  asciiNames: z.boolean().default(true),
});
export const SyncUsersResult = z.object({ queued: z.number().int() });

export const PersonKind = z.enum(['student', 'staff']);
export const DeviceUser = z.object({
  id: Uuid,
  schoolId: Uuid,
  /** null: valid on every terminal of the school. */
  deviceId: Uuid.nullable(),
  pin: z.string(),
  personKind: PersonKind,
  personId: Uuid,
  fullName: z.string(),
  className: z.string().nullable(),
  staffCode: z.string().nullable(),
});
export type DeviceUser = z.infer<typeof DeviceUser>;
export const DeviceUserListQuery = PageQuery.extend({
  deviceId: Uuid.optional(),
  personKind: PersonKind.optional(),
});
export const DeviceUserBody = z.object({
  deviceId: Uuid.nullish(),
  pin: DevicePin,
  personKind: PersonKind,
  personId: Uuid,
});

/**
 * Generic webhook of face or card terminals: `POST /api/devices/webhook/:deviceId` with headers
 * `X-Timestamp` (Unix seconds) and `X-Signature` (hex HMAC-SHA256 of `${timestamp}.${rawBody}` with the
 * device's secret).
 */
export const WebhookBody = z.object({
  punches: z
    .array(
      z.object({
        /** The person's id on the terminal (PIN). */
        userId: DevicePin,
        /** Vietnamese wall-clock 'YYYY-MM-DD HH:MM:SS', or ISO 8601 with a zone. */
        time: z.string().max(40),
        status: z.number().int().min(0).max(255).optional(),
        verify: z.number().int().min(0).max(65535).optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export const WebhookResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  unknownUsers: z.array(z.string()),
  skipped: z.array(z.object({ index: z.number().int(), reason: z.string() })),
});
