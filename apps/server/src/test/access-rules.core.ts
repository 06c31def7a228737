/**
 * Access rules of the identity, audit and registry routes (the core), for the access matrix and the IDOR probes.
 * Modules keep theirs beside their routes (access-rules.modules.ts).
 */

import { type Rule, S, uniq } from './access-rules';
import { MODULE_RULES } from './access-rules.modules';

export const RULES: Record<string, Rule> = {
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
