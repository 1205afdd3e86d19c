import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { answers, authOf, IdParams } from '../http/index.ts';
import { addIncidentReport } from './add-incident-report.ts';
import { assessIncident } from './assess-incident.ts';
import { createIncident } from './create-incident.ts';
import { mergeIncidents } from './merge-incidents.ts';
import { reopenFinding } from './reopen-finding.ts';
import { replyToIncident } from './reply-to-incident.ts';
import { splitIncidentReport } from './split-incident-report.ts';
import { endReplyPeriod } from './end-reply-period.ts';
import { groupingFor } from './proposals.ts';
import {
  assessmentBody,
  EndReplyPeriodBody,
  Grouping,
  Incident,
  IncidentAfterReplyPeriod,
  IncidentList,
  IncidentListQuery,
  IncidentReportBody,
  MergeBody,
  NewIncidentBody,
  ReopenBody,
  replyBody,
  TriageQuery,
  TriageQueue,
} from './schema.ts';
import { triageQueue } from './triage-queue.ts';
import { listIncidents } from './list-incidents.ts';
import { viewIncident } from './view-incident.ts';

/** Incidents (C3): grouping, right of reply, assessments, findings. */
export function incidentRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const ReplyBody = replyBody(ctx.config.textMaxChars);
  const AssessmentBody = assessmentBody(ctx.config.textMaxChars);
  return async (app) => {
    app.get(
      '/api/reports/:id/grouping',
      {
        config: { access: 'incident.manage' },
        schema: { tags: ['incidents'], summary: 'Incidents this report may belong to, with the reasons', params: IdParams, response: answers(Grouping) },
      },
      async (req) => groupingFor(ctx.db, authOf(req), req.params.id),
    );

    app.get(
      '/api/incidents/triage',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Reports still to sort into incidents, newest first, with where each may go',
          description: 'Pages: pass `next` as `cursor`. `total` counts every report in no incident yet (withdrawn ones are not to sort).',
          querystring: TriageQuery,
          response: answers(TriageQueue),
        },
      },
      async (req) => triageQueue(ctx.db, authOf(req), { limit: Number(req.query.limit ?? 25), cursor: req.query.cursor }),
    );

    app.get(
      '/api/incidents',
      {
        config: { access: 'incident.read' },
        schema: {
          tags: ['incidents'],
          summary: 'Incidents this user may see, newest first, a page at a time',
          description: 'Pages: pass `next` as `before` to get the next page; `next` is null on the last. `total` counts every incident that meets the filters.',
          querystring: IncidentListQuery,
          response: answers(IncidentList),
        },
      },
      async (req) => {
        const q = req.query;
        const query = {
          limit: Math.min(Number(q.limit ?? 100), 500),
          before: q.before,
          finding: q.finding,
          allegedParty: q.allegedParty,
          type: q.type,
          reply: q.reply ? { state: q.reply, now: ctx.clock.now() } : undefined,
        };
        return listIncidents(ctx.db, authOf(req), query);
      },
    );

    app.post(
      '/api/incidents',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Group reports into a new incident',
          body: NewIncidentBody,
          response: answers({ 201: Incident }),
        },
      },
      async (req, reply) => reply.code(201).send(await createIncident(ctx, authOf(req), req.body.reportIds)),
    );

    app.get(
      '/api/incidents/:id',
      {
        config: { access: 'incident.read' },
        schema: {
          tags: ['incidents'],
          summary: 'An incident with its reports, replies, assessments, finding and timeline',
          params: IdParams,
          response: answers(Incident),
        },
      },
      async (req) => viewIncident(ctx.db, authOf(req), req.params.id, ctx.clock.now()),
    );

    app.post(
      '/api/incidents/:id/reports',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Add a report to the incident',
          params: IdParams,
          body: IncidentReportBody,
          response: answers(Incident),
        },
      },
      async (req) => addIncidentReport(ctx, authOf(req), req.params.id, req.body.reportId, req.body.version),
    );

    app.post(
      '/api/incidents/:id/split',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Split a report off the incident',
          params: IdParams,
          body: IncidentReportBody,
          response: answers(Incident),
        },
      },
      async (req) => splitIncidentReport(ctx, authOf(req), req.params.id, req.body.reportId, req.body.version),
    );

    app.post(
      '/api/incidents/:id/merge',
      {
        config: { access: 'incident.manage' },
        schema: {
          tags: ['incidents'],
          summary: 'Merge another incident into this one',
          params: IdParams,
          body: MergeBody,
          response: answers(Incident),
        },
      },
      async (req) => mergeIncidents(ctx, authOf(req), req.params.id, req.body.incidentId, req.body.version),
    );

    app.post(
      '/api/incidents/:id/replies',
      {
        config: { access: 'incident.reply' },
        schema: {
          tags: ['incidents'],
          summary: "The accused party's reply, before the deadline",
          params: IdParams,
          body: ReplyBody,
          response: answers({ 201: Incident }),
        },
      },
      async (req, reply) =>
        reply.code(201).send(await replyToIncident(ctx, authOf(req), req.params.id, { text: req.body.text, evidence: req.body.evidence ?? [] })),
    );

    app.post(
      '/api/incidents/:id/assessments',
      {
        config: { access: 'incident.assess' },
        schema: {
          tags: ['incidents'],
          summary: "A guarantor's assessment: verification, then attribution; adopts the finding when the decision rule is met",
          params: IdParams,
          body: AssessmentBody,
          response: answers({ 201: Incident }),
        },
      },
      async (req, reply) => reply.code(201).send(await assessIncident(ctx, authOf(req), req.params.id, req.body)),
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
          body: EndReplyPeriodBody,
          response: answers(IncidentAfterReplyPeriod),
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
          body: ReopenBody,
          response: answers(Incident),
        },
      },
      async (req) => reopenFinding(ctx, authOf(req), req.params.id, req.body),
    );
  };
}
