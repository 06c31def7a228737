import { IsoDate } from '@smartedu/contracts';
import { z } from 'zod';
import { defineJob } from '../jobs';

/** Background work of the e-contact book: fan-out of events into notifications, and delivery per channel. */

/** One message on one channel to one address (an e-mail per guardian, later an SMS or a Zalo message). */
export const DeliverJob = defineJob(
  'contact-book.deliver',
  z.object({
    channel: z.enum(['email', 'sms', 'zalo']),
    to: z.string().min(3).max(320),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().optional(),
  }),
);

/** An unexcused absence: notify the student's guardians. */
export const AbsenceJob = defineJob(
  'contact-book.absence',
  z.object({
    schoolId: z.uuid(),
    studentId: z.uuid(),
    date: IsoDate,
    period: z.number().int().nullable().optional(),
  }),
);

/** An announcement reached its publish time: notify its audience. */
export const AnnouncementJob = defineJob(
  'contact-book.announcement',
  z.object({ schoolId: z.uuid(), announcementId: z.uuid() }),
);

/** A new message: notify the thread's other participants. */
export const MessageJob = defineJob(
  'contact-book.message',
  z.object({ schoolId: z.uuid(), messageId: z.uuid() }),
);
