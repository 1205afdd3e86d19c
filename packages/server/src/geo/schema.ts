import { Type, type Static } from '@sinclair/typebox';
import { fileAnswers } from '../http/index.ts';

/*
 * Shapes of the geography routes. Query strings are strings: type coercion is off in this
 * app, so numbers are declared as patterned strings and converted (and range-checked) by
 * the service, which names the failing parameter.
 */

const WholeNumber = Type.String({ pattern: '^[0-9]{1,4}$', description: 'a whole number' });
const Degrees = Type.String({ pattern: '^-?[0-9]{1,3}(\\.[0-9]{1,15})?$', description: 'decimal degrees (WGS84), e.g. 36.2021' });
const GovernoratePcode = Type.String({ pattern: '^SY[0-9]{2}$', description: 'OCHA p-code of a governorate, SY01…SY14' });

export const PlacesQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'a name in Arabic or in any usual Latin transliteration, or its beginning' }),
    limit: Type.Optional({ ...WholeNumber, description: 'at most this many places, 1–50 (default 10)' }),
    adm1: Type.Optional(GovernoratePcode),
  },
  { additionalProperties: false },
);
export type PlacesQuery = Static<typeof PlacesQuery>;

export const AreasQuery = Type.Object(
  { level: Type.String({ pattern: '^[12]$', description: '1 for governorates, 2 for districts' }) },
  { additionalProperties: false },
);

export const LocateQuery = Type.Object({ lat: Degrees, lon: Degrees }, { additionalProperties: false });
export type LocateQuery = Static<typeof LocateQuery>;

export const AreaRef = Type.Object({ pcode: Type.String(), nameEn: Type.String(), nameAr: Type.String() });

export const GeoPlace = Type.Object({
  pcode: Type.String({ description: 'OCHA p-code: C#### for a place, SY#### for a district, SY## for a governorate' }),
  kind: Type.Union([Type.Literal('place'), Type.Literal('district'), Type.Literal('governorate')], {
    description: 'also the geo-precision of a report placed here',
  }),
  nameEn: Type.String(),
  nameAr: Type.String(),
  lat: Type.Number({ description: 'WGS84; for an area, a point inside it where its label goes' }),
  lon: Type.Number(),
  adm1: AreaRef,
  adm2: Type.Optional({ ...AreaRef, description: 'absent for a governorate' }),
  adm3: Type.Optional({ ...AreaRef, description: 'the sub-district, for a place' }),
});

export type AreaRef = Static<typeof AreaRef>;
export type GeoPlace = Static<typeof GeoPlace>;

export const PlacesResponse = Type.Object({ places: Type.Array(GeoPlace) });

/** The governorates by name, for a filter: small, unlike their boundaries. */
export const GovernoratesResponse = Type.Object({ governorates: Type.Array(AreaRef) });
export type PlacesResponse = Static<typeof PlacesResponse>;

export const LocateResponse = Type.Object({
  adm1: AreaRef,
  adm2: Type.Union([AreaRef, Type.Null()], { description: 'null only on a district border the outline does not close' }),
});
export type LocateResponse = Static<typeof LocateResponse>;

export const AttributionResponse = Type.Object({
  text: Type.String({ description: 'to show with every map and export that uses the boundaries or the gazetteer' }),
});
export type AttributionResponse = Static<typeof AttributionResponse>;

/**
 * GET /api/geo/areas answers with prepared bytes (a Buffer is never re-serialised, gzip
 * when the browser takes it): an RFC 7946 FeatureCollection, each feature an area with its
 * p-code and names; 304 when the ETag still holds.
 */
const AREAS = 'the governorates or districts as an RFC 7946 GeoJSON FeatureCollection';
const AreaCollection = Type.Unsafe<Buffer>(
  Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(
        Type.Object({
          type: Type.Literal('Feature'),
          id: Type.String({ description: 'the p-code' }),
          properties: Type.Object({
            pcode: Type.String(),
            name_en: Type.String(),
            name_ar: Type.String(),
            adm1_pcode: Type.Optional(Type.String({ description: "a district's governorate" })),
          }),
          geometry: Type.Object({}, { additionalProperties: true, description: 'Polygon or MultiPolygon (WGS84)' }),
        }),
      ),
    },
    { description: AREAS },
  ),
);
export const AreasAnswers = {
  ...fileAnswers(['application/geo+json'], AREAS),
  200: { description: AREAS, content: { 'application/geo+json': { schema: AreaCollection } } },
  304: Type.Null({ description: 'not modified: the ETag still holds' }),
};
