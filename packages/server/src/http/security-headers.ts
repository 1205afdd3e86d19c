import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers every answer carries (Content-Security-Policy, HSTS, nosniff, …), as
 * helmet writes them, worked out once at start: they do not depend on the request. Applying
 * helmet itself on each request rebuilt its middleware every time, a few per cent of the
 * server's processor time under a burst of filings.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => (failure = err));
  if (failure) throw failure;
  return headers;
}
