import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams } from '../http/index.ts';
import { decideMatch } from './decide-match.ts';
import { listCandidates } from './list-candidates.ts';
import { listDecisions } from './list-decisions.ts';
import { listMatches } from './list-matches.ts';
import { listRuns } from './list-runs.ts';
import { requestRun } from './request-run.ts';
import { showRun } from './show-run.ts';
import {
  CandidatesPage,
  CandidatesQuery,
  ConfirmedMatches,
  Decision,
  DecisionList,
  DecisionsQuery,
  DecisionTaken,
  MatchesQuery,
  MatchRun,
  MatchRuns,
  RunRequest,
} from './schema.ts';

/** Matching (C5): runs, their candidates side by side, reviewers' decisions. */
export function matchingRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/match-runs',
      {
        config: { access: 'detainees.match' },
        schema: {
          tags: ['matching'],
          summary: 'Queue a matching run on the current versions: a sought list against a held list, or one list alone for duplicates',
          body: RunRequest,
          response: answers({ 202: MatchRun }),
        },
      },
      async (req, reply) => reply.code(202).send(await requestRun(ctx, authOf(req), req.body)),
    );

    app.get(
      '/api/match-runs',
      { config: { access: 'detainees.match' }, schema: { tags: ['matching'], summary: 'The latest matching runs', response: answers(MatchRuns) } },
      async (req) => listRuns(ctx, authOf(req), 100),
    );

    app.get(
      '/api/match-runs/:id',
      {
        config: { access: 'detainees.match' },
        schema: { tags: ['matching'], summary: 'A run: its state and figures', params: IdParams, response: answers(MatchRun) },
      },
      async (req) => showRun(ctx, authOf(req), req.params.id),
    );

    app.get(
      '/api/match-runs/:id/candidates',
      {
        config: { access: 'detainees.match' },
        schema: {
          tags: ['matching'],
          summary: "A run's candidate pairs, best first, with both records, the explanation and any decision (the view is recorded)",
          params: IdParams,
          querystring: CandidatesQuery,
          response: answers(CandidatesPage),
        },
      },
      async (req) => {
        const { band, decision, limit, offset } = req.query;
        return listCandidates(ctx, authOf(req), req.params.id, { band, decision, limit: Math.min(Number(limit ?? 50), 200), offset: Number(offset ?? 0) });
      },
    );

    app.put(
      '/api/match-decisions',
      {
        config: { access: 'detainees.review' },
        schema: {
          tags: ['matching'],
          summary: 'Confirm or reject a candidate pair (to change a decision, send the version you saw)',
          body: Decision,
          response: answers(DecisionTaken),
        },
      },
      async (req) => decideMatch(ctx, authOf(req), req.body),
    );

    app.get(
      '/api/match-decisions',
      {
        config: { access: 'detainees.match' },
        schema: {
          tags: ['matching'],
          summary: 'The decisions taken on pairs of persons of a sought and a held list (or one list, for duplicates), with notes and versions',
          querystring: DecisionsQuery,
          response: answers(DecisionList),
        },
      },
      async (req) => listDecisions(ctx, authOf(req), req.query),
    );

    app.get(
      '/api/matches',
      {
        config: { access: 'detainees.match' },
        schema: { tags: ['matching'], summary: 'Confirmed matches: persons in both lists', querystring: MatchesQuery, response: answers(ConfirmedMatches) },
      },
      async (req) => listMatches(ctx, authOf(req), req.query),
    );
  };
}
