import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import { S, uniq } from '../../test/access-rules';
import type { Client } from '../../test/harness';

/**
 * Access rules of the operations routes. Reads follow the generic expectation for 'operations.read' (department
 * roles and the school's own administrator); 'operations.manage' is written out here: the Sở administrator
 * everywhere, Quyết Tiến's principal for Quyết Tiến only, nobody else (the Phòng specialist only reads).
 *
 * Probes need records per place: a plan owned by the place's school (with that school taking part), a target,
 * a reported target, a room, a piece of equipment and a budget line, created once through admin.so and cached.
 * Write rules come before the list rules so that the lists have records to hide.
 */
const manage = (user: User, where: Where) =>
  user === 'admin.so' || (user === 'hieutruong.qt' && where !== 'other');

const cache = new Map<string, Promise<string>>();
const once = (key: string, make: () => Promise<string>) => {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
  }
  return p;
};
async function created(res: Promise<{ statusCode: number; body: string; json: () => { id: string } }>) {
  const r = await res;
  if (r.statusCode !== 201) throw new Error(`fixture not created: ${r.statusCode} ${r.body}`);
  return r.json().id;
}
const planOf = (f: Fixture, w: Where, admin: Client) =>
  once(`plan:${S(f, w)}`, () =>
    created(
      admin.post('/api/operations/plans', {
        unitId: S(f, w),
        code: `KH-MT-${uniq()}`,
        title: 'Kế hoạch thử của trường',
        issuer: 'Hiệu trưởng',
        issuedOn: '2024-09-01',
        periodStart: '2024-09-01',
        periodEnd: '2025-05-31',
        schoolIds: [S(f, w)],
      }),
    ),
  );
const targetOf = (f: Fixture, w: Where, admin: Client, kind: 'computed' | 'reported' = 'computed') =>
  once(`target:${kind}:${S(f, w)}`, async () => {
    const planId = await planOf(f, w, admin);
    return created(
      admin.post(`/api/operations/plans/${planId}/targets`, {
        code: `T-${uniq()}`,
        title: kind === 'computed' ? 'Số lớp học thông minh' : 'Tỉ lệ HS khai thác thiết bị (trường báo cáo)',
        kind,
        definition: kind === 'computed' ? 'smart_class_count' : null,
        measure: kind === 'computed' ? 'count' : 'percent',
        targetValue: kind === 'computed' ? 1 : 100,
      }),
    );
  });
const roomOf = (f: Fixture, w: Where, admin: Client) =>
  once(`room:${S(f, w)}`, () =>
    created(
      admin.post(`/api/schools/${S(f, w)}/operations/rooms`, {
        name: `Phòng thử ${uniq()}`,
        status: 'in_use',
      }),
    ),
  );
const equipmentOf = (f: Fixture, w: Where, admin: Client) =>
  once(`equipment:${S(f, w)}`, () =>
    created(
      admin.post(`/api/schools/${S(f, w)}/operations/equipment`, {
        kind: 'tablet',
        name: 'Máy tính bảng',
        quantity: 2,
      }),
    ),
  );
const budgetLineOf = (f: Fixture, w: Where, admin: Client) =>
  once(`line:${S(f, w)}`, async () => {
    const planId = await planOf(f, w, admin);
    return created(
      admin.post(`/api/operations/plans/${planId}/budget-lines`, {
        appendix: 'Phụ lục thử',
        code: uniq(),
        item: 'Thiết bị thử',
        unitName: 'chiếc',
        quantity: 1,
        unitPrice: 1_000_000_000,
      }),
    );
  });
const list = (path: string) => ({
  kind: 'list' as const,
  permission: 'operations.read' as const,
  probe: (f: Fixture, w: Where) => ({ method: 'GET', url: `${path}?schoolId=${S(f, w)}&pageSize=500` }),
  id: () => '',
});

export const OPERATIONS_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/operations/config': { kind: 'any-signed-in' },
  'POST /api/operations/plans': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_plans', 'ops_plan_schools'],
    probe: (f, w) => ({
      method: 'POST',
      url: '/api/operations/plans',
      body: {
        unitId: S(f, w),
        code: `KH-${uniq()}`,
        title: 'Kế hoạch thử',
        issuer: 'UBND',
        issuedOn: '2024-09-01',
        periodStart: '2024-09-01',
        periodEnd: '2025-05-31',
        schoolIds: [S(f, w)],
      },
    }),
  },
  'GET /api/operations/plans/{planId}': {
    kind: 'record',
    permission: 'operations.read',
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/operations/plans/${await planOf(f, w, admin)}`,
    }),
  },
  'PATCH /api/operations/plans/{planId}': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_plans', 'ops_plan_schools'],
    probe: async (f, w, _s, admin) => ({
      method: 'PATCH',
      url: `/api/operations/plans/${await planOf(f, w, admin)}`,
      body: { title: `Kế hoạch thử ${uniq()}` },
    }),
  },
  'POST /api/operations/plans/{planId}/targets': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_targets', 'ops_target_allocations'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/targets`,
      body: {
        code: `T-${uniq()}`,
        title: 'Số HS lớp thông minh',
        kind: 'computed',
        definition: 'smart_class_students',
        measure: 'count',
        targetValue: 40,
      },
    }),
  },
  'PATCH /api/operations/plans/{planId}/targets/{targetId}': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_targets', 'ops_target_allocations'],
    probe: async (f, w, _s, admin) => ({
      method: 'PATCH',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/targets/${await targetOf(f, w, admin)}`,
      body: { targetValue: Number(uniq()) },
    }),
  },
  'GET /api/operations/plans/{planId}/targets/{targetId}/schools': {
    kind: 'record',
    permission: 'operations.read',
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/targets/${await targetOf(f, w, admin)}/schools`,
    }),
  },
  'GET /api/operations/plans/{planId}/targets/{targetId}/records': {
    kind: 'record',
    permission: 'operations.read',
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/targets/${await targetOf(f, w, admin)}/records`,
    }),
  },
  'GET /api/operations/plans/{planId}/targets/{targetId}/history': {
    kind: 'record',
    permission: 'operations.read',
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/targets/${await targetOf(f, w, admin)}/history`,
    }),
  },
  'POST /api/schools/{schoolId}/operations/target-reports': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_target_reports'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/operations/target-reports`,
      body: {
        targetId: await targetOf(f, w, admin, 'reported'),
        asOf: '2025-01-15',
        numerator: 38,
        denominator: 40,
        evidence: `Báo cáo số ${uniq()}/BC`,
      },
    }),
  },
  'GET /api/operations/plans/{planId}/budget': {
    kind: 'record',
    permission: 'operations.read',
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/budget`,
    }),
  },
  'POST /api/operations/plans/{planId}/budget-lines': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_budget_lines'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/budget-lines`,
      body: {
        appendix: 'Phụ lục I',
        code: uniq(),
        item: 'Màn hình tương tác',
        unitName: 'chiếc',
        quantity: 1,
        unitPrice: 90_000_000,
      },
    }),
  },
  'POST /api/operations/plans/{planId}/spending': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_spending'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/spending`,
      body: {
        budgetLineId: await budgetLineOf(f, w, admin),
        spentOn: '2025-03-01',
        amount: 1000,
        description: `Chi thử ${uniq()}`,
      },
    }),
  },
  'POST /api/operations/plans/{planId}/inspections': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_inspections'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/inspections`,
      body: {
        schoolId: S(f, w),
        inspectedOn: '2025-03-01',
        team: 'Đoàn kiểm tra',
        conclusion: `Kết luận ${uniq()}`,
        findings: [{ severity: 'minor', text: 'Nhật ký sử dụng thiết bị chưa đầy đủ' }],
      },
    }),
  },
  'POST /api/operations/plans/{planId}/commendations': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_commendations'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/operations/plans/${await planOf(f, w, admin)}/commendations`,
      body: {
        schoolId: S(f, w),
        recipientKind: 'collective',
        recipientName: 'Tập thể giáo viên',
        title: 'Giấy khen',
        decidedOn: '2025-06-01',
        reason: `Thành tích ${uniq()}`,
      },
    }),
  },
  'POST /api/schools/{schoolId}/operations/rooms': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_smart_rooms'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/operations/rooms`,
      body: { name: `Phòng ${uniq()}`, classId: f.klass[w], status: 'in_use' },
    }),
  },
  'POST /api/schools/{schoolId}/operations/equipment': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_equipment'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/operations/equipment`,
      body: { kind: 'camera', name: `Camera ${uniq()}` },
    }),
  },
  'PATCH /api/schools/{schoolId}/operations/equipment/{id}': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_equipment'],
    probe: async (f, w, _s, admin) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/operations/equipment/${await equipmentOf(f, w, admin)}`,
      body: { quantity: (Number(uniq()) % 50) + 1 },
    }),
  },
  'POST /api/schools/{schoolId}/operations/equipment-usage': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_equipment_usage'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/operations/equipment-usage`,
      body: {
        roomId: await roomOf(f, w, admin),
        classId: f.klass[w],
        usedOn: '2025-03-03',
        periods: 1,
        activity: `Tiết ${uniq()}`,
      },
    }),
  },
  'POST /api/schools/{schoolId}/operations/contributions': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_contributions'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/operations/contributions`,
      body: {
        contributorKind: 'parents',
        contributorName: 'Ban đại diện cha mẹ học sinh',
        form: 'cash',
        amount: 1_000_000,
        description: `Hỗ trợ ${uniq()}`,
        receivedOn: '2025-03-01',
      },
    }),
  },
  'POST /api/operations/refresh': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['ops_plans'],
    probe: (f, w) => ({ method: 'POST', url: '/api/operations/refresh', body: { unitId: S(f, w) } }),
  },
  'GET /api/operations/dashboard': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/operations/dashboard?unitId=${S(f, w)}` }),
  },
  'GET /api/schools/{schoolId}/operations/dashboard': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/operations/dashboard` }),
  },
  // Lists: nothing outside the role's scope is listed (the records above exist in every place).
  'GET /api/operations/plans': {
    kind: 'list',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/operations/plans?unitId=${S(f, w)}&pageSize=500` }),
    id: () => '',
  },
  'GET /api/operations/rooms': list('/api/operations/rooms'),
  'GET /api/operations/equipment': list('/api/operations/equipment'),
  'GET /api/operations/equipment-usage': list('/api/operations/equipment-usage'),
  'GET /api/operations/contributions': list('/api/operations/contributions'),
  'GET /api/operations/inspections': list('/api/operations/inspections'),
  'GET /api/operations/commendations': list('/api/operations/commendations'),
};
