import {
  DashboardQuery,
  OpsConfig,
  OpsDashboard,
  PlanCreateBody,
  PlanDetail,
  PlanListQuery,
  PlanSummary,
  PlanUpdateBody,
  paged,
  RefreshBody,
  RefreshResult,
  TargetCreateBody,
  TargetHistory,
  TargetHistoryQuery,
  TargetProgress,
  TargetRecord,
  TargetRecordsQuery,
  TargetReport,
  TargetReportBody,
  TargetSchools,
  TargetUpdateBody,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { DashboardService } from './dashboard.service';
import type { TargetsService } from './targets.service';

export type OperationsRouteDeps = {
  targets: TargetsService;
  dashboard: DashboardService;
  map: { tileUrl: string | null; tileAttribution: string | null };
};

const PlanParams = z.object({ planId: Uuid });
const TargetParams = z.object({ planId: Uuid, targetId: Uuid });
const SchoolParams = z.object({ schoolId: Uuid });
const tags = ['operations'];

/** Plans, targets, dashboards: thin handlers over the services. */
export const operationsRoutes: FastifyPluginAsyncZod<OperationsRouteDeps> = async (app, deps) => {
  app.get(
    '/api/operations/config',
    { schema: { tags, summary: 'Cấu hình bản đồ của trung tâm điều hành', response: { 200: OpsConfig } } },
    async (req) => {
      requireActor(req);
      return deps.map;
    },
  );

  app.get(
    '/api/operations/dashboard',
    {
      schema: {
        tags,
        summary: 'Bảng điều hành của Sở/Phòng (cây đơn vị)',
        querystring: DashboardQuery,
        response: { 200: OpsDashboard },
      },
    },
    async (req) => deps.dashboard.department(requireActor(req), req.query.unitId),
  );
  app.get(
    '/api/schools/:schoolId/operations/dashboard',
    {
      schema: {
        tags,
        summary: 'Bảng điều hành của một trường',
        params: SchoolParams,
        response: { 200: OpsDashboard },
      },
    },
    async (req) => deps.dashboard.school(requireActor(req), req.params.schoolId),
  );
  app.post(
    '/api/operations/refresh',
    {
      schema: {
        tags,
        summary: 'Cập nhật ngay số liệu tổng hợp (rollup) của các trường trong phạm vi',
        body: RefreshBody,
        response: { 200: RefreshResult },
      },
    },
    async (req) => deps.dashboard.refresh(requireActor(req), req.body.unitId),
  );

  // ---- plans
  app.get(
    '/api/operations/plans',
    {
      schema: {
        tags,
        summary: 'Danh sách kế hoạch',
        querystring: PlanListQuery,
        response: { 200: paged(PlanSummary) },
      },
    },
    async (req) => ({
      ...(await deps.targets.listPlans(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.post(
    '/api/operations/plans',
    { schema: { tags, summary: 'Thêm kế hoạch', body: PlanCreateBody, response: { 201: PlanDetail } } },
    async (req, reply) => reply.status(201).send(await deps.targets.createPlan(requireActor(req), req.body)),
  );
  app.get(
    '/api/operations/plans/:planId',
    {
      schema: {
        tags,
        summary: 'Kế hoạch: căn cứ, mục tiêu, chỉ tiêu và tiến độ',
        params: PlanParams,
        response: { 200: PlanDetail },
      },
    },
    async (req) => deps.targets.planDetail(requireActor(req), req.params.planId),
  );
  app.patch(
    '/api/operations/plans/:planId',
    {
      schema: {
        tags,
        summary: 'Sửa kế hoạch',
        params: PlanParams,
        body: PlanUpdateBody,
        response: { 200: PlanDetail },
      },
    },
    async (req) => deps.targets.updatePlan(requireActor(req), req.params.planId, req.body),
  );

  // ---- targets
  app.post(
    '/api/operations/plans/:planId/targets',
    {
      schema: {
        tags,
        summary: 'Thêm chỉ tiêu',
        params: PlanParams,
        body: TargetCreateBody,
        response: { 201: TargetProgress },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.targets.createTarget(requireActor(req), req.params.planId, req.body)),
  );
  app.patch(
    '/api/operations/plans/:planId/targets/:targetId',
    {
      schema: {
        tags,
        summary: 'Sửa chỉ tiêu',
        params: TargetParams,
        body: TargetUpdateBody,
        response: { 200: TargetProgress },
      },
    },
    async (req) =>
      deps.targets.updateTarget(requireActor(req), req.params.planId, req.params.targetId, req.body),
  );
  app.get(
    '/api/operations/plans/:planId/targets/:targetId/schools',
    {
      schema: {
        tags,
        summary: 'Tiến độ chỉ tiêu theo từng trường',
        params: TargetParams,
        response: { 200: TargetSchools },
      },
    },
    async (req) => deps.targets.targetSchools(requireActor(req), req.params.planId, req.params.targetId),
  );
  app.get(
    '/api/operations/plans/:planId/targets/:targetId/records',
    {
      schema: {
        tags,
        summary: 'Học sinh (lớp, phòng, giáo viên) đứng sau số liệu của chỉ tiêu',
        params: TargetParams,
        querystring: TargetRecordsQuery,
        response: { 200: paged(TargetRecord) },
      },
    },
    async (req) => ({
      ...(await deps.targets.targetRecords(
        requireActor(req),
        req.params.planId,
        req.params.targetId,
        req.query,
      )),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/operations/plans/:planId/targets/:targetId/history',
    {
      schema: {
        tags,
        summary: 'Diễn biến chỉ tiêu theo thời gian',
        params: TargetParams,
        querystring: TargetHistoryQuery,
        response: { 200: TargetHistory },
      },
    },
    async (req) =>
      deps.targets.history(requireActor(req), req.params.planId, req.params.targetId, req.query.schoolId),
  );
  app.post(
    '/api/schools/:schoolId/operations/target-reports',
    {
      schema: {
        tags,
        summary: 'Trường báo cáo chỉ tiêu, kèm minh chứng',
        params: SchoolParams,
        body: TargetReportBody,
        response: { 201: TargetReport },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.targets.report(requireActor(req), req.params.schoolId, req.body)),
  );
};
