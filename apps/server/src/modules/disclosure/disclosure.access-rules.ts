import type { Fixture, Rule, Where } from '../../test/access-rules';
import { S } from '../../test/access-rules';
import type { Client } from '../../test/harness';

/**
 * Access rules of the disclosure routes. The public pages, published documents, feedback form and tracking
 * lookup are public (under /api/public/); document lists follow 'operations.read'; feedback handling follows the
 * generic expectation for 'feedback.manage' (department roles over their subtree, the school's administrator).
 */
const cache = new Map<string, Promise<string>>();
const feedbackOf = (f: Fixture, w: Where, admin: Client) => {
  const key = S(f, w);
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const code = (await admin.get(`/api/units/${key}`)).json().code as string;
      // Signed-in staff may take feedback on a citizen's behalf (not rate limited).
      const res = await admin.post('/api/public/feedback', {
        unitCode: code,
        contact: '0912 000 111',
        subject: 'Góp ý thử của ma trận quyền',
        message: 'Nội dung góp ý thử để kiểm tra quyền truy cập.',
      });
      if (res.statusCode !== 201) throw new Error(`feedback not created: ${res.statusCode} ${res.body}`);
      const code2 = res.json().trackingCode as string;
      const list = await admin.get(`/api/feedback?unitId=${key}&q=${code2}`);
      return (list.json().items as { id: string }[])[0].id;
    })();
    cache.set(key, p);
  }
  return p;
};

export const DISCLOSURE_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/public/disclosure/schools/{code}': { kind: 'public' },
  'GET /api/public/disclosure/units/{code}': { kind: 'public' },
  'GET /api/public/disclosure/documents/{schoolId}/{id}': { kind: 'public' },
  'POST /api/public/feedback': { kind: 'public' },
  'POST /api/public/feedback/lookup': { kind: 'public' },
  'GET /api/disclosure/units/{unitId}/documents': {
    kind: 'record',
    permission: 'operations.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/disclosure/units/${S(f, w)}/documents` }),
  },
  'POST /api/disclosure/units/{unitId}/documents': {
    kind: 'covered',
    by: 'modules/disclosure/disclosure.test.ts (multipart upload; operations.manage for the unit)',
  },
  'DELETE /api/disclosure/units/{unitId}/documents/{id}': {
    kind: 'covered',
    by: 'modules/disclosure/disclosure.test.ts (needs an uploaded PDF; operations.manage for the unit)',
  },
  'PATCH /api/feedback/{schoolId}/{id}': {
    kind: 'record',
    permission: 'feedback.manage',
    tables: ['public_feedback'],
    probe: async (f, w, _s, admin) => ({
      method: 'PATCH',
      url: `/api/feedback/${S(f, w)}/${await feedbackOf(f, w, admin)}`,
      body: { assignee: 'me' },
    }),
  },
  'GET /api/feedback': {
    kind: 'list',
    permission: 'feedback.manage',
    probe: (f, w) => ({ method: 'GET', url: `/api/feedback?unitId=${S(f, w)}&pageSize=500` }),
    id: () => '',
  },
};
