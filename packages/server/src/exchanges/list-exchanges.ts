import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { presentHeader, scope } from './access.ts';
import type { ExchangeSummary } from './schema.ts';
import * as store from './store.ts';

/** The latest exchanges this user may see, with their persons counted per outcome. */
export async function list(ctx: AppContext, auth: Auth): Promise<ExchangeSummary[]> {
  const latest = await store.latestExchanges(ctx.db, auth.actor.orgKind === 'party' ? auth.actor.orgId : null, 500);
  const rows = latest.filter((e) => can(auth.actor, 'exchange.read', scope(e)));
  const counts = await store.outcomeCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((e) => ({
    ...presentHeader(e),
    outcomes: Object.fromEntries(counts.filter((c) => c.exchange_id === e.id).map((c) => [c.outcome, Number(c.n)])),
  }));
}
