import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { recordBirth, recordNationalId, typo } from './record-noise.ts';

describe('list errors', () => {
  it('makes one typing slip in Latin or Arabic names', () => {
    const r = new Rng(11);
    for (let i = 0; i < 200; i++) {
      const t = typo('Mohammad', r);
      expect(t).not.toBe('');
      expect(Math.abs(t.length - 8)).toBeLessThanOrEqual(1);
      const a = typo('محمد الحسن', r);
      expect(a).toMatch(/^[\u0621-\u064A ]+$/);
    }
    expect(new Set(Array.from({ length: 100 }, () => typo('Mohammad', r))).size).toBeGreaterThan(20);
  });

  it('records birth dates with the configured errors', () => {
    const r = new Rng(2);
    const truth = { year: 1985, month: 3, day: 9 };
    const rates = { yearOnly: 0.3, firstJanuary: 0.1, dayMonthSwap: 0.05, yearOffByOne: 0.1, missing: 0.05 };
    const n = 20_000;
    let yearOnly = 0;
    let jan1 = 0;
    let swapped = 0;
    let offByOne = 0;
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const b = recordBirth(truth, rates, r);
      if (b.birthYear === null) missing++;
      else {
        if (b.birthYear !== 1985) offByOne++;
        if (b.birthDate === null) yearOnly++;
        else {
          expect(b.birthDate).toMatch(/^\d{4}-\d\d-\d\d$/);
          expect(b.birthDate.slice(0, 4)).toBe(String(b.birthYear));
          if (b.birthDate.endsWith('-01-01')) jan1++;
          if (b.birthDate.endsWith('-09-03')) swapped++;
        }
      }
    }
    expect(missing / n).toBeCloseTo(0.05, 1);
    expect(yearOnly / n).toBeCloseTo(0.95 * 0.3, 1);
    expect(offByOne / n).toBeCloseTo(0.95 * 0.1, 1);
    expect(jan1 / n).toBeCloseTo(0.95 * 0.7 * 0.1, 1);
    expect(swapped / n).toBeGreaterThan(0.01);
  });

  it('mistypes or transposes national ID digits, rarely', () => {
    const r = new Rng(4);
    const id = '01234567890';
    let changed = 0;
    for (let i = 0; i < 5000; i++) {
      const out = recordNationalId(id, { digitTypo: 0.02, transposition: 0.02 }, r);
      expect(out.id).toMatch(/^\d{11}$/);
      if (out.id !== id) changed++;
      expect(out.corruptions > 0).toBe(out.id !== id);
    }
    expect(changed / 5000).toBeGreaterThan(0.02);
    expect(changed / 5000).toBeLessThan(0.07);
  });
});
