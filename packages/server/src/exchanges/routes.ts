import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { answers, IdParams } from '../http/index.ts';
import { approve } from './approve-exchange.ts';
import { endorse } from './endorse-exchange.ts';
import { stats } from './exchange-stats.ts';
import { list } from './list-exchanges.ts';
import { propose } from './propose-exchange.ts';
import { recordOutcome } from './record-outcome.ts';
import { schedule } from './schedule-exchange.ts';
import { ExchangeDetail, ExchangeList, ExchangeStats, Outcome, OutcomeRecorded, Proposal, Schedule, VersionBody, Withdraw } from './schema.ts';
import { detail } from './show-exchange.ts';
import { withdraw } from './withdraw-exchange.ts';

/** Exchanges (C6): propose, approve, endorse, schedule, record each release, dashboard. */
export function exchangeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/exchanges',
      {
        config: { access: 'exchange.propose' },
        schema: { tags: ['exchanges'], summary: 'Propose an exchange between two parties', body: Proposal, response: answers({ 201: ExchangeDetail }) },
      },
      async (req, reply) => {
        const { id } = await propose(ctx, authOf(req), req.body);
        return reply.code(201).send(await detail(ctx, authOf(req), id));
      },
    );

    app.get(
      '/api/exchanges',
      { config: { access: 'exchange.read' }, schema: { tags: ['exchanges'], summary: 'Exchanges this user may see', response: answers(ExchangeList) } },
      async (req) => ({
        exchanges: await list(ctx, authOf(req)),
      }),
    );

    app.get(
      '/api/exchange-stats',
      {
        config: { access: 'exchange.stats' },
        schema: { tags: ['exchanges'], summary: 'Persons per status and category, exchanges per state (counts only)', response: answers(ExchangeStats) },
      },
      async () => stats(ctx),
    );

    app.get(
      '/api/exchanges/:id',
      {
        config: { access: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          summary: 'An exchange with its persons, approvals and endorsements (the view is recorded)',
          params: IdParams,
          response: answers(ExchangeDetail),
        },
      },
      async (req) => detail(ctx, authOf(req), req.params.id),
    );

    app.post(
      '/api/exchanges/:id/approve',
      {
        config: { access: 'exchange.approve' },
        schema: { tags: ['exchanges'], summary: "A party's approval", params: IdParams, body: VersionBody, response: answers(ExchangeDetail) },
      },
      async (req) => {
        await approve(ctx, authOf(req), req.params.id, req.body.version);
        return detail(ctx, authOf(req), req.params.id);
      },
    );

    app.post(
      '/api/exchanges/:id/endorse',
      {
        config: { access: 'exchange.endorse' },
        schema: { tags: ['exchanges'], summary: "A guarantor's endorsement", params: IdParams, body: VersionBody, response: answers(ExchangeDetail) },
      },
      async (req) => {
        await endorse(ctx, authOf(req), req.params.id, req.body.version);
        return detail(ctx, authOf(req), req.params.id);
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
          response: answers(ExchangeDetail),
        },
      },
      async (req) => {
        await schedule(ctx, authOf(req), req.params.id, req.body);
        return detail(ctx, authOf(req), req.params.id);
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
          response: answers(OutcomeRecorded),
        },
      },
      async (req) => recordOutcome(ctx, authOf(req), req.params.id, req.body),
    );

    app.post(
      '/api/exchanges/:id/withdraw',
      {
        config: { access: 'exchange.withdraw' },
        schema: {
          tags: ['exchanges'],
          summary: 'Withdraw a proposal before any release is recorded',
          params: IdParams,
          body: Withdraw,
          response: answers(ExchangeDetail),
        },
      },
      async (req) => {
        await withdraw(ctx, authOf(req), req.params.id, req.body);
        return detail(ctx, authOf(req), req.params.id);
      },
    );
  };
}
