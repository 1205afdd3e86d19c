import { OUTCOMES_NEEDING_NOTE, outcomeAllowed } from '@truce/core/detainees/status';
import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { setStatus } from '../detainees/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { exchangeFor, scope } from './access.ts';
import type { Outcome, OutcomeRecorded } from './schema.ts';
import * as store from './store.ts';

/** One person's outcome (its request body, schema.ts). */
export type OutcomeInput = Outcome;

/**
 * On the day, the facilitator records what happened to each person: released, then
 * confirmed (identity checked, return voluntary), or why not (declined, not found,
 * deceased, with a reason). When every person has a final outcome the exchange is completed.
 */
export async function recordOutcome(ctx: AppContext, auth: Auth, id: string, input: OutcomeInput): Promise<OutcomeRecorded> {
  const note = (input.note ?? '').trim();
  if (input.outcome === 'confirmed' && !(input.identityChecked && input.voluntary)) {
    throw badRequest(
      'A release is confirmed only when the identity was checked and the return is voluntary.',
      [
        ...(input.identityChecked ? [] : [{ path: '/body/identityChecked', message: 'must be true to confirm' }]),
        ...(input.voluntary ? [] : [{ path: '/body/voluntary', message: 'must be true to confirm' }]),
      ],
      'not_confirmable',
    );
  }
  if (OUTCOMES_NEEDING_NOTE.includes(input.outcome) && note.length === 0)
    throw badRequest('Say why: a person who did not come home is never left unexplained.', [{ path: '/body/note', message: 'is required for this outcome' }]);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.release', scope(e))) throw forbidden('The facilitator records releases.');
    if (e.status !== 'endorsed')
      throw conflict(`This exchange is ${e.status}; releases are recorded once both parties approved it and the guarantors endorsed it.`, 'wrong_state');
    const person = await store.lockPerson(tx, id, input.listId, input.ref);
    if (!person) throw notFound('This person is not in this exchange.');
    if (!outcomeAllowed(person.outcome, input.outcome)) throw conflict(`This person's outcome is already "${person.outcome}".`, 'outcome_recorded');
    await store.setOutcome(tx, id, { listId: input.listId, ref: input.ref, outcome: input.outcome, note, userId: auth.actor.userId, at: now });
    await setStatus(tx, auth, { listId: input.listId, ref: input.ref, status: input.outcome, at: now, note, exchangeId: id });
    if (person.sought_list_id)
      await setStatus(tx, auth, { listId: person.sought_list_id, ref: person.sought_ref!, status: input.outcome, at: now, note, exchangeId: id });
    const open = await store.hasOpenPerson(tx, id);
    await store.bump(tx, id, open ? 'endorsed' : 'completed', now);
    await record(tx, {
      type: 'exchange.outcome',
      actor: loggedActor(auth),
      subject: { exchange: id, list: input.listId },
      data: { outcome: input.outcome, identityChecked: Boolean(input.identityChecked), voluntary: Boolean(input.voluntary), completed: !open },
      sealed: { ref: input.ref, ...(note ? { note } : {}) },
    });
    return { id, completed: !open };
  });
}
