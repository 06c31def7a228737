import type { Audience } from '@smartedu/contracts';
import {
  announcementReads,
  announcements,
  classes,
  containsPattern,
  type Queryable,
  units,
} from '@smartedu/db';
import { and, count, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

export type AnnouncementRow = typeof announcements.$inferSelect;
type Place = { schoolId: string; classId: string | null };

/**
 * Who sees which announcements:
 * - manage: school subtrees with announcements.write (also unpublished ones, and read receipts)
 * - readAll: school subtrees with messages.read (every published announcement of those schools)
 * - staffSchools / staffClasses: a teacher's school (school-wide announcements) and classes
 * - parentOf / studentOf: a family's children / a student, with the audience 'parents' / 'students' or 'all'
 */
export type AnnouncementReach = {
  userId: string;
  manage: Scope;
  readAll: Scope;
  staffSchools: string[];
  staffClasses: { schoolId: string; classId: string }[];
  parentOf: Place[];
  studentOf: Place[];
};

const iso = (d: Date | string) => new Date(d).toISOString();
const a = announcements;

function placeCondition(places: Place[]): SQL | undefined {
  const parts: SQL[] = [];
  for (const p of places) {
    parts.push(and(eq(a.schoolId, p.schoolId), isNull(a.classId))!);
    if (p.classId) parts.push(and(eq(a.schoolId, p.schoolId), eq(a.classId, p.classId))!);
  }
  return parts.length ? or(...parts) : undefined;
}

/** Announcements (thông báo) and their read receipts. */
export function createAnnouncementsRepository(db: Queryable) {
  const visible = (r: AnnouncementReach): SQL => {
    const subtreesOnly = (s: Scope): Scope => ({ ...s, classes: [], students: [], guardians: [] });
    const published: SQL[] = [scopeCondition(subtreesOnly(r.readAll), { schoolId: a.schoolId })];
    if (r.staffSchools.length) published.push(and(inArray(a.schoolId, r.staffSchools), isNull(a.classId))!);
    if (r.staffClasses.length)
      published.push(
        and(
          isNotNull(a.classId),
          scopeCondition(
            { ...subtreesOnly(r.readAll), subtrees: [], classes: r.staffClasses },
            { schoolId: a.schoolId, classId: a.classId },
          ),
        )!,
      );
    const parents = placeCondition(r.parentOf);
    if (parents) published.push(and(inArray(a.audience, ['parents', 'all']), parents)!);
    const pupils = placeCondition(r.studentOf);
    if (pupils) published.push(and(inArray(a.audience, ['students', 'all']), pupils)!);
    return or(
      eq(a.authorUserId, r.userId),
      scopeCondition(subtreesOnly(r.manage), { schoolId: a.schoolId }),
      and(sql`${a.publishAt} <= now()`, or(...published)),
    )!;
  };

  const base = (userId: string) =>
    db
      .select({
        row: a,
        className: classes.name,
        schoolPath: units.path,
        readAt: announcementReads.readAt,
      })
      .from(a)
      .innerJoin(units, eq(units.id, a.schoolId))
      .leftJoin(classes, and(eq(classes.schoolId, a.schoolId), eq(classes.id, a.classId)))
      .leftJoin(
        announcementReads,
        and(
          eq(announcementReads.schoolId, a.schoolId),
          eq(announcementReads.announcementId, a.id),
          eq(announcementReads.userId, userId),
        ),
      );

  type Selected = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const shape = ({ row, className, schoolPath, readAt }: Selected) => ({
    id: row.id,
    schoolId: row.schoolId,
    schoolPath,
    classId: row.classId,
    className,
    audience: row.audience as Audience,
    title: row.title,
    body: row.body,
    pinned: row.pinned,
    publishAt: iso(row.publishAt),
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    createdAt: iso(row.createdAt),
    readAt: readAt ? iso(readAt) : null,
  });

  return {
    async list(
      f: { reach: AnnouncementReach; schoolId?: string; classId?: string; mine?: boolean; q?: string },
      page: { limit: number; offset: number },
    ) {
      const conds: SQL[] = [visible(f.reach)];
      if (f.schoolId) conds.push(eq(a.schoolId, f.schoolId));
      if (f.classId) conds.push(eq(a.classId, f.classId));
      if (f.mine) conds.push(eq(a.authorUserId, f.reach.userId));
      if (f.q)
        conds.push(
          sql`(${a.title} ilike ${containsPattern(f.q)} or ${a.body} ilike ${containsPattern(f.q)})`,
        );
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(a).where(where);
      const rows = await base(f.reach.userId)
        .where(where)
        .orderBy(desc(a.pinned), desc(a.publishAt), desc(a.id))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items: rows.map(shape) };
    },

    /** One announcement if the reach covers it. */
    async get(reach: AnnouncementReach, schoolId: string, id: string) {
      const [row] = await base(reach.userId).where(
        and(eq(a.schoolId, schoolId), eq(a.id, id), visible(reach)),
      );
      return row ? shape(row) : null;
    },

    async raw(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(a)
        .where(and(eq(a.schoolId, schoolId), eq(a.id, id)));
      return row ?? null;
    },

    async insert(values: typeof announcements.$inferInsert) {
      const [row] = await db.insert(a).values(values).returning();
      return row;
    },

    /** Records that an account read an announcement (the first time only). */
    async markRead(schoolId: string, announcementId: string, userId: string) {
      await db.insert(announcementReads).values({ schoolId, announcementId, userId }).onConflictDoNothing();
    },

    /** Read receipts: how many of the accounts in the audience (`audienceIds`, SQL of ids) have read it. */
    async receipts(schoolId: string, announcementId: string, audienceIds: SQL) {
      const [row] = await db
        .execute<{ recipients: number; reads: number }>(sql`
        select (select count(*) from (${audienceIds}) x)::int as recipients,
               (select count(*) from ${announcementReads} r
                 where r.school_id = ${schoolId} and r.announcement_id = ${announcementId}
                   and r.user_id in (select y.id from (${audienceIds}) y))::int as reads`)
        .then((res) =>
          Array.isArray(res) ? res : (res as { rows: { recipients: number; reads: number }[] }).rows,
        );
      return { recipientCount: Number(row.recipients), readCount: Number(row.reads) };
    },

    async classInfo(schoolId: string, classId: string) {
      const [row] = await db
        .select({ id: classes.id, name: classes.name })
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));
      return row ?? null;
    },
  };
}
export type AnnouncementsRepository = ReturnType<typeof createAnnouncementsRepository>;
export type AnnouncementView = NonNullable<Awaited<ReturnType<AnnouncementsRepository['raw']>>>;
