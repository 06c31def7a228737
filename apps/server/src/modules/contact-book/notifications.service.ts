import type { NotificationListQuery } from '@smartedu/contracts';
import type { Database, Tx } from '@smartedu/db';
import type { z } from 'zod';
import { notFound } from '../../errors';
import type { Actor } from '../access';
import type { JobQueue } from '../jobs';
import { DeliverJob } from './contact-book.jobs';
import { createNotificationsRepository } from './notifications.repository';
import type { Notifier } from './notifiers';
import type { Recipient } from './recipients.repository';

export type NotificationsDeps = { database: Database; jobs: JobQueue; notifiers: Notifier[] };

/** One notification to many recipients. */
export type Notice = {
  schoolId: string;
  kind: 'absence' | 'announcement' | 'message' | 'statistics' | 'gradebook';
  title: string;
  body: string;
  link: string | null;
  /** In-app: one notification per account and key. */
  key: string;
  /** 'refresh' brings an existing notification with the same key back as unread with the new text. */
  mode?: 'keep' | 'refresh';
  /** Also by e-mail (to the recipients with an address who did not turn e-mail off); the key of the e-mail. */
  emailKey?: string;
};

/** In-app notifications, preferences, and delivery through the configured channels (as jobs). */
export function createNotificationsService({ database, jobs, notifiers }: NotificationsDeps) {
  const repo = createNotificationsRepository(database.db);
  const channels = new Map(notifiers.map((n) => [n.channel, n]));

  jobs.register(
    DeliverJob,
    async (p) => {
      const channel = channels.get(p.channel);
      if (!channel) throw new Error(`channel ${p.channel} is not configured`);
      await channel.send(p.to, { title: p.title, body: p.body, link: p.link ?? null });
    },
    { maxAttempts: 6 },
  );

  return {
    emailAvailable: () => channels.has('email'),

    /**
     * Writes the in-app notifications and enqueues the e-mails in the caller's transaction: nothing is sent
     * inside a request, and nothing is sent for a change that rolled back.
     */
    async notify(tx: Tx, recipients: Recipient[], notice: Notice) {
      await createNotificationsRepository(tx).insertMany(
        recipients.flatMap((r) =>
          r.userId
            ? [
                {
                  userId: r.userId,
                  schoolId: notice.schoolId,
                  kind: notice.kind,
                  title: notice.title,
                  body: notice.body,
                  link: notice.link,
                  dedupeKey: notice.key,
                },
              ]
            : [],
        ),
        notice.mode,
      );
      if (!notice.emailKey || !channels.has('email')) return;
      const addresses = new Set<string>();
      for (const r of recipients) if (r.email && r.emailOn) addresses.add(r.email.trim().toLowerCase());
      await jobs.enqueueMany(
        tx,
        DeliverJob,
        [...addresses].map((to) => ({
          payload: {
            channel: 'email' as const,
            to,
            title: notice.title,
            body: notice.body,
            link: notice.link,
          },
          options: { dedupeKey: `${notice.emailKey}:email:${to}` },
        })),
      );
    },

    async list(actor: Actor, q: z.infer<typeof NotificationListQuery>) {
      const r = await repo.list(
        actor.userId,
        { unread: q.unread === 'true' },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { ...r, page: q.page, pageSize: q.pageSize };
    },

    async markRead(actor: Actor, id: string) {
      if (!(await repo.markRead(actor.userId, id))) throw notFound('thông báo');
      return { ok: true as const };
    },

    async markAllRead(actor: Actor) {
      await repo.markAllRead(actor.userId);
      return { ok: true as const };
    },

    async preferences(actor: Actor) {
      const p = await repo.preferences(actor.userId);
      return { inApp: true as const, email: p.email, emailAvailable: channels.has('email') };
    },

    async setPreferences(actor: Actor, body: { email: boolean }) {
      await repo.setPreferences(actor.userId, body);
      return this.preferences(actor);
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
