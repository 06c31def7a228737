import { AppError, notFound } from '../../errors';
import type { Actor } from '../access';
import { sampleQuestionDocx } from './io/docx-writer';
import { questionSheetTemplate } from './io/question-sheet';
import { createQuestionBankRepository } from './question-bank.repository';
import { bankAccess, type QuestionBankDeps } from './question-bank.shared';

/** Pictures and clips of questions, and the import templates. */
export function createQuestionMediaService(deps: QuestionBankDeps) {
  const { database, access, audit, media } = deps;
  const repo = createQuestionBankRepository(database.db);
  return {
    async upload(actor: Actor, schoolId: string, file: { fileName: string; bytes: Uint8Array }) {
      await access.require(actor, 'questions.write', { schoolId });
      if (file.bytes.length === 0) throw new AppError('EMPTY_FILE', 'Tệp tải lên rỗng', undefined, 400);
      const put = await media.put(file.bytes);
      await database.transaction(async (tx) => {
        await createQuestionBankRepository(tx).insertMedia([
          {
            schoolId,
            sha256: put.sha256,
            contentType: put.contentType,
            size: put.size,
            fileName: file.fileName.slice(0, 200),
            createdBy: actor.via === 'system' ? null : actor.userId,
          },
        ]);
        await audit.record(tx, actor, {
          schoolId,
          action: 'upload',
          entity: 'question_media',
          entityId: put.sha256,
          after: { ...put, fileName: file.fileName },
        });
      });
      return put;
    },

    /**
     * The file, for anyone who may read questions of the owning unit (its own unit, an ancestor, or its reach)
     * or who sees a question or test that shows it.
     */
    async get(actor: Actor, schoolId: string, sha256: string) {
      const [row] = await repo.mediaOf(schoolId, [sha256]);
      if (!row) throw notFound('tệp');
      const a = await bankAccess(access, actor);
      const unit = await repo.unit(schoolId);
      const reach = (await access.scope(actor, 'questions.read')).subtrees;
      const allowed =
        a.readUnitIds.includes(schoolId) ||
        reach.some((p) => unit?.path.startsWith(p)) ||
        (await repo.mediaInVisibleContent(a, await bankAccess(access, actor, 'tests.read'), sha256));
      if (!allowed) throw notFound('tệp');
      const bytes = await media.get(sha256);
      if (!bytes) throw notFound('tệp');
      return { contentType: row.contentType, bytes };
    },

    async template(format: 'docx' | 'xlsx') {
      return format === 'docx'
        ? { bytes: sampleQuestionDocx(), fileName: 'mau-nhap-cau-hoi.docx' }
        : { bytes: new Uint8Array(await questionSheetTemplate()), fileName: 'mau-nhap-cau-hoi.xlsx' };
    },
  };
}
export type QuestionMediaService = ReturnType<typeof createQuestionMediaService>;
