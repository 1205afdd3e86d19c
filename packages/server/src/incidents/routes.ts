import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { VERIFICATIONS } from '@truce/core/incidents/findings';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { badRequest, notFound } from '../errors/index.ts';
import { IdParams, Responses, Text, Uuid, Version } from '../http/index.ts';
import { can } from '@truce/core/policy/policy';
import { scopeOf } from '../reports/index.ts';
import { reportsStore as reportStore } from '../reports/index.ts';
import * as commands from './commands.ts';
import { proposalsFor } from './proposals.ts';
import { listIncidents, viewIncident } from './view.ts';
import { endReplyPeriod } from './end-reply-period.ts';

const closed = { additionalProperties: false } as const;
const Attribution = Type.Union([
  Type.Object({ kind: Type.Literal('alleged') }, closed),
  Type.Object({ kind: Type.Literal('other-party'), organisationId: Uuid }, closed),
  Type.Object({ kind: Type.Literal('undetermined') }, closed),
]);
/** Query strings stay strings (no coercion in this app). */
const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'At most this many incidents (default 100, at most 500)' })),
    before: Type.Optional(Type.String({ format: 'uuid', description: 'Cursor: only incidents listed after this one (the last of the previous page)' })),
    finding: Type.Optional(
      Type.Union(
        [...VERIFICATIONS, 'none' as const].map((v) => Type.Literal(v)),
        { description: 'The verification of the finding that stands, or none (no finding adopted, or reopened)' },
      ),
    ),
    allegedParty: Type.Optional(Type.String({ format: 'uuid', description: 'Incidents with a report that accuses this party' })),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Incidents with a report of this type code' })),
  },
  closed,
);
const Sha256List = Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { maxItems: 50, default: [] });

/** Incidents (C3): grouping, right of reply, assessments, findings. */
export function incidentRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/reports/:id/grouping',
      {
        config: { access: 'incident.manage' },
        schema: { tags: ['incidents'], summary: 'Incidents this report may belong to, with the reasons', params: IdParams, response: Responses },
      },
      async (req) => {
        const report = await reportStore.findReport(ctx.db, req.params.id);
        if (!report || !can(authOf(req).actor, 'report.read', scopeOf(report))) throw notFound('There is no such report.');
        const settings = await ctx.db.selectFrom('mechanism').select(['grouping_window_hours', 'grouping_distance_km']).executeTakeFirstOrThrow();
        return proposalsFor(ctx.db, req.params.id, { windowHours: settings.grouping_window_hours, distanceKm: settings.grouping_distance_km });
      },
    );

    app.get(
      '/api/incidents',
      {
        config: { access: 'incident.read' },
        schema: {
          tags: ['incidents'],
          summary: 'Incidents this user may see, newest first, a page at a time',
          description: 'Pages: pass the id of the last incident of a page as `before` to get the next one; a page shorter than `limit` is the last.',
          querystring: ListQuery,
          response: Responses,
        },
      },
      async (req) => {
        const q = req.query;
        const query = { limit: Math.min(Number(q.limit ?? 100), 500), before: q.before, finding: q.finding, allegedParty: q.allegedParty, type: q.type };
        return { incidents: await listIncidents(ctx.db, authOf(req), query) };
      },
    );

    app.post(
      '/api/incidents',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Group reports into a new incident',
          body: Type.Object({ reportIds: Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }) }, closed),
          response: Responses,
        },
      },
      async (req, reply) => reply.code(201).send(await commands.createIncident(ctx, authOf(req), req.body.reportIds)),
    );

    app.get(
      '/api/incidents/:id',
      {
        config: { access: 'incident.read' },
        schema: {
          tags: ['incidents'],
          summary: 'An incident with its reports, replies, assessments, finding and timeline',
          params: IdParams,
          response: Responses,
        },
      },
      async (req) => viewIncident(ctx.db, authOf(req), req.params.id),
    );

    app.post(
      '/api/incidents/:id/reports',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Add a report to the incident',
          params: IdParams,
          body: Type.Object({ reportId: Uuid, version: Version }, closed),
          response: Responses,
        },
      },
      async (req) => commands.addReport(ctx, authOf(req), req.params.id, req.body.reportId, req.body.version),
    );

    app.post(
      '/api/incidents/:id/split',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Split a report off the incident',
          params: IdParams,
          body: Type.Object({ reportId: Uuid, version: Version }, closed),
          response: Responses,
        },
      },
      async (req) => commands.removeReport(ctx, authOf(req), req.params.id, req.body.reportId, req.body.version),
    );

    app.post(
      '/api/incidents/:id/merge',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Merge another incident into this one',
          params: IdParams,
          body: Type.Object({ incidentId: Uuid, version: Version }, closed),
          response: Responses,
        },
      },
      async (req) => commands.mergeIncident(ctx, authOf(req), req.params.id, req.body.incidentId, req.body.version),
    );

    app.post(
      '/api/incidents/:id/replies',
      {
        config: { access: 'incident.reply' },
        schema: {
          tags: ['incidents'],
          summary: "The accused party's reply, before the deadline",
          params: IdParams,
          body: Type.Object({ text: Text(ctx.config.textMaxChars, 1), evidence: Sha256List }, closed),
          response: Responses,
        },
      },
      async (req, reply) =>
        reply.code(201).send(await commands.reply(ctx, authOf(req), req.params.id, { text: req.body.text, evidence: req.body.evidence ?? [] })),
    );

    app.post(
      '/api/incidents/:id/assessments',
      {
        config: { access: 'incident.assess' },
        schema: {
          tags: ['incidents'],
          summary: "A guarantor's assessment: verification, then attribution; adopts the finding when the decision rule is met",
          params: IdParams,
          body: Type.Object(
            { verification: Type.Union(VERIFICATIONS.map((v) => Type.Literal(v))), attribution: Attribution, reasoning: Text(ctx.config.textMaxChars, 1) },
            closed,
          ),
          response: Responses,
        },
      },
      async (req, reply) => reply.code(201).send(await commands.assess(ctx, authOf(req), req.params.id, req.body as Parameters<typeof commands.assess>[3])),
    );

    app.post(
      '/api/incidents/:id/reply-period/end',
      {
        config: { access: 'incident.reply_period.end' },
        schema: {
          tags: ['incidents'],
          summary: 'End the reply period before its deadline, with a reason the accused party reads on the incident',
          description:
            'Logged as `incident.reply_period_ended` (the reason sealed). A finding whose assessments already meet the decision rule is adopted at once. 409 `reply_period_over` when every accused party replied, the deadline passed or the period was ended already.',
          params: IdParams,
          body: Type.Object({ reason: Text(2_000, 1) }, closed),
          response: Responses,
        },
      },
      async (req) => {
        const reason = req.body.reason.trim();
        if (!reason) throw badRequest('The reason must say something.', [{ path: '/body/reason', message: 'must not be blank' }]);
        return endReplyPeriod(ctx, authOf(req), req.params.id, reason);
      },
    );

    app.post(
      '/api/incidents/:id/reopen',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Reopen the adopted finding, with a reason',
          params: IdParams,
          body: Type.Object({ reason: Text(2_000, 1), version: Version }, closed),
          response: Responses,
        },
      },
      async (req) => commands.reopen(ctx, authOf(req), req.params.id, req.body),
    );
  };
}
