import {
  ScoreComparison,
  ScoreComparisonQuery,
  StatPeriodCreateBody,
  StatPeriodDetail,
  StatPeriodListQuery,
  StatPeriodSummary,
  StatReport,
  StatReviewBody,
  StatSubmission,
  StatSubmissionBody,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../plugins/auth';
import type { ScoresService } from './scores.service';
import { buildReportPdf, buildReportWorkbook, buildScoresWorkbook } from './statistics.export';
import type { StatisticsService } from './statistics.service';

export type StatisticsRouteDeps = { statistics: StatisticsService; scores: ScoresService };

const PeriodParams = z.object({ periodId: Uuid });
const SubmissionParams = z.object({ schoolId: Uuid, periodId: Uuid });
const tags = ['statistics'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const download = (reply: FastifyReply, type: string, fileName: string, body: Buffer) =>
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(body);
const fileStem = (r: StatReport) => `bao-cao-thong-ke-quy-${r.period.quarter}-${r.period.year}`;

/** Statistics forms, the quarterly report cycle and score comparisons: thin handlers over the services. */
export const statisticsRoutes: FastifyPluginAsyncZod<StatisticsRouteDeps> = async (
  app,
  { statistics, scores },
) => {
  app.get(
    '/api/statistics/periods',
    {
      schema: {
        tags,
        summary: 'Các kỳ báo cáo thống kê của một đơn vị',
        querystring: StatPeriodListQuery,
        response: { 200: z.array(StatPeriodSummary) },
      },
    },
    async (req) => statistics.listPeriods(requireActor(req), req.query.unitId),
  );
  app.post(
    '/api/statistics/periods',
    {
      schema: {
        tags,
        summary: 'Mở kỳ báo cáo thống kê quý (hạn 17:00 ngày 25 tháng cuối quý)',
        body: StatPeriodCreateBody,
        response: { 201: StatPeriodSummary },
      },
    },
    async (req, reply) => reply.status(201).send(await statistics.createPeriod(requireActor(req), req.body)),
  );
  app.get(
    '/api/statistics/periods/:periodId',
    {
      schema: {
        tags,
        summary: 'Tình hình nộp báo cáo của các trường',
        params: PeriodParams,
        response: { 200: StatPeriodDetail },
      },
    },
    async (req) => statistics.periodDetail(requireActor(req), req.params.periodId),
  );
  app.get(
    '/api/statistics/periods/:periodId/report',
    {
      schema: {
        tags,
        summary: 'Báo cáo tổng hợp của Phòng/Sở',
        params: PeriodParams,
        response: { 200: StatReport },
      },
    },
    async (req) => statistics.report(requireActor(req), req.params.periodId),
  );
  app.get(
    '/api/statistics/periods/:periodId/report.xlsx',
    { schema: { tags, summary: 'Báo cáo tổng hợp (Excel)', params: PeriodParams } },
    async (req, reply) => {
      const report = await statistics.report(requireActor(req), req.params.periodId);
      return download(reply, XLSX, `${fileStem(report)}.xlsx`, await buildReportWorkbook(report));
    },
  );
  app.get(
    '/api/statistics/periods/:periodId/report.pdf',
    { schema: { tags, summary: 'Báo cáo tổng hợp (PDF)', params: PeriodParams } },
    async (req, reply) => {
      const report = await statistics.report(requireActor(req), req.params.periodId);
      return download(reply, 'application/pdf', `${fileStem(report)}.pdf`, await buildReportPdf(report));
    },
  );

  app.get(
    '/api/schools/:schoolId/statistics/periods/:periodId',
    {
      schema: {
        tags,
        summary: 'Báo cáo thống kê của trường (điền sẵn từ CSDL)',
        params: SubmissionParams,
        response: { 200: StatSubmission },
      },
    },
    async (req) => statistics.submission(requireActor(req), req.params.schoolId, req.params.periodId),
  );
  app.put(
    '/api/schools/:schoolId/statistics/periods/:periodId',
    {
      schema: {
        tags,
        summary: 'Lưu nháp số liệu trường tự nhập',
        params: SubmissionParams,
        body: StatSubmissionBody,
        response: { 200: StatSubmission },
      },
    },
    async (req) => statistics.save(requireActor(req), req.params.schoolId, req.params.periodId, req.body),
  );
  app.post(
    '/api/schools/:schoolId/statistics/periods/:periodId/submit',
    {
      schema: {
        tags,
        summary: 'Nộp báo cáo thống kê (kiểm tra số liệu, đánh dấu nộp muộn)',
        params: SubmissionParams,
        body: StatSubmissionBody,
        response: { 200: StatSubmission },
      },
    },
    async (req) => statistics.submit(requireActor(req), req.params.schoolId, req.params.periodId, req.body),
  );
  app.post(
    '/api/schools/:schoolId/statistics/periods/:periodId/review',
    {
      schema: {
        tags,
        summary: 'Phòng/Sở duyệt hoặc trả lại báo cáo',
        params: SubmissionParams,
        body: StatReviewBody,
        response: { 200: StatSubmission },
      },
    },
    async (req) => statistics.review(requireActor(req), req.params.schoolId, req.params.periodId, req.body),
  );

  app.get(
    '/api/statistics/scores',
    {
      schema: {
        tags,
        summary: 'So sánh phổ điểm, điểm trung bình giữa các trường',
        querystring: ScoreComparisonQuery,
        response: { 200: ScoreComparison },
      },
    },
    async (req) => scores.compare(requireActor(req), req.query),
  );
  app.get(
    '/api/statistics/scores.xlsx',
    { schema: { tags, summary: 'So sánh điểm giữa các trường (Excel)', querystring: ScoreComparisonQuery } },
    async (req, reply) => {
      const c = await scores.compare(requireActor(req), req.query);
      return download(reply, XLSX, `so-sanh-diem-${c.source}.xlsx`, await buildScoresWorkbook(c));
    },
  );
};
