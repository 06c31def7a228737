import {
  Device,
  DeviceCommandItem,
  DeviceCreateBody,
  DeviceCreated,
  DeviceListQuery,
  DeviceUpdateBody,
  DeviceUser,
  DeviceUserBody,
  DeviceUserListQuery,
  OkBody,
  paged,
  SyncUsersBody,
  SyncUsersResult,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { DevicesService } from './devices.service';

const SchoolParams = z.object({ schoolId: Uuid });
const SchoolItemParams = z.object({ schoolId: Uuid, id: Uuid });

/**
 * Managing attendance terminals (devices.manage). Deliberately not under /api/devices/, which is the public,
 * session-less prefix of the terminals themselves.
 */
export const devicesRoutes: FastifyPluginAsyncZod<{ devices: DevicesService }> = async (app, { devices }) => {
  app.get(
    '/api/attendance-devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Danh sách máy chấm công (kể cả máy mới kết nối chờ nhận)',
        querystring: DeviceListQuery,
        response: { 200: paged(Device) },
      },
    },
    async (req) => ({
      ...(await devices.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.post(
    '/api/schools/:schoolId/attendance-devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Đăng ký máy chấm công, hoặc nhận máy đang chờ theo số sê-ri',
        description: 'A webhook device gets its secret in this reply only.',
        params: SchoolParams,
        body: DeviceCreateBody,
        response: { 201: DeviceCreated },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await devices.create(requireActor(req), req.params.schoolId, req.body)),
  );
  app.patch(
    '/api/schools/:schoolId/attendance-devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Sửa, kích hoạt hoặc ngừng máy chấm công',
        params: SchoolItemParams,
        body: DeviceUpdateBody,
        response: { 200: Device },
      },
    },
    async (req) => devices.update(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.get(
    '/api/schools/:schoolId/attendance-devices/:id/commands',
    {
      schema: {
        tags: ['devices'],
        summary: 'Lệnh đã gửi xuống máy chấm công',
        params: SchoolItemParams,
        response: { 200: z.array(DeviceCommandItem) },
      },
    },
    async (req) => devices.commands(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/attendance-devices/:id/sync-users',
    {
      schema: {
        tags: ['devices'],
        summary: 'Gửi danh sách người dùng (mã chấm công, họ tên) xuống máy',
        params: SchoolItemParams,
        body: SyncUsersBody,
        response: { 200: SyncUsersResult },
      },
    },
    async (req) => devices.syncUsers(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.get(
    '/api/schools/:schoolId/device-users',
    {
      schema: {
        tags: ['devices'],
        summary: 'Mã chấm công (PIN) của học sinh, cán bộ',
        params: SchoolParams,
        querystring: DeviceUserListQuery,
        response: { 200: paged(DeviceUser) },
      },
    },
    async (req) => ({
      ...(await devices.listUsers(requireActor(req), req.params.schoolId, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.post(
    '/api/schools/:schoolId/device-users',
    {
      schema: {
        tags: ['devices'],
        summary: 'Gán mã chấm công cho học sinh hoặc cán bộ',
        params: SchoolParams,
        body: DeviceUserBody,
        response: { 200: DeviceUser },
      },
    },
    async (req) => devices.mapUser(requireActor(req), req.params.schoolId, req.body),
  );
  app.delete(
    '/api/schools/:schoolId/device-users/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Bỏ mã chấm công',
        params: SchoolItemParams,
        response: { 200: OkBody },
      },
    },
    async (req) => devices.unmapUser(requireActor(req), req.params.schoolId, req.params.id),
  );
};
