/**
 * Zones of application are GeoJSON (RFC 7946) polygons in WGS84. This checks a zone
 * geometry and says precisely what is wrong and where (as a JSON pointer), so that a
 * secretariat officer pasting a file from a GIS can fix it.
 */
export type ZoneGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface GeometryError {
  path: string;
  message: string;
}

export const MAX_ZONE_POSITIONS = 200_000;

/** Accepts a bare geometry, a Feature or a FeatureCollection of one feature. */
export function extractZoneGeometry(input: unknown): { geometry?: ZoneGeometry; error?: GeometryError } {
  if (!isObject(input)) return { error: { path: '', message: 'must be a GeoJSON object' } };
  if (input.type === 'FeatureCollection') {
    const features = input.features;
    if (!Array.isArray(features) || features.length !== 1) {
      return { error: { path: '/features', message: 'a zone is one polygon: give a FeatureCollection of exactly one feature' } };
    }
    const inner = extractZoneGeometry(features[0]);
    return inner.error ? { error: { path: '/features/0' + inner.error.path, message: inner.error.message } } : inner;
  }
  if (input.type === 'Feature') {
    const inner = extractZoneGeometry(input.geometry);
    return inner.error ? { error: { path: '/geometry' + inner.error.path, message: inner.error.message } } : inner;
  }
  const error = validateGeometry(input);
  return error ? { error } : { geometry: input as ZoneGeometry };
}

function validateGeometry(g: Record<string, unknown>): GeometryError | null {
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return { path: '/type', message: `must be Polygon or MultiPolygon, not ${JSON.stringify(g.type)}` };
  }
  if (!Array.isArray(g.coordinates)) return { path: '/coordinates', message: 'must be an array' };
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (polygons.length === 0) return { path: '/coordinates', message: 'must hold at least one polygon' };
  let count = 0;
  for (let p = 0; p < polygons.length; p++) {
    const base = g.type === 'Polygon' ? '/coordinates' : `/coordinates/${p}`;
    const rings = polygons[p];
    if (!Array.isArray(rings) || rings.length === 0) return { path: base, message: 'a polygon needs at least one ring' };
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r];
      const at = `${base}/${r}`;
      if (!Array.isArray(ring) || ring.length < 4) return { path: at, message: 'a ring needs at least 4 positions' };
      for (let i = 0; i < ring.length; i++) {
        const pos = ring[i];
        if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3 || !pos.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          return { path: `${at}/${i}`, message: 'a position is [longitude, latitude]' };
        }
        if (pos[0] < -180 || pos[0] > 180) return { path: `${at}/${i}/0`, message: 'longitude must be from -180 to 180' };
        if (pos[1] < -90 || pos[1] > 90) return { path: `${at}/${i}/1`, message: 'latitude must be from -90 to 90' };
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) return { path: at, message: 'a ring must end where it starts' };
      count += ring.length;
      if (count > MAX_ZONE_POSITIONS) return { path: base, message: `a zone may have at most ${MAX_ZONE_POSITIONS} positions; simplify it` };
    }
  }
  return null;
}

/** [west, south, east, north] of a zone, for lists and map framing. */
export function boundingBox(g: ZoneGeometry): [number, number, number, number] {
  let w = 180,
    s = 90,
    e = -180,
    n = -90;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polygons)
    for (const ring of rings)
      for (const [x, y] of ring) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
  return [w, s, e, n];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A zone compiled for point tests: its bounding box and each polygon's rings as flat
 * coordinate arrays. Zones are tested against every report filed and a country's
 * boundary has thousands of vertices, so this is made once per geometry object.
 */
interface CompiledZone {
  box: [number, number, number, number];
  polygons: Float64Array[][];
}
const compiled = new WeakMap<ZoneGeometry, CompiledZone>();

function compile(g: ZoneGeometry): CompiledZone {
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) =>
    rings.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach(([x, y], i) => {
        flat[2 * i] = x;
        flat[2 * i + 1] = y;
      });
      return flat;
    }),
  );
  return { box: boundingBox(g), polygons };
}

/**
 * Is the point inside the zone? Even-odd ray casting over every ring, so holes count as
 * outside; a point exactly on an edge may fall either way, which is fine at the
 * precision reports are made.
 */
export function zoneContains(g: ZoneGeometry, lon: number, lat: number): boolean {
  let zone = compiled.get(g);
  if (!zone) compiled.set(g, (zone = compile(g)));
  const [w, s, e, n] = zone.box;
  if (lon < w || lon > e || lat < s || lat > n) return false;
  return zone.polygons.some((rings) => {
    let inside = false;
    for (const ring of rings) {
      const count = ring.length / 2;
      for (let i = 0, j = count - 1; i < count; j = i++) {
        const xi = ring[2 * i],
          yi = ring[2 * i + 1],
          xj = ring[2 * j],
          yj = ring[2 * j + 1];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  });
}
