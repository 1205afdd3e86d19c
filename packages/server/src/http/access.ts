import type { Action } from '@truce/core/policy/policy';

/**
 * Every route declares who may call it in its `config.access`: 'public' for the few
 * routes open without a session (listed in PUBLIC_ROUTES and checked at start-up), or
 * the policy action it performs. A route without a declaration refuses to register.
 */
export type RouteAccess = 'public' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/**
 * The public routes, all of them: health, the API description, sign-in, the one-time
 * set-up and the public parts of the record (hashes and signatures only).
 */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs*', // the documentation page and its assets
  'POST /api/session',
  'GET /api/setup/status',
  'POST /api/setup',
  'GET /log/checkpoint',
  'GET /log/key',
  'GET /log/policy',
  'GET /log/tile/*',
  'GET /api/log/proof/inclusion',
  'GET /api/log/proof/consistency',
];

/**
 * What an API token of scope `file` may change, besides reading: filing reports and
 * their corrections and withdrawals, uploading evidence, replying to an incident. The
 * field systems and scripts that tokens exist for do this; everything else that changes
 * the record (organisations, findings, exchanges, lists, meetings, …) needs a person
 * signed in, so a stolen token cannot do it. A `read` token changes nothing. The auth
 * hook applies this list (token-scope.ts); at start-up every entry must name a route.
 */
export const TOKEN_FILE_ROUTES: readonly string[] = [
  'POST /api/reports',
  'POST /api/reports/:id/versions',
  'POST /api/reports/:id/withdraw',
  'POST /api/evidence',
  'POST /api/incidents/:id/replies',
];
