import type { ImportJob } from '@smartedu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { buildWorkbook, readRows, STUDENT_HEADERS, upload } from './test-workbooks';

let t: TestApp;
let admin: Client; // hieutruong.qt: school_admin of THCS Quyết Tiến
let schoolId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'hieutruong.qt');
  schoolId = admin.me.roles[0].unitId;
});
afterAll(async () => {
  await t?.close();
});

const importsUrl = () => `/api/schools/${schoolId}/imports`;

async function countStudents(sectorIds: string[]) {
  const rows = await t.database.execute<{ n: number }>(
    'select count(*)::int as n from students where school_id = $1 and sector_id = any($2::text[])',
    [schoolId, sectorIds],
  );
  return rows[0].n;
}

// Mã định danh used by the file with bad rows
const GOOD_1 = '9900000001';
const GOOD_2 = '9900000002';
const BAD_DATE = '9900000003';
const BAD_CLASS = '9900000004';
const NO_NAME = '9900000006';
const FORMULA = '9900000007';

function badRowsFile() {
  return buildWorkbook({
    rows: [
      [...STUDENT_HEADERS, 'Ghi chú', ''],
      [
        GOOD_1,
        'Lò Văn Pấng',
        '05/09/2012',
        'Nam',
        'Thái',
        '6A1',
        null,
        null,
        'Hộ nghèo',
        'Không',
        'Bản Cư Nhà La',
      ],
      [BAD_DATE, 'Tẩn Thị Mẩy', '31/02/2013', 'Nữ', 'Dao', '6A1'],
      [BAD_CLASS, 'Giàng A Páo', new Date(Date.UTC(2012, 2, 14)), 'Nam', 'Mông', '9Z9'],
      [GOOD_1, 'Lò Văn Pấng', '05/09/2012', 'Nam', 'Thái', '6A1'],
      [NO_NAME, null, '01/01/2012', 'Nữ', 'Kinh', '6A2'],
      [FORMULA, 'Vàng Thị Dợ', '02/02/2012', 'Nữ', { formula: 'B2&"x"', result: 'Thái' }, '6A2'],
      [GOOD_2, 'Lý Thị  Sơn ', 41000, 'nu', 'thai', '7a1', 12345678901, 'nghe', '', 'Mồ côi cha', ' Tổ 5 '],
      [],
      [null, '   '],
    ],
    merges: ['L1:M1'],
  });
}

describe('students import', () => {
  let job: ImportJob;

  it('reports each bad row at its row and column and writes nothing', async () => {
    const res = await upload(admin, `${importsUrl()}/students`, await badRowsFile(), 'hoc-sinh-loi.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    job = res.json();
    expect(job).toMatchObject({ status: 'validated', totalRows: 7, validRows: 2, errorRows: 5 });
    const at = (row: number, code: string) => job.errors.find((e) => e.row === row && e.code === code);
    expect(at(1, 'MERGED_HEADER')).toMatchObject({ column: 'L' });
    expect(at(3, 'INVALID_DATE')).toMatchObject({
      column: 'C',
      field: 'birthDate',
      message: 'Dòng 3, cột C (Ngày sinh): "31/02/2013" không phải ngày hợp lệ',
    });
    expect(at(4, 'UNKNOWN_CLASS')).toMatchObject({ column: 'F', field: 'className' });
    expect(at(5, 'DUPLICATE_IN_FILE')).toMatchObject({
      column: 'A',
      message: expect.stringContaining('dòng 2'),
    });
    expect(at(6, 'REQUIRED')).toMatchObject({ column: 'B', field: 'fullName' });
    expect(at(7, 'FORMULA_NOT_ALLOWED')).toMatchObject({ column: 'E', field: 'ethnicity' });
    expect(job.errors.filter((e) => e.row === 2 || e.row === 8)).toEqual([]);
    expect(await countStudents([GOOD_1, GOOD_2, BAD_DATE, BAD_CLASS, NO_NAME, FORMULA])).toBe(0);

    const again = await admin.get(`${importsUrl()}/${job.id}`);
    expect(again.json()).toMatchObject({ id: job.id, errorRows: 5 });
    const list = await admin.get(importsUrl());
    expect(list.json().items.map((j: ImportJob) => j.id)).toContain(job.id);
  });

  it("refuses commit 'all' while rows have errors", async () => {
    const res = await admin.post(`${importsUrl()}/${job.id}/commit`, { mode: 'all' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IMPORT_HAS_ERRORS');
    expect(await countStudents([GOOD_1, GOOD_2])).toBe(0);
  });

  it("commit 'valid' writes only the valid rows, with class and enrolment", async () => {
    const res = await admin.post(`${importsUrl()}/${job.id}/commit`, { mode: 'valid' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'committed', created: 2, updated: 0, unchanged: 0 });
    expect(await countStudents([GOOD_1, GOOD_2])).toBe(2);
    expect(await countStudents([BAD_DATE, BAD_CLASS, NO_NAME, FORMULA])).toBe(0);
    const [s] = await t.database.execute<Record<string, unknown>>(
      `select s.full_name, s.birth_date::text as birth_date, s.gender, s.ethnicity_code, s.citizen_id, s.disability,
              s.orphan, s.address, c.name as class_name,
              (select count(*)::int from enrolments e where e.school_id = s.school_id and e.student_id = s.id
                 and e.end_date is null and e.class_id = s.current_class_id and e.reason = 'new') as open_enrolments
       from students s join classes c on c.school_id = s.school_id and c.id = s.current_class_id
       where s.school_id = $1 and s.sector_id = $2`,
      [schoolId, GOOD_2],
    );
    expect(s).toMatchObject({
      full_name: 'Lý Thị Sơn',
      birth_date: '2012-04-01', // Excel serial 41000
      gender: 'F',
      ethnicity_code: '03',
      citizen_id: '012345678901', // typed as a number: the leading zero is restored
      disability: 'nghe',
      orphan: 'one_parent',
      address: 'Tổ 5',
      class_name: '7A1',
      open_enrolments: 1,
    });
    const audit = await t.database.execute<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_log where school_id = $1 and (entity = 'import_job' and entity_id = $2 or entity = 'student' and after->>'sectorId' in ($3, $4)) group by action order by action`,
      [schoolId, job.id, GOOD_1, GOOD_2],
    );
    expect(audit).toEqual([
      { action: 'create', n: 2 },
      { action: 'import', n: 1 },
    ]);
    const second = await admin.post(`${importsUrl()}/${job.id}/commit`, { mode: 'valid' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('IMPORT_ALREADY_COMMITTED');
  });

  it('re-importing the same file changes nothing', async () => {
    const res = await upload(admin, `${importsUrl()}/students`, await badRowsFile());
    const again: ImportJob = res.json();
    const before = await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log');
    const commit = await admin.post(`${importsUrl()}/${again.id}/commit`, { mode: 'valid' });
    expect(commit.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const after = await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log');
    expect(after[0].n).toBe(before[0].n + 1); // only the job's own 'import' entry
  });

  it('a changed class updates the student, closes the old enrolment and opens a new one', async () => {
    const file = await buildWorkbook({
      rows: [
        STUDENT_HEADERS,
        [GOOD_1, 'Lò Văn Pấng', '05/09/2012', 'Nam', 'Thái', '6A2', null, null, 'Hộ nghèo'],
      ],
    });
    const job2: ImportJob = (await upload(admin, `${importsUrl()}/students`, file)).json();
    expect(job2.errorRows).toBe(0);
    const res = await admin.post(`${importsUrl()}/${job2.id}/commit`, { mode: 'all' });
    expect(res.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const rows = await t.database.execute<{ name: string; reason: string; end_reason: string | null }>(
      `select c.name, e.reason, e.end_reason from enrolments e join students s on s.school_id = e.school_id and s.id = e.student_id
       join classes c on c.school_id = e.school_id and c.id = e.class_id where s.school_id = $1 and s.sector_id = $2 order by e.created_at, c.name`,
      [schoolId, GOOD_1],
    );
    expect(rows).toEqual([
      { name: '6A1', reason: 'new', end_reason: 'class_change' },
      { name: '6A2', reason: 'class_change', end_reason: null },
    ]);
    // the audit entry holds the changed fields only, before and after (the file leaves the address empty)
    const [entry] = await t.database.execute<{ before: unknown; after: unknown; c6a1: string; c6a2: string }>(
      `select a.before, a.after,
              (select id::text from classes where school_id = $1 and name = '6A1' and school_year_id = c.school_year_id) as c6a1,
              c.id::text as c6a2
         from audit_log a join students s on s.school_id = a.school_id and s.id::text = a.entity_id
         join classes c on c.school_id = s.school_id and c.id = s.current_class_id
        where a.school_id = $1 and a.entity = 'student' and a.action = 'update' and s.sector_id = $2
        order by a.id desc limit 1`,
      [schoolId, GOOD_1],
    );
    expect(entry.before).toEqual({ address: 'Bản Cư Nhà La', currentClassId: entry.c6a1 });
    expect(entry.after).toEqual({ address: null, currentClassId: entry.c6a2 });
  });

  it('one pass (?commit=all): a bad row after a written batch rolls the whole file back', async () => {
    // 1,200 good rows (the first 1,000 are written as one batch while the rest are read), then a bad date
    const ids = Array.from({ length: 1200 }, (_, i) => String(9_800_000_000 + i));
    const file = await buildWorkbook({
      rows: [
        STUDENT_HEADERS,
        ...ids.map((id, i) => [id, `Lò Văn Học ${i}`, '05/09/2012', 'Nam', 'Thái', '6A1']),
        ['9800009999', 'Tẩn Thị Mẩy', '31/02/2013', 'Nữ', 'Dao', '6A1'],
      ],
    });
    const before = await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log');
    const res = await upload(admin, `${importsUrl()}/students?commit=all`, file);
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json();
    expect(body.code).toBe('IMPORT_HAS_ERRORS');
    expect(body.message).toMatch(/1 dòng lỗi/);
    expect(await countStudents(ids)).toBe(0);
    const after = await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log');
    expect(after[0].n).toBe(before[0].n);
    // the report stays as a validated job: the valid rows can still be committed after review
    const report: ImportJob = (await admin.get(`${importsUrl()}/${body.details.jobId}`)).json();
    expect(report).toMatchObject({ status: 'validated', totalRows: 1201, validRows: 1200, errorRows: 1 });
    expect(report.errors[0]).toMatchObject({ row: 1202, code: 'INVALID_DATE', column: 'C' });
    const commit = await admin.post(`${importsUrl()}/${report.id}/commit`, { mode: 'valid' });
    expect(commit.json()).toMatchObject({ status: 'committed', created: 1200 });
    expect(await countStudents(ids)).toBe(1200);
  });

  it('one pass (?commit=all) writes a clean file with enrolments and audit entries; again changes nothing', async () => {
    const ids = ['9900000021', '9900000022', '9900000023'];
    const file = await buildWorkbook({
      rows: [
        STUDENT_HEADERS,
        [ids[0], 'Lò Văn Xoan', '05/09/2012', 'Nam', 'Thái', '6A1'],
        [ids[1], 'Tẩn Thị Mẩy', '06/10/2012', 'Nữ', 'Dao', '6A2'],
        [ids[2], 'Giàng A Páo', '07/11/2011', 'Nam', 'Mông', '7A1'],
      ],
    });
    const res = await upload(admin, `${importsUrl()}/students?commit=all`, file);
    expect(res.statusCode, res.body).toBe(201);
    const job: ImportJob = res.json();
    expect(job).toMatchObject({ status: 'committed', totalRows: 3, validRows: 3, created: 3, errorRows: 0 });
    expect(await countStudents(ids)).toBe(3);
    const [written] = await t.database.execute<{ enrolments: number; entries: number; imports: number }>(
      `select (select count(*)::int from enrolments e join students s on s.school_id = e.school_id and s.id = e.student_id
                where s.school_id = $1 and s.sector_id = any($2::text[]) and e.reason = 'new' and e.end_date is null) as enrolments,
              (select count(*)::int from audit_log where school_id = $1 and entity = 'student' and action = 'create'
                and after->>'sectorId' = any($2::text[])) as entries,
              (select count(*)::int from audit_log where school_id = $1 and entity = 'import_job' and entity_id = $3) as imports`,
      [schoolId, ids, job.id],
    );
    expect(written).toEqual({ enrolments: 3, entries: 3, imports: 1 });
    const again = await upload(admin, `${importsUrl()}/students?commit=all`, file);
    expect(again.json()).toMatchObject({ status: 'committed', created: 0, updated: 0, unchanged: 3 });
  });

  it('reports a missing required column and re-ordered columns still match', async () => {
    const file = await buildWorkbook({
      rows: [
        ['LỚP', 'ho va ten', 'Giới  tính', 'Mã định danh', 'Dân tộc'],
        ['6A1', 'Hoàng Văn Dũng', 'Nam', '9900000099', 'Tày'],
      ],
    });
    const job3: ImportJob = (await upload(admin, `${importsUrl()}/students`, file)).json();
    expect(job3).toMatchObject({ totalRows: 1, validRows: 0, errorRows: 1 });
    expect(job3.errors).toEqual([
      expect.objectContaining({ row: 1, code: 'MISSING_COLUMN', field: 'birthDate', column: null }),
    ]);
    const commit = await admin.post(`${importsUrl()}/${job3.id}/commit`, { mode: 'valid' });
    expect(commit.json().code).toBe('IMPORT_NO_VALID_ROWS');
    const discard = await admin.request('DELETE', `${importsUrl()}/${job3.id}`);
    expect(discard.json().status).toBe('discarded');
  });

  it('refuses files that are not .xlsx', async () => {
    const res = await upload(admin, `${importsUrl()}/students`, Buffer.from('Mã định danh,Họ và tên\n1,2\n'));
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_FILE');
    // an interrupted upload: the zip's end record is missing (the streaming unzip would wait forever)
    const whole = await badRowsFile();
    const cut = await upload(
      admin,
      `${importsUrl()}/students`,
      whole.subarray(0, Math.floor(whole.length / 2)),
    );
    expect(cut.statusCode).toBe(415);
    expect(cut.json().message).toContain('cắt cụt');
  });

  it('forbids a teacher and another school’s principal', async () => {
    const file = await badRowsFile();
    for (const username of ['giaovien.qt', 'hieutruong.th1']) {
      const c = await login(t.app, username);
      const res = await upload(c, `${importsUrl()}/students`, file);
      expect(res.statusCode, username).toBe(403);
      expect((await c.get(`${importsUrl()}/templates/students.xlsx`)).statusCode).toBe(403);
      expect((await c.post(`${importsUrl()}/${job.id}/commit`, { mode: 'valid' })).statusCode).toBe(403);
    }
  });
});

describe('templates and exports', () => {
  it('serves a template with dropdowns on a hidden Danh mục sheet', async () => {
    const res = await admin.get(`${importsUrl()}/templates/students.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('mau-nhap-hoc-sinh.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [data, lists] = wb.worksheets;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(STUDENT_HEADERS);
    expect(lists.name).toBe('Danh mục');
    expect(lists.state).toBe('hidden');
    const columns = new Map<string, string[]>();
    lists.getRow(1).eachCell((c, col) => {
      const values: string[] = [];
      lists.getColumn(col).eachCell((v, r) => {
        if (r > 1 && v.value !== null) values.push(String(v.value));
      });
      columns.set(String(c.value), values);
    });
    expect(columns.get('Giới tính')).toEqual(['Nam', 'Nữ']);
    expect(columns.get('Dân tộc')).toHaveLength(54);
    expect(columns.get('Lớp')).toEqual(expect.arrayContaining(['6A1', '8A3']));
    expect(data.getCell('D2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ["'Danh mục'!$A$2:$A$3"],
    });
    // the template itself imports as an empty sheet
    const job: ImportJob = (await upload(admin, `${importsUrl()}/students`, res.rawPayload)).json();
    expect(job.errors.map((e) => e.code)).toEqual(['EMPTY_SHEET']);
    for (const kind of ['guardians', 'staff', 'classes'])
      expect((await admin.get(`${importsUrl()}/templates/${kind}.xlsx`)).statusCode).toBe(200);
  });

  it('an export of the students re-imports with zero changes', async () => {
    const res = await admin.get(`/api/export/students.xlsx?schoolId=${schoolId}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readRows(res.rawPayload);
    expect(rows[0]).toEqual(STUDENT_HEADERS);
    const [{ n }] = await t.database.execute<{ n: number }>(
      'select count(*)::int as n from students where school_id = $1',
      [schoolId],
    );
    expect(rows.length - 1).toBe(n);
    const job: ImportJob = (await upload(admin, `${importsUrl()}/students`, res.rawPayload)).json();
    expect(job.errors).toEqual([]);
    expect(job).toMatchObject({ totalRows: n, validRows: n, errorRows: 0 });
    const commit = await admin.post(`${importsUrl()}/${job.id}/commit`, { mode: 'all' });
    expect(commit.json()).toMatchObject({ created: 0, updated: 0, unchanged: n });
  });

  it('exports follow the list scope: a teacher gets only the students of their classes', async () => {
    const teacher = await login(t.app, 'giaovien.qt');
    const res = await teacher.get('/api/export/students.xlsx');
    expect(res.statusCode).toBe(200);
    const rows = await readRows(res.rawPayload);
    const list = await teacher.get('/api/students?pageSize=500');
    expect(rows.length - 1).toBe(list.json().total);
    expect(rows[0].at(-1)).toBe('Trường'); // no school filter: the school is added as a last column
  });

  it('guardians, staff and classes export and re-import unchanged', async () => {
    for (const kind of ['guardians', 'staff', 'classes'] as const) {
      const res = await admin.get(`/api/export/${kind}.xlsx?schoolId=${schoolId}`);
      expect(res.statusCode, kind).toBe(200);
      const job: ImportJob = (await upload(admin, `${importsUrl()}/${kind}`, res.rawPayload)).json();
      expect(job.errors, kind).toEqual([]);
      expect(job.totalRows, kind).toBeGreaterThan(0);
      const commit = await admin.post(`${importsUrl()}/${job.id}/commit`, { mode: 'all' });
      expect(commit.json(), kind).toMatchObject({ created: 0, updated: 0, unchanged: job.totalRows });
    }
  });
});

describe('guardians, staff and classes imports', () => {
  it('creates and links guardians, staff and classes by their identifiers', async () => {
    const classes = await buildWorkbook({
      name: 'Lớp học',
      rows: [
        ['Tên lớp', 'Khối', 'Phòng học', 'Mã GVCN', 'Lớp học thông minh'],
        ['9A9', 9, 'P.409', null, 'Có'],
        ['6a1', 6, 'P.101', null, 'Có'], // existing class (case-insensitive): homeroom removed
        ['9A10', 13, null, 'KHONGCO', 'x'],
      ],
    });
    const cj: ImportJob = (await upload(admin, `${importsUrl()}/classes`, classes)).json();
    expect(cj.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'B', 'INVALID_VALUE'],
      [4, 'D', 'UNKNOWN_STAFF'],
    ]);
    const cc = (await admin.post(`${importsUrl()}/${cj.id}/commit`, { mode: 'valid' })).json();
    expect(cc).toMatchObject({ created: 1, updated: 1 });

    const staffFile = await buildWorkbook({
      name: 'Cán bộ',
      rows: [
        [
          'Mã cán bộ',
          'Họ và tên',
          'Giới tính',
          'Nhóm',
          'Chức vụ',
          'Ngày sinh',
          'Môn dạy chính',
          'Số điện thoại',
        ],
        [
          'CB-IMPORT-1',
          'Phàn Văn Lợi',
          'Nam',
          'Giáo viên',
          'Giáo viên',
          '12/12/1990',
          'THCS_TOAN',
          912345678,
        ],
        ['CB-IMPORT-2', 'Sùng Thị Mai', 'Nữ', 'GV', 'Hiệu phó', null, 'Môn không có'],
      ],
    });
    const sj: ImportJob = (await upload(admin, `${importsUrl()}/staff`, staffFile)).json();
    expect(sj.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'E', 'INVALID_VALUE'],
      [3, 'G', 'UNKNOWN_SUBJECT'],
    ]);
    expect((await admin.post(`${importsUrl()}/${sj.id}/commit`, { mode: 'valid' })).json()).toMatchObject({
      created: 1,
    });
    const [teacher] = await t.database.execute<{ phone: string }>(
      'select phone from staff where school_id = $1 and staff_code = $2',
      [schoolId, 'CB-IMPORT-1'],
    );
    expect(teacher.phone).toBe('0912345678');

    const guardianFile = await buildWorkbook({
      name: 'Phụ huynh',
      rows: [
        ['Số điện thoại', 'Họ và tên', 'Mã định danh học sinh', 'Quan hệ', 'Liên hệ chính'],
        ['0987 654 321', 'Lò Văn Chiến', `${GOOD_1}, ${GOOD_2}`, 'Bố', 'Có'],
        ['0987654322', 'Lò Thị Hoa', '1111111111', 'Mẹ'],
        ['0987654323', 'Lò Thị Hương', GOOD_1, null],
      ],
    });
    const gj: ImportJob = (await upload(admin, `${importsUrl()}/guardians`, guardianFile)).json();
    expect(gj.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'C', 'UNKNOWN_STUDENT'],
      [4, 'D', 'REQUIRED'],
    ]);
    expect((await admin.post(`${importsUrl()}/${gj.id}/commit`, { mode: 'valid' })).json()).toMatchObject({
      created: 1,
    });
    const links = await t.database.execute<{ sector_id: string; relationship: string; is_primary: boolean }>(
      `select s.sector_id, sg.relationship, sg.is_primary from student_guardians sg
       join guardians g on g.school_id = sg.school_id and g.id = sg.guardian_id
       join students s on s.school_id = sg.school_id and s.id = sg.student_id
       where g.school_id = $1 and g.phone = '0987654321' order by s.sector_id`,
      [schoolId],
    );
    expect(links).toEqual([
      { sector_id: GOOD_1, relationship: 'father', is_primary: true },
      { sector_id: GOOD_2, relationship: 'father', is_primary: true },
    ]);
  });
});
