import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';

let t: TestApp;
let teacher: Client;
let parent: Client;
let pupil: Client;
let principal: Client;
let otherParent: Client;
let child: { id: string; schoolId: string; currentClassId: string; fullName: string };
let stranger: { id: string; currentClassId: string };

type Thread = { id: string; title: string; unreadCount: number; canWrite: boolean; kind: string };
type Notification = { id: string; kind: string; title: string; body: string; readAt: string | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Notifications are written by the app's job worker (polling every second): wait for one. */
async function waitForNotification(c: Client, match: (n: Notification) => boolean) {
  for (let i = 0; i < 100; i++) {
    const found = ((await c.get('/api/notifications?pageSize=100')).json().items as Notification[]).find(
      match,
    );
    if (found) return found;
    await sleep(100);
  }
  throw new Error(`no matching notification for ${c.username}`);
}
const threadsOf = async (c: Client, query = '') =>
  (await c.get(`/api/message-threads?pageSize=100${query}`)).json().items as Thread[];

beforeAll(async () => {
  t = await createTestApp();
  [teacher, parent, pupil, principal, otherParent] = await Promise.all(
    ['giaovien.qt', 'phuhuynh.qt', 'hocsinh.qt', 'hieutruong.qt', 'phuhuynh.tp'].map((u) => login(t.app, u)),
  );
  child = (await parent.get('/api/students')).json().items[0];
  const all = (await principal.get(`/api/students?schoolId=${child.schoolId}&pageSize=200`)).json().items as {
    id: string;
    currentClassId: string;
  }[];
  stranger = all.find((s) => s.currentClassId && s.currentClassId !== child.currentClassId)!;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const base = () => `/api/schools/${child.schoolId}`;

describe('message threads', () => {
  it('lets the teacher and the parent talk in the class thread; the student reads only', async () => {
    const opened = await teacher.post(`${base()}/message-threads`, {
      kind: 'class',
      classId: child.currentClassId,
    });
    expect(opened.statusCode).toBe(201);
    const thread = opened.json() as Thread;
    expect(thread.title).toBe('Lớp 6A1 — trao đổi chung');
    const again = await parent.post(`${base()}/message-threads`, {
      kind: 'class',
      classId: child.currentClassId,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(thread.id);

    const sent = await teacher.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'Kính gửi quý phụ huynh lớp 6A1: thứ Sáu này các em mặc đồng phục thể dục.',
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ mine: true, senderRole: 'teacher' });

    let mine = (await threadsOf(parent)).find((x) => x.id === thread.id)!;
    expect(mine).toMatchObject({ unreadCount: 1, canWrite: true, kind: 'class' });
    const msgs = (await parent.get(`${base()}/message-threads/${thread.id}/messages`)).json();
    expect(msgs.total).toBe(1);
    expect(msgs.items[0]).toMatchObject({ mine: false, body: expect.stringContaining('đồng phục thể dục') });
    expect((await parent.post(`${base()}/message-threads/${thread.id}/read`)).statusCode).toBe(200);
    mine = (await threadsOf(parent)).find((x) => x.id === thread.id)!;
    expect(mine.unreadCount).toBe(0);

    const reply = await parent.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'Gia đình đã nhận được thông tin, cảm ơn cô.',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().senderRole).toBe('parent');
    expect((await threadsOf(teacher)).find((x) => x.id === thread.id)!.unreadCount).toBe(1);

    // The student reads the class thread but cannot post.
    const seen = (await threadsOf(pupil)).find((x) => x.id === thread.id)!;
    expect(seen.canWrite).toBe(false);
    expect((await pupil.get(`${base()}/message-threads/${thread.id}/messages`)).json().total).toBe(2);
    const refused = await pupil.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'Em chào cô',
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await pupil.post(`${base()}/message-threads`, { kind: 'class', classId: child.currentClassId }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps a student thread between the teachers and that family', async () => {
    const opened = await parent.post(`${base()}/message-threads`, { kind: 'student', studentId: child.id });
    expect(opened.statusCode).toBe(201);
    const thread = opened.json() as Thread;
    expect(thread.title).toBe(`Trao đổi về em ${child.fullName} (lớp 6A1)`);
    await parent.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'Cô ơi, hôm nay cháu bị sốt nên xin phép nghỉ học ạ.',
    });
    const forTeacher = (await threadsOf(teacher, '&kind=student')).find((x) => x.id === thread.id)!;
    expect(forTeacher).toMatchObject({ unreadCount: 1, canWrite: true });
    const answer = await teacher.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'Cô đã nhận được, chúc cháu mau khỏe.',
    });
    expect(answer.statusCode).toBe(201);
    const list = (await parent.get(`${base()}/message-threads/${thread.id}/messages`)).json();
    expect(list.items.map((m: { body: string }) => m.body)).toEqual([
      'Cô đã nhận được, chúc cháu mau khỏe.',
      'Cô ơi, hôm nay cháu bị sốt nên xin phép nghỉ học ạ.',
    ]);
    // The student reads their own thread.
    expect((await pupil.get(`${base()}/message-threads/${thread.id}`)).statusCode).toBe(200);
  });

  it("refuses a parent in another family's thread and a teacher outside their classes", async () => {
    const other = await principal.post(`${base()}/message-threads`, {
      kind: 'student',
      studentId: stranger.id,
    });
    expect(other.statusCode).toBe(201);
    const id = other.json().id as string;
    await principal.post(`${base()}/message-threads/${id}/messages`, {
      body: 'Nhà trường mời gia đình lên gặp.',
    });
    const url = `${base()}/message-threads/${id}`;
    expect((await parent.get(url)).statusCode).toBe(403);
    expect((await parent.get(`${url}/messages`)).statusCode).toBe(403);
    expect((await parent.post(`${url}/messages`, { body: 'Xin chào' })).statusCode).toBe(403);
    expect((await parent.post(`${url}/read`)).statusCode).toBe(403);
    expect(
      (await parent.post(`${base()}/message-threads`, { kind: 'student', studentId: stranger.id }))
        .statusCode,
    ).toBe(403);
    expect((await threadsOf(parent, `&studentId=${stranger.id}`)).length).toBe(0);
    expect((await otherParent.get(url)).statusCode).toBe(403);
    expect((await teacher.post(`${url}/messages`, { body: 'Chào' })).statusCode).toBe(403);
    expect(
      (await teacher.post(`${base()}/message-threads`, { kind: 'class', classId: stranger.currentClassId }))
        .statusCode,
    ).toBe(403);
    const count = await t.database.execute<{ n: number }>(
      'select count(*)::int as n from messages where thread_id = $1',
      [id],
    );
    expect(count[0].n).toBe(1);
  });

  it('stores and returns XSS probes as inert text', async () => {
    const thread = (
      await teacher.post(`${base()}/message-threads`, { kind: 'class', classId: child.currentClassId })
    ).json() as Thread;
    const res = await teacher.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'Mời phụ huynh <script>alert(1)</script>dự họp <img src=x onerror=alert(document.cookie)>lớp <b>6A1</b>',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().body).toBe('Mời phụ huynh dự họp lớp 6A1');
    const stored = await t.database.execute<{ body: string }>('select body from messages where id = $1', [
      res.json().id,
    ]);
    expect(stored[0].body).toBe('Mời phụ huynh dự họp lớp 6A1');
    const listed = (await parent.get(`${base()}/message-threads/${thread.id}/messages`)).body;
    expect(listed).not.toMatch(/<\s*(script|img)/i);
    expect(listed).not.toContain('onerror');

    const empty = await teacher.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: '<script>alert(1)</script>',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('VALIDATION_FAILED');
    const tooLong = await teacher.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'a'.repeat(4001),
    });
    expect(tooLong.statusCode).toBe(400);

    const ann = await principal.post(`${base()}/announcements`, {
      audience: 'parents',
      title: 'Lịch họp <img src=x onerror=alert(1)>phụ huynh',
      body: '<svg onload=alert(1)>Họp lúc 7h30 <a href="javascript:alert(1)">tại hội trường</a>',
    });
    expect(ann.statusCode).toBe(201);
    expect(ann.json()).toMatchObject({ title: 'Lịch họp phụ huynh', body: 'Họp lúc 7h30 tại hội trường' });
  });
});

describe('announcements', () => {
  it('counts read receipts for the author and the school managers', async () => {
    const res = await principal.post(`${base()}/announcements`, {
      audience: 'parents',
      title: 'Họp phụ huynh cuối học kỳ I',
      body: 'Kính mời quý phụ huynh dự họp lúc 7 giờ 30 sáng Chủ nhật tại lớp học của con.',
      pinned: true,
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ pinned: true, classId: null, readCount: 0, readAt: null });
    expect(a.recipientCount).toBeGreaterThanOrEqual(1);

    const forParent = (
      (await parent.get('/api/announcements?pageSize=100')).json().items as { id: string }[]
    ).find((x) => x.id === a.id);
    expect(forParent).toMatchObject({ readAt: null, readCount: null, recipientCount: null });
    expect((await parent.post(`${base()}/announcements/${a.id}/read`)).statusCode).toBe(200);
    expect((await parent.post(`${base()}/announcements/${a.id}/read`)).statusCode).toBe(200);
    expect((await parent.get(`${base()}/announcements/${a.id}`)).json().readAt).not.toBeNull();

    const after = (await principal.get(`${base()}/announcements/${a.id}`)).json();
    expect(after).toMatchObject({ readCount: 1, recipientCount: a.recipientCount });
    // A teacher sees the school's announcements, without the receipts.
    expect((await teacher.get(`${base()}/announcements/${a.id}`)).json()).toMatchObject({ readCount: null });
    // Not for students (audience: parents), nor for another school.
    expect((await pupil.get(`${base()}/announcements/${a.id}`)).statusCode).toBe(403);
    expect((await otherParent.get(`${base()}/announcements/${a.id}`)).statusCode).toBe(403);
    expect(
      ((await otherParent.get('/api/announcements?pageSize=100')).json().items as { id: string }[]).some(
        (x) => x.id === a.id,
      ),
    ).toBe(false);
  });

  it('lets a teacher announce to their class only, and hides scheduled announcements until their time', async () => {
    const res = await teacher.post(`${base()}/announcements`, {
      classId: child.currentClassId,
      audience: 'students',
      title: 'Nộp bài tập Toán',
      body: 'Các em nộp vở bài tập Toán vào thứ Hai.',
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ className: '6A1', readCount: 0 });
    expect((await pupil.get(`${base()}/announcements/${a.id}`)).statusCode).toBe(200);
    expect((await parent.get(`${base()}/announcements/${a.id}`)).statusCode).toBe(403);
    expect((await pupil.post(`${base()}/announcements/${a.id}/read`)).statusCode).toBe(200);
    expect((await teacher.get(`${base()}/announcements/${a.id}`)).json().readCount).toBe(1);

    const body = { audience: 'parents', title: 'Thông báo', body: 'Nội dung' };
    expect((await teacher.post(`${base()}/announcements`, body)).statusCode).toBe(403);
    expect(
      (await teacher.post(`${base()}/announcements`, { ...body, classId: stranger.currentClassId }))
        .statusCode,
    ).toBe(403);
    expect(
      (await parent.post(`${base()}/announcements`, { ...body, classId: child.currentClassId })).statusCode,
    ).toBe(403);

    const later = await principal.post(`${base()}/announcements`, {
      ...body,
      title: 'Lịch nghỉ Tết',
      publishAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(later.statusCode).toBe(201);
    const laterId = later.json().id;
    expect((await parent.get(`${base()}/announcements/${laterId}`)).statusCode).toBe(403);
    expect((await parent.post(`${base()}/announcements/${laterId}/read`)).statusCode).toBe(403);
    expect((await principal.get(`${base()}/announcements/${laterId}`)).statusCode).toBe(200);
  });
});

describe('notifications', () => {
  it('notifies the family of messages and announcements, in the app', async () => {
    const thread = (
      await parent.post(`${base()}/message-threads`, { kind: 'student', studentId: child.id })
    ).json();
    await teacher.post(`${base()}/message-threads/${thread.id}/messages`, {
      body: 'Cháu tiến bộ nhiều ở môn Toán tuần này.',
    });
    const n = await waitForNotification(parent, (x) => x.kind === 'message' && x.body.includes('tiến bộ'));
    expect(n.title).toContain('Tin nhắn mới');
    await principal.post(`${base()}/announcements`, {
      audience: 'all',
      title: 'Nghỉ học do mưa lũ',
      body: 'Học sinh toàn trường nghỉ học ngày mai do mưa lũ.',
    });
    await waitForNotification(parent, (x) => x.kind === 'announcement' && x.title === 'Nghỉ học do mưa lũ');
    await waitForNotification(pupil, (x) => x.kind === 'announcement' && x.title === 'Nghỉ học do mưa lũ');

    const list = (await parent.get('/api/notifications')).json();
    expect(list.unread).toBeGreaterThanOrEqual(2);
    expect((await parent.post(`/api/notifications/${n.id}/read`)).statusCode).toBe(200);
    expect((await parent.get('/api/notifications')).json().unread).toBe(list.unread - 1);
    expect((await otherParent.post(`/api/notifications/${n.id}/read`)).statusCode).toBe(404);
    expect((await parent.post('/api/notifications/read-all')).statusCode).toBe(200);
    const after = (await parent.get('/api/notifications?unread=true')).json();
    expect(after).toMatchObject({ unread: 0, total: 0 });
  });

  it('notifies the guardians when the teacher records an unexcused absence', async () => {
    const res = await teacher.request('PUT', `${base()}/classes/${child.currentClassId}/attendance`, {
      date: '2025-03-14',
      period: 0,
      entries: [{ studentId: child.id, status: 'unexcused' }],
    });
    expect(res.statusCode).toBe(200);
    const n = await waitForNotification(parent, (x) => x.kind === 'absence');
    expect(n.title).toBe(`Học sinh ${child.fullName} vắng không phép`);
    expect(n.body).toContain(`Học sinh ${child.fullName} (lớp 6A1) vắng không phép ngày 14/03/2025`);
  });

  it('keeps preferences per account (in-app always, e-mail on or off)', async () => {
    expect((await parent.get('/api/notifications/preferences')).json()).toEqual({
      inApp: true,
      email: true,
      emailAvailable: false,
    });
    const off = await parent.patch('/api/notifications/preferences', { email: false });
    expect(off.json()).toMatchObject({ email: false });
    expect((await parent.get('/api/notifications/preferences')).json().email).toBe(false);
    expect((await teacher.get('/api/notifications/preferences')).json().email).toBe(true);
  });
});
