import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

/** The first path (dotted) of a string holding a NUL character inside a parsed value, or null. */
function nulPath(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (depth > 64 || !v || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    if (k.includes('\u0000')) return path ? `${path}.${k}` : k;
    const found = nulPath(x, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses NUL characters in the query string, path and JSON body before any handler runs: PostgreSQL text
 * cannot hold them, so they would otherwise surface as a database error (a 500, or a broken download stream).
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const where =
      nulPath(req.params, '') ??
      nulPath(req.query, '') ??
      (req.body && typeof req.body === 'object' ? nulPath(req.body, '') : null);
    if (where !== null)
      throw new AppError('VALIDATION_FAILED', `Dữ liệu không hợp lệ ở trường "${where}": chứa ký tự NUL`, {
        field: where,
      });
  });
}
