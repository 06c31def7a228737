import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../registry/units';

/**
 * Sổ liên lạc điện tử (e-contact book): message threads, announcements with read receipts, in-app
 * notifications. Threads, messages and announcements are school-owned (`school_id` first); notifications and
 * preferences belong to an account and, like the identity tables, are distributed by user id.
 */

// Kênh trao đổi: one per class ('Lớp 6A1 — trao đổi chung') and one per student (teachers ↔ that student's family)
export const messageThreads = pgTable(
  'message_threads',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(), // class | student
    classId: uuid('class_id'), // set for kind = class
    studentId: uuid('student_id'), // set for kind = student
    title: text('title').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    uniqueIndex('message_threads_class_uq').on(t.schoolId, t.classId).where(sql`kind = 'class'`),
    uniqueIndex('message_threads_student_uq').on(t.schoolId, t.studentId).where(sql`kind = 'student'`),
    index('message_threads_last_idx').on(t.schoolId, t.lastMessageAt),
  ],
);

// Tin nhắn: plain text only (HTML is stripped on the server)
export const messages = pgTable(
  'messages',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    threadId: uuid('thread_id').notNull(),
    senderUserId: uuid('sender_user_id').notNull(),
    senderName: text('sender_name').notNull(),
    senderRole: text('sender_role').notNull(), // teacher | parent | school_admin | ...
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('messages_thread_idx').on(t.schoolId, t.threadId, t.createdAt),
  ],
);

// Đã đọc đến đâu: read state of one participant in one thread
export const threadReads = pgTable(
  'thread_reads',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    threadId: uuid('thread_id').notNull(),
    userId: uuid('user_id').notNull(),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.threadId, t.userId] }),
    index('thread_reads_user_idx').on(t.schoolId, t.userId),
  ],
);

// Thông báo của nhà trường (whole school) or of a teacher to a class
export const announcements = pgTable(
  'announcements',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    classId: uuid('class_id'), // null = the whole school
    audience: text('audience').notNull(), // parents | students | staff | all
    title: text('title').notNull(),
    body: text('body').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    publishAt: timestamp('publish_at', { withTimezone: true }).notNull().defaultNow(),
    authorUserId: uuid('author_user_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('announcements_publish_idx').on(t.schoolId, t.publishAt),
    index('announcements_class_idx').on(t.schoolId, t.classId),
  ],
);

// Xác nhận đã đọc thông báo
export const announcementReads = pgTable(
  'announcement_reads',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    announcementId: uuid('announcement_id').notNull(),
    userId: uuid('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.announcementId, t.userId] })],
);

// Thông báo trong ứng dụng: one row per recipient account
export const notifications = pgTable(
  'notifications',
  {
    userId: uuid('user_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    schoolId: uuid('school_id'),
    kind: text('kind').notNull(), // absence | announcement | message
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    /** The same event never notifies an account twice (e.g. an absence saved again). */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
  ],
);

// Tuỳ chọn nhận thông báo: in-app always; e-mail on or off (more channels later: SMS, Zalo OA)
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id').primaryKey(),
  email: boolean('email').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
