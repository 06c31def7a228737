import {
  MESSAGE_MAX_LENGTH,
  type MessageCreateBody,
  type MessageListQuery,
  type MessageThreadListQuery,
  type MessageThreadOpenBody,
} from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { type AccessService, type Actor, scopeCovers, type Target } from '../access';
import type { AuditRepository } from '../audit';
import type { JobQueue } from '../jobs';
import { MessageJob } from './contact-book.jobs';
import { type FamilyMember, reachOf, senderRole } from './contact-book.reach';
import {
  createMessagesRepository,
  type MessageRow,
  type ThreadReach,
  type ThreadView,
} from './messages.repository';
import { toPlainText } from './plain-text';

export type MessagesDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  jobs: JobQueue;
};

/**
 * Trao đổi giữa giáo viên và gia đình: a thread per class (the teachers ↔ every family of the class) and a
 * thread per student (the student's teachers ↔ that student's guardians). Teachers reach their classes,
 * parents their children's threads, students read their own; school managers reach their school.
 */
export function createMessagesService({ database, access, audit, jobs }: MessagesDeps) {
  const repo = createMessagesRepository(database.db);

  async function threadReach(actor: Actor, permission: 'messages.read' | 'messages.write') {
    const r = await reachOf(access, actor, permission);
    const reach: ThreadReach = {
      classScope: {
        ...r.scope,
        classes: [...r.scope.classes, ...r.familyClasses],
        students: [],
        guardians: [],
      },
      studentScope: { ...r.scope, guardians: [] },
    };
    return { ...r, reach };
  }

  /** Whether a reach covers a thread (the same rule as the list's SQL, for one loaded thread). */
  function covers(reach: ThreadReach, t: ThreadView) {
    const target = {
      schoolId: t.schoolId,
      schoolPath: t.schoolPath ?? undefined,
      classIds: t.classId ? [t.classId] : [],
    };
    return t.kind === 'class'
      ? scopeCovers(reach.classScope, target)
      : scopeCovers(reach.studentScope, { ...target, studentId: t.studentId ?? undefined });
  }

  /** The access target of a thread: its class, and the student (a student thread, or a family's child in the class). */
  function targetOf(
    t: { schoolId: string; kind: string; classId: string | null; studentId: string | null },
    family: FamilyMember[],
  ): Target {
    const target: Target = { schoolId: t.schoolId, classIds: t.classId ? [t.classId] : [] };
    if (t.kind === 'student') target.studentId = t.studentId ?? undefined;
    else
      target.studentId = family.find((m) => m.schoolId === t.schoolId && m.classId === t.classId)?.studentId;
    return target;
  }

  async function requireThread(
    actor: Actor,
    permission: 'messages.read' | 'messages.write',
    schoolId: string,
    id: string,
  ) {
    const thread = await repo.get(schoolId, id, actor.userId);
    if (!thread) throw notFound('kênh trao đổi');
    const { family } = await reachOf(access, actor, permission);
    await access.require(actor, permission, targetOf(thread, family));
    return thread;
  }

  async function view(actor: Actor, thread: ThreadView) {
    const { reach } = await threadReach(actor, 'messages.write');
    return toThread(thread, covers(reach, thread));
  }

  const toMessage = (m: MessageRow, userId: string) => ({
    id: m.id,
    schoolId: m.schoolId,
    threadId: m.threadId,
    senderUserId: m.senderUserId,
    senderName: m.senderName,
    senderRole: m.senderRole,
    body: m.body,
    createdAt: m.createdAt.toISOString(),
    mine: m.senderUserId === userId,
  });

  return {
    async list(actor: Actor, q: z.infer<typeof MessageThreadListQuery>) {
      const [read, write] = await Promise.all([
        threadReach(actor, 'messages.read'),
        threadReach(actor, 'messages.write'),
      ]);
      const r = await repo.list(
        { reach: read.reach, userId: actor.userId, ...q },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return {
        total: r.total,
        items: r.items.map((t) => toThread(t, covers(write.reach, t))),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async get(actor: Actor, schoolId: string, id: string) {
      return view(actor, await requireThread(actor, 'messages.read', schoolId, id));
    },

    /** Finds or creates the thread of a class or of a student; `created` tells which. */
    async open(actor: Actor, schoolId: string, body: z.infer<typeof MessageThreadOpenBody>) {
      const { family } = await reachOf(access, actor, 'messages.write');
      let title: string;
      let values: { kind: 'class'; classId: string } | { kind: 'student'; studentId: string };
      if (body.kind === 'class') {
        await access.require(
          actor,
          'messages.write',
          targetOf({ schoolId, kind: 'class', classId: body.classId, studentId: null }, family),
        );
        const klass = await repo.classInfo(schoolId, body.classId);
        if (!klass)
          throw new AppError('VALIDATION_FAILED', 'Lớp không tồn tại trong trường này', { field: 'classId' });
        title = `Lớp ${klass.name} — trao đổi chung`;
        values = { kind: 'class', classId: klass.id };
      } else {
        const student = await repo.studentInfo(schoolId, body.studentId);
        await access.require(
          actor,
          'messages.write',
          targetOf(
            { schoolId, kind: 'student', classId: student?.classId ?? null, studentId: body.studentId },
            family,
          ),
        );
        if (!student)
          throw new AppError('VALIDATION_FAILED', 'Học sinh không tồn tại trong trường này', {
            field: 'studentId',
          });
        title = `Trao đổi về em ${student.fullName}${student.className ? ` (lớp ${student.className})` : ''}`;
        values = { kind: 'student', studentId: student.id };
      }
      const existing = await repo.find(schoolId, values);
      if (existing) return { created: false, thread: await this.get(actor, schoolId, existing) };
      const id = await database.transaction(async (tx) => {
        const r = createMessagesRepository(tx);
        const row = await r.insert({ schoolId, ...values, title, createdBy: actor.userId });
        if (!row) return (await r.find(schoolId, values))!;
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'message_thread',
          entityId: row.id,
          after: { kind: row.kind, classId: row.classId, studentId: row.studentId, title },
        });
        return row.id;
      });
      return { created: true, thread: await this.get(actor, schoolId, id) };
    },

    async messages(actor: Actor, schoolId: string, id: string, q: z.infer<typeof MessageListQuery>) {
      await requireThread(actor, 'messages.read', schoolId, id);
      const r = await repo.messages(schoolId, id, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return {
        total: r.total,
        items: r.items.map((m) => toMessage(m, actor.userId)),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Posts a message (plain text: any HTML is stripped) and notifies the others in the background. */
    async post(actor: Actor, schoolId: string, id: string, input: z.infer<typeof MessageCreateBody>) {
      await requireThread(actor, 'messages.write', schoolId, id);
      const body = toPlainText(input.body, MESSAGE_MAX_LENGTH);
      if (!body)
        throw new AppError('VALIDATION_FAILED', 'Tin nhắn không có nội dung (chỉ gửi được văn bản thường)', {
          field: 'body',
        });
      const row = await database.transaction(async (tx) => {
        const r = createMessagesRepository(tx);
        const m = await r.insertMessage({
          schoolId,
          threadId: id,
          senderUserId: actor.userId,
          senderName: actor.fullName,
          senderRole: senderRole(actor),
          body,
        });
        await r.markRead(schoolId, id, actor.userId);
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'message',
          entityId: m.id,
          after: { threadId: id, length: body.length },
        });
        await jobs.enqueue(tx, MessageJob, { schoolId, messageId: m.id });
        return m;
      });
      jobs.wake();
      return toMessage(row, actor.userId);
    },

    /** Marks the thread read up to now for the signed-in participant. */
    async markRead(actor: Actor, schoolId: string, id: string) {
      await requireThread(actor, 'messages.read', schoolId, id);
      await repo.markRead(schoolId, id, actor.userId);
      return { ok: true as const };
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;

function toThread(t: ThreadView, canWrite: boolean) {
  return {
    id: t.id,
    schoolId: t.schoolId,
    kind: t.kind,
    classId: t.classId,
    className: t.className,
    studentId: t.studentId,
    studentName: t.studentName,
    title: t.title,
    lastMessageAt: t.lastMessageAt,
    lastMessagePreview: t.lastMessagePreview,
    messageCount: t.messageCount,
    unreadCount: t.unreadCount,
    canWrite,
  };
}
