import type { Database, Tx } from '@smartedu/db';
import type { EventBus } from '../../events';
import type { AccessService } from '../access';
import type { AuditRepository } from '../audit';
import type { JobQueue } from '../jobs';
import { createAnnouncementsService } from './announcements.service';
import { registerFanOutJobs } from './contact-book.fanout';
import { AbsenceJob } from './contact-book.jobs';
import { createMessagesService } from './messages.service';
import { createNotificationsService, type Notice } from './notifications.service';
import type { Notifier } from './notifiers';
import { createRecipientsRepository } from './recipients.repository';

export { contactBookRoutes } from './contact-book.routes';
export {
  createConfiguredNotifiers,
  createEmailNotifier,
  type MailTransport,
  type Notifier,
  type NotifierMessage,
} from './notifiers';

export type ContactBookDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  events: EventBus;
  jobs: JobQueue;
  /** Delivery channels besides in-app (e-mail when SMTP is configured; SMS, Zalo OA later). */
  notifiers: Notifier[];
};

/**
 * Sổ liên lạc điện tử: builds the services, registers the module's jobs on the queue and its event
 * listeners on the bus. Register `contactBookRoutes` with the result.
 */
export function createContactBook(deps: ContactBookDeps) {
  const { database, access, audit, events, jobs } = deps;
  const notifications = createNotificationsService(deps);
  registerFanOutJobs({ database, jobs, notifications });

  // Vắng không phép → the guardians are notified (in-app now, e-mail by the queue). Only a job is enqueued
  // here, so the roll call that emitted the event is not slowed down.
  events.on('attendance.absence_recorded', async (e) => {
    if (e.status !== 'unexcused') return;
    await jobs.enqueue(
      database.db,
      AbsenceJob,
      { schoolId: e.schoolId, studentId: e.studentId, date: e.date, period: e.period || null },
      { dedupeKey: `absence:${e.schoolId}:${e.studentId}:${e.date}:${e.period || 'day'}` },
    );
    jobs.wake();
  });

  // Đề nghị mở khoá sổ điểm decided by the principal → the teacher who asked is told (in-app).
  events.on('gradebook.unlock_request_decided', async (e) => {
    const term = e.termNo === 1 ? 'I' : 'II';
    const approved = e.status === 'approved';
    await database.transaction((tx) =>
      notifications.notify(
        tx,
        [{ userId: e.requestedBy, name: '', email: null, emailOn: false, role: 'staff' }],
        {
          schoolId: e.schoolId,
          kind: 'gradebook',
          title: approved
            ? `Đã mở khoá sổ điểm ${e.subjectName} lớp ${e.className}, học kì ${term}`
            : `Đề nghị mở khoá sổ điểm ${e.subjectName} lớp ${e.className} bị từ chối`,
          body:
            `${e.decidedByName} đã ${approved ? 'duyệt' : 'từ chối'} đề nghị mở khoá sổ điểm môn ${e.subjectName} ` +
            `lớp ${e.className}, học kì ${term}` +
            (e.decisionReason ? `. ${approved ? 'Ghi chú' : 'Lý do'}: ${e.decisionReason}` : '.'),
          link: `/gradebook/classes/${e.schoolId}/${e.classId}`,
          key: `unlock-request:${e.requestId}`,
        },
      ),
    );
  });

  return {
    messages: createMessagesService({ database, access, audit, jobs }),
    announcements: createAnnouncementsService({ database, access, audit, jobs }),
    notifications,
    /**
     * A notice from another module to the accounts holding the given roles at a school (in-app, and e-mail
     * when `emailKey` is set), written in the caller's transaction. Returns how many accounts it reached.
     */
    async notifySchoolStaff(tx: Tx, schoolId: string, roles: string[], notice: Omit<Notice, 'schoolId'>) {
      const recipients = await createRecipientsRepository(tx).staff(schoolId, { roles });
      await notifications.notify(tx, recipients, { ...notice, schoolId });
      return recipients.filter((r) => r.userId).length;
    },
  };
}
export type ContactBook = ReturnType<typeof createContactBook>;
