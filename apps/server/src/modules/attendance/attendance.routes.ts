import {
  AbsenceReport,
  AttendanceClass,
  AttendanceClassQuery,
  ClassRoll,
  paged,
  ReportQuery,
  RollQuery,
  RollUpdateBody,
  StaffRoll,
  StaffRollQuery,
  StaffRollUpdateBody,
  StudentAttendance,
  StudentAttendanceQuery,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { AttendanceService } from './attendance.service';
import { buildReportWorkbook } from './attendance-report.xlsx';

const SchoolParams = z.object({ schoolId: Uuid });
const SchoolItemParams = z.object({ schoolId: Uuid, id: Uuid });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Điểm danh: the roll of a class (teachers, own classes), of the staff, the daily report, a student's history. */
export const attendanceRoutes: FastifyPluginAsyncZod<{ attendance: AttendanceService }> = async (
  app,
  { attendance },
) => {
  app.get(
    '/api/attendance/classes',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Lớp cần điểm danh trong ngày (giáo viên: lớp mình)',
        querystring: AttendanceClassQuery,
        response: { 200: paged(AttendanceClass) },
      },
    },
    async (req) => ({
      ...(await attendance.classes(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/schools/:schoolId/classes/:id/attendance',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Sổ điểm danh của lớp trong một ngày (và tiết)',
        params: SchoolItemParams,
        querystring: RollQuery,
        response: { 200: ClassRoll },
      },
    },
    async (req) => attendance.getRoll(requireActor(req), req.params.schoolId, req.params.id, req.query),
  );
  app.put(
    '/api/schools/:schoolId/classes/:id/attendance',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Điểm danh lớp (có mặt, vắng có phép, vắng không phép, đi muộn)',
        description:
          'Saves the roll for a day (period 0) or a lesson period. Each new unexcused absence emits ' +
          "'attendance.absence_recorded' after the commit (the contact book notifies the parents).",
        params: SchoolItemParams,
        body: RollUpdateBody,
        response: { 200: ClassRoll },
      },
    },
    async (req) => attendance.saveRoll(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.get(
    '/api/schools/:schoolId/staff-attendance',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Chấm công cán bộ, giáo viên, nhân viên trong ngày',
        params: SchoolParams,
        querystring: StaffRollQuery,
        response: { 200: StaffRoll },
      },
    },
    async (req) => attendance.getStaffRoll(requireActor(req), req.params.schoolId, req.query.date),
  );
  app.put(
    '/api/schools/:schoolId/staff-attendance',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Lưu chấm công cán bộ trong ngày',
        params: SchoolParams,
        body: StaffRollUpdateBody,
        response: { 200: StaffRoll },
      },
    },
    async (req) => attendance.saveStaffRoll(requireActor(req), req.params.schoolId, req.body),
  );
  app.get(
    '/api/schools/:schoolId/attendance/report',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Báo cáo vắng hằng ngày của trường',
        params: SchoolParams,
        querystring: ReportQuery,
        response: { 200: AbsenceReport },
      },
    },
    async (req) => attendance.report(requireActor(req), req.params.schoolId, req.query.date),
  );
  app.get(
    '/api/schools/:schoolId/attendance/report.xlsx',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Xuất báo cáo vắng hằng ngày ra Excel',
        params: SchoolParams,
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const report = await attendance.report(requireActor(req), req.params.schoolId, req.query.date);
      const fileName = `bao-cao-chuyen-can-${report.date}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(await buildReportWorkbook(report));
    },
  );
  app.get(
    '/api/schools/:schoolId/students/:id/attendance',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Chuyên cần của một học sinh (vắng, đi muộn, giờ đến/giờ về)',
        params: SchoolItemParams,
        querystring: StudentAttendanceQuery,
        response: { 200: StudentAttendance },
      },
    },
    async (req) =>
      attendance.studentHistory(requireActor(req), req.params.schoolId, req.params.id, req.query),
  );
};
