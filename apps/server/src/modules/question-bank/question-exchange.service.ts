import type { QuestionExportQuery, QuestionImportQuery, QuestionImportReport } from '@smartedu/contracts';
import {
  displayKey,
  findSubject,
  type ImportedQuestion,
  type ImportIssue,
  type MediaRef,
  parseQuestionSheet,
  parseWordQuestions,
  type QuestionBody,
  resolveSubjectCode,
  validatePoints,
  validateQuestionBody,
} from '@smartedu/domain';
import type { z } from 'zod';
import { AppError } from '../../errors';
import type { Actor } from '../access';
import { type DocxMedia, readDocx } from './io/docx-reader';
import { MEDIA_TYPES, sniffMediaType } from './io/media-store';
import { type ExchangeMedia, type ExchangeQuestion, exportQtiPackage } from './io/qti-export';
import { importQtiPackage } from './io/qti-import';
import { readQuestionSheet } from './io/question-sheet';
import { createQuestionBankRepository, type QuestionInsert } from './question-bank.repository';
import {
  bankAccess,
  bodyOf,
  contentHashOf,
  DEFAULT_POINTS,
  type QuestionBankDeps,
  sanitizeBody,
  searchTextOf,
} from './question-bank.shared';
import { departmentUnitOf } from './questions.service';

type Parsed = { questions: ImportedQuestion[]; issues: ImportIssue[]; media: Map<string, DocxMedia> };
export type UploadedFile = { fileName: string; bytes: Uint8Array };

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

async function parseFile(
  format: 'docx' | 'xlsx' | 'qti',
  file: UploadedFile,
  q: z.infer<typeof QuestionImportQuery>,
): Promise<Parsed> {
  if (file.bytes.length === 0) throw new AppError('EMPTY_FILE', 'Tệp tải lên rỗng', undefined, 400);
  if (file.bytes.length > MAX_IMPORT_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'Tệp quá lớn (tối đa 50 MB)');
  const defaults = {
    ...(q.level ? { level: q.level } : {}),
    ...(q.topic ? { topic: q.topic } : {}),
    ...(q.points ? { points: q.points } : {}),
  };
  if (format === 'docx') {
    const doc = readDocx(file.bytes);
    return { ...parseWordQuestions(doc.blocks, defaults), media: doc.media };
  }
  if (format === 'xlsx') {
    const sheet = await readQuestionSheet(file.bytes);
    return { ...parseQuestionSheet(sheet.headers, sheet.rows, defaults), media: new Map() };
  }
  return importQtiPackage(file.bytes);
}

/** Nhập câu hỏi từ Word, Excel, QTI; xuất QTI 3.0 / 2.1. */
export function createQuestionExchangeService(deps: QuestionBankDeps) {
  const { database, access, audit, media } = deps;
  const repo = createQuestionBankRepository(database.db);

  return {
    /**
     * Reads a file and reports every problem by question number. 'preview' stores nothing; 'valid' stores the
     * questions without errors; 'all' stores nothing when any question has an error. Exact duplicates of
     * questions already visible (or earlier in the same file) are skipped.
     */
    async import(
      actor: Actor,
      schoolId: string,
      q: z.infer<typeof QuestionImportQuery>,
      file: UploadedFile,
    ): Promise<QuestionImportReport> {
      await access.require(actor, 'questions.write', { schoolId });
      const parsed = await parseFile(q.format, file, q);
      const issues: ImportIssue[] = [...parsed.issues];
      const a = await bankAccess(access, actor);
      type Ready = {
        src: ImportedQuestion;
        row: Omit<QuestionInsert, 'schoolId' | 'shareUnitId'>;
        mediaRefs: { ref: string; alt?: string }[];
        duplicateOf: string | null;
      };
      const ready: Ready[] = [];
      const label = (n: ImportedQuestion) => (n.row ? `Dòng ${n.row}` : `Câu ${n.number}`);
      for (const src of parsed.questions) {
        const err = (code: string, message: string) =>
          issues.push({
            severity: 'error',
            code,
            message: `${label(src)}: ${message}`,
            question: src.number,
            ...(src.row ? { row: src.row } : {}),
          });
        const grade = src.grade ?? q.grade;
        const subjectText = src.subject ?? q.subjectCode;
        const subjectCode = subjectText ? resolveSubjectCode(subjectText, grade) : null;
        const level = src.level ?? q.level;
        if (!grade) {
          err('META_MISSING', 'chưa rõ lớp (thêm thẻ [Lớp: 6] hoặc chọn lớp khi nhập).');
          continue;
        }
        if (!subjectCode) {
          err(
            'META_MISSING',
            subjectText
              ? `môn "${subjectText}" không có ở lớp ${grade}.`
              : 'chưa rõ môn học (thêm thẻ [Môn: Toán] hoặc chọn môn khi nhập).',
          );
          continue;
        }
        if (findSubject(subjectCode)?.periodsByGrade[grade] === undefined) {
          err('META_BAD', `môn ${findSubject(subjectCode)?.name ?? subjectCode} không học ở lớp ${grade}.`);
          continue;
        }
        if (!level) {
          err('META_MISSING', 'chưa rõ mức độ (thêm thẻ [Mức độ: NB] hoặc chọn khi nhập).');
          continue;
        }
        const body = sanitizeBody(src.body);
        const points = src.points ?? q.points ?? DEFAULT_POINTS[body.type];
        const problems = validateQuestionBody(body);
        const p = validatePoints(points);
        if (p) problems.push(p);
        if (problems.length) {
          err(problems[0].code, `${problems.map((x) => x.message.replace(/\.$/, '')).join('; ')}.`);
          continue;
        }
        ready.push({
          src,
          mediaRefs: src.mediaRefs,
          duplicateOf: null,
          row: {
            ownerUserId: actor.via === 'system' ? null : actor.userId,
            ownerName: actor.fullName,
            scope: q.scope,
            status: q.scope === 'own' ? 'draft' : 'pending_review',
            subjectCode,
            grade,
            topic: src.topic ?? q.topic ?? 'Chưa phân loại',
            level,
            type: body.type,
            content: body.content,
            answerKey: body.key,
            points,
            explanation: src.explanation ?? null,
            externalId: src.externalId ?? null,
            contentHash: contentHashOf(body),
            searchText: searchTextOf(body),
            source: q.format,
          },
        });
      }
      // media: only pictures and clips the web can show
      const usableMedia = new Map<string, { bytes: Uint8Array; contentType: string }>();
      for (const r of ready) {
        for (const m of r.mediaRefs) {
          const file = parsed.media.get(m.ref);
          const type = file ? sniffMediaType(file.bytes) : null;
          if (file && type) usableMedia.set(m.ref, { bytes: file.bytes, contentType: type });
          else
            issues.push({
              severity: 'warning',
              code: 'MEDIA_SKIPPED',
              message: `${label(r.src)}: hình/âm thanh "${m.ref.split('/').pop()}" không phải PNG, JPEG, GIF, WebP, MP3, M4A, OGG hoặc WAV nên đã bỏ qua.`,
              question: r.src.number,
            });
        }
      }
      // duplicates: against the bank and within the file
      const existing = new Map(
        (await repo.findByHash(a, [...new Set(ready.map((r) => r.row.contentHash))])).map((d) => [
          d.contentHash,
          d.id,
        ]),
      );
      const seenInFile = new Map<string, number>();
      for (const r of ready) {
        const hash = r.row.contentHash;
        const prior = existing.get(hash);
        if (prior) {
          r.duplicateOf = prior;
          issues.push({
            severity: 'warning',
            code: 'DUPLICATE',
            message: `${label(r.src)}: đã có câu hỏi giống hệt trong ngân hàng, bỏ qua.`,
            question: r.src.number,
          });
        } else if (seenInFile.has(hash)) {
          r.duplicateOf = 'file';
          issues.push({
            severity: 'warning',
            code: 'DUPLICATE',
            message: `${label(r.src)}: trùng với câu ${seenInFile.get(hash)} trong cùng tệp, bỏ qua.`,
            question: r.src.number,
          });
        } else seenInFile.set(hash, r.src.number);
      }
      const hasErrors = issues.some((i) => i.severity === 'error');
      const toStore = ready.filter((r) => r.duplicateOf === null);
      const commit = q.mode === 'valid' || (q.mode === 'all' && !hasErrors);
      let createdIds: string[] = [];
      if (commit && toStore.length) {
        const stored = new Map<string, MediaRef>();
        const mediaRows = new Map<
          string,
          { sha256: string; contentType: string; size: number; fileName: string }
        >();
        for (const [ref, m] of usableMedia) {
          if (!toStore.some((r) => r.mediaRefs.some((x) => x.ref === ref))) continue;
          const put = await media.put(m.bytes);
          stored.set(ref, { sha256: put.sha256, kind: put.kind, contentType: put.contentType });
          mediaRows.set(put.sha256, {
            sha256: put.sha256,
            contentType: put.contentType,
            size: put.size,
            fileName: ref.split('/').pop() ?? ref,
          });
        }
        const shareUnitId = q.scope === 'department' ? await departmentUnitOf(repo, schoolId) : schoolId;
        const rows: QuestionInsert[] = toStore.map((r) => {
          const refs = r.mediaRefs.flatMap((m) => {
            const s = stored.get(m.ref);
            return s ? [{ ...s, ...(m.alt ? { alt: m.alt } : {}) }] : [];
          });
          const content = refs.length ? { ...(r.row.content as object), media: refs } : r.row.content;
          const body = { type: r.row.type, content, key: r.row.answerKey } as QuestionBody;
          return { ...r.row, content, contentHash: contentHashOf(body), schoolId, shareUnitId };
        });
        createdIds = await database.transaction(async (tx) => {
          const txr = createQuestionBankRepository(tx);
          await txr.insertMedia(
            [...mediaRows.values()].map((m) => ({
              schoolId,
              ...m,
              createdBy: actor.via === 'system' ? null : actor.userId,
            })),
          );
          const inserted = await txr.insertQuestions(rows);
          await audit.record(tx, actor, {
            schoolId,
            action: 'import',
            entity: 'question',
            entityId: null,
            after: {
              format: q.format,
              fileName: file.fileName,
              count: inserted.length,
              ids: inserted.map((x) => x.id),
            },
          });
          return inserted.map((x) => x.id);
        });
      }
      return {
        format: q.format,
        mode: q.mode,
        total:
          parsed.questions.length +
          new Set(
            parsed.issues
              .filter((i) => i.severity === 'error' && i.question !== undefined && i.code !== 'KEY_ORPHAN')
              .map((i) => i.question),
          ).size,
        valid: toStore.length,
        imported: createdIds.length,
        duplicates: ready.length - toStore.length,
        issues,
        questions: ready.map((r) => {
          const body = { type: r.row.type, content: r.row.content, key: r.row.answerKey } as QuestionBody;
          return {
            number: r.src.number,
            type: body.type,
            stem: body.content.stem.slice(0, 500),
            answer: displayKey(body),
            subjectCode: r.row.subjectCode,
            grade: r.row.grade,
            topic: r.row.topic,
            level: r.row.level as QuestionImportReport['questions'][number]['level'],
            points: r.row.points,
            duplicateOf: r.duplicateOf && r.duplicateOf !== 'file' ? r.duplicateOf : null,
          };
        }),
        createdIds,
      };
    },

    /** A QTI package (3.0 by default, or 2.1) of the questions the actor sees, with the same filters as the list. */
    async export(actor: Actor, q: z.infer<typeof QuestionExportQuery>) {
      const a = await bankAccess(access, actor);
      const rows = await repo.exportRows(a, q);
      const items: ExchangeQuestion[] = rows.map((r) => ({
        id: r.id,
        externalId: r.externalId,
        subjectCode: r.subjectCode,
        grade: r.grade,
        topic: r.topic,
        level: r.level as ExchangeQuestion['level'],
        points: r.points,
        explanation: r.explanation,
        body: bodyOf(r),
      }));
      const files = new Map<string, ExchangeMedia>();
      for (const it of items) {
        for (const m of it.body.content.media ?? []) {
          if (files.has(m.sha256) || !MEDIA_TYPES[m.contentType]) continue;
          const bytes = await media.get(m.sha256);
          if (bytes) files.set(m.sha256, { bytes, contentType: m.contentType });
        }
      }
      return { count: items.length, bytes: exportQtiPackage(items, files, q.version) };
    },
  };
}
export type QuestionExchangeService = ReturnType<typeof createQuestionExchangeService>;
