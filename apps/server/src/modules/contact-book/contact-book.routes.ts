import {
  Announcement,
  AnnouncementCreateBody,
  AnnouncementListQuery,
  Message,
  MessageCreateBody,
  MessageListQuery,
  MessageThread,
  MessageThreadListQuery,
  MessageThreadOpenBody,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesBody,
  OkBody,
  paged,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { AnnouncementsService } from './announcements.service';
import type { MessagesService } from './messages.service';
import type { NotificationsService } from './notifications.service';

export type ContactBookRouteDeps = {
  messages: MessagesService;
  announcements: AnnouncementsService;
  notifications: NotificationsService;
};

const SchoolParams = z.object({ schoolId: Uuid });
const SchoolItemParams = z.object({ schoolId: Uuid, id: Uuid });

/** Sổ liên lạc điện tử: message threads, announcements, notifications. */
export const contactBookRoutes: FastifyPluginAsyncZod<ContactBookRouteDeps> = async (app, deps) => {
  const { messages, announcements, notifications } = deps;

  // ---- Message threads and messages
  const threads = ['contact-book: messages'];
  app.get(
    '/api/message-threads',
    {
      schema: {
        tags: threads,
        summary: 'Danh sách kênh trao đổi (lớp, học sinh) mà tài khoản tham gia',
        querystring: MessageThreadListQuery,
        response: { 200: paged(MessageThread) },
      },
    },
    async (req) => messages.list(requireActor(req), req.query),
  );
  app.post(
    '/api/schools/:schoolId/message-threads',
    {
      schema: {
        tags: threads,
        summary: 'Mở kênh trao đổi của một lớp hoặc một học sinh (tạo mới nếu chưa có)',
        params: SchoolParams,
        body: MessageThreadOpenBody,
        response: { 200: MessageThread, 201: MessageThread },
      },
    },
    async (req, reply) => {
      const { created, thread } = await messages.open(requireActor(req), req.params.schoolId, req.body);
      return reply.status(created ? 201 : 200).send(thread);
    },
  );
  app.get(
    '/api/schools/:schoolId/message-threads/:id',
    {
      schema: {
        tags: threads,
        summary: 'Một kênh trao đổi',
        params: SchoolItemParams,
        response: { 200: MessageThread },
      },
    },
    async (req) => messages.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.get(
    '/api/schools/:schoolId/message-threads/:id/messages',
    {
      schema: {
        tags: threads,
        summary: 'Tin nhắn của kênh (mới nhất trước)',
        params: SchoolItemParams,
        querystring: MessageListQuery,
        response: { 200: paged(Message) },
      },
    },
    async (req) => messages.messages(requireActor(req), req.params.schoolId, req.params.id, req.query),
  );
  app.post(
    '/api/schools/:schoolId/message-threads/:id/messages',
    {
      schema: {
        tags: threads,
        summary: 'Gửi tin nhắn (văn bản thường; mọi thẻ HTML bị loại bỏ)',
        params: SchoolItemParams,
        body: MessageCreateBody,
        response: { 201: Message },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await messages.post(requireActor(req), req.params.schoolId, req.params.id, req.body)),
  );
  app.post(
    '/api/schools/:schoolId/message-threads/:id/read',
    {
      schema: {
        tags: threads,
        summary: 'Đánh dấu đã đọc kênh trao đổi',
        params: SchoolItemParams,
        response: { 200: OkBody },
      },
    },
    async (req) => messages.markRead(requireActor(req), req.params.schoolId, req.params.id),
  );

  // ---- Announcements
  const ann = ['contact-book: announcements'];
  app.get(
    '/api/announcements',
    {
      schema: {
        tags: ann,
        summary: 'Thông báo của nhà trường và của lớp mà tài khoản được xem',
        querystring: AnnouncementListQuery,
        response: { 200: paged(Announcement) },
      },
    },
    async (req) => announcements.list(requireActor(req), req.query),
  );
  app.post(
    '/api/schools/:schoolId/announcements',
    {
      schema: {
        tags: ann,
        summary: 'Đăng thông báo (toàn trường: ban giám hiệu; một lớp: giáo viên của lớp)',
        params: SchoolParams,
        body: AnnouncementCreateBody,
        response: { 201: Announcement },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await announcements.create(requireActor(req), req.params.schoolId, req.body)),
  );
  app.get(
    '/api/schools/:schoolId/announcements/:id',
    {
      schema: {
        tags: ann,
        summary: 'Một thông báo (người đăng và ban giám hiệu thấy số người đã đọc)',
        params: SchoolItemParams,
        response: { 200: Announcement },
      },
    },
    async (req) => announcements.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/announcements/:id/read',
    {
      schema: {
        tags: ann,
        summary: 'Xác nhận đã đọc thông báo',
        params: SchoolItemParams,
        response: { 200: OkBody },
      },
    },
    async (req) => announcements.markRead(requireActor(req), req.params.schoolId, req.params.id),
  );

  // ---- Notifications of the signed-in account
  const notif = ['contact-book: notifications'];
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: notif,
        summary: 'Thông báo trong ứng dụng của tài khoản (kèm số chưa đọc)',
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    async (req) => notifications.list(requireActor(req), req.query),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags: notif,
        summary: 'Đánh dấu một thông báo đã đọc',
        params: z.object({ id: Uuid }),
        response: { 200: OkBody },
      },
    },
    async (req) => notifications.markRead(requireActor(req), req.params.id),
  );
  app.post(
    '/api/notifications/read-all',
    {
      schema: { tags: notif, summary: 'Đánh dấu tất cả thông báo đã đọc', response: { 200: OkBody } },
    },
    async (req) => notifications.markAllRead(requireActor(req)),
  );
  app.get(
    '/api/notifications/preferences',
    {
      schema: {
        tags: notif,
        summary: 'Cài đặt nhận thông báo (trong ứng dụng luôn bật; e-mail bật/tắt)',
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => notifications.preferences(requireActor(req)),
  );
  app.patch(
    '/api/notifications/preferences',
    {
      schema: {
        tags: notif,
        summary: 'Bật/tắt nhận thông báo qua e-mail',
        body: NotificationPreferencesBody,
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => notifications.setPreferences(requireActor(req), req.body),
  );
};
