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
    const failure = classifyFailure(err);
    // Data exceptions raised by PostgreSQL for a value the schemas let through (an impossible date, a character
    // the encoding cannot hold): the request was bad, not the server.
    if (failure === 'bad_data') {
      return reply
        .status(400)
        .send({ code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', requestId: req.id });
    }
    if (failure === 'duplicate') {
      return reply
        .status(409)
        .send({ code: 'DUPLICATE', message: 'Dữ liệu bị trùng với bản ghi đã có', requestId: req.id });
    }
    if (failure === 'reference') {
      return reply.status(409).send({
        code: 'CONFLICT',
        message: 'Dữ liệu đang được tham chiếu hoặc tham chiếu không tồn tại',
        requestId: req.id,
      });
    }
    if (failure === 'database_unavailable') {
      req.log.error({ err }, 'database unavailable');
      return reply.status(503).send({
        code: 'DATABASE_UNAVAILABLE',
        message: 'Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại',
        requestId: req.id,
      });
    }
    if (failure === 'storage_full') {
      req.log.error({ err }, 'storage full');
      return reply.status(507).send({
        code: 'STORAGE_FULL',
        message: 'Hết dung lượng lưu trữ trên máy chủ: dữ liệu chưa được ghi, vui lòng báo quản trị hệ thống',
        requestId: req.id,
      });
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau', requestId: req.id });
  });
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown (pg_terminate_backend, server restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '08000', // connection_exception
  '08001',
  '08003',
  '08004',
  '08006', // connection_failure
  '53300', // too_many_connections
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection closed|not queryable|the database system is (starting up|shutting down)/i;
const STORAGE_CODES = new Set(['ENOSPC', 'EDQUOT', '53100']); // 53100: disk_full
const STORAGE_MESSAGES = /No space left on device|disk quota exceeded|could not extend file/i;

export type Failure = 'bad_data' | 'duplicate' | 'reference' | 'database_unavailable' | 'storage_full' | null;

/**
 * What kind of infrastructure failure an error is, looking through wrappers (Drizzle's `DrizzleQueryError`
 * keeps the driver's error as `cause`, and so do stream and file errors).
 */
export function classifyFailure(err: unknown): Failure {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = String((e as { message?: unknown }).message ?? '');
    if (typeof code === 'string' && /^22(007|008|021|P02|P05|003|001)$/.test(code)) return 'bad_data';
    if (code === '23505') return 'duplicate';
    if (code === '23503') return 'reference';
    if ((typeof code === 'string' && STORAGE_CODES.has(code)) || STORAGE_MESSAGES.test(message))
      return 'storage_full';
    if ((typeof code === 'string' && CONNECTION_CODES.has(code)) || CONNECTION_MESSAGES.test(message))
      return 'database_unavailable';
  }
  return null;
}
