import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { IdParams, Responses } from '../http/index.ts';
import * as account from './account.ts';
import { mfaRequiredFor } from './mfa.ts';
import { ChangePasswordBody, ConfirmTotpBody, CreateTokenBody, DisableTotpBody, LanguageBody } from './schema.ts';
import * as store from './store.ts';

const errors = Responses;

/** One's own account: password, second factor, API tokens. */
export function accountRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const self = { access: 'account.self' as const };

    app.put(
      '/api/account/language',
      {
        config: self,
        schema: {
          tags: ['account'],
          summary: 'Your language (the web app sets it when you switch; e-mails are sent in it)',
          body: LanguageBody,
          response: errors,
        },
      },
      async (req, reply) => {
        await account.setLanguage(ctx, authOf(req), req.body.language);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/account/password',
      { config: self, schema: { tags: ['account'], summary: 'Change your password', body: ChangePasswordBody, response: errors } },
      async (req, reply) => {
        await account.changePassword(ctx, authOf(req), req.body);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/account/totp',
      { config: self, schema: { tags: ['account'], summary: 'Start second-factor (TOTP) enrolment', response: errors } },
      async (req) => account.startTotp(ctx, authOf(req)),
    );

    app.post(
      '/api/account/totp/confirm',
      { config: self, schema: { tags: ['account'], summary: 'Finish enrolment with a code from the app', body: ConfirmTotpBody, response: errors } },
      async (req) => {
        await account.confirmTotp(ctx, authOf(req), req.body.code);
        return { enabled: true };
      },
    );

    app.delete(
      '/api/account/totp',
      { config: self, schema: { tags: ['account'], summary: 'Remove your second factor', body: DisableTotpBody, response: errors } },
      async (req, reply) => {
        const auth = authOf(req);
        await account.disableTotp(ctx, auth, req.body.password, await mfaRequiredFor(ctx, auth.actor.orgKind, auth.actor.role));
        return reply.code(204).send();
      },
    );

    app.get('/api/account/tokens', { config: self, schema: { tags: ['account'], summary: 'Your API tokens', response: errors } }, async (req) =>
      (await store.listTokens(ctx.db, authOf(req).user.id)).map((t) => ({
        id: t.id,
        name: t.name,
        scope: t.scope,
        createdAt: new Date(t.created_at).toISOString(),
        expiresAt: new Date(t.expires_at).toISOString(),
        expired: new Date(t.expires_at).getTime() <= Date.now(),
        lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
      })),
    );

    app.post(
      '/api/account/tokens',
      {
        config: self,
        schema: {
          tags: ['account'],
          summary:
            'Create an API token (shown once) with its scope (read, or file: read and file reports, evidence and replies) and expiry (at most a year ahead; default read for 90 days)',
          body: CreateTokenBody,
          response: errors,
        },
      },
      async (req, reply) => reply.code(201).send(await account.createToken(ctx, authOf(req), req.body)),
    );

    app.delete(
      '/api/account/tokens/:id',
      { config: self, schema: { tags: ['account'], summary: 'Revoke an API token', params: IdParams, response: errors } },
      async (req, reply) => {
        await account.revokeToken(ctx, authOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
