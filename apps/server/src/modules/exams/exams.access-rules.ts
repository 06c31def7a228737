import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import { uniq } from '../../test/access-rules';
import type { Client } from '../../test/harness';

/**
 * Access rules of the exams routes for the access matrix. The fixture builds, through the admin's API, one test
 * per school and three exams run by the school, each for one class: 'own' 6A1 of THCS Quyết Tiến (giaovien.qt's
 * class, hocsinh.qt's class), 'school' another Quyết Tiến class, 'other' a THCS Tân Phong class; and three exams
 * whose window has closed (for the release probes). Expectations written out by hand from the roles:
 * - exams are seen by the department (admin.so, chuyenvien.phong), the school's principal, the class's teacher,
 *   and the class's students and their parents;
 * - they are managed (edit, release) by the department, the principal, and the teacher of every target class;
 * - proctoring, results, analysis and exports need a grading role: department, principal, the class's teacher.
 * Taking an exam (start, submit) and grading one attempt are covered by exams.access.test.ts, which builds
 * attempts of several students (the matrix has one student account). Autosave and focus events check the
 * session inside the statement that stores them (sessionInStatement): the same test shows that only the live
 * session of the attempt's student, with its CSRF token, gets through.
 */

const dept = (u: User) => u === 'admin.so' || u === 'chuyenvien.phong';
const examRead = (u: User, w: Where) =>
  dept(u) ||
  (u === 'hieutruong.qt' && w !== 'other') ||
  ((u === 'giaovien.qt' || u === 'phuhuynh.qt' || u === 'hocsinh.qt') && w === 'own');
const examManage = (u: User, w: Where) =>
  dept(u) || (u === 'hieutruong.qt' && w !== 'other') || (u === 'giaovien.qt' && w === 'own');
const examGrade = examManage;

type ExamFixture = {
  test: Record<Where, string>;
  exam: Record<Where, string>;
  closed: Record<Where, string>;
};
let built: Promise<ExamFixture> | null = null;
let ready: ExamFixture | null = null;

async function makeTest(admin: Client, schoolId: string): Promise<string> {
  const ids: string[] = [];
  for (const i of [1, 2]) {
    const res = await admin.post(`/api/schools/${schoolId}/questions`, {
      subjectCode: 'THCS_TOAN',
      grade: 6,
      topic: 'Số tự nhiên',
      level: 'NB',
      points: 5,
      allowDuplicate: true,
      body: {
        type: 'single',
        content: {
          stem: `Câu ${i}: ${i} + ${i} = ?`,
          options: [
            { id: 'A', text: String(2 * i) },
            { id: 'B', text: String(2 * i + 1) },
          ],
        },
        key: { optionId: 'A' },
      },
    });
    if (res.statusCode >= 300) throw new Error(`fixture question: ${res.statusCode} ${res.body}`);
    ids.push(res.json().id);
  }
  const res = await admin.post(`/api/schools/${schoolId}/tests`, {
    title: 'Đề kiểm tra của ma trận phân quyền',
    subjectCode: 'THCS_TOAN',
    grade: 6,
    durationMinutes: 15,
    scope: 'school',
    items: ids.map((questionId) => ({ questionSchoolId: schoolId, questionId })),
    versions: { count: 1 },
  });
  if (res.statusCode >= 300) throw new Error(`fixture test: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function makeExam(admin: Client, f: Fixture, w: Where, testId: string, closesInMs: number) {
  const res = await admin.post('/api/exams', {
    testId,
    title: `Kỳ thi ma trận ${w} ${uniq()}`,
    ownerUnitId: f.school[w],
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + closesInMs).toISOString(),
    durationMinutes: 15,
    audience: { classIds: [f.klass[w]] },
  });
  if (res.statusCode !== 201) throw new Error(`fixture exam: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** Built once, by the first exams probe (record probes run before the list probe reads `ready`). */
async function fixture(f: Fixture, admin: Client): Promise<ExamFixture> {
  built ??= (async () => {
    const qtTest = await makeTest(admin, f.school.own);
    const tpTest = await makeTest(admin, f.school.other);
    const test = { own: qtTest, school: qtTest, other: tpTest };
    const exam = {} as Record<Where, string>;
    const closed = {} as Record<Where, string>;
    for (const w of ['own', 'school', 'other'] as Where[]) {
      exam[w] = await makeExam(admin, f, w, test[w], 3_600_000);
      closed[w] = await makeExam(admin, f, w, test[w], 1_500);
    }
    await new Promise((r) => setTimeout(r, 1_600));
    ready = { test, exam, closed };
    return ready;
  })();
  return built;
}

const examUrl = async (f: Fixture, w: Where, admin: Client, suffix = '') =>
  `/api/exams/${(await fixture(f, admin)).exam[w]}${suffix}`;

export const EXAMS_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/exams/{id}': {
    kind: 'record',
    permission: 'exams.read',
    expected: examRead,
    probe: async (f, w, _s, admin) => ({ method: 'GET', url: await examUrl(f, w, admin) }),
  },
  'GET /api/exams': {
    kind: 'list',
    permission: 'exams.read',
    expected: examRead,
    probe: () => ({ method: 'GET', url: '/api/exams?pageSize=500' }),
    id: (_f, w) => ready?.exam[w] ?? 'fixture-not-built',
  },
  'GET /api/exams/mine': { kind: 'any-signed-in' },
  'POST /api/exams': {
    kind: 'record',
    permission: 'exams.manage',
    expected: examManage,
    tables: ['exams', 'exam_targets'],
    probe: async (f, w, _s, admin) => ({
      method: 'POST',
      url: '/api/exams',
      body: {
        testId: (await fixture(f, admin)).test[w],
        title: `Kỳ thi thử ${uniq()}`,
        ownerUnitId: f.school[w],
        opensAt: new Date(Date.now() + 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 90_000_000).toISOString(),
        durationMinutes: 45,
        audience: { classIds: [f.klass[w]] },
      },
    }),
  },
  'PATCH /api/exams/{id}': {
    kind: 'record',
    permission: 'exams.manage',
    expected: examManage,
    tables: ['exams'],
    probe: async (f, w, _s, admin) => ({
      method: 'PATCH',
      url: await examUrl(f, w, admin),
      body: { title: `Kỳ thi ma trận ${uniq()}` },
    }),
  },
  'POST /api/exams/{id}/release': {
    kind: 'record',
    permission: 'exams.manage',
    expected: examManage,
    tables: ['exams'],
    probe: async (f, w, _s, admin) => {
      const id = (await fixture(f, admin)).closed[w];
      const now = (await admin.get(`/api/exams/${id}`)).json().releasedAt;
      return { method: 'POST', url: `/api/exams/${id}/release`, body: { released: now === null } };
    },
  },
  'GET /api/exams/{id}/proctor': {
    kind: 'record',
    permission: 'exams.grade',
    expected: examGrade,
    probe: async (f, w, _s, admin) => ({ method: 'GET', url: await examUrl(f, w, admin, '/proctor') }),
  },
  'GET /api/exams/{id}/results': {
    kind: 'record',
    permission: 'exams.grade',
    expected: examGrade,
    probe: async (f, w, _s, admin) => ({ method: 'GET', url: await examUrl(f, w, admin, '/results') }),
  },
  'GET /api/exams/{id}/analysis': {
    kind: 'record',
    permission: 'exams.grade',
    expected: examGrade,
    probe: async (f, w, _s, admin) => ({ method: 'GET', url: await examUrl(f, w, admin, '/analysis') }),
  },
  'POST /api/exams/{id}/analysis': {
    kind: 'record',
    permission: 'exams.grade',
    expected: examGrade,
    tables: ['exam_analyses', 'exam_score_rollups', 'exam_item_stats'],
    probe: async (f, w, _s, admin) => ({ method: 'POST', url: await examUrl(f, w, admin, '/analysis') }),
  },
  'GET /api/exams/{id}/export.xlsx': {
    kind: 'record',
    permission: 'exams.grade',
    expected: examGrade,
    probe: async (f, w, _s, admin) => ({ method: 'GET', url: await examUrl(f, w, admin, '/export.xlsx') }),
  },
  'GET /api/schools/{schoolId}/students/{studentId}/exam-results': {
    kind: 'record',
    permission: 'exams.read',
    expected: examRead,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/schools/${f.school[w]}/students/${f.student[w]}/exam-results`,
    }),
  },
  'POST /api/exams/{id}/attempts': { kind: 'covered', by: 'modules/exams/exams.access.test.ts' },
  'POST /api/schools/{schoolId}/exam-attempts/{id}/answers': {
    kind: 'covered',
    by: 'modules/exams/exams.access.test.ts',
  },
  'POST /api/schools/{schoolId}/exam-attempts/{id}/events': {
    kind: 'covered',
    by: 'modules/exams/exams.access.test.ts',
  },
  'POST /api/schools/{schoolId}/exam-attempts/{id}/submit': {
    kind: 'covered',
    by: 'modules/exams/exams.access.test.ts',
  },
  'GET /api/schools/{schoolId}/exam-attempts/{id}': {
    kind: 'covered',
    by: 'modules/exams/exams.access.test.ts',
  },
  'POST /api/schools/{schoolId}/exam-attempts/{id}/grades': {
    kind: 'covered',
    by: 'modules/exams/exams.access.test.ts',
  },
};
