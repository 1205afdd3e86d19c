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
  'GET /log/tile/*',
  'GET /api/log/proof/inclusion',
  'GET /api/log/proof/consistency',
];
