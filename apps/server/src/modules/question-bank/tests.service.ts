import type {
  TestCreateBody,
  TestDetail,
  TestListQuery,
  TestSummary,
  TestUpdateBody,
  VersionsBody,
} from '@smartedu/contracts';
import type { Queryable } from '@smartedu/db';
import {
  applyOptionOrder,
  type BlueprintCell,
  type CognitiveLevel,
  displayKey,
  drawBlueprint,
  findSubject,
  PART_ORDER,
  planVersion,
  type QuestionBody,
  type QuestionType,
  seedFromText,
  versionCodes,
} from '@smartedu/domain';
import type { z } from 'zod';
import { AppError, forbidden, notFound } from '../../errors';
import type { Actor } from '../access';
import type { MediaStore } from './io/media-store';
import {
  type PrintItem,
  type PrintMedia,
  type PrintTest,
  renderAnswerKeyXlsx,
  renderTestPdf,
} from './print/test-print';
import {
  type BankAccess,
  createQuestionBankRepository,
  type QuestionBankRepository,
  type QuestionRow,
  type TestItemRow,
  type TestRow,
  type TestVersionRow,
} from './question-bank.repository';
import { bankAccess, bodyOf, offsetOf, type QuestionBankDeps } from './question-bank.shared';

/** One item of a version as delivered (options in the version's order; the key still refers to option ids). */
export type VersionItem = {
  number: number;
  position: number;
  questionId: string;
  questionSchoolId: string;
  points: number;
  level: CognitiveLevel;
  topic: string;
  type: QuestionType;
  body: QuestionBody;
  answer: string;
  explanation: string | null;
};
type StoredVersionItem = { position: number; optionOrder: string[] | null };

const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString());
const testLocked = (row: Pick<TestRow, 'lockedUntil'>, now = new Date()) =>
  row.lockedUntil !== null && new Date(row.lockedUntil).getTime() > now.getTime();

export const testLockedError = (until: Date | string) =>
  new AppError(
    'TEST_LOCKED',
    `Đề đang được dùng trong một kỳ thi đang mở đến ${new Date(until).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}; không sửa được nội dung đề.`,
    {
      lockedUntil: iso(until),
    },
    409,
  );

/** Throws TEST_LOCKED while an exam window using the test is open (locked_until in the future). */
export async function assertTestEditable(db: Queryable, schoolId: string, testId: string, now = new Date()) {
  const row = await createQuestionBankRepository(db).lockTestRow(schoolId, testId);
  if (!row) throw notFound('đề kiểm tra');
  if (testLocked(row, now)) throw testLockedError(row.lockedUntil!);
  return row;
}

/** Items of one version in display order, built from the test's snapshot and the version's permutation. */
export function versionItems(
  items: TestItemRow[],
  version: Pick<TestVersionRow, 'items'> | null,
): VersionItem[] {
  const byPosition = new Map(items.map((i) => [i.position, i]));
  const order: StoredVersionItem[] = version
    ? (version.items as StoredVersionItem[])
    : items.map((i) => ({ position: i.position, optionOrder: null }));
  return order.flatMap((o, idx) => {
    const it = byPosition.get(o.position);
    if (!it) return [];
    const body = applyOptionOrder(bodyOf(it), o.optionOrder ?? undefined);
    return [
      {
        number: idx + 1,
        position: it.position,
        questionId: it.questionId,
        questionSchoolId: it.questionSchoolId,
        points: it.points,
        level: it.level as CognitiveLevel,
        topic: it.topic,
        type: it.type as QuestionType,
        body,
        answer: displayKey(body),
        explanation: it.explanation,
      },
    ];
  });
}

/** Versions 101, 102, … of items: seeded by test id and code, so the same request gives the same papers. */
export function planVersionRows(
  testId: string,
  items: { position: number; body: QuestionBody }[],
  opts: z.infer<typeof VersionsBody>,
) {
  const sources = items.map((i) => ({ body: i.body }));
  return versionCodes(opts.count).map((code) => {
    const seed = seedFromText(`${testId}:${code}`);
    const plan = planVersion(sources, {
      seed,
      shuffleQuestions: opts.shuffleQuestions,
      shuffleOptions: opts.shuffleOptions,
    });
    return {
      code,
      seed,
      items: plan.order.map((i) => ({ position: items[i].position, optionOrder: plan.optionOrders[i] })),
    };
  });
}

/** Builds versions 101, 102, … for a test: seeded by test id and code, so the same request gives the same papers. */
export function buildVersionRows(
  schoolId: string,
  testId: string,
  items: TestItemRow[],
  opts: z.infer<typeof VersionsBody>,
) {
  return planVersionRows(
    testId,
    items.map((i) => ({ position: i.position, body: bodyOf(i) })),
    opts,
  ).map((v) => ({ schoolId, testId, ...v }));
}

/** Orders picked questions by part (Phần I single choice, II true/false, III short answer, then the rest). */
export function snapshotItems(
  schoolId: string,
  testId: string,
  picked: { row: QuestionRow; points: number }[],
) {
  const rank = (t: string) => PART_ORDER.indexOf(t as QuestionType);
  return picked
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => rank(a.row.type) - rank(b.row.type) || a.i - b.i)
    .map(({ row, points }, position) => ({
      schoolId,
      testId,
      position: position + 1,
      questionSchoolId: row.schoolId,
      questionId: row.id,
      points,
      type: row.type,
      level: row.level,
      topic: row.topic,
      content: row.content,
      answerKey: row.answerKey,
      explanation: row.explanation,
    }));
}

type Loaded = NonNullable<Awaited<ReturnType<QuestionBankRepository['getTest']>>>;

/** Đề kiểm tra: hand-built or drawn from a blueprint, versions (mã đề), paper copies and answer keys. */
export function createTestsService(deps: QuestionBankDeps & { media: MediaStore }) {
  const { database, access, audit, media } = deps;
  const repo = createQuestionBankRepository(database.db);

  const canManage = (a: BankAccess, t: Loaded) =>
    t.t.ownerUserId === a.userId || a.manageTestPaths.some((p) => (t.schoolPath ?? '').startsWith(p));
  const canSee = (a: BankAccess, t: Loaded) =>
    canManage(a, t) || (t.t.scope !== 'own' && a.readUnitIds.includes(t.t.schoolId));

  async function load(actor: Actor, schoolId: string, id: string) {
    const a = await bankAccess(access, actor, 'tests.read');
    const row = await repo.getTest(schoolId, id);
    if (!row || !canSee(a, row)) throw notFound('đề kiểm tra');
    return { a, row };
  }
  async function loadForWrite(actor: Actor, schoolId: string, id: string) {
    const { a, row } = await load(actor, schoolId, id);
    if (!canManage(a, row)) throw forbidden('Chỉ người tạo đề hoặc cán bộ quản lý được sửa đề này');
    return { a, row };
  }

  function summary(r: {
    t: TestRow;
    schoolName: string;
    itemCount: number;
    totalPoints: number;
    versionCodes: string[];
  }): TestSummary {
    const t = r.t;
    return {
      id: t.id,
      schoolId: t.schoolId,
      schoolName: r.schoolName ?? '',
      title: t.title,
      subjectCode: t.subjectCode,
      grade: t.grade,
      durationMinutes: t.durationMinutes,
      scope: t.scope as TestSummary['scope'],
      status: t.status as TestSummary['status'],
      lockedUntil: iso(t.lockedUntil),
      itemCount: Number(r.itemCount),
      totalPoints: Math.round(Number(r.totalPoints) * 10000) / 10000,
      versionCodes: r.versionCodes ?? [],
      ownerUserId: t.ownerUserId,
      ownerName: t.ownerName,
      fromBlueprint: t.blueprint !== null,
      createdAt: iso(t.createdAt)!,
      updatedAt: iso(t.updatedAt)!,
    };
  }

  /** Picks the questions for a test: by hand (each must be usable) or by drawing from a blueprint. */
  async function pick(
    a: BankAccess,
    body: {
      subjectCode: string;
      grade: number;
      items?: { questionSchoolId: string; questionId: string; points?: number }[];
      blueprint?: { cells: BlueprintCell[]; seed?: number; includeOwn: boolean };
    },
  ) {
    if (body.blueprint) {
      const seed = body.blueprint.seed ?? Math.floor(Math.random() * 2_147_483_647);
      const pool = await repo.pool(a, body.subjectCode, body.grade, body.blueprint.includeOwn);
      const draw = drawBlueprint(
        body.blueprint.cells,
        pool.map((p) => ({
          id: `${p.schoolId}:${p.id}`,
          topic: p.topic,
          level: p.level as CognitiveLevel,
          type: p.type as QuestionType,
        })),
        seed,
      );
      if (!draw.ok) {
        const lines = draw.shortages.map(
          (s) => `${s.topic} – ${s.level}${s.type ? ` (${s.type})` : ''}: cần ${s.needed}, có ${s.available}`,
        );
        throw new AppError(
          'BLUEPRINT_SHORTAGE',
          `Ngân hàng không đủ câu hỏi cho ma trận: ${lines.join('; ')}.`,
          { shortages: draw.shortages },
          422,
        );
      }
      const keys = draw.picks.map((p) => {
        const [schoolId, id] = p.id.split(':');
        return { schoolId, id, points: p.points };
      });
      const rows = await repo.usableByKeys(a, keys, body.blueprint.includeOwn);
      const byKey = new Map(rows.map((r) => [`${r.schoolId}:${r.id}`, r]));
      return {
        seed,
        picked: keys
          .map((k) => ({ row: byKey.get(`${k.schoolId}:${k.id}`)!, points: k.points }))
          .filter((p) => p.row),
      };
    }
    const items = body.items ?? [];
    const rows = await repo.usableByKeys(
      a,
      items.map((i) => ({ schoolId: i.questionSchoolId, id: i.questionId })),
      true,
    );
    const byKey = new Map(rows.map((r) => [`${r.schoolId}:${r.id}`, r]));
    const missing = items.filter((i) => !byKey.has(`${i.questionSchoolId}:${i.questionId}`));
    if (missing.length)
      throw new AppError(
        'VALIDATION_FAILED',
        'Có câu hỏi không dùng được (chưa được duyệt hoặc không thuộc phạm vi của bạn)',
        { field: 'items', missing },
      );
    const seen = new Set<string>();
    for (const i of items) {
      const k = `${i.questionSchoolId}:${i.questionId}`;
      if (seen.has(k))
        throw new AppError('VALIDATION_FAILED', 'Một câu hỏi được chọn hai lần', {
          field: 'items',
          duplicate: i.questionId,
        });
      seen.add(k);
    }
    return {
      seed: null,
      picked: items.map((i) => {
        const row = byKey.get(`${i.questionSchoolId}:${i.questionId}`)!;
        return { row, points: i.points ?? row.points };
      }),
    };
  }

  async function detail(actor: Actor, schoolId: string, id: string): Promise<TestDetail> {
    const { a, row } = await load(actor, schoolId, id);
    const items = await repo.items(schoolId, id);
    const versions = await repo.versions(schoolId, id);
    return {
      ...summary(row),
      instructions: row.t.instructions,
      blueprint: (row.t.blueprint as TestDetail['blueprint']) ?? null,
      items: items.map((i) => ({
        position: i.position,
        questionId: i.questionId,
        questionSchoolId: i.questionSchoolId,
        points: i.points,
        type: i.type as QuestionType,
        level: i.level as CognitiveLevel,
        topic: i.topic,
        body: bodyOf(i) as TestDetail['items'][number]['body'],
        explanation: i.explanation,
      })),
      versions: versions.map((v) => ({ code: v.code, seed: Number(v.seed), createdAt: iso(v.createdAt)! })),
      editable: !testLocked(row.t),
      canEdit: canManage(a, row),
    };
  }

  async function printContext(row: Loaded): Promise<PrintTest> {
    const unit = await repo.unit(row.t.schoolId);
    const parentId = unit?.path.split('/').filter(Boolean).slice(-2, -1)[0];
    const parent = parentId ? await repo.unit(parentId) : null;
    return {
      title: row.t.title,
      subjectName: findSubject(row.t.subjectCode)?.name ?? row.t.subjectCode,
      grade: row.t.grade,
      durationMinutes: row.t.durationMinutes,
      unitName: row.schoolName ?? '',
      parentUnitName: parent?.name ?? null,
      instructions: row.t.instructions,
    };
  }

  return {
    async list(actor: Actor, q: z.infer<typeof TestListQuery>) {
      const a = await bankAccess(access, actor, 'tests.read');
      const { total, rows } = await repo.listTests(a, q, offsetOf(q));
      return { total, items: rows.map(summary) };
    },

    get: detail,

    async create(actor: Actor, schoolId: string, body: z.infer<typeof TestCreateBody>) {
      await access.require(actor, 'tests.write', { schoolId });
      if (!findSubject(body.subjectCode))
        throw new AppError('VALIDATION_FAILED', `Môn học "${body.subjectCode}" không có trong chương trình`, {
          field: 'subjectCode',
        });
      const a = await bankAccess(access, actor);
      const { seed, picked } = await pick(a, body);
      if (picked.length === 0)
        throw new AppError('VALIDATION_FAILED', 'Đề chưa có câu hỏi nào', { field: 'items' });
      const id = await database.transaction(async (tx) => {
        const r = createQuestionBankRepository(tx);
        const test = await r.insertTest({
          schoolId,
          ownerUserId: actor.via === 'system' ? null : actor.userId,
          ownerName: actor.fullName,
          title: body.title,
          subjectCode: body.subjectCode,
          grade: body.grade,
          durationMinutes: body.durationMinutes,
          instructions: body.instructions?.trim() || null,
          scope: body.scope,
          status: 'draft',
          blueprint: body.blueprint ? { cells: body.blueprint.cells, seed } : null,
        });
        const items = snapshotItems(schoolId, test.id, picked);
        await r.replaceItems(schoolId, test.id, items);
        if (body.versions)
          await r.replaceVersions(
            schoolId,
            test.id,
            buildVersionRows(schoolId, test.id, items as TestItemRow[], body.versions),
          );
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'test',
          entityId: test.id,
          after: { ...test, items: items.map((i) => i.questionId) },
        });
        return test.id;
      });
      return detail(actor, schoolId, id);
    },

    async update(actor: Actor, schoolId: string, id: string, body: z.infer<typeof TestUpdateBody>) {
      const { a, row } = await loadForWrite(actor, schoolId, id);
      const picked = body.items
        ? (await pick(a, { subjectCode: row.t.subjectCode, grade: row.t.grade, items: body.items })).picked
        : null;
      await database.transaction(async (tx) => {
        const locked = await assertTestEditable(tx, schoolId, id);
        const r = createQuestionBankRepository(tx);
        const patch: Partial<TestRow> = {};
        if (body.title !== undefined) patch.title = body.title;
        if (body.durationMinutes !== undefined) patch.durationMinutes = body.durationMinutes;
        if (body.instructions !== undefined) patch.instructions = body.instructions?.trim() || null;
        if (body.scope !== undefined) patch.scope = body.scope;
        if (body.status !== undefined) patch.status = body.status;
        if (picked) patch.blueprint = null;
        await r.updateTest(schoolId, id, patch);
        if (picked) {
          const items = snapshotItems(schoolId, id, picked);
          await r.replaceItems(schoolId, id, items);
          const count = (await r.versions(schoolId, id)).length;
          await r.replaceVersions(
            schoolId,
            id,
            count
              ? buildVersionRows(schoolId, id, items as TestItemRow[], {
                  count,
                  shuffleQuestions: true,
                  shuffleOptions: true,
                })
              : [],
          );
        }
        const before = Object.fromEntries(Object.keys(patch).map((k) => [k, locked[k as keyof TestRow]]));
        await audit.record(tx, actor, {
          schoolId,
          action: 'update',
          entity: 'test',
          entityId: id,
          before,
          after: { ...patch, ...(picked ? { items: picked.map((p) => p.row.id) } : {}) },
        });
      });
      return detail(actor, schoolId, id);
    },

    /** (Re)generates the versions (mã đề) 101… with seeded shuffles of questions and options. */
    async generateVersions(actor: Actor, schoolId: string, id: string, body: z.infer<typeof VersionsBody>) {
      await loadForWrite(actor, schoolId, id);
      await database.transaction(async (tx) => {
        await assertTestEditable(tx, schoolId, id);
        const r = createQuestionBankRepository(tx);
        const items = await r.items(schoolId, id);
        const rows = buildVersionRows(schoolId, id, items, body);
        await r.replaceVersions(schoolId, id, rows);
        await r.updateTest(schoolId, id, {});
        await audit.record(tx, actor, {
          schoolId,
          action: 'versions',
          entity: 'test',
          entityId: id,
          after: { codes: rows.map((v) => v.code), ...body },
        });
      });
      return detail(actor, schoolId, id);
    },

    async version(actor: Actor, schoolId: string, id: string, code: string) {
      const { row } = await load(actor, schoolId, id);
      const items = await repo.items(schoolId, id);
      const version = (await repo.versions(schoolId, id)).find((v) => v.code === code);
      if (!version) throw notFound(`mã đề ${code}`);
      return { row, items: versionItems(items, version) };
    },

    async pdf(actor: Actor, schoolId: string, id: string, code: string, withKey: boolean) {
      const { row, items } = await this.version(actor, schoolId, id, code);
      const files: PrintMedia = new Map();
      for (const it of items)
        for (const m of it.body.content.media ?? []) {
          const bytes = await media.get(m.sha256);
          if (bytes) files.set(m.sha256, { bytes, contentType: m.contentType });
        }
      const print: PrintItem[] = items.map((i) => ({
        number: i.number,
        points: i.points,
        level: i.level,
        body: i.body,
        answer: i.answer,
      }));
      return renderTestPdf(await printContext(row), code, print, files, withKey);
    },

    async answerKey(actor: Actor, schoolId: string, id: string) {
      const { row } = await load(actor, schoolId, id);
      const items = await repo.items(schoolId, id);
      const versions = await repo.versions(schoolId, id);
      const list = versions.length
        ? versions.map((v) => ({ code: v.code, items: versionItems(items, v) }))
        : [{ code: 'gốc', items: versionItems(items, null) }];
      return renderAnswerKeyXlsx(
        await printContext(row),
        list.map((v) => ({
          code: v.code,
          items: v.items.map((i) => ({
            number: i.number,
            points: i.points,
            level: i.level,
            body: i.body,
            answer: i.answer,
          })),
        })),
      );
    },
  };
}
export type TestsService = ReturnType<typeof createTestsService>;
