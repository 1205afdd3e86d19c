import type { ExchangeStats, ListKind } from './api.ts';

export interface StatsRow {
  key: string;
  held: number;
  sought: number;
}

/**
 * Persons per status or per category, held and sought lists apart (a matched person is on
 * both), in the given order of keys and then any others the server sent; one party's
 * lists only when a party is given. Counts only: the figures name nobody.
 */
export function statsRows(persons: ExchangeStats['persons'], by: 'status' | 'category', order: readonly string[], partyId = ''): StatsRow[] {
  const rows = new Map<string, StatsRow>(order.map((key) => [key, { key, held: 0, sought: 0 }]));
  for (const p of persons) {
    if (partyId && p.partyId !== partyId) continue;
    const key = p[by];
    const row = rows.get(key) ?? { key, held: 0, sought: 0 };
    row[p.list as ListKind] += p.count;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** A bar's length as a share of the largest value, at least a sliver for any value above zero. */
export function barShare(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(0.02, value / max);
}
