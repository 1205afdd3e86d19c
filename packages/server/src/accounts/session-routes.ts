import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { Problem } from '../errors/index.ts';
import { ProblemSchema, Responses } from '../http/index.ts';
import { getMechanism } from '../mechanism/index.ts';
import { SESSION_COOKIE, type Auth } from './authenticate.ts';
import { SetupBody, SignInBody } from './schema.ts';
import { completeSetup, setupNeeded } from './setup.ts';
import { signIn, signOut } from './sign-in.ts';
import * as store from './store.ts';

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

  const describe = async (auth: Pick<Auth, 'user' | 'restriction'>) => {
    const mechanism = await getMechanism(ctx.db);
    const u = auth.user;
    return {
      user: {
        id: u.id,
        name: u.name,
        email: u.email,
        organisationId: u.organisation_id,
        organisationName: u.organisation_name,
        organisationKind: u.organisation_kind,
        role: u.role,
        totpEnabled: u.totp_secret !== null,
        mustChangePassword: u.must_change_password,
        language: u.language,
      },
      mfaEnrolmentRequired: auth.restriction === 'mfa_enrolment_required',
      mechanism: mechanism ? { name: mechanism.name, demo: mechanism.demo } : null,
    };
  };

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
          response: { ...Responses, 429: ProblemSchema },
        },
      },
      async (req, reply) => {
        const session = await signIn(ctx, req.body);
        setCookie(reply, session.cookie);
        const user = await store.findUserById(ctx.db, session.userId);
        return describe({ user: user!, restriction: session.restriction });
      },
    );

    app.get(
      '/api/session',
      { config: { access: 'account.self' }, schema: { tags: ['accounts'], summary: 'Who is signed in', response: Responses } },
      async (req) => describe(authOf(req)),
    );

    app.delete('/api/session', { config: { access: 'account.self' }, schema: { tags: ['accounts'], summary: 'Sign out' } }, async (req, reply) => {
      const auth = authOf(req);
      if (auth.sessionId) await signOut(ctx, auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    });

    app.get(
      '/api/setup/status',
      { config: { access: 'public' }, schema: { tags: ['accounts'], summary: 'Whether the one-time set-up is still to be done' } },
      async () => {
        // The mechanism's name and whether it is a demo are shown before sign-in, so that
        // nobody types real data into a demonstration.
        const mechanism = await getMechanism(ctx.db);
        return { needed: await setupNeeded(ctx), mechanism: mechanism ? { name: mechanism.name, demo: mechanism.demo } : null };
      },
    );

    app.post(
      '/api/setup',
      {
        config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['accounts'],
          summary: 'One-time set-up: the mechanism, the secretariat and its first administrator',
          body: SetupBody,
          response: Responses,
        },
      },
      async (req, reply) => {
        const { userId } = await completeSetup(ctx, req.body);
        const session = await signIn(ctx, { email: req.body.email, password: req.body.password });
        setCookie(reply, session.cookie);
        const user = await store.findUserById(ctx.db, userId);
        return reply.code(201).send(await describe({ user: user! }));
      },
    );
  };
}
