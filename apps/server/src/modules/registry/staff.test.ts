import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

type Subject = { id: string; code: string; level: string };
type StaffBody = { id: string; staffCode: string; subjectIds: string[]; schoolId: string };
type AssignmentBody = {
  id: string;
  staffId: string;
  classId: string;
  subjectId: string;
  schoolYearId: string;
};
type AuditBody = {
  action: string;
  entityId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

let t: TestApp;
let admin: Client;
let qtId: string;
let thcs: Subject[];
let th: Subject[];
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'hieutruong.qt');
  qtId = admin.me.homeUnitId!;
  thcs = (await admin.get('/api/reference/subjects?level=THCS')).json();
  th = (await admin.get('/api/reference/subjects?level=TH')).json();
});
afterAll(async () => {
  await t?.close();
});

const newStaff = (staffCode: string, subjectIds: string[] = []) => ({
  staffCode,
  fullName: 'Giàng Thị Mai',
  gender: 'F',
  birthDate: '1990-03-15',
  ethnicityCode: '13',
  category: 'teacher',
  position: 'teacher',
  qualification: 'bachelor',
  mainSubjectCode: 'THCS_TOAN',
  phone: '0912345678',
  subjectIds,
});

describe('staff (cán bộ, giáo viên, nhân viên)', () => {
  it('creates and updates a staff member with subjects, recording both in the audit log', async () => {
    const created = await admin.post(`/api/schools/${qtId}/staff`, newStaff('GV-TEST-001', [thcs[0].id]));
    expect(created.statusCode).toBe(201);
    const s: StaffBody = created.json();
    expect(s).toMatchObject({ staffCode: 'GV-TEST-001', schoolId: qtId, subjectIds: [thcs[0].id] });

    const patched = await admin.patch(`/api/schools/${qtId}/staff/${s.id}`, {
      position: 'vice_principal',
      subjectIds: [thcs[1].id, thcs[2].id],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().position).toBe('vice_principal');
    expect([...patched.json().subjectIds].sort()).toEqual([thcs[1].id, thcs[2].id].sort());
    const got = await admin.get(`/api/schools/${qtId}/staff/${s.id}`);
    expect(got.json().subjectIds).toHaveLength(2);

    const audit = (await admin.get(`/api/audit?entity=staff&entityId=${s.id}`)).json().items as AuditBody[];
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'update']);
    const update = audit.find((e) => e.action === 'update')!;
    expect(update.before).toEqual({ position: 'teacher', subjectIds: [thcs[0].id] });
    expect(update.after.position).toBe('vice_principal');

    const list = await admin.get(`/api/staff?schoolId=${qtId}&category=teacher&q=Giàng Thị Mai`);
    expect(list.json().items.map((x: StaffBody) => x.id)).toContain(s.id);
  });

  it('refuses a duplicate staff code and unknown references, naming the field', async () => {
    await admin.post(`/api/schools/${qtId}/staff`, newStaff('GV-TEST-002'));
    const dup = await admin.post(`/api/schools/${qtId}/staff`, newStaff('GV-TEST-002'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', details: { field: 'staffCode' } });

    const badSubject = await admin.post(
      `/api/schools/${qtId}/staff`,
      newStaff('GV-TEST-003', ['00000000-0000-4000-8000-000000000000']),
    );
    expect(badSubject.statusCode).toBe(400);
    expect(badSubject.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'subjectIds' } });

    const badEthnicity = await admin.post(`/api/schools/${qtId}/staff`, {
      ...newStaff('GV-TEST-004'),
      ethnicityCode: '99',
    });
    expect(badEthnicity.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'ethnicityCode' },
    });

    const invalid = await admin.post(`/api/schools/${qtId}/staff`, {
      ...newStaff('GV-TEST-005'),
      gender: 'X',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details.issues[0].field).toBe('gender');
  });

  it("keeps another school's principal and parents out of Quyết Tiến's staff", async () => {
    const th1 = await login(t.app, 'hieutruong.th1');
    const list = await th1.get(`/api/staff?schoolId=${qtId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(0);
    const member = (await admin.get(`/api/staff?schoolId=${qtId}&pageSize=1`)).json().items[0] as StaffBody;
    expect((await th1.get(`/api/schools/${qtId}/staff/${member.id}`)).statusCode).toBe(403);
    expect((await th1.patch(`/api/schools/${qtId}/staff/${member.id}`, { position: 'x1' })).statusCode).toBe(
      403,
    );
    expect((await th1.post(`/api/schools/${qtId}/staff`, newStaff('GV-TEST-TH1'))).statusCode).toBe(403);

    const parent = await login(t.app, 'phuhuynh.qt');
    expect((await parent.get('/api/staff')).json().total).toBe(0);
    const teacher = await login(t.app, 'giaovien.qt');
    expect((await teacher.get(`/api/schools/${qtId}/staff/${member.id}`)).statusCode).toBe(200);
    expect((await teacher.post(`/api/schools/${qtId}/staff`, newStaff('GV-TEST-GV'))).statusCode).toBe(403);
  });
});

describe('teaching assignments (phân công giảng dạy)', () => {
  it('reassigns a class and subject to another teacher, auditing before and after', async () => {
    const all = (await admin.get(`/api/schools/${qtId}/assignments`)).json() as AssignmentBody[];
    expect(all.length).toBeGreaterThan(0);
    const target = all[0];
    const byClass = (await admin.get(`/api/schools/${qtId}/assignments?classId=${target.classId}`)).json();
    expect(byClass.every((a: AssignmentBody) => a.classId === target.classId)).toBe(true);

    const teacher: StaffBody = (
      await admin.post(`/api/schools/${qtId}/staff`, newStaff('GV-TEST-PC'))
    ).json();
    const res = await admin.post(`/api/schools/${qtId}/assignments`, {
      staffId: teacher.id,
      classId: target.classId,
      subjectId: target.subjectId,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: target.id,
      staffId: teacher.id,
      schoolYearId: target.schoolYearId,
    });
    const mine = (await admin.get(`/api/schools/${qtId}/assignments?staffId=${teacher.id}`)).json();
    expect(mine.map((a: AssignmentBody) => a.id)).toEqual([target.id]);

    const audit = (await admin.get(`/api/audit?entity=teaching_assignment&entityId=${target.id}`)).json()
      .items as AuditBody[];
    expect(audit).toHaveLength(1);
    expect(audit[0].before.staffId).toBe(target.staffId);
    expect(audit[0].after.staffId).toBe(teacher.id);

    const removed = await admin.request('DELETE', `/api/schools/${qtId}/assignments/${target.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ ok: true });
    const again = await admin.post(`/api/schools/${qtId}/assignments`, {
      staffId: target.staffId,
      classId: target.classId,
      subjectId: target.subjectId,
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(target.id);
  });

  it('refuses a subject of another level, a teacher of another school and foreign principals', async () => {
    const [a] = (await admin.get(`/api/schools/${qtId}/assignments`)).json() as AssignmentBody[];
    const wrongLevel = await admin.post(`/api/schools/${qtId}/assignments`, { ...a, subjectId: th[0].id });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'subjectId' } });

    const th1 = await login(t.app, 'hieutruong.th1');
    const th1Staff = (await th1.get('/api/staff?pageSize=1')).json().items[0] as StaffBody;
    const foreignTeacher = await admin.post(`/api/schools/${qtId}/assignments`, {
      staffId: th1Staff.id,
      classId: a.classId,
      subjectId: a.subjectId,
    });
    expect(foreignTeacher.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'staffId' } });

    const denied = await th1.post(`/api/schools/${qtId}/assignments`, {
      staffId: a.staffId,
      classId: a.classId,
      subjectId: a.subjectId,
    });
    expect(denied.statusCode).toBe(403);
    expect((await th1.request('DELETE', `/api/schools/${qtId}/assignments/${a.id}`)).statusCode).toBe(403);
    expect((await th1.get(`/api/schools/${qtId}/assignments`)).statusCode).toBe(403);
  });
});
