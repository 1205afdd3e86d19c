import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { securityHeaders } from './security-headers.ts';
import { accountRoutes } from '../accounts/account-routes.ts';
import { adminRoutes } from '../accounts/admin-routes.ts';
import { sessionRoutes } from '../accounts/session-routes.ts';
import type { AppContext } from '../context.ts';
import { evidenceRoutes } from '../evidence/routes.ts';
import { geoRoutes } from '../geo/routes.ts';
import { healthRoutes } from '../health/routes.ts';
import { limitsRoutes } from '../limits/routes.ts';
import { detaineeListRoutes } from '../detainees/routes.ts';
import { matchingRoutes } from '../matching/routes.ts';
import { exchangeRoutes } from '../exchanges/routes.ts';
import { meetingRoutes } from '../meetings/routes.ts';
import { publicationRoutes } from '../publications/routes.ts';
import { searchRoutes } from '../search/routes.ts';
import { logRoutes } from '../log/routes.ts';
import { cosigningRoutes } from '../cosigning/routes.ts';
import { mechanismRoutes } from '../mechanism/routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import { incidentRoutes } from '../incidents/routes.ts';
import { dashboardRoutes } from '../dashboard/routes.ts';
import { exportRoutes } from '../exports/routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { installAuth, type RouteEntry } from './auth-hook.ts';
import { installStrictJsonParser } from './json-parser.ts';
import { installLogIndex } from './log-index.ts';
import { installResponseCheck } from './response-check.ts';
import { auditRoutes } from '../audit/routes.ts';
import { installTextGuard } from './text-guard.ts';
import { Problem, unauthorized, type FieldError } from '../errors/problem.ts';
import { ProblemSchema } from './schemas.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, for the route × role test and the docs. */
    routeTable: RouteEntry[];
  }
}

export interface AppOptions {
  /** Serve the built web app from packages/web/dist (default: when it exists). */
  serveWeb?: boolean;
  logger?: boolean | object;
}

/** Builds the HTTP application: plugins, the auth hook, every module's routes, errors. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel },
    bodyLimit: ctx.config.jsonMaxBytes,
    // Which proxy's X-Forwarded-For tells the client's address (TRUCE_TRUST_PROXY); by
    // default none, so a client cannot pose as another address to the rate limits.
    trustProxy: ctx.config.trustProxy,
    ajv: {
      // Wrong types are errors, not coerced; unknown fields are errors, not dropped.
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installStrictJsonParser(app);
  installTextGuard(app);
  // Set before any plugin registers routes: child contexts inherit the handler at registration.
  app.setErrorHandler(async (error: FastifyError | Problem, req, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
    for (const [k, v] of Object.entries(problem.extra.headers ?? {})) reply.header(k, v);
    return reply.code(problem.status).type('application/problem+json').send(problem.toJSON());
  });

  // A change is answered once its log entry is in the tree, so whoever made it can at
  // once fetch a checkpoint and proof that include it. Concurrent requests share one
  // sequencing run (log/sequencer.ts). If sequencing fails the change stays committed
  // and the background loop puts it in the tree later; the answer is still true.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS' && reply.statusCode < 400 && !req.logSequenced) {
      await ctx.sequencer.flush().catch((err) => req.log.error({ err }, 'log sequencing failed; the background loop will retry'));
    }
    return payload;
  });

  // First of the request hooks, so that refusals (401, 403, 404, 429) carry them too.
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(security);
  });
  app.addSchema(ProblemSchema);
  await app.register(cookie);
  const routeTable = installAuth(app, ctx);
  installLogIndex(app, ctx);
  // The test suites compare every answer with its response schema (response-check.ts).
  if (process.env.TRUCE_CHECK_RESPONSES === '1') installResponseCheck(app);
  app.decorate('routeTable', routeTable);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new Problem(429, 'Too many requests', `Too many attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`, { code: 'rate_limited' }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Truce API',
        version: '0.1.0',
        description:
          'The API of a Truce ceasefire monitoring mechanism. Authenticate with the session cookie from POST /api/session, or with `Authorization: Bearer <token>` from POST /api/account/tokens. Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'truce_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: true } });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(ctx));
  await app.register(limitsRoutes(ctx));
  await app.register(sessionRoutes(ctx));
  await app.register(accountRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(mechanismRoutes(ctx));
  await app.register(geoRoutes(ctx));
  await app.register(evidenceRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(incidentRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(exportRoutes(ctx));
  await app.register(notificationRoutes(ctx));
  await app.register(detaineeListRoutes(ctx));
  await app.register(matchingRoutes(ctx));
  await app.register(exchangeRoutes(ctx));
  await app.register(meetingRoutes(ctx));
  await app.register(publicationRoutes(ctx));
  await app.register(searchRoutes(ctx));
  await app.register(logRoutes(ctx));
  await app.register(cosigningRoutes(ctx));
  await app.register(auditRoutes(ctx));

  const serveWeb = options.serveWeb ?? fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, serve: false });
  }

  app.setNotFoundHandler(async (req, reply) => {
    const url = req.url.split('?')[0];
    const isApi = url.startsWith('/api/') || url === '/api' || url.startsWith('/log/');
    // Without a session an unknown API path is indistinguishable from a protected one.
    if (isApi && !req.auth) throw unauthorized();
    if (isApi) throw new Problem(404, 'Not found', `There is no ${req.method} ${url} in this API.`, { code: 'not_found' });
    if (serveWeb && (req.method === 'GET' || req.method === 'HEAD')) {
      const file = path.join(WEB_DIST, path.normalize(url).replace(/^([/\\])+/, ''));
      if (file.startsWith(WEB_DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        const immutable = url.startsWith('/assets/');
        return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(path.relative(WEB_DIST, file));
      }
      // The single-page app routes everything else itself.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw new Problem(404, 'Not found', `Nothing at ${url}.`, { code: 'not_found' });
  });

  return app;
}

function toProblem(error: FastifyError | Problem): Problem {
  if (error instanceof Problem) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors: FieldError[] = fe.validation.map((v) => {
      // Fastify calls the query string "querystring"; our paths (and the web client) say "query".
      const base = `/${fe.validationContext === 'querystring' ? 'query' : (fe.validationContext ?? 'body')}${v.instancePath}`;
      const params = v.params as Record<string, unknown>;
      if (params.additionalProperty) return { path: `${base}/${params.additionalProperty}`, message: 'is not a known field' };
      if (params.missingProperty) return { path: `${base}/${params.missingProperty}`, message: 'is required' };
      return { path: base, message: v.message ?? 'is not valid' };
    });
    const first = errors[0];
    return new Problem(
      400,
      'Bad request',
      `The request is not valid: ${first.path} ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`,
      {
        code: 'validation_failed',
        errors,
      },
    );
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return new Problem(413, 'Payload too large', 'The request body is larger than this route accepts.', { code: 'too_large' });
  if (status === 415) return new Problem(415, 'Unsupported media type', 'Send the body as application/json.', { code: 'unsupported_media_type' });
  if (status >= 400 && status < 500) return new Problem(status, 'Bad request', fe.message, { code: fe.code?.toLowerCase() ?? 'bad_request' });
  return new Problem(500, 'Internal error', 'Something went wrong on the server; nothing was saved. The error has been logged.', { code: 'internal' });
}
