import {
  classes,
  containsPattern,
  messages,
  messageThreads,
  type Queryable,
  students,
  threadReads,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

export type ThreadRow = typeof messageThreads.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/**
 * Which threads an actor reaches: class threads through `classScope` (a teacher's classes, a family's
 * children's classes, a school subtree), student threads through `studentScope` (the student's current class
 * for teachers, the student for families, a school subtree).
 */
export type ThreadReach = { classScope: Scope; studentScope: Scope };

export type ThreadFilter = {
  reach: ThreadReach;
  userId: string;
  schoolId?: string;
  classId?: string;
  studentId?: string;
  kind?: 'class' | 'student';
  q?: string;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Message threads (kênh trao đổi), messages (tin nhắn) and per-participant read state. */
export function createMessagesRepository(db: Queryable) {
  const t = messageThreads;
  /** The class a thread belongs to now: its own class, or the student's current class. */
  const threadClassId = sql<string | null>`coalesce(${t.classId}, ${students.currentClassId})`;

  const visible = (reach: ThreadReach): SQL =>
    or(
      and(
        eq(t.kind, 'class'),
        scopeCondition(reach.classScope, { schoolId: t.schoolId, classId: t.classId }),
      ),
      and(
        eq(t.kind, 'student'),
        scopeCondition(reach.studentScope, {
          schoolId: t.schoolId,
          classId: students.currentClassId,
          studentId: t.studentId,
        }),
      ),
    )!;

  const selection = (userId: string) => ({
    id: t.id,
    schoolId: t.schoolId,
    schoolPath: units.path,
    kind: t.kind,
    classId: threadClassId,
    className: classes.name,
    studentId: t.studentId,
    studentName: students.fullName,
    title: t.title,
    createdAt: t.createdAt,
    lastMessageAt: t.lastMessageAt,
    messageCount: sql<number>`(select count(*) from ${messages} m
        where m.school_id = ${t.schoolId} and m.thread_id = ${t.id})`.mapWith(Number),
    unreadCount: sql<number>`(select count(*) from ${messages} m
        where m.school_id = ${t.schoolId} and m.thread_id = ${t.id} and m.sender_user_id <> ${userId}
          and m.created_at > coalesce(${threadReads.lastReadAt}, '-infinity'::timestamptz))`.mapWith(Number),
    lastMessagePreview: sql<string | null>`(select left(m.body, 160) from ${messages} m
        where m.school_id = ${t.schoolId} and m.thread_id = ${t.id} order by m.created_at desc limit 1)`,
  });

  const base = (userId: string) =>
    db
      .select(selection(userId))
      .from(t)
      .innerJoin(units, eq(units.id, t.schoolId))
      .leftJoin(students, and(eq(students.schoolId, t.schoolId), eq(students.id, t.studentId)))
      .leftJoin(classes, and(eq(classes.schoolId, t.schoolId), sql`${classes.id} = ${threadClassId}`))
      .leftJoin(
        threadReads,
        and(
          eq(threadReads.schoolId, t.schoolId),
          eq(threadReads.threadId, t.id),
          eq(threadReads.userId, userId),
        ),
      );

  type Selected = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const shape = (r: Selected) => ({
    ...r,
    kind: r.kind as 'class' | 'student',
    createdAt: iso(r.createdAt)!,
    lastMessageAt: iso(r.lastMessageAt),
  });

  return {
    async list(f: ThreadFilter, page: { limit: number; offset: number }) {
      const conds: SQL[] = [visible(f.reach)];
      if (f.schoolId) conds.push(eq(t.schoolId, f.schoolId));
      if (f.kind) conds.push(eq(t.kind, f.kind));
      if (f.classId) conds.push(sql`${threadClassId} = ${f.classId}`);
      if (f.studentId) conds.push(eq(t.studentId, f.studentId));
      if (f.q)
        conds.push(
          sql`(${t.title} ilike ${containsPattern(f.q)} or ${students.fullName} ilike ${containsPattern(f.q)})`,
        );
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: count() })
        .from(t)
        .leftJoin(students, and(eq(students.schoolId, t.schoolId), eq(students.id, t.studentId)))
        .where(where);
      const rows = await base(f.userId)
        .where(where)
        .orderBy(desc(sql`coalesce(${t.lastMessageAt}, ${t.createdAt})`), asc(t.id))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items: rows.map(shape) };
    },

    async get(schoolId: string, id: string, userId: string) {
      const [row] = await base(userId).where(and(eq(t.schoolId, schoolId), eq(t.id, id)));
      return row ? shape(row) : null;
    },

    async find(
      schoolId: string,
      key: { kind: 'class'; classId: string } | { kind: 'student'; studentId: string },
    ) {
      const [row] = await db
        .select({ id: t.id })
        .from(t)
        .where(
          and(
            eq(t.schoolId, schoolId),
            eq(t.kind, key.kind),
            key.kind === 'class' ? eq(t.classId, key.classId) : eq(t.studentId, key.studentId),
          ),
        );
      return row?.id ?? null;
    },

    /** Inserts a thread unless the same one exists already (a concurrent open); returns its id. */
    async insert(values: typeof messageThreads.$inferInsert) {
      const [row] = await db.insert(t).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },

    async insertMessage(values: typeof messages.$inferInsert) {
      const [row] = await db.insert(messages).values(values).returning();
      await db
        .update(t)
        .set({ lastMessageAt: row.createdAt })
        .where(and(eq(t.schoolId, row.schoolId), eq(t.id, row.threadId)));
      return row;
    },

    async message(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.schoolId, schoolId), eq(messages.id, id)));
      return row ?? null;
    },

    /** Newest first. */
    async messages(schoolId: string, threadId: string, page: { limit: number; offset: number }) {
      const where = and(eq(messages.schoolId, schoolId), eq(messages.threadId, threadId));
      const [{ total }] = await db.select({ total: count() }).from(messages).where(where);
      const rows = await db
        .select()
        .from(messages)
        .where(where)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items: rows };
    },

    async markRead(schoolId: string, threadId: string, userId: string) {
      await db
        .insert(threadReads)
        .values({ schoolId, threadId, userId, lastReadAt: sql`now()` })
        .onConflictDoUpdate({
          target: [threadReads.schoolId, threadReads.threadId, threadReads.userId],
          set: { lastReadAt: sql`now()` },
        });
    },

    async classInfo(schoolId: string, classId: string) {
      const [row] = await db
        .select({ id: classes.id, name: classes.name })
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));
      return row ?? null;
    },

    async studentInfo(schoolId: string, studentId: string) {
      const [row] = await db
        .select({
          id: students.id,
          fullName: students.fullName,
          classId: students.currentClassId,
          className: classes.name,
        })
        .from(students)
        .leftJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
        )
        .where(and(eq(students.schoolId, schoolId), eq(students.id, studentId)));
      return row ?? null;
    },
  };
}
export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
export type ThreadView = NonNullable<Awaited<ReturnType<MessagesRepository['get']>>>;
