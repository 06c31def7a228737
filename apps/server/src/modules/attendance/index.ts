import type { FastifyPluginAsync } from 'fastify';
import type { AttendanceDeps } from './attendance.deps';
import { attendanceRoutes as rollRoutes } from './attendance.routes';
import { createAttendanceService } from './attendance.service';
import { devicesRoutes } from './devices.routes';
import { createDevicesService } from './devices.service';
import { iclockRoutes } from './iclock/iclock.routes';
import { createIclockService } from './iclock/iclock.service';
import { webhookRoutes } from './webhook.routes';
import './attendance.events';

export type { AttendanceDeps } from './attendance.deps';
export type { AbsenceRecordedEvent } from './attendance.events';
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
