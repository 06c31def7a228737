/**
 * The demo fixture shared by the access matrix and the security probes: the signed-in demo users and, for each
 * kind of record, one inside the narrowest scope ('own'), one elsewhere in THCS Quyết Tiến ('school') and one of
 * THCS Tân Phong ('other').
 */
import type { Fixture, User } from './access-rules';
import { USERS } from './access-rules';
import { type Client, login, type TestApp } from './harness';

export type MatrixSetup = { clients: Record<User, Client>; f: Fixture };

export async function buildFixture(t: TestApp): Promise<MatrixSetup> {
  const clients = {} as Record<User, Client>;
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
  const f: Fixture = {
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
  return { clients, f };
}
