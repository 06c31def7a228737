import type { GradebookClass, GradeGrid, UnlockRequest, UnlockRequestList } from '@smartedu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

/**
 * Đề nghị mở khoá sổ điểm through the API on the demo year (term I locked by the principal): the subject
 * teacher asks, the principal approves (the term is unlocked with the request's reason, audited) or rejects with
 * a reason (the lock stays), the teacher is notified; nobody else decides, and another school's principal
 * neither sees nor decides a request (IDOR).
 */

let t: TestApp;
let teacher: Client; // giaovien.qt: teaches Toán in 6A1 (homeroom)
let principal: Client; // hieutruong.qt
let otherPrincipal: Client; // hieutruong.th1: TH Số 1
let parent: Client;
let qt: string;
let th1: string;
let klass: string;
let toan: string;
let english: string; // a subject of 6A1 the teacher does not teach

const base = () => `/api/schools/${qt}/gradebook`;
const file = (c: Client, body: Record<string, unknown>) =>
  c.post(`${base()}/unlock-requests`, { classId: klass, subjectId: toan, termNo: 1, ...body });
const termOne = async () =>
  ((await principal.get(`${base()}/classes/${klass}`)).json() as GradebookClass).locks.find(
    (l) => l.termNo === 1,
  )!.status;
const rows = (sql: string, params: unknown[] = []) =>
  t.database.execute<Record<string, unknown>>(sql, params);
const notifications = async (c: Client) =>
  (await c.get('/api/notifications?pageSize=50')).json().items as {
    kind: string;
    title: string;
    body: string;
  }[];
async function saveToanTermOne(c: Client) {
  const grid = (
    await c.get(`${base()}/grid?classId=${klass}&subjectId=${toan}&termNo=1`)
  ).json() as GradeGrid;
  const row = grid.rows[0];
  const current = row.values.TX1 ?? null;
  return c.request('PUT', `${base()}/grid`, {
    classId: klass,
    subjectId: toan,
    termNo: 1,
    changes: [{ studentId: row.studentId, slot: 'TX1', value: current === 7 ? 8 : 7, expected: current }],
  });
}

beforeAll(async () => {
  t = await createTestApp({ gradebookDemo: true });
  [teacher, principal, otherPrincipal, parent] = await Promise.all(
    ['giaovien.qt', 'hieutruong.qt', 'hieutruong.th1', 'phuhuynh.qt'].map((u) => login(t.app, u)),
  );
  qt = principal.me.homeUnitId!;
  th1 = otherPrincipal.me.homeUnitId!;
  klass = (await parent.get('/api/students')).json().items[0].currentClassId;
  const subjects = (await principal.get('/api/reference/subjects?level=THCS')).json() as {
    id: string;
    code: string;
  }[];
  toan = subjects.find((s) => s.code === 'THCS_TOAN')!.id;
  const assignments = (await principal.get(`/api/schools/${qt}/assignments?classId=${klass}`)).json() as {
    subjectId: string;
    staffId: string;
  }[];
  english = assignments.find(
    (a) =>
      a.staffId !== teacher.me.staffId &&
      !assignments.some((b) => b.subjectId === a.subjectId && b.staffId === teacher.me.staffId),
  )!.subjectId;
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('unlock requests', () => {
  let first: UnlockRequest;

  it('lets the subject teacher ask to reopen a locked term, with a reason', async () => {
    expect(await termOne()).toBe('locked');
    const short = await file(teacher, { reason: 'sai' });
    expect(short.statusCode).toBe(400);
    const notLocked = await file(teacher, { termNo: 2, reason: 'Cần sửa điểm học kì II bị nhập nhầm' });
    expect(notLocked.statusCode).toBe(409);
    expect(notLocked.json().code).toBe('TERM_NOT_LOCKED');
    const notMine = await file(teacher, { subjectId: english, reason: 'Muốn sửa điểm môn không dạy' });
    expect(notMine.statusCode).toBe(403);
    expect((await rows('select 1 from grade_unlock_requests')).length).toBe(0);

    const res = await file(teacher, { reason: 'Nhập nhầm điểm giữa kì của hai học sinh' });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json() as UnlockRequest;
    expect(first).toMatchObject({
      status: 'pending',
      mine: true,
      termNo: 1,
      termStatus: 'locked',
      classId: klass,
      subjectName: 'Toán',
      reason: 'Nhập nhầm điểm giữa kì của hai học sinh',
    });
    const audit = await rows(
      "select action, after from audit_log where entity = 'grade_unlock_request' and entity_id = $1",
      [first.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('unlock_request');
  });

  it('refuses a teacher who tries to approve, and leaves the lock and the request as they were', async () => {
    const res = await teacher.post(`${base()}/unlock-requests/${first.id}/approve`, {});
    expect(res.statusCode).toBe(403);
    const reject = await teacher.post(`${base()}/unlock-requests/${first.id}/reject`, { reason: 'Tự rút' });
    expect(reject.statusCode).toBe(403);
    expect(await termOne()).toBe('locked');
    const mine = (await teacher.get(`${base()}/unlock-requests`)).json() as UnlockRequestList;
    expect(mine.canDecide).toBe(false);
    expect(mine.items.map((i) => [i.id, i.status])).toEqual([[first.id, 'pending']]);
    expect((await saveToanTermOne(teacher)).statusCode).toBe(409);
  });

  it("hides the request from another school's principal and parents (IDOR)", async () => {
    const before = await rows('select status from grade_unlock_requests where id = $1', [first.id]);
    // Through this school's path: no access to the school at all.
    expect((await otherPrincipal.get(`${base()}/unlock-requests`)).statusCode).toBe(403);
    expect((await otherPrincipal.post(`${base()}/unlock-requests/${first.id}/approve`, {})).statusCode).toBe(
      403,
    );
    expect(
      (await otherPrincipal.post(`${base()}/unlock-requests/${first.id}/reject`, { reason: 'Không hợp lệ' }))
        .statusCode,
    ).toBe(403);
    // Through their own school's path with this request's id: it is not there.
    const own = `/api/schools/${th1}/gradebook/unlock-requests`;
    expect((await otherPrincipal.post(`${own}/${first.id}/approve`, {})).statusCode).toBe(404);
    const listed = (await otherPrincipal.get(own)).json() as UnlockRequestList;
    expect(listed.items.some((i) => i.id === first.id)).toBe(false);
    expect((await parent.get(`${base()}/unlock-requests`)).statusCode).toBe(403);
    expect(await rows('select status from grade_unlock_requests where id = $1', [first.id])).toEqual(before);
    expect(await termOne()).toBe('locked');
  });

  it('rejected with a reason: the lock stays, the teacher is told why, and it cannot be decided twice', async () => {
    const pending = (
      await principal.get(`${base()}/unlock-requests?status=pending`)
    ).json() as UnlockRequestList;
    expect(pending.canDecide).toBe(true);
    expect(pending.items.map((i) => i.id)).toContain(first.id);
    expect((await principal.post(`${base()}/unlock-requests/${first.id}/reject`, {})).statusCode).toBe(400);

    const res = await principal.post(`${base()}/unlock-requests/${first.id}/reject`, {
      reason: 'Điểm giữa kì đã được phụ huynh xác nhận',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      decisionReason: 'Điểm giữa kì đã được phụ huynh xác nhận',
      termStatus: 'locked',
      mine: false,
    });
    expect(await termOne()).toBe('locked');
    expect((await saveToanTermOne(teacher)).statusCode).toBe(409);
    const unlocks = await rows('select 1 from grade_unlocks where class_id = $1', [klass]);
    expect(unlocks).toHaveLength(0);
    const told = (await notifications(teacher)).find((n) => n.kind === 'gradebook');
    expect(told?.title).toContain('bị từ chối');
    expect(told?.body).toContain('Điểm giữa kì đã được phụ huynh xác nhận');
    const again = await principal.post(`${base()}/unlock-requests/${first.id}/approve`, {});
    expect(again.statusCode).toBe(409);
    expect(await termOne()).toBe('locked');
  });

  it('approved: the term is unlocked with the request’s reason, audited, and the teacher can correct scores', async () => {
    const a = (await file(teacher, { reason: 'Nhập thiếu một điểm thường xuyên' })).json() as UnlockRequest;
    // Filing again replaces the teacher's pending request.
    const b = (
      await file(teacher, { reason: 'Nhập thiếu điểm thường xuyên của học sinh số 3' })
    ).json() as UnlockRequest;
    const statuses = await rows(
      'select id, status from grade_unlock_requests where id in ($1, $2) order by status',
      [a.id, b.id],
    );
    expect(statuses).toEqual([
      { id: b.id, status: 'pending' },
      { id: a.id, status: 'withdrawn' },
    ]);

    const res = await principal.post(`${base()}/unlock-requests/${b.id}/approve`, {
      note: 'Sửa xong khoá lại',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      termStatus: 'approved',
      decisionReason: 'Sửa xong khoá lại',
    });
    expect(await termOne()).toBe('approved');
    const overview = (await principal.get(`${base()}/classes/${klass}`)).json() as GradebookClass;
    expect(overview.unlocks[0].reason).toContain('Nhập thiếu điểm thường xuyên của học sinh số 3');
    expect(overview.unlocks[0].reason).toContain('Sửa xong khoá lại');
    const audit = await rows(
      `select action, after->>'reason' as reason from audit_log
        where entity_id = $1 or (entity = 'grade_term' and action = 'unlock') order by id`,
      [b.id],
    );
    expect(audit.map((x) => x.action)).toEqual(['unlock_request', 'unlock', 'unlock_request.approve']);
    expect(audit[1].reason).toContain('Nhập thiếu điểm thường xuyên của học sinh số 3');
    const stored = await rows('select unlock_id from grade_unlock_requests where id = $1', [b.id]);
    expect(stored[0].unlock_id).toBe(overview.unlocks[0].id);

    expect((await saveToanTermOne(teacher)).statusCode).toBe(200);
    const told = (await notifications(teacher)).filter((n) => n.kind === 'gradebook');
    expect(told.some((n) => n.title.startsWith('Đã mở khoá sổ điểm Toán'))).toBe(true);
    // A request for an open term is refused: no need to ask.
    expect((await file(teacher, { reason: 'Thêm một đề nghị khi đã mở khoá' })).statusCode).toBe(409);
  });
});
