import {
  ClassSummary,
  ClassSummaryQuery,
  ConductQuery,
  ConductSaveBody,
  ConductSheet,
  GradebookClass,
  GradeComputeBody,
  GradeComputeResult,
  GradeGrid,
  GradeGridQuery,
  GradeGridSaveBody,
  GradeGridSaveResult,
  GradeImportQuery,
  GradeImportReport,
  GradePublishBody,
  GradePublishResult,
  StudentReport,
  StudentReportQuery,
  TermLockBody,
  TermUnlockBody,
  UnlockRequest,
  UnlockRequestApproveBody,
  UnlockRequestCreateBody,
  UnlockRequestList,
  UnlockRequestListQuery,
  UnlockRequestRejectBody,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor } from '../../plugins/auth';
import type { GradebookService } from './gradebook.service';

const tags = ['gradebook'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SchoolParams = z.object({ schoolId: Uuid });
/** A class's score sheet is a few dozen kilobytes; anything much larger is not one. */
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const ClassParams = z.object({ schoolId: Uuid, classId: Uuid });

function attachment(reply: FastifyReply, fileName: string) {
  reply
    .header('content-type', XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store');
}

/** Sổ điểm điện tử. Thin: parse with the contract, call the service (which checks access). */
export const gradebookRoutesWith: FastifyPluginAsyncZod<{ gradebook: GradebookService }> = async (
  app,
  { gradebook },
) => {
  app.get(
    '/api/schools/:schoolId/gradebook/classes/:classId',
    {
      schema: {
        tags,
        summary: 'Sổ điểm của lớp: các môn, trạng thái khoá sổ, lịch sử mở khoá',
        params: ClassParams,
        response: { 200: GradebookClass },
      },
    },
    async (req) => gradebook.classOverview(requireActor(req), req.params.schoolId, req.params.classId),
  );

  app.get(
    '/api/schools/:schoolId/gradebook/grid',
    {
      schema: {
        tags,
        summary: 'Bảng điểm một môn, một học kì của lớp (cột theo số tiết, học sinh theo thứ tự tên)',
        params: SchoolParams,
        querystring: GradeGridQuery,
        response: { 200: GradeGrid },
      },
    },
    async (req) => gradebook.grid(requireActor(req), req.params.schoolId, req.query),
  );

  app.put(
    '/api/schools/:schoolId/gradebook/grid',
    {
      schema: {
        tags,
        summary: 'Lưu các ô điểm (tất cả hoặc không gì)',
        description:
          'Each change carries the value the client last saw (`expected`). Invalid cells: 400 VALIDATION_FAILED ' +
          'with details.errors [{ row: studentId, slot, code, message }]; locked term: 409 TERM_LOCKED; a cell ' +
          'changed meanwhile: 409 GRADE_CONFLICT. Every changed cell is audited with its before and after values.',
        params: SchoolParams,
        body: GradeGridSaveBody,
        response: { 200: GradeGridSaveResult },
      },
    },
    async (req) => gradebook.saveGrid(requireActor(req), req.params.schoolId, req.body),
  );

  app.post(
    '/api/schools/:schoolId/gradebook/grid/publish',
    {
      schema: {
        tags,
        summary: 'Công bố (hoặc thu hồi) điểm một môn một học kì cho phụ huynh, học sinh',
        params: SchoolParams,
        body: GradePublishBody,
        response: { 200: GradePublishResult },
      },
    },
    async (req) => gradebook.publish(requireActor(req), req.params.schoolId, req.body),
  );

  app.get(
    '/api/schools/:schoolId/gradebook/grid/template.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải mẫu nhập điểm Excel của một môn, một học kì',
        params: SchoolParams,
        querystring: GradeGridQuery,
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await gradebook.exportGrid(
        requireActor(req),
        req.params.schoolId,
        req.query,
        true,
      );
      attachment(reply, fileName);
      return reply.send(buffer);
    },
  );

  app.get(
    '/api/schools/:schoolId/gradebook/grid/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất sổ điểm một môn, một học kì ra Excel (nhập lại được)',
        params: SchoolParams,
        querystring: GradeGridQuery,
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await gradebook.exportGrid(
        requireActor(req),
        req.params.schoolId,
        req.query,
        false,
      );
      attachment(reply, fileName);
      return reply.send(buffer);
    },
  );

  app.post(
    '/api/schools/:schoolId/gradebook/grid/import',
    {
      schema: {
        tags,
        summary: 'Nhập điểm từ tệp Excel (kiểm tra trước; có lỗi thì không ghi gì)',
        description: 'multipart/form-data with one .xlsx file; dryRun=true only validates.',
        consumes: ['multipart/form-data'],
        params: SchoolParams,
        querystring: GradeImportQuery,
        response: { 200: GradeImportReport },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', 'Hãy gửi tệp Excel dạng multipart/form-data');
      const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
      if (!part) throw new AppError('BAD_REQUEST', 'Chưa chọn tệp Excel để tải lên');
      const buffer = await part.toBuffer();
      return gradebook.importGrid(actor, req.params.schoolId, req.query, buffer);
    },
  );

  app.get(
    '/api/schools/:schoolId/gradebook/classes/:classId/summary',
    {
      schema: {
        tags,
        summary: 'Tổng hợp kết quả của lớp: điểm trung bình các môn, học tập, rèn luyện, lên lớp',
        params: ClassParams,
        querystring: ClassSummaryQuery,
        response: { 200: ClassSummary },
      },
    },
    async (req) =>
      gradebook.summary(requireActor(req), req.params.schoolId, req.params.classId, req.query.period),
  );

  app.get(
    '/api/schools/:schoolId/gradebook/classes/:classId/conduct',
    {
      schema: {
        tags,
        summary: 'Đánh giá rèn luyện (THCS) / phẩm chất, năng lực (tiểu học) của lớp trong một học kì',
        params: ClassParams,
        querystring: ConductQuery,
        response: { 200: ConductSheet },
      },
    },
    async (req) =>
      gradebook.conductSheet(requireActor(req), req.params.schoolId, req.params.classId, req.query.termNo),
  );

  app.put(
    '/api/schools/:schoolId/gradebook/classes/:classId/conduct',
    {
      schema: {
        tags,
        summary: 'Lưu đánh giá rèn luyện / phẩm chất, năng lực (giáo viên chủ nhiệm)',
        params: ClassParams,
        body: ConductSaveBody,
        response: { 200: ConductSheet },
      },
    },
    async (req) =>
      gradebook.saveConduct(requireActor(req), req.params.schoolId, req.params.classId, req.body),
  );

  app.post(
    '/api/schools/:schoolId/gradebook/classes/:classId/lock',
    {
      schema: {
        tags,
        summary: 'Duyệt và khoá sổ điểm một học kì của lớp (hiệu trưởng)',
        params: ClassParams,
        body: TermLockBody,
        response: { 200: GradebookClass },
      },
    },
    async (req) =>
      gradebook.lock(requireActor(req), req.params.schoolId, req.params.classId, req.body.termNo),
  );

  app.post(
    '/api/schools/:schoolId/gradebook/classes/:classId/unlock',
    {
      schema: {
        tags,
        summary: 'Mở khoá sổ điểm một học kì của lớp, có ghi lý do (hiệu trưởng)',
        params: ClassParams,
        body: TermUnlockBody,
        response: { 200: GradebookClass },
      },
    },
    async (req) =>
      gradebook.unlock(
        requireActor(req),
        req.params.schoolId,
        req.params.classId,
        req.body.termNo,
        req.body.reason,
      ),
  );

  app.post(
    '/api/schools/:schoolId/gradebook/unlock-requests',
    {
      schema: {
        tags,
        summary: 'Đề nghị hiệu trưởng mở khoá sổ điểm một môn, một học kì đã khoá (giáo viên bộ môn)',
        description:
          'Only for a locked term (409 TERM_NOT_LOCKED otherwise), by a teacher assigned to the class-subject. ' +
          "A new request replaces the requester's pending one for the same class, subject and term.",
        params: SchoolParams,
        body: UnlockRequestCreateBody,
        response: { 201: UnlockRequest },
      },
    },
    async (req, reply) => {
      const created = await gradebook.requestUnlock(requireActor(req), req.params.schoolId, req.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/schools/:schoolId/gradebook/unlock-requests',
    {
      schema: {
        tags,
        summary: 'Các đề nghị mở khoá sổ điểm của trường (hiệu trưởng: tất cả; giáo viên: của mình)',
        params: SchoolParams,
        querystring: UnlockRequestListQuery,
        response: { 200: UnlockRequestList },
      },
    },
    async (req) => gradebook.unlockRequests(requireActor(req), req.params.schoolId, req.query),
  );

  app.post(
    '/api/schools/:schoolId/gradebook/unlock-requests/:id/approve',
    {
      schema: {
        tags,
        summary: 'Duyệt đề nghị: mở khoá học kì với lý do của đề nghị (hiệu trưởng)',
        params: z.object({ schoolId: Uuid, id: Uuid }),
        body: UnlockRequestApproveBody,
        response: { 200: UnlockRequest },
      },
    },
    async (req) =>
      gradebook.decideUnlockRequest(requireActor(req), req.params.schoolId, req.params.id, {
        approve: true,
        note: req.body.note,
      }),
  );

  app.post(
    '/api/schools/:schoolId/gradebook/unlock-requests/:id/reject',
    {
      schema: {
        tags,
        summary: 'Từ chối đề nghị mở khoá, có ghi lý do (hiệu trưởng); sổ điểm vẫn khoá',
        params: z.object({ schoolId: Uuid, id: Uuid }),
        body: UnlockRequestRejectBody,
        response: { 200: UnlockRequest },
      },
    },
    async (req) =>
      gradebook.decideUnlockRequest(requireActor(req), req.params.schoolId, req.params.id, {
        approve: false,
        reason: req.body.reason,
      }),
  );

  app.post(
    '/api/schools/:schoolId/gradebook/compute',
    {
      schema: {
        tags,
        summary: 'Tổng kết: tính lại kết quả học kì, cả năm của một lớp hoặc cả trường',
        params: SchoolParams,
        body: GradeComputeBody,
        response: { 200: GradeComputeResult },
      },
    },
    async (req) => gradebook.compute(requireActor(req), req.params.schoolId, req.body),
  );

  app.get(
    '/api/schools/:schoolId/students/:id/report',
    {
      schema: {
        tags,
        summary: 'Kết quả học tập của học sinh (phụ huynh, học sinh: dữ liệu đã công bố)',
        params: z.object({ schoolId: Uuid, id: Uuid }),
        querystring: StudentReportQuery,
        response: { 200: StudentReport },
      },
    },
    async (req) =>
      gradebook.report(requireActor(req), req.params.schoolId, req.params.id, req.query.schoolYearId),
  );
};
