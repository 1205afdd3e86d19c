import { describe, expect, it } from 'vitest';
import { classOf, gridCluster } from './cluster.ts';

describe('grid clustering', () => {
  it('puts points in the same cell together, at their mean', () => {
    const pts = [
      { x: 1, y: 1 },
      { x: 9, y: 9 },
      { x: 25, y: 1 },
    ];
    const out = gridCluster(pts, (p) => p, 20);
    expect(out).toHaveLength(2);
    const big = out.find((c) => c.items.length === 2)!;
    expect(big.x).toBe(5);
    expect(big.y).toBe(5);
  });
  it('classes counts for the choropleth', () => {
    expect(classOf(0, 100, 5)).toBe(-1);
    expect(classOf(100, 100, 5)).toBe(4);
    expect(classOf(1, 100, 5)).toBe(0);
  });
});
