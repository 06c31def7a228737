import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import type { Client } from '../../test/harness';

/**
 * Access rules of the gradebook's routes for the access matrix. Expectations written out by hand from the
 * roles: grades are read by the department, the school's principal and the class's teacher (the fixture's
 * 'own' class is 6A1, where giaovien.qt is homeroom teacher and teaches Toán); written by the principal and
 * the teacher of the class-subject; locked, unlocked and computed by the principal only. Parents and students
 * read only their own report.
 */

const gradeRead = (user: User, where: Where) =>
  user === 'admin.so' ||
  user === 'chuyenvien.phong' ||
  (user === 'hieutruong.qt' && where !== 'other') ||
  (user === 'giaovien.qt' && where === 'own');
const gradeWrite = (user: User, where: Where) =>
  user === 'admin.so' ||
  (user === 'hieutruong.qt' && where !== 'other') ||
  (user === 'giaovien.qt' && where === 'own');
const gradeLock = (user: User, where: Where) =>
  user === 'admin.so' || (user === 'hieutruong.qt' && where !== 'other');
/** Unlock requests are listed to the school's readers and to its teachers (their own requests). */
const requestList = (user: User, where: Where) =>
  user === 'admin.so' ||
  user === 'chuyenvien.phong' ||
  ((user === 'hieutruong.qt' || user === 'giaovien.qt') && where !== 'other');
const report = (user: User, where: Where) =>
  gradeRead(user, where) || ((user === 'phuhuynh.qt' || user === 'hocsinh.qt') && where === 'own');

const TABLES = [
  'grade_unlock_requests',
  'grade_entries',
  'conduct_ratings',
  'grade_publications',
  'grade_term_locks',
  'grade_unlocks',
  'grade_subject_results',
  'grade_student_results',
];

let mathId: string | undefined;
async function math(admin: Client): Promise<string> {
  mathId ??= (
    (await admin.get('/api/reference/subjects?level=THCS')).json() as { id: string; code: string }[]
  ).find((s) => s.code === 'THCS_TOAN')!.id;
  return mathId;
}
const base = (f: Fixture, w: Where) => `/api/schools/${f.school[w]}/gradebook`;
const gridQuery = async (f: Fixture, w: Where, admin: Client) =>
  `classId=${f.klass[w]}&subjectId=${await math(admin)}&termNo=2`;

async function termOneStatus(f: Fixture, w: Where, admin: Client): Promise<string> {
  const overview = (await admin.get(`${base(f, w)}/classes/${f.klass[w]}`)).json() as {
    locks: { status: string }[];
  };
  return overview.locks[0].status;
}

/** Term I of the class locked (by the administrator), so that an unlock request can be filed. */
async function lockTermOne(f: Fixture, w: Where, admin: Client) {
  if ((await termOneStatus(f, w, admin)) !== 'locked')
    await admin.post(`${base(f, w)}/classes/${f.klass[w]}/lock`, { termNo: 1 });
}
/** A fresh pending request (filed by the administrator, replacing their earlier one) to decide on. */
async function pendingRequest(f: Fixture, w: Where, admin: Client): Promise<string> {
  await lockTermOne(f, w, admin);
  const res = await admin.post(`${base(f, w)}/unlock-requests`, {
    classId: f.klass[w],
    subjectId: await math(admin),
    termNo: 1,
    reason: 'Nhập nhầm điểm kiểm tra giữa kì của một học sinh',
  });
  if (res.statusCode !== 201) throw new Error(`unlock request probe: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export const GRADEBOOK_ACCESS_RULES: Record<string, Rule> = {
  'POST /api/schools/{schoolId}/gradebook/unlock-requests': {
    kind: 'record',
    permission: 'grades.write',
    expected: gradeWrite, // the teacher of the class-subject (giaovien.qt teaches Toán in 6A1), the principal
    tables: TABLES,
    probe: async (f, w, _seq, admin) => {
      await lockTermOne(f, w, admin);
      return {
        method: 'POST',
        url: `${base(f, w)}/unlock-requests`,
        body: {
          classId: f.klass[w],
          subjectId: await math(admin),
          termNo: 1,
          reason: 'Cần sửa điểm thường xuyên nhập thiếu',
        },
      };
    },
  },
  'GET /api/schools/{schoolId}/gradebook/unlock-requests': {
    kind: 'list',
    permission: 'grades.read',
    expected: requestList,
    probe: (f, w) => ({ method: 'GET', url: `${base(f, w)}/unlock-requests` }),
    id: () => '',
  },
  'POST /api/schools/{schoolId}/gradebook/unlock-requests/{id}/approve': {
    kind: 'record',
    permission: 'grades.lock',
    expected: gradeLock,
    tables: TABLES,
    probe: async (f, w, _seq, admin) => ({
      method: 'POST',
      url: `${base(f, w)}/unlock-requests/${await pendingRequest(f, w, admin)}/approve`,
      body: {},
    }),
  },
  'POST /api/schools/{schoolId}/gradebook/unlock-requests/{id}/reject': {
    kind: 'record',
    permission: 'grades.lock',
    expected: gradeLock,
    tables: TABLES,
    probe: async (f, w, _seq, admin) => ({
      method: 'POST',
      url: `${base(f, w)}/unlock-requests/${await pendingRequest(f, w, admin)}/reject`,
      body: { reason: 'Đã hết hạn chỉnh sửa' },
    }),
  },
  'GET /api/schools/{schoolId}/gradebook/classes/{classId}': {
    kind: 'record',
    permission: 'grades.read',
    expected: gradeRead,
    probe: (f, w) => ({ method: 'GET', url: `${base(f, w)}/classes/${f.klass[w]}` }),
  },
  'GET /api/schools/{schoolId}/gradebook/grid': {
    kind: 'record',
    permission: 'grades.read',
    expected: gradeRead,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `${base(f, w)}/grid?${await gridQuery(f, w, admin)}`,
    }),
  },
  'PUT /api/schools/{schoolId}/gradebook/grid': {
    kind: 'record',
    permission: 'grades.write',
    expected: gradeWrite,
    tables: TABLES,
    probe: async (f, w, seq, admin) => {
      const grid = (await admin.get(`${base(f, w)}/grid?${await gridQuery(f, w, admin)}`)).json() as {
        rows: { studentId: string; values: Record<string, number | string | null> }[];
      };
      const row = grid.rows[0];
      const current = row.values.TX1 ?? null;
      const value = (seq % 9) + 1 === current ? (seq % 9) + 1.5 : (seq % 9) + 1;
      return {
        method: 'PUT',
        url: `${base(f, w)}/grid`,
        body: {
          classId: f.klass[w],
          subjectId: await math(admin),
          termNo: 2,
          changes: [{ studentId: row.studentId, slot: 'TX1', value, expected: current }],
        },
      };
    },
  },
  'POST /api/schools/{schoolId}/gradebook/grid/publish': {
    kind: 'record',
    permission: 'grades.write',
    expected: gradeWrite,
    tables: TABLES,
    probe: async (f, w, _seq, admin) => {
      const grid = (await admin.get(`${base(f, w)}/grid?${await gridQuery(f, w, admin)}`)).json() as {
        published: boolean;
      };
      return {
        method: 'POST',
        url: `${base(f, w)}/grid/publish`,
        body: { classId: f.klass[w], subjectId: await math(admin), termNo: 2, published: !grid.published },
      };
    },
  },
  'GET /api/schools/{schoolId}/gradebook/grid/template.xlsx': {
    kind: 'record',
    permission: 'grades.read',
    expected: gradeRead,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `${base(f, w)}/grid/template.xlsx?${await gridQuery(f, w, admin)}`,
    }),
  },
  'GET /api/schools/{schoolId}/gradebook/grid/export.xlsx': {
    kind: 'record',
    permission: 'grades.read',
    expected: gradeRead,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `${base(f, w)}/grid/export.xlsx?${await gridQuery(f, w, admin)}`,
    }),
  },
  'POST /api/schools/{schoolId}/gradebook/grid/import': {
    kind: 'covered',
    by: 'modules/gradebook/gradebook.api.test.ts (multipart upload; the same write check as PUT grid)',
  },
  'GET /api/schools/{schoolId}/gradebook/classes/{classId}/summary': {
    kind: 'record',
    permission: 'grades.read',
    expected: gradeRead,
    probe: (f, w) => ({ method: 'GET', url: `${base(f, w)}/classes/${f.klass[w]}/summary?period=year` }),
  },
  'GET /api/schools/{schoolId}/gradebook/classes/{classId}/conduct': {
    kind: 'record',
    permission: 'grades.read',
    expected: gradeRead,
    probe: (f, w) => ({ method: 'GET', url: `${base(f, w)}/classes/${f.klass[w]}/conduct?termNo=2` }),
  },
  'PUT /api/schools/{schoolId}/gradebook/classes/{classId}/conduct': {
    kind: 'record',
    permission: 'conduct.write',
    expected: gradeWrite, // the principal, or the class's homeroom teacher (giaovien.qt for 'own')
    tables: TABLES,
    probe: async (f, w, _seq, admin) => {
      const sheet = (await admin.get(`${base(f, w)}/classes/${f.klass[w]}/conduct?termNo=2`)).json() as {
        rows: { studentId: string; values: Record<string, string | null> }[];
      };
      const row = sheet.rows[0];
      const current = row.values.conduct ?? null;
      return {
        method: 'PUT',
        url: `${base(f, w)}/classes/${f.klass[w]}/conduct`,
        body: {
          termNo: 2,
          changes: [
            {
              studentId: row.studentId,
              aspect: 'conduct',
              value: current === 'T' ? 'K' : 'T',
              expected: current,
            },
          ],
        },
      };
    },
  },
  'POST /api/schools/{schoolId}/gradebook/classes/{classId}/lock': {
    kind: 'record',
    permission: 'grades.lock',
    expected: gradeLock,
    tables: TABLES,
    probe: async (f, w, _seq, admin) => {
      // Unlocked first, so that every allowed call is a real change.
      if ((await termOneStatus(f, w, admin)) === 'locked')
        await admin.post(`${base(f, w)}/classes/${f.klass[w]}/unlock`, {
          termNo: 1,
          reason: 'Mở khoá để kiểm tra quyền',
        });
      return { method: 'POST', url: `${base(f, w)}/classes/${f.klass[w]}/lock`, body: { termNo: 1 } };
    },
  },
  'POST /api/schools/{schoolId}/gradebook/classes/{classId}/unlock': {
    kind: 'record',
    permission: 'grades.lock',
    expected: gradeLock,
    tables: TABLES,
    probe: async (f, w, _seq, admin) => {
      if ((await termOneStatus(f, w, admin)) !== 'locked')
        await admin.post(`${base(f, w)}/classes/${f.klass[w]}/lock`, { termNo: 1 });
      return {
        method: 'POST',
        url: `${base(f, w)}/classes/${f.klass[w]}/unlock`,
        body: { termNo: 1, reason: 'Kiểm tra ma trận quyền truy cập' },
      };
    },
  },
  'POST /api/schools/{schoolId}/gradebook/compute': {
    kind: 'record',
    permission: 'grades.lock',
    expected: gradeLock,
    tables: TABLES,
    probe: (f, w) => ({
      method: 'POST',
      url: `${base(f, w)}/compute`,
      body: { schoolYearId: f.yearId, classId: f.klass[w] },
    }),
  },
  'GET /api/schools/{schoolId}/students/{id}/report': {
    kind: 'record',
    permission: 'grades.read',
    expected: report,
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${f.school[w]}/students/${f.student[w]}/report` }),
  },
};
