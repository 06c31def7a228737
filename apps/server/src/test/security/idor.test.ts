/**
 * IDOR probes: a principal of THCS Quyết Tiến (full rights in their own school) names their own school in the
 * path but another school's record (THCS Tân Phong) in the path or the body. Generated over the route table:
 *
 * 1. every access-matrix record rule whose probe for the 'other' school is school-scoped is replayed with the
 *    attacker's own school id in the path — the record ids (path and body) stay Tân Phong's;
 * 2. every other route with a {schoolId} and a record id in its path is probed with Tân Phong's real ids
 *    (found through the Sở's account), both under the attacker's school id and under Tân Phong's.
 *
 * Each probe must be refused with 403 or 404 and change nothing (the tables the rule names and the audit log;
 * the whole database for the generic probes). A route with a record id that no probe reaches fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildTest, windowAt } from '../../modules/exams/exams.test-fixtures';
import { buildWorkbook, STUDENT_HEADERS, upload } from '../../modules/imports/test-workbooks';
import type { Fixture, RecordRule, User } from '../access-rules';
import { RULES } from '../access-rules.core';
import { type Client, createTestApp, login, type TestApp } from '../harness';
import { buildFixture } from '../matrix-fixture';
import { allTables, checksum, type RouteEntry, routeTable } from '../route-table';

/** Path parameters that name a record (as opposed to a kind, a format or a version code). */
const RECORD_PARAMS = new Set(['id', 'classId', 'studentId', 'sha256', 'deviceId']);
/** Bookkeeping that a refused request may touch: the session's last-seen time, read marks of the attacker. */
const VOLATILE = ['sessions', 'users', 'jobs'];

let t: TestApp;
let routes: RouteEntry[];
let clients: Record<User, Client>;
let f: Fixture;
const attacker = 'hieutruong.qt' as const;

beforeAll(async () => {
  // No background rollup sweep writing while the database is compared.
  t = await createTestApp({
    config: { operations: { ...loadConfig({} as NodeJS.ProcessEnv).operations, refreshSeconds: 0 } },
  });
  routes = await routeTable(t);
  ({ clients, f } = await buildFixture(t));
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const paramsOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const hasRecordParam = (path: string) => paramsOf(path).some((p) => RECORD_PARAMS.has(p));
const schoolScoped = (path: string) => path.includes('{schoolId}');

/** Tân Phong ids the fixture knows, so that a body naming one of them counts as a cross-school reference. */
function otherIds(): string[] {
  return [
    f.student.other,
    f.klass.other,
    f.guardian.other,
    f.staff.other,
    ...f.teachers.other,
    f.assignment.other,
    f.mover.other.id,
    ...f.mover.other.classes,
  ];
}

describe('IDOR: another school’s records under one’s own school id', () => {
  const replayed = new Set<string>();

  it('refuses every access-matrix write and read replayed with the attacker’s school id', async () => {
    const failures: string[] = [];
    const admin = clients['admin.so'];
    const own = f.school.own;
    const other = f.school.other;
    const ids = otherIds();
    let seq = 1000;
    for (const [key, rule] of Object.entries(RULES)) {
      if (rule.kind !== 'record') continue;
      const path = key.split(' ')[1];
      if (!schoolScoped(path)) continue;
      const p = await (rule as RecordRule).probe(f, 'other', ++seq, admin);
      if (!p.url.includes(`/${other}/`) && !p.url.includes(`schoolId=${other}`)) continue;
      const url = p.url
        .replaceAll(`/${other}/`, `/${own}/`)
        .replaceAll(`schoolId=${other}`, `schoolId=${own}`);
      const body = p.body === undefined ? '' : JSON.stringify(p.body);
      const crossRef = hasRecordParam(path) || ids.some((id) => body.includes(id));
      if (!crossRef) continue; // e.g. creating a record in one's own school: legitimate
      replayed.add(key);
      const before = await checksum(t, rule.tables ?? []);
      const res = await clients[attacker].request(p.method, url, p.body);
      // A record id in the path: 403 or 404. A foreign id only in the body: 403/404, or 400 naming the field
      // ("… không thuộc trường này") — refused before anything is written, and nothing about the record told.
      const bodyOnly = !hasRecordParam(path);
      const named = res.statusCode === 400 && res.json().code === 'VALIDATION_FAILED' && !!res.json().details;
      if (!([403, 404].includes(res.statusCode) || (bodyOnly && named)))
        failures.push(`${p.method} ${url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      if ((await checksum(t, rule.tables ?? [])) !== before)
        failures.push(`${p.method} ${url}: data changed`);
    }
    expect(failures).toEqual([]);
    expect(replayed.size).toBeGreaterThan(40);
  });

  it('refuses every other school-scoped route with a record id, under either school id', async () => {
    const admin = clients['admin.so'];
    const own = f.school.own;
    const other = f.school.other;
    // Real Tân Phong ids per collection (the path segment before the id), found through the Sở's account.
    const list = async (url: string) => {
      const res = await admin.get(url);
      const j = res.json();
      return ((j.items ?? j) as { id: string }[])[0]?.id;
    };
    // A Tân Phong exam attempt (a student account taking an exam of their class) and a Tân Phong import job.
    const tpClass = (await admin.get(`/api/classes?schoolId=${other}&pageSize=100`)).json().items[0] as {
      id: string;
    };
    const tpPupil = (await admin.get(`/api/students?classId=${tpClass.id}&pageSize=5`)).json().items[1] as {
      id: string;
      fullName: string;
    };
    const account = await admin.post('/api/users', {
      username: 'hocsinh.tp.idor',
      fullName: tpPupil.fullName,
      password: 'HocSinh@2025',
      role: 'student',
      unitId: other,
      studentId: tpPupil.id,
    });
    expect(account.statusCode, account.body).toBe(201);
    const pupil = await login(t.app, 'hocsinh.tp.idor', 'HocSinh@2025');
    const built = await buildTest(admin, other, { objective: 2, extras: false });
    const exam = await admin.post('/api/exams', {
      testId: built.testId,
      title: 'Kỳ thi Tân Phong (IDOR)',
      ownerUnitId: other,
      durationMinutes: 30,
      audience: { classIds: [tpClass.id] },
      ...windowAt('open'),
    });
    expect(exam.statusCode, exam.body).toBe(201);
    const started = await pupil.post(`/api/exams/${exam.json().id}/attempts`);
    expect(started.statusCode, started.body).toBe(200);
    const attemptId = started.json().attempt.id as string;
    const file = await buildWorkbook({ rows: [STUDENT_HEADERS] });
    const job = await upload(admin, `/api/schools/${other}/imports/students`, file);
    expect(job.statusCode, job.body).toBeLessThan(300);
    const question = await list(`/api/questions?schoolId=${other}&pageSize=1&scope=school`);
    // Records that need a certificate or a PDF upload to be made through the API: written directly.
    const [signBatch] = await t.database.execute<{ id: string }>(
      `insert into transcript_sign_batches (school_id, class_id, role, requested_by, requested_by_name)
       values ($1, $2, 'homeroom', $3, 'IDOR') returning id`,
      [other, f.klass.other, '00000000-0000-4000-8000-000000000000'],
    );
    const [document] = await t.database.execute<{ id: string }>(
      `insert into disclosure_documents (school_id, section, title, file_name, stored_name, size_bytes, sha256)
       values ($1, 'general', 'IDOR', 'idor.pdf', 'idor.pdf', 1, $2) returning id`,
      [other, '0'.repeat(64)],
    );
    const byCollection: Record<string, string | undefined> = {
      classes: f.klass.other,
      students: f.student.other,
      guardians: f.guardian.other,
      staff: f.staff.other,
      assignments: f.assignment.other,
      links: f.student.other,
      imports: await list(`/api/schools/${other}/imports?pageSize=1`),
      'attendance-devices': await list(`/api/attendance-devices?schoolId=${other}&pageSize=1`),
      'device-users': await list(`/api/schools/${other}/device-users?pageSize=1`),
      transcripts: await list(`/api/transcripts?schoolId=${other}&pageSize=1`),
      questions: question,
      tests: await list(`/api/tests?schoolId=${other}&pageSize=1`),
      'message-threads': await list(`/api/message-threads?schoolId=${other}&pageSize=1`),
      announcements: await list(`/api/announcements?schoolId=${other}&pageSize=1`),
      'exam-attempts': attemptId,
      equipment: await list(`/api/operations/equipment?schoolId=${other}&pageSize=1`),
      gradebook: f.klass.other,
      'sign-jobs': signBatch.id,
      documents: document.id,
    };
    const failures: string[] = [];
    const unreached: string[] = [];
    const tables = await allTables(t, VOLATILE);
    let probed = 0;
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (!schoolScoped(r.path) || !hasRecordParam(r.path) || replayed.has(key)) continue;
      let missing = false;
      const fill = (schoolId: string) => {
        const segs = r.path.split('/');
        return segs
          .map((seg, i) => {
            const m = /^\{(\w+)\}(.*)$/.exec(seg);
            if (!m) return seg;
            const [, param, suffix] = m;
            const collection = segs
              .slice(0, i)
              .reverse()
              .find((x) => !x.startsWith('{'))!;
            if (param === 'schoolId') return schoolId + suffix;
            if (param === 'kind') return `students${suffix}`;
            if (param === 'format') return `docx${suffix}`;
            if (param === 'code') return `A${suffix}`;
            if (param === 'sha256') return '0'.repeat(64) + suffix;
            const id =
              param === 'classId'
                ? f.klass.other
                : param === 'studentId'
                  ? f.student.other
                  : byCollection[collection];
            if (!id) missing = true;
            return (id ?? '00000000-0000-4000-8000-000000000000') + suffix;
          })
          .join('/');
      };
      // A public route (công khai) serves another school's published record under that school's id by design:
      // only the attacker's own school id with the other school's record id is a probe there.
      const urls = r.path.startsWith('/api/public/') ? [fill(own)] : [fill(own), fill(other)];
      if (missing) unreached.push(key);
      for (const url of urls) {
        probed++;
        const before = await checksum(t, tables);
        const res = await clients[attacker].request(r.method, url, r.method === 'GET' ? undefined : {});
        // A body-less probe of a write may stop at validation (400): the access check is then shown by the
        // replayed matrix probes above; here a 2xx or a 5xx is what must never happen.
        const refused = [403, 404].includes(res.statusCode) || (r.method !== 'GET' && res.statusCode === 400);
        if (!refused) failures.push(`${r.method} ${url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        if ((await checksum(t, tables)) !== before) failures.push(`${r.method} ${url}: data changed`);
      }
    }
    expect(failures).toEqual([]);
    // Routes whose Tân Phong record could not be found are still probed with a well-formed unknown id.
    expect(unreached, 'routes probed only with an unknown id').toEqual([]);
    expect(probed).toBeGreaterThan(10);
  });
});
