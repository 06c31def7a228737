import type {
  ClassSummary,
  ConductSheet,
  GradeGrid,
  GradeImportReport,
  StudentReport,
} from '@smartedu/contracts';
import { compareVietnameseNames, computeTermAverage } from '@smartedu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

/**
 * The gradebook through its HTTP API on the Lai Châu demo with a full school year of grades (term I locked,
 * term II published): validation, all-or-nothing saves, locks and unlocks, subject assignments, conduct,
 * Excel, the family report.
 */

let t: TestApp;
let teacher: Client; // giaovien.qt: homeroom 6A1, teaches Toán in 6A1
let principal: Client; // hieutruong.qt
let parent: Client; // phuhuynh.qt: one child in 6A1
let pupil: Client; // hocsinh.qt: that child
let qt: string;
let klass: string; // 6A1
let otherClass: string; // a Quyết Tiến class whose Toán the teacher does not teach
let child: string;
let subjects: Record<string, string>; // code → id

type Cell = {
  studentId: string;
  slot: string;
  value: string | number | null;
  expected?: string | number | null;
};
const put = (c: Client, body: unknown) => c.request('PUT', `/api/schools/${qt}/gradebook/grid`, body);
const grid = async (c: Client, subject: string, termNo: number, classId = klass) =>
  (
    await c.get(
      `/api/schools/${qt}/gradebook/grid?classId=${classId}&subjectId=${subjects[subject]}&termNo=${termNo}`,
    )
  ).json() as GradeGrid;
const toan = (termNo: number, changes: Cell[]) => ({
  classId: klass,
  subjectId: subjects.THCS_TOAN,
  termNo,
  changes,
});

async function snapshot() {
  // Every row's key and time stamp, and the values of 6A1 (where the probes write).
  const rows = await t.database.execute<{ h: string }>(
    `select (select count(*) || ':' || max(updated_at)::text from grade_entries) ||
            md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
       from grade_entries x where class_id = '${klass}'`,
  );
  const audit = await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log');
  return `${rows[0].h}:${audit[0].n}`;
}

beforeAll(async () => {
  t = await createTestApp({ gradebookDemo: true });
  [teacher, principal, parent, pupil] = await Promise.all(
    ['giaovien.qt', 'hieutruong.qt', 'phuhuynh.qt', 'hocsinh.qt'].map((u) => login(t.app, u)),
  );
  qt = principal.me.homeUnitId!;
  const kid = (await parent.get('/api/students')).json().items[0];
  child = kid.id;
  klass = kid.currentClassId;
  const list = (await principal.get('/api/reference/subjects?level=THCS')).json() as {
    id: string;
    code: string;
  }[];
  subjects = Object.fromEntries(list.map((s) => [s.code, s.id]));
  const classes = (await principal.get(`/api/classes?schoolId=${qt}&pageSize=100`)).json().items as {
    id: string;
  }[];
  const assignments = (await principal.get(`/api/schools/${qt}/assignments`)).json() as {
    classId: string;
    subjectId: string;
    staffId: string;
  }[];
  otherClass = classes.find(
    (c) =>
      c.id !== klass &&
      !assignments.some(
        (a) => a.classId === c.id && a.subjectId === subjects.THCS_TOAN && a.staffId === teacher.me.staffId,
      ),
  )!.id;
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('the demo year', () => {
  it('has results for all 717 students, term I locked and term II published', async () => {
    const [{ n }] = await t.database.execute<{ n: number }>(
      "select count(distinct student_id)::int as n from grade_student_results where period = 'year' and status = 'complete'",
    );
    expect(n).toBe(717);
    const locks = await t.database.execute<{ term_no: number; n: number }>(
      "select term_no, count(*)::int as n from grade_term_locks where status = 'locked' group by term_no",
    );
    expect(locks).toEqual([{ term_no: 1, n: 17 }]);
    const g = await grid(teacher, 'THCS_TOAN', 1);
    expect(g.rows).toHaveLength(40);
    expect(g.slots.map((s) => s.code)).toEqual(['TX1', 'TX2', 'TX3', 'TX4', 'GK', 'CK', 'NX']);
    expect(g.lock.status).toBe('locked');
    expect(g.canEdit).toBe(false);
    const names = g.rows.map((r) => r.fullName);
    expect(names).toEqual([...names].sort(compareVietnameseNames));
    // Every average is the domain's ĐTBmhk of the row's scores.
    for (const r of g.rows) {
      const expected = computeTermAverage({
        regular: ['TX1', 'TX2', 'TX3', 'TX4'].map((s) => r.values[s] as number),
        midterm: r.values.GK as number,
        endterm: r.values.CK as number,
        requiredRegularCount: 4,
      });
      expect(expected.status === 'complete' ? expected.average : null).toBe(r.average);
    }
    const term2 = await grid(teacher, 'THCS_TOAN', 2);
    expect(term2.canEdit).toBe(true);
    expect(term2.published).toBe(true);
    // Công nghệ in grade 6 has 35 periods: 2 regular assessments; GDTC is comment-only with 2.
    expect((await grid(teacher, 'THCS_CONG_NGHE', 2)).slots.map((s) => s.code)).toEqual([
      'TX1',
      'TX2',
      'GK',
      'CK',
      'NX',
    ]);
    const gdtc = await grid(teacher, 'THCS_GDTC', 2);
    expect(gdtc.slots[0].valueType).toBe('comment_result');
    expect(gdtc.canEdit).toBe(false); // not the teacher's subject
  });

  it('gives the homeroom teacher the class summary with learning, conduct and promotion', async () => {
    const res = await teacher.get(`/api/schools/${qt}/gradebook/classes/${klass}/summary?period=year`);
    expect(res.statusCode).toBe(200);
    const s: ClassSummary = res.json();
    expect(s.subjects).toHaveLength(12);
    expect(s.rows).toHaveLength(40);
    for (const r of s.rows) {
      expect(['T', 'K', 'D', 'CD']).toContain(r.result.learning);
      expect(['T', 'K', 'D', 'CD']).toContain(r.result.conduct);
      expect(r.result.promotion).toBeTruthy();
    }
  });
});

describe('saving the grid', () => {
  it('refuses 11, "abc" and 8.55 with a clear error per cell and writes nothing', async () => {
    const g = await grid(teacher, 'THCS_TOAN', 2);
    const [a, b] = g.rows;
    const before = await snapshot();
    const res = await put(
      teacher,
      toan(2, [
        { studentId: a.studentId, slot: 'TX1', value: 11 },
        { studentId: a.studentId, slot: 'TX2', value: 'abc' },
        { studentId: b.studentId, slot: 'GK', value: '8,55' },
        { studentId: b.studentId, slot: 'CK', value: 9 }, // valid, but the request is all or nothing
      ]),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toMatch(/3 ô điểm không hợp lệ, chưa lưu gì/);
    expect(body.details.errors).toEqual([
      {
        row: a.studentId,
        slot: 'TX1',
        code: 'SCORE_OUT_OF_RANGE',
        message: 'Điểm phải nằm trong khoảng từ 0 đến 10',
      },
      {
        row: a.studentId,
        slot: 'TX2',
        code: 'SCORE_NOT_NUMBER',
        message: expect.stringContaining('Điểm phải là số'),
      },
      {
        row: b.studentId,
        slot: 'GK',
        code: 'SCORE_TOO_MANY_DECIMALS',
        message: expect.stringContaining('một chữ số thập phân'),
      },
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a comment in a scored subject and a score in a comment-only subject', async () => {
    const g = await grid(teacher, 'THCS_TOAN', 2);
    const before = await snapshot();
    const res = await put(teacher, toan(2, [{ studentId: g.rows[0].studentId, slot: 'TX1', value: 'Đ' }]));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.errors[0]).toMatchObject({
      code: 'COMMENT_IN_SCORED_SUBJECT',
      message: expect.stringContaining('đánh giá bằng điểm số'),
    });
    const gdtc = await put(principal, {
      classId: klass,
      subjectId: subjects.THCS_GDTC,
      termNo: 2,
      changes: [{ studentId: g.rows[0].studentId, slot: 'TX1', value: '7' }],
    });
    expect(gdtc.statusCode).toBe(400);
    expect(gdtc.json().details.errors[0].code).toBe('SCORE_IN_COMMENT_SUBJECT');
    const unknown = await put(teacher, toan(2, [{ studentId: g.rows[0].studentId, slot: 'TX9', value: 5 }]));
    expect(unknown.json().details.errors[0].code).toBe('SLOT_UNKNOWN');
    expect(await snapshot()).toBe(before);
  });

  it('saves valid cells, recomputes the average and audits before and after', async () => {
    const g = await grid(teacher, 'THCS_TOAN', 2);
    const r = g.rows[2];
    const res = await put(
      teacher,
      toan(2, [
        { studentId: r.studentId, slot: 'TX1', value: '10', expected: r.values.TX1 },
        { studentId: r.studentId, slot: 'TX2', value: '9,5', expected: r.values.TX2 },
        { studentId: r.studentId, slot: 'GK', value: 8, expected: r.values.GK },
        {
          studentId: r.studentId,
          slot: 'NX',
          value: 'Tiến bộ rõ rệt trong học kì II.',
          expected: r.values.NX,
        },
      ]),
    );
    expect(res.statusCode).toBe(200);
    const saved = res.json();
    expect(saved.saved).toBeGreaterThanOrEqual(3);
    const row = saved.rows[0];
    expect(row.values).toMatchObject({ TX1: 10, TX2: 9.5, GK: 8, NX: 'Tiến bộ rõ rệt trong học kì II.' });
    const avg = computeTermAverage({
      regular: [10, 9.5, row.values.TX3, row.values.TX4],
      midterm: 8,
      endterm: row.values.CK,
      requiredRegularCount: 4,
    });
    expect(avg.status === 'complete' && avg.average).toBe(row.average);
    const audit = (await principal.get(`/api/audit?unitId=${qt}&entity=grade_entry&pageSize=20`)).json()
      .items as {
      entityId: string;
      before: { value: unknown };
      after: { value: unknown };
    }[];
    const tx1 = audit.find((a) => a.entityId === `${r.studentId}:THCS_TOAN:HK2:TX1`)!;
    expect(tx1.before.value).toBe(r.values.TX1);
    expect(tx1.after.value).toBe(10);
    // The rollup the summary reads was updated in the same transaction.
    const summary = (
      await teacher.get(`/api/schools/${qt}/gradebook/classes/${klass}/summary?period=term2`)
    ).json();
    const mine = summary.rows.find((x: { studentId: string }) => x.studentId === r.studentId);
    expect(mine.subjects[subjects.THCS_TOAN].average).toBe(row.average);
  });

  it('clears a cell with null (a missing score, never 0) and marks the average incomplete', async () => {
    const g = await grid(teacher, 'THCS_TOAN', 2);
    const r = g.rows[5];
    const res = await put(
      teacher,
      toan(2, [{ studentId: r.studentId, slot: 'CK', value: '', expected: r.values.CK }]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().rows[0]).toMatchObject({ average: null, status: 'incomplete' });
    expect(res.json().rows[0].values.CK).toBeUndefined();
    const back = await put(
      teacher,
      toan(2, [{ studentId: r.studentId, slot: 'CK', value: r.values.CK, expected: null }]),
    );
    expect(back.json().rows[0].average).toBe(r.average);
  });

  it('refuses a stale cell with GRADE_CONFLICT and writes nothing', async () => {
    const g = await grid(teacher, 'THCS_TOAN', 2);
    const r = g.rows[3];
    const before = await snapshot();
    const res = await put(
      teacher,
      toan(2, [
        { studentId: r.studentId, slot: 'TX1', value: 4, expected: r.values.TX1 },
        { studentId: r.studentId, slot: 'TX2', value: 4, expected: (r.values.TX2 as number) === 1 ? 2 : 1 },
      ]),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'GRADE_CONFLICT' });
    expect(res.json().details.conflicts).toEqual([{ row: r.studentId, slot: 'TX2', current: r.values.TX2 }]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a teacher outside their assigned class-subjects', async () => {
    const g = await grid(principal, 'THCS_NGU_VAN', 2);
    const before = await snapshot();
    const van = await put(teacher, {
      classId: klass,
      subjectId: subjects.THCS_NGU_VAN,
      termNo: 2,
      changes: [{ studentId: g.rows[0].studentId, slot: 'TX1', value: 7 }],
    });
    expect(van.statusCode).toBe(403);
    expect(van.json().message).toMatch(/phân công/);
    const other = await grid(principal, 'THCS_TOAN', 2, otherClass);
    const res = await put(teacher, {
      classId: otherClass,
      subjectId: subjects.THCS_TOAN,
      termNo: 2,
      changes: [{ studentId: other.rows[0].studentId, slot: 'TX1', value: 7 }],
    });
    expect(res.statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});

describe('locks', () => {
  it('refuses any change to a locked term with TERM_LOCKED; an unlock with a reason reopens it, audited', async () => {
    const g = await grid(teacher, 'THCS_TOAN', 1);
    const r = g.rows[0];
    const change = toan(1, [{ studentId: r.studentId, slot: 'TX1', value: 6.5, expected: r.values.TX1 }]);
    const before = await snapshot();
    const refused = await put(teacher, change);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'TERM_LOCKED',
      message: expect.stringContaining('khoá sổ'),
    });
    expect((await put(principal, change)).statusCode).toBe(409); // the principal too: unlock first
    expect(await snapshot()).toBe(before);

    expect(
      (
        await teacher.post(`/api/schools/${qt}/gradebook/classes/${klass}/unlock`, {
          termNo: 1,
          reason: 'Nhập nhầm điểm TX1 của một học sinh',
        })
      ).statusCode,
    ).toBe(403);
    const short = await principal.post(`/api/schools/${qt}/gradebook/classes/${klass}/unlock`, {
      termNo: 1,
      reason: 'sai',
    });
    expect(short.statusCode).toBe(400);
    const unlocked = await principal.post(`/api/schools/${qt}/gradebook/classes/${klass}/unlock`, {
      termNo: 1,
      reason: 'Giáo viên nhập nhầm điểm TX1 của một học sinh',
    });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locks[0].status).toBe('approved');
    expect(unlocked.json().unlocks[0]).toMatchObject({
      termNo: 1,
      reason: 'Giáo viên nhập nhầm điểm TX1 của một học sinh',
    });

    const saved = await put(teacher, change);
    expect(saved.statusCode).toBe(200);
    const audit = (
      await principal.get(
        `/api/audit?unitId=${qt}&entity=grade_entry&entityId=${r.studentId}:THCS_TOAN:HK1:TX1`,
      )
    ).json();
    expect(audit.items[0]).toMatchObject({ before: { value: r.values.TX1 }, after: { value: 6.5 } });
    const unlockAudit = (await principal.get(`/api/audit?unitId=${qt}&entity=grade_term`)).json().items;
    expect(unlockAudit[0]).toMatchObject({
      action: 'unlock',
      after: { reason: 'Giáo viên nhập nhầm điểm TX1 của một học sinh' },
    });

    expect(
      (await teacher.post(`/api/schools/${qt}/gradebook/classes/${klass}/lock`, { termNo: 1 })).statusCode,
    ).toBe(403);
    const relocked = await principal.post(`/api/schools/${qt}/gradebook/classes/${klass}/lock`, {
      termNo: 1,
    });
    expect(relocked.json().locks[0].status).toBe('locked');
    expect(
      (await put(teacher, toan(1, [{ studentId: r.studentId, slot: 'TX1', value: 7 }]))).statusCode,
    ).toBe(409);
  });
});

describe('conduct', () => {
  it('lets the homeroom teacher rate conduct and refuses bad levels and other classes', async () => {
    const sheet: ConductSheet = (
      await teacher.get(`/api/schools/${qt}/gradebook/classes/${klass}/conduct?termNo=2`)
    ).json();
    expect(sheet.aspects).toEqual([{ code: 'conduct', name: 'Rèn luyện', scale: 'conduct' }]);
    expect(sheet.canEdit).toBe(true);
    const r = sheet.rows[1];
    const next = r.values.conduct === 'T' ? 'K' : 'T';
    const url = `/api/schools/${qt}/gradebook/classes/${klass}/conduct`;
    const bad = await teacher.request('PUT', url, {
      termNo: 2,
      changes: [{ studentId: r.studentId, aspect: 'conduct', value: 'X' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.errors[0]).toMatchObject({ code: 'CONDUCT_INVALID' });
    const ok = await teacher.request('PUT', url, {
      termNo: 2,
      changes: [
        {
          studentId: r.studentId,
          aspect: 'conduct',
          value: next === 'K' ? 'Khá' : 'Tốt',
          expected: r.values.conduct,
        },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(
      ok.json().rows.find((x: { studentId: string }) => x.studentId === r.studentId).values.conduct,
    ).toBe(next);
    const summary = (
      await teacher.get(`/api/schools/${qt}/gradebook/classes/${klass}/summary?period=term2`)
    ).json();
    expect(summary.rows.find((x: { studentId: string }) => x.studentId === r.studentId).result.conduct).toBe(
      next,
    );
    const locked = await teacher.request('PUT', url, {
      termNo: 1,
      changes: [{ studentId: r.studentId, aspect: 'conduct', value: 'T' }],
    });
    expect(locked.statusCode).toBe(409);
    const other = await teacher.request('PUT', `/api/schools/${qt}/gradebook/classes/${otherClass}/conduct`, {
      termNo: 2,
      changes: [{ studentId: r.studentId, aspect: 'conduct', value: 'T' }],
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('the family report', () => {
  it('shows a parent and the student their own published results only', async () => {
    const res = await parent.get(`/api/schools/${qt}/students/${child}/report`);
    expect(res.statusCode).toBe(200);
    const report: StudentReport = res.json();
    expect(report.subjects).toHaveLength(12);
    const math = report.subjects.find((s) => s.code === 'THCS_TOAN')!;
    expect(math.term1?.average).toEqual(expect.any(Number));
    expect(math.term2?.average).toEqual(expect.any(Number));
    expect(report.term1?.learning).toMatch(/^(T|K|D|CD)$/);
    expect(report.term2).toBeNull(); // term II is published subject by subject but not locked yet
    expect((await pupil.get(`/api/schools/${qt}/students/${child}/report`)).statusCode).toBe(200);

    // Withdrawn publication: the parent no longer sees Toán of term II nor the year.
    const unpublish = await teacher.post(`/api/schools/${qt}/gradebook/grid/publish`, {
      classId: klass,
      subjectId: subjects.THCS_TOAN,
      termNo: 2,
      published: false,
    });
    expect(unpublish.json()).toEqual({ published: false, publishedAt: null });
    const hidden: StudentReport = (await parent.get(`/api/schools/${qt}/students/${child}/report`)).json();
    const hiddenMath = hidden.subjects.find((s) => s.code === 'THCS_TOAN')!;
    expect(hiddenMath.term2).toBeNull();
    expect(hiddenMath.year).toBeNull();
    expect(hiddenMath.term1).not.toBeNull();
    // Staff still see everything.
    const staffView: StudentReport = (
      await teacher.get(`/api/schools/${qt}/students/${child}/report`)
    ).json();
    expect(staffView.subjects.find((s) => s.code === 'THCS_TOAN')!.term2).not.toBeNull();
    // Locking term II publishes everything of the class.
    await principal.post(`/api/schools/${qt}/gradebook/classes/${klass}/lock`, { termNo: 2 });
    const locked: StudentReport = (await parent.get(`/api/schools/${qt}/students/${child}/report`)).json();
    expect(locked.subjects.find((s) => s.code === 'THCS_TOAN')!.year?.average).toEqual(expect.any(Number));
    expect(locked.year?.learning).toMatch(/^(T|K|D|CD)$/);
    expect(locked.year?.promotion).toBeTruthy();
    await principal.post(`/api/schools/${qt}/gradebook/classes/${klass}/unlock`, {
      termNo: 2,
      reason: 'Mở lại để kiểm thử tiếp',
    });
  });

  it('refuses another student, another school and class-level views to parents', async () => {
    const stranger = (await grid(principal, 'THCS_TOAN', 2, otherClass)).rows[0].studentId;
    expect((await parent.get(`/api/schools/${qt}/students/${stranger}/report`)).statusCode).toBe(403);
    const tp = await login(t.app, 'phuhuynh.tp');
    expect((await tp.get(`/api/schools/${qt}/students/${child}/report`)).statusCode).toBe(403);
    expect(
      (
        await parent.get(
          `/api/schools/${qt}/gradebook/grid?classId=${klass}&subjectId=${subjects.THCS_TOAN}&termNo=2`,
        )
      ).statusCode,
    ).toBe(403);
    expect((await parent.get(`/api/schools/${qt}/gradebook/classes/${klass}/summary`)).statusCode).toBe(403);
  });
});

describe('Excel', () => {
  const q = () => `classId=${klass}&subjectId=${subjects.THCS_TOAN}&termNo=2`;
  async function upload(c: Client, file: Buffer, dryRun = false) {
    const boundary = '----smartedu-test';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="diem.xlsx"\r\n` +
          'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return c.request('POST', `/api/schools/${qt}/gradebook/grid/import?${q()}&dryRun=${dryRun}`, payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
  }
  async function filled(template: Buffer, values: (string | number)[]) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = ws.getRow(3).values as string[];
    const tx1 = header.indexOf('TX1');
    values.forEach((v, i) => {
      ws.getRow(4 + i).getCell(tx1).value = v;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('exports a template, validates an upload by row and column, and imports all or nothing', async () => {
    const tpl = await teacher.get(`/api/schools/${qt}/gradebook/grid/template.xlsx?${q()}`);
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const template = tpl.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const header = (wb.worksheets[0].getRow(3).values as string[]).filter(Boolean);
    expect(header).toEqual([
      'STT',
      'Mã định danh',
      'Họ và tên',
      'TX1',
      'TX2',
      'TX3',
      'TX4',
      'GK',
      'CK',
      'Nhận xét',
    ]);

    const before = await snapshot();
    const bad: GradeImportReport = (await upload(teacher, await filled(template, [7, 11, 'tám']))).json();
    expect(bad.committed).toBe(false);
    expect(bad.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, 'D', 'SCORE_OUT_OF_RANGE'],
      [6, 'D', 'SCORE_NOT_NUMBER'],
    ]);
    expect(await snapshot()).toBe(before);

    const dry: GradeImportReport = (await upload(teacher, await filled(template, [7, '8,5']), true)).json();
    expect(dry).toMatchObject({ committed: false, errors: [], totalRows: 40 });
    expect(await snapshot()).toBe(before);

    const ok: GradeImportReport = (await upload(teacher, await filled(template, [7, '8,5']))).json();
    expect(ok).toMatchObject({ committed: true, errors: [] });
    const g = await grid(teacher, 'THCS_TOAN', 2);
    expect([g.rows[0].values.TX1, g.rows[1].values.TX1]).toEqual([7, 8.5]);

    const exported = await teacher.get(`/api/schools/${qt}/gradebook/grid/export.xlsx?${q()}`);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(out.worksheets[0].getRow(5).getCell(4).value).toBe(8.5);

    const van = await teacher.get(
      `/api/schools/${qt}/gradebook/grid/template.xlsx?classId=${klass}&subjectId=${subjects.THCS_NGU_VAN}&termNo=2`,
    );
    expect(van.statusCode).toBe(200); // reading is fine; importing is not the teacher's subject
    const boundary = '----x';
    const refused = await teacher.request(
      'POST',
      `/api/schools/${qt}/gradebook/grid/import?classId=${klass}&subjectId=${subjects.THCS_NGU_VAN}&termNo=2`,
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n`,
        ),
        van.rawPayload,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(refused.statusCode).toBe(403);
  });
});

describe('primary (Circular 27)', () => {
  it('uses levels and periodic tests and refuses what the circular does not allow', async () => {
    const th1 = await login(t.app, 'hieutruong.th1');
    const school = th1.me.homeUnitId!;
    const classes = (await th1.get(`/api/classes?schoolId=${school}&pageSize=50`)).json().items as {
      id: string;
      name: string;
    }[];
    const th = (await th1.get('/api/reference/subjects?level=TH')).json() as { id: string; code: string }[];
    const toanTh = th.find((s) => s.code === 'TH_TOAN')!.id;
    const g3 = (
      await th1.get(
        `/api/schools/${school}/gradebook/grid?classId=${classes.find((c) => c.name === '3A1')!.id}&subjectId=${toanTh}&termNo=2`,
      )
    ).json() as GradeGrid;
    expect(g3.circular).toBe('TT27');
    expect(g3.slots.map((s) => s.code)).toEqual(['GK', 'CK', 'KTCK', 'NX']);
    const c4 = classes.find((c) => c.name === '4A1')!.id;
    const g4 = (
      await th1.get(`/api/schools/${school}/gradebook/grid?classId=${c4}&subjectId=${toanTh}&termNo=2`)
    ).json() as GradeGrid;
    expect(g4.slots.map((s) => s.code)).toEqual(['GK', 'KTGK', 'CK', 'KTCK', 'NX']);
    const sid = g4.rows[0].studentId;
    const res = await th1.request('PUT', `/api/schools/${school}/gradebook/grid`, {
      classId: c4,
      subjectId: toanTh,
      termNo: 2,
      changes: [
        { studentId: sid, slot: 'CK', value: 'X' },
        { studentId: sid, slot: 'KTCK', value: 0 },
        { studentId: sid, slot: 'KTGK', value: '7,5' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.errors.map((e: { code: string }) => e.code)).toEqual([
      'LEVEL_INVALID',
      'TEST_SCORE_ZERO',
      'TEST_SCORE_NOT_WHOLE',
    ]);
    const ok = await th1.request('PUT', `/api/schools/${school}/gradebook/grid`, {
      classId: c4,
      subjectId: toanTh,
      termNo: 2,
      changes: [
        { studentId: sid, slot: 'CK', value: 'T' },
        { studentId: sid, slot: 'KTCK', value: '9' },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rows[0]).toMatchObject({ values: { CK: 'HTT', KTCK: 9 }, result: 'HTT', testScore: 9 });
    const summary = (
      await th1.get(`/api/schools/${school}/gradebook/classes/${c4}/summary?period=year`)
    ).json() as ClassSummary;
    expect(
      summary.rows.every((r) => ['HTXS', 'HTT', 'HT', 'CHT'].includes(r.result.primaryResult ?? '')),
    ).toBe(true);
    const conduct = (
      await th1.get(`/api/schools/${school}/gradebook/classes/${c4}/conduct?termNo=2`)
    ).json() as ConductSheet;
    expect(conduct.aspects).toHaveLength(15);
  });
});

describe('year-end computation', () => {
  it('recomputes a class for the principal and refuses a teacher', async () => {
    const year = (await grid(principal, 'THCS_TOAN', 2)).schoolYearId;
    const res = await principal.post(`/api/schools/${qt}/gradebook/compute`, {
      schoolYearId: year,
      classId: klass,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ students: 40, subjectResults: 40 * 12 * 3, studentResults: 40 * 3 });
    expect(
      (await teacher.post(`/api/schools/${qt}/gradebook/compute`, { schoolYearId: year })).statusCode,
    ).toBe(403);
  });
});
