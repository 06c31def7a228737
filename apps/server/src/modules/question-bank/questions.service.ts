import type {
  AvailabilityQuery,
  QuestionCreateBody,
  QuestionListQuery,
  QuestionReviewBody,
  QuestionSubmitBody,
  QuestionUpdateBody,
  SimilarQuestion,
} from '@smartedu/contracts';
import {
  type CognitiveLevel,
  countAvailability,
  findNearDuplicates,
  type QuestionBody,
  type QuestionType,
  sanitizeMarkup,
  topicKey,
  topicsFor,
} from '@smartedu/domain';
import type { z } from 'zod';
import { AppError, forbidden, notFound } from '../../errors';
import type { Actor } from '../access';
import {
  createQuestionBankRepository,
  type QuestionBankRepository,
  type QuestionRow,
} from './question-bank.repository';
import {
  assertValidQuestion,
  bankAccess,
  bodyOf,
  canSeeQuestion,
  contentHashOf,
  isQuestionReviewer,
  offsetOf,
  type QuestionBankDeps,
  sanitizeBody,
  searchTextOf,
  toQuestionDto,
} from './question-bank.shared';

/** The unit a department-scope question is shared with: the nearest Phòng/Sở above (or at) the owner unit. */
export async function departmentUnitOf(repo: QuestionBankRepository, unitId: string): Promise<string> {
  const unit = await repo.unit(unitId);
  if (!unit) throw notFound('đơn vị');
  const chain = await repo.unitsByIds(unit.path.split('/').filter(Boolean));
  const depts = chain
    .filter((u) => u.kind.endsWith('_department'))
    .sort((a, b) => b.path.length - a.path.length);
  return depts[0]?.id ?? unit.id;
}

/** Ngân hàng câu hỏi: browse, write, share for review, approve or reject. */
export function createQuestionsService(deps: QuestionBankDeps) {
  const { database, access, audit } = deps;
  const repo = createQuestionBankRepository(database.db);

  async function load(actor: Actor, schoolId: string, id: string) {
    const a = await bankAccess(access, actor);
    const row = await repo.getQuestion(schoolId, id);
    if (!row || !canSeeQuestion(a, row.q, row.sharePath)) throw notFound('câu hỏi');
    return { a, row };
  }

  async function assertMediaExists(schoolId: string, body: QuestionBody) {
    const shas = (body.content.media ?? []).map((m) => m.sha256);
    if (shas.length === 0) return;
    const found = new Set((await repo.mediaOf(schoolId, shas)).map((m) => m.sha256));
    const missing = shas.filter((s) => !found.has(s));
    if (missing.length)
      throw new AppError('VALIDATION_FAILED', 'Hình ảnh/âm thanh của câu hỏi chưa được tải lên đơn vị này', {
        field: 'body',
        missing,
      });
  }

  async function similarTo(
    actor: Actor,
    subjectCode: string,
    grade: number,
    body: QuestionBody,
    selfId?: string,
  ): Promise<SimilarQuestion[]> {
    const a = await bankAccess(access, actor);
    const hash = contentHashOf(body);
    const candidates = (await repo.similarCandidates(a, subjectCode, grade)).map((c) => ({
      ...c,
      body: bodyOf(c),
    }));
    return findNearDuplicates({ id: selfId, body }, candidates)
      .slice(0, 10)
      .map(({ item, similarity }) => ({
        id: item.id,
        schoolId: item.schoolId,
        stem: item.body.content.stem.slice(0, 300),
        similarity,
        exact: item.contentHash === hash,
      }));
  }

  const record = (schoolId: string, action: string, id: string, before: unknown, after: unknown) => ({
    schoolId,
    action,
    entity: 'question',
    entityId: id,
    before,
    after,
  });

  return {
    async list(actor: Actor, q: z.infer<typeof QuestionListQuery>) {
      const a = await bankAccess(access, actor);
      const { total, rows } = await repo.listQuestions(a, q, offsetOf(q));
      return { total, items: rows.map((r) => toQuestionDto(a, r)) };
    },

    async get(actor: Actor, schoolId: string, id: string) {
      const { a, row } = await load(actor, schoolId, id);
      return toQuestionDto(a, row);
    },

    async create(actor: Actor, schoolId: string, input: z.infer<typeof QuestionCreateBody>) {
      await access.require(actor, 'questions.write', { schoolId });
      const body = sanitizeBody(input.body as QuestionBody);
      assertValidQuestion(body, input);
      await assertMediaExists(schoolId, body);
      const a = await bankAccess(access, actor);
      const hash = contentHashOf(body);
      const dup = await repo.findByHash(a, [hash]);
      if (dup.length && !input.allowDuplicate)
        throw new AppError('DUPLICATE', 'Câu hỏi này đã có trong ngân hàng', {
          duplicateOf: dup[0].id,
          schoolId: dup[0].schoolId,
        });
      const shareUnitId = input.scope === 'department' ? await departmentUnitOf(repo, schoolId) : schoolId;
      const id = await database.transaction(async (tx) => {
        const r = createQuestionBankRepository(tx);
        const [row] = await r.insertQuestions([
          {
            schoolId,
            ownerUserId: actor.via === 'system' ? null : actor.userId,
            ownerName: actor.fullName,
            scope: input.scope,
            shareUnitId,
            status: input.scope === 'own' ? 'draft' : 'pending_review',
            subjectCode: input.subjectCode,
            grade: input.grade,
            topic: input.topic,
            level: input.level,
            type: body.type,
            content: body.content,
            answerKey: body.key,
            points: input.points,
            explanation: sanitizeMarkup(input.explanation ?? '') || null,
            externalId: input.externalId?.trim() || null,
            contentHash: hash,
            searchText: searchTextOf(body),
            source: 'manual',
          },
        ]);
        await audit.record(tx, actor, record(schoolId, 'create', row.id, null, row));
        return row.id;
      });
      const created = await this.get(actor, schoolId, id);
      return { ...created, similar: await similarTo(actor, input.subjectCode, input.grade, body, id) };
    },

    async update(actor: Actor, schoolId: string, id: string, patch: z.infer<typeof QuestionUpdateBody>) {
      const { a, row } = await load(actor, schoolId, id);
      const q = row.q;
      const owner = q.ownerUserId === actor.userId;
      const reviewer = isQuestionReviewer(a, q, row.sharePath);
      if (!owner && !reviewer) throw forbidden('Chỉ người soạn hoặc người duyệt được sửa câu hỏi này');
      const body = patch.body ? sanitizeBody(patch.body as QuestionBody) : bodyOf(q);
      const meta = {
        subjectCode: patch.subjectCode ?? q.subjectCode,
        grade: patch.grade ?? q.grade,
        points: patch.points ?? q.points,
      };
      assertValidQuestion(body, meta);
      if (patch.body) await assertMediaExists(schoolId, body);
      const next: Partial<QuestionRow> = {};
      if (patch.subjectCode !== undefined) next.subjectCode = patch.subjectCode;
      if (patch.grade !== undefined) next.grade = patch.grade;
      if (patch.topic !== undefined) next.topic = patch.topic;
      if (patch.level !== undefined) next.level = patch.level;
      if (patch.points !== undefined) next.points = patch.points;
      if (patch.explanation !== undefined) next.explanation = sanitizeMarkup(patch.explanation ?? '') || null;
      if (patch.externalId !== undefined) next.externalId = patch.externalId?.trim() || null;
      if (patch.body) {
        const hash = contentHashOf(body);
        if (hash !== q.contentHash) {
          const dup = (await repo.findByHash(a, [hash])).filter((d) => d.id !== id);
          if (dup.length)
            throw new AppError('DUPLICATE', 'Câu hỏi này đã có trong ngân hàng', {
              duplicateOf: dup[0].id,
              schoolId: dup[0].schoolId,
            });
        }
        Object.assign(next, {
          type: body.type,
          content: body.content,
          answerKey: body.key,
          contentHash: hash,
          searchText: searchTextOf(body),
        });
      }
      const changed = Object.entries(next).filter(
        ([k, v]) => JSON.stringify(v) !== JSON.stringify(q[k as keyof QuestionRow]),
      );
      if (changed.length === 0) return toQuestionDto(a, row);
      const patchRow = Object.fromEntries(changed) as Partial<QuestionRow>;
      // An author's change to a shared question goes back to review; a reviewer's own correction does not.
      if (owner && !reviewer && q.scope !== 'own')
        Object.assign(patchRow, {
          status: 'pending_review',
          reviewerUserId: null,
          reviewerName: null,
          reviewedAt: null,
        });
      await database.transaction(async (tx) => {
        const r = createQuestionBankRepository(tx);
        await r.updateQuestion(schoolId, id, patchRow);
        const before = Object.fromEntries(Object.keys(patchRow).map((k) => [k, q[k as keyof QuestionRow]]));
        await audit.record(tx, actor, record(schoolId, 'update', id, before, patchRow));
      });
      return this.get(actor, schoolId, id);
    },

    async remove(actor: Actor, schoolId: string, id: string) {
      const { a, row } = await load(actor, schoolId, id);
      if (row.q.ownerUserId !== actor.userId && !isQuestionReviewer(a, row.q, row.sharePath))
        throw forbidden('Chỉ người soạn hoặc người duyệt được xoá câu hỏi này');
      await database.transaction(async (tx) => {
        await createQuestionBankRepository(tx).deleteQuestion(schoolId, id);
        await audit.record(tx, actor, record(schoolId, 'delete', id, row.q, null));
      });
      return { ok: true as const };
    },

    /** Shares a question with the school or the department: it waits for review. */
    async submit(actor: Actor, schoolId: string, id: string, body: z.infer<typeof QuestionSubmitBody>) {
      const { row } = await load(actor, schoolId, id);
      if (row.q.ownerUserId !== actor.userId) throw forbidden('Chỉ người soạn được gửi duyệt câu hỏi');
      const shareUnitId = body.scope === 'department' ? await departmentUnitOf(repo, schoolId) : schoolId;
      const patch = {
        scope: body.scope,
        shareUnitId,
        status: 'pending_review',
        reviewerUserId: null,
        reviewerName: null,
        reviewComment: null,
        reviewedAt: null,
      };
      await database.transaction(async (tx) => {
        await createQuestionBankRepository(tx).updateQuestion(schoolId, id, patch);
        await audit.record(
          tx,
          actor,
          record(schoolId, 'submit', id, { scope: row.q.scope, status: row.q.status }, patch),
        );
      });
      return this.get(actor, schoolId, id);
    },

    /** Approves or rejects a shared question (school_admin for school scope, department roles for any). */
    async review(actor: Actor, schoolId: string, id: string, body: z.infer<typeof QuestionReviewBody>) {
      const { a, row } = await load(actor, schoolId, id);
      if (!isQuestionReviewer(a, row.q, row.sharePath))
        throw forbidden('Bạn không có quyền duyệt câu hỏi này');
      if (row.q.status !== 'pending_review')
        throw new AppError('CONFLICT', 'Câu hỏi không ở trạng thái chờ duyệt');
      if (body.decision === 'reject' && !body.comment?.trim())
        throw new AppError('VALIDATION_FAILED', 'Hãy ghi lý do khi trả lại câu hỏi', { field: 'comment' });
      const patch = {
        status: body.decision === 'approve' ? 'approved' : 'rejected',
        reviewerUserId: actor.via === 'system' ? null : actor.userId,
        reviewerName: actor.fullName,
        reviewComment: body.comment?.trim() || null, // plain text: sanitised by the contract
        reviewedAt: new Date(),
      };
      await database.transaction(async (tx) => {
        await createQuestionBankRepository(tx).updateQuestion(schoolId, id, patch);
        await audit.record(tx, actor, record(schoolId, body.decision, id, { status: row.q.status }, patch));
      });
      return this.get(actor, schoolId, id);
    },

    async similar(actor: Actor, schoolId: string, id: string) {
      const { row } = await load(actor, schoolId, id);
      return similarTo(actor, row.q.subjectCode, row.q.grade, bodyOf(row.q), id);
    },

    /** Questions per topic × level × type that the actor may draw for a test (matrix builder). */
    async availability(actor: Actor, q: z.infer<typeof AvailabilityQuery>) {
      const a = await bankAccess(access, actor);
      const pool = await repo.pool(a, q.subjectCode, q.grade, q.includeOwn ?? true);
      const cells = countAvailability(
        pool.map((p) => ({
          id: p.id,
          topic: p.topic,
          level: p.level as CognitiveLevel,
          type: p.type as QuestionType,
        })),
      );
      const curriculum = [...topicsFor(q.subjectCode, q.grade)];
      const known = new Set(curriculum.map(topicKey));
      const extra = (await repo.topicsInBank(a, q.subjectCode, q.grade)).filter(
        (t) => !known.has(topicKey(t)),
      );
      const seen = new Set<string>();
      const topics = [...curriculum, ...extra.sort((x, y) => x.localeCompare(y, 'vi'))].filter((t) => {
        const k = topicKey(t);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      return { subjectCode: q.subjectCode, grade: q.grade, topics, cells };
    },
  };
}
export type QuestionsService = ReturnType<typeof createQuestionsService>;
