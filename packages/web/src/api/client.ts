import type { FieldError, ProblemBody } from '@truce/server/schemas/errors';
/**
 * A typed fetch for the Truce API. Every error the server gives is an RFC 9457 problem
 * (application/problem+json); it is thrown as a ProblemError so that pages can show its
 * `detail` and put each field error next to its field. Network failures and non-problem
 * answers become ProblemErrors too, with status 0 or the HTTP status.
 */

export type { FieldError } from '@truce/server/schemas/errors';

/** A problem as the server answers it, and the seconds to wait from a 429 answer's Retry-After header. */
export type Problem = ProblemBody & { retryAfter?: number };

export class ProblemError extends Error implements Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code?: string;
  readonly errors: FieldError[];
  readonly retryAfter?: number;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ProblemError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.retryAfter = problem.retryAfter;
  }

  /**
   * Field errors keyed by the field's name in the request body: "/body/email" → "email",
   * "/body/signatoryIds/2" → "signatoryIds". Several errors on one field are joined.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const field = fieldOf(e.path);
      if (!field) continue;
      out[field] = out[field] ? `${out[field]}; ${e.message}` : e.message;
    }
    return out;
  }
}

/** "/body/geometry/coordinates/0" → "geometry"; "/query/limit" → "limit"; "/body" → "". */
export function fieldOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return parts[0] ?? '';
}

export function isProblem(err: unknown): err is ProblemError {
  return err instanceof ProblemError;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function request(
  method: Method,
  path: string,
  body?: unknown,
  accept = 'application/json',
  extra: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  const headers: Record<string, string> = { ...extra, accept };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store', signal };
  // The server refuses an empty JSON body, so the content type is only sent with a body.
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new ProblemError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: err instanceof Error ? err.message : String(err),
      code: 'network',
    });
  }
  if (!res.ok) throw await toProblem(res);
  return res;
}

async function toProblem(res: Response): Promise<ProblemError> {
  const type = res.headers.get('content-type') ?? '';
  const wait = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : undefined;
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return new ProblemError({
        type: body.type ?? 'about:blank',
        title: body.title ?? res.statusText,
        status: body.status ?? res.status,
        detail: body.detail ?? body.title ?? res.statusText,
        code: body.code,
        errors: Array.isArray(body.errors) ? body.errors : undefined,
        retryAfter,
      });
    } catch {
      /* fall through to a generic problem */
    }
  }
  return new ProblemError({ type: 'about:blank', title: res.statusText, status: res.status, detail: `${res.status} ${res.statusText}`.trim(), retryAfter });
}

/** JSON in, JSON out. A 204 answer resolves to undefined. */
export async function api<T>(method: Method, path: string, body?: unknown, headers?: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const res = await request(method, path, body, 'application/json', headers, signal);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A text/plain resource (the record's checkpoint and key). */
export async function apiText(path: string): Promise<string> {
  const res = await request('GET', path, undefined, 'text/plain');
  return res.text();
}

/** A GET; with a signal (React Query's), a request nobody waits for any more is aborted. */
export const get = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, undefined, undefined, signal);
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', path, body, headers);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T = void>(path: string, body?: unknown) => api<T>('DELETE', path, body);
