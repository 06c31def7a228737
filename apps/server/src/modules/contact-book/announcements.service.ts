import {
  ANNOUNCEMENT_BODY_MAX_LENGTH,
  ANNOUNCEMENT_TITLE_MAX_LENGTH,
  type AnnouncementCreateBody,
  type AnnouncementListQuery,
} from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import type { z } from 'zod';
import { AppError, forbidden, notFound } from '../../errors';
import { type AccessService, type Actor, scopeCovers } from '../access';
import type { AuditRepository } from '../audit';
import type { JobQueue } from '../jobs';
import { type AnnouncementReach, createAnnouncementsRepository } from './announcements.repository';
import { AnnouncementJob } from './contact-book.jobs';
import { reachOf, subtreesOf } from './contact-book.reach';
import { toPlainText } from './plain-text';
import { createRecipientsRepository } from './recipients.repository';

export type AnnouncementsDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  jobs: JobQueue;
};

type Loaded = NonNullable<Awaited<ReturnType<ReturnType<typeof createAnnouncementsRepository>['get']>>>;

/**
 * Thông báo: from the school's managers to the whole school, or from a teacher to a class, for parents,
 * students, staff or everybody; published now or later; read receipts (read / recipients) for the author
 * and the school's managers.
 */
export function createAnnouncementsService({ database, access, audit, jobs }: AnnouncementsDeps) {
  const repo = createAnnouncementsRepository(database.db);
  const recipients = createRecipientsRepository(database.db);

  async function reachFor(actor: Actor): Promise<AnnouncementReach> {
    const [manage, read] = await Promise.all([
      access.scope(actor, 'announcements.write'),
      reachOf(access, actor, 'messages.read'),
    ]);
    return {
      userId: actor.userId,
      manage: subtreesOf(manage),
      readAll: subtreesOf(read.scope),
      // A teacher sees the school-wide announcements of their school (every audience) and those of their classes.
      staffSchools: actor.roles.filter((g) => g.role === 'teacher').map((g) => g.unitId),
      staffClasses: read.scope.classes,
      parentOf: read.children.map((c) => ({ schoolId: c.schoolId, classId: c.classId })),
      studentOf: read.self.map((c) => ({ schoolId: c.schoolId, classId: c.classId })),
    };
  }

  /** Adds read receipts where the actor may see them (author, school managers). */
  async function withReceipts(actor: Actor, reach: AnnouncementReach, a: Loaded) {
    const { schoolPath, ...rest } = a;
    const canSee =
      a.authorUserId === actor.userId || scopeCovers(reach.manage, { schoolId: a.schoolId, schoolPath });
    const receipts = canSee
      ? await repo.receipts(a.schoolId, a.id, recipients.audienceUserIds(a))
      : { readCount: null, recipientCount: null };
    return { ...rest, ...receipts };
  }

  async function load(actor: Actor, schoolId: string, id: string) {
    const reach = await reachFor(actor);
    const row = await repo.get(reach, schoolId, id);
    if (!row) {
      if (await repo.raw(schoolId, id)) throw forbidden();
      throw notFound('thông báo');
    }
    return { reach, row };
  }

  return {
    async list(actor: Actor, q: z.infer<typeof AnnouncementListQuery>) {
      const reach = await reachFor(actor);
      const r = await repo.list(
        { reach, schoolId: q.schoolId, classId: q.classId, mine: q.mine === 'true', q: q.q },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      const items = [];
      for (const a of r.items) items.push(await withReceipts(actor, reach, a));
      return { total: r.total, items, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, schoolId: string, id: string) {
      const { reach, row } = await load(actor, schoolId, id);
      return withReceipts(actor, reach, row);
    },

    async create(actor: Actor, schoolId: string, input: z.infer<typeof AnnouncementCreateBody>) {
      const classId = input.classId ?? null;
      await access.require(actor, 'announcements.write', { schoolId, classIds: classId ? [classId] : [] });
      if (classId && !(await repo.classInfo(schoolId, classId)))
        throw new AppError('VALIDATION_FAILED', 'Lớp không tồn tại trong trường này', { field: 'classId' });
      const title = toPlainText(input.title, ANNOUNCEMENT_TITLE_MAX_LENGTH).replace(/\s+/g, ' ');
      const body = toPlainText(input.body, ANNOUNCEMENT_BODY_MAX_LENGTH);
      if (!title) throw new AppError('VALIDATION_FAILED', 'Tiêu đề không có nội dung', { field: 'title' });
      if (!body) throw new AppError('VALIDATION_FAILED', 'Nội dung thông báo trống', { field: 'body' });
      const now = new Date();
      const requested = input.publishAt ? new Date(input.publishAt) : now;
      const publishAt = requested > now ? requested : now;
      const id = await database.transaction(async (tx) => {
        const row = await createAnnouncementsRepository(tx).insert({
          schoolId,
          classId,
          audience: input.audience,
          title,
          body,
          pinned: input.pinned,
          publishAt,
          authorUserId: actor.userId,
          authorName: actor.fullName,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'announcement',
          entityId: row.id,
          after: { classId, audience: row.audience, title, pinned: row.pinned, publishAt },
        });
        await jobs.enqueue(
          tx,
          AnnouncementJob,
          { schoolId, announcementId: row.id },
          { runAt: publishAt, dedupeKey: `announcement:${row.id}` },
        );
        return row.id;
      });
      jobs.wake();
      return this.get(actor, schoolId, id);
    },

    /** The signed-in recipient confirms reading (the read receipt). */
    async markRead(actor: Actor, schoolId: string, id: string) {
      await load(actor, schoolId, id);
      await repo.markRead(schoolId, id, actor.userId);
      return { ok: true as const };
    },
  };
}
export type AnnouncementsService = ReturnType<typeof createAnnouncementsService>;
