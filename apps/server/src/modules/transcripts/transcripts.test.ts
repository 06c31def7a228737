import { randomBytes } from 'node:crypto';
import type { TranscriptSignJob } from '@smartedu/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { pdfText } from './pdf-text';
import { verifyPdf } from './pdf-verification';
import { createTestCa, issueTestP12, type TestCa } from './test-certificates';

/**
 * The transcript flow through the API on the Lai Châu demo: drafts from the gradebook, subject teachers confirm,
 * the homeroom teacher signs, then the principal, each with their own PKCS#12 certificate; the public
 * verification; the class archive and the structured export; and the signing rules.
 */

let t: TestApp;
let admin: Client;
let principal: Client;
let homeroom: Client;
let parent: Client;
let schoolId: string;
let classId: string;
let otherClassId: string;
let childId: string;
let ca: TestCa;
const P12_PASSWORD = 'MatKhau@2025';
let homeroomP12: Buffer;
let principalP12: Buffer;
let strangerP12: Buffer;
let homeroomName: string;
let principalName: string;
const subjectTeachers = new Map<string, Client>(); // subjectId → the teacher's client
let assignments: { staffId: string; staffName: string; subjectId: string; subjectName: string }[];
let subjectsOfGrade: { id: string; code: string; assessment: string; name: string }[];

/** A multipart/form-data body with text fields and one file. */
function multipart(
  fields: Record<string, string>,
  file: { name: string; filename: string; data: Buffer; type: string },
) {
  const boundary = `----smartedu${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    body: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const sign = (client: Client, url: string, fields: Record<string, string>, p12: Buffer) => {
  const { body, headers } = multipart(fields, {
    name: 'file',
    filename: 'chu-ky.p12',
    data: p12,
    type: 'application/x-pkcs12',
  });
  return client.request('POST', url, body, headers);
};
async function verifyPublic(pdf: Buffer): Promise<LightMyRequestResponse> {
  const { body, headers } = multipart(
    {},
    { name: 'file', filename: 'hoc-ba.pdf', data: pdf, type: 'application/pdf' },
  );
  return t.app.inject({ method: 'POST', url: '/api/public/transcripts/verify', payload: body, headers });
}
const base = () => `/api/schools/${schoolId}/transcripts`;
/** Follows a class signing until the server's job worker has finished it (the worker runs in the app). */
async function waitForSignJob(client: Client, id: string): Promise<TranscriptSignJob> {
  for (let i = 0; i < 5000; i++) {
    const res = await client.get(`${base()}/sign-jobs/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as TranscriptSignJob;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sign job ${id} did not finish`);
}
const transcriptOf = async (client: Client, studentId: string) =>
  (
    (await client.get(`/api/transcripts?classId=${classId}&pageSize=500`)).json().items as {
      id: string;
      studentId: string;
      status: string;
    }[]
  ).find((i) => i.studentId === studentId)!;

beforeAll(async () => {
  t = await createTestApp();
  [admin, principal, homeroom, parent] = await Promise.all(
    ['admin.so', 'hieutruong.qt', 'giaovien.qt', 'phuhuynh.qt'].map((u) => login(t.app, u)),
  );
  const child = (await parent.get('/api/students')).json().items[0] as {
    id: string;
    schoolId: string;
    currentClassId: string;
  };
  schoolId = child.schoolId;
  classId = child.currentClassId;
  childId = child.id;
  const classes = (await admin.get(`/api/classes?schoolId=${schoolId}&pageSize=100`)).json().items as {
    id: string;
    homeroomTeacherId: string;
    grade: number;
  }[];
  expect(classes.find((c) => c.id === classId)!.homeroomTeacherId).toBe(homeroom.me.staffId);
  otherClassId = classes.find((c) => c.id !== classId && c.homeroomTeacherId !== homeroom.me.staffId)!.id;
  assignments = (await admin.get(`/api/schools/${schoolId}/assignments?classId=${classId}`)).json();
  const staffName = async (id: string) =>
    (await admin.get(`/api/schools/${schoolId}/staff/${id}`)).json().fullName as string;
  homeroomName = await staffName(homeroom.me.staffId!);
  principalName = await staffName(principal.me.staffId!);

  // A user account for every other subject teacher of the class, so that each confirms their own subject.
  let n = 0;
  for (const a of assignments) {
    if (a.staffId === homeroom.me.staffId) {
      subjectTeachers.set(a.subjectId, homeroom);
      continue;
    }
    const username = `gvbm.hocba${++n}`;
    const res = await admin.post('/api/users', {
      username,
      fullName: a.staffName,
      password: 'GiaoVien@2025',
      role: 'teacher',
      unitId: schoolId,
      staffId: a.staffId,
    });
    if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`create user: ${res.body}`);
    subjectTeachers.set(a.subjectId, await login(t.app, username, 'GiaoVien@2025'));
  }

  // Year results of the child in the gradebook's rollup tables (what the gradebook computes).
  const [{ grade, year }] = await t.database.execute<{ grade: number; year: string }>(
    'select grade, school_year_id as year from classes where school_id = $1 and id = $2',
    [schoolId, classId],
  );
  subjectsOfGrade = await t.database.execute(
    `select s.id, s.code, s.assessment, s.name from subjects s join subject_grades g on g.subject_id = s.id
     where g.grade = $1 order by s.sort_order`,
    [grade],
  );
  let k = 0;
  for (const s of subjectsOfGrade) {
    k++;
    const scored = s.assessment === 'scored';
    const t1 = 6 + (k % 4) * 0.5;
    const t2 = t1 + 0.6;
    const y = Math.round(((t1 + 2 * t2) / 3) * 10) / 10;
    for (const [period, avg] of [
      ['term1', t1],
      ['term2', t2],
      ['year', y],
    ] as const) {
      await t.database.execute(
        `insert into grade_subject_results (school_id, school_year_id, student_id, subject_id, period, class_id,
           average, result, status) values ($1, $2, $3, $4, $5, $6, $7, $8, 'complete')`,
        [schoolId, year, childId, s.id, period, classId, scored ? avg : null, scored ? null : 'D'],
      );
    }
  }
  for (const [period, learning, conduct, promotion] of [
    ['term1', 'K', 'T', null],
    ['term2', 'K', 'T', null],
    ['year', 'K', 'T', 'promoted'],
  ]) {
    await t.database.execute(
      `insert into grade_student_results (school_id, school_year_id, student_id, period, class_id, learning, conduct,
         promotion, status) values ($1, $2, $3, $4, $5, $6, $7, $8, 'complete')`,
      [schoolId, year, childId, period, classId, learning, conduct, promotion],
    );
  }

  ca = createTestCa('SmartEdu Test CA');
  homeroomP12 = issueTestP12(ca, { commonName: homeroomName, password: P12_PASSWORD });
  principalP12 = issueTestP12(ca, { commonName: principalName, password: P12_PASSWORD });
  strangerP12 = issueTestP12(ca, { commonName: 'Người Lạ Mặt', password: P12_PASSWORD });
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('transcripts (học bạ số)', () => {
  it('generates a draft per student of the class from the gradebook, and refreshing changes nothing', async () => {
    const res = await homeroom.post(`${base()}/generate`, { classId });
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    expect(first.created).toBeGreaterThan(5);
    expect(first.created).toBe(first.total);
    const again = (await homeroom.post(`${base()}/generate`, { classId })).json();
    expect(again).toMatchObject({ created: 0, unchanged: first.total });
    const mine = await transcriptOf(homeroom, childId);
    expect(mine.status).toBe('draft');
    const detail = (await homeroom.get(`${base()}/${mine.id}`)).json();
    expect(detail.subjects.length).toBe(
      subjectsOfGrade.filter((s) => !s.code.includes('NGOAI_NGU_2')).length,
    );
    expect(detail.confirmedCount).toBe(0);
  });

  it('lets the principal and the department generate, not a teacher of another class or a parent', async () => {
    expect((await principal.post(`${base()}/generate`, { classId: otherClassId })).statusCode).toBe(200);
    expect((await homeroom.post(`${base()}/generate`, { classId: otherClassId })).statusCode).toBe(403);
    expect((await parent.post(`${base()}/generate`, { classId })).statusCode).toBe(403);
  });

  it('refuses the homeroom signature until every subject teacher has confirmed', async () => {
    const mine = await transcriptOf(homeroom, childId);
    const res = await sign(
      homeroom,
      `${base()}/${mine.id}/sign`,
      { role: 'homeroom', password: P12_PASSWORD },
      homeroomP12,
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toContain('Chưa đủ xác nhận của giáo viên bộ môn');
  });

  it('refuses the principal signature before the homeroom teacher has signed', async () => {
    const mine = await transcriptOf(homeroom, childId);
    const res = await sign(
      principal,
      `${base()}/${mine.id}/sign`,
      { role: 'principal', password: P12_PASSWORD },
      principalP12,
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toContain('Giáo viên chủ nhiệm chưa ký');
  });

  it('lets a subject teacher confirm only their own subject', async () => {
    const foreign = assignments.find((a) => a.staffId !== homeroom.me.staffId)!;
    expect(
      (await homeroom.post(`${base()}/confirm`, { classId, subjectId: foreign.subjectId })).statusCode,
    ).toBe(403);
    expect(
      (await principal.post(`${base()}/confirm`, { classId, subjectId: foreign.subjectId })).statusCode,
    ).toBe(403);
    const teacher = subjectTeachers.get(foreign.subjectId)!;
    const res = await teacher.post(`${base()}/confirm`, { classId, subjectId: foreign.subjectId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().confirmed).toBeGreaterThan(5);
    const again = (await teacher.post(`${base()}/confirm`, { classId, subjectId: foreign.subjectId })).json();
    expect(again.confirmed).toBe(0);
    expect(again.alreadyConfirmed).toBe(res.json().confirmed);
    expect((await transcriptOf(homeroom, childId)).status).toBe('confirming');
  });

  it('collects every confirmation (subjects without a teacher: the homeroom teacher)', async () => {
    const mine = await transcriptOf(homeroom, childId);
    const detail = (await homeroom.get(`${base()}/${mine.id}`)).json() as {
      subjects: { subjectId: string }[];
    };
    for (const s of detail.subjects) {
      const client = subjectTeachers.get(s.subjectId) ?? homeroom;
      const res = await client.post(`${base()}/confirm`, { classId, subjectId: s.subjectId });
      expect(res.statusCode, `${s.subjectId}: ${res.body}`).toBe(200);
    }
    const after = (await homeroom.get(`${base()}/${mine.id}`)).json();
    expect(after.confirmedCount).toBe(after.subjectCount);
    expect(after.subjects.every((s: { confirmedBy: string | null }) => s.confirmedBy)).toBe(true);
  });

  it('checks the certificate: its password, its owner, and who may sign as homeroom teacher', async () => {
    const mine = await transcriptOf(homeroom, childId);
    const url = `${base()}/${mine.id}/sign`;
    const wrong = await sign(homeroom, url, { role: 'homeroom', password: 'sai-mat-khau' }, homeroomP12);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('P12_PASSWORD');
    const stranger = await sign(homeroom, url, { role: 'homeroom', password: P12_PASSWORD }, strangerP12);
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().code).toBe('CERTIFICATE_NAME_MISMATCH');
    const notHomeroom = await sign(
      principal,
      url,
      { role: 'homeroom', password: P12_PASSWORD },
      principalP12,
    );
    expect(notHomeroom.statusCode).toBe(403);
    const byParent = await sign(parent, url, { role: 'homeroom', password: P12_PASSWORD }, homeroomP12);
    expect(byParent.statusCode).toBe(403);
    expect((await transcriptOf(homeroom, childId)).status).toBe('confirming');
  });

  it("refuses a teacher signing another class's transcript", async () => {
    const other = (
      (await admin.get(`/api/transcripts?classId=${otherClassId}&pageSize=1`)).json().items as {
        id: string;
      }[]
    )[0];
    const res = await sign(
      homeroom,
      `${base()}/${other.id}/sign`,
      { role: 'homeroom', password: P12_PASSWORD },
      homeroomP12,
    );
    expect(res.statusCode).toBe(403);
    const batch = await sign(
      homeroom,
      `${base()}/sign`,
      { role: 'homeroom', password: P12_PASSWORD, classId: otherClassId },
      homeroomP12,
    );
    expect(batch.statusCode).toBe(403);
  });

  it('signs as homeroom teacher, then as principal: both signatures verify on the same PDF', async () => {
    const mine = await transcriptOf(homeroom, childId);
    const first = await sign(
      homeroom,
      `${base()}/${mine.id}/sign`,
      { role: 'homeroom', password: P12_PASSWORD },
      homeroomP12,
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      signed: [{ id: mine.id, status: 'homeroom_signed' }],
      signerName: homeroomName,
    });
    const twice = await sign(
      homeroom,
      `${base()}/${mine.id}/sign`,
      { role: 'homeroom', password: P12_PASSWORD },
      homeroomP12,
    );
    expect(twice.statusCode).toBe(409);
    const second = await sign(
      principal,
      `${base()}/${mine.id}/sign`,
      { role: 'principal', password: P12_PASSWORD },
      principalP12,
    );
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().signed[0].status).toBe('principal_signed');

    // The parent downloads the child's transcript: the signed original.
    const res = await parent.get(`${base()}/${mine.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    const report = verifyPdf(pdf);
    expect(report.valid).toBe(true);
    expect(report.signatures.map((s) => [s.signerName, s.valid])).toEqual([
      [homeroomName, true],
      [principalName, true],
    ]);
    expect(report.signatures[0].modifiedAfter).toBe('signatures_only');
    expect(report.signatures[1].coversWholeDocument).toBe(true);

    // Its text: the student's name, the subjects and the averages.
    const text = pdfText(pdf);
    const detail = (await homeroom.get(`${base()}/${mine.id}`)).json();
    expect(text).toContain(detail.studentName);
    expect(text).toContain(detail.sectorId);
    const toan = subjectsOfGrade.find((s) => s.code === 'THCS_TOAN')!;
    const row = (
      detail.data.subjects as { subjectId: string; term1: number; term2: number; year: number }[]
    ).find((s) => s.subjectId === toan.id)!;
    const vn = (n: number) => n.toFixed(1).replace('.', ',');
    expect(text).toMatch(new RegExp(`Toán\\s+${vn(row.term1)}\\s+${vn(row.term2)}\\s+${vn(row.year)}`));
    for (const s of ['Ngữ văn', 'Khoa học tự nhiên', 'Giáo dục thể chất']) expect(text).toContain(s);
    expect(text).toContain('Được lên lớp');
    expect(text).toContain(homeroomName);
    expect(text).toContain(principalName);

    // The stored signature rows name the revisions.
    expect(detail.signatures.map((s: { role: string }) => s.role)).toEqual(['homeroom', 'principal']);
    expect(detail.pdfSha256).toBe(report.sha256);
  });

  it('verifies publicly: the signed original passes, one changed byte is rejected', async () => {
    const mine = await transcriptOf(homeroom, childId);
    const pdf = (await parent.get(`${base()}/${mine.id}/pdf`)).rawPayload;
    const ok = await verifyPublic(pdf);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      valid: true,
      matchesStoredOriginal: true,
      matchedRevision: 'principal_signed',
      verdict: 'valid_original',
      transcript: { id: mine.id, status: 'principal_signed' },
    });
    expect(
      ok.json().signatures.map((s: { role: string; signerName: string }) => [s.role, s.signerName]),
    ).toEqual([
      ['homeroom', homeroomName],
      ['principal', principalName],
    ]);
    expect(ok.json().transcript.studentName).not.toBe(
      (await homeroom.get(`${base()}/${mine.id}`)).json().studentName,
    );

    for (const at of [Math.floor(pdf.length / 2), 200, pdf.length - 40]) {
      const tampered = Buffer.from(pdf);
      tampered[at] ^= 0x01;
      const bad = (await verifyPublic(tampered)).json();
      expect(bad.valid, `byte ${at}`).toBe(false);
      expect(bad.matchesStoredOriginal).toBe(false);
      expect(bad.verdict).toBe('invalid');
    }

    // The homeroom-signed revision (a prefix of the file) is genuine but no longer the latest.
    const homeroomRevision = pdf.subarray(0, verifyPdf(pdf).signatures[0].revisionLength);
    expect((await verifyPublic(Buffer.from(homeroomRevision))).json()).toMatchObject({
      valid: true,
      verdict: 'valid_not_latest',
      matchedRevision: 'homeroom_signed',
    });

    const status = await t.app.inject({ url: `/api/public/transcripts/${mine.id}/status` });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ status: 'principal_signed', signedSha256: verifyPdf(pdf).sha256 });
    expect(status.json().signatures).toHaveLength(2);
    expect(status.json()).not.toHaveProperty('data');
  });

  it('signs the rest of the class in a background job, keeps signed transcripts on refresh, exports and archives', async () => {
    for (const [subjectId, client] of subjectTeachers)
      expect((await client.post(`${base()}/confirm`, { classId, subjectId })).statusCode).toBe(200);
    const detail = (await homeroom.get(`${base()}/${(await transcriptOf(homeroom, childId)).id}`)).json();
    for (const s of detail.subjects as { subjectId: string }[])
      if (!subjectTeachers.has(s.subjectId))
        await homeroom.post(`${base()}/confirm`, { classId, subjectId: s.subjectId });
    const all = (await homeroom.get(`/api/transcripts?classId=${classId}&pageSize=500`)).json().items as {
      id: string;
    }[];

    // The class is signed by a background job: 202 with the job, then its progress until done.
    const byHomeroom = await sign(
      homeroom,
      `${base()}/sign`,
      { role: 'homeroom', password: P12_PASSWORD, classId },
      homeroomP12,
    );
    expect(byHomeroom.statusCode, byHomeroom.body).toBe(202);
    const queued = byHomeroom.json() as TranscriptSignJob;
    expect(queued).toMatchObject({ classId, role: 'homeroom', total: all.length, signerName: homeroomName });
    expect(['queued', 'running', 'done']).toContain(queued.status);
    expect(queued.jobId).toBeGreaterThan(0);
    // Neither the certificate nor its password is stored with the job.
    const stored = await t.database.execute<{ payload: string }>(
      'select payload::text as payload from jobs where id = $1',
      [queued.jobId],
    );
    expect(stored[0].payload).not.toContain(P12_PASSWORD);
    expect(stored[0].payload.length).toBeLessThan(200);
    const homeroomJob = await waitForSignJob(homeroom, queued.id);
    expect(homeroomJob).toMatchObject({
      status: 'done',
      total: all.length,
      processed: all.length,
      signed: all.length - 1,
      errors: [],
    });
    expect(homeroomJob.skipped).toHaveLength(1); // the child's, signed above
    expect(homeroomJob.skipped[0].reason).toBe('Học bạ đã được ký với vai trò này');
    const recent = (await homeroom.get(`${base()}/sign-jobs?classId=${classId}`)).json()
      .items as TranscriptSignJob[];
    expect(recent[0]).toMatchObject({ id: queued.id, status: 'done', signed: all.length - 1 });
    expect((await parent.get(`${base()}/sign-jobs?classId=${classId}`)).statusCode).toBe(403);
    // The principal and the class's teachers may follow it; a parent or another school may not.
    expect((await principal.get(`${base()}/sign-jobs/${queued.id}`)).statusCode).toBe(200);
    expect((await parent.get(`${base()}/sign-jobs/${queued.id}`)).statusCode).toBe(403);
    const th1 = await login(t.app, 'hieutruong.th1');
    expect((await th1.get(`${base()}/sign-jobs/${queued.id}`)).statusCode).toBe(403);
    expect(
      (await th1.get(`/api/schools/${th1.me.homeUnitId}/transcripts/sign-jobs/${queued.id}`)).statusCode,
    ).toBe(404);

    // One stored PDF damaged (a byte before its header): that student's signature fails and is reported; the
    // rest of the class is signed.
    const damaged = all.find((x) => x.id !== detail.id)!.id;
    await t.database.execute(`update transcripts set pdf = '\\x00'::bytea || pdf where id = $1`, [damaged]);
    const byPrincipal = await sign(
      principal,
      `${base()}/sign`,
      { role: 'principal', password: P12_PASSWORD, classId },
      principalP12,
    );
    expect(byPrincipal.statusCode, byPrincipal.body).toBe(202);
    const principalJob = await waitForSignJob(principal, (byPrincipal.json() as TranscriptSignJob).id);
    expect(principalJob).toMatchObject({ status: 'done', processed: all.length, signed: all.length - 2 });
    expect(principalJob.errors.map((e) => e.transcriptId)).toEqual([damaged]);
    expect(principalJob.errors[0].reason).toBe('Ký số không thành công, vui lòng thử lại');
    expect(principalJob.errors[0].studentName).not.toBe('');
    // Repaired, it is signed on its own (one transcript: at once, in the request).
    await t.database.execute('update transcripts set pdf = substring(pdf from 2) where id = $1', [damaged]);
    const one = await sign(
      principal,
      `${base()}/${damaged}/sign`,
      { role: 'principal', password: P12_PASSWORD },
      principalP12,
    );
    expect(one.statusCode, one.body).toBe(200);
    const statuses = (await homeroom.get(`/api/transcripts?classId=${classId}&pageSize=500`)).json()
      .items as {
      status: string;
    }[];
    expect(new Set(statuses.map((x) => x.status))).toEqual(new Set(['principal_signed']));

    expect((await homeroom.post(`${base()}/generate`, { classId })).json()).toMatchObject({
      skippedSigned: all.length,
      refreshed: 0,
    });

    const exported = await homeroom.get(`${base()}/export.json?classId=${classId}`);
    expect(exported.statusCode).toBe(200);
    const json = exported.json();
    expect(json.format).toBe('smartedu/hoc-ba-so');
    expect(Object.keys(json.transcripts)).toHaveLength(all.length);
    const childRecord = Object.values(json.transcripts).find(
      (r) => (r as { transcriptId: string }).transcriptId === detail.id,
    ) as { student: { sectorId: string }; status: string; subjects: unknown[]; signatures: unknown[] };
    expect(json.transcripts[childRecord.student.sectorId]).toBe(childRecord);
    expect(childRecord).toMatchObject({
      status: 'principal_signed',
      conduct: { year: 'T' },
      learning: { year: 'K' },
    });
    expect(childRecord.signatures).toHaveLength(2);
    expect(json.fields['student.sectorId']).toContain('MaDinhDanh');

    const archive = await homeroom.get(`${base()}/archive.zip?classId=${classId}`);
    expect(archive.statusCode).toBe(200);
    expect(archive.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(archive.rawPayload));
    const pdfs = Object.keys(files).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(all.length);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']).toString('utf8'));
    expect(manifest.transcripts).toHaveLength(all.length);
    for (const entry of manifest.transcripts as { file: string; signed: boolean }[]) {
      expect(entry.signed).toBe(true);
      expect(verifyPdf(Buffer.from(files[entry.file])).valid).toBe(true);
    }
    expect((await parent.get(`${base()}/archive.zip?classId=${classId}`)).statusCode).toBe(403);

    // Another class, not signed: the manifest lists the drafts; their PDFs only on request.
    const drafts = unzipSync(
      new Uint8Array((await principal.get(`${base()}/archive.zip?classId=${otherClassId}`)).rawPayload),
    );
    const draftManifest = JSON.parse(Buffer.from(drafts['manifest.json']).toString('utf8'));
    expect(Object.keys(drafts)).toEqual(['manifest.json']);
    expect(draftManifest.transcripts.length).toBeGreaterThan(5);
    expect(draftManifest.transcripts[0]).toMatchObject({ file: null, signed: false, status: 'draft' });
  }, 600_000);

  it('a class signing whose process is gone (server restarted) fails clearly and signs nothing', async () => {
    // A job pinned to a worker that no longer exists, queued long ago: the running worker takes it as
    // orphaned; the signing key lived only in the dead process's memory.
    const [batch] = await t.database.execute<{ id: string }>(
      `insert into transcript_sign_batches (school_id, class_id, role, total, requested_by, requested_by_name, created_at)
       values ($1, $2, 'homeroom', 3, $3, 'Giáo viên', now() - interval '1 hour') returning id`,
      [schoolId, otherClassId, homeroom.me.id],
    );
    const before = await t.database.execute<{ n: number }>(
      'select count(*)::int as n from transcript_signatures',
    );
    await t.database.execute(
      `insert into jobs (name, payload, affinity, created_at, max_attempts)
       values ('transcripts.sign-class', $1::jsonb, 'worker-gone', now() - interval '1 hour', 1)`,
      [JSON.stringify({ schoolId, batchId: batch.id })],
    );
    const job = await waitForSignJob(principal, batch.id);
    expect(job.status).toBe('failed');
    expect(job.message).toContain('vui lòng ký lại');
    expect(job.signed).toBe(0);
    const after = await t.database.execute<{ n: number }>(
      'select count(*)::int as n from transcript_signatures',
    );
    expect(after).toEqual(before);
  }, 120_000);

  it('records every confirmation and signature in the audit log', async () => {
    const entries = (await admin.get(`/api/audit?unitId=${schoolId}&entity=transcript&pageSize=500`)).json()
      .items as { action: string; after: Record<string, unknown> }[];
    const actions = new Set(entries.map((e) => e.action));
    expect(actions).toEqual(new Set(['confirm_subject', 'sign_homeroom', 'sign_principal']));
    const signature = entries.find((e) => e.action === 'sign_principal')!;
    expect(signature.after).toMatchObject({ signerName: principalName, status: 'principal_signed' });
    expect(signature.after.certificateFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entries)).not.toContain(P12_PASSWORD);
  });
});
