/**
 * Access rules of the contact book's routes for the access matrix (apps/server/src/test/access-matrix.test.ts).
 * Expectations written out by hand from the roles, for a thread or a class announcement of f.student[w] /
 * f.klass[w] ('own' = 6A1 at Quyết Tiến with phuhuynh.qt's child, giaovien.qt's class):
 * - read (messages.read): the Sở (all), Quyết Tiến's principal (their school), giaovien.qt, phuhuynh.qt and
 *   hocsinh.qt for 'own' only; the librarian (staff role) reads no parent–teacher thread;
 * - write (messages.write): the Sở, the principal (own school), giaovien.qt and phuhuynh.qt for 'own'
 *   (students read only);
 * - announcements.write: the Sở, the principal, giaovien.qt for a class of theirs ('own').
 * The Phòng's specialist holds none of these permissions; TH Số 1's principal and phuhuynh.tp reach nothing here.
 * Per-account routes (notifications, read marks) are covered in contact-book.test.ts.
 */
import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import { S, uniq } from '../../test/access-rules';
import type { Client } from '../../test/harness';

const principal = (u: User, w: Where) => u === 'admin.so' || (u === 'hieutruong.qt' && w !== 'other');
const read = (u: User, w: Where) =>
  principal(u, w) || (['giaovien.qt', 'phuhuynh.qt', 'hocsinh.qt'].includes(u) && w === 'own');
const write = (u: User, w: Where) =>
  principal(u, w) || ((u === 'giaovien.qt' || u === 'phuhuynh.qt') && w === 'own');
const announce = (u: User, w: Where) => principal(u, w) || (u === 'giaovien.qt' && w === 'own');

/** Ids created by the record probes, so that the list rules (which run after them) know what to look for. */
const seenThread = new Map<Where, string>();
const seenAnnouncement = new Map<Where, string>();

async function studentThread(admin: Client, f: Fixture, w: Where) {
  const res = await admin.post(`/api/schools/${S(f, w)}/message-threads`, {
    kind: 'student',
    studentId: f.student[w],
  });
  const id = res.json().id as string;
  seenThread.set(w, id);
  return id;
}

async function classAnnouncement(admin: Client, f: Fixture, w: Where) {
  const res = await admin.post(`/api/schools/${S(f, w)}/announcements`, {
    classId: f.klass[w],
    audience: 'all',
    title: `Thông báo thử ${uniq()}`,
    body: 'Kính gửi quý phụ huynh và các em học sinh.',
  });
  const id = res.json().id as string;
  seenAnnouncement.set(w, id);
  return id;
}

export const CONTACT_BOOK_ACCESS_RULES: Record<string, Rule> = {
  'GET /api/schools/{schoolId}/message-threads/{id}': {
    kind: 'record',
    permission: 'messages.read',
    expected: read,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/message-threads/${await studentThread(admin, f, w)}`,
    }),
  },
  'GET /api/message-threads': {
    kind: 'list',
    permission: 'messages.read',
    expected: read,
    probe: (f, w) => ({ method: 'GET', url: `/api/message-threads?studentId=${f.student[w]}&pageSize=50` }),
    id: (_f, w) => seenThread.get(w) ?? '',
  },
  'GET /api/schools/{schoolId}/message-threads/{id}/messages': {
    kind: 'record',
    permission: 'messages.read',
    expected: read,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/message-threads/${await studentThread(admin, f, w)}/messages`,
    }),
  },
  'POST /api/schools/{schoolId}/message-threads/{id}/messages': {
    kind: 'record',
    permission: 'messages.write',
    expected: write,
    tables: ['messages', 'message_threads'],
    probe: async (f, w, _seq, admin) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/message-threads/${await studentThread(admin, f, w)}/messages`,
      body: { body: `Tin nhắn thử ${uniq()}` },
    }),
  },
  'POST /api/schools/{schoolId}/message-threads': {
    kind: 'covered',
    by: 'modules/contact-book/contact-book.test.ts (opening is idempotent: an existing thread is returned)',
  },
  'POST /api/schools/{schoolId}/message-threads/{id}/read': {
    kind: 'covered',
    by: 'modules/contact-book/contact-book.test.ts (per-account read state, not audited)',
  },
  'GET /api/schools/{schoolId}/announcements/{id}': {
    kind: 'record',
    permission: 'messages.read',
    expected: read,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `/api/schools/${S(f, w)}/announcements/${await classAnnouncement(admin, f, w)}`,
    }),
  },
  'GET /api/announcements': {
    kind: 'list',
    permission: 'messages.read',
    expected: read,
    probe: (f, w) => ({
      method: 'GET',
      url: `/api/announcements?schoolId=${S(f, w)}&classId=${f.klass[w]}&pageSize=100`,
    }),
    id: (_f, w) => seenAnnouncement.get(w) ?? '',
  },
  'POST /api/schools/{schoolId}/announcements': {
    kind: 'record',
    permission: 'announcements.write',
    expected: announce,
    tables: ['announcements'],
    probe: (f, w) => ({
      method: 'POST',
      url: `/api/schools/${S(f, w)}/announcements`,
      body: {
        classId: f.klass[w],
        audience: 'parents',
        title: `Họp phụ huynh ${uniq()}`,
        body: 'Kính mời quý phụ huynh dự họp vào 7 giờ 30 sáng Chủ nhật.',
      },
    }),
  },
  'POST /api/schools/{schoolId}/announcements/{id}/read': {
    kind: 'covered',
    by: 'modules/contact-book/contact-book.test.ts (read receipt of the signed-in recipient, not audited)',
  },
  'GET /api/notifications': { kind: 'any-signed-in' },
  'GET /api/notifications/preferences': { kind: 'any-signed-in' },
  'POST /api/notifications/{id}/read': {
    kind: 'covered',
    by: 'modules/contact-book/contact-book.test.ts (own notifications only)',
  },
  'POST /api/notifications/read-all': {
    kind: 'covered',
    by: 'modules/contact-book/contact-book.test.ts (own notifications only)',
  },
  'PATCH /api/notifications/preferences': {
    kind: 'covered',
    by: 'modules/contact-book/contact-book.test.ts (own preferences only)',
  },
};
