import { v7 as uuidv7 } from 'uuid';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, forbidden } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { checkLinks } from './decision-links.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { NewDecision } from './schema.ts';
import * as store from './store.ts';

/**
 * Decisions of a meeting (C7). The secretariat records a decision (or a guarantor puts
 * one forward): its text, who proposed it, the incidents, exchanges, persons and parties
 * it concerns. Each guarantor present approves it in the app, each approval a log entry
 * by that guarantor's officer; with the last approval the core rule adopts it (every
 * guarantor present, the absent not waited for), again on the record.
 */
/** Records a proposed decision, numbered in its meeting. */
export async function recordDecision(ctx: AppContext, auth: Auth, meetingId: string, input: NewDecision) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await lockedMeeting(tx, meetingId);
    const proposedBy = input.proposedBy ?? auth.actor.orgId;
    if (auth.actor.orgKind !== 'secretariat' && proposedBy !== auth.actor.orgId)
      throw forbidden('A guarantor puts forward its own proposals; the secretariat records those of others.');
    const proposer = (await store.organisations(tx, [proposedBy]))[0];
    if (!proposer) throw badRequest('There is no such organisation.', [{ path: '/body/proposedBy', message: 'unknown organisation' }]);
    if (input.agendaItemId) {
      const item = await store.findAgendaItem(tx, input.agendaItemId);
      if (!item || item.meeting_id !== meetingId || item.removed_at)
        throw badRequest('This item is not on the agenda of this meeting.', [{ path: '/body/agendaItemId', message: 'not on this agenda' }]);
    }
    await checkLinks(tx, auth, input);
    const id = uuidv7();
    const number = (await store.lastDecisionNumber(tx, meetingId)) + 1;
    await store.insertDecision(tx, {
      id,
      meeting_id: meetingId,
      number,
      agenda_item_id: input.agendaItemId ?? null,
      text: input.text.trim(),
      proposed_by: proposedBy,
      recorded_by: auth.actor.userId,
      incident_ids: JSON.stringify(input.incidentIds ?? []),
      exchange_ids: JSON.stringify(input.exchangeIds ?? []),
      persons: JSON.stringify(input.persons ?? []),
      party_ids: JSON.stringify(input.partyIds ?? []),
      shared: input.shared ?? false,
      status: 'proposed',
      adopted_at: null,
      withdrawn_at: null,
      created_at: now,
      updated_at: now,
    });
    await store.bumpMeeting(tx, meetingId, now);
    await record(tx, {
      type: 'meeting.decision_recorded',
      actor: loggedActor(auth),
      subject: { meeting: meetingId, decision: id },
      data: {
        number,
        proposedBy,
        incidents: input.incidentIds ?? [],
        exchanges: input.exchangeIds ?? [],
        parties: input.partyIds ?? [],
        shared: input.shared ?? false,
      },
      sealed: { text: input.text.trim(), ...(input.persons?.length ? { persons: input.persons } : {}) },
    });
    return { id, meetingId };
  });
}
