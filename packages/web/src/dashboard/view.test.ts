import { describe, expect, it } from 'vitest';
import { clusterSize, clusterView } from './view.ts';

describe('clusterView', () => {
  const syria = { west: 35.5, south: 32.3, east: 42.4, north: 37.4 };

  it('widens the view and snaps it outwards to the grid of the zoom', () => {
    const v = clusterView(syria, 6, null);
    expect(v.zoom).toBe(6);
    const [w, s, e, n] = v.bbox.split(',').map(Number);
    const cell = 360 / 64 / 4;
    for (const x of [w, s, e, n]) expect(Math.abs(x / cell - Math.round(x / cell))).toBeLessThan(1e-9);
    expect(w).toBeLessThanOrEqual(35.5 - 6.9 * 0.25);
    expect(e).toBeGreaterThanOrEqual(42.4 + 6.9 * 0.25);
    expect(s).toBeLessThanOrEqual(32.3 - 5.1 * 0.25);
    expect(n).toBeGreaterThanOrEqual(37.4 + 5.1 * 0.25);
  });

  it('keeps the previous view while it covers what is shown at the same zoom', () => {
    const first = clusterView(syria, 6, null);
    expect(clusterView({ west: 35.7, south: 32.5, east: 42.6, north: 37.6 }, 6.4, first)).toBe(first);
    expect(clusterView({ west: 39, south: 32.3, east: 45.9, north: 37.4 }, 6, first)).not.toBe(first);
    expect(clusterView(syria, 7, first).zoom).toBe(7);
  });

  it('stays within the world and the zooms the server takes', () => {
    const v = clusterView({ west: -250, south: -95, east: 250, north: 95 }, 2, null);
    expect(v.bbox).toBe('-180,-90,180,90');
    expect(clusterView(syria, 22, null).zoom).toBe(20);
    expect(clusterView(syria, -1, null).zoom).toBe(0);
  });
});

describe('clusterSize', () => {
  it('grows with the count, within bounds', () => {
    expect(clusterSize(4)).toBe(26);
    expect(clusterSize(40)).toBeGreaterThan(32);
    expect(clusterSize(100)).toBeGreaterThan(clusterSize(10));
    expect(clusterSize(1_000_000)).toBe(64);
  });
});
