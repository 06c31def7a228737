import {
  ClassCreateBody,
  ClassItem,
  ClassListQuery,
  ClassUpdateBody,
  Ethnicity,
  paged,
  SchoolYear,
  Student,
  StudentCreateBody,
  StudentDetail,
  StudentListQuery,
  StudentTransferBody,
  StudentUpdateBody,
  Subject,
  Unit,
  UnitCreateBody,
  UnitListQuery,
  UnitTreeNode,
  UnitUpdateBody,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { ClassesService } from './classes.service';
import type { ReferenceService } from './reference.service';
import type { StudentsService } from './students.service';
import type { UnitsService } from './units.service';

export type RegistryRouteDeps = {
  units: UnitsService;
  reference: ReferenceService;
  classes: ClassesService;
  students: StudentsService;
};

const SchoolParams = z.object({ schoolId: Uuid });
const SchoolItemParams = z.object({ schoolId: Uuid, id: Uuid });

export const coreRegistryRoutes: FastifyPluginAsyncZod<RegistryRouteDeps> = async (app, deps) => {
  // ---- units
  app.get(
    '/api/units/tree',
    {
      schema: {
        tags: ['units'],
        summary: 'Cây đơn vị trong phạm vi',
        response: { 200: z.array(UnitTreeNode) },
      },
    },
    async (req) => deps.units.tree(requireActor(req)),
  );
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Danh sách đơn vị',
        querystring: UnitListQuery,
        response: { 200: paged(Unit) },
      },
    },
    async (req) => ({
      ...(await deps.units.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Chi tiết đơn vị',
        params: z.object({ id: Uuid }),
        response: { 200: Unit },
      },
    },
    async (req) => deps.units.get(requireActor(req), req.params.id),
  );
  app.post(
    '/api/units',
    { schema: { tags: ['units'], summary: 'Thêm đơn vị', body: UnitCreateBody, response: { 201: Unit } } },
    async (req, reply) => reply.status(201).send(await deps.units.create(requireActor(req), req.body)),
  );
  app.patch(
    '/api/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Sửa đơn vị',
        params: z.object({ id: Uuid }),
        body: UnitUpdateBody,
        response: { 200: Unit },
      },
    },
    async (req) => deps.units.update(requireActor(req), req.params.id, req.body),
  );

  // ---- reference data
  app.get(
    '/api/reference/school-years',
    { schema: { tags: ['reference'], summary: 'Năm học', response: { 200: z.array(SchoolYear) } } },
    async (req) => {
      requireActor(req);
      return deps.reference.schoolYears();
    },
  );
  app.get(
    '/api/reference/subjects',
    {
      schema: {
        tags: ['reference'],
        summary: 'Môn học (CT GDPT 2018)',
        querystring: z.object({ level: z.enum(['TH', 'THCS', 'THPT']).optional() }),
        response: { 200: z.array(Subject) },
      },
    },
    async (req) => {
      requireActor(req);
      return deps.reference.subjects(req.query.level);
    },
  );
  app.get(
    '/api/reference/ethnicities',
    {
      schema: { tags: ['reference'], summary: 'Danh mục 54 dân tộc', response: { 200: z.array(Ethnicity) } },
    },
    async (req) => {
      requireActor(req);
      return deps.reference.ethnicities();
    },
  );

  // ---- classes
  app.get(
    '/api/classes',
    {
      schema: {
        tags: ['classes'],
        summary: 'Danh sách lớp',
        querystring: ClassListQuery,
        response: { 200: paged(ClassItem) },
      },
    },
    async (req) => ({
      ...(await deps.classes.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/schools/:schoolId/classes/:id',
    {
      schema: {
        tags: ['classes'],
        summary: 'Chi tiết lớp',
        params: SchoolItemParams,
        response: { 200: ClassItem },
      },
    },
    async (req) => deps.classes.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/classes',
    {
      schema: {
        tags: ['classes'],
        summary: 'Thêm lớp',
        params: SchoolParams,
        body: ClassCreateBody,
        response: { 201: ClassItem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.classes.create(requireActor(req), req.params.schoolId, req.body)),
  );
  app.patch(
    '/api/schools/:schoolId/classes/:id',
    {
      schema: {
        tags: ['classes'],
        summary: 'Sửa lớp',
        params: SchoolItemParams,
        body: ClassUpdateBody,
        response: { 200: ClassItem },
      },
    },
    async (req) => deps.classes.update(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );

  // ---- students
  app.get(
    '/api/students',
    {
      schema: {
        tags: ['students'],
        summary: 'Danh sách học sinh',
        querystring: StudentListQuery,
        response: { 200: paged(Student) },
      },
    },
    async (req) => ({
      ...(await deps.students.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/schools/:schoolId/students/:id',
    {
      schema: {
        tags: ['students'],
        summary: 'Hồ sơ học sinh',
        params: SchoolItemParams,
        response: { 200: StudentDetail },
      },
    },
    async (req) => deps.students.get(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/students',
    {
      schema: {
        tags: ['students'],
        summary: 'Thêm học sinh',
        params: SchoolParams,
        body: StudentCreateBody,
        response: { 201: Student },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await deps.students.create(requireActor(req), req.params.schoolId, req.body)),
  );
  app.patch(
    '/api/schools/:schoolId/students/:id',
    {
      schema: {
        tags: ['students'],
        summary: 'Sửa hồ sơ học sinh',
        params: SchoolItemParams,
        body: StudentUpdateBody,
        response: { 200: Student },
      },
    },
    async (req) => deps.students.update(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.post(
    '/api/schools/:schoolId/students/:id/transfer',
    {
      schema: {
        tags: ['students'],
        summary: 'Chuyển lớp / chuyển trường',
        params: SchoolItemParams,
        body: StudentTransferBody,
        response: { 200: Student },
      },
    },
    async (req) => deps.students.transfer(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
};
