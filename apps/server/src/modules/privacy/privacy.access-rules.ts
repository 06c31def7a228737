/**
 * Access rules of the privacy routes for the access matrix. Expectations written out by hand:
 * - the export of a student's personal data and a consent decision: the Sở (students.write everywhere), Quyết
 *   Tiến's principal for a Quyết Tiến student, and phuhuynh.qt for their own child ('own') only — not teachers,
 *   staff, the Phòng's specialist (read-only) or the student;
 * - reading a student's consents: whoever reads the student (students.read), so that a teacher knows whether a
 *   photo may be taken.
 * Anonymisation needs a departed student and is covered by privacy.test.ts.
 */
import type { Rule, User, Where } from '../../test/access-rules';
import { expected, S } from '../../test/access-rules';

const manage = (u: User, w: Where) =>
  u === 'admin.so' || (u === 'hieutruong.qt' && w !== 'other') || (u === 'phuhuynh.qt' && w === 'own');
const purposes = ['photo', 'face_template', 'contact_zalo', 'contact_sms'] as const;
let n = 0;

export const PRIVACY_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/schools/{schoolId}/students/{id}/personal-data': {
    kind: 'record',
    permission: 'students.write',
    expected: manage,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/students/${f.student[w]}/personal-data`,
    }),
  },
  'GET /api/schools/{schoolId}/students/{id}/personal-data.xlsx': {
    kind: 'record',
    permission: 'students.write',
    expected: manage,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/students/${f.student[w]}/personal-data.xlsx`,
    }),
  },
  'GET /api/schools/{schoolId}/students/{id}/consents': {
    kind: 'record',
    permission: 'students.read',
    expected: (u, w) => expected(u, 'students.read', w),
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/students/${f.student[w]}/consents` }),
  },
  'POST /api/schools/{schoolId}/students/{id}/consents': {
    kind: 'record',
    permission: 'students.write',
    expected: manage,
    tables: ['privacy_consents'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/students/${f.student[w]}/consents`,
      body: { purpose: purposes[n++ % 4], status: n % 2 ? 'given' : 'withdrawn', noticeVersion: '2025-01' },
    }),
  },
  'POST /api/schools/{schoolId}/students/{id}/anonymise': {
    kind: 'covered',
    by: 'modules/privacy/privacy.test.ts (needs a departed student; refusals for other schools and roles)',
  },
};
