import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { setStatus } from '../detainees/index.ts';
import { conflict, forbidden, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { exchangeFor, scope } from './access.ts';
import type { Withdraw } from './schema.ts';
import * as store from './store.ts';

/** Withdraws a proposal before it takes place; its persons return to where they were. */
export async function withdraw(ctx: AppContext, auth: Auth, id: string, input: Withdraw) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.withdraw', scope(e))) throw forbidden('The facilitator or the proposer withdraws an exchange.');
    if (e.version !== input.version) throw staleVersion('exchange', e.version);
    if (!['proposed', 'approved', 'endorsed'].includes(e.status)) throw conflict(`This exchange is ${e.status}.`, 'wrong_state');
    const persons = await store.personsOf(tx, id);
    if (persons.some((p) => p.outcome !== 'pending'))
      throw conflict('Releases were already recorded in this exchange; record the remaining outcomes instead.', 'outcomes_recorded');
    for (const p of persons) {
      const back = p.sought_list_id ? 'matched' : 'listed';
      await setStatus(tx, auth, { listId: p.list_id, ref: p.ref, status: back, at: now, note: input.reason.trim(), exchangeId: id });
      if (p.sought_list_id)
        await setStatus(tx, auth, { listId: p.sought_list_id, ref: p.sought_ref!, status: 'matched', at: now, note: input.reason.trim(), exchangeId: id });
    }
    await store.bump(tx, id, 'withdrawn', now);
    await record(tx, { type: 'exchange.withdrawn', actor: loggedActor(auth), subject: { exchange: id }, sealed: { reason: input.reason.trim() } });
    return { id };
  });
}
