import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { conflict, Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { checkLinks } from './decision-links.ts';
import { lockedDecision } from './locked-decision.ts';
import type { DecisionChange } from './schema.ts';
import * as store from './store.ts';

/** Changes a decision: its text and links only before any approval; whether it is shared, at any time. */
export async function changeDecision(ctx: AppContext, auth: Auth, id: string, input: DecisionChange) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const decision = await lockedDecision(tx, id, input.version);
    if (decision.status === 'withdrawn') throw conflict('This decision was withdrawn.', 'wrong_state');
    const substance =
      input.text !== undefined ||
      input.incidentIds !== undefined ||
      input.exchangeIds !== undefined ||
      input.persons !== undefined ||
      input.partyIds !== undefined;
    if (substance) {
      const approved = await store.hasApproval(tx, id);
      if (approved || decision.status !== 'proposed')
        throw new Problem(409, 'Conflict', 'Guarantors have approved this decision: its text and links no longer change. Withdraw it and record a new one.', {
          code: 'approved_already',
        });
      await checkLinks(tx, auth, input);
    }
    await store.bumpDecision(tx, id, now, {
      ...(input.text !== undefined ? { text: input.text.trim() } : {}),
      ...(input.incidentIds !== undefined ? { incident_ids: JSON.stringify(input.incidentIds) } : {}),
      ...(input.exchangeIds !== undefined ? { exchange_ids: JSON.stringify(input.exchangeIds) } : {}),
      ...(input.persons !== undefined ? { persons: JSON.stringify(input.persons) } : {}),
      ...(input.partyIds !== undefined ? { party_ids: JSON.stringify(input.partyIds) } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
    });
    await record(tx, {
      type: 'meeting.decision_changed',
      actor: loggedActor(auth),
      subject: { meeting: decision.meeting_id, decision: id },
      data: {
        number: decision.number,
        ...(input.incidentIds ? { incidents: input.incidentIds } : {}),
        ...(input.exchangeIds ? { exchanges: input.exchangeIds } : {}),
        ...(input.partyIds ? { parties: input.partyIds } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
      },
      sealed: { ...(input.text !== undefined ? { text: input.text.trim() } : {}), ...(input.persons ? { persons: input.persons } : {}) },
    });
    return { id, meetingId: decision.meeting_id };
  });
}
