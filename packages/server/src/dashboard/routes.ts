import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers, authOf } from '../http/index.ts';
import { CellsQuery, ClustersQuery, Dashboard, DashboardQuery, MapCells, MapClusters, MapGovernorates, MapPoints } from './schema.ts';
import { CELL_LIMIT, mapCells } from './map-cells.ts';
import { mapClusters } from './map-clusters.ts';
import { mapGovernorates } from './map-governorates.ts';
import { mapPoints, POINT_LIMIT } from './map-points.ts';
import { dashboard } from './view-dashboard.ts';

/** Dashboard and map (C8, C10); the exports are in exports/routes.ts. */
export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['dashboard'];
    app.get(
      '/api/dashboard',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: 'Counts by week, type, party and governorate, casualties, trend and open items',
          querystring: DashboardQuery,
          response: answers(Dashboard),
        },
      },
      async (req) => dashboard(ctx.db, authOf(req), req.query, ctx.clock.now()),
    );
    app.get(
      '/api/map/points',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: `Reports as GeoJSON points (at most ${POINT_LIMIT}; "truncated" says when more matched)`,
          querystring: DashboardQuery,
          response: answers(MapPoints),
        },
      },
      async (req, reply) => {
        // The database wrote the JSON text (rollup.pointsJson), as MapPoints describes it: a string goes out as it is.
        const text = await mapPoints(ctx.db, authOf(req), req.query, ctx.clock.now());
        return reply.type('application/geo+json').send(text as unknown as MapPoints);
      },
    );
    app.get(
      '/api/map/clusters',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: 'The reports in a map view as clusters where dense and points elsewhere, bounded whatever the number of reports',
          querystring: ClustersQuery,
          response: answers(MapClusters),
        },
      },
      async (req, reply) => reply.type('application/geo+json').send(await mapClusters(ctx.db, authOf(req), req.query, ctx.clock.now())),
    );
    app.get(
      '/api/map/governorates',
      {
        config: { access: 'report.read' },
        schema: { tags, summary: 'Report counts per governorate p-code, for the choropleth', querystring: DashboardQuery, response: answers(MapGovernorates) },
      },
      async (req) => mapGovernorates(ctx.db, authOf(req), req.query, ctx.clock.now()),
    );
    app.get(
      '/api/map/cells',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: `Report counts per H3 hexagon as GeoJSON polygons (at most ${CELL_LIMIT} cells, most first)`,
          querystring: CellsQuery,
          response: answers(MapCells),
        },
        // Megabytes of nested coordinates: the engine's own JSON.stringify writes them faster
        // than a compiled serialiser, and drops nothing; the schema still documents the answer,
        // and the test suites still check each answer against it (http/response-check.ts).
        serializerCompiler: () => JSON.stringify,
      },
      async (req, reply) => reply.type('application/geo+json').send(await mapCells(ctx.db, authOf(req), req.query, ctx.clock.now())),
    );
    // The exports moved to exports/routes.ts, at the same addresses.
  };
}
