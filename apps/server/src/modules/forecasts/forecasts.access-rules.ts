import type { Rule, User, Where } from '../../test/access-rules';
import { S, uniq } from '../../test/access-rules';

/**
 * Access rules of the forecasts routes: reads follow 'operations.read'; writes need 'operations.manage' (the Sở
 * administrator everywhere, Quyết Tiến's principal for Quyết Tiến only; the Phòng specialist only reads).
 */
const manage = (user: User, where: Where) =>
  user === 'admin.so' || (user === 'hieutruong.qt' && where !== 'other');

export const FORECASTS_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/forecasts': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/forecasts?unitId=${S(f, w)}&horizon=1` }),
  },
  'GET /api/forecasts/export.xlsx': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/forecasts/export.xlsx?unitId=${S(f, w)}&horizon=1` }),
  },
  'GET /api/forecasts/births': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/forecasts/births?unitId=${S(f, w)}` }),
  },
  'POST /api/forecasts/births': {
    kind: 'covered',
    by: 'modules/forecasts/forecasts.test.ts (births belong to a Phòng/Sở, not to the schools the matrix probes; operations.manage checked first)',
  },
  'POST /api/forecasts/refresh': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['enrolment_snapshots'],
    probe: (f, w) => ({ method: 'POST', url: '/api/forecasts/refresh', body: { unitId: S(f, w) } }),
  },
  'GET /api/schools/{schoolId}/forecasts/enrolment-history': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/forecasts/enrolment-history` }),
  },
  'POST /api/schools/{schoolId}/forecasts/enrolment-history': {
    kind: 'record',
    permission: 'operations.manage',
    expected: manage,
    tables: ['enrolment_snapshots'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/forecasts/enrolment-history`,
      body: { rows: [{ year: 2010, grade: 6, students: Number(uniq()) }] },
    }),
  },
};
