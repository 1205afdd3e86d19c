import { describe, expect, it } from 'vitest';
import { cellToParent, latLngToCell } from 'h3-js';
import { cellPolygon, cellsAt, cellToDecimal, decimalToCell, isCellAt, reportCells } from './cells.ts';

const ALEPPO = { lat: 36.2021, lon: 37.1343 };

describe('hexagonal cells', () => {
  it('gives a place its cell at resolutions 5, 6 and 7, each inside the coarser one', () => {
    const c = cellsAt(ALEPPO.lat, ALEPPO.lon);
    expect(c[7]).toBe(latLngToCell(ALEPPO.lat, ALEPPO.lon, 7));
    expect(isCellAt(c[5], 5) && isCellAt(c[6], 6) && isCellAt(c[7], 7)).toBe(true);
    expect(cellToParent(c[7], 6)).toBe(c[6]);
    expect(cellToParent(c[7], 5)).toBe(c[5]);
    expect(isCellAt(c[7], 5)).toBe(false);
    expect(isCellAt('not a cell', 5)).toBe(false);
  });

  it('counts a sealed place where its rounded point is shown, and an open one nowhere else', () => {
    expect(reportCells(ALEPPO, false).shown).toBeNull();
    const sealed = reportCells(ALEPPO, true);
    expect(sealed.exact).toEqual(cellsAt(ALEPPO.lat, ALEPPO.lon));
    expect(sealed.shown).toEqual(cellsAt(36.2, 37.1));
    // Rounding moves the place by kilometres: the small cell must not give it away.
    expect(sealed.shown![7]).not.toBe(sealed.exact[7]);
  });

  it('stores a cell as a positive bigint and reads it back', () => {
    const c = cellsAt(ALEPPO.lat, ALEPPO.lon)[7];
    const n = cellToDecimal(c);
    expect(BigInt(n) > 0n && BigInt(n) < 2n ** 63n).toBe(true);
    expect(decimalToCell(n)).toBe(c);
  });

  it('draws a cell as a closed counter-clockwise ring around its place, in [lon, lat] order', () => {
    const ring = cellPolygon(cellsAt(ALEPPO.lat, ALEPPO.lon)[6]);
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    let area = 0;
    for (let i = 0; i < 6; i++) area += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(area).toBeGreaterThan(0);
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    expect(Math.min(...lons) < ALEPPO.lon && ALEPPO.lon < Math.max(...lons)).toBe(true);
    expect(Math.min(...lats) < ALEPPO.lat && ALEPPO.lat < Math.max(...lats)).toBe(true);
  });
});
