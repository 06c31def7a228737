import type { ErrorBody } from '@smartedu/contracts';

/** A failed API call: HTTP status plus the server's `{ code, message, details }` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * Field-level messages: `details.field` (AppError) or `details.issues[].field` (schema validation).
   * Nested paths keep only their first segment so they land on the form field.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const details = this.details;
    if (!details || typeof details !== 'object') return out;
    const { field, issues } = details as { field?: unknown; issues?: unknown };
    if (typeof field === 'string' && field) out[field.split('.')[0]] = this.message;
    if (Array.isArray(issues)) {
      for (const issue of issues as { field?: unknown; message?: unknown }[]) {
        if (typeof issue.field !== 'string' || !issue.field) continue;
        const key = issue.field.split('.')[0];
        out[key] ??= typeof issue.message === 'string' ? issue.message : this.message;
      }
    }
    return out;
  }
}

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

let csrfToken: string | null = null;

/** The session's CSRF token, from the Me response; kept in memory only. */
export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

const redirectToLogin = () => {
  if (window.location.pathname === '/login') return;
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  window.location.assign(`/login?next=${next}`);
};
let onUnauthorized: () => void = redirectToLogin;

/** Replaces the default 401 behaviour (a full-page redirect to /login), e.g. with a router navigation. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

/** `?a=1&b=x` without empty values; '' when nothing is left. */
export function toQueryString(params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

const isAuthCall = (path: string) => path.startsWith('/api/auth/login');

function toApiError(status: number, body: unknown, fallback: string): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as Partial<ErrorBody>;
  return new ApiError(status, b.code ?? `HTTP_${status}`, b.message ?? fallback, b.details);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type RequestOptions = { method?: Method; body?: unknown; query?: QueryParams; signal?: AbortSignal };

/** JSON request with the session cookie; non-GET requests carry the CSRF token. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': document.documentElement.lang || 'vi',
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path + toQueryString(options.query), {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ');
  }
  const body = parseJson(await res.text());
  if (!res.ok) {
    if (res.status === 401 && !isAuthCall(path)) onUnauthorized();
    throw toApiError(res.status, body, res.statusText);
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

/**
 * Multipart upload through XMLHttpRequest, which (unlike fetch) reports upload progress.
 * `onProgress` receives a fraction 0..1.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  options: { field?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) onUnauthorized();
      reject(toApiError(xhr.status, body, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append(options.field ?? 'file', file, file.name);
    xhr.send(form);
  });
}
