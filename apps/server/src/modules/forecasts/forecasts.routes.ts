import {
  BirthsBody,
  BirthsList,
  BirthsQuery,
  EnrolmentHistory,
  EnrolmentHistoryBody,
  ForecastQuery,
  ForecastRefreshBody,
  ForecastRefreshResult,
  ForecastReport,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { ForecastsService } from './forecasts.service';
import { buildForecastWorkbook } from './forecasts.xlsx';

const SchoolParams = z.object({ schoolId: Uuid });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['forecasts'];

/** Dự báo quy mô học sinh, lớp, giáo viên; số trẻ sinh; sĩ số các năm trước. */
export const forecastsRoutes: FastifyPluginAsyncZod<{ forecasts: ForecastsService }> = async (
  app,
  { forecasts },
) => {
  app.get(
    '/api/forecasts',
    {
      schema: {
        tags,
        summary: 'Dự báo quy mô học sinh 5 và 10 năm, số lớp, giáo viên theo định mức và thừa/thiếu theo môn',
        querystring: ForecastQuery,
        response: { 200: ForecastReport },
      },
    },
    async (req) => forecasts.forecast(requireActor(req), req.query),
  );
  app.get(
    '/api/forecasts/export.xlsx',
    { schema: { tags, summary: 'Xuất dự báo ra Excel', querystring: ForecastQuery } },
    async (req, reply) => {
      const report = await forecasts.forecast(requireActor(req), req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="du-bao-quy-mo-${report.baseYear ?? ''}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(await buildForecastWorkbook(report));
    },
  );
  app.get(
    '/api/forecasts/births',
    {
      schema: {
        tags,
        summary: 'Số trẻ sinh theo năm và xã/phường (nhập bởi Phòng/Sở)',
        querystring: BirthsQuery,
        response: { 200: BirthsList },
      },
    },
    async (req) => forecasts.births(requireActor(req), req.query.unitId),
  );
  app.post(
    '/api/forecasts/births',
    {
      schema: { tags, summary: 'Nhập/cập nhật số trẻ sinh', body: BirthsBody, response: { 200: BirthsList } },
    },
    async (req) => forecasts.saveBirths(requireActor(req), req.body.unitId, req.body.rows),
  );
  app.post(
    '/api/forecasts/refresh',
    {
      schema: {
        tags,
        summary: 'Tổng hợp lại sĩ số theo khối từ sổ đăng bộ',
        body: ForecastRefreshBody,
        response: { 200: ForecastRefreshResult },
      },
    },
    async (req) => forecasts.refresh(requireActor(req), req.body.unitId),
  );
  app.get(
    '/api/schools/:schoolId/forecasts/enrolment-history',
    {
      schema: {
        tags,
        summary: 'Sĩ số theo khối của các năm học',
        params: SchoolParams,
        response: { 200: EnrolmentHistory },
      },
    },
    async (req) => forecasts.history(requireActor(req), req.params.schoolId),
  );
  app.post(
    '/api/schools/:schoolId/forecasts/enrolment-history',
    {
      schema: {
        tags,
        summary: 'Nhập sĩ số theo khối của năm học không có trong sổ đăng bộ',
        params: SchoolParams,
        body: EnrolmentHistoryBody,
        response: { 200: EnrolmentHistory },
      },
    },
    async (req) => forecasts.saveHistory(requireActor(req), req.params.schoolId, req.body.rows),
  );
};
