import { can } from '@truce/core/policy/policy';
import type { PersonStatus } from '@truce/core/detainees/status';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { iso } from './present.ts';
import type { ListSummaries, ListSummary } from './schema.ts';
import * as store from './store.ts';

/** The lists this reader may see, with counts per status. */
export async function listLists(ctx: AppContext, auth: Auth): Promise<ListSummaries> {
  await store.ensureLists(ctx.db);
  const lists = (await store.allLists(ctx.db)).filter((l) => can(auth.actor, 'detainees.read', { listPartyId: l.party_id }));
  const counts = await store.statusCounts(
    ctx.db,
    lists.map((l) => l.id),
  );
  return {
    lists: lists.map((l) => {
      const statuses: ListSummary['statuses'] = {};
      for (const c of counts) if (c.list_id === l.id) statuses[c.status as PersonStatus] = Number(c.n);
      statuses.listed = l.person_count - Object.values(statuses).reduce((a, b) => a + b, 0) + (statuses.listed ?? 0);
      return {
        id: l.id,
        partyId: l.party_id,
        partyName: l.party_name,
        partyShortName: l.party_short_name,
        kind: l.kind,
        version: l.current_version,
        personCount: l.person_count,
        updatedAt: iso(l.updated_at),
        statuses,
        canWrite: can(auth.actor, 'detainees.write', { listPartyId: l.party_id }),
      };
    }),
  };
}
