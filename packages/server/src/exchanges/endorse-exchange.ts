import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { conflict, forbidden, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { exchangeFor, scope } from './access.ts';
import * as store from './store.ts';

/** Every guarantor endorses an approved exchange; with the last endorsement it can take place. */
export async function endorse(ctx: AppContext, auth: Auth, id: string, version: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.endorse', scope(e))) throw forbidden('The guarantors endorse exchanges.');
    if (e.version !== version) throw staleVersion('exchange', e.version);
    if (e.status !== 'approved') throw conflict(`This exchange is ${e.status}; the guarantors endorse it once both parties approved it.`, 'wrong_state');
    await store.addApproval(tx, {
      exchangeId: id,
      organisationId: auth.actor.orgId,
      kind: 'endorsement',
      userId: auth.actor.userId,
      exchangeVersion: e.version,
      at: now,
    });
    const [guarantors, endorsements] = await Promise.all([store.guarantors(tx), store.approvingOrgs(tx, id, 'endorsement')]);
    const all = guarantors.every((g) => endorsements.some((x) => x.organisation_id === g.id));
    await store.bump(tx, id, all ? 'endorsed' : 'approved', now);
    await record(tx, {
      type: 'exchange.endorsed',
      actor: loggedActor(auth),
      subject: { exchange: id },
      data: { guarantor: auth.actor.orgId, endorsedByAll: all },
    });
    return { id };
  });
}
