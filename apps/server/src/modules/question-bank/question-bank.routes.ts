import {
  Availability,
  AvailabilityQuery,
  MediaUploaded,
  OkBody,
  paged,
  Question,
  QuestionCreateBody,
  QuestionExportQuery,
  QuestionImportQuery,
  QuestionImportReport,
  QuestionListQuery,
  QuestionReviewBody,
  QuestionSaved,
  QuestionSubmitBody,
  QuestionUpdateBody,
  SimilarQuestion,
  TestCreateBody,
  TestDetail,
  TestListQuery,
  TestSummary,
  TestUpdateBody,
  TestVersionView,
  Uuid,
  VersionsBody,
} from '@smartedu/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor } from '../../plugins/auth';
import type { QuestionExchangeService } from './question-exchange.service';
import type { QuestionMediaService } from './question-media.service';
import type { QuestionsService } from './questions.service';
import type { TestsService } from './tests.service';

export type QuestionBankRouteDeps = {
  questions: QuestionsService;
  exchange: QuestionExchangeService;
  mediaService: QuestionMediaService;
  tests: TestsService;
};

const SchoolParams = z.object({ schoolId: Uuid });
const ItemParams = z.object({ schoolId: Uuid, id: Uuid });
const VersionParams = z.object({ schoolId: Uuid, id: Uuid, code: z.string().regex(/^\d{3,4}$/) });

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
};
function download(
  reply: FastifyReply,
  type: keyof typeof MIME,
  fileName: string,
  body: Uint8Array,
  inline = false,
) {
  return reply
    .header('content-type', MIME[type])
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(Buffer.from(body));
}

async function uploadedFile(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp dạng multipart/form-data');
  const part = await req.file();
  if (!part) throw new AppError('BAD_REQUEST', 'Chưa chọn tệp để tải lên');
  return { fileName: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
}

/** Ngân hàng câu hỏi và đề kiểm tra. */
export const questionBankRoutesWith: FastifyPluginAsyncZod<QuestionBankRouteDeps> = async (app, deps) => {
  const tags = ['question-bank'];
  // ---- questions
  app.get(
    '/api/questions',
    {
      schema: {
        tags,
        summary: 'Duyệt ngân hàng câu hỏi (lọc theo môn, lớp, chủ đề, mức độ, dạng, trạng thái, phạm vi)',
        querystring: QuestionListQuery,
        response: { 200: paged(Question) },
      },
    },
    async (req) => ({
      ...(await deps.questions.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/questions/availability',
    {
      schema: {
        tags,
        summary: 'Số câu hỏi dùng được theo chủ đề × mức độ × dạng (xây dựng ma trận đề)',
        querystring: AvailabilityQuery,
        response: { 200: Availability },
      },
    },
    async (req) => deps.questions.availability(requireActor(req), req.query),
  );
  app.get(
    '/api/questions/export.zip',
    { schema: { tags, summary: 'Xuất câu hỏi ra gói QTI 3.0 (hoặc 2.1)', querystring: QuestionExportQuery } },
    async (req, reply) => {
      const { bytes } = await deps.exchange.export(requireActor(req), req.query);
      return download(
        reply,
        'zip',
        `ngan-hang-cau-hoi-qti${req.query.version === '2.1' ? '21' : '30'}.zip`,
        bytes,
      );
    },
  );
  app.get(
    '/api/question-imports/templates/:format',
    {
      schema: {
        tags,
        summary: 'Tải tệp mẫu nhập câu hỏi (Word hoặc Excel)',
        params: z.object({ format: z.enum(['docx', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      requireActor(req);
      const { bytes, fileName } = await deps.mediaService.template(req.params.format);
      return download(reply, req.params.format, fileName, bytes);
    },
  );
  app.post(
    '/api/schools/:schoolId/questions',
    {
      schema: {
        tags,
        summary: 'Soạn câu hỏi mới (kèm danh sách câu gần giống)',
        params: SchoolParams,
        body: QuestionCreateBody,
        response: { 201: QuestionSaved },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.questions.create(requireActor(req), req.params.schoolId, req.body)),
  );
  app.get(
    '/api/schools/:schoolId/questions/:id',
    { schema: { tags, summary: 'Một câu hỏi', params: ItemParams, response: { 200: Question } } },
    async (req) => deps.questions.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.patch(
    '/api/schools/:schoolId/questions/:id',
    {
      schema: {
        tags,
        summary: 'Sửa câu hỏi (câu dùng chung do người soạn sửa sẽ chờ duyệt lại)',
        params: ItemParams,
        body: QuestionUpdateBody,
        response: { 200: Question },
      },
    },
    async (req) => deps.questions.update(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.delete(
    '/api/schools/:schoolId/questions/:id',
    {
      schema: {
        tags,
        summary: 'Xoá câu hỏi (đề đã tạo vẫn giữ bản chụp câu hỏi)',
        params: ItemParams,
        response: { 200: OkBody },
      },
    },
    async (req) => deps.questions.remove(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/questions/:id/submit',
    {
      schema: {
        tags,
        summary: 'Gửi duyệt để dùng chung trong trường hoặc toàn Phòng/Sở',
        params: ItemParams,
        body: QuestionSubmitBody,
        response: { 200: Question },
      },
    },
    async (req) => deps.questions.submit(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.post(
    '/api/schools/:schoolId/questions/:id/review',
    {
      schema: {
        tags,
        summary: 'Duyệt hoặc trả lại câu hỏi dùng chung',
        params: ItemParams,
        body: QuestionReviewBody,
        response: { 200: Question },
      },
    },
    async (req) => deps.questions.review(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.get(
    '/api/schools/:schoolId/questions/:id/similar',
    {
      schema: {
        tags,
        summary: 'Câu hỏi trùng hoặc gần giống',
        params: ItemParams,
        response: { 200: z.array(SimilarQuestion) },
      },
    },
    async (req) => deps.questions.similar(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/question-imports',
    {
      schema: {
        tags,
        summary: 'Nhập câu hỏi từ Word (.docx), Excel (.xlsx) hoặc gói QTI (.zip): xem trước, hoặc ghi',
        description:
          "multipart/form-data with one file. mode=preview stores nothing; 'valid' stores the questions without errors; 'all' stores nothing if any has an error.",
        consumes: ['multipart/form-data'],
        params: SchoolParams,
        querystring: QuestionImportQuery,
        response: { 200: QuestionImportReport },
      },
    },
    async (req) =>
      deps.exchange.import(requireActor(req), req.params.schoolId, req.query, await uploadedFile(req)),
  );
  app.post(
    '/api/schools/:schoolId/question-media',
    {
      schema: {
        tags,
        summary: 'Tải ảnh hoặc tệp âm thanh cho câu hỏi',
        consumes: ['multipart/form-data'],
        params: SchoolParams,
        response: { 201: MediaUploaded },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await deps.mediaService.upload(requireActor(req), req.params.schoolId, await uploadedFile(req)),
        ),
  );
  app.get(
    '/api/schools/:schoolId/question-media/:sha256',
    {
      schema: {
        tags,
        summary: 'Ảnh hoặc âm thanh của câu hỏi',
        params: z.object({ schoolId: Uuid, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (req, reply) => {
      const file = await deps.mediaService.get(requireActor(req), req.params.schoolId, req.params.sha256);
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(Buffer.from(file.bytes));
    },
  );

  // ---- tests (đề kiểm tra)
  app.get(
    '/api/tests',
    {
      schema: {
        tags,
        summary: 'Danh sách đề kiểm tra',
        querystring: TestListQuery,
        response: { 200: paged(TestSummary) },
      },
    },
    async (req) => ({
      ...(await deps.tests.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.post(
    '/api/schools/:schoolId/tests',
    {
      schema: {
        tags,
        summary: 'Tạo đề: chọn câu thủ công hoặc bốc ngẫu nhiên theo ma trận',
        params: SchoolParams,
        body: TestCreateBody,
        response: { 201: TestDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.tests.create(requireActor(req), req.params.schoolId, req.body)),
  );
  app.get(
    '/api/schools/:schoolId/tests/:id',
    {
      schema: {
        tags,
        summary: 'Một đề kiểm tra với các câu hỏi và mã đề',
        params: ItemParams,
        response: { 200: TestDetail },
      },
    },
    async (req) => deps.tests.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.patch(
    '/api/schools/:schoolId/tests/:id',
    {
      schema: {
        tags,
        summary: 'Sửa đề (bị từ chối khi đề đang dùng trong kỳ thi đang mở)',
        params: ItemParams,
        body: TestUpdateBody,
        response: { 200: TestDetail },
      },
    },
    async (req) => deps.tests.update(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.post(
    '/api/schools/:schoolId/tests/:id/versions',
    {
      schema: {
        tags,
        summary: 'Sinh các mã đề 101, 102… (đảo câu, đảo phương án)',
        params: ItemParams,
        body: VersionsBody,
        response: { 200: TestDetail },
      },
    },
    async (req) =>
      deps.tests.generateVersions(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.get(
    '/api/schools/:schoolId/tests/:id/versions/:code',
    {
      schema: {
        tags,
        summary: 'Một mã đề: câu hỏi theo thứ tự của mã đề, kèm đáp án',
        params: VersionParams,
        response: { 200: TestVersionView },
      },
    },
    async (req) => {
      const { row, items } = await deps.tests.version(
        requireActor(req),
        req.params.schoolId,
        req.params.id,
        req.params.code,
      );
      return {
        testId: row.t.id,
        code: req.params.code,
        title: row.t.title,
        items: items.map((i) => ({
          number: i.number,
          position: i.position,
          questionId: i.questionId,
          points: i.points,
          type: i.type,
          body: i.body as TestVersionView['items'][number]['body'],
          answer: i.answer,
        })),
      };
    },
  );
  app.get(
    '/api/schools/:schoolId/tests/:id/versions/:code/print.pdf',
    {
      schema: {
        tags,
        summary: 'Bản in đề (PDF) của một mã đề, kèm trang đáp án',
        params: VersionParams,
        querystring: z.object({ key: z.enum(['0', '1']).default('1') }),
      },
    },
    async (req, reply) => {
      const pdf = await deps.tests.pdf(
        requireActor(req),
        req.params.schoolId,
        req.params.id,
        req.params.code,
        req.query.key === '1',
      );
      return download(reply, 'pdf', `de-${req.params.code}.pdf`, pdf, true);
    },
  );
  app.get(
    '/api/schools/:schoolId/tests/:id/answer-key.xlsx',
    { schema: { tags, summary: 'Đáp án các mã đề (Excel)', params: ItemParams } },
    async (req, reply) =>
      download(
        reply,
        'xlsx',
        'dap-an.xlsx',
        await deps.tests.answerKey(requireActor(req), req.params.schoolId, req.params.id),
      ),
  );
};
