import type { DisclosureSection, FeedbackStatus } from '@smartedu/contracts';
import {
  classes,
  disclosureDocuments,
  enrolmentSnapshots,
  opsEquipment,
  opsSchoolStats,
  opsSmartRooms,
  publicFeedback,
  type Queryable,
  schoolYears,
  staff,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { type Scope, scopeCondition } from '../access';

export type DisclosureUnit = typeof units.$inferSelect;

/** The only file of the disclosure module that touches tables. Public pages read rollups and small tables. */
export function createDisclosureRepository(db: Queryable) {
  return {
    async unitByCode(code: string): Promise<DisclosureUnit | null> {
      const [row] = await db
        .select()
        .from(units)
        .where(and(eq(units.code, code), eq(units.active, true)));
      return row ?? null;
    },
    async unitById(id: string): Promise<DisclosureUnit | null> {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row ?? null;
    },
    async schoolsUnder(path: string) {
      return db
        .select({ id: units.id, code: units.code, name: units.name, schoolLevel: units.schoolLevel })
        .from(units)
        .where(and(like(units.path, `${path}%`), eq(units.kind, 'school'), eq(units.active, true)))
        .orderBy(asc(units.code));
    },
    async currentYear() {
      const [row] = await db.select().from(schoolYears).where(eq(schoolYears.isCurrent, true));
      return row ?? null;
    },
    /** School-level counters of the operations rollup (ops_school_stats) for one year. */
    async stats(schoolIds: string[], schoolYearId: string, metrics: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select({
          schoolId: opsSchoolStats.schoolId,
          metric: opsSchoolStats.metric,
          dim: opsSchoolStats.dim,
          value: opsSchoolStats.value,
        })
        .from(opsSchoolStats)
        .where(
          and(
            inArray(opsSchoolStats.schoolId, schoolIds),
            eq(opsSchoolStats.schoolYearId, schoolYearId),
            inArray(opsSchoolStats.metric, metrics),
          ),
        );
    },
    /** Staff by category and qualification (working staff only). */
    async staffByQualification(schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select({
          category: staff.category,
          qualification: staff.qualification,
          n: sql<number>`count(*)::int`,
        })
        .from(staff)
        .where(and(inArray(staff.schoolId, schoolIds), eq(staff.status, 'working')))
        .groupBy(staff.category, staff.qualification);
    },
    async managers(schoolId: string) {
      return db
        .select({ position: staff.position, fullName: staff.fullName })
        .from(staff)
        .where(and(eq(staff.schoolId, schoolId), eq(staff.category, 'manager'), eq(staff.status, 'working')))
        .orderBy(asc(staff.position), asc(staff.fullName));
    },
    async classesByGrade(schoolIds: string[], schoolYearId: string) {
      if (schoolIds.length === 0) return [];
      return db
        .select({ grade: classes.grade, n: sql<number>`count(*)::int` })
        .from(classes)
        .where(and(inArray(classes.schoolId, schoolIds), eq(classes.schoolYearId, schoolYearId)))
        .groupBy(classes.grade)
        .orderBy(asc(classes.grade));
    },
    /** Students per grade of one year from the enrolment rollup (enrolment_snapshots). */
    async studentsByGrade(schoolIds: string[], year: number) {
      if (schoolIds.length === 0) return [];
      return db
        .select({ grade: enrolmentSnapshots.grade, n: sql<number>`sum(${enrolmentSnapshots.students})::int` })
        .from(enrolmentSnapshots)
        .where(and(inArray(enrolmentSnapshots.schoolId, schoolIds), eq(enrolmentSnapshots.year, year)))
        .groupBy(enrolmentSnapshots.grade)
        .orderBy(asc(enrolmentSnapshots.grade));
    },
    async equipment(schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db
        .select({
          kind: opsEquipment.kind,
          total: sql<number>`sum(${opsEquipment.quantity}) filter (where ${opsEquipment.status} <> 'retired')::int`,
          working: sql<number>`sum(${opsEquipment.quantity}) filter (where ${opsEquipment.status} = 'working')::int`,
        })
        .from(opsEquipment)
        .where(inArray(opsEquipment.schoolId, schoolIds))
        .groupBy(opsEquipment.kind)
        .orderBy(asc(opsEquipment.kind));
    },
    /** Released exams' score summaries for this unit (exam_score_rollups; written when results are released). */
    async releasedExamResults(unitId: string) {
      const rows = await db.execute(sql`
        select e.title, e.released_at, r.summary
          from exam_score_rollups r join exams e on e.id = r.exam_id
         where r.unit_id = ${unitId}::uuid and e.released_at is not null and e.status <> 'cancelled'
         order by e.released_at desc
         limit 10`);
      return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
        title: string;
        summary: { count: number; mean: number | null; atLeast5: number | null };
      }[];
    },
    async smartRooms(schoolIds: string[]) {
      if (schoolIds.length === 0) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(opsSmartRooms)
        .where(inArray(opsSmartRooms.schoolId, schoolIds));
      return row?.n ?? 0;
    },

    // ---- documents
    async documents(schoolId: string, opts: { publishedOnly: boolean; section?: DisclosureSection }) {
      const conds = [eq(disclosureDocuments.schoolId, schoolId)];
      if (opts.publishedOnly) conds.push(eq(disclosureDocuments.published, true));
      if (opts.section) conds.push(eq(disclosureDocuments.section, opts.section));
      return db
        .select()
        .from(disclosureDocuments)
        .where(and(...conds))
        .orderBy(asc(disclosureDocuments.section), desc(disclosureDocuments.uploadedAt));
    },
    async document(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(disclosureDocuments)
        .where(and(eq(disclosureDocuments.schoolId, schoolId), eq(disclosureDocuments.id, id)));
      return row ?? null;
    },
    async insertDocument(row: typeof disclosureDocuments.$inferInsert) {
      const [created] = await db.insert(disclosureDocuments).values(row).returning();
      return created;
    },
    async deleteDocument(schoolId: string, id: string) {
      await db
        .delete(disclosureDocuments)
        .where(and(eq(disclosureDocuments.schoolId, schoolId), eq(disclosureDocuments.id, id)));
    },

    // ---- feedback
    async insertFeedback(row: typeof publicFeedback.$inferInsert) {
      const [created] = await db.insert(publicFeedback).values(row).returning();
      return created;
    },
    async feedbackByCode(trackingCode: string) {
      const [row] = await db
        .select({ f: publicFeedback, unitName: units.name })
        .from(publicFeedback)
        .innerJoin(units, eq(units.id, publicFeedback.schoolId))
        .where(eq(publicFeedback.trackingCode, trackingCode));
      return row ?? null;
    },
    async feedback(schoolId: string, id: string) {
      const [row] = await db
        .select({ f: publicFeedback, unitName: units.name })
        .from(publicFeedback)
        .innerJoin(units, eq(units.id, publicFeedback.schoolId))
        .where(and(eq(publicFeedback.schoolId, schoolId), eq(publicFeedback.id, id)));
      return row ?? null;
    },
    async listFeedback(
      scope: Scope,
      q: { unitId?: string; unitPath?: string; status?: FeedbackStatus; q?: string },
      page: { limit: number; offset: number },
    ) {
      const conds = [scopeCondition(scope, { schoolId: publicFeedback.schoolId })];
      if (q.unitPath) conds.push(like(units.path, `${q.unitPath}%`));
      if (q.status) conds.push(eq(publicFeedback.status, q.status));
      if (q.q)
        conds.push(
          sql`(${publicFeedback.subject} ilike ${`%${q.q}%`} or ${publicFeedback.trackingCode} = ${q.q.toUpperCase()})`,
        );
      const where = and(...conds);
      const [items, [{ total }]] = await Promise.all([
        db
          .select({ f: publicFeedback, unitName: units.name })
          .from(publicFeedback)
          .innerJoin(units, eq(units.id, publicFeedback.schoolId))
          .where(where)
          .orderBy(desc(publicFeedback.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ total: count() })
          .from(publicFeedback)
          .innerJoin(units, eq(units.id, publicFeedback.schoolId))
          .where(where),
      ]);
      return { items, total };
    },
    async updateFeedback(schoolId: string, id: string, set: Partial<typeof publicFeedback.$inferInsert>) {
      const [row] = await db
        .update(publicFeedback)
        .set({ ...set, updatedAt: new Date() })
        .where(and(eq(publicFeedback.schoolId, schoolId), eq(publicFeedback.id, id)))
        .returning();
      return row;
    },
  };
}
export type DisclosureRepository = ReturnType<typeof createDisclosureRepository>;
