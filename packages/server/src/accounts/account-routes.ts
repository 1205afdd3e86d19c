import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams, NoContent } from '../http/index.ts';
import { changePassword } from './change-password.ts';
import { confirmTotp } from './confirm-totp.ts';
import { createToken } from './create-token.ts';
import { disableTotp } from './disable-totp.ts';
import { listTokens } from './list-tokens.ts';
import { revokeToken } from './revoke-token.ts';
import {
  ApiTokenList,
  ChangePasswordBody,
  ConfirmTotpBody,
  CreatedToken,
  CreateTokenBody,
  DisableTotpBody,
  LanguageBody,
  TotpEnabled,
  TotpEnrolment,
} from './schema.ts';
import { setLanguage } from './set-language.ts';
import { startTotp } from './start-totp.ts';

const done = answers({ 204: NoContent });

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
          response: done,
        },
      },
      async (req, reply) => {
        await setLanguage(ctx, authOf(req), req.body.language);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/account/password',
      { config: self, schema: { tags: ['account'], summary: 'Change your password', body: ChangePasswordBody, response: done } },
      async (req, reply) => {
        await changePassword(ctx, authOf(req), req.body);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/account/totp',
      { config: self, schema: { tags: ['account'], summary: 'Start second-factor (TOTP) enrolment', response: answers(TotpEnrolment) } },
      async (req) => startTotp(ctx, authOf(req)),
    );

    app.post(
      '/api/account/totp/confirm',
      {
        config: self,
        schema: { tags: ['account'], summary: 'Finish enrolment with a code from the app', body: ConfirmTotpBody, response: answers(TotpEnabled) },
      },
      async (req) => confirmTotp(ctx, authOf(req), req.body.code),
    );

    app.delete(
      '/api/account/totp',
      { config: self, schema: { tags: ['account'], summary: 'Remove your second factor', body: DisableTotpBody, response: done } },
      async (req, reply) => {
        await disableTotp(ctx, authOf(req), req.body.password);
        return reply.code(204).send();
      },
    );

    app.get('/api/account/tokens', { config: self, schema: { tags: ['account'], summary: 'Your API tokens', response: answers(ApiTokenList) } }, async (req) =>
      listTokens(ctx, authOf(req)),
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
          response: answers({ 201: CreatedToken }),
        },
      },
      async (req, reply) => reply.code(201).send(await createToken(ctx, authOf(req), req.body)),
    );

    app.delete(
      '/api/account/tokens/:id',
      { config: self, schema: { tags: ['account'], summary: 'Revoke an API token', params: IdParams, response: done } },
      async (req, reply) => {
        await revokeToken(ctx, authOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
