import type { MapView } from './api.ts';

/** A map view's bounds in degrees. */
export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The server's zooms (ClustersQuery): whole numbers 0–20. */
export const MAX_CLUSTER_ZOOM = 20;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const text = (x: number) => String(Number(x.toFixed(6)));

/**
 * What to ask /api/map/clusters for, given what the map shows: the view widened by `pad`
 * of its size on each side and snapped outwards to the server's grid (a quarter of a tile
 * at the zoom, aligned on 0°), so that a small pan or a jiggle asks nothing new, and the
 * squares near the edges are counted whole. The previous view is kept (same object) while
 * it still covers what is shown at the same zoom: the caller can compare by identity.
 */
export function clusterView(shown: Bounds, mapZoom: number, previous: MapView | null, pad = 0.25): MapView {
  const zoom = clamp(Math.floor(mapZoom + 1e-9), 0, MAX_CLUSTER_ZOOM);
  const b = { west: clamp(shown.west, -180, 180), south: clamp(shown.south, -90, 90), east: clamp(shown.east, -180, 180), north: clamp(shown.north, -90, 90) };
  if (previous && previous.zoom === zoom) {
    const [w, s, e, n] = previous.bbox.split(',').map(Number);
    if (w <= b.west && s <= b.south && e >= b.east && n >= b.north) return previous;
  }
  const cell = 360 / 2 ** zoom / 4;
  const dx = (b.east - b.west) * pad;
  const dy = (b.north - b.south) * pad;
  const west = clamp(Math.floor((b.west - dx) / cell) * cell, -180, 180);
  const south = clamp(Math.floor((b.south - dy) / cell) * cell, -90, 90);
  const east = clamp(Math.ceil((b.east + dx) / cell) * cell, -180, 180);
  const north = clamp(Math.ceil((b.north + dy) / cell) * cell, -90, 90);
  return { bbox: [west, south, east, north].map(text).join(','), zoom };
}

/** The size in pixels of a cluster's circle: grows with the logarithm of its count, 26 (4 reports) to 64 (100,000 and more). */
export function clusterSize(count: number): number {
  return Math.round(Math.min(64, Math.max(26, 20 + 9 * Math.log10(Math.max(1, count)))));
}
