import type { Database } from '@smartedu/db';
import type { JobQueue } from '../jobs';
import { createAnnouncementsRepository } from './announcements.repository';
import { AbsenceJob, AnnouncementJob, MessageJob } from './contact-book.jobs';
import { createMessagesRepository } from './messages.repository';
import type { NotificationsService } from './notifications.service';
import { preview } from './plain-text';
import { createRecipientsRepository, type Recipient, uniqueRecipients } from './recipients.repository';

export type FanOutDeps = { database: Database; jobs: JobQueue; notifications: NotificationsService };

/** '2025-03-14' → '14/03/2025'. */
const viDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * The jobs that turn events into notifications: an unexcused absence → the student's guardians; an
 * announcement at its publish time → its audience; a message → the thread's other participants. Each writes
 * the in-app notifications and enqueues the e-mails in one transaction.
 */
export function registerFanOutJobs({ database, jobs, notifications }: FanOutDeps) {
  const recipients = createRecipientsRepository(database.db);

  jobs.register(AbsenceJob, async (p) => {
    const student = await recipients.student(p.schoolId, p.studentId);
    if (!student) return;
    const to = await recipients.guardians(p.schoolId, { studentIds: [p.studentId] });
    const when = `ngày ${viDate(p.date)}${p.period ? `, tiết ${p.period}` : ''}`;
    const key = `absence:${p.studentId}:${p.date}:${p.period ?? 'day'}`;
    await database.transaction((tx) =>
      notifications.notify(tx, to, {
        schoolId: p.schoolId,
        kind: 'absence',
        title: `Học sinh ${student.fullName} vắng không phép`,
        body:
          `Học sinh ${student.fullName}${student.className ? ` (lớp ${student.className})` : ''} ` +
          `vắng không phép ${when}. Quý phụ huynh vui lòng liên hệ giáo viên chủ nhiệm nếu cần trao đổi thêm.`,
        link: '/contact-book',
        key,
        emailKey: key,
      }),
    );
    jobs.wake();
  });

  jobs.register(AnnouncementJob, async (p) => {
    const a = await createAnnouncementsRepository(database.db).raw(p.schoolId, p.announcementId);
    if (!a) return;
    const list: Recipient[] = [];
    if (a.audience === 'parents' || a.audience === 'all')
      list.push(...(await recipients.guardians(a.schoolId, { classId: a.classId })));
    if (a.audience === 'students' || a.audience === 'all')
      list.push(...(await recipients.students(a.schoolId, { classId: a.classId })));
    if (a.audience === 'staff' || a.audience === 'all')
      list.push(...(await recipients.staff(a.schoolId, { classId: a.classId })));
    const key = `announcement:${a.id}`;
    await database.transaction((tx) =>
      notifications.notify(tx, uniqueRecipients(list, a.authorUserId), {
        schoolId: a.schoolId,
        kind: 'announcement',
        title: a.title,
        body: `${a.authorName}: ${preview(a.body, 200)}`,
        link: `/contact-book/announcements/${a.schoolId}/${a.id}`,
        key,
        emailKey: key,
      }),
    );
    jobs.wake();
  });

  jobs.register(MessageJob, async (p) => {
    const repo = createMessagesRepository(database.db);
    const m = await repo.message(p.schoolId, p.messageId);
    if (!m) return;
    const thread = await repo.get(m.schoolId, m.threadId, m.senderUserId);
    if (!thread || (thread.kind === 'class' && !thread.classId)) return;
    const list: Recipient[] = [];
    if (thread.classId) list.push(...(await recipients.staff(m.schoolId, { classId: thread.classId })));
    list.push(
      ...(await recipients.guardians(
        m.schoolId,
        thread.kind === 'student' ? { studentIds: [thread.studentId!] } : { classId: thread.classId },
      )),
    );
    // A class thread would send every family a message per post: in-app only there, e-mail for one family.
    const personal = thread.kind === 'student';
    await database.transaction((tx) =>
      notifications.notify(tx, uniqueRecipients(list, m.senderUserId), {
        schoolId: m.schoolId,
        kind: 'message',
        title: `Tin nhắn mới — ${thread.title}`,
        body: `${m.senderName}: ${preview(m.body, 200)}`,
        link: `/contact-book/threads/${m.schoolId}/${m.threadId}`,
        key: `thread:${m.threadId}`,
        mode: 'refresh',
        emailKey: personal ? `message:${m.id}` : undefined,
      }),
    );
    jobs.wake();
  });
}
