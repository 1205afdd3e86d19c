import { badRequest, notFound, type FieldError } from '../errors/index.ts';
import type { GeoData } from './geo-data.ts';
import type { LocateQuery, LocateResponse } from './schema.ts';

/** The governorate and district at a point. Throws 400 for impossible coordinates, 404 outside the country. */
export function locatePoint(data: GeoData, query: LocateQuery): LocateResponse {
  const lat = Number(query.lat);
  const lon = Number(query.lon);
  const errors: FieldError[] = [];
  if (!(lat >= -90 && lat <= 90)) errors.push({ path: '/query/lat', message: 'latitude must be from -90 to 90' });
  if (!(lon >= -180 && lon <= 180)) errors.push({ path: '/query/lon', message: 'longitude must be from -180 to 180' });
  if (errors.length > 0) throw badRequest(`The point is not on Earth: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  const found = data.areas.locate(lon, lat);
  if (!found) throw notFound(`The point (lat ${lat}, lon ${lon}) is outside the administrative boundaries that ship with Truce.`);
  return found;
}
