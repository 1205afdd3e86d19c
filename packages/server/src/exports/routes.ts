import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportFileName, MEDIA_TYPE, type ExportDataset, type ExportFormat } from '@truce/core/exports/format';
import { headerValue } from '@truce/core/exports/scope';
import type { Actor } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/index.ts';
import { DashboardQuery } from '../dashboard/index.ts';
import { renderIncidents, renderReports } from './render.ts';
import { ExportFile, IncidentExportQuery, ReportExportQuery, type IncidentExportQueryInput, type ReportExportQueryInput } from './schema.ts';
import { metadataOf, type ExportHeader } from './export-header.ts';
import { exportIncidents } from './export-incidents.ts';
import { exportReports } from './export-reports.ts';

/** The short, machine-readable scope of the earlier export routes, kept for the scripts that read it. */
const scopeNote = (actor: Actor) =>
  `reports visible to organisation ${actor.orgId} (${actor.orgKind}); sources omitted; sealed locations rounded to 0.1 degree unless visible to this reader`;

/** The headers every export carries: the file, what it holds and under which rights. */
function exportHeaders(reply: FastifyReply, actor: Actor, format: ExportFormat, fileName: string, h: ExportHeader) {
  reply
    .type(MEDIA_TYPE[format])
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('x-truce-export-scope', headerValue(h.statement))
    .header('x-truce-scope', scopeNote(actor))
    .header('x-truce-row-limit', String(h.limit))
    .header('x-truce-truncated', String(h.truncated))
    .header('cache-control', 'no-store');
  if (h.matched !== null) reply.header('x-truce-matched', String(h.matched)).header('x-truce-count', String(Math.min(h.matched, h.limit)));
}

const describeHeaders =
  'Every export says under which rights it was drawn: `X-Truce-Export-Scope` (the statement, percent-encoded UTF-8 where not ASCII), and in JSON and GeoJSON the `metadata` member (organisation, filter, generation time, the statement, what was withheld). `X-Truce-Matched`, `X-Truce-Row-Limit` and `X-Truce-Truncated` say whether the row limit (TRUCE_EXPORT_MAX_ROWS, or `limit`) cut it short.';

/** The language of an export's names: the one asked for, else the reader's chosen language, else English. */
const readerLanguage = (auth: ReturnType<typeof authOf>, lang: string | undefined) => lang ?? auth.user.language ?? 'en';

/** Exports of reports and incidents (C8), for the lists and the map. */
export function exportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const tags = ['exports'];
  return async (app) => {
    async function reports(
      reply: FastifyReply,
      actor: Actor,
      format: ExportFormat,
      query: Parameters<typeof exportReports>[2],
      legacy: boolean,
      lang?: string,
    ) {
      const auth = authOf(reply.request);
      // ACLED's columns are read against its English codebook: its names stay English.
      const language = format === 'acled' ? 'en' : readerLanguage(auth, lang);
      const out = await exportReports(ctx.db, auth, query, { maxRows: ctx.config.exportMaxRows, format, legacy, now: ctx.clock.now(), language });
      const parts = out.period ? [out.period.from, out.period.to] : [query.from ?? 'start', query.to ?? out.generatedAt.slice(0, 10)];
      exportHeaders(reply, actor, format, exportFileName('reports', format, parts), out);
      const body = renderReports(format, out.pages, metadataOf('reports', format, out), out.names);
      return reply.send(Readable.from(body));
    }

    app.get(
      '/api/exports/reports',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: 'The reports this reader may see, under the filters of the list and the map, as CSV, CSV with HXL, ACLED CSV, GeoJSON or JSON',
          description: `Without dates, every report. Withdrawn reports are included and marked (left out of ACLED unless \`withdrawn=include\`). ${describeHeaders}`,
          querystring: ReportExportQuery,
          response: ExportFile.reports,
        },
      },
      async (req, reply) => {
        const { format, lang, ...query } = req.query as ReportExportQueryInput;
        return reports(reply, authOf(req).actor, format, query, false, lang);
      },
    );

    app.get(
      '/api/exports/incidents',
      {
        config: { access: 'incident.read' },
        schema: {
          tags,
          summary: 'The incidents this reader may see, under the filters of the incident list, as CSV, CSV with HXL, GeoJSON or JSON',
          description: `Newest first. An incident's place and casualty figures come from the reports this reader may open. ${describeHeaders}`,
          querystring: IncidentExportQuery,
          response: ExportFile.incidents,
        },
      },
      async (req, reply) => {
        const auth = authOf(req);
        const { format, lang, ...query } = req.query as IncidentExportQueryInput;
        const out = await exportIncidents(ctx.db, auth, query, {
          maxRows: ctx.config.exportMaxRows,
          now: ctx.clock.now(),
          language: readerLanguage(auth, lang),
        });
        const dataset: ExportDataset = 'incidents';
        exportHeaders(reply, auth.actor, format, exportFileName(dataset, format, [out.generatedAt.slice(0, 10)]), out);
        return reply.send(Readable.from(renderIncidents(format, out.incidents, metadataOf(dataset, format, out))));
      },
    );

    // The first export routes, kept at their addresses: the dashboard's period (four weeks by default) and its filters.
    app.get(
      '/api/reports/export.csv',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: 'The filtered reports as CSV, as this reader may see them (see /api/exports/reports)',
          querystring: DashboardQuery,
          response: ExportFile.csv,
        },
      },
      async (req, reply) => reports(reply, authOf(req).actor, 'csv', req.query, true),
    );
    app.get(
      '/api/reports/export.geojson',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: 'The filtered reports as an RFC 7946 FeatureCollection, as this reader may see them (see /api/exports/reports)',
          querystring: DashboardQuery,
          response: ExportFile.geojson,
        },
      },
      async (req, reply) => reports(reply, authOf(req).actor, 'geojson', req.query, true),
    );
  };
}
