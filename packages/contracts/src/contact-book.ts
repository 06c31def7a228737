import { z } from 'zod';
import { PageQuery, Uuid } from './common';

/**
 * Sổ liên lạc điện tử (e-contact book): message threads between teachers and families, school and class
 * announcements with read receipts, in-app notifications and their preferences.
 *
 * Every text a user writes is plain text: the server strips HTML and stores and returns text only, which the
 * web client renders as text.
 */

export const MESSAGE_MAX_LENGTH = 4000;
export const ANNOUNCEMENT_TITLE_MAX_LENGTH = 200;
export const ANNOUNCEMENT_BODY_MAX_LENGTH = 10000;

const Timestamp = z.string(); // ISO 8601 date-time

// ---- Message threads (kênh trao đổi) and messages (tin nhắn)
export const ThreadKind = z.enum([
  'class', // giáo viên ↔ cha mẹ học sinh của cả lớp
  'student', // giáo viên của em ↔ cha mẹ của em
]);
export type ThreadKind = z.infer<typeof ThreadKind>;

export const MessageThread = z.object({
  id: Uuid,
  schoolId: Uuid,
  kind: ThreadKind,
  classId: Uuid.nullable(),
  className: z.string().nullable(),
  studentId: Uuid.nullable(),
  studentName: z.string().nullable(),
  title: z.string(),
  lastMessageAt: Timestamp.nullable(),
  lastMessagePreview: z.string().nullable(),
  messageCount: z.number().int(),
  unreadCount: z.number().int(),
  /** Whether the signed-in account may post here. */
  canWrite: z.boolean(),
});
export type MessageThread = z.infer<typeof MessageThread>;

export const MessageThreadListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  classId: Uuid.optional(),
  studentId: Uuid.optional(),
  kind: ThreadKind.optional(),
});

/** Opens (finds or creates) the thread of a class or of a student. */
export const MessageThreadOpenBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('class'), classId: Uuid }),
  z.object({ kind: z.literal('student'), studentId: Uuid }),
]);

export const Message = z.object({
  id: Uuid,
  schoolId: Uuid,
  threadId: Uuid,
  senderUserId: Uuid,
  senderName: z.string(),
  senderRole: z.string(),
  body: z.string(),
  createdAt: Timestamp,
  mine: z.boolean(),
});
export type Message = z.infer<typeof Message>;

export const MessageListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const MessageCreateBody = z.object({
  body: z.string().trim().min(1).max(MESSAGE_MAX_LENGTH),
});

// ---- Announcements (thông báo của nhà trường / của lớp)
export const Audience = z.enum([
  'parents', // cha mẹ học sinh
  'students', // học sinh
  'staff', // cán bộ, giáo viên, nhân viên
  'all',
]);
export type Audience = z.infer<typeof Audience>;

export const Announcement = z.object({
  id: Uuid,
  schoolId: Uuid,
  classId: Uuid.nullable(),
  className: z.string().nullable(),
  audience: Audience,
  title: z.string(),
  body: z.string(),
  pinned: z.boolean(),
  publishAt: Timestamp,
  authorUserId: Uuid,
  authorName: z.string(),
  createdAt: Timestamp,
  /** When the signed-in account marked it read (null: not yet). */
  readAt: Timestamp.nullable(),
  /** Read receipts: shown to the author and the school's managers only (null for everybody else). */
  readCount: z.number().int().nullable(),
  recipientCount: z.number().int().nullable(),
});
export type Announcement = z.infer<typeof Announcement>;

export const AnnouncementListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  classId: Uuid.optional(),
  /** Only the announcements the signed-in account wrote. */
  mine: z.enum(['true', 'false']).optional(),
});

export const AnnouncementCreateBody = z.object({
  /** Null or absent: the whole school (school managers only); otherwise one class. */
  classId: Uuid.nullish(),
  audience: Audience.default('parents'),
  title: z.string().trim().min(1).max(ANNOUNCEMENT_TITLE_MAX_LENGTH),
  body: z.string().trim().min(1).max(ANNOUNCEMENT_BODY_MAX_LENGTH),
  pinned: z.boolean().default(false),
  /** Publish later; absent = now. */
  publishAt: z.iso.datetime({ offset: true }).optional(),
});

// ---- Notifications (thông báo trong ứng dụng)
export const NotificationKind = z.enum(['absence', 'announcement', 'message', 'statistics', 'gradebook']);

export const AppNotification = z.object({
  id: Uuid,
  schoolId: Uuid.nullable(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type AppNotification = z.infer<typeof AppNotification>;

export const NotificationListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['true', 'false']).optional(),
});

export const NotificationList = z.object({
  items: z.array(AppNotification),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Unread notifications of the account in all (the bell's badge). */
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationPreferences = z.object({
  /** In-app notifications are always on. */
  inApp: z.literal(true),
  email: z.boolean(),
  /** False when the server has no e-mail channel configured (SMTP_URL unset). */
  emailAvailable: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const NotificationPreferencesBody = z.object({ email: z.boolean() });
