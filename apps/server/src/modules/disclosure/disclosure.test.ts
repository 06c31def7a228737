/**
 * Công khai (Circular 09/2024) on the Lai Châu demo: public pages without a session checked against the raw rows,
 * PDF documents per section, and feedback tracked to an answer. PGlite, or PostgreSQL when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { seedForecastsDemoData } from '../forecasts';
import { seedGradebookDemoResults } from '../gradebook';
import { seedOperationsDemoData } from '../operations';

let t: TestApp;
let admin: Client;
let spec: Client;
let principal: Client;
let principalTh1: Client;
let teacher: Client;
const q = <R>(text: string, params: unknown[] = []) => t.database.execute<R>(text, params);
const unitId = async (code: string) =>
  (await q<{ id: string }>('select id from units where code = $1', [code]))[0].id;
type Page = {
  unit: { code: string; name: string };
  schools: { code: string; students: number | null }[];
  sections: {
    section: string;
    figures: { key: string; value: number | null }[];
    rows: { label: string; values: (string | number | null)[] }[];
    columns: string[];
    documents: { id: string; title: string; url: string }[];
  }[];
};
const section = (p: Page, name: string) => p.sections.find((s) => s.section === name)!;
const figure = (p: Page, name: string, key: string) =>
  section(p, name).figures.find((f) => f.key === key)?.value;
const anonymous = (method: 'GET' | 'POST', url: string, payload?: unknown, ip = '203.0.113.7') =>
  t.app.inject({ method, url, payload: payload as never, remoteAddress: ip });

function multipart(fileName: string, bytes: Uint8Array) {
  const boundary = `----smartedu${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');
const upload = (client: Client, unit: string, query: string, name: string, bytes: Uint8Array) => {
  const { payload, headers } = multipart(name, bytes);
  return client.request('POST', `/api/disclosure/units/${unit}/documents?${query}`, payload, headers);
};

beforeAll(async () => {
  t = await createTestApp({
    config: { operations: { tileUrl: null, tileAttribution: null, refreshSeconds: 0 } },
  });
  await seedGradebookDemoResults(t.database);
  await seedOperationsDemoData(t.database);
  await seedForecastsDemoData(t.database);
  admin = await login(t.app, 'admin.so');
  spec = await login(t.app, 'chuyenvien.phong');
  principal = await login(t.app, 'hieutruong.qt');
  principalTh1 = await login(t.app, 'hieutruong.th1');
  teacher = await login(t.app, 'giaovien.qt');
}, 600_000);
afterAll(async () => {
  await t?.close();
});

describe('public disclosure pages', () => {
  it('shows a school’s figures to anyone, equal to the raw rows', async () => {
    const res = await anonymous('GET', '/api/public/disclosure/schools/LCU-TP-QT');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Page;
    const qt = await unitId('LCU-TP-QT');
    expect(page.unit.name).toBe('Trường THCS Quyết Tiến');
    // Students and classes of the current year, counted from the registry by hand.
    const [hand] = await q<{ students: number; classes: number }>(
      `select (select count(*)::int from students s join classes c on c.school_id = s.school_id and c.id = s.current_class_id
                join school_years y on y.id = c.school_year_id and y.is_current
               where s.school_id = $1 and s.status = 'studying') as students,
              (select count(*)::int from classes c join school_years y on y.id = c.school_year_id and y.is_current
               where c.school_id = $1) as classes`,
      [qt],
    );
    expect(figure(page, 'general', 'students')).toBe(hand.students);
    expect(figure(page, 'general', 'classes')).toBe(hand.classes);
    // Staff by category and qualification.
    const staff = await q<{ category: string; qualification: string | null; n: number }>(
      "select category, qualification, count(*)::int as n from staff where school_id = $1 and status = 'working' group by 1, 2",
      [qt],
    );
    const staffSection = section(page, 'staff');
    const teacherRow = staffSection.rows.find((r) => r.label === 'teacher')!;
    const teacherTotal = staff.filter((s) => s.category === 'teacher').reduce((a, s) => a + s.n, 0);
    expect(teacherRow.values[0]).toBe(teacherTotal);
    const bachelors = staff.find((s) => s.category === 'teacher' && s.qualification === 'bachelor')?.n ?? 0;
    expect(teacherRow.values[staffSection.columns.indexOf('bachelor')]).toBe(bachelors);
    // Enrolment per grade: grade 6 has 6A1 and 6A2 (40 + 40 students).
    expect(section(page, 'admission').rows.find((r) => r.label === 'grade:6')!.values).toEqual([2, 80]);
    // Equipment from the pilot, by kind.
    const eq = await q<{ kind: string; total: number }>(
      "select kind, sum(quantity)::int as total from ops_equipment where school_id = $1 and status <> 'retired' group by kind",
      [qt],
    );
    for (const e of eq)
      expect(section(page, 'facilities').rows.find((r) => r.label === `equipment:${e.kind}`)!.values[0]).toBe(
        e.total,
      );
    // Learning results (Khá + Tốt share) from the gradebook rollup of the year.
    const [r] = await q<{ good: number; assessed: number }>(
      `select max(value) filter (where metric = 'tt22.learning_good') as good,
              max(value) filter (where metric = 'tt22.learning_assessed') as assessed
         from ops_school_stats s join school_years y on y.id = s.school_year_id and y.is_current
        where s.school_id = $1 and s.dim = ''`,
      [qt],
    );
    expect(r.assessed).toBeGreaterThan(0);
    expect(figure(page, 'results', 'tt22_learning_good_pct')).toBe(
      Math.round((1000 * r.good) / r.assessed) / 10,
    );
    // Aggregates only: no student's name is disclosed.
    const [student] = await q<{ full_name: string }>(
      'select full_name from students where school_id = $1 limit 1',
      [qt],
    );
    expect(res.body).not.toContain(student.full_name);
  });

  it('shows released exam results and hides unreleased ones', async () => {
    const qt = await unitId('LCU-TP-QT');
    const insertExam = async (title: string, released: boolean, summary: object) => {
      const [e] = await q<{ id: string }>(
        `insert into exams (owner_unit_id, test_school_id, test_id, title, opens_at, closes_at, duration_minutes, released_at)
         values ($1, $1, gen_random_uuid(), $2, now() - interval '2 days', now() - interval '1 day', 45, $3) returning id`,
        [qt, title, released ? new Date() : null],
      );
      await q(
        `insert into exam_score_rollups (exam_id, unit_id, unit_kind, school_id, name, summary, bins)
         values ($1, $2, 'school', $2, 'Trường THCS Quyết Tiến', $3, '[]')`,
        [e.id, qt, JSON.stringify(summary)],
      );
    };
    await insertExam('Khảo sát Toán 8 (đã công bố)', true, { count: 127, mean: 6.4321, atLeast5: 0.8189 });
    await insertExam('Khảo sát Văn 8 (chưa công bố)', false, { count: 120, mean: 5.1, atLeast5: 0.6 });
    const page = (await anonymous('GET', '/api/public/disclosure/schools/LCU-TP-QT')).json() as Page;
    const results = section(page, 'results');
    expect(results.columns).toEqual(['participants', 'mean', 'atLeast5Pct']);
    // 6.4321 → 6.43; 0.8189 → 81.9 %
    expect(results.rows).toEqual([{ label: 'exam:Khảo sát Toán 8 (đã công bố)', values: [127, 6.43, 81.9] }]);
  });

  it('shows the department page with its schools', async () => {
    const res = await anonymous('GET', '/api/public/disclosure/units/LCU-TP');
    expect(res.statusCode).toBe(200);
    const page = res.json() as Page;
    const [n] = await q<{ n: number }>(
      "select count(*)::int as n from units where kind = 'school' and parent_id = (select id from units where code = 'LCU-TP')",
    );
    expect(page.schools).toHaveLength(n.n);
    expect(page.schools.find((s) => s.code === 'LCU-TP-QT')!.students).toBe(
      figure(
        (await anonymous('GET', '/api/public/disclosure/schools/LCU-TP-QT')).json(),
        'general',
        'students',
      ),
    );
    expect((await anonymous('GET', '/api/public/disclosure/units/LCU-TP-QT')).statusCode).toBe(404);
    expect((await anonymous('GET', '/api/public/disclosure/schools/KHONG-CO')).statusCode).toBe(404);
  });

  it('exposes only GET pages and documents and POST feedback and lookup without a session', async () => {
    const doc = (await anonymous('GET', '/api/docs/json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const mine = Object.entries(doc.paths).filter(([p]) => /^\/api\/public\/(disclosure|feedback)/.test(p));
    const methods = mine.flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(methods).toEqual([
      'GET /api/public/disclosure/documents/{schoolId}/{id}',
      'GET /api/public/disclosure/schools/{code}',
      'GET /api/public/disclosure/units/{code}',
      'POST /api/public/feedback',
      'POST /api/public/feedback/lookup',
    ]);
    // Management routes stay closed without a session.
    expect((await anonymous('GET', '/api/feedback')).statusCode).toBe(401);
    expect(
      (await anonymous('GET', `/api/disclosure/units/${await unitId('LCU-TP-QT')}/documents`)).statusCode,
    ).toBe(401);
  });
});

describe('disclosure documents', () => {
  it('lets the principal publish a PDF that anyone can open, and remove it', async () => {
    const qt = await unitId('LCU-TP-QT');
    const bytes = pdf('Cong khai tai chinh 2024-2025');
    const res = await upload(
      principal,
      qt,
      'section=finance&title=Công khai tài chính năm 2024',
      'tai-chinh.pdf',
      bytes,
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { id: string; url: string };
    const page = (await anonymous('GET', '/api/public/disclosure/schools/LCU-TP-QT')).json() as Page;
    expect(section(page, 'finance').documents.map((d) => d.title)).toEqual(['Công khai tài chính năm 2024']);
    const file = await anonymous('GET', created.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(file.rawPayload).equals(bytes)).toBe(true);
    const audit = await q<{ n: number }>(
      "select count(*)::int as n from audit_log where entity = 'disclosure_document' and entity_id = $1",
      [created.id],
    );
    expect(audit[0].n).toBe(1);

    // Only the school's own administrator (or the Sở) removes it.
    const del = (c: Client) => c.request('DELETE', `/api/disclosure/units/${qt}/documents/${created.id}`);
    expect((await del(principalTh1)).statusCode).toBe(403);
    expect((await del(spec)).statusCode).toBe(403);
    expect((await anonymous('GET', created.url)).statusCode).toBe(200);
    expect(
      (await principal.request('DELETE', `/api/disclosure/units/${qt}/documents/${created.id}`)).statusCode,
    ).toBe(200);
    expect((await anonymous('GET', created.url)).statusCode).toBe(404);
  });

  it('refuses files that are not PDF or too large, and units outside the uploader’s reach', async () => {
    const qt = await unitId('LCU-TP-QT');
    const tp = await unitId('LCU-TP-TP');
    const count = async () =>
      (await q<{ n: number }>('select count(*)::int as n from disclosure_documents'))[0].n;
    const before = await count();
    const html = await upload(
      principal,
      qt,
      'section=staff&title=x',
      'x.pdf',
      Buffer.from('<html>hello</html>'),
    );
    expect(html.statusCode).toBe(415);
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x20);
    big.write('%PDF-1.4');
    expect((await upload(principal, qt, 'section=staff&title=x', 'big.pdf', big)).statusCode).toBe(413);
    expect((await upload(principal, tp, 'section=staff&title=x', 'x.pdf', pdf('x'))).statusCode).toBe(403);
    expect((await upload(spec, qt, 'section=staff&title=x', 'x.pdf', pdf('x'))).statusCode).toBe(403);
    expect((await upload(teacher, qt, 'section=staff&title=x', 'x.pdf', pdf('x'))).statusCode).toBe(403);
    expect(await count()).toBe(before);
    // A department publishes on its own page.
    const phong = await unitId('LCU-TP');
    expect(
      (await upload(admin, phong, 'section=annual_report&title=Báo cáo', 'bc.pdf', pdf('bc'))).statusCode,
    ).toBe(201);
    const page = (await anonymous('GET', '/api/public/disclosure/units/LCU-TP')).json() as Page;
    expect(section(page, 'annual_report').documents).toHaveLength(1);
  });
});

describe('public feedback', () => {
  it('takes feedback without a session, gives a tracking code and tracks it to an answer', async () => {
    const res = await anonymous('POST', '/api/public/feedback', {
      unitCode: 'LCU-TP-QT',
      contact: 'phuhuynh@example.com',
      subject: 'Giờ đón học sinh',
      message: 'Đề nghị nhà trường mở cổng sớm hơn 10 phút vào buổi chiều. <b>Cảm ơn</b>',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json() as { trackingCode: string };
    expect(trackingCode).toMatch(/^GY-[A-HJ-KM-NP-Z2-9]{8}$/);
    const lookup = await anonymous('POST', '/api/public/feedback/lookup', {
      trackingCode: trackingCode.toLowerCase(),
    });
    expect(lookup.json()).toMatchObject({ status: 'new', answer: null, unitName: 'Trường THCS Quyết Tiến' });

    // The specialist of the Phòng sees it, takes it and answers.
    const list = await spec.get(`/api/feedback?unitId=${await unitId('LCU-TP')}&status=new`);
    const item = (
      list.json().items as { id: string; schoolId: string; trackingCode: string; message: string }[]
    ).find((i) => i.trackingCode === trackingCode)!;
    expect(item.message).toContain('<b>Cảm ơn</b>'); // stored as plain text; the web shows it escaped
    const url = `/api/feedback/${item.schoolId}/${item.id}`;
    expect((await principalTh1.patch(url, { status: 'in_progress' })).statusCode).toBe(403);
    expect((await teacher.patch(url, { status: 'in_progress' })).statusCode).toBe(403);
    const taken = await spec.patch(url, { status: 'in_progress', assignee: 'me' });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({
      status: 'in_progress',
      assigneeName: expect.any(String),
    });
    expect((await spec.patch(url, { status: 'answered' })).statusCode).toBe(400); // no answer yet
    const answered = await spec.patch(url, { answer: 'Nhà trường sẽ mở cổng lúc 13 giờ 45 từ tuần sau.' });
    expect(answered.json()).toMatchObject({ status: 'answered' });
    expect((await spec.patch(url, { status: 'new' })).statusCode).toBe(400);
    const after = await anonymous('POST', '/api/public/feedback/lookup', { trackingCode });
    expect(after.json()).toMatchObject({
      status: 'answered',
      answer: 'Nhà trường sẽ mở cổng lúc 13 giờ 45 từ tuần sau.',
    });
    const audit = await q<{ action: string }>(
      "select action from audit_log where entity = 'public_feedback' and entity_id = $1 order by at",
      [item.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    // Quyết Tiến's principal handles feedback to the school too; Tiểu học Số 1's does not see it.
    expect(
      (await principal.get('/api/feedback?pageSize=500'))
        .json()
        .items.some((i: { id: string }) => i.id === item.id),
    ).toBe(true);
    expect(
      (await principalTh1.get('/api/feedback?pageSize=500'))
        .json()
        .items.some((i: { id: string }) => i.id === item.id),
    ).toBe(false);
  });

  it('refuses control characters, overlong text, the honeypot and unknown units, and writes nothing', async () => {
    const count = async () => (await q<{ n: number }>('select count(*)::int as n from public_feedback'))[0].n;
    const before = await count();
    const base = {
      unitCode: 'LCU-TP-QT',
      contact: '0912345678',
      subject: 'Góp ý',
      message: 'Nội dung góp ý đủ dài.',
    };
    const ip = '198.51.100.20';
    expect(
      (
        await anonymous(
          'POST',
          '/api/public/feedback',
          { ...base, message: 'Có ký tự \u0007 lạ trong này' },
          ip,
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (await anonymous('POST', '/api/public/feedback', { ...base, message: 'x'.repeat(4001) }, ip))
        .statusCode,
    ).toBe(400);
    expect(
      (await anonymous('POST', '/api/public/feedback', { ...base, website: 'http://spam' }, ip)).statusCode,
    ).toBe(400);
    expect(
      (await anonymous('POST', '/api/public/feedback', { ...base, unitCode: 'KHONG-CO' }, ip)).statusCode,
    ).toBe(400);
    expect(
      (await anonymous('POST', '/api/public/feedback/lookup', { trackingCode: 'GY-AAAAAAAA' }, ip))
        .statusCode,
    ).toBe(404);
    expect(await count()).toBe(before);
  });

  it('limits submissions per IP', async () => {
    const body = {
      unitCode: 'LCU-TP-TP',
      contact: '0912345678',
      subject: 'Góp ý',
      message: 'Nội dung góp ý đủ dài.',
    };
    const ip = '192.0.2.44';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await anonymous('POST', '/api/public/feedback', body, ip)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    // Another address is not affected.
    expect((await anonymous('POST', '/api/public/feedback', body, '192.0.2.45')).statusCode).toBe(201);
  });
});
