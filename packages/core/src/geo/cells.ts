import { cellToBoundary, getResolution, isValidCell, latLngToCell } from 'h3-js';
import { roundedLocation } from '../reports/validate.ts';

/**
 * Hexagonal cells of the map (C10), on Uber's H3 grid (h3-js, pure JavaScript). Three
 * resolutions fit a country the size of Syria: 5 (~253 km², a cell per small town's
 * surroundings), 6 (~36 km²) and 7 (~5 km², a village). A report's cells are computed
 * once when it is written, so counting per cell is a GROUP BY in the database.
 *
 * Not exported from ./index.ts: the web app has no need of h3-js in its bundle.
 */
export const CELL_RESOLUTIONS = [5, 6, 7] as const;
export type CellResolution = (typeof CELL_RESOLUTIONS)[number];

/** Average area of a cell at each resolution, in km² (H3's published averages, rounded). */
export const CELL_AREA_KM2: Record<CellResolution, number> = { 5: 253, 6: 36, 7: 5.2 };

export type Cells = Record<CellResolution, string>;

/** The H3 cell (hexadecimal index) of a point at each resolution. */
export function cellsAt(lat: number, lon: number): Cells {
  return { 5: latLngToCell(lat, lon, 5), 6: latLngToCell(lat, lon, 6), 7: latLngToCell(lat, lon, 7) };
}

/**
 * A report's cells: `exact` from its place, and `shown` for readers who may not see a
 * sealed place — the cells of the place rounded as those readers see it (to one decimal
 * degree, the district scale, as on the map's points and in exports), so that a count
 * never tells them more than the point they are shown. `shown` is null when the place is
 * not sealed (every reader then counts it at its exact cells).
 */
export function reportCells(location: { lat: number; lon: number }, sealLocation: boolean): { exact: Cells; shown: Cells | null } {
  const exact = cellsAt(location.lat, location.lon);
  if (!sealLocation) return { exact, shown: null };
  const r = roundedLocation(location.lat, location.lon);
  return { exact, shown: cellsAt(r.lat, r.lon) };
}

/** H3 indexes are 64-bit integers whose top bit is always 0: they fit PostgreSQL's signed bigint. */
export const cellToDecimal = (cell: string): string => BigInt(`0x${cell}`).toString();
export const decimalToCell = (n: string | number | bigint): string => BigInt(n).toString(16).padStart(15, '0');

export function isCellAt(cell: string, resolution: CellResolution): boolean {
  return isValidCell(cell) && getResolution(cell) === resolution;
}

/**
 * The hexagon of a cell as a closed GeoJSON ring in [lon, lat] order (RFC 7946: counter-
 * clockwise exterior), coordinates to 5 decimals (about a metre), enough for a map.
 */
export function cellPolygon(cell: string): number[][] {
  const ring = cellToBoundary(cell, true).map(([lon, lat]) => [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5]);
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

function signedArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}
