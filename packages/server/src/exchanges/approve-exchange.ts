import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { setStatus } from '../detainees/index.ts';
import { conflict, forbidden, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { exchangeFor, scope } from './access.ts';
import * as store from './store.ts';

/** Both parties approve (in either order); with the second approval the exchange is approved. */
export async function approve(ctx: AppContext, auth: Auth, id: string, version: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.approve', scope(e))) throw forbidden('Each party approves the exchange it is in.');
    if (e.version !== version) throw staleVersion('exchange', e.version);
    if (e.status !== 'proposed') throw conflict(`This exchange is ${e.status}; approvals are given while it is proposed.`, 'wrong_state');
    await store.addApproval(tx, {
      exchangeId: id,
      organisationId: auth.actor.orgId,
      kind: 'approval',
      userId: auth.actor.userId,
      exchangeVersion: e.version,
      at: now,
    });
    const approvals = await store.approvingOrgs(tx, id, 'approval');
    const both = [e.party_a, e.party_b].every((p) => approvals.some((a) => a.organisation_id === p));
    if (both) {
      for (const p of await store.personsOf(tx, id)) {
        await setStatus(tx, auth, { listId: p.list_id, ref: p.ref, status: 'approved', at: now, exchangeId: id });
        if (p.sought_list_id) await setStatus(tx, auth, { listId: p.sought_list_id, ref: p.sought_ref!, status: 'approved', at: now, exchangeId: id });
      }
    }
    await store.bump(tx, id, both ? 'approved' : 'proposed', now);
    await record(tx, {
      type: 'exchange.approved',
      actor: loggedActor(auth),
      subject: { exchange: id },
      data: { party: auth.actor.orgId, approvedByBoth: both },
    });
    return { id };
  });
}
