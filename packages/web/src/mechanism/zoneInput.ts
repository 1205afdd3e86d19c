import { boundingBox, extractZoneGeometry, type ZoneGeometry } from '@truce/core/mechanism/geojson';

/** The server accepts zone bodies up to 8 MiB. */
export const MAX_ZONE_BYTES = 8 * 1024 * 1024;

export type ZoneInput =
  | { ok: true; geometry: ZoneGeometry; bbox: [number, number, number, number]; positions: number; polygons: number }
  | { ok: false; error: 'empty' | 'json' | 'geometry'; message?: string; path?: string };

/**
 * Reads pasted or uploaded GeoJSON — a bare Polygon/MultiPolygon, a Feature, or a
 * FeatureCollection of one feature — with the same checks the server makes, so a mistake
 * is named (with its place in the file) before anything is sent.
 */
export function readZoneGeoJson(text: string): ZoneInput {
  if (!text.trim()) return { ok: false, error: 'empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: 'json', message: err instanceof Error ? err.message : String(err) };
  }
  const { geometry, error } = extractZoneGeometry(parsed);
  if (!geometry) return { ok: false, error: 'geometry', message: error?.message, path: error?.path };
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const positions = polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0);
  return { ok: true, geometry, bbox: boundingBox(geometry), positions, polygons: polygons.length };
}

export function countPositions(geometry: ZoneGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0);
}

export { boundingBox };
