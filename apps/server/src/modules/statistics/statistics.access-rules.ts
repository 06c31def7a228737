import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import { S } from '../../test/access-rules';
import type { Client } from '../../test/harness';

/**
 * Access rules of the statistics routes. A school's report follows 'operations.read' (department roles and the
 * school's own principal) and 'operations.manage' (the Sở administrator everywhere, Quyết Tiến's principal for
 * Quyết Tiến); opening a period, reviewing a report and the consolidated report belong to the collecting
 * department (the Sở administrator; the Phòng specialist reads).
 */
const manage = (user: User, where: Where) =>
  user === 'admin.so' || (user === 'hieutruong.qt' && where !== 'other');
const department = (user: User) => user === 'admin.so';
const departmentRead = (user: User) => user === 'admin.so' || user === 'chuyenvien.phong';

let period: Promise<string> | null = null;
/** A period opened by the Phòng (every demo school reports in it), created once through admin.so. */
const periodOf = (admin: Client) => {
  period ??= (async () => {
    const units = await admin.get('/api/units?kind=district_department&pageSize=10');
    const phong = (units.json() as { items: { id: string }[] }).items[0];
    const res = await admin.post('/api/statistics/periods', { unitId: phong.id, year: 2050, quarter: 1 });
    if (res.statusCode !== 201) throw new Error(`fixture not created: ${res.statusCode} ${res.body}`);
    return (res.json() as { id: string }).id;
  })();
  return period;
};
const facilities = (n: number) => ({
  'facilities.classrooms.count': 20 + n,
  'facilities.classrooms_solid.count': 18,
  'facilities.smart_rooms.count': 2,
  'facilities.computers.count': 30,
  'facilities.computers_internet.count': 30,
  'facilities.interactive_boards.count': 3,
});
const submissionUrl = async (f: Fixture, w: Where, admin: Client) =>
  `/api/schools/${S(f, w)}/statistics/periods/${await periodOf(admin)}`;

export const STATISTICS_ACCESS_RULES: Record<string, Rule> = {
  'POST /api/statistics/periods': {
    kind: 'record',
    permission: 'operations.manage',
    expected: department,
    tables: ['stat_periods'],
    probe: (_f, _w, seq, admin) => ({
      method: 'POST',
      url: '/api/statistics/periods',
      body: { unitId: admin.me.roles[0].unitId, year: 2100 + seq, quarter: 4 },
    }),
  },
  'GET /api/statistics/periods': {
    kind: 'list',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/statistics/periods?unitId=${S(f, w)}` }),
    id: () => '',
  },
  'GET /api/statistics/periods/{periodId}': {
    kind: 'record',
    permission: 'operations.read',
    expected: departmentRead,
    probe: async (_f, _w, _s, admin) => ({
      method: 'GET',
      url: `/api/statistics/periods/${await periodOf(admin)}`,
    }),
  },
  'GET /api/statistics/periods/{periodId}/report': {
    kind: 'record',
    permission: 'operations.read',
    expected: departmentRead,
    probe: async (_f, _w, _s, admin) => ({
      method: 'GET',
      url: `/api/statistics/periods/${await periodOf(admin)}/report`,
    }),
  },
  'GET /api/statistics/periods/{periodId}/report.xlsx': {
    kind: 'record',
    permission: 'operations.read',
    expected: departmentRead,
    probe: async (_f, _w, _s, admin) => ({
      method: 'GET',
      url: `/api/statistics/periods/${await periodOf(admin)}/report.xlsx`,
    }),
  },
  'GET /api/statistics/periods/{periodId}/report.pdf': {
    kind: 'record',
    permission: 'operations.read',
    expected: departmentRead,
    probe: async (_f, _w, _s, admin) => ({
      method: 'GET',
      url: `/api/statistics/periods/${await periodOf(admin)}/report.pdf`,
    }),
  },
  'GET /api/schools/{schoolId}/statistics/periods/{periodId}': {
    kind: 'record',
    permission: 'operations.read',
    probe: async (f, w, _s, admin) => ({ method: 'GET', url: await submissionUrl(f, w, admin) }),
  },
  'PUT /api/schools/{schoolId}/statistics/periods/{periodId}': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['stat_submissions'],
    probe: async (f, w, seq, admin) => ({
      method: 'PUT',
      url: await submissionUrl(f, w, admin),
      body: { values: { 'facilities.computers.count': seq } },
    }),
  },
  'POST /api/schools/{schoolId}/statistics/periods/{periodId}/submit': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['stat_submissions'],
    probe: async (f, w, seq, admin) => ({
      method: 'POST',
      url: `${await submissionUrl(f, w, admin)}/submit`,
      body: { values: facilities(seq) },
    }),
  },
  'POST /api/schools/{schoolId}/statistics/periods/{periodId}/review': {
    kind: 'record',
    permission: 'operations.manage',
    expected: department,
    tables: ['stat_submissions'],
    probe: async (f, w, seq, admin) => {
      const url = await submissionUrl(f, w, admin);
      const res = await admin.post(`${url}/submit`, { values: facilities(seq) });
      if (res.statusCode !== 200) throw new Error(`fixture not submitted: ${res.statusCode} ${res.body}`);
      return {
        method: 'POST',
        url: `${url}/review`,
        body: { decision: 'return', comment: `Kiểm tra lại ${seq}` },
      };
    },
  },
  'GET /api/statistics/scores': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/statistics/scores?unitId=${S(f, w)}` }),
  },
  'GET /api/statistics/scores.xlsx': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/statistics/scores.xlsx?unitId=${S(f, w)}&source=exam` }),
  },
};
