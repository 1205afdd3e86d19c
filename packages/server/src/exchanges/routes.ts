import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { IdParams, Responses } from '../http/index.ts';
import * as exchanges from './propose-exchange.ts';
import { Outcome, Proposal, Schedule, VersionBody, Withdraw } from './schema.ts';

/** Exchanges (C6): propose, approve, endorse, schedule, record each release, dashboard. */
export function exchangeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/exchanges',
      {
        config: { access: 'exchange.propose' },
        schema: { tags: ['exchanges'], summary: 'Propose an exchange between two parties', body: Proposal, response: Responses },
      },
      async (req, reply) => {
        const { id } = await exchanges.propose(ctx, authOf(req), req.body);
        return reply.code(201).send(await exchanges.detail(ctx, authOf(req), id));
      },
    );

    app.get(
      '/api/exchanges',
      { config: { access: 'exchange.read' }, schema: { tags: ['exchanges'], summary: 'Exchanges this user may see', response: Responses } },
      async (req) => ({
        exchanges: await exchanges.list(ctx, authOf(req)),
      }),
    );

    app.get(
      '/api/exchange-stats',
      {
        config: { access: 'exchange.stats' },
        schema: { tags: ['exchanges'], summary: 'Persons per status and category, exchanges per state (counts only)', response: Responses },
      },
      async () => exchanges.stats(ctx),
    );

    app.get(
      '/api/exchanges/:id',
      {
        config: { access: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          summary: 'An exchange with its persons, approvals and endorsements (the view is recorded)',
          params: IdParams,
          response: Responses,
        },
      },
      async (req) => exchanges.detail(ctx, authOf(req), req.params.id),
    );

    app.post(
      '/api/exchanges/:id/approve',
      {
        config: { access: 'exchange.approve' },
        schema: { tags: ['exchanges'], summary: "A party's approval", params: IdParams, body: VersionBody, response: Responses },
      },
      async (req) => {
        await exchanges.approve(ctx, authOf(req), req.params.id, req.body.version);
        return exchanges.detail(ctx, authOf(req), req.params.id);
      },
    );

    app.post(
      '/api/exchanges/:id/endorse',
      {
        config: { access: 'exchange.endorse' },
        schema: { tags: ['exchanges'], summary: "A guarantor's endorsement", params: IdParams, body: VersionBody, response: Responses },
      },
      async (req) => {
        await exchanges.endorse(ctx, authOf(req), req.params.id, req.body.version);
        return exchanges.detail(ctx, authOf(req), req.params.id);
      },
    );

    app.put(
      '/api/exchanges/:id/meeting',
      {
        config: { access: 'exchange.propose' },
        schema: {
          tags: ['exchanges'],
          summary: 'Set the meeting date at which the exchange takes place',
          params: IdParams,
          body: Schedule,
          response: Responses,
        },
      },
      async (req) => {
        await exchanges.schedule(ctx, authOf(req), req.params.id, req.body);
        return exchanges.detail(ctx, authOf(req), req.params.id);
      },
    );

    app.post(
      '/api/exchanges/:id/outcomes',
      {
        config: { access: 'exchange.release' },
        schema: {
          tags: ['exchanges'],
          summary: "Record one person's outcome on the day: released, confirmed (identity checked, return voluntary), declined, not found, deceased",
          params: IdParams,
          body: Outcome,
          response: Responses,
        },
      },
      async (req) => exchanges.recordOutcome(ctx, authOf(req), req.params.id, req.body),
    );

    app.post(
      '/api/exchanges/:id/withdraw',
      {
        config: { access: 'exchange.withdraw' },
        schema: { tags: ['exchanges'], summary: 'Withdraw a proposal before any release is recorded', params: IdParams, body: Withdraw, response: Responses },
      },
      async (req) => {
        await exchanges.withdraw(ctx, authOf(req), req.params.id, req.body);
        return exchanges.detail(ctx, authOf(req), req.params.id);
      },
    );
  };
}
