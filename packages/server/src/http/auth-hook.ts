import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '@truce/core/policy/policy';
import { authenticate, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { forbidden, unauthorized } from '../errors/index.ts';
import { PUBLIC_ROUTES, TOKEN_FILE_ROUTES, type RouteAccess } from './access.ts';
import { tokenRefusal } from './token-scope.ts';

const RESTRICTION_MESSAGES = {
  password_change_required: 'Change your one-time password first.',
  mfa_enrolment_required: 'The mechanism requires a second factor for your role: set one up first.',
} as const;

/**
 * Authentication and route-level authorisation, before anything else runs: the hook is
 * on `onRequest`, ahead of body parsing and validation, so a request without a session
 * to a non-public route gets 401 whatever its body or parameters. Each route's
 * `config.access` names its policy action; routes that declare none, or that claim to be
 * public without being listed in PUBLIC_ROUTES, refuse to register.
 */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

export function installAuth(app: FastifyInstance, ctx: AppContext): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD')) return;
    // The API documentation page's own assets are public like the page.
    if (route.url.startsWith('/api/docs') && !route.config?.access) route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (!access) throw new Error(`route ${methods.join(',')} ${route.url} declares no access rule`);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const key = `${method} ${route.url}`;
      if (access === 'public' && !isListedPublic(key)) throw new Error(`route ${key} claims to be public but is not listed in PUBLIC_ROUTES`);
      table.push({ method, url: route.url, access });
    }
  });
  // A listed route that does not exist (renamed, say) would silently close it to tokens.
  app.addHook('onReady', async () => {
    const missing = TOKEN_FILE_ROUTES.filter((key) => !table.some((r) => `${r.method} ${r.url}` === key));
    if (missing.length > 0) throw new Error(`TOKEN_FILE_ROUTES names routes that do not exist: ${missing.join(', ')}`);
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (access === 'public') return;
    const auth = await authenticate(ctx, req);
    if (access === undefined) {
      // No route matched: the not-found handler decides, knowing whether a session exists.
      if (auth) req.auth = auth;
      return;
    }
    if (!auth) throw unauthorized();
    req.auth = auth;
    if (auth.token) {
      const refusal = tokenRefusal(auth.token.scope, req.method, req.routeOptions.url ?? '', access);
      if (refusal) throw refusal;
    }
    if (auth.restriction && access !== 'account.self') throw forbidden(RESTRICTION_MESSAGES[auth.restriction], auth.restriction);
    if (!can(auth.actor, access)) throw forbidden();
  });
  return table;
}

function isListedPublic(key: string): boolean {
  return PUBLIC_ROUTES.some((listed) => (listed.endsWith('*') && !listed.endsWith('/*') ? key.startsWith(listed.slice(0, -1)) : key === listed));
}

/** The authenticated caller; routes behind a policy action always have one. */
export function authOf(req: FastifyRequest): Auth {
  if (!req.auth) throw unauthorized();
  return req.auth;
}

/** The acting organisation and user, as written into log entries. */
export function actorRef(req: FastifyRequest) {
  const auth = authOf(req);
  return { organisation: auth.actor.orgId, user: auth.actor.userId };
}
