import type { Cell } from './csv.ts';
import type { Column } from './hxl.ts';
import type { ExportIncident, ExportReport } from './record.ts';
import { INCIDENT_COLUMNS, REPORT_COLUMNS } from './tables.ts';

/**
 * GeoJSON as RFC 7946 has it: a FeatureCollection of Features whose Point coordinates
 * are [longitude, latitude] in WGS 84 degrees (no "crs" member: RFC 7946 removed it),
 * at most 6 decimals (about 10 cm, more than any report claims). Properties are flat —
 * the table export's columns as numbers, booleans, strings or null — so that GIS programs
 * show them as attribute columns. The export's metadata rides in a foreign member.
 */
export interface Point {
  type: 'Point';
  coordinates: [number, number];
}

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Point | null;
  properties: Record<string, string | number | boolean | null>;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A WGS 84 point, or null when the numbers are not a place on Earth. */
export function point(lon: number | null, lat: number | null): Point | null {
  if (lon === null || lat === null || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return { type: 'Point', coordinates: [round6(lon), round6(lat)] };
}

function flat<R>(columns: readonly Column<R>[], record: R, leaveOut: ReadonlySet<string>) {
  const properties: Feature['properties'] = {};
  for (const c of columns) {
    if (leaveOut.has(c.header)) continue;
    const v: Cell = c.value(record);
    properties[c.header] = v === undefined ? null : v;
  }
  return properties;
}

const PLACE = new Set(['lat', 'lon']);

export function reportFeature(r: ExportReport): Feature {
  return { type: 'Feature', id: r.id, geometry: point(r.lon, r.lat), properties: flat(REPORT_COLUMNS, r, PLACE) };
}

/** An incident at the mean place of the reports this reader may open; no geometry when it may open none. */
export function incidentFeature(i: ExportIncident): Feature {
  return { type: 'Feature', id: i.id, geometry: point(i.lon, i.lat), properties: flat(INCIDENT_COLUMNS, i, PLACE) };
}

/** The opening of a FeatureCollection, its metadata first, for writing the features one by one. */
export function collectionOpening(metadata: object): string {
  return `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":[`;
}

export const COLLECTION_CLOSING = ']}';

/** A whole FeatureCollection at once (small exports and tests). */
export function featureCollection(features: Feature[], metadata: object) {
  return { type: 'FeatureCollection' as const, metadata, features };
}
