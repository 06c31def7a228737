import {
  containsPattern,
  type Queryable,
  questionMedia,
  questions,
  testItems,
  tests,
  testVersions,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * The only file that touches the question-bank tables: questions, question_media, tests, test_items,
 * test_versions.
 */

/** What one actor may see, computed once per request by the service from its grants. */
export type BankAccess = {
  userId: string;
  /** Units whose approved shared questions/tests the actor may use (its units and their ancestors). */
  readUnitIds: string[];
  /** Unit paths where the actor reviews school-scope questions (school_admin and department roles). */
  schoolReviewPaths: string[];
  /** Unit paths where the actor reviews every shared question (department roles). */
  deptReviewPaths: string[];
  /** Unit paths where the actor manages others' tests (school_admin and department roles). */
  manageTestPaths: string[];
};

export type QuestionRow = typeof questions.$inferSelect;
export type QuestionInsert = typeof questions.$inferInsert;
export type TestRow = typeof tests.$inferSelect;
export type TestItemRow = typeof testItems.$inferSelect;
export type TestVersionRow = typeof testVersions.$inferSelect;

const inSubtrees = (col: PgColumn, paths: string[]): SQL | undefined => {
  if (paths.length === 0) return undefined;
  return or(
    ...paths.map(
      (p) => sql`${col} in (select ${units.id} from ${units} where ${units.path} like ${`${p}%`})`,
    ),
  );
};
const orDefined = (...parts: (SQL | undefined)[]) => {
  const list = parts.filter((p): p is SQL => p !== undefined);
  return list.length ? or(...list)! : sql`false`;
};

export function sharedReadable(a: BankAccess): SQL | undefined {
  if (a.readUnitIds.length === 0) return undefined;
  return and(
    eq(questions.status, 'approved'),
    ne(questions.scope, 'own'),
    inArray(questions.shareUnitId, a.readUnitIds),
  );
}
function reviewerCondition(a: BankAccess): SQL | undefined {
  const school = inSubtrees(questions.shareUnitId, a.schoolReviewPaths);
  const dept = inSubtrees(questions.shareUnitId, a.deptReviewPaths);
  return orDefined(
    school ? and(eq(questions.scope, 'school'), school) : undefined,
    dept ? and(ne(questions.scope, 'own'), dept) : undefined,
  );
}
/** Questions the actor may see: its own, approved shared ones for its units, and those it reviews. */
export const visibleQuestions = (a: BankAccess) =>
  orDefined(eq(questions.ownerUserId, a.userId), sharedReadable(a), reviewerCondition(a));
/** Questions the actor may put in a test: approved shared ones, plus its own (not rejected) when asked. */
export const usableQuestions = (a: BankAccess, includeOwn: boolean) =>
  orDefined(
    sharedReadable(a),
    includeOwn ? and(eq(questions.ownerUserId, a.userId), ne(questions.status, 'rejected')) : undefined,
  );

export type QuestionListFilters = {
  schoolId?: string;
  subjectCode?: string;
  grade?: number;
  topic?: string;
  level?: string;
  type?: string;
  status?: string;
  scope?: string;
  mine?: boolean;
  reviewable?: boolean;
  q?: string;
};

const schoolName = sql<string>`(select ${units.name} from ${units} where ${units.id} = ${questions.schoolId})`;
const sharePath = sql<string>`(select ${units.path} from ${units} where ${units.id} = ${questions.shareUnitId})`;

export function createQuestionBankRepository(db: Queryable) {
  return {
    // ---- questions
    async listQuestions(a: BankAccess, f: QuestionListFilters, page: { limit: number; offset: number }) {
      const conds: SQL[] = [visibleQuestions(a)];
      if (f.schoolId) conds.push(eq(questions.schoolId, f.schoolId));
      if (f.subjectCode) conds.push(eq(questions.subjectCode, f.subjectCode));
      if (f.grade) conds.push(eq(questions.grade, f.grade));
      if (f.topic) conds.push(sql`lower(${questions.topic}) = lower(${f.topic})`);
      if (f.level) conds.push(eq(questions.level, f.level));
      if (f.type) conds.push(eq(questions.type, f.type));
      if (f.status) conds.push(eq(questions.status, f.status));
      if (f.scope) conds.push(eq(questions.scope, f.scope));
      if (f.mine) conds.push(eq(questions.ownerUserId, a.userId));
      if (f.reviewable) conds.push(and(eq(questions.status, 'pending_review'), reviewerCondition(a))!);
      if (f.q) conds.push(ilike(questions.searchText, containsPattern(f.q.toLocaleLowerCase('vi'))));
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(questions).where(where);
      const rows = await db
        .select({ q: questions, schoolName, sharePath })
        .from(questions)
        .where(where)
        .orderBy(desc(questions.updatedAt), asc(questions.id))
        .limit(page.limit)
        .offset(page.offset);
      return { total, rows };
    },

    async getQuestion(schoolId: string, id: string) {
      const [row] = await db
        .select({ q: questions, schoolName, sharePath })
        .from(questions)
        .where(and(eq(questions.schoolId, schoolId), eq(questions.id, id)));
      return row ?? null;
    },

    async insertQuestions(rows: QuestionInsert[]) {
      const out: QuestionRow[] = [];
      for (let i = 0; i < rows.length; i += 500)
        out.push(
          ...(await db
            .insert(questions)
            .values(rows.slice(i, i + 500))
            .returning()),
        );
      return out;
    },

    async updateQuestion(schoolId: string, id: string, patch: Partial<QuestionInsert>) {
      const [row] = await db
        .update(questions)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(questions.schoolId, schoolId), eq(questions.id, id)))
        .returning();
      return row ?? null;
    },

    async deleteQuestion(schoolId: string, id: string) {
      await db.delete(questions).where(and(eq(questions.schoolId, schoolId), eq(questions.id, id)));
    },

    /** Visible questions with exactly this canonical text. */
    async findByHash(a: BankAccess, hashes: string[]) {
      if (hashes.length === 0) return [];
      return db
        .select({
          id: questions.id,
          schoolId: questions.schoolId,
          contentHash: questions.contentHash,
          stem: sql<string>`${questions.content}->>'stem'`,
        })
        .from(questions)
        .where(and(inArray(questions.contentHash, hashes), visibleQuestions(a)));
    },

    /** Visible questions of a subject and grade, for near-duplicate checks. */
    async similarCandidates(a: BankAccess, subjectCode: string, grade: number, limit = 3000) {
      return db
        .select({
          id: questions.id,
          schoolId: questions.schoolId,
          type: questions.type,
          content: questions.content,
          answerKey: questions.answerKey,
          contentHash: questions.contentHash,
        })
        .from(questions)
        .where(and(eq(questions.subjectCode, subjectCode), eq(questions.grade, grade), visibleQuestions(a)))
        .limit(limit);
    },

    /** Questions usable in a test of a subject and grade (for draws and availability counts). */
    async pool(a: BankAccess, subjectCode: string, grade: number, includeOwn: boolean) {
      return db
        .select({
          id: questions.id,
          schoolId: questions.schoolId,
          topic: questions.topic,
          level: questions.level,
          type: questions.type,
        })
        .from(questions)
        .where(
          and(
            eq(questions.subjectCode, subjectCode),
            eq(questions.grade, grade),
            usableQuestions(a, includeOwn),
          ),
        )
        .orderBy(asc(questions.schoolId), asc(questions.id));
    },

    async topicsInBank(a: BankAccess, subjectCode: string, grade: number) {
      const rows = await db
        .selectDistinct({ topic: questions.topic })
        .from(questions)
        .where(and(eq(questions.subjectCode, subjectCode), eq(questions.grade, grade), visibleQuestions(a)));
      return rows.map((r) => r.topic);
    },

    /** Full rows by key, restricted to what the actor may use in a test. */
    async usableByKeys(a: BankAccess, keys: { schoolId: string; id: string }[], includeOwn: boolean) {
      if (keys.length === 0) return [];
      const byKey = or(...keys.map((k) => and(eq(questions.schoolId, k.schoolId), eq(questions.id, k.id))))!;
      return db
        .select()
        .from(questions)
        .where(and(byKey, usableQuestions(a, includeOwn)));
    },

    async exportRows(a: BankAccess, f: QuestionListFilters, limit = 5000) {
      const { rows } = await this.listQuestions(a, f, { limit, offset: 0 });
      return rows.map((r) => r.q);
    },

    // ---- units
    async unit(id: string) {
      const [row] = await db
        .select({ id: units.id, path: units.path, kind: units.kind, name: units.name, code: units.code })
        .from(units)
        .where(eq(units.id, id));
      return row ?? null;
    },
    async unitsByIds(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: units.id, path: units.path, kind: units.kind, name: units.name })
        .from(units)
        .where(inArray(units.id, ids));
    },

    // ---- media
    async insertMedia(rows: (typeof questionMedia.$inferInsert)[]) {
      if (rows.length) await db.insert(questionMedia).values(rows).onConflictDoNothing();
    },
    async mediaOf(schoolId: string, sha256s: string[]) {
      if (sha256s.length === 0) return [];
      return db
        .select()
        .from(questionMedia)
        .where(and(eq(questionMedia.schoolId, schoolId), inArray(questionMedia.sha256, sha256s)));
    },
    /** Whether a question or test the actor may see shows this picture or clip. */
    async mediaInVisibleContent(a: BankAccess, testAccess: BankAccess, sha256: string) {
      const ref = JSON.stringify({ media: [{ sha256 }] });
      const [q] = await db
        .select({ id: questions.id })
        .from(questions)
        .where(and(sql`${questions.content} @> ${ref}::jsonb`, visibleQuestions(a)))
        .limit(1);
      if (q) return true;
      const [t] = await db
        .select({ id: testItems.testId })
        .from(testItems)
        .innerJoin(tests, and(eq(tests.schoolId, testItems.schoolId), eq(tests.id, testItems.testId)))
        .where(and(sql`${testItems.content} @> ${ref}::jsonb`, visibleTests(testAccess)))
        .limit(1);
      return Boolean(t);
    },

    /** Approved shared questions readable from these units, for practice suggestions (no keys). */
    async practicePool(
      subjectCode: string,
      grade: number | null,
      topics: string[],
      unitIds: string[],
      limit = 200,
    ) {
      const conds: SQL[] = [
        eq(questions.subjectCode, subjectCode),
        eq(questions.status, 'approved'),
        ne(questions.scope, 'own'),
        inArray(questions.shareUnitId, unitIds.length ? unitIds : ['00000000-0000-0000-0000-000000000000']),
        ne(questions.type, 'essay'),
      ];
      if (grade) conds.push(eq(questions.grade, grade));
      if (topics.length) conds.push(inArray(questions.topic, topics));
      return db
        .select({
          id: questions.id,
          topic: questions.topic,
          level: questions.level,
          stem: sql<string>`${questions.content}->>'stem'`,
        })
        .from(questions)
        .where(and(...conds))
        .orderBy(asc(questions.id))
        .limit(limit);
    },

    // ---- tests (đề kiểm tra)
    async findTestById(id: string, visible: SQL) {
      const [row] = await db
        .select()
        .from(tests)
        .where(and(eq(tests.id, id), visible))
        .limit(1);
      return row ?? null;
    },
    async listTests(
      a: BankAccess,
      f: {
        schoolId?: string;
        subjectCode?: string;
        grade?: number;
        status?: string;
        mine?: boolean;
        q?: string;
      },
      page: { limit: number; offset: number },
    ) {
      const conds: SQL[] = [visibleTests(a)];
      if (f.schoolId) conds.push(eq(tests.schoolId, f.schoolId));
      if (f.subjectCode) conds.push(eq(tests.subjectCode, f.subjectCode));
      if (f.grade) conds.push(eq(tests.grade, f.grade));
      if (f.status) conds.push(eq(tests.status, f.status));
      if (f.mine) conds.push(eq(tests.ownerUserId, a.userId));
      if (f.q) conds.push(ilike(tests.title, `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(tests).where(where);
      const rows = await db
        .select({ t: tests, schoolName: testSchoolName, ...testAggregates })
        .from(tests)
        .where(where)
        .orderBy(desc(tests.updatedAt), asc(tests.id))
        .limit(page.limit)
        .offset(page.offset);
      return { total, rows };
    },

    async getTest(schoolId: string, id: string) {
      const [row] = await db
        .select({ t: tests, schoolName: testSchoolName, schoolPath: testSchoolPath, ...testAggregates })
        .from(tests)
        .where(and(eq(tests.schoolId, schoolId), eq(tests.id, id)));
      return row ?? null;
    },

    /** The test row locked for update (content edits and exam windows serialise on it). */
    async lockTestRow(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(tests)
        .where(and(eq(tests.schoolId, schoolId), eq(tests.id, id)))
        .for('update');
      return row ?? null;
    },

    async insertTest(row: typeof tests.$inferInsert) {
      const [r] = await db.insert(tests).values(row).returning();
      return r;
    },
    async updateTest(schoolId: string, id: string, patch: Partial<typeof tests.$inferInsert>) {
      const [r] = await db
        .update(tests)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(tests.schoolId, schoolId), eq(tests.id, id)))
        .returning();
      return r ?? null;
    },
    async items(schoolId: string, testId: string) {
      return db
        .select()
        .from(testItems)
        .where(and(eq(testItems.schoolId, schoolId), eq(testItems.testId, testId)))
        .orderBy(asc(testItems.position));
    },
    async replaceItems(schoolId: string, testId: string, rows: (typeof testItems.$inferInsert)[]) {
      await db.delete(testItems).where(and(eq(testItems.schoolId, schoolId), eq(testItems.testId, testId)));
      if (rows.length) await db.insert(testItems).values(rows);
    },
    async versions(schoolId: string, testId: string) {
      return db
        .select()
        .from(testVersions)
        .where(and(eq(testVersions.schoolId, schoolId), eq(testVersions.testId, testId)))
        .orderBy(asc(testVersions.code));
    },
    async replaceVersions(schoolId: string, testId: string, rows: (typeof testVersions.$inferInsert)[]) {
      await db
        .delete(testVersions)
        .where(and(eq(testVersions.schoolId, schoolId), eq(testVersions.testId, testId)));
      if (rows.length) await db.insert(testVersions).values(rows);
    },
  };
}
export type QuestionBankRepository = ReturnType<typeof createQuestionBankRepository>;

const testSchoolName = sql<string>`(select ${units.name} from ${units} where ${units.id} = ${tests.schoolId})`;
const testSchoolPath = sql<string>`(select ${units.path} from ${units} where ${units.id} = ${tests.schoolId})`;
const testAggregates = {
  itemCount: sql<number>`(select count(*)::int from ${testItems} where ${testItems.schoolId} = ${tests.schoolId} and ${testItems.testId} = ${tests.id})`,
  totalPoints: sql<number>`(select coalesce(sum(${testItems.points}), 0)::float8 from ${testItems} where ${testItems.schoolId} = ${tests.schoolId} and ${testItems.testId} = ${tests.id})`,
  versionCodes: sql<
    string[]
  >`(select coalesce(array_agg(${testVersions.code} order by ${testVersions.code}), '{}') from ${testVersions} where ${testVersions.schoolId} = ${tests.schoolId} and ${testVersions.testId} = ${tests.id})`,
};

/** Tests the actor may see: its own, shared ones of its units (and their ancestors), and those it manages. */
export function visibleTests(a: BankAccess): SQL {
  return orDefined(
    eq(tests.ownerUserId, a.userId),
    a.readUnitIds.length ? and(ne(tests.scope, 'own'), inArray(tests.schoolId, a.readUnitIds)) : undefined,
    inSubtrees(tests.schoolId, a.manageTestPaths),
  );
}
