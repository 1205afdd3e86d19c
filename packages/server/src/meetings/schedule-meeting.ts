import { v7 as uuidv7 } from 'uuid';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { checkOrganisations, clean, uniqueParticipants } from './participants.ts';
import type { NewMeeting } from './schema.ts';
import * as store from './store.ts';

/**
 * The secretariat's part of a meeting (C7): schedule it (when, where, who takes part),
 * change or cancel it, record who came. Each command is one transaction with its log
 * entry; names of people and the venue enter the log only as commitments.
 */
/** Schedules a meeting with its participants; the agenda is set afterwards (agenda.ts). */
export async function scheduleMeeting(ctx: AppContext, auth: Auth, input: NewMeeting) {
  uniqueParticipants(input.participants, 'participants');
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await checkOrganisations(
      tx,
      input.participants.map((p) => p.organisationId),
      (i) => `/body/participants/${i}/organisationId`,
    );
    const id = uuidv7();
    await store.insertMeeting(tx, {
      id,
      title: input.title.trim(),
      starts_at: new Date(input.startsAt),
      venue: input.venue.trim(),
      status: 'scheduled',
      created_by: auth.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await store.insertParticipants(
      tx,
      input.participants.map((p) => ({ meeting_id: id, organisation_id: p.organisationId, delegates: JSON.stringify(clean(p.delegates)), attendees: '[]' })),
    );
    await record(tx, {
      type: 'meeting.scheduled',
      actor: loggedActor(auth),
      subject: { meeting: id },
      data: { startsAt: new Date(input.startsAt).toISOString(), participants: input.participants.map((p) => p.organisationId) },
      sealed: { title: input.title.trim(), venue: input.venue.trim(), delegates: input.participants.map((p) => clean(p.delegates)) },
    });
    return { id };
  });
}
