import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable } from './random.ts';

describe('seeded random numbers', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.u32())).not.toEqual(xs);
  });

  it('draws floats in [0, 1) with a flat distribution', () => {
    const r = new Rng(1);
    const bins = new Array(10).fill(0);
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 50_000; i++) {
      const x = r.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      bins[Math.floor(x * 10)]++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    for (const n of bins) expect(Math.abs(n - 5000)).toBeLessThan(300);
  });

  it('forks independent, reproducible streams', () => {
    const r = new Rng(9);
    expect(r.fork('held').u32()).toBe(new Rng(9).fork('held').u32());
    expect(r.fork('held').u32()).not.toBe(r.fork('sought').u32());
  });

  it('chooses keys and weighted items in proportion to their weights', () => {
    const r = new Rng(5);
    const table = { a: 0.7, b: 0.2, c: 0.1 };
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[r.choose(table)]++;
    expect(counts.a / 20_000).toBeCloseTo(0.7, 1);
    expect(counts.c / 20_000).toBeCloseTo(0.1, 1);
    const w = new WeightedTable(['x', 'y'], [3, 1]);
    let x = 0;
    for (let i = 0; i < 20_000; i++) if (w.draw(r) === 'x') x++;
    expect(x / 20_000).toBeCloseTo(0.75, 1);
    expect(w.share('y')).toBeCloseTo(0.25);
  });

  it('picks from [value, weight] pairs in proportion, and draws small counts with the given mean', () => {
    const r = new Rng(11);
    const counts = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const v = r.weighted([
        [1, 50],
        [2, 35],
        [3, 15],
      ] as const);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(counts.get(1)! / 20_000).toBeCloseTo(0.5, 1);
    expect(counts.get(3)! / 20_000).toBeCloseTo(0.15, 1);
    expect(r.weighted([['only', 0]] as const)).toBe('only');
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += r.count(1.3);
    expect(sum / 20_000).toBeCloseTo(1.3, 1);
    expect(r.count(1000, 5)).toBeLessThanOrEqual(5);
  });
});
