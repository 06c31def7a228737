/**
 * The access matrix: every API route × every demo role × a record inside and outside the role's scope.
 *
 * The routes come from the route table (the OpenAPI document), so a new route without a rule here fails.
 * Expectations are written out by hand from the role definitions (not computed by the code under test):
 * no role reads or writes outside its scope, and every allowed write leaves an audit entry while a refused
 * one changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expected, type Fixture, type Rule, S, USERS, type User, uniq, WHERE } from './access-rules';
import { MODULE_RULES } from './access-rules.modules';
import { type Client, createTestApp, login, type TestApp } from './harness';

const RULES: Record<string, Rule> = {
  ...MODULE_RULES,
  'POST /api/auth/login': { kind: 'public' },
  'POST /api/auth/logout': { kind: 'covered', by: 'modules/identity/identity.test.ts' },
  'GET /api/auth/me': { kind: 'any-signed-in' },
  'POST /api/auth/password': { kind: 'covered', by: 'modules/identity/identity.test.ts' },
  'POST /api/auth/tokens': { kind: 'covered', by: 'modules/identity/identity.test.ts' },
  'GET /api/users': {
    kind: 'list',
    permission: 'users.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/users?unitId=${S(f, w)}&pageSize=500` }),
    id: () => '',
  },
  'POST /api/users': {
    kind: 'record',
    permission: 'users.write',
    tables: ['users', 'role_assignments'],
    probe: (f, w) => ({
      method: 'POST',
      url: '/api/users',
      body: {
        username: `gv.matrix${uniq()}`,
        fullName: 'Giáo viên Thử',
        password: 'ThuNghiem2025',
        role: 'teacher',
        unitId: S(f, w),
      },
    }),
  },
  'POST /api/users/{id}/disabled': {
    kind: 'covered',
    by: 'this file: users.write probes (same access check as POST /api/users)',
  },
  'GET /api/audit': {
    kind: 'list',
    permission: 'audit.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/audit?unitId=${S(f, w)}&pageSize=5` }),
    id: () => '',
  },
  'GET /api/units/tree': { kind: 'covered', by: 'this file: GET /api/units lists the same scope' },
  'GET /api/units': {
    kind: 'list',
    permission: 'units.read',
    probe: () => ({ method: 'GET', url: '/api/units?pageSize=500' }),
    id: (f, w) => S(f, w),
  },
  'POST /api/units': {
    kind: 'record',
    permission: 'units.write',
    tables: ['units'],
    probe: (f, w) => ({
      method: 'POST',
      url: '/api/units',
      body: { parentId: S(f, w), kind: 'school_site', code: `DT-${uniq()}`, name: 'Điểm trường thử' },
    }),
  },
  'GET /api/units/{id}': {
    kind: 'record',
    permission: 'units.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/units/${S(f, w)}` }),
  },
  'PATCH /api/units/{id}': {
    kind: 'record',
    permission: 'units.write',
    tables: ['units'],
    probe: (f, w) => ({ method: 'PATCH', url: `/api/units/${S(f, w)}`, body: { phone: `0213 38${uniq()}` } }),
  },
  'GET /api/reference/school-years': { kind: 'any-signed-in' },
  'GET /api/reference/subjects': { kind: 'any-signed-in' },
  'GET /api/reference/ethnicities': { kind: 'any-signed-in' },
  'GET /api/classes': {
    kind: 'list',
    permission: 'classes.read',
    probe: () => ({ method: 'GET', url: '/api/classes?pageSize=500' }),
    id: (f, w) => f.klass[w],
  },
  'GET /api/schools/{schoolId}/classes/{id}': {
    kind: 'record',
    permission: 'classes.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/classes/${f.klass[w]}` }),
  },
  'PATCH /api/schools/{schoolId}/classes/{id}': {
    kind: 'record',
    permission: 'classes.write',
    tables: ['classes'],
    probe: (f, w) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/classes/${f.klass[w]}`,
      body: { room: `P.${uniq()}` },
    }),
  },
  'POST /api/schools/{schoolId}/classes': {
    kind: 'record',
    permission: 'classes.write',
    tables: ['classes'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/classes`,
      body: { schoolYearId: f.yearId, grade: 9, name: `9T${uniq()}`, isSmart: false },
    }),
  },
  'GET /api/students': {
    kind: 'list',
    permission: 'students.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/students?classId=${f.klass[w]}&pageSize=500` }),
    id: (f, w) => f.student[w],
  },
  'GET /api/schools/{schoolId}/students/{id}': {
    kind: 'record',
    permission: 'students.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/students/${f.student[w]}` }),
  },
  'PATCH /api/schools/{schoolId}/students/{id}': {
    kind: 'record',
    permission: 'students.write',
    tables: ['students'],
    probe: (f, w) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/students/${f.student[w]}`,
      body: { address: `Tổ ${uniq()}, phường Tân Phong, thành phố Lai Châu` },
    }),
  },
  'POST /api/schools/{schoolId}/students': {
    kind: 'record',
    permission: 'students.write',
    tables: ['students', 'enrolments'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/students`,
      body: {
        sectorId: `12770${uniq()}0`,
        fullName: 'Lò Văn Thử',
        birthDate: '2013-04-02',
        gender: 'M',
        ethnicityCode: '03',
      },
    }),
  },
  'POST /api/schools/{schoolId}/students/{id}/transfer': {
    kind: 'record',
    permission: 'students.write',
    tables: ['students', 'enrolments'],
    probe: async (f, w, _seq, admin) => {
      const m = f.mover[w];
      const now = (await admin.get(`/api/schools/${S(f, w)}/students/${m.id}`)).json().currentClassId;
      const to = now === m.classes[0] ? m.classes[1] : m.classes[0];
      return {
        method: 'POST',
        url: `/api/schools/${S(f, w)}/students/${m.id}/transfer`,
        body: { toClassId: to, date: '2025-01-06' },
      };
    },
  },
  'GET /api/guardians': {
    kind: 'list',
    permission: 'guardians.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/guardians?studentId=${f.student[w]}&pageSize=500` }),
    id: (f, w) => f.guardian[w],
  },
  'GET /api/schools/{schoolId}/guardians/{id}': {
    kind: 'record',
    permission: 'guardians.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/guardians/${f.guardian[w]}` }),
  },
  'PATCH /api/schools/{schoolId}/guardians/{id}': {
    kind: 'record',
    permission: 'guardians.write',
    tables: ['guardians'],
    probe: (f, w) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/guardians/${f.guardian[w]}`,
      body: { occupation: `Nghề ${uniq()}` },
    }),
  },
  'POST /api/schools/{schoolId}/guardians': {
    kind: 'record',
    permission: 'guardians.write',
    tables: ['guardians', 'student_guardians'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/guardians`,
      body: {
        fullName: 'Quàng Văn Thử',
        phone: `0977${uniq()}00`,
        studentId: f.student[w],
        relationship: 'guardian',
      },
    }),
  },
  'POST /api/schools/{schoolId}/guardians/{id}/links': {
    kind: 'record',
    permission: 'guardians.write',
    tables: ['student_guardians'],
    probe: async (f, w, _seq, admin) => {
      // Flip the relationship so that every allowed call is a real change.
      const g = (await admin.get(`/api/schools/${S(f, w)}/guardians/${f.guardian[w]}`)).json() as {
        children: { studentId: string; relationship: string }[];
      };
      const now = g.children.find((c) => c.studentId === f.mover[w].id)?.relationship;
      return {
        method: 'POST',
        url: `/api/schools/${S(f, w)}/guardians/${f.guardian[w]}/links`,
        body: { studentId: f.mover[w].id, relationship: now === 'grandparent' ? 'sibling' : 'grandparent' },
      };
    },
  },
  'DELETE /api/schools/{schoolId}/guardians/{id}/links/{studentId}': {
    kind: 'record',
    permission: 'guardians.write',
    tables: ['student_guardians'],
    probe: async (f, w, _seq, admin) => {
      // Make sure there is a link to remove.
      await admin.post(`/api/schools/${S(f, w)}/guardians/${f.guardian[w]}/links`, {
        studentId: f.mover[w].id,
        relationship: 'other',
      });
      return {
        method: 'DELETE',
        url: `/api/schools/${S(f, w)}/guardians/${f.guardian[w]}/links/${f.mover[w].id}`,
      };
    },
  },
  'GET /api/staff': {
    kind: 'list',
    permission: 'staff.read',
    probe: () => ({ method: 'GET', url: '/api/staff?pageSize=500' }),
    id: (f, w) => f.staff[w],
  },
  'GET /api/schools/{schoolId}/staff/{id}': {
    kind: 'record',
    permission: 'staff.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/staff/${f.staff[w]}` }),
  },
  'PATCH /api/schools/{schoolId}/staff/{id}': {
    kind: 'record',
    permission: 'staff.write',
    tables: ['staff'],
    probe: (f, w) => ({
      method: 'PATCH',
      url: `/api/schools/${S(f, w)}/staff/${f.staff[w]}`,
      body: { phone: `0988${uniq()}11` },
    }),
  },
  'POST /api/schools/{schoolId}/staff': {
    kind: 'record',
    permission: 'staff.write',
    tables: ['staff'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/staff`,
      body: {
        staffCode: `CBT${uniq()}`,
        fullName: 'Lường Thị Thử',
        gender: 'F',
        category: 'teacher',
        position: 'teacher',
      },
    }),
  },
  'GET /api/schools/{schoolId}/assignments': {
    kind: 'record',
    permission: 'classes.read',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/assignments?classId=${f.klass[w]}` }),
  },
  'POST /api/schools/{schoolId}/assignments': {
    kind: 'record',
    permission: 'classes.write',
    tables: ['teaching_assignments'],
    probe: async (f, w, _seq, admin) => {
      // Move the subject to the other teacher each time, so that every allowed call is a real change.
      const now = (await admin.get(`/api/schools/${S(f, w)}/assignments?classId=${f.klass[w]}`)).json() as {
        staffId: string;
        subjectId: string;
      }[];
      const current = now.find((a) => a.subjectId === f.subjectThcs)?.staffId;
      const staffId = current === f.teachers[w][0] ? f.teachers[w][1] : f.teachers[w][0];
      return {
        method: 'POST',
        url: `/api/schools/${S(f, w)}/assignments`,
        body: { staffId, classId: f.klass[w], subjectId: f.subjectThcs },
      };
    },
  },
  'DELETE /api/schools/{schoolId}/assignments/{id}': {
    kind: 'record',
    permission: 'classes.write',
    tables: ['teaching_assignments'],
    probe: async (f, w, _seq, admin) => {
      const res = await admin.post(`/api/schools/${S(f, w)}/assignments`, {
        staffId: f.staff[w],
        classId: f.klass[w],
        subjectId: f.subjectThcs,
      });
      return { method: 'DELETE', url: `/api/schools/${S(f, w)}/assignments/${res.json().id}` };
    },
  },
};

let t: TestApp;
let routes: { method: string; path: string }[] = [];
const clients = {} as Record<User, Client>;
let f: Fixture;

async function checksum(tables: string[]) {
  const out: string[] = [];
  for (const table of [...tables, 'audit_log']) {
    const rows = await t.database.execute<{ h: string }>(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    out.push(rows[0].h);
  }
  return out.join(',');
}
const auditCount = async () =>
  (await t.database.execute<{ n: number }>('select count(*)::int as n from audit_log'))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
  );
  for (const u of USERS) clients[u] = await login(t.app, u);
  const admin = clients['admin.so'];
  const units = (await admin.get('/api/units?kind=school&pageSize=100')).json().items as {
    id: string;
    code: string;
  }[];
  const qt = units.find((u) => u.code === 'LCU-TP-QT')!.id;
  const tp = units.find((u) => u.code === 'LCU-TP-TP')!.id;
  const child = (await clients['phuhuynh.qt'].get('/api/students')).json().items[0];
  const teacherClasses = new Set<string>(
    (await admin.get(`/api/schools/${qt}/assignments?staffId=${clients['giaovien.qt'].me.staffId}`))
      .json()
      .map((a: { classId: string }) => a.classId),
  );
  teacherClasses.add(child.currentClassId);
  const qtClasses = (await admin.get(`/api/classes?schoolId=${qt}&pageSize=100`)).json().items as {
    id: string;
    name: string;
    homeroomTeacherId: string;
  }[];
  const otherClass = qtClasses.find(
    (c) => !teacherClasses.has(c.id) && c.homeroomTeacherId !== clients['giaovien.qt'].me.staffId,
  )!;
  // Tân Phong targets unrelated to phuhuynh.tp's child (whose class is 6A1 there).
  const tpChildClass = (await clients['phuhuynh.tp'].get('/api/students')).json().items[0]
    .currentClassId as string;
  const tpClasses = (
    (await admin.get(`/api/classes?schoolId=${tp}&pageSize=100`)).json().items as { id: string }[]
  ).filter((c) => c.id !== tpChildClass);
  const firstStudent = async (classId: string, skip = 0) =>
    (await admin.get(`/api/students?classId=${classId}&pageSize=100`)).json().items[skip] as { id: string };
  const qtOther = await firstStudent(otherClass.id);
  const tpStudent = await firstStudent(tpClasses[0].id);
  const guardianOf = async (school: string, student: string) =>
    (await admin.get(`/api/schools/${school}/students/${student}`)).json().guardians[0].id as string;
  const teachersOf = async (school: string) =>
    (
      (await admin.get(`/api/staff?schoolId=${school}&category=teacher&pageSize=2`)).json().items as {
        id: string;
      }[]
    ).map((s) => s.id) as [string, string];
  const staffOf = async (school: string) => (await teachersOf(school))[0];
  const assignmentOf = async (school: string, classId: string) =>
    ((await admin.get(`/api/schools/${school}/assignments?classId=${classId}`)).json()[0] as { id: string })
      .id;
  const subjects = (await admin.get('/api/reference/subjects?level=THCS')).json() as {
    id: string;
    code: string;
  }[];
  const years = (await admin.get('/api/reference/school-years')).json() as {
    id: string;
    isCurrent: boolean;
  }[];
  const qtStaff = await staffOf(qt);
  f = {
    school: { own: qt, school: qt, other: tp },
    student: { own: child.id, school: qtOther.id, other: tpStudent.id },
    klass: { own: child.currentClassId, school: otherClass.id, other: tpClasses[0].id },
    guardian: {
      own: clients['phuhuynh.qt'].me.guardianId!,
      school: await guardianOf(qt, qtOther.id),
      other: await guardianOf(tp, tpStudent.id),
    },
    staff: { own: qtStaff, school: qtStaff, other: await staffOf(tp) },
    teachers: { own: await teachersOf(qt), school: await teachersOf(qt), other: await teachersOf(tp) },
    assignment: {
      own: await assignmentOf(qt, child.currentClassId),
      school: await assignmentOf(qt, otherClass.id),
      other: await assignmentOf(tp, tpClasses[0].id),
    },
    mover: {
      own: { id: (await firstStudent(qtClasses[2].id, 1)).id, classes: [qtClasses[2].id, qtClasses[3].id] },
      school: {
        id: (await firstStudent(qtClasses[4].id, 1)).id,
        classes: [qtClasses[4].id, qtClasses[5].id],
      },
      other: { id: (await firstStudent(tpClasses[1].id, 1)).id, classes: [tpClasses[1].id, tpClasses[2].id] },
    },
    subjectThcs: subjects.find((s) => s.code === 'THCS_GDDP')!.id,
    yearId: years.find((y) => y.isCurrent)!.id,
  };
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('access matrix', () => {
  it('has a rule for every route in the route table', () => {
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !RULES[k]);
    expect(missing, 'routes without an access rule').toEqual([]);
  });

  it('refuses every non-public route without a session', async () => {
    for (const r of routes) {
      const rule = RULES[`${r.method} ${r.path}`];
      if (rule?.kind === 'public') continue;
      const url = r.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect([401, 403], `${r.method} ${r.path} → ${res.statusCode}`).toContain(res.statusCode);
    }
  });

  it('lets every signed-in role read reference data and itself', async () => {
    for (const u of USERS) {
      for (const [key, rule] of Object.entries(RULES)) {
        if (rule.kind !== 'any-signed-in') continue;
        const res = await clients[u].get(key.split(' ')[1]);
        expect(res.statusCode, `${u} ${key}`).toBe(200);
      }
    }
  });

  for (const [key, rule] of Object.entries(RULES)) {
    if (rule.kind !== 'record' && rule.kind !== 'list') continue;
    it(`${key}: allowed exactly within scope`, async () => {
      const failures: string[] = [];
      let seq = 0;
      for (const u of USERS) {
        for (const where of WHERE) {
          const allow = rule.expected ? rule.expected(u, where) : expected(u, rule.permission, where);
          if (rule.kind === 'list') {
            const p = rule.probe(f, where);
            const res = await clients[u].request(p.method, p.url);
            if (res.statusCode !== 200 && res.statusCode !== 403) {
              failures.push(`${u} ${where}: status ${res.statusCode}`);
              continue;
            }
            const items =
              res.statusCode === 200
                ? ((res.json().items ?? res.json()) as {
                    id: string;
                    schoolId?: string;
                    roles?: { unitId: string }[];
                  }[])
                : [];
            const id = rule.id(f, where);
            if (id) {
              const seen = items.some((i) => i.id === id);
              if (seen !== allow) failures.push(`${u} ${where}: listed=${seen}, expected ${allow}`);
            } else if (!allow && items.length > 0) {
              failures.push(`${u} ${where}: ${items.length} items listed outside scope`);
            } else if (allow && res.statusCode !== 200) {
              failures.push(`${u} ${where}: refused (${res.statusCode})`);
            }
            continue;
          }
          seq++;
          const p = await rule.probe(f, where, seq, clients['admin.so']);
          const write = p.method !== 'GET';
          const before = write && !allow ? await checksum(rule.tables ?? []) : '';
          const auditBefore = write ? await auditCount() : 0;
          const res = await clients[u].request(p.method, p.url, p.body);
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          if (ok !== allow) {
            failures.push(
              `${u} ${where}: ${p.method} ${p.url} → ${res.statusCode} ${res.body.slice(0, 160)} (expected ${allow ? 'allowed' : 'refused'})`,
            );
            continue;
          }
          if (!allow && ![403, 404].includes(res.statusCode))
            failures.push(`${u} ${where}: refused with ${res.statusCode}`);
          if (write && allow && (await auditCount()) <= auditBefore)
            failures.push(`${u} ${where}: write left no audit entry`);
          if (write && !allow && (await checksum(rule.tables ?? [])) !== before)
            failures.push(`${u} ${where}: refused write changed data`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
