import {
  AnalysisQuery,
  AttemptDetail,
  AttemptState,
  Exam,
  ExamAnalysis,
  ExamCreateBody,
  ExamListQuery,
  ExamSession,
  ExamUpdateBody,
  FocusEventsBody,
  FocusEventsResult,
  GradeEssayBody,
  MyExam,
  ProctorQuery,
  ProctorView,
  paged,
  ReleaseBody,
  ResultListQuery,
  ResultRow,
  SaveAnswersBody,
  SaveAnswersResult,
  StudentExamResult,
  SubmitResult,
  Uuid,
} from '@smartedu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireSessionProof } from '../../plugins/auth';
import { renderExamWorkbook } from './exams.export';
import type { ExamsService } from './exams.service';

const ExamParams = z.object({ id: Uuid });
const AttemptParams = z.object({ schoolId: Uuid, id: Uuid });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['exams'];

/** Kỳ thi trực tuyến: thin routes over the exams service. */
export const examRoutesWith: FastifyPluginAsyncZod<{ exams: ExamsService }> = async (app, { exams }) => {
  // ---- scheduling (giáo viên, nhà trường, Phòng/Sở)
  app.get(
    '/api/exams',
    {
      schema: {
        tags,
        summary: 'Danh sách kỳ thi',
        querystring: ExamListQuery,
        response: { 200: paged(Exam) },
      },
    },
    async (req) => ({
      ...(await exams.list(requireActor(req), req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.post(
    '/api/exams',
    { schema: { tags, summary: 'Lên lịch kỳ thi', body: ExamCreateBody, response: { 201: Exam } } },
    async (req, reply) => reply.status(201).send(await exams.create(requireActor(req), req.body)),
  );
  app.get(
    '/api/exams/mine',
    { schema: { tags, summary: 'Kỳ thi của em (học sinh)', response: { 200: z.array(MyExam) } } },
    async (req) => exams.mine(requireActor(req)),
  );
  app.get(
    '/api/exams/:id',
    { schema: { tags, summary: 'Chi tiết kỳ thi', params: ExamParams, response: { 200: Exam } } },
    async (req) => exams.get(requireActor(req), req.params.id),
  );
  app.patch(
    '/api/exams/:id',
    {
      schema: {
        tags,
        summary: 'Sửa kỳ thi (thời gian chỉ trước giờ mở)',
        params: ExamParams,
        body: ExamUpdateBody,
        response: { 200: Exam },
      },
    },
    async (req) => exams.update(requireActor(req), req.params.id, req.body),
  );

  // ---- taking the exam (học sinh)
  app.post(
    '/api/exams/:id/attempts',
    {
      schema: {
        tags,
        summary: 'Bắt đầu hoặc tiếp tục làm bài',
        description:
          "Returns the version's questions without keys, the saved answers, the server deadline and the server time. Idempotent: a second call resumes.",
        params: ExamParams,
        response: { 200: ExamSession },
      },
    },
    async (req) => exams.start(requireActor(req), req.params.id),
  );
  // Autosave and focus events: authenticated by the ordinary session (cookie and X-CSRF-Token), checked inside
  // the one statement that stores them (`sessionInStatement`, see plugins/auth and the service) instead of a
  // session lookup per request.
  app.post(
    '/api/schools/:schoolId/exam-attempts/:id/answers',
    {
      config: { sessionInStatement: true },
      // A body that fails validation never reaches the save statement: the session is then checked the
      // ordinary way first (401/403 before 400), as on every other write.
      attachValidation: true,
      schema: {
        tags,
        summary: 'Lưu câu trả lời (tự động)',
        description:
          "The student's session (cookie and X-CSRF-Token). Stores each answer whose seq is greater than the stored one (idempotent, out-of-order safe). Refused with a clear error, changing nothing, after the deadline, for another student's attempt or for a question not in the student's version.",
        params: AttemptParams,
        body: SaveAnswersBody,
        response: { 200: SaveAnswersResult },
      },
    },
    async (req) => {
      const proof = requireSessionProof(req);
      if (req.validationError) {
        await proof.verify();
        throw req.validationError;
      }
      return exams.save(proof, req.params.schoolId, req.params.id, req.body);
    },
  );
  app.post(
    '/api/schools/:schoolId/exam-attempts/:id/events',
    {
      config: { sessionInStatement: true },
      // A body that fails validation never reaches the save statement: the session is then checked the
      // ordinary way first (401/403 before 400), as on every other write.
      attachValidation: true,
      schema: {
        tags,
        summary: 'Ghi sự kiện rời trang / mất mạng và tín hiệu còn kết nối',
        params: AttemptParams,
        body: FocusEventsBody,
        response: { 200: FocusEventsResult },
      },
    },
    async (req) => {
      const proof = requireSessionProof(req);
      if (req.validationError) {
        await proof.verify();
        throw req.validationError;
      }
      return exams.events(proof, req.params.schoolId, req.params.id, req.body.events);
    },
  );
  app.post(
    '/api/schools/:schoolId/exam-attempts/:id/submit',
    { schema: { tags, summary: 'Nộp bài', params: AttemptParams, response: { 200: SubmitResult } } },
    async (req) => exams.submit(requireActor(req), req.params.schoolId, req.params.id),
  );

  // ---- proctoring, grading, results
  app.get(
    '/api/exams/:id/proctor',
    {
      schema: {
        tags,
        summary: 'Giám sát kỳ thi: ai đang làm, ai mất kết nối, ai đã nộp',
        params: ExamParams,
        querystring: ProctorQuery,
        response: { 200: ProctorView },
      },
    },
    async (req) => exams.proctor(requireActor(req), req.params.id, req.query),
  );
  app.get(
    '/api/exams/:id/results',
    {
      schema: {
        tags,
        summary: 'Kết quả bài làm',
        params: ExamParams,
        querystring: ResultListQuery,
        response: { 200: paged(ResultRow) },
      },
    },
    async (req) => ({
      ...(await exams.results(requireActor(req), req.params.id, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );
  app.get(
    '/api/schools/:schoolId/exam-attempts/:id',
    {
      schema: {
        tags,
        summary: 'Bài làm của một học sinh (chấm bài; học sinh, phụ huynh sau khi công bố)',
        params: AttemptParams,
        response: { 200: AttemptDetail },
      },
    },
    async (req) => exams.attempt(requireActor(req), req.params.schoolId, req.params.id),
  );
  app.post(
    '/api/schools/:schoolId/exam-attempts/:id/grades',
    {
      schema: {
        tags,
        summary: 'Chấm câu tự luận theo hướng dẫn chấm',
        params: AttemptParams,
        body: GradeEssayBody,
        response: {
          200: z.object({ attempt: AttemptState, score: z.number(), score10: z.number().nullable() }),
        },
      },
    },
    async (req) => exams.gradeEssay(requireActor(req), req.params.schoolId, req.params.id, req.body),
  );
  app.post(
    '/api/exams/:id/release',
    {
      schema: {
        tags,
        summary: 'Công bố (hoặc thu hồi) kết quả',
        params: ExamParams,
        body: ReleaseBody,
        response: { 200: Exam },
      },
    },
    async (req) => exams.release(requireActor(req), req.params.id, req.body.released),
  );
  app.get(
    '/api/schools/:schoolId/students/:studentId/exam-results',
    {
      schema: {
        tags,
        summary: 'Kết quả thi đã công bố của một học sinh, mức độ thành thạo và gợi ý luyện tập',
        params: z.object({ schoolId: Uuid, studentId: Uuid }),
        response: { 200: z.array(StudentExamResult) },
      },
    },
    async (req) => exams.studentResults(requireActor(req), req.params.schoolId, req.params.studentId),
  );

  // ---- analysis
  app.get(
    '/api/exams/:id/analysis',
    {
      schema: {
        tags,
        summary: 'Phổ điểm và phân tích câu hỏi',
        params: ExamParams,
        querystring: AnalysisQuery,
        response: { 200: ExamAnalysis },
      },
    },
    async (req) => exams.analysis(requireActor(req), req.params.id, req.query.unitId),
  );
  app.post(
    '/api/exams/:id/analysis',
    {
      schema: { tags, summary: 'Tính lại phân tích', params: ExamParams, response: { 200: ExamAnalysis } },
    },
    async (req) => exams.refreshAnalysis(requireActor(req), req.params.id),
  );
  app.get(
    '/api/exams/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất kết quả và phân tích ra Excel',
        params: ExamParams,
        querystring: AnalysisQuery,
      },
    },
    async (req, reply) => {
      const data = await exams.exportData(requireActor(req), req.params.id, req.query.unitId);
      const body = await renderExamWorkbook(data);
      const fileName = `ket-qua-${req.params.id.slice(0, 8)}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
