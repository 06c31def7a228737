import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';

type Issue = { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[] } } };

/** One edge maps every error to `{ code, message, details, requestId }`; 5xx internals are never shown. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.message, details: err.details, requestId: req.id });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = (err.validation as Issue[]).map((v) => ({
        field: v.instancePath?.replace(/^\//, '').replaceAll('/', '.') || null,
        message: v.message ?? 'không hợp lệ',
      }));
      const first = issues[0];
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: first?.field
          ? `Dữ liệu không hợp lệ ở trường "${first.field}": ${first.message}`
          : 'Dữ liệu không hợp lệ',
        details: { context: (err as FastifyError).validationContext, issues },
        requestId: req.id,
      });
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 429) {
      return reply.status(429).send({
        code: 'RATE_LIMITED',
        message: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
        requestId: req.id,
      });
    }
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
      return reply
        .status(413)
        .send({ code: 'PAYLOAD_TOO_LARGE', message: 'Tệp hoặc dữ liệu gửi lên quá lớn', requestId: req.id });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply
        .status(fe.statusCode)
        .send({ code: fe.code ?? 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ', requestId: req.id });
    }
    // node-postgres errors arrive wrapped by Drizzle (DrizzleQueryError): the SQLSTATE is on the cause.
    const pgCode = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    // Data exceptions raised by PostgreSQL for a value the schemas let through (an impossible date, a character
    // the encoding cannot hold): the request was bad, not the server.
    if (pgCode && /^22(007|008|021|P02|P05|003|001)$/.test(pgCode)) {
      return reply
        .status(400)
        .send({ code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', requestId: req.id });
    }
    if (pgCode === '23505') {
      return reply
        .status(409)
        .send({ code: 'DUPLICATE', message: 'Dữ liệu bị trùng với bản ghi đã có', requestId: req.id });
    }
    if (pgCode === '23503') {
      return reply.status(409).send({
        code: 'CONFLICT',
        message: 'Dữ liệu đang được tham chiếu hoặc tham chiếu không tồn tại',
        requestId: req.id,
      });
    }
    if (
      pgCode === 'ECONNREFUSED' ||
      pgCode === '57P01' ||
      pgCode === 'ECONNRESET' ||
      /Connection terminated/i.test(err.message)
    ) {
      req.log.error({ err }, 'database unavailable');
      return reply.status(503).send({
        code: 'DATABASE_UNAVAILABLE',
        message: 'Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại',
        requestId: req.id,
      });
    }
    if (pgCode === 'ENOSPC' || pgCode === '53100') {
      req.log.error({ err }, 'storage full');
      return reply.status(507).send({
        code: 'STORAGE_FULL',
        message: 'Hết dung lượng lưu trữ, vui lòng báo quản trị hệ thống',
        requestId: req.id,
      });
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau', requestId: req.id });
  });
}
