import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';
import { Problem } from '../errors/index.ts';
import { answers, authOf, NoContent, ProblemSchema } from '../http/index.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { Session, SetupBody, SetupStatus, SignInBody } from './schema.ts';
import { completeSetup } from './complete-setup.ts';
import { describeSession, sessionOf } from './describe-session.ts';
import { setupStatus } from './get-setup-status.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';

/** Signing in and out, the current session, and the one-time set-up. */
export function sessionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const setCookie = (reply: FastifyReply, value: string) =>
    reply.setCookie(SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.secureCookies,
      maxAge: ctx.config.sessionHours * 3600,
    });

  return async (app) => {
    // Password spraying tries one password on many accounts: the limit per client and
    // e-mail address (below) never trips. This one counts every attempt from a client,
    // whatever the address, and is checked first so that each attempt counts.
    const perClient = app.createRateLimit({ max: ctx.config.loginClientRateLimit, timeWindow: '1 minute', keyGenerator: (req) => `sign-in|${req.ip}` });
    app.post(
      '/api/session',
      {
        preHandler: async (req) => {
          const limit = await perClient(req);
          if (!limit.isAllowed && limit.isExceeded) {
            throw new Problem(
              429,
              'Too many requests',
              `Too many sign-in attempts from your address. Wait ${Math.max(1, limit.ttlInSeconds)} seconds and try again.`,
              {
                code: 'rate_limited',
                headers: { 'retry-after': String(Math.max(1, limit.ttlInSeconds)) },
              },
            );
          }
        },
        config: {
          access: 'public',
          rateLimit: {
            max: ctx.config.loginRateLimit,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
          },
        },
        schema: {
          tags: ['accounts'],
          summary: 'Sign in (e-mail, password and, when enrolled, a TOTP code)',
          body: SignInBody,
          response: { ...answers(Session), 429: ProblemSchema },
        },
      },
      async (req, reply) => {
        const { cookie, userId, restriction } = await signIn(ctx, req.body);
        setCookie(reply, cookie);
        return sessionOf(ctx, userId, restriction);
      },
    );

    app.get(
      '/api/session',
      { config: { access: 'account.self' }, schema: { tags: ['accounts'], summary: 'Who is signed in', response: answers(Session) } },
      async (req) => describeSession(ctx, authOf(req)),
    );

    app.delete(
      '/api/session',
      { config: { access: 'account.self' }, schema: { tags: ['accounts'], summary: 'Sign out', response: answers({ 204: NoContent }) } },
      async (req, reply) => {
        const auth = authOf(req);
        if (auth.sessionId) await signOut(ctx, auth.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/setup/status',
      {
        config: { access: 'public' },
        schema: { tags: ['accounts'], summary: 'Whether the one-time set-up is still to be done', response: answers(SetupStatus) },
      },
      async () => setupStatus(ctx),
    );

    app.post(
      '/api/setup',
      {
        config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['accounts'],
          summary: 'One-time set-up: the mechanism, the secretariat and its first administrator',
          body: SetupBody,
          response: answers({ 201: Session }),
        },
      },
      async (req, reply) => {
        const { userId } = await completeSetup(ctx, req.body);
        const { cookie } = await signIn(ctx, { email: req.body.email, password: req.body.password });
        setCookie(reply, cookie);
        return reply.code(201).send(await sessionOf(ctx, userId));
      },
    );
  };
}
