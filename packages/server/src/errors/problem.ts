import type { FieldError } from './schema.ts';

/**
 * Errors over HTTP are RFC 9457 problem details (application/problem+json) that say what
 * is wrong and where: `errors` lists the failing fields as JSON pointers into the request
 * (e.g. "/body/email").
 */
export type { FieldError };

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: { code?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }

  toJSON() {
    return {
      type: this.extra.code ? `urn:truce:problem:${this.extra.code}` : 'about:blank',
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(this.extra.code ? { code: this.extra.code } : {}),
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[], code = 'invalid_request') => new Problem(400, 'Bad request', detail, { code, errors });
export const unauthorized = (detail = 'Sign in first.', code = 'unauthenticated') => new Problem(401, 'Unauthorized', detail, { code });
export const forbidden = (detail = 'You are not allowed to do this.', code = 'forbidden') => new Problem(403, 'Forbidden', detail, { code });
export const notFound = (detail: string) => new Problem(404, 'Not found', detail, { code: 'not_found' });
export const conflict = (detail: string, code = 'conflict') => new Problem(409, 'Conflict', detail, { code });

/** The version a client edited is no longer the current one: someone else saved first. */
export const staleVersion = (what: string, current: number) =>
  new Problem(409, 'Conflict', `This ${what} was changed by someone else (now version ${current}). Reload it, check the changes and save again.`, {
    code: 'stale_version',
  });
