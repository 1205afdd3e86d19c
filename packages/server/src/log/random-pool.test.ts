import { describe, expect, it } from 'vitest';
import { randomPooled } from './random-pool.ts';

describe('randomPooled', () => {
  it('hands out fresh bytes of the length asked, across refills, never the same twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const salt = randomPooled(32);
      expect(salt.length).toBe(32);
      const hex = Buffer.from(salt).toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
    }
    expect(randomPooled(10_000).length).toBe(10_000);
  });

  it('gives copies: changing one handed out changes nothing handed out later', () => {
    const a = randomPooled(16);
    a.fill(0);
    const b = randomPooled(16);
    expect(b.some((x) => x !== 0)).toBe(true);
    expect(b.buffer).not.toBe(a.buffer);
  });
});
