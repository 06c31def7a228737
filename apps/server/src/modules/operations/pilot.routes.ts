import {
  BudgetLine,
  BudgetLineCreateBody,
  Commendation,
  CommendationCreateBody,
  CommendationListQuery,
  Contribution,
  ContributionCreateBody,
  ContributionListQuery,
  Equipment,
  EquipmentCreateBody,
  EquipmentListQuery,
  EquipmentUpdateBody,
  Inspection,
  InspectionCreateBody,
  InspectionListQuery,
  PlanBudget,
  paged,
  RoomCreateBody,
  RoomListQuery,
  SmartRoom,
  Spending,
  SpendingCreateBody,
  UsageCreateBody,
  UsageListQuery,
  UsageLog,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { PilotService } from './pilot.service';

const PlanParams = z.object({ planId: Uuid });
const SchoolParams = z.object({ schoolId: Uuid });
const SchoolItemParams = z.object({ schoolId: Uuid, id: Uuid });
const tags = ['operations'];
const withPage = <T extends object>(result: T, q: { page: number; pageSize: number }) => ({
  ...result,
  page: q.page,
  pageSize: q.pageSize,
});

/** The smart-classroom pilot's routes: thin handlers over the pilot service. */
export const pilotRoutes: FastifyPluginAsyncZod<{ pilot: PilotService }> = async (app, { pilot }) => {
  app.get(
    '/api/operations/rooms',
    {
      schema: {
        tags,
        summary: 'Phòng học thông minh',
        querystring: RoomListQuery,
        response: { 200: paged(SmartRoom) },
      },
    },
    async (req) => withPage(await pilot.listRooms(requireActor(req), req.query), req.query),
  );
  app.post(
    '/api/schools/:schoolId/operations/rooms',
    {
      schema: {
        tags,
        summary: 'Thêm phòng học thông minh',
        params: SchoolParams,
        body: RoomCreateBody,
        response: { 201: SmartRoom },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await pilot.createRoom(requireActor(req), req.params.schoolId, req.body)),
  );

  app.get(
    '/api/operations/equipment',
    {
      schema: {
        tags,
        summary: 'Thiết bị',
        querystring: EquipmentListQuery,
        response: { 200: paged(Equipment) },
      },
    },
    async (req) => withPage(await pilot.listEquipment(requireActor(req), req.query), req.query),
  );
  app.post(
    '/api/schools/:schoolId/operations/equipment',
    {
      schema: {
        tags,
        summary: 'Thêm thiết bị',
        params: SchoolParams,
        body: EquipmentCreateBody,
        response: { 201: Equipment },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await pilot.createEquipment(requireActor(req), req.params.schoolId, req.body)),
  );
  app.patch(
    '/api/schools/:schoolId/operations/equipment/:id',
    {
      schema: {
        tags,
        summary: 'Cập nhật thiết bị (tình trạng)',
        params: SchoolItemParams,
        body: EquipmentUpdateBody,
        response: { 200: Equipment },
      },
    },
    async (req) => pilot.updateEquipment(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );

  app.get(
    '/api/operations/equipment-usage',
    {
      schema: {
        tags,
        summary: 'Nhật ký sử dụng thiết bị',
        querystring: UsageListQuery,
        response: { 200: paged(UsageLog) },
      },
    },
    async (req) => withPage(await pilot.listUsage(requireActor(req), req.query), req.query),
  );
  app.post(
    '/api/schools/:schoolId/operations/equipment-usage',
    {
      schema: {
        tags,
        summary: 'Ghi nhật ký sử dụng thiết bị',
        params: SchoolParams,
        body: UsageCreateBody,
        response: { 201: UsageLog },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await pilot.createUsage(requireActor(req), req.params.schoolId, req.body)),
  );

  app.get(
    '/api/operations/plans/:planId/budget',
    {
      schema: {
        tags,
        summary: 'Dự toán, chi và xã hội hoá của kế hoạch',
        params: PlanParams,
        response: { 200: PlanBudget },
      },
    },
    async (req) => pilot.budget(requireActor(req), req.params.planId),
  );
  app.post(
    '/api/operations/plans/:planId/budget-lines',
    {
      schema: {
        tags,
        summary: 'Thêm dòng dự toán',
        params: PlanParams,
        body: BudgetLineCreateBody,
        response: { 201: BudgetLine.omit({ spent: true, remaining: true }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await pilot.createBudgetLine(requireActor(req), req.params.planId, req.body)),
  );
  app.post(
    '/api/operations/plans/:planId/spending',
    {
      schema: {
        tags,
        summary: 'Ghi khoản chi theo dự toán',
        params: PlanParams,
        body: SpendingCreateBody,
        response: { 201: Spending.omit({ schoolName: true }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await pilot.createSpending(requireActor(req), req.params.planId, req.body)),
  );

  app.get(
    '/api/operations/contributions',
    {
      schema: {
        tags,
        summary: 'Đóng góp của cha mẹ học sinh, nhà tài trợ',
        querystring: ContributionListQuery,
        response: { 200: paged(Contribution) },
      },
    },
    async (req) => withPage(await pilot.listContributions(requireActor(req), req.query), req.query),
  );
  app.post(
    '/api/schools/:schoolId/operations/contributions',
    {
      schema: {
        tags,
        summary: 'Ghi nhận đóng góp',
        params: SchoolParams,
        body: ContributionCreateBody,
        response: { 201: Contribution },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await pilot.createContribution(requireActor(req), req.params.schoolId, req.body)),
  );

  app.get(
    '/api/operations/inspections',
    {
      schema: {
        tags,
        summary: 'Kiểm tra và kết luận',
        querystring: InspectionListQuery,
        response: { 200: paged(Inspection) },
      },
    },
    async (req) => withPage(await pilot.listInspections(requireActor(req), req.query), req.query),
  );
  app.post(
    '/api/operations/plans/:planId/inspections',
    {
      schema: {
        tags,
        summary: 'Ghi biên bản kiểm tra một trường',
        params: PlanParams,
        body: InspectionCreateBody,
        response: { 201: Inspection },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await pilot.createInspection(requireActor(req), req.params.planId, req.body)),
  );

  app.get(
    '/api/operations/commendations',
    {
      schema: {
        tags,
        summary: 'Khen thưởng',
        querystring: CommendationListQuery,
        response: { 200: paged(Commendation) },
      },
    },
    async (req) => withPage(await pilot.listCommendations(requireActor(req), req.query), req.query),
  );
  app.post(
    '/api/operations/plans/:planId/commendations',
    {
      schema: {
        tags,
        summary: 'Ghi nhận khen thưởng',
        params: PlanParams,
        body: CommendationCreateBody,
        response: { 201: Commendation },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await pilot.createCommendation(requireActor(req), req.params.planId, req.body)),
  );
};
