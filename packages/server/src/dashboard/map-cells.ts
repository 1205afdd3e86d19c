import type { Kysely } from 'kysely';
import { CELL_AREA_KM2, cellPolygon, type CellResolution } from '@truce/core/geo/cells';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { filterOf, scopeFor, sealedScopeFor } from './reader-scope.ts';
import type { CellsQueryInput, MapCells } from './schema.ts';
import * as store from './store.ts';

export const CELL_LIMIT = 50_000;

/** Hexagons never change: their outlines are computed once per cell (Syria has ~36,000 at resolution 7). */
const outlines = new Map<string, number[][]>();
function outline(cell: string): number[][] {
  let ring = outlines.get(cell);
  if (!ring) {
    if (outlines.size >= 200_000) outlines.clear();
    outlines.set(cell, (ring = cellPolygon(cell)));
  }
  return ring;
}

/** Report counts per H3 hexagon as GeoJSON polygons, sealed places counted where this reader is shown them. */
export async function mapCells(db: Kysely<Database>, auth: Auth, query: CellsQueryInput, now: Date): Promise<MapCells> {
  const { period, filter } = filterOf(query, now);
  const resolution = Number(query.resolution ?? 6) as CellResolution;
  const rows = await store.perCell(db, scopeFor(auth.actor), filter, resolution, sealedScopeFor(auth.actor), CELL_LIMIT + 1);
  const truncated = rows.length > CELL_LIMIT;
  const features = rows.slice(0, CELL_LIMIT).map((r) => ({
    type: 'Feature' as const,
    id: r.cell,
    geometry: { type: 'Polygon' as const, coordinates: [outline(r.cell)] },
    properties: { cell: r.cell, count: r.count },
  }));
  return { type: 'FeatureCollection' as const, features, period, resolution, cellAreaKm2: CELL_AREA_KM2[resolution], limit: CELL_LIMIT, truncated };
}
