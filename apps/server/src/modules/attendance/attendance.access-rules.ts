/**
 * Access rules of the attendance module's routes for the access matrix (apps/server/src/test/access-matrix.test.ts).
 * Expectations written out by hand from the roles:
 * - attendance of a class: the Sở (all), the Phòng's specialist (read), Quyết Tiến's principal, and
 *   giaovien.qt for 6A1 ('own') only; parents and students see their own child's / own history only;
 * - school-level attendance (report, staff roll): the Sở, the Phòng (read), the school's principal;
 * - terminals (devices.manage): the Sở and the school's principal.
 */
import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import { S, uniq } from '../../test/access-rules';
import type { Client } from '../../test/harness';

const DAY = '2025-03-10';

const manage = (u: User, w: Where) => u === 'admin.so' || (u === 'hieutruong.qt' && w !== 'other');
const schoolRead = (u: User, w: Where) => manage(u, w) || u === 'chuyenvien.phong';
const classRead = (u: User, w: Where) => schoolRead(u, w) || (u === 'giaovien.qt' && w === 'own');
const classWrite = (u: User, w: Where) => manage(u, w) || (u === 'giaovien.qt' && w === 'own');
const studentRead = (u: User, w: Where) =>
  classRead(u, w) || ((u === 'phuhuynh.qt' || u === 'hocsinh.qt') && w === 'own');

async function newDevice(admin: Client, f: Fixture, w: Where, kind: 'zkteco' | 'webhook' = 'webhook') {
  const res = await admin.post(`/api/schools/${S(f, w)}/attendance-devices`, {
    kind,
    name: `Máy thử ${uniq()}`,
    ...(kind === 'zkteco' ? { sn: `MATRIX${uniq()}` } : {}),
  });
  return res.json().id as string;
}

export const ATTENDANCE_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/attendance/classes': {
    kind: 'list',
    permission: 'attendance.read',
    expected: classRead,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/attendance/classes?schoolId=${S(f, w)}&date=${DAY}&pageSize=100`,
    }),
    id: (f, w) => f.klass[w],
  },
  'GET /api/schools/{schoolId}/classes/{id}/attendance': {
    kind: 'record',
    permission: 'attendance.read',
    expected: classRead,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/classes/${f.klass[w]}/attendance?date=${DAY}`,
    }),
  },
  'PUT /api/schools/{schoolId}/classes/{id}/attendance': {
    kind: 'record',
    permission: 'attendance.write',
    expected: classWrite,
    tables: ['attendance_records', 'attendance_roll_calls'],
    probe: (f, w, seq) => ({
      method: 'PUT',
      url: `/api/schools/${S(f, w)}/classes/${f.klass[w]}/attendance`,
      body: { date: DAY, entries: [{ studentId: f.student[w], status: seq % 2 ? 'late' : 'excused' }] },
    }),
  },
  'GET /api/schools/{schoolId}/staff-attendance': {
    kind: 'record',
    permission: 'attendance.read',
    expected: schoolRead,
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/staff-attendance?date=${DAY}` }),
  },
  'PUT /api/schools/{schoolId}/staff-attendance': {
    kind: 'record',
    permission: 'attendance.write',
    expected: manage,
    tables: ['attendance_records', 'attendance_roll_calls'],
    probe: (f, w, seq) => ({
      method: 'PUT',
      url: `/api/schools/${S(f, w)}/staff-attendance`,
      body: { date: DAY, entries: [{ staffId: f.staff[w], status: seq % 2 ? 'late' : 'excused' }] },
    }),
  },
  'GET /api/schools/{schoolId}/attendance/report': {
    kind: 'record',
    permission: 'attendance.read',
    expected: schoolRead,
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/attendance/report?date=${DAY}` }),
  },
  'GET /api/schools/{schoolId}/attendance/report.xlsx': {
    kind: 'record',
    permission: 'attendance.read',
    expected: schoolRead,
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/attendance/report.xlsx?date=${DAY}` }),
  },
  'GET /api/schools/{schoolId}/students/{id}/attendance': {
    kind: 'record',
    permission: 'attendance.read',
    expected: studentRead,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/students/${f.student[w]}/attendance?from=2025-03-01&to=2025-03-31`,
    }),
  },
  'GET /api/attendance-devices': {
    kind: 'list',
    permission: 'devices.manage',
    expected: manage,
    probe: (f, w) => ({ method: 'GET', url: `/api/attendance-devices?schoolId=${S(f, w)}&pageSize=100` }),
    id: () => '',
  },
  'POST /api/schools/{schoolId}/attendance-devices': {
    kind: 'record',
    permission: 'devices.manage',
    expected: manage,
    tables: ['attendance_devices'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/attendance-devices`,
      body: { kind: 'webhook', name: `Máy nhận diện ${uniq()}` },
    }),
  },
  'PATCH /api/schools/{schoolId}/attendance-devices/{id}': {
    kind: 'record',
    permission: 'devices.manage',
    expected: manage,
    tables: ['attendance_devices'],
    probe: async (f, w, _seq, admin) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/attendance-devices/${await newDevice(admin, f, w)}`,
      body: { name: `Cổng ${uniq()}` },
    }),
  },
  'GET /api/schools/{schoolId}/attendance-devices/{id}/commands': {
    kind: 'record',
    permission: 'devices.manage',
    expected: manage,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/attendance-devices/${await newDevice(admin, f, w, 'zkteco')}/commands`,
    }),
  },
  'POST /api/schools/{schoolId}/attendance-devices/{id}/sync-users': {
    kind: 'record',
    permission: 'devices.manage',
    expected: manage,
    tables: ['attendance_device_commands'],
    probe: async (f, w, _seq, admin) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/attendance-devices/${await newDevice(admin, f, w, 'zkteco')}/sync-users`,
      body: { asciiNames: true },
    }),
  },
  'GET /api/schools/{schoolId}/device-users': {
    kind: 'record',
    permission: 'devices.manage',
    expected: manage,
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/device-users` }),
  },
  'POST /api/schools/{schoolId}/device-users': {
    kind: 'record',
    permission: 'devices.manage',
    expected: manage,
    tables: ['attendance_device_users'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/device-users`,
      body: { pin: `9${uniq()}`, personKind: 'student', personId: f.student[w] },
    }),
  },
  'DELETE /api/schools/{schoolId}/device-users/{id}': {
    kind: 'record',
    permission: 'devices.manage',
    expected: manage,
    tables: ['attendance_device_users'],
    probe: async (f, w, _seq, admin) => {
      const res = await admin.post(`/api/schools/${S(f, w)}/device-users`, {
        pin: `8${uniq()}`,
        personKind: 'staff',
        personId: f.staff[w],
      });
      return { method: 'DELETE', url: `/api/schools/${S(f, w)}/device-users/${res.json().id}` };
    },
  },
  // Terminals authenticate themselves (HMAC signature): no session. Covered by webhook.test.ts.
  'POST /api/devices/webhook/{deviceId}': { kind: 'public' },
};
