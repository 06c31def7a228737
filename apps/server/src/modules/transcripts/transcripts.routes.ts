import {
  paged,
  TranscriptArchiveQuery,
  TranscriptConfirmBody,
  TranscriptConfirmResult,
  TranscriptDetail,
  TranscriptExportQuery,
  TranscriptGenerateBody,
  TranscriptGenerateResult,
  TranscriptItem,
  TranscriptListQuery,
  TranscriptPublicStatus,
  TranscriptSignFields,
  TranscriptSignJob,
  TranscriptSignJobList,
  TranscriptSignJobQuery,
  TranscriptSignResult,
  TranscriptVerification,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor } from '../../plugins/auth';
import type { TranscriptsService } from './transcripts.service';

const SchoolParams = z.object({ schoolId: Uuid });
const ItemParams = z.object({ schoolId: Uuid, id: Uuid });
const tags = ['transcripts'];
const P12_MAX_BYTES = 64 * 1024;
const PDF_MAX_BYTES = 20 * 1024 * 1024;

function attachment(reply: FastifyReply, type: string, fileName: string) {
  reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store');
}

/** Reads a multipart form with at most one file (kept in memory, never written to disk). */
async function readForm(req: FastifyRequest, maxFileBytes: number, what: string) {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', `Hãy gửi ${what} dạng multipart/form-data`);
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  for await (const part of req.parts({ limits: { fileSize: maxFileBytes, files: 1, fields: 10 } })) {
    if (part.type === 'file') file = await part.toBuffer();
    else fields[part.fieldname] = String(part.value);
  }
  if (!file || file.length === 0) throw new AppError('BAD_REQUEST', `Chưa chọn ${what}`);
  return { fields, file };
}

function signFields(fields: Record<string, string>) {
  const parsed = TranscriptSignFields.safeParse(fields);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      'Thiếu vai trò ký (homeroom | principal) hoặc mật khẩu chứng thư số',
      {
        issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      },
    );
  return parsed.data;
}

const signDescription =
  'multipart/form-data: `role` (homeroom | principal), `password` and one .p12/.pfx file (the signer’s own ' +
  'certificate). The server signs in memory (PAdES, incremental update) and stores neither the file nor the password.';

export const transcriptsRoutesWith: FastifyPluginAsyncZod<{ transcripts: TranscriptsService }> = async (
  app,
  { transcripts },
) => {
  app.get(
    '/api/transcripts',
    {
      schema: {
        tags,
        summary: 'Danh sách học bạ số',
        querystring: TranscriptListQuery,
        response: { 200: paged(TranscriptItem) },
      },
    },
    async (req) => ({
      ...(await transcripts.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  app.get(
    '/api/schools/:schoolId/transcripts/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết học bạ: môn học, xác nhận, chữ ký',
        params: ItemParams,
        response: { 200: TranscriptDetail },
      },
    },
    async (req) => transcripts.get(requireActor(req), req.params.schoolId, req.params.id),
  );

  app.get(
    '/api/schools/:schoolId/transcripts/:id/pdf',
    {
      schema: {
        tags,
        summary: 'Tệp PDF học bạ (bản đã ký, hoặc bản nháp dựng tại thời điểm tải)',
        params: ItemParams,
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await transcripts.pdf(requireActor(req), req.params.schoolId, req.params.id);
      attachment(reply, 'application/pdf', fileName);
      return reply.send(pdf);
    },
  );

  app.post(
    '/api/schools/:schoolId/transcripts/generate',
    {
      schema: {
        tags,
        summary: 'Tạo / làm mới bản nháp học bạ của một lớp từ sổ điểm',
        params: SchoolParams,
        body: TranscriptGenerateBody,
        response: { 200: TranscriptGenerateResult },
      },
    },
    async (req) => transcripts.generate(requireActor(req), req.params.schoolId, req.body.classId),
  );

  app.post(
    '/api/schools/:schoolId/transcripts/confirm',
    {
      schema: {
        tags,
        summary: 'Giáo viên bộ môn xác nhận kết quả môn học của mình trên học bạ cả lớp',
        params: SchoolParams,
        body: TranscriptConfirmBody,
        response: { 200: TranscriptConfirmResult },
      },
    },
    async (req) => transcripts.confirm(requireActor(req), req.params.schoolId, req.body),
  );

  app.post(
    '/api/schools/:schoolId/transcripts/:id/sign',
    {
      schema: {
        tags,
        summary: 'Ký số một học bạ (GVCN hoặc Hiệu trưởng) bằng chứng thư số của chính mình',
        description: signDescription,
        consumes: ['multipart/form-data'],
        params: ItemParams,
        response: { 200: TranscriptSignResult },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req) => {
      const actor = requireActor(req);
      const { fields, file } = await readForm(req, P12_MAX_BYTES, 'tệp chứng thư số (.p12/.pfx)');
      const f = signFields(fields);
      return transcripts.sign(actor, req.params.schoolId, {
        role: f.role,
        transcriptId: req.params.id,
        p12: file,
        password: f.password,
      });
    },
  );

  app.post(
    '/api/schools/:schoolId/transcripts/sign',
    {
      schema: {
        tags,
        summary: 'Ký số học bạ cả lớp trong nền: xếp hàng công việc, trả về 202 và mã công việc',
        description:
          `${signDescription} Also \`classId\`. The signer and the certificate are checked at once (4xx); then ` +
          'a background job signs every ready transcript of the class and the answer is 202 with the job: follow ' +
          'it at GET …/transcripts/sign-jobs/{id} (signed n of total, skipped and errors per student). The ' +
          'certificate is held in the server’s memory until the job ends, never stored.',
        consumes: ['multipart/form-data'],
        params: SchoolParams,
        response: { 202: TranscriptSignJob },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { fields, file } = await readForm(req, P12_MAX_BYTES, 'tệp chứng thư số (.p12/.pfx)');
      const f = signFields(fields);
      if (!f.classId)
        throw new AppError('VALIDATION_FAILED', 'Thiếu lớp cần ký học bạ', { field: 'classId' });
      const job = await transcripts.enqueueClassSign(actor, req.params.schoolId, {
        role: f.role,
        classId: f.classId,
        p12: file,
        password: f.password,
      });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/schools/:schoolId/transcripts/sign-jobs',
    {
      schema: {
        tags,
        summary: 'Các lượt ký học bạ cả lớp gần đây của một lớp (mới nhất trước)',
        params: SchoolParams,
        querystring: TranscriptSignJobQuery,
        response: { 200: TranscriptSignJobList },
      },
    },
    async (req) => transcripts.signJobs(requireActor(req), req.params.schoolId, req.query.classId),
  );

  app.get(
    '/api/schools/:schoolId/transcripts/sign-jobs/:id',
    {
      schema: {
        tags,
        summary: 'Tiến độ ký học bạ cả lớp (đã ký n/m, lỗi từng học sinh)',
        params: ItemParams,
        response: { 200: TranscriptSignJob },
      },
    },
    async (req) => transcripts.signJob(requireActor(req), req.params.schoolId, req.params.id),
  );

  app.get(
    '/api/schools/:schoolId/transcripts/archive.zip',
    {
      schema: {
        tags,
        summary: 'Tải học bạ cả lớp (ZIP: PDF đã ký của từng học sinh và manifest.json)',
        description: 'Signed transcripts only, unless `drafts=true` (drafts are then rendered on the fly).',
        params: SchoolParams,
        querystring: TranscriptArchiveQuery,
      },
    },
    async (req, reply) => {
      const { zip, fileName } = await transcripts.archive(
        requireActor(req),
        req.params.schoolId,
        req.query.classId,
        {
          drafts: req.query.drafts === 'true',
        },
      );
      attachment(reply, 'application/zip', fileName);
      return reply.send(zip);
    },
  );

  app.get(
    '/api/schools/:schoolId/transcripts/export.json',
    {
      schema: {
        tags,
        summary:
          'Xuất dữ liệu học bạ của lớp (JSON có cấu trúc, khoá là mã định danh ngành) để đồng bộ CSDL ngành',
        params: SchoolParams,
        querystring: TranscriptExportQuery,
      },
    },
    async (req, reply) => {
      const data = await transcripts.exportJson(requireActor(req), req.params.schoolId, req.query.classId);
      attachment(
        reply,
        'application/json; charset=utf-8',
        `hoc-ba-${data.class.name}-${data.schoolYear}.json`,
      );
      return reply.send(JSON.stringify(data, null, 2));
    },
  );

  // ---- public: no session (the /api/public/ prefix is declared public in app.ts)
  app.post(
    '/api/public/transcripts/verify',
    {
      schema: {
        tags,
        summary: 'Xác thực tệp PDF học bạ: chữ ký số và đối chiếu bản gốc (công khai)',
        description: 'multipart/form-data with one PDF file.',
        consumes: ['multipart/form-data'],
        response: { 200: TranscriptVerification },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => {
      const { file } = await readForm(req, PDF_MAX_BYTES, 'tệp PDF học bạ');
      return transcripts.verify(file);
    },
  );

  app.get(
    '/api/public/transcripts/:id/status',
    {
      schema: {
        tags,
        summary: 'Trạng thái học bạ cho liên kết mã QR (công khai, không có điểm số)',
        params: z.object({ id: Uuid }),
        response: { 200: TranscriptPublicStatus },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req) => transcripts.publicStatus(req.params.id),
  );
};
