import {
  AnonymiseBody,
  AnonymiseResult,
  ConsentBody,
  PersonalDataExport,
  StudentConsents,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { PrivacyService } from './privacy.service';

const Params = z.object({ schoolId: Uuid, id: Uuid });
const tags = ['privacy'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const privacyRoutesWith: FastifyPluginAsyncZod<{ privacy: PrivacyService }> = async (
  app,
  { privacy },
) => {
  app.get(
    '/api/schools/:schoolId/students/:id/personal-data',
    {
      schema: {
        tags,
        summary: 'Xuất toàn bộ dữ liệu cá nhân của học sinh (JSON): quản trị trường hoặc phụ huynh của em',
        params: Params,
        response: { 200: PersonalDataExport },
      },
    },
    async (req) => privacy.exportJson(requireActor(req), req.params.schoolId, req.params.id),
  );

  app.get(
    '/api/schools/:schoolId/students/:id/personal-data.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất toàn bộ dữ liệu cá nhân của học sinh (Excel dễ đọc)',
        params: Params,
      },
    },
    async (req, reply) => {
      const { file, name } = await privacy.exportXlsx(requireActor(req), req.params.schoolId, req.params.id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"`)
        .send(file);
    },
  );

  app.post(
    '/api/schools/:schoolId/students/:id/anonymise',
    {
      schema: {
        tags,
        summary: 'Ẩn danh dữ liệu không thuộc hồ sơ lưu trữ của học sinh đã rời trường',
        params: Params,
        body: AnonymiseBody,
        response: { 200: AnonymiseResult },
      },
    },
    async (req) => privacy.anonymise(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );

  app.get(
    '/api/schools/:schoolId/students/:id/consents',
    {
      schema: {
        tags,
        summary: 'Đồng ý xử lý dữ liệu tùy chọn của học sinh (hiện tại và lịch sử)',
        params: Params,
        response: { 200: StudentConsents },
      },
    },
    async (req) => privacy.consents(requireActor(req), req.params.schoolId, req.params.id),
  );

  app.post(
    '/api/schools/:schoolId/students/:id/consents',
    {
      schema: {
        tags,
        summary: 'Ghi nhận đồng ý hoặc rút lại đồng ý (phụ huynh trực tuyến, hoặc trường theo phiếu giấy)',
        params: Params,
        body: ConsentBody,
        response: { 201: z.object({ id: Uuid }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await privacy.recordConsent(requireActor(req), req.params.schoolId, req.params.id, req.body)),
  );
};
