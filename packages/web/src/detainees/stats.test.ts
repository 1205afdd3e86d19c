import { describe, expect, it } from 'vitest';
import { barShare, statsRows } from './stats.ts';

const persons = [
  { partyId: 'gov', list: 'held' as const, status: 'listed', category: 'civilian', count: 3 },
  { partyId: 'gov', list: 'held' as const, status: 'confirmed', category: 'woman', count: 1 },
  { partyId: 'dawn', list: 'sought' as const, status: 'confirmed', category: 'unknown', count: 1 },
  { partyId: 'dawn', list: 'held' as const, status: 'listed', category: 'civilian', count: 2 },
];

describe('exchange figures', () => {
  it('counts persons per status, held and sought apart, keeping the order of the path', () => {
    expect(statsRows(persons, 'status', ['listed', 'matched', 'confirmed'])).toEqual([
      { key: 'listed', held: 5, sought: 0 },
      { key: 'matched', held: 0, sought: 0 },
      { key: 'confirmed', held: 1, sought: 1 },
    ]);
  });

  it('counts one party alone, and keeps categories the server adds', () => {
    expect(statsRows(persons, 'category', ['civilian', 'woman'], 'dawn')).toEqual([
      { key: 'civilian', held: 2, sought: 0 },
      { key: 'woman', held: 0, sought: 0 },
      { key: 'unknown', held: 0, sought: 1 },
    ]);
  });

  it('draws a sliver for any count above zero', () => {
    expect(barShare(0, 10)).toBe(0);
    expect(barShare(1, 1000)).toBe(0.02);
    expect(barShare(5, 10)).toBe(0.5);
  });
});
