import {
  DisclosureDocument,
  DisclosurePage,
  DocumentListQuery,
  DocumentUploadQuery,
  Feedback,
  FeedbackCreateBody,
  FeedbackCreated,
  FeedbackListQuery,
  FeedbackLookupBody,
  FeedbackPublicStatus,
  FeedbackUpdateBody,
  OkBody,
  paged,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor } from '../../plugins/auth';
import { type DisclosureService, MAX_DOCUMENT_BYTES } from './disclosure.service';

export type DisclosureRouteDeps = {
  disclosure: DisclosureService;
  /** Public feedback submissions per IP and window; lookups get four times as many. */
  feedbackRate: { max: number; timeWindowMs: number };
};

const CodeParams = z.object({ code: z.string().trim().min(1).max(60) });
const UnitParams = z.object({ unitId: Uuid });
const DocParams = z.object({ unitId: Uuid, id: Uuid });
const PublicDocParams = z.object({ schoolId: Uuid, id: Uuid });
const FeedbackParams = z.object({ schoolId: Uuid, id: Uuid });
const tags = ['disclosure'];

/**
 * Công khai theo Thông tư 09/2024/TT-BGDĐT. Public (no session; under /api/public/, declared public in app.ts):
 * GET the pages and published documents, POST feedback and a tracking-code lookup — nothing else is public.
 */
export const disclosureRoutes: FastifyPluginAsyncZod<DisclosureRouteDeps> = async (app, deps) => {
  const { disclosure } = deps;
  const limited = (name: string, factor: number) => ({
    rateLimit: {
      max: deps.feedbackRate.max * factor,
      timeWindow: deps.feedbackRate.timeWindowMs,
      keyGenerator: (req: FastifyRequest) => `${name}|${req.ip}`,
      // Staff who take feedback over the phone or at the desk submit it signed in: not limited.
      allowList: (req: FastifyRequest) => req.actor !== null,
    },
  });

  // ---- public
  app.get(
    '/api/public/disclosure/schools/:code',
    {
      schema: {
        tags,
        summary: 'Trang công khai của một trường (không cần đăng nhập)',
        params: CodeParams,
        response: { 200: DisclosurePage },
      },
      config: limited('disclosure-page', 60),
    },
    async (req) => disclosure.schoolPage(req.params.code),
  );
  app.get(
    '/api/public/disclosure/units/:code',
    {
      schema: {
        tags,
        summary: 'Trang công khai của Phòng/Sở GD&ĐT (không cần đăng nhập)',
        params: CodeParams,
        response: { 200: DisclosurePage },
      },
      config: limited('disclosure-page', 60),
    },
    async (req) => disclosure.departmentPage(req.params.code),
  );
  app.get(
    '/api/public/disclosure/documents/:schoolId/:id',
    {
      schema: { tags, summary: 'Tải tài liệu công khai (PDF)', params: PublicDocParams },
      config: limited('disclosure-doc', 60),
    },
    async (req, reply) => {
      const { fileName, bytes } = await disclosure.documentFile(req.params.schoolId, req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(bytes);
    },
  );
  app.post(
    '/api/public/feedback',
    {
      schema: {
        tags,
        summary: 'Gửi góp ý, phản ánh (không cần đăng nhập); trả về mã tra cứu',
        body: FeedbackCreateBody,
        response: { 201: FeedbackCreated },
      },
      config: limited('feedback', 1),
    },
    async (req, reply) => reply.status(201).send(await disclosure.submitFeedback(req.body, req.ip)),
  );
  app.post(
    '/api/public/feedback/lookup',
    {
      schema: {
        tags,
        summary: 'Tra cứu tình trạng và trả lời của góp ý theo mã tra cứu',
        body: FeedbackLookupBody,
        response: { 200: FeedbackPublicStatus },
      },
      config: limited('feedback-lookup', 4),
    },
    async (req) => disclosure.lookupFeedback(req.body.trackingCode),
  );

  // ---- documents (signed in)
  app.get(
    '/api/disclosure/units/:unitId/documents',
    {
      schema: {
        tags,
        summary: 'Tài liệu công khai của trường/đơn vị',
        params: UnitParams,
        querystring: DocumentListQuery,
        response: { 200: z.array(DisclosureDocument) },
      },
    },
    async (req) => disclosure.listDocuments(requireActor(req), req.params.unitId, req.query.section),
  );
  app.post(
    '/api/disclosure/units/:unitId/documents',
    {
      schema: {
        tags,
        summary: `Tải lên tài liệu công khai (PDF, tối đa ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB; multipart, trường "file")`,
        params: UnitParams,
        querystring: DocumentUploadQuery,
        response: { 201: DisclosureDocument },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp dạng multipart/form-data');
      const part = await req.file({ limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } });
      if (!part) throw new AppError('BAD_REQUEST', 'Chưa chọn tệp để tải lên');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `Tệp quá lớn: tối đa ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
          {
            field: 'file',
          },
        );
      }
      const doc = await disclosure.uploadDocument(actor, req.params.unitId, {
        section: req.query.section,
        title: req.query.title,
        fileName: part.filename,
        bytes,
        truncated: part.file.truncated,
      });
      return reply.status(201).send(doc);
    },
  );
  app.delete(
    '/api/disclosure/units/:unitId/documents/:id',
    { schema: { tags, summary: 'Gỡ tài liệu công khai', params: DocParams, response: { 200: OkBody } } },
    async (req) => disclosure.deleteDocument(requireActor(req), req.params.unitId, req.params.id),
  );

  // ---- feedback (signed in)
  app.get(
    '/api/feedback',
    {
      schema: {
        tags,
        summary: 'Góp ý của người dân gửi các đơn vị trong phạm vi',
        querystring: FeedbackListQuery,
        response: { 200: paged(Feedback) },
      },
    },
    async (req) => disclosure.listFeedback(requireActor(req), req.query),
  );
  app.patch(
    '/api/feedback/:schoolId/:id',
    {
      schema: {
        tags,
        summary: 'Tiếp nhận, phân công, trả lời góp ý',
        params: FeedbackParams,
        body: FeedbackUpdateBody,
        response: { 200: Feedback },
      },
    },
    async (req) => disclosure.updateFeedback(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
};
