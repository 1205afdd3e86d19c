import type { PersonStatus } from '@truce/core/detainees/status';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { listFor } from './access.ts';
import { iso } from './present.ts';
import type { PersonsPage } from './schema.ts';
import * as store from './store.ts';

/** One page of persons; the page's refs are recorded as viewed by this reader (every read of persons is). */
export async function listPersons(ctx: AppContext, auth: Auth, id: string, filter: store.PersonPageFilter): Promise<PersonsPage> {
  const list = await listFor(ctx.db, auth.actor, id, 'detainees.read');
  const page = await store.personPage(ctx.db, list.id, filter);
  const refs = page.rows.map((r) => r.ref);
  if (refs.length > 0) await store.recordView(ctx.db, { list_id: list.id, refs, what: 'list', viewer_user: auth.actor.userId, viewer_org: auth.actor.orgId });
  // A sought person confirmed as held by another party: which party (to name in an exchange).
  const matchedParty = list.kind === 'sought' ? await store.matchedParties(ctx.db, list.id, refs) : new Map<string, string>();
  return {
    total: page.total,
    persons: page.rows.map((r) => ({
      ...r.record,
      status: (r.status ?? 'listed') as PersonStatus,
      statusAt: r.status_at ? iso(r.status_at) : null,
      sinceVersion: r.from_version,
      matchedParty: matchedParty.get(r.ref) ?? null,
    })),
  };
}
