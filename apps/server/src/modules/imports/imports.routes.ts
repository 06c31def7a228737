import { PassThrough } from 'node:stream';
import {
  ClassListQuery,
  GuardianListQuery,
  ImportCommitBody,
  ImportJob,
  ImportKind,
  PageQuery,
  paged,
  StaffListQuery,
  StudentListQuery,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor } from '../../plugins/auth';
import type { ExportQuery, ImportsService } from './imports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(reply: FastifyReply, fileName: string) {
  reply
    .header('content-type', XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store');
}

const SchoolParams = z.object({ schoolId: Uuid });
const JobParams = z.object({ schoolId: Uuid, id: Uuid });

export const importRoutesWith: FastifyPluginAsyncZod<{ imports: ImportsService }> = async (
  app,
  { imports },
) => {
  app.post(
    '/api/schools/:schoolId/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Tải tệp Excel lên và kiểm tra (chưa ghi dữ liệu), hoặc nhập trực tiếp với ?commit=',
        description:
          'multipart/form-data with one .xlsx file. Without `commit`: returns the validation report; nothing is ' +
          'written until POST …/commit. With `commit=all|valid` (integrations, bulk loads): validates and writes in ' +
          'one pass, all-or-nothing for `all`; a refused file answers 409 with `details.jobId`, the job holding ' +
          'its report.',
        consumes: ['multipart/form-data'],
        params: z.object({ schoolId: Uuid, kind: ImportKind }),
        querystring: z.object({ commit: z.enum(['all', 'valid']).optional() }),
        response: { 201: ImportJob },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp Excel dạng multipart/form-data');
      const part = await req.file();
      if (!part) throw new AppError('BAD_REQUEST', 'Chưa chọn tệp Excel để tải lên');
      const file = { fileName: part.filename, stream: part.file };
      const { schoolId, kind } = req.params;
      const job = req.query.commit
        ? await imports.importFile(actor, schoolId, kind, file, req.query.commit)
        : await imports.upload(actor, schoolId, kind, file);
      return reply.status(201).send(job);
    },
  );

  app.get(
    '/api/schools/:schoolId/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Các lượt nhập gần đây (mỗi lượt kèm tối đa 10 lỗi đầu)',
        params: SchoolParams,
        querystring: PageQuery.omit({ q: true }),
        response: { 200: paged(ImportJob) },
      },
    },
    async (req) => ({
      ...(await imports.list(requireActor(req), req.params.schoolId, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  app.get(
    '/api/schools/:schoolId/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'Kết quả kiểm tra / ghi của một lượt nhập',
        params: JobParams,
        response: { 200: ImportJob },
      },
    },
    async (req) => imports.get(requireActor(req), req.params.schoolId, req.params.id),
  );

  app.post(
    '/api/schools/:schoolId/imports/:id/commit',
    {
      schema: {
        tags: ['imports'],
        summary: "Ghi dữ liệu: 'all' (tất cả hoặc không gì) hoặc 'valid' (chỉ các dòng hợp lệ)",
        params: JobParams,
        body: ImportCommitBody,
        response: { 200: ImportJob },
      },
    },
    async (req) => imports.commit(requireActor(req), req.params.schoolId, req.params.id, req.body.mode),
  );

  app.delete(
    '/api/schools/:schoolId/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'Huỷ lượt nhập: xoá tệp đã tải lên',
        params: JobParams,
        response: { 200: ImportJob },
      },
    },
    async (req) => imports.discard(requireActor(req), req.params.schoolId, req.params.id),
  );

  app.get(
    '/api/schools/:schoolId/imports/templates/:kind.xlsx',
    {
      schema: {
        tags: ['imports'],
        summary: 'Tải mẫu nhập Excel (có danh sách chọn)',
        params: z.object({ schoolId: Uuid, kind: ImportKind }),
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await imports.template(
        requireActor(req),
        req.params.schoolId,
        req.params.kind,
      );
      attachment(reply, fileName);
      return reply.send(buffer);
    },
  );

  // ---- exports: one route per list, with that list's filters
  const exportRoute = (kind: ImportKind, querystring: z.ZodType<ExportQuery>, summary: string) =>
    app.get(
      `/api/export/${kind}.xlsx`,
      { schema: { tags: ['exports'], summary, querystring } },
      async (req, reply) => {
        const { fileName, write } = await imports.prepareExport(
          requireActor(req),
          kind,
          req.query as ExportQuery,
        );
        const body = new PassThrough();
        write(body).catch((err: unknown) => {
          req.log.error({ err }, 'export failed');
          body.destroy(err instanceof Error ? err : new Error(String(err)));
        });
        attachment(reply, fileName);
        return reply.send(body);
      },
    );
  const withoutPaging = <T extends z.ZodObject>(q: T) => q.omit({ page: true, pageSize: true });
  exportRoute('students', withoutPaging(StudentListQuery), 'Xuất danh sách học sinh ra Excel');
  exportRoute('guardians', withoutPaging(GuardianListQuery), 'Xuất danh sách phụ huynh ra Excel');
  exportRoute('staff', withoutPaging(StaffListQuery), 'Xuất danh sách cán bộ ra Excel');
  exportRoute('classes', withoutPaging(ClassListQuery), 'Xuất danh sách lớp ra Excel');
};
