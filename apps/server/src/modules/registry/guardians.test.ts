import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

type Child = { studentId: string; fullName: string; relationship: string; isPrimary: boolean };
type GuardianBody = { id: string; schoolId: string; fullName: string; phone: string; children: Child[] };
type StudentBody = { id: string; currentClassId: string | null };

let t: TestApp;
let admin: Client;
let qtId: string;
let qtStudents: StudentBody[];
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'hieutruong.qt');
  qtId = admin.me.homeUnitId!;
  qtStudents = (await admin.get(`/api/students?schoolId=${qtId}&pageSize=500`)).json().items;
});
afterAll(async () => {
  await t?.close();
});

const newGuardian = (studentId: string, phone: string) => ({
  fullName: 'Lò Văn Phong',
  phone,
  occupation: 'Làm nông',
  studentId,
  relationship: 'father',
});

describe('guardians (cha mẹ / người giám hộ)', () => {
  it('creates a guardian, links siblings by phone and records every change in the audit log', async () => {
    const [first, second] = qtStudents;
    const created = await admin.post(`/api/schools/${qtId}/guardians`, newGuardian(first.id, '0912000111'));
    expect(created.statusCode).toBe(201);
    const g: GuardianBody = created.json();
    expect(g.children).toEqual([expect.objectContaining({ studentId: first.id, relationship: 'father' })]);

    // Anh chị em ruột: the same phone links the existing record instead of creating another.
    const sibling = await admin.post(`/api/schools/${qtId}/guardians`, {
      ...newGuardian(second.id, '0912000111'),
      fullName: 'Tên khác',
    });
    expect(sibling.statusCode).toBe(200);
    expect(sibling.json().id).toBe(g.id);
    expect(sibling.json().fullName).toBe('Lò Văn Phong');
    expect(
      sibling
        .json()
        .children.map((c: Child) => c.studentId)
        .sort(),
    ).toEqual([first.id, second.id].sort());

    const patched = await admin.patch(`/api/schools/${qtId}/guardians/${g.id}`, { occupation: 'Giáo viên' });
    expect(patched.statusCode).toBe(200);
    expect((await admin.get(`/api/schools/${qtId}/guardians/${g.id}`)).json().occupation).toBe('Giáo viên');

    const audit = await admin.get(`/api/audit?entity=guardian&entityId=${g.id}`);
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().items as { action: string; before: unknown; after: unknown }[];
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'link', 'update']);
    const update = entries.find((e) => e.action === 'update')!;
    expect(update.before).toEqual({ occupation: 'Làm nông' });
    expect(update.after).toEqual({ occupation: 'Giáo viên' });
  });

  it('links and unlinks a student, keeping one primary guardian per student', async () => {
    const student = qtStudents[5];
    const g: GuardianBody = (
      await admin.post(`/api/schools/${qtId}/guardians`, newGuardian(qtStudents[4].id, '0912000222'))
    ).json();
    const linked = await admin.post(`/api/schools/${qtId}/guardians/${g.id}/links`, {
      studentId: student.id,
      relationship: 'guardian',
      isPrimary: true,
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().children).toContainEqual(
      expect.objectContaining({ studentId: student.id, relationship: 'guardian', isPrimary: true }),
    );
    const detail = (await admin.get(`/api/schools/${qtId}/students/${student.id}`)).json();
    expect(detail.guardians.filter((x: { isPrimary: boolean }) => x.isPrimary)).toHaveLength(1);

    const unlinked = await admin.request(
      'DELETE',
      `/api/schools/${qtId}/guardians/${g.id}/links/${student.id}`,
    );
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json().children.map((c: Child) => c.studentId)).toEqual([qtStudents[4].id]);
    const after = (await admin.get(`/api/schools/${qtId}/students/${student.id}`)).json();
    expect(after.guardians.filter((x: { isPrimary: boolean }) => x.isPrimary)).toHaveLength(1);
    const missing = await admin.request(
      'DELETE',
      `/api/schools/${qtId}/guardians/${g.id}/links/${student.id}`,
    );
    expect(missing.statusCode).toBe(404);
  });

  it('rejects an invalid phone number, naming the field', async () => {
    const res = await admin.post(`/api/schools/${qtId}/guardians`, newGuardian(qtStudents[0].id, '12345'));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.issues[0].field).toBe('phone');
    expect(res.json().message).toContain('phone');
  });

  it('refuses a phone number that belongs to another guardian, and a student of another school', async () => {
    const a: GuardianBody = (
      await admin.post(`/api/schools/${qtId}/guardians`, newGuardian(qtStudents[6].id, '0912000333'))
    ).json();
    await admin.post(`/api/schools/${qtId}/guardians`, newGuardian(qtStudents[7].id, '0912000444'));
    const dup = await admin.patch(`/api/schools/${qtId}/guardians/${a.id}`, { phone: '0912000444' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', details: { field: 'phone' } });

    const th1 = await login(t.app, 'hieutruong.th1');
    const th1Student = (await th1.get('/api/students?pageSize=1')).json().items[0] as StudentBody;
    const foreign = await admin.post(
      `/api/schools/${qtId}/guardians`,
      newGuardian(th1Student.id, '0912000555'),
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'studentId' } });
  });

  it('shows a parent exactly their own guardian record', async () => {
    const parent = await login(t.app, 'phuhuynh.qt');
    const res = await parent.get('/api/guardians');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items.map((g: GuardianBody) => g.id)).toEqual([parent.me.guardianId]);
    expect(res.json().items[0].children.length).toBeGreaterThan(0);
    expect((await parent.get(`/api/schools/${qtId}/guardians/${parent.me.guardianId}`)).statusCode).toBe(200);

    // The other guardians of the same child are not theirs to read.
    const childId = res.json().items[0].children[0].studentId;
    const all = (await admin.get(`/api/guardians?studentId=${childId}`)).json().items as GuardianBody[];
    for (const other of all.filter((g) => g.id !== parent.me.guardianId)) {
      expect((await parent.get(`/api/schools/${qtId}/guardians/${other.id}`)).statusCode).toBe(403);
    }
    const write = await parent.patch(`/api/schools/${qtId}/guardians/${parent.me.guardianId}`, {
      occupation: 'x',
    });
    expect(write.statusCode).toBe(403);
  });

  it("shows a teacher the guardians of their classes' students only", async () => {
    const teacher = await login(t.app, 'giaovien.qt');
    const mine = (await teacher.get('/api/students?pageSize=500')).json().items as StudentBody[];
    expect(mine.length).toBeGreaterThan(0);
    const myStudentIds = new Set(mine.map((s) => s.id));
    const res = await teacher.get('/api/guardians?pageSize=500');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as GuardianBody[];
    expect(items.length).toBeGreaterThan(0);
    for (const g of items) {
      expect(g.children.length).toBeGreaterThan(0);
      for (const c of g.children) expect(myStudentIds.has(c.studentId)).toBe(true);
    }
    const [{ n }] = await t.database.execute<{ n: number }>(
      `select count(distinct sg.guardian_id)::int as n from student_guardians sg
       where sg.school_id = $1 and sg.student_id = any($2::uuid[])`,
      [qtId, [...myStudentIds]],
    );
    expect(res.json().total).toBe(n);

    const outside = qtStudents.find((s) => !myStudentIds.has(s.id))!;
    const theirs = (await admin.get(`/api/guardians?studentId=${outside.id}`)).json().items as GuardianBody[];
    const foreign = theirs.find((g) => g.children.every((c) => !myStudentIds.has(c.studentId)))!;
    expect((await teacher.get(`/api/schools/${qtId}/guardians/${foreign.id}`)).statusCode).toBe(403);
    const write = await teacher.post(`/api/schools/${qtId}/guardians`, newGuardian(mine[0].id, '0912000666'));
    expect(write.statusCode).toBe(403);
  });

  it("keeps another school's principal out of Quyết Tiến's guardians", async () => {
    const th1 = await login(t.app, 'hieutruong.th1');
    const list = await th1.get(`/api/guardians?schoolId=${qtId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(0);
    const g = (await admin.get(`/api/guardians?schoolId=${qtId}&pageSize=1`)).json().items[0] as GuardianBody;
    expect((await th1.get(`/api/schools/${qtId}/guardians/${g.id}`)).statusCode).toBe(403);
    expect((await th1.patch(`/api/schools/${qtId}/guardians/${g.id}`, { occupation: 'x' })).statusCode).toBe(
      403,
    );
    const create = await th1.post(
      `/api/schools/${qtId}/guardians`,
      newGuardian(qtStudents[0].id, '0912000777'),
    );
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('FORBIDDEN');
    const q = await admin.get(`/api/guardians?q=${encodeURIComponent(g.phone)}`);
    expect(q.json().items.map((x: GuardianBody) => x.id)).toContain(g.id);
  });
});
