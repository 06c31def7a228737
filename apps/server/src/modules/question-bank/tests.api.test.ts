import { QUESTION_BANK_DEMO_COUNTS } from '@smartedu/db';
import { type QuestionBody, validateQuestionBody } from '@smartedu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { createAccessRepository, createAccessService } from '../access';
import {
  createExamBankAdapter,
  createMediaStore,
  createTestDelivery,
  seedQuestionBankDemoData,
} from './index';
import { schoolIds } from './question-bank.test-helpers';

let t: TestApp;
let teacher: Client;
let principal: Client;
let specialist: Client;
let otherTeacherSchool: Client;
let ids: Awaited<ReturnType<typeof schoolIds>>;

type Summary = {
  id: string;
  schoolId: string;
  title: string;
  itemCount: number;
  totalPoints: number;
  versionCodes: string[];
  scope: string;
};

beforeAll(async () => {
  t = await createTestApp();
  const seeded = await seedQuestionBankDemoData(t.database);
  expect(seeded).toMatchObject({ skipped: false, tests: 3 });
  teacher = await login(t.app, 'giaovien.qt');
  principal = await login(t.app, 'hieutruong.qt');
  specialist = await login(t.app, 'chuyenvien.phong');
  otherTeacherSchool = await login(t.app, 'hieutruong.th1');
  ids = await schoolIds(await login(t.app, 'admin.so'));
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('demo bank', () => {
  it('has at least 300 real questions for Toán, Tiếng Việt/Ngữ văn, Tiếng Anh and KHTN, grades 3–8, all four levels', async () => {
    const rows = await t.database.execute<{
      subject_code: string;
      grade: number;
      level: string;
      type: string;
      content: unknown;
      answer_key: unknown;
      status: string;
      scope: string;
    }>(
      "select subject_code, grade, level, type, content, answer_key, status, scope from questions where source = 'demo'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(rows.length).toBe(Object.values(QUESTION_BANK_DEMO_COUNTS).reduce((a, b) => a + b, 0));
    const groups: Record<string, string[]> = {
      toan: ['TH_TOAN', 'THCS_TOAN'],
      van: ['TH_TIENG_VIET', 'THCS_NGU_VAN'],
      anh: ['TH_NGOAI_NGU_1', 'THCS_NGOAI_NGU_1'],
      khtn: ['THCS_KHTN', 'TH_KHOA_HOC'],
    };
    for (const [group, codes] of Object.entries(groups)) {
      const mine = rows.filter((r) => codes.includes(r.subject_code));
      expect(new Set(mine.map((r) => r.level)), group).toEqual(new Set(['NB', 'TH', 'VD', 'VDC']));
      expect(mine.length, group).toBeGreaterThanOrEqual(50);
    }
    expect(new Set(rows.map((r) => r.grade))).toEqual(new Set([3, 4, 5, 6, 7, 8]));
    for (const r of rows) {
      const body = { type: r.type, content: r.content, key: r.answer_key } as QuestionBody;
      expect(validateQuestionBody(body), JSON.stringify(body).slice(0, 120)).toEqual([]);
      expect(r).toMatchObject({ status: 'approved', scope: 'department' });
    }
    // keys are spread over A–D by the seeded shuffle
    const keys = new Set(
      rows.filter((r) => r.type === 'single').map((r) => (r.answer_key as { optionId: string }).optionId),
    );
    expect(keys).toEqual(new Set(['A', 'B', 'C', 'D']));
    // idempotent
    expect(await seedQuestionBankDemoData(t.database)).toMatchObject({ skipped: true });
  });

  it('is visible to every school under the Phòng and ready tests are listed', async () => {
    const list = (await teacher.get('/api/questions?subjectCode=THCS_TOAN&grade=6&pageSize=5')).json();
    expect(list.total).toBeGreaterThanOrEqual(60);
    expect(list.items[0]).toMatchObject({ status: 'approved', scope: 'department', canEdit: false });
    const primary = (
      await otherTeacherSchool.get('/api/questions?subjectCode=TH_TIENG_VIET&pageSize=5')
    ).json();
    expect(primary.total).toBeGreaterThanOrEqual(25);
    const tests = (await teacher.get('/api/tests?pageSize=50')).json().items as Summary[];
    const titles = tests.map((x) => x.title);
    expect(titles.some((x) => x.includes('Toán 6'))).toBe(true);
    expect(titles.some((x) => x.includes('Khoa học tự nhiên 8'))).toBe(true);
    const toan = tests.find((x) => x.title.includes('Toán 6 (đề chung'))!;
    expect(toan).toMatchObject({
      totalPoints: 10,
      versionCodes: ['101', '102', '103', '104'],
      scope: 'department',
    });
    const khtn = tests.find((x) => x.title.includes('Khoa học tự nhiên 8 (đề chung'))!;
    expect(khtn.totalPoints).toBe(10);
  });
});

describe('tests (đề kiểm tra)', () => {
  const cells = [
    { topic: 'Số nguyên', level: 'NB', count: 3, pointsEach: 0.25, type: 'single' },
    { topic: 'Phân số và số thập phân', level: 'TH', count: 1, pointsEach: 1, type: 'true_false' },
    { topic: 'Số tự nhiên', level: 'TH', count: 1, pointsEach: 0.5, type: 'short_answer' },
    { topic: 'Hình học', level: 'VD', count: 1, pointsEach: 1, type: 'essay' },
  ];

  it('the matrix builder sees how many questions each cell can draw', async () => {
    const a = (await teacher.get('/api/questions/availability?subjectCode=THCS_TOAN&grade=6')).json();
    expect(a.topics.slice(0, 5)).toEqual([
      'Số tự nhiên',
      'Số nguyên',
      'Phân số và số thập phân',
      'Hình học',
      'Thống kê và xác suất',
    ]);
    expect(a.cells).toContainEqual({ topic: 'Số nguyên', level: 'NB', type: 'single', count: 4 });
  });

  it('draws a test from a blueprint, deterministically per seed, with versions whose keys follow the shuffles', async () => {
    const body = {
      title: 'Kiểm tra 45 phút – Toán 6',
      subjectCode: 'THCS_TOAN',
      grade: 6,
      durationMinutes: 45,
      blueprint: { cells, seed: 7 },
      versions: { count: 3 },
    };
    const res = await teacher.post(`/api/schools/${ids.qt}/tests`, body);
    expect(res.statusCode, res.body).toBe(201);
    const test = res.json();
    expect(test).toMatchObject({
      itemCount: 6,
      totalPoints: 3.25,
      versionCodes: ['101', '102', '103'],
      fromBlueprint: true,
      editable: true,
      canEdit: true,
    });
    expect(test.items.map((i: { type: string }) => i.type)).toEqual([
      'single',
      'single',
      'single',
      'true_false',
      'short_answer',
      'essay',
    ]);
    const again = (await teacher.post(`/api/schools/${ids.qt}/tests`, body)).json();
    expect(again.items.map((i: { questionId: string }) => i.questionId)).toEqual(
      test.items.map((i: { questionId: string }) => i.questionId),
    );

    const v101 = (await teacher.get(`/api/schools/${ids.qt}/tests/${test.id}/versions/101`)).json();
    const v102 = (await teacher.get(`/api/schools/${ids.qt}/tests/${test.id}/versions/102`)).json();
    expect(v101.items).toHaveLength(6);
    // parts stay in order in every version
    expect(v102.items.map((i: { type: string }) => i.type)).toEqual([
      'single',
      'single',
      'single',
      'true_false',
      'short_answer',
      'essay',
    ]);
    for (const v of [v101, v102]) {
      for (const item of v.items as {
        type: string;
        answer: string;
        body: { content: { options: { id: string }[] }; key: { optionId: string } };
      }[]) {
        if (item.type !== 'single') continue;
        expect(item.body.content.options['ABCD'.indexOf(item.answer)].id).toBe(item.body.key.optionId);
      }
    }
    // regenerating gives the same papers
    const regen = await teacher.post(`/api/schools/${ids.qt}/tests/${test.id}/versions`, { count: 3 });
    expect(regen.statusCode).toBe(200);
    expect((await teacher.get(`/api/schools/${ids.qt}/tests/${test.id}/versions/101`)).json()).toEqual(v101);

    const pdf = await teacher.get(`/api/schools/${ids.qt}/tests/${test.id}/versions/101/print.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await teacher.get(`/api/schools/${ids.qt}/tests/${test.id}/answer-key.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('DapAn')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'Câu', 'Mã 101', 'Mã 102', 'Mã 103']);
    expect(sheet.getRow(3).getCell(2).text).toBe(v101.items[0].answer);
    // only the owner and managers see a private test
    expect((await otherTeacherSchool.get(`/api/schools/${ids.qt}/tests/${test.id}`)).statusCode).toBe(404);
    expect((await principal.get(`/api/schools/${ids.qt}/tests/${test.id}`)).statusCode).toBe(200);
  });

  it('a draw that cannot be satisfied names each short cell', async () => {
    const res = await teacher.post(`/api/schools/${ids.qt}/tests`, {
      title: 'Đề thiếu câu',
      subjectCode: 'THCS_TOAN',
      grade: 6,
      blueprint: {
        cells: [
          { topic: 'Số nguyên', level: 'VDC', count: 5, pointsEach: 1 },
          { topic: 'Hình học', level: 'NB', count: 1, pointsEach: 0.25 },
          { topic: 'Hàm số', level: 'NB', count: 2, pointsEach: 0.25 },
        ],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'BLUEPRINT_SHORTAGE',
      details: {
        shortages: [
          { cell: 0, topic: 'Số nguyên', level: 'VDC', needed: 5, available: 1 },
          { cell: 2, topic: 'Hàm số', level: 'NB', needed: 2, available: 0 },
        ],
      },
    });
  });

  it('editing a test is refused while its exam window is open', async () => {
    const items = (
      await teacher.get('/api/questions?subjectCode=THCS_TOAN&grade=6&type=single&pageSize=4')
    ).json().items as { id: string; schoolId: string }[];
    const created = await teacher.post(`/api/schools/${ids.qt}/tests`, {
      title: 'Kiểm tra thường xuyên',
      subjectCode: 'THCS_TOAN',
      grade: 6,
      items: items.map((q) => ({ questionSchoolId: q.schoolId, questionId: q.id })),
      versions: { count: 2 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const test = created.json();
    expect(test).toMatchObject({ itemCount: 4, totalPoints: 1, fromBlueprint: false });
    const delivery = createTestDelivery({ database: t.database, media: createMediaStore(t.config.dataDir) });
    const until = new Date(Date.now() + 3600_000);
    await t.database.transaction((tx) => delivery.lockTestUntil(tx, ids.qt, test.id, until));
    const before = await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log');
    const edit = await teacher.patch(`/api/schools/${ids.qt}/tests/${test.id}`, { title: 'Đổi tên' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('TEST_LOCKED');
    expect(
      (await teacher.post(`/api/schools/${ids.qt}/tests/${test.id}/versions`, { count: 3 })).json().code,
    ).toBe('TEST_LOCKED');
    expect((await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log'))[0].n).toBe(
      before[0].n,
    );
    await expect(delivery.assertTestEditable(ids.qt, test.id)).rejects.toMatchObject({ code: 'TEST_LOCKED' });
    const detail = (await teacher.get(`/api/schools/${ids.qt}/tests/${test.id}`)).json();
    expect(detail).toMatchObject({ editable: false, lockedUntil: until.toISOString(), status: 'ready' });
    await t.database.transaction((tx) => delivery.lockTestUntil(tx, ids.qt, test.id, null, true));
    expect(
      (await teacher.patch(`/api/schools/${ids.qt}/tests/${test.id}`, { title: 'Đổi tên' })).statusCode,
    ).toBe(200);
  });

  it('delivers a version to the exams module and grades objective answers (true/false partial scoring)', async () => {
    const list = (await teacher.get('/api/tests?pageSize=50')).json().items as Summary[];
    const toan = list.find((x) => x.title.includes('Toán 6 (đề chung'))!;
    const access = createAccessService(createAccessRepository(t.database.db));
    const media = createMediaStore(t.config.dataDir);
    const delivery = createTestDelivery({ database: t.database, media });
    const v = await delivery.loadTestVersion(toan.schoolId, toan.id, '102');
    expect(v.items).toHaveLength(21);
    const perfect: Record<string, Record<string, unknown>> = {};
    let flipped = false;
    for (const item of v.items) {
      const b = item.body;
      if (b.type === 'single') perfect[item.questionId] = { optionId: b.key.optionId };
      if (b.type === 'true_false') {
        const values = { ...b.key.values };
        if (!flipped) values.a = !values.a; // one statement wrong: 3 of 4 → half the points
        flipped = true;
        perfect[item.questionId] = { values };
      }
      if (b.type === 'short_answer')
        perfect[item.questionId] = { text: String(b.key.value).replace('.', ',') };
    }
    const graded = delivery.gradeSubmission(v.items, perfect);
    expect(graded.maxScore).toBe(10);
    expect(graded.needsManual).toBe(true);
    const tfScores = graded.items
      .filter((g) => v.items.find((i) => i.number === g.number)!.type === 'true_false')
      .map((g) => g.score)
      .sort();
    expect(tfScores).toEqual([0.5, 1]);
    expect(graded.score).toBe(7 - 0.5); // 3 (Phần I) + 2 (Phần II, one at 3/4) + 2 (Phần III); essays left to teachers
    // students never get the key
    expect(JSON.stringify(v.items.map(delivery.toStudentItem))).not.toContain('"key"');
    // the exams module's port
    const bank = createExamBankAdapter({ database: t.database, access, media });
    const versions = await bank.loadVersions(toan.schoolId, toan.id);
    expect(versions.map((x) => x.code)).toEqual(['101', '102', '103', '104']);
    expect(versions[0].maxScore).toBe(10);
    expect((await bank.practicePool('THCS_TOAN', 6, ['Số nguyên'], ids.qt)).length).toBeGreaterThanOrEqual(
      10,
    );
  });

  it('department tests: teachers use them but only managers edit them', async () => {
    const toan = ((await teacher.get('/api/tests?pageSize=50')).json().items as Summary[]).find((x) =>
      x.title.includes('Toán 6 (đề chung'),
    )!;
    expect(
      (await teacher.patch(`/api/schools/${toan.schoolId}/tests/${toan.id}`, { title: 'x y z' })).statusCode,
    ).toBe(403);
    expect((await specialist.get(`/api/schools/${toan.schoolId}/tests/${toan.id}`)).json().canEdit).toBe(
      true,
    );
  });
});
