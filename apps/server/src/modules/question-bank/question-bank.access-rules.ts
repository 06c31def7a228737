/**
 * Access rules of the question bank and test builder for the access matrix (apps/server/src/test/access-matrix.test.ts).
 * Expectations written out by hand from the roles:
 * - bank readers (questions.read, tests.read): the Sở, the Phòng's specialist, the principals and the teacher;
 *   staff, parents and students have no access;
 * - an approved school-scope question is seen by its school (principal, teacher), its reviewers (the principal,
 *   the Phòng, the Sở) and nobody at another school; the Phòng and the Sở review and edit across schools;
 * - a private question or test is its author's; tests are also managed by the school's principal and the
 *   department roles; a teacher writes questions and tests for their own school only.
 */
import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import { S, uniq } from '../../test/access-rules';
import type { Client } from '../../test/harness';
import { multipart } from './question-bank.test-helpers';

const readers = new Set<User>([
  'admin.so',
  'chuyenvien.phong',
  'hieutruong.qt',
  'hieutruong.th1',
  'giaovien.qt',
]);
const anyReader = (u: User) => readers.has(u);
/** Sees and reviews a school's shared questions: its school's principal and teacher (see), the Phòng and Sở. */
const schoolShared = (u: User, w: Where) =>
  u === 'admin.so' ||
  u === 'chuyenvien.phong' ||
  ((u === 'hieutruong.qt' || u === 'giaovien.qt') && w !== 'other');
/** Reviews or edits someone else's shared question, manages someone else's test. */
const manager = (u: User, w: Where) =>
  u === 'admin.so' || u === 'chuyenvien.phong' || (u === 'hieutruong.qt' && w !== 'other');
/** Writes for a school: the Sở, the Phòng, and Quyết Tiến's principal and teacher at their school. */
const writer = (u: User, w: Where) => schoolShared(u, w);
const ownerOnly = (u: User) => u === 'admin.so';

const question = (stem: string, scope: 'own' | 'school' | 'department' = 'own') => ({
  subjectCode: 'THCS_TOAN',
  grade: 6,
  topic: 'Số tự nhiên',
  level: 'NB',
  points: 0.25,
  scope,
  body: {
    type: 'single',
    content: {
      stem,
      options: [
        { id: 'A', text: '1' },
        { id: 'B', text: '2' },
        { id: 'C', text: '4' },
        { id: 'D', text: '6' },
      ],
    },
    key: { optionId: 'B' },
  },
});

async function newQuestion(
  admin: Client,
  schoolId: string,
  scope: 'own' | 'school' | 'department',
  approve: boolean,
) {
  const res = await admin.post(
    `/api/schools/${schoolId}/questions`,
    question(`Câu hỏi kiểm tra quyền số ${uniq()}: số nguyên tố nhỏ nhất là`, scope),
  );
  const id = res.json().id as string;
  if (approve) await admin.post(`/api/schools/${schoolId}/questions/${id}/review`, { decision: 'approve' });
  return id;
}

let deptQuestion: Promise<{ schoolId: string; id: string }> | null = null;
/** An approved department question at the Phòng: usable in tests by every school under it. */
function usableQuestion(admin: Client) {
  deptQuestion ??= (async () => {
    const phong = (await admin.get('/api/units?kind=district_department&pageSize=5')).json().items[0]
      .id as string;
    return { schoolId: phong, id: await newQuestion(admin, phong, 'department', true) };
  })();
  return deptQuestion;
}

async function newTest(admin: Client, f: Fixture, w: Where) {
  const q = await usableQuestion(admin);
  const res = await admin.post(`/api/schools/${S(f, w)}/tests`, {
    title: `Đề kiểm tra quyền ${uniq()}`,
    subjectCode: 'THCS_TOAN',
    grade: 6,
    items: [{ questionSchoolId: q.schoolId, questionId: q.id }],
    versions: { count: 1 },
  });
  return res.json().id as string;
}

async function newMedia(admin: Client, f: Fixture, w: Where) {
  // a 1×1 PNG, made unique per call
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  );
  const bytes = Buffer.concat([png, Buffer.from(uniq())]);
  const { payload, headers } = multipart('hinh.png', bytes);
  return (await admin.request('POST', `/api/schools/${S(f, w)}/question-media`, payload, headers)).json()
    .sha256 as string;
}

export const QUESTION_BANK_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/questions': {
    kind: 'list',
    permission: 'questions.read',
    expected: schoolShared,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/questions?schoolId=${S(f, w)}&scope=school&status=approved&pageSize=500`,
    }),
    id: () => '',
  },
  'GET /api/questions/availability': {
    kind: 'record',
    permission: 'questions.read',
    expected: anyReader,
    probe: () => ({ method: 'GET', url: '/api/questions/availability?subjectCode=THCS_TOAN&grade=6' }),
  },
  'GET /api/questions/export.zip': {
    kind: 'record',
    permission: 'questions.read',
    expected: anyReader,
    probe: (f, w) => ({ method: 'GET', url: `/api/questions/export.zip?schoolId=${S(f, w)}` }),
  },
  'GET /api/question-imports/templates/{format}': {
    kind: 'record',
    permission: 'units.read',
    expected: () => true,
    probe: (_f, w) => ({
      method: 'GET',
      url: `/api/question-imports/templates/${w === 'own' ? 'docx' : 'xlsx'}`,
    }),
  },
  'POST /api/schools/{schoolId}/questions': {
    kind: 'record',
    permission: 'questions.write',
    expected: writer,
    tables: ['questions'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/questions`,
      body: question(`Câu hỏi ma trận quyền ${uniq()}: số nguyên tố chẵn là`),
    }),
  },
  'GET /api/schools/{schoolId}/questions/{id}': {
    kind: 'record',
    permission: 'questions.read',
    expected: schoolShared,
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/questions/${await newQuestion(admin, S(f, w), 'school', true)}`,
    }),
  },
  'PATCH /api/schools/{schoolId}/questions/{id}': {
    kind: 'record',
    permission: 'questions.write',
    expected: manager,
    tables: ['questions'],
    probe: async (f, w, _s, admin) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/questions/${await newQuestion(admin, S(f, w), 'school', true)}`,
      body: { topic: `Chủ đề ${uniq()}` },
    }),
  },
  'DELETE /api/schools/{schoolId}/questions/{id}': {
    kind: 'record',
    permission: 'questions.write',
    expected: manager,
    tables: ['questions'],
    probe: async (f, w, _s, admin) => ({
      method: 'DELETE',
      url: `/api/schools/${S(f, w)}/questions/${await newQuestion(admin, S(f, w), 'school', true)}`,
    }),
  },
  'POST /api/schools/{schoolId}/questions/{id}/submit': {
    kind: 'record',
    permission: 'questions.write',
    expected: ownerOnly,
    tables: ['questions'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/questions/${await newQuestion(admin, S(f, w), 'own', false)}/submit`,
      body: { scope: 'school' },
    }),
  },
  'POST /api/schools/{schoolId}/questions/{id}/review': {
    kind: 'record',
    permission: 'questions.review',
    expected: manager,
    tables: ['questions'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/questions/${await newQuestion(admin, S(f, w), 'school', false)}/review`,
      body: { decision: 'approve' },
    }),
  },
  'GET /api/schools/{schoolId}/questions/{id}/similar': {
    kind: 'record',
    permission: 'questions.read',
    expected: schoolShared,
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/questions/${await newQuestion(admin, S(f, w), 'school', true)}/similar`,
    }),
  },
  'POST /api/schools/{schoolId}/question-imports': {
    kind: 'covered',
    by: 'modules/question-bank/question-bank.api.test.ts (multipart upload; questions.write for the school, as POST /questions)',
  },
  'POST /api/schools/{schoolId}/question-media': {
    kind: 'covered',
    by: 'modules/question-bank/question-bank.api.test.ts (multipart upload; questions.write for the school, as POST /questions)',
  },
  'GET /api/schools/{schoolId}/question-media/{sha256}': {
    kind: 'record',
    permission: 'questions.read',
    expected: schoolShared,
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/question-media/${await newMedia(admin, f, w)}`,
    }),
  },
  'GET /api/tests': {
    kind: 'list',
    permission: 'tests.read',
    expected: schoolShared,
    probe: (f, w) => ({ method: 'GET', url: `/api/tests?schoolId=${S(f, w)}&pageSize=500` }),
    id: () => '',
  },
  'POST /api/schools/{schoolId}/tests': {
    kind: 'record',
    permission: 'tests.write',
    expected: writer,
    tables: ['tests', 'test_items', 'test_versions'],
    probe: async (f, w, _s, admin) => {
      const q = await usableQuestion(admin);
      return {
        method: 'POST',
        url: `/api/schools/${S(f, w)}/tests`,
        body: {
          title: `Đề thử ${uniq()}`,
          subjectCode: 'THCS_TOAN',
          grade: 6,
          items: [{ questionSchoolId: q.schoolId, questionId: q.id }],
        },
      };
    },
  },
  'GET /api/schools/{schoolId}/tests/{id}': {
    kind: 'record',
    permission: 'tests.read',
    expected: manager,
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/tests/${await newTest(admin, f, w)}`,
    }),
  },
  'PATCH /api/schools/{schoolId}/tests/{id}': {
    kind: 'record',
    permission: 'tests.write',
    expected: manager,
    tables: ['tests', 'test_items'],
    probe: async (f, w, _s, admin) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/tests/${await newTest(admin, f, w)}`,
      body: { title: `Đề đổi tên ${uniq()}` },
    }),
  },
  'POST /api/schools/{schoolId}/tests/{id}/versions': {
    kind: 'record',
    permission: 'tests.write',
    expected: manager,
    tables: ['tests', 'test_versions'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/tests/${await newTest(admin, f, w)}/versions`,
      body: { count: 2 },
    }),
  },
  'GET /api/schools/{schoolId}/tests/{id}/versions/{code}': {
    kind: 'record',
    permission: 'tests.read',
    expected: manager,
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/tests/${await newTest(admin, f, w)}/versions/101`,
    }),
  },
  'GET /api/schools/{schoolId}/tests/{id}/versions/{code}/print.pdf': {
    kind: 'record',
    permission: 'tests.read',
    expected: manager,
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/tests/${await newTest(admin, f, w)}/versions/101/print.pdf`,
    }),
  },
  'GET /api/schools/{schoolId}/tests/{id}/answer-key.xlsx': {
    kind: 'record',
    permission: 'tests.read',
    expected: manager,
    probe: async (f, w, _s, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/tests/${await newTest(admin, f, w)}/answer-key.xlsx`,
    }),
  },
};
