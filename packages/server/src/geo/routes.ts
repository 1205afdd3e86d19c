import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';
import { answers } from '../http/index.ts';
import { AreasAnswers, AreasQuery, AttributionResponse, GovernoratesResponse, LocateQuery, LocateResponse, PlacesQuery, PlacesResponse } from './schema.ts';
import { areaCollection } from './area-collection.ts';
import { geoData } from './geo-data.ts';
import { locatePoint } from './locate-point.ts';
import { searchPlaces } from './search-places.ts';

/** The boundaries change only with a release: a browser keeps them a week, then revalidates with the ETag. */
const AREAS_CACHE = 'private, max-age=604800';

/**
 * Geography (C2 places, C10 maps): the gazetteer for the place picker, the boundaries for
 * the offline map, point location for a pin on the map, and the attribution the data's
 * licence requires. Read-only and for every signed-in participant (`geo.read`).
 */
export function geoRoutes(_ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/geo/places',
      {
        config: { access: 'geo.read' },
        schema: {
          tags: ['geography'],
          summary: 'Search the gazetteer: populated places, districts and governorates by Arabic or English name, best first',
          querystring: PlacesQuery,
          response: answers(PlacesResponse),
        },
      },
      async (req) => searchPlaces(await geoData(), req.query),
    );

    app.get(
      '/api/geo/governorates',
      {
        config: { access: 'geo.read' },
        schema: {
          tags: ['geography'],
          summary: 'The governorates (level 1) by p-code, in English and Arabic: for filters, without their boundaries',
          response: answers(GovernoratesResponse),
        },
      },
      async () => ({ governorates: (await geoData()).areas.list(1).map((a) => ({ pcode: a.pcode, nameEn: a.nameEn, nameAr: a.nameAr })) }),
    );

    app.get(
      '/api/geo/areas',
      {
        config: { access: 'geo.read' },
        schema: {
          tags: ['geography'],
          summary: 'Governorates (level 1) or districts (level 2) as a GeoJSON FeatureCollection (RFC 7946), with ETag',
          querystring: AreasQuery,
          response: AreasAnswers,
        },
      },
      async (req, reply) => {
        const areas = areaCollection(await geoData(), req.query.level, {
          acceptEncoding: req.headers['accept-encoding'],
          ifNoneMatch: req.headers['if-none-match'],
        });
        reply.header('etag', areas.etag).header('cache-control', AREAS_CACHE).header('vary', 'accept-encoding');
        if (areas.notModified) return reply.code(304).send(null);
        if (areas.gzip) reply.header('content-encoding', 'gzip');
        return reply.type('application/geo+json').send(areas.body);
      },
    );

    app.get(
      '/api/geo/locate',
      {
        config: { access: 'geo.read' },
        schema: {
          tags: ['geography'],
          summary: 'The governorate and district containing a point (404 outside the country)',
          querystring: LocateQuery,
          response: answers(LocateResponse),
        },
      },
      async (req) => locatePoint(await geoData(), req.query),
    );

    app.get(
      '/api/geo/attribution',
      {
        config: { access: 'geo.read' },
        schema: {
          tags: ['geography'],
          summary: 'The attribution the boundaries and gazetteer require, to show with maps',
          response: answers(AttributionResponse),
        },
      },
      async () => ({ text: (await geoData()).attribution }),
    );
  };
}
