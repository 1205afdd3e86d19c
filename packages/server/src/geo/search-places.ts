import { badRequest } from '../errors/index.ts';
import type { GeoData } from './geo-data.ts';
import type { PlacesQuery, PlacesResponse } from './schema.ts';

export const MAX_PLACES = 50;

/** Gazetteer search for the place picker. Throws 400 naming the parameter that is out of range. */
export function searchPlaces(data: GeoData, query: PlacesQuery): PlacesResponse {
  const limit = query.limit === undefined ? 10 : Number(query.limit);
  if (limit < 1 || limit > MAX_PLACES) {
    throw badRequest(`limit must be from 1 to ${MAX_PLACES}.`, [{ path: '/query/limit', message: `must be from 1 to ${MAX_PLACES}` }]);
  }
  if (query.adm1 !== undefined && data.areas.get(query.adm1)?.level !== 1) {
    throw badRequest(`${query.adm1} is not a governorate.`, [{ path: '/query/adm1', message: 'is not the p-code of a governorate (SY01…SY14)' }]);
  }
  return { places: data.gazetteer.search(query.q, { limit, adm1: query.adm1 }) };
}
