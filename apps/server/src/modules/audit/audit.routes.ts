import { AuditEntry, AuditQuery, paged } from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../plugins/auth';
import type { AccessService } from '../access';
import type { AuditRepository } from './audit.repository';

export const auditRoutes: FastifyPluginAsyncZod<{
  database: Database;
  access: AccessService;
  audit: AuditRepository;
}> = async (app, { database, access, audit }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thao tác',
        querystring: AuditQuery,
        response: { 200: paged(AuditEntry) },
      },
    },
    async (req) => {
      const scope = await access.scope(requireActor(req), 'audit.read');
      const r = await audit.list(database.db, scope, req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
};
