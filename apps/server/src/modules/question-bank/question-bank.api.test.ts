import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { buildDocx } from './io/docx-writer';
import { schoolIds, singleQuestion, upload } from './question-bank.test-helpers';

let t: TestApp;
let admin: Client;
let teacher: Client;
let principal: Client;
let specialist: Client;
let otherPrincipal: Client;
let parent: Client;
let ids: Awaited<ReturnType<typeof schoolIds>>;

const count = async (table: string) =>
  (await t.database.execute<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin.so');
  teacher = await login(t.app, 'giaovien.qt');
  principal = await login(t.app, 'hieutruong.qt');
  specialist = await login(t.app, 'chuyenvien.phong');
  otherPrincipal = await login(t.app, 'hieutruong.th1');
  parent = await login(t.app, 'phuhuynh.qt');
  ids = await schoolIds(admin);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('questions: write, share, review', () => {
  it('a teacher writes a private question; exact duplicates are refused, near ones reported', async () => {
    const body = singleQuestion({}, 'Số nào sau đây là số nguyên tố?');
    const res = await teacher.post(`/api/schools/${ids.qt}/questions`, body);
    expect(res.statusCode, res.body).toBe(201);
    const q = res.json();
    expect(q).toMatchObject({
      scope: 'own',
      status: 'draft',
      canEdit: true,
      ownerName: expect.any(String),
      type: 'single',
    });
    // the same question with options reordered and other spacing is the same question
    const copy = structuredClone(body) as ReturnType<typeof singleQuestion>;
    copy.body.content.stem = '  số nào sau  đây là số nguyên tố? ';
    copy.body.content.options.reverse();
    const dup = await teacher.post(`/api/schools/${ids.qt}/questions`, copy);
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', details: { duplicateOf: q.id } });
    const near = await teacher.post(
      `/api/schools/${ids.qt}/questions`,
      singleQuestion({}, 'Số nào dưới đây là số nguyên tố?'),
    );
    expect(near.statusCode).toBe(201);
    expect(near.json().similar.map((s: { id: string }) => s.id)).toContain(q.id);
    // nobody else sees a private question
    expect((await principal.get(`/api/schools/${ids.qt}/questions/${q.id}`)).statusCode).toBe(404);
    expect((await parent.get('/api/questions')).statusCode).toBe(403);
  });

  it('rejects invalid content with every problem listed, and HTML never reaches the store', async () => {
    const bad = singleQuestion();
    (bad.body as { key: { optionId: string } }).key.optionId = 'E';
    const res = await teacher.post(`/api/schools/${ids.qt}/questions`, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { code: string }) => i.code)).toEqual(['Q_KEY_UNKNOWN']);
    const html = singleQuestion({}, '<b onclick="x()">Tính</b> \\(2^3\\)<script>alert(1)</script>');
    const ok = await teacher.post(`/api/schools/${ids.qt}/questions`, html);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().body.content.stem).toBe('Tính \\(2^3\\)');
    // a subject not taught in the grade
    expect(
      (await teacher.post(`/api/schools/${ids.qt}/questions`, singleQuestion({ subjectCode: 'TH_TOAN' })))
        .statusCode,
    ).toBe(400);
  });

  it('school sharing: the principal approves, colleagues see it, other schools do not', async () => {
    const created = (await teacher.post(`/api/schools/${ids.qt}/questions`, singleQuestion())).json();
    const submitted = await teacher.post(`/api/schools/${ids.qt}/questions/${created.id}/submit`, {
      scope: 'school',
    });
    expect(submitted.json()).toMatchObject({
      scope: 'school',
      status: 'pending_review',
      shareUnitId: ids.qt,
    });
    const queue = (await principal.get('/api/questions?reviewable=true&pageSize=200')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(created.id);
    expect(
      (await teacher.post(`/api/schools/${ids.qt}/questions/${created.id}/review`, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await otherPrincipal.post(`/api/schools/${ids.qt}/questions/${created.id}/review`, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(404);
    const rejected = await principal.post(`/api/schools/${ids.qt}/questions/${created.id}/review`, {
      decision: 'reject',
    });
    expect(rejected.statusCode).toBe(400); // a reason is required
    const ok = await principal.post(`/api/schools/${ids.qt}/questions/${created.id}/review`, {
      decision: 'approve',
      comment: 'Tốt',
    });
    expect(ok.json()).toMatchObject({ status: 'approved', reviewerName: expect.any(String) });
    expect((await otherPrincipal.get(`/api/schools/${ids.qt}/questions/${created.id}`)).statusCode).toBe(404);
    // the author's later edit goes back to review
    const edited = await teacher.patch(`/api/schools/${ids.qt}/questions/${created.id}`, {
      topic: 'Số nguyên tố',
    });
    expect(edited.json()).toMatchObject({ status: 'pending_review', topic: 'Số nguyên tố' });
  });

  it('department sharing goes to the Phòng; its specialist reviews and every school under it can use it', async () => {
    const created = (
      await teacher.post(`/api/schools/${ids.qt}/questions`, singleQuestion({ scope: 'department' }))
    ).json();
    expect(created).toMatchObject({ status: 'pending_review', shareUnitId: ids.phong });
    // a school principal neither sees nor reviews department submissions
    expect(
      (await principal.post(`/api/schools/${ids.qt}/questions/${created.id}/review`, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    const ok = await specialist.post(`/api/schools/${ids.qt}/questions/${created.id}/review`, {
      decision: 'approve',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const seen = await otherPrincipal.get(`/api/schools/${ids.qt}/questions/${created.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canEdit).toBe(false);
    const avail = (
      await otherPrincipal.get('/api/questions/availability?subjectCode=THCS_TOAN&grade=6')
    ).json();
    expect(avail.topics[0]).toBe('Số tự nhiên');
    expect(avail.cells).toContainEqual({ topic: 'Số tự nhiên', level: 'NB', type: 'single', count: 1 });
  });
});

describe('Word import', () => {
  const u = (text: string) => ({ text, underline: true });
  const withMistakes = () =>
    buildDocx([
      'Môn: Toán — Lớp: 6',
      '[Chủ đề: Số tự nhiên] [Mức độ: NB]',
      'PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn',
      'Câu 1: Số tự nhiên nhỏ nhất là',
      ['A. 0'],
      ['B. 1'],
      ['C. 2'],
      'Câu 2: Số liền sau của 99 là',
      ['A. 98'],
      [u('B. 100')],
      ['C. 101'],
      ['D. 90'],
      'Câu 3: Số chẵn là',
      [u('A. 2')],
      ['B. 3'],
      [u('C. 4')],
      ['D. 5'],
      'Câu 4: Chưa có đáp án',
      ['A. 1'],
      ['B. 2'],
      ['C. 3'],
      ['D. 4'],
      'PHẦN II. Câu trắc nghiệm đúng sai',
      'Câu 5: Cho số 12.',
      [u('a) 12 chia hết cho 2.')],
      ['b) 12 là số lẻ.'],
      ['c) 12 chia hết cho 5.'],
      'PHẦN III. Câu trắc nghiệm trả lời ngắn',
      'Câu 6: Một nửa là bao nhiêu?',
      'Đáp án: 1/2',
      'Câu 7: \\(15 + 27\\) bằng bao nhiêu?',
      'Đáp án: 42',
      'HẾT',
    ]);

  it('reports each mistake by question number; preview stores nothing; "valid" stores the good ones', async () => {
    const before = await count('questions');
    const res = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=preview`,
      'de-co-loi.docx',
      withMistakes(),
    );
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const errors = report.issues
      .filter((i: { severity: string }) => i.severity === 'error')
      .map((i: { code: string; question: number }) => [i.code, i.question]);
    expect(errors).toEqual([
      ['Q_OPTION_COUNT', 1],
      ['Q_MULTI_KEY', 3],
      ['Q_NO_KEY', 4],
      ['TF_COUNT', 5],
      ['SA_NOT_NUMBER', 6],
    ]);
    expect(report.issues.find((i: { question: number }) => i.question === 1).message).toBe(
      'Câu 1 (Phần I): có 3 phương án, cần 4.',
    );
    expect(report.questions.map((q: { number: number; answer: string }) => [q.number, q.answer])).toEqual([
      [2, 'B'],
      [7, '42'],
    ]);
    expect(report).toMatchObject({ total: 7, valid: 2, imported: 0 });
    expect(await count('questions')).toBe(before);
    const all = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=all`,
      'de.docx',
      withMistakes(),
    );
    expect(all.json().imported).toBe(0);
    expect(await count('questions')).toBe(before);
    const valid = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=valid`,
      'de.docx',
      withMistakes(),
    );
    expect(valid.json()).toMatchObject({ imported: 2 });
    const stored = (
      await teacher.get(`/api/schools/${ids.qt}/questions/${valid.json().createdIds[0]}`)
    ).json();
    expect(stored).toMatchObject({
      subjectCode: 'THCS_TOAN',
      grade: 6,
      topic: 'Số tự nhiên',
      level: 'NB',
      points: 0.25,
      source: 'docx',
    });
    // importing the same file again: the good questions are duplicates now
    const again = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=valid`,
      'de.docx',
      withMistakes(),
    );
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it('a malformed .docx gets a clear error and changes nothing', async () => {
    const before = [await count('questions'), await count('audit_log')];
    const notZip = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=valid`,
      'x.docx',
      strToU8('không phải tệp Word'),
    );
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().code).toBe('DOCX_BAD_ZIP');
    const noDoc = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=valid`,
      'x.docx',
      zipSync({ 'word/other.xml': strToU8('<a/>') }),
    );
    expect(noDoc.json().code).toBe('DOCX_NO_DOCUMENT');
    const badXml = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=valid`,
      'x.docx',
      zipSync({ 'word/document.xml': strToU8('<w:document><w:body>') }),
    );
    expect(badXml.json().code).toBe('DOCX_BAD_XML');
    expect([await count('questions'), await count('audit_log')]).toEqual(before);
    // no rights at another school
    expect(
      (
        await upload(
          teacher,
          `/api/schools/${ids.tp}/question-imports?format=docx&mode=valid`,
          'x.docx',
          withMistakes(),
        )
      ).statusCode,
    ).toBe(403);
  });

  it('reads Word equations as LaTeX and stores inline pictures', async () => {
    const png = Uint8Array.from(
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
        'hex',
      ),
    );
    const doc = buildDocx(
      [
        '[Môn: Toán] [Lớp: 6] [Chủ đề: Phân số và số thập phân] [Mức độ: TH]',
        [
          { text: 'Câu 1: Rút gọn phân số ' },
          { omml: '<m:f><m:num><m:r><m:t>6</m:t></m:r></m:num><m:den><m:r><m:t>8</m:t></m:r></m:den></m:f>' },
        ],
        [{ image: 'hinh1.png', alt: 'Hình vẽ' }],
        [u('A. 3/4'), '   B. 2/3   C. 6/4   D. 1/2'],
      ],
      [{ name: 'hinh1.png', bytes: png }],
    );
    const res = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=docx&mode=valid`,
      'pt.docx',
      doc,
    );
    expect(res.json().issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    const q = (await teacher.get(`/api/schools/${ids.qt}/questions/${res.json().createdIds[0]}`)).json();
    expect(q.body.content.stem).toBe('Rút gọn phân số \\(\\frac{6}{8}\\)');
    expect(q.body.content.media).toEqual([
      {
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        kind: 'image',
        contentType: 'image/png',
        alt: 'Hình vẽ',
      },
    ]);
    const file = await teacher.get(`/api/schools/${ids.qt}/question-media/${q.body.content.media[0].sha256}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    const stranger = await login(t.app, 'phuhuynh.tp');
    expect(
      (await stranger.get(`/api/schools/${ids.qt}/question-media/${q.body.content.media[0].sha256}`))
        .statusCode,
    ).toBe(403);
    const mediaUrl = `/api/schools/${ids.qt}/question-media/${q.body.content.media[0].sha256}`;
    expect((await otherPrincipal.get(mediaUrl)).statusCode).toBe(404);
    // shared with the department and approved: every school that sees the question sees its picture
    await teacher.post(`/api/schools/${ids.qt}/questions/${q.id}/submit`, { scope: 'department' });
    await specialist.post(`/api/schools/${ids.qt}/questions/${q.id}/review`, { decision: 'approve' });
    expect((await otherPrincipal.get(mediaUrl)).statusCode).toBe(200);
  });
});

describe('Excel import', () => {
  it('reads the template and names rows with mistakes', async () => {
    const template = await teacher.get('/api/question-imports/templates/xlsx');
    expect(template.statusCode).toBe(200);
    const res = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=xlsx&mode=preview`,
      'mau.xlsx',
      template.rawPayload,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().questions.map((q: { type: string }) => q.type)).toEqual([
      'single',
      'true_false',
      'short_answer',
      'matching',
      'fill_blank',
    ]);
    expect(
      (
        await upload(teacher, `/api/schools/${ids.qt}/question-imports?format=xlsx`, 'x.xlsx', strToU8('abc'))
      ).json().code,
    ).toBe('XLSX_BAD_FILE');
  });
});

describe('QTI', () => {
  type Q = {
    body: unknown;
    subjectCode: string;
    grade: number;
    topic: string;
    level: string;
    points: number;
    explanation: string | null;
    type: string;
  };
  const normal = (q: Q) => ({
    body: q.body,
    subjectCode: q.subjectCode,
    grade: q.grade,
    topic: q.topic,
    level: q.level,
    points: q.points,
    explanation: q.explanation,
    type: q.type,
  });
  const byStem = (a: Q, b: Q) => JSON.stringify(a.body).localeCompare(JSON.stringify(b.body));

  it('export of a bank, re-imported into an empty bank, equals the original (3.0 and 2.1)', async () => {
    // a bank with every type, at Tân Phong
    const other = await login(t.app, 'admin.so');
    const base = {
      subjectCode: 'THCS_NGOAI_NGU_1',
      grade: 7,
      topic: 'Từ vựng',
      level: 'TH',
      points: 1,
      explanation: 'Giải thích:\nxem bài 3.',
    };
    const bodies = [
      {
        type: 'single',
        content: {
          stem: 'Choose the odd one out.',
          options: [
            { id: 'A', text: 'apple' },
            { id: 'B', text: 'banana' },
            { id: 'C', text: 'carrot' },
            { id: 'D', text: 'Cả ba', fixed: true },
          ],
        },
        key: { optionId: 'C' },
      },
      {
        type: 'multiple',
        content: {
          stem: 'Chọn các số nguyên tố',
          options: [
            { id: 'A', text: '2' },
            { id: 'B', text: '3' },
            { id: 'C', text: '4' },
          ],
        },
        key: { optionIds: ['A', 'B'], partial: true },
      },
      {
        type: 'true_false',
        content: {
          stem: 'Cho \\(y = 2x + 1\\).',
          statements: [
            { id: 'a', text: 'Đi qua (0; 1).' },
            { id: 'b', text: 'Nghịch biến.' },
            { id: 'c', text: 'Hệ số góc 2.' },
            { id: 'd', text: 'Cắt Ox tại x = 1.' },
          ],
        },
        key: { values: { a: true, b: false, c: true, d: false } },
      },
      {
        type: 'short_answer',
        content: { stem: 'Nghiệm của \\(2x + 3 = 0\\) là' },
        key: { value: -1.5, tolerance: 0 },
      },
      {
        type: 'short_answer',
        content: { stem: 'Giá trị gần đúng của \\(\\pi\\)' },
        key: { value: 3.14, tolerance: 0.01 },
      },
      {
        type: 'matching',
        content: {
          stem: 'Match.',
          left: [
            { id: 'L1', text: 'cat' },
            { id: 'L2', text: 'dog' },
          ],
          right: [
            { id: 'R1', text: 'con chó' },
            { id: 'R2', text: 'con mèo' },
          ],
        },
        key: { pairs: { L1: 'R2', L2: 'R1' } },
      },
      {
        type: 'fill_blank',
        content: {
          stem: 'Thủ đô của Việt Nam là [[1]], lớn nhất là [[2]].',
          blanks: [{ id: '1' }, { id: '2' }],
        },
        key: { blanks: { '1': ['Hà Nội', 'Ha Noi'], '2': ['TP. Hồ Chí Minh'] } },
      },
      {
        type: 'essay',
        content: {
          stem: 'Viết đoạn văn về quê em.\nKhoảng 5 câu.',
          rubric: [
            { criterion: 'Đúng chủ đề', points: 0.5 },
            { criterion: 'Không sai chính tả', points: 0.5 },
          ],
        },
        key: { sampleAnswer: 'Quê em ở Lai Châu.' },
      },
    ];
    const created = [];
    for (const body of bodies) {
      const r = await other.post(`/api/schools/${ids.tp}/questions`, { ...base, body });
      expect(r.statusCode, r.body).toBe(201);
      created.push(r.json());
    }
    const originals = (
      await other.get(`/api/questions?schoolId=${ids.tp}&subjectCode=THCS_NGOAI_NGU_1&pageSize=100`)
    ).json().items as Q[];
    expect(originals).toHaveLength(bodies.length);
    for (const version of ['3.0', '2.1']) {
      const zip = await other.get(
        `/api/questions/export.zip?schoolId=${ids.tp}&subjectCode=THCS_NGOAI_NGU_1&version=${version}`,
      );
      expect(zip.statusCode).toBe(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      // re-import into an empty bank: TH Số 1 (nothing there), as its principal, duplicates allowed there
      const res = await upload(
        otherPrincipal,
        `/api/schools/${ids.th1}/question-imports?format=qti&mode=all`,
        'bank.zip',
        zip.rawPayload,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().issues).toEqual([]);
      expect(res.json().imported).toBe(bodies.length);
      const back = (
        await otherPrincipal.get(
          `/api/questions?schoolId=${ids.th1}&subjectCode=THCS_NGOAI_NGU_1&pageSize=100`,
        )
      ).json().items as Q[];
      expect(back.map(normal).sort(byStem)).toEqual(originals.map(normal).sort(byStem));
      // clean the empty bank for the next version
      for (const q of back as unknown as { id: string }[])
        await otherPrincipal.request('DELETE', `/api/schools/${ids.th1}/questions/${q.id}`);
    }
  });

  it('a malformed QTI package gets a clear error and changes nothing', async () => {
    const before = [await count('questions'), await count('audit_log')];
    const cases: [Uint8Array, string][] = [
      [strToU8('not a zip'), 'QTI_BAD_ZIP'],
      [zipSync({ 'item.xml': strToU8('<assessmentItem/>') }), 'QTI_NO_MANIFEST'],
      [zipSync({ 'imsmanifest.xml': strToU8('<manifest><resources>') }), 'QTI_BAD_MANIFEST'],
      [zipSync({ 'imsmanifest.xml': strToU8('<manifest><resources/></manifest>') }), 'QTI_NO_ITEMS'],
    ];
    for (const [bytes, code] of cases) {
      const res = await upload(
        teacher,
        `/api/schools/${ids.qt}/question-imports?format=qti&mode=valid`,
        'x.zip',
        bytes,
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe(code);
    }
    const brokenItem = zipSync({
      'imsmanifest.xml': strToU8(
        '<manifest><resources><resource identifier="r1" type="imsqti_item_xmlv3p0" href="q1.xml"/></resources></manifest>',
      ),
      'q1.xml': strToU8('<qti-assessment-item><qti-item-body>'),
    });
    const res = await upload(
      teacher,
      `/api/schools/${ids.qt}/question-imports?format=qti&mode=valid`,
      'x.zip',
      brokenItem,
    );
    expect(res.json().issues[0]).toMatchObject({ code: 'QTI_BAD_ITEM', question: 1 });
    expect([await count('questions'), await count('audit_log')]).toEqual(before);
  });
});
