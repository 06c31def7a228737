import {
  Guardian,
  GuardianCreateBody,
  GuardianLinkBody,
  GuardianListQuery,
  GuardianUpdateBody,
  paged,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { GuardiansService } from './guardians.service';

export type GuardiansRouteDeps = { guardians: GuardiansService };

const tags = ['guardians'];
const SchoolParams = z.object({ schoolId: Uuid });
const SchoolItemParams = z.object({ schoolId: Uuid, id: Uuid });

/** Cha mẹ / người giám hộ. */
export const guardiansRoutes: FastifyPluginAsyncZod<GuardiansRouteDeps> = async (app, deps) => {
  app.get(
    '/api/guardians',
    {
      schema: {
        tags,
        summary: 'Danh sách cha mẹ / người giám hộ',
        querystring: GuardianListQuery,
        response: { 200: paged(Guardian) },
      },
    },
    async (req) => ({
      ...(await deps.guardians.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/schools/:schoolId/guardians/:id',
    {
      schema: {
        tags,
        summary: 'Thông tin cha mẹ / người giám hộ',
        params: SchoolItemParams,
        response: { 200: Guardian },
      },
    },
    async (req) => deps.guardians.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/guardians',
    {
      schema: {
        tags,
        summary: 'Thêm cha mẹ / người giám hộ cho học sinh (trùng số điện thoại: liên kết người đã có)',
        params: SchoolParams,
        body: GuardianCreateBody,
        response: { 200: Guardian, 201: Guardian },
      },
    },
    async (req, reply) => {
      const { created, guardian } = await deps.guardians.create(
        requireActor(req),
        req.params.schoolId,
        req.body,
      );
      return reply.status(created ? 201 : 200).send(guardian);
    },
  );
  app.patch(
    '/api/schools/:schoolId/guardians/:id',
    {
      schema: {
        tags,
        summary: 'Sửa thông tin cha mẹ / người giám hộ',
        params: SchoolItemParams,
        body: GuardianUpdateBody,
        response: { 200: Guardian },
      },
    },
    async (req) => deps.guardians.update(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.post(
    '/api/schools/:schoolId/guardians/:id/links',
    {
      schema: {
        tags,
        summary: 'Liên kết với học sinh (hoặc sửa quan hệ)',
        params: SchoolItemParams,
        body: GuardianLinkBody,
        response: { 200: Guardian },
      },
    },
    async (req) => deps.guardians.link(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.delete(
    '/api/schools/:schoolId/guardians/:id/links/:studentId',
    {
      schema: {
        tags,
        summary: 'Bỏ liên kết với học sinh',
        params: SchoolItemParams.extend({ studentId: Uuid }),
        response: { 200: Guardian },
      },
    },
    async (req) =>
      deps.guardians.unlink(requireActor(req), req.params.schoolId, req.params.id, req.params.studentId),
  );
};
