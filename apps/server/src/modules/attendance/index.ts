import type { Queryable } from '@smartedu/db';
import type { FastifyPluginAsync } from 'fastify';
import type { AttendanceDeps } from './attendance.deps';
import { createAttendanceRepository } from './attendance.repository';
import { attendanceRoutes as rollRoutes } from './attendance.routes';
import { createAttendanceService } from './attendance.service';
import { devicesRoutes } from './devices.routes';
import { createDevicesService } from './devices.service';
import { iclockRoutes } from './iclock/iclock.routes';
import { createIclockService } from './iclock/iclock.service';
import { webhookRoutes } from './webhook.routes';
import './attendance.events';

export type { AttendanceDeps } from './attendance.deps';
export type { AbsenceRecordedEvent, AbsencesChangedEvent } from './attendance.events';
export type { AttendanceService } from './attendance.service';
export type { DevicesService } from './devices.service';
export type { IclockService } from './iclock/iclock.service';

export type AttendanceOptions = AttendanceDeps & {
  /** Requests per terminal (serial number or webhook device, and address) per window. */
  deviceRateLimit?: { max: number; timeWindowMs: number };
};

/** Generous for realtime uploads at the morning rush; a runaway or hostile client is cut off. */
const DEVICE_RATE_LIMIT = { max: 600, timeWindowMs: 60_000 };

/**
 * The attendance module (điểm danh, chấm công): roll calls, staff attendance, the daily report, attendance
 * terminals (ZKTeco push protocol under /iclock, the signed webhook under /api/devices/) and their management.
 */
export const attendanceRoutes: FastifyPluginAsync<AttendanceOptions> = async (app, opts) => {
  const { deviceRateLimit = DEVICE_RATE_LIMIT, ...deps } = opts;
  const devices = createDevicesService(deps);
  await app.register(rollRoutes, { attendance: createAttendanceService(deps) });
  await app.register(devicesRoutes, { devices });
  await app.register(webhookRoutes, { devices, rateLimit: deviceRateLimit });
  await app.register(iclockRoutes, {
    iclock: createIclockService({ database: deps.database, now: deps.now }),
    rateLimit: deviceRateLimit,
  });
};

/**
 * Buổi nghỉ học of students between two days (inclusive), in the caller's transaction: the days with a
 * whole-day record excused or unexcused (per-lesson absences are not sessions). The gradebook's year-end
 * results (promotion, học bạ) receive this as their absence counter.
 */
export function countAbsentSessions(
  db: Queryable,
  q: {
    schoolId: string;
    from: string;
    to: string;
    students: { ids: string[] } | { fromId: string; toId: string };
  },
) {
  return createAttendanceRepository(db).absentSessions(q.schoolId, q.from, q.to, q.students);
}
export type AbsentSessionCounter = typeof countAbsentSessions;
