import { notificationPreferences, notifications, type Queryable } from '@smartedu/db';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';

export type NotificationInsert = typeof notifications.$inferInsert;
const n = notifications;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** In-app notifications of one account, and its delivery preferences. */
export function createNotificationsRepository(db: Queryable) {
  return {
    /**
     * Adds notifications. `refresh`: a notification with the same dedupe key is brought back as new with the
     * latest text (one entry per thread, not one per message); otherwise the first one is kept.
     */
    async insertMany(rows: NotificationInsert[], mode: 'keep' | 'refresh' = 'keep') {
      for (let i = 0; i < rows.length; i += 500) {
        const q = db.insert(n).values(rows.slice(i, i + 500));
        if (mode === 'refresh')
          await q.onConflictDoUpdate({
            target: [n.userId, n.dedupeKey],
            set: {
              title: sql`excluded.title`,
              body: sql`excluded.body`,
              link: sql`excluded.link`,
              createdAt: sql`now()`,
              readAt: null,
            },
          });
        else await q.onConflictDoNothing();
      }
    },

    async list(userId: string, f: { unread: boolean }, page: { limit: number; offset: number }) {
      const mine = eq(n.userId, userId);
      const where = f.unread ? and(mine, isNull(n.readAt)) : mine;
      const [[{ total }], [{ unread }]] = await Promise.all([
        db.select({ total: count() }).from(n).where(where),
        db
          .select({ unread: count() })
          .from(n)
          .where(and(mine, isNull(n.readAt))),
      ]);
      const rows = await db
        .select()
        .from(n)
        .where(where)
        .orderBy(desc(n.createdAt), desc(n.id))
        .limit(page.limit)
        .offset(page.offset);
      return {
        total,
        unread,
        items: rows.map((r) => ({
          id: r.id,
          schoolId: r.schoolId,
          kind: r.kind as 'absence' | 'announcement' | 'message' | 'gradebook',
          title: r.title,
          body: r.body,
          link: r.link,
          createdAt: iso(r.createdAt)!,
          readAt: iso(r.readAt),
        })),
      };
    },

    /** False when the account has no such notification. */
    async markRead(userId: string, id: string) {
      const rows = await db
        .update(n)
        .set({ readAt: sql`coalesce(${n.readAt}, now())` })
        .where(and(eq(n.userId, userId), eq(n.id, id)))
        .returning({ id: n.id });
      return rows.length > 0;
    },

    async markAllRead(userId: string) {
      await db
        .update(n)
        .set({ readAt: sql`now()` })
        .where(and(eq(n.userId, userId), isNull(n.readAt)));
    },

    async preferences(userId: string) {
      const [row] = await db
        .select()
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, userId));
      return { email: row?.email ?? true };
    },

    async setPreferences(userId: string, prefs: { email: boolean }) {
      await db
        .insert(notificationPreferences)
        .values({ userId, email: prefs.email })
        .onConflictDoUpdate({
          target: notificationPreferences.userId,
          set: { email: prefs.email, updatedAt: sql`now()` },
        });
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
