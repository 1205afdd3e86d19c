import { forbidden, type Problem } from '../errors/index.ts';
import { TOKEN_FILE_ROUTES, type RouteAccess } from './access.ts';
import type { TokenScope } from '../accounts/index.ts';

/**
 * What an API token may do, decided in one place for every route (the auth hook asks).
 * A token never does what only its owner in person should: make tokens, change the
 * password or the second factor, end sessions — the account routes that change
 * something answer 403 "needs a signed-in session". Otherwise a `read` token may only
 * read (GET, HEAD), and a `file` token may also call the routes in TOKEN_FILE_ROUTES.
 * Any other changing route is refused to tokens: a new route is closed to them until
 * it is listed, never open by omission.
 */

const READING = new Set(['GET', 'HEAD', 'OPTIONS']);
const fileRoutes = new Set(TOKEN_FILE_ROUTES);

/** The refusal for a token request, or null when the token's scope covers it. */
export function tokenRefusal(scope: TokenScope, method: string, url: string, access: RouteAccess): Problem | null {
  if (READING.has(method)) return null;
  if (access === 'account.self') {
    return forbidden(
      'This needs a signed-in session: an API token cannot make tokens, change the password or the second factor, or end sessions. Sign in with your password to do it.',
      'session_required',
    );
  }
  if (scope === 'file' && fileRoutes.has(`${method} ${url}`)) return null;
  return forbidden(
    scope === 'read'
      ? 'This API token has the scope "read": it can only read. Make a token with the scope "file" to file reports, or sign in to do this.'
      : 'This API token has the scope "file": it can read, file reports and their corrections and withdrawals, upload evidence and reply to incidents, nothing else. Sign in to do this.',
    'token_scope',
  );
}
