import {
  OkBody,
  paged,
  StaffCreateBody,
  StaffListQuery,
  StaffMember,
  StaffUpdateBody,
  TeachingAssignment,
  TeachingAssignmentBody,
  TeachingAssignmentListQuery,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { AssignmentsService, StaffService } from './staff.service';

export type StaffRouteDeps = { staff: StaffService; assignments: AssignmentsService };

const SchoolParams = z.object({ schoolId: Uuid });
const SchoolItemParams = z.object({ schoolId: Uuid, id: Uuid });

/** Cán bộ, giáo viên, nhân viên and phân công giảng dạy. */
export const staffRoutes: FastifyPluginAsyncZod<StaffRouteDeps> = async (app, deps) => {
  // ---- staff
  app.get(
    '/api/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Danh sách cán bộ, giáo viên, nhân viên',
        querystring: StaffListQuery,
        response: { 200: paged(StaffMember) },
      },
    },
    async (req) => ({
      ...(await deps.staff.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/schools/:schoolId/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Hồ sơ cán bộ',
        params: SchoolItemParams,
        response: { 200: StaffMember },
      },
    },
    async (req) => deps.staff.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Thêm cán bộ',
        params: SchoolParams,
        body: StaffCreateBody,
        response: { 201: StaffMember },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.staff.create(requireActor(req), req.params.schoolId, req.body)),
  );
  app.patch(
    '/api/schools/:schoolId/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Sửa hồ sơ cán bộ',
        params: SchoolItemParams,
        body: StaffUpdateBody,
        response: { 200: StaffMember },
      },
    },
    async (req) => deps.staff.update(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );

  // ---- teaching assignments (phân công giảng dạy)
  app.get(
    '/api/schools/:schoolId/assignments',
    {
      schema: {
        tags: ['assignments'],
        summary: 'Phân công giảng dạy',
        params: SchoolParams,
        querystring: TeachingAssignmentListQuery,
        response: { 200: z.array(TeachingAssignment) },
      },
    },
    async (req) => deps.assignments.list(requireActor(req), req.params.schoolId, req.query),
  );
  app.post(
    '/api/schools/:schoolId/assignments',
    {
      schema: {
        tags: ['assignments'],
        summary: 'Phân công giáo viên dạy môn ở lớp (đã có người dạy: chuyển sang giáo viên mới)',
        params: SchoolParams,
        body: TeachingAssignmentBody,
        response: { 200: TeachingAssignment, 201: TeachingAssignment },
      },
    },
    async (req, reply) => {
      const { created, assignment } = await deps.assignments.assign(
        requireActor(req),
        req.params.schoolId,
        req.body,
      );
      return reply.status(created ? 201 : 200).send(assignment);
    },
  );
  app.delete(
    '/api/schools/:schoolId/assignments/:id',
    {
      schema: {
        tags: ['assignments'],
        summary: 'Xoá phân công giảng dạy',
        params: SchoolItemParams,
        response: { 200: OkBody },
      },
    },
    async (req) => deps.assignments.remove(requireActor(req), req.params.schoolId, req.params.id),
  );
};
