import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf, IdParams } from '../http/index.ts';
import {
  correctionSchema,
  FilingHeaders,
  Report,
  reportContentSchema,
  ReportList,
  ReportListQuery,
  ReportLogEntries,
  ReportVersions,
  WithdrawSchema,
} from './schema.ts';
import { correctReport } from './correct-report.ts';
import { viewReport } from './view-report.ts';
import { fileReport } from './file-report.ts';
import { listReportVersions } from './list-report-versions.ts';
import { listReports } from './list-reports.ts';
import { reportLogEntries } from './report-log-entries.ts';
import { withdrawReport } from './withdraw-report.ts';

/** Violation reports (C2): file, list, read with every version, correct, withdraw. */
export function reportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const ReportContentSchema = reportContentSchema(ctx.config.textMaxChars);
  const CorrectionSchema = correctionSchema(ctx.config.textMaxChars);
  return async (app) => {
    app.post(
      '/api/reports',
      {
        config: { access: 'report.file' },
        schema: {
          tags: ['reports'],
          summary: 'File a violation report (evidence first through /api/evidence)',
          description:
            'Send an `Idempotency-Key` (1–100 letters, digits, `-`, `_`, `.`, `:`; a UUID will do) to make the filing safe to retry: the same report sent again with the same key returns the report already filed, with `Idempotent-Replayed: true`, and files nothing. A different report under a used key is refused with 422.',
          headers: FilingHeaders,
          body: ReportContentSchema,
          response: answers({ 201: Report }),
        },
      },
      async (req, reply) => {
        const { report, replayed } = await fileReport(ctx, authOf(req), req.body, req.headers['idempotency-key']);
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).header('etag', `"v${report.version}"`).header('location', `/api/reports/${report.id}`).send(report);
      },
    );

    app.get(
      '/api/reports',
      {
        config: { access: 'report.read' },
        schema: { tags: ['reports'], summary: 'Reports this user may see, newest first', querystring: ReportListQuery, response: answers(ReportList) },
      },
      async (req) => {
        const { limit, ungrouped, ...filter } = req.query;
        return listReports(ctx.db, authOf(req), { ...filter, ungrouped: ungrouped === 'true', limit: Math.min(Number(limit ?? 100), 500) });
      },
    );

    app.get(
      '/api/reports/:id',
      {
        config: { access: 'report.read' },
        schema: { tags: ['reports'], summary: 'A report, its latest version', params: IdParams, response: answers(Report) },
      },
      async (req, reply) => {
        const report = await viewReport(ctx.db, authOf(req), req.params.id);
        return reply.header('etag', `"v${report.version}"`).send(report);
      },
    );

    app.get(
      '/api/reports/:id/versions',
      {
        config: { access: 'report.read' },
        schema: { tags: ['reports'], summary: 'Every version of a report, oldest first', params: IdParams, response: answers(ReportVersions) },
      },
      async (req) => ({ versions: await listReportVersions(ctx.db, authOf(req), req.params.id) }),
    );

    app.get(
      '/api/reports/:id/log-entries',
      {
        config: { access: 'report.read' },
        schema: {
          tags: ['reports'],
          summary: "The log indexes of a report's versions and withdrawal, to ask for their receipts",
          params: IdParams,
          response: answers(ReportLogEntries),
        },
      },
      async (req) => reportLogEntries(ctx.db, authOf(req), req.params.id),
    );

    app.post(
      '/api/reports/:id/versions',
      {
        config: { access: 'report.correct' },
        schema: {
          tags: ['reports'],
          summary: 'Correct a report: a new version (refused with 409 if `version` is not the latest)',
          params: IdParams,
          body: CorrectionSchema,
          response: answers({ 201: Report }),
        },
      },
      async (req, reply) => {
        const report = await correctReport(ctx, authOf(req), req.params.id, req.body);
        return reply.code(201).header('etag', `"v${report.version}"`).send(report);
      },
    );

    app.post(
      '/api/reports/:id/withdraw',
      {
        config: { access: 'report.correct' },
        schema: { tags: ['reports'], summary: 'Withdraw a report (it stays readable)', params: IdParams, body: WithdrawSchema, response: answers(Report) },
      },
      async (req) => withdrawReport(ctx, authOf(req), req.params.id, req.body),
    );
  };
}
