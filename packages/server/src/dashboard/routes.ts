import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { authOf } from '../http/auth-hook.ts';
import { Responses } from '../http/schemas.ts';
import * as dashboard from './service.ts';

/**
 * Query strings stay strings (no coercion in this app): dates are patterned here and
 * checked as calendar days in the service, which names /query/from or /query/to.
 */
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (UTC day, included)' });
export const DashboardQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    allegedParty: Type.Optional(Type.String({ format: 'uuid' })),
    finding: Type.Optional(
      Type.Union([...dashboard.VERIFICATION_FILTERS.map((v) => Type.Literal(v))], { description: "the adopted finding's verification, or none" }),
    ),
  },
  { additionalProperties: false },
);
export type DashboardQueryInput = Static<typeof DashboardQuery>;
export const CellsQuery = Type.Object(
  {
    ...DashboardQuery.properties,
    resolution: Type.Optional(
      Type.Union([Type.Literal('5'), Type.Literal('6'), Type.Literal('7')], { description: 'H3 resolution: 5 (~253 km² cells), 6 (~36 km², the default) or 7 (~5 km²)' }),
    ),
  },
  { additionalProperties: false },
);
export type CellsQueryInput = Static<typeof CellsQuery>;

export const ClustersQuery = Type.Object(
  {
    ...DashboardQuery.properties,
    bbox: Type.Optional(Type.String({ maxLength: 120, description: 'The view as west,south,east,north in degrees (default: the whole world)' })),
    zoom: Type.Optional(Type.String({ pattern: '^(1?[0-9]|20)$', description: 'Web map zoom, 0–20 (default 6): sets the clustering grid' })),
  },
  { additionalProperties: false },
);
export type ClustersQueryInput = Static<typeof ClustersQuery>;

/** Dashboard and map (C8, C10); the exports are in exports/routes.ts. */
export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['dashboard'];
    app.get(
      '/api/dashboard',
      { config: { access: 'report.read' }, schema: { tags, summary: 'Counts by week, type, party and governorate, casualties, trend and open items', querystring: DashboardQuery, response: Responses } },
      async (req) => dashboard.dashboard(ctx.db, authOf(req), req.query),
    );
    app.get(
      '/api/map/points',
      { config: { access: 'report.read' }, schema: { tags, summary: `Reports as GeoJSON points (at most ${dashboard.POINT_LIMIT}; "truncated" says when more matched)`, querystring: DashboardQuery, response: Responses } },
      async (req, reply) => reply.type('application/geo+json').send(await dashboard.mapPoints(ctx.db, authOf(req), req.query)),
    );
    app.get(
      '/api/map/clusters',
      {
        config: { access: 'report.read' },
        schema: { tags, summary: 'The reports in a map view as clusters where dense and points elsewhere, bounded whatever the number of reports', querystring: ClustersQuery, response: Responses },
      },
      async (req, reply) => reply.type('application/geo+json').send(await dashboard.mapClusters(ctx.db, authOf(req), req.query)),
    );
    app.get(
      '/api/map/governorates',
      { config: { access: 'report.read' }, schema: { tags, summary: 'Report counts per governorate p-code, for the choropleth', querystring: DashboardQuery, response: Responses } },
      async (req) => dashboard.mapGovernorates(ctx.db, authOf(req), req.query),
    );
    app.get(
      '/api/map/cells',
      { config: { access: 'report.read' }, schema: { tags, summary: `Report counts per H3 hexagon as GeoJSON polygons (at most ${dashboard.CELL_LIMIT} cells, most first)`, querystring: CellsQuery, response: Responses } },
      async (req, reply) => reply.type('application/geo+json').send(await dashboard.mapCells(ctx.db, authOf(req), req.query)),
    );
    // The exports moved to exports/routes.ts, at the same addresses.
  };
}
