import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
let principal: Client;
let otherPrincipal: Client;
let teacher: Client;
let parent: Client;
let otherParent: Client;
let qt: string;
let tp: string;
let child: { id: string; currentClassId: string; fullName: string; sectorId: string };

const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.execute<{ n: number }>(sql, params))[0].n;

beforeAll(async () => {
  t = await createTestApp({ gradebookDemo: true });
  admin = await login(t.app, 'admin.so');
  principal = await login(t.app, 'hieutruong.qt');
  otherPrincipal = await login(t.app, 'hieutruong.th1');
  teacher = await login(t.app, 'giaovien.qt');
  parent = await login(t.app, 'phuhuynh.qt');
  otherParent = await login(t.app, 'phuhuynh.tp');
  const units = (await admin.get('/api/units?kind=school&pageSize=100')).json().items as {
    id: string;
    code: string;
  }[];
  qt = units.find((u) => u.code === 'LCU-TP-QT')!.id;
  tp = units.find((u) => u.code === 'LCU-TP-TP')!.id;
  child = (await parent.get('/api/students')).json().items[0];
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('personal data export (guardian request)', () => {
  it('gives a parent everything held about their own child, without secrets, and audits it', async () => {
    // Data in several modules: a message in the contact book and a consent decision.
    const thread = await teacher.post(`/api/schools/${qt}/message-threads`, {
      kind: 'student',
      studentId: child.id,
    });
    await teacher.post(`/api/schools/${qt}/message-threads/${thread.json().id}/messages`, {
      body: 'Em học tốt, cần luyện thêm Toán.',
    });
    await parent.post(`/api/schools/${qt}/students/${child.id}/consents`, {
      purpose: 'photo',
      status: 'given',
      noticeVersion: '2025-01',
    });
    const res = await parent.get(`/api/schools/${qt}/students/${child.id}/personal-data`);
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json() as {
      student: { id: string; fullName: string };
      sections: { module: string; table: string; title: string; rows: Record<string, unknown>[] }[];
    };
    expect(data.student.id).toBe(child.id);
    const tables = new Set(data.sections.map((s) => s.table));
    for (const table of [
      'students',
      'enrolments',
      'guardians',
      'student_guardians',
      'grade_entries',
      'grade_subject_results',
      'message_threads',
      'messages',
      'privacy_consents',
    ])
      expect(tables.has(table), table).toBe(true);
    const modules = new Set(data.sections.map((s) => s.module));
    for (const m of ['registry', 'gradebook', 'contact-book', 'privacy'])
      expect(modules.has(m), m).toBe(true);
    expect(
      data.sections
        .find((s) => s.table === 'messages')!
        .rows.some((r) => String(r.body).includes('luyện thêm')),
    ).toBe(true);
    // Every row is about this child (or their guardians / threads).
    for (const s of data.sections)
      for (const r of s.rows) if ('student_id' in r) expect(r.student_id, s.table).toBe(child.id);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/password_hash|token_hash|save_token|csrf_token/);
    expect(text).not.toMatch(/\$argon2/);
    expect(
      await count(
        "select count(*)::int as n from audit_log where action = 'personal_data_export' and entity_id = $1",
        [child.id],
      ),
    ).toBeGreaterThan(0);
  });

  it('gives the school administration the same export, as JSON and as a readable workbook', async () => {
    const json = await principal.get(`/api/schools/${qt}/students/${child.id}/personal-data`);
    expect(json.statusCode).toBe(200);
    const res = await principal.get(`/api/schools/${qt}/students/${child.id}/personal-data.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Tóm tắt')!;
    const cells = summary.getSheetValues().flat().map(String);
    expect(cells).toContain(child.fullName);
    expect(wb.worksheets.length).toBe(json.json().sections.length + 1);
    expect(wb.worksheets.map((w) => w.name)).toContain('Hồ sơ học sinh');
  });

  it('refuses another family, a teacher, another school and an unknown student', async () => {
    const url = `/api/schools/${qt}/students/${child.id}/personal-data`;
    expect((await otherParent.get(url)).statusCode).toBe(403);
    expect((await teacher.get(url)).statusCode).toBe(403);
    expect((await otherPrincipal.get(url)).statusCode).toBe(403);
    expect((await principal.get(`/api/schools/${tp}/students/${child.id}/personal-data`)).statusCode).toBe(
      404,
    );
    expect(
      (await principal.get(`/api/schools/${qt}/students/00000000-0000-4000-8000-000000000000/personal-data`))
        .statusCode,
    ).toBe(404);
  });
});

describe('consent records', () => {
  it('records given and withdrawn decisions with time, notice version, guardian and channel', async () => {
    const url = `/api/schools/${qt}/students/${child.id}/consents`;
    expect(
      (await parent.post(url, { purpose: 'face_template', status: 'given', noticeVersion: '2025-01' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await parent.post(url, { purpose: 'face_template', status: 'withdrawn', noticeVersion: '2025-01' }))
        .statusCode,
    ).toBe(201);
    const res = await parent.get(url);
    expect(res.statusCode).toBe(200);
    const c = res.json() as {
      current: {
        purpose: string;
        record: { status: string; channel: string; guardianId: string; noticeVersion: string } | null;
      }[];
      history: { purpose: string; status: string; recordedAt: string }[];
    };
    const face = c.current.find((x) => x.purpose === 'face_template')!.record!;
    expect(face.status).toBe('withdrawn');
    expect(face.channel).toBe('online');
    expect(face.guardianId).toBe(parent.me.guardianId);
    expect(face.noticeVersion).toBe('2025-01');
    expect(c.history.filter((h) => h.purpose === 'face_template').map((h) => h.status)).toEqual([
      'withdrawn',
      'given',
    ]);
    expect(c.current.find((x) => x.purpose === 'contact_sms')!.record).toBeNull();
    expect(
      await count(
        "select count(*)::int as n from audit_log where action in ('consent_given', 'consent_withdrawn') and entity_id = $1",
        [child.id],
      ),
    ).toBeGreaterThanOrEqual(2);
  });

  it('lets the school record a paper form naming the child’s guardian, and nobody else’s', async () => {
    const url = `/api/schools/${qt}/students/${child.id}/consents`;
    const own = await principal.post(url, {
      purpose: 'contact_zalo',
      status: 'given',
      noticeVersion: '2025-01',
      guardianId: parent.me.guardianId,
    });
    expect(own.statusCode, own.body).toBe(201);
    const foreign = await principal.post(url, {
      purpose: 'contact_zalo',
      status: 'given',
      noticeVersion: '2025-01',
      guardianId: otherParent.me.guardianId,
    });
    expect(foreign.statusCode).toBe(400);
    // A parent cannot decide in another guardian's name; a teacher reads but does not record.
    const spoof = await parent.post(url, {
      purpose: 'contact_sms',
      status: 'given',
      noticeVersion: '2025-01',
      guardianId: otherParent.me.guardianId,
    });
    expect(spoof.statusCode).toBe(403);
    expect((await teacher.get(url)).statusCode).toBe(200);
    expect(
      (await teacher.post(url, { purpose: 'photo', status: 'given', noticeVersion: '2025-01' })).statusCode,
    ).toBe(403);
  });
});

describe('anonymisation of a departed student', () => {
  it('refuses a current student and changes nothing', async () => {
    const before = await count('select count(*)::int as n from audit_log');
    const res = await principal.post(`/api/schools/${qt}/students/${child.id}/anonymise`, {
      confirmSectorId: child.sectorId,
      reason: 'Thử ẩn danh học sinh đang học',
    });
    expect(res.statusCode).toBe(409);
    expect(await count('select count(*)::int as n from audit_log')).toBe(before);
  });

  it('anonymises contact data, messages, device mappings and the account, keeps the archival records', async () => {
    // A Quyết Tiến student with a guardian, an account, a message, a device mapping and gradebook results.
    const classes = (await admin.get(`/api/classes?schoolId=${qt}&pageSize=100`)).json().items as {
      id: string;
    }[];
    const pupil = (await admin.get(`/api/students?classId=${classes[5].id}&pageSize=5`)).json().items[2] as {
      id: string;
      sectorId: string;
      fullName: string;
    };
    const detail = (await admin.get(`/api/schools/${qt}/students/${pupil.id}`)).json();
    await admin.patch(`/api/schools/${qt}/students/${pupil.id}`, { address: 'Tổ 7, phường Quyết Tiến' });
    const account = await admin.post('/api/users', {
      username: 'hocsinh.roi.truong',
      fullName: pupil.fullName,
      password: 'HocSinh@2025',
      role: 'student',
      unitId: qt,
      studentId: pupil.id,
    });
    expect(account.statusCode, account.body).toBe(201);
    const pupilClient = await login(t.app, 'hocsinh.roi.truong', 'HocSinh@2025');
    const thread = await principal.post(`/api/schools/${qt}/message-threads`, {
      kind: 'student',
      studentId: pupil.id,
    });
    await principal.post(`/api/schools/${qt}/message-threads/${thread.json().id}/messages`, {
      body: 'Số điện thoại mới của gia đình là 0912 345 678.',
    });
    const mapped = await admin.post(`/api/schools/${qt}/device-users`, {
      pin: '77001',
      personKind: 'student',
      personId: pupil.id,
    });
    expect(mapped.statusCode, mapped.body).toBeLessThan(300);
    const grades = await count('select count(*)::int as n from grade_entries where student_id = $1', [
      pupil.id,
    ]);
    const enrolments = await count('select count(*)::int as n from enrolments where student_id = $1', [
      pupil.id,
    ]);
    // Transfer out to Tân Phong: the Quyết Tiến record is closed ('transferred_out').
    const tpClass = (await admin.get(`/api/classes?schoolId=${tp}&pageSize=100`)).json().items[0]
      .id as string;
    const moved = await admin.post(`/api/schools/${qt}/students/${pupil.id}/transfer`, {
      toClassId: tpClass,
      toSchoolId: tp,
      date: '2025-01-06',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const url = `/api/schools/${qt}/students/${pupil.id}/anonymise`;
    // Another school's principal and a teacher are refused; a wrong confirmation is refused.
    expect(
      (await otherPrincipal.post(url, { confirmSectorId: pupil.sectorId, reason: 'Yêu cầu của gia đình' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await teacher.post(url, { confirmSectorId: pupil.sectorId, reason: 'Yêu cầu của gia đình' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await principal.post(url, { confirmSectorId: 'sai-ma', reason: 'Yêu cầu của gia đình' })).statusCode,
    ).toBe(400);
    const res = await principal.post(url, {
      confirmSectorId: pupil.sectorId,
      reason: 'Yêu cầu của gia đình sau khi chuyển trường',
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as { changed: Record<string, number>; kept: string[] };
    expect(result.changed.students).toBe(1);
    expect(result.changed.messages).toBeGreaterThanOrEqual(1);
    expect(result.changed.attendance_device_users).toBe(1);
    expect(result.changed.users).toBe(1);
    const [s] = await t.database.execute<{ address: string | null; full_name: string }>(
      'select address, full_name from students where school_id = $1 and id = $2',
      [qt, pupil.id],
    );
    expect(s.address).toBeNull();
    expect(s.full_name).toBe(pupil.fullName); // archival identity kept
    expect(await count("select count(*)::int as n from messages where body like '%0912%'")).toBe(0);
    expect(
      await count('select count(*)::int as n from attendance_device_users where person_id = $1', [pupil.id]),
    ).toBe(0);
    // Archival records are untouched.
    expect(
      await count('select count(*)::int as n from grade_entries where student_id = $1', [pupil.id]),
    ).toBe(grades);
    expect(
      await count('select count(*)::int as n from enrolments where student_id = $1', [pupil.id]),
    ).toBeGreaterThanOrEqual(enrolments);
    // The student's account is closed and signed out.
    expect((await pupilClient.get('/api/auth/me')).statusCode).toBe(401);
    // Guardians with no other child at school are anonymised; those with one keep their data.
    for (const g of detail.guardians as { id: string }[]) {
      const [row] = await t.database.execute<{ phone: string | null }>(
        'select phone from guardians where school_id = $1 and id = $2',
        [qt, g.id],
      );
      const others = await count(
        "select count(*)::int as n from student_guardians sg join students s on s.school_id = sg.school_id and s.id = sg.student_id where sg.guardian_id = $1 and sg.student_id <> $2 and s.status = 'studying'",
        [g.id, pupil.id],
      );
      if (others === 0) expect(row.phone).toMatch(/^an-danh-/); // the phone is unique per school: a placeholder
    }
    // The Tân Phong record (the student now studies there) is not touched.
    const there = await count(
      "select count(*)::int as n from students where school_id = $1 and sector_id = $2 and status = 'studying'",
      [tp, pupil.sectorId],
    );
    expect(there).toBe(1);
    const [entry] = await t.database.execute<{ after: { reason: string } }>(
      "select after from audit_log where action = 'anonymise' and entity_id = $1",
      [pupil.id],
    );
    expect(entry.after.reason).toContain('chuyển trường');
  });
});
