import type { AppContext } from '../context.ts';
import type { ExchangeStats } from './schema.ts';
import * as store from './store.ts';

/** Counts per status and per category over every list: the exchange dashboard. Names nobody. */
export async function stats(ctx: AppContext): Promise<ExchangeStats> {
  const rows = await store.personCounts(ctx.db);
  const exchanges = await store.exchangeCounts(ctx.db);
  return {
    persons: rows.map((r) => ({ partyId: r.party_id, list: r.kind, status: r.status as string, category: r.category as string, count: Number(r.n) })),
    exchanges: Object.fromEntries(exchanges.map((e) => [e.status, Number(e.n)])),
  };
}
