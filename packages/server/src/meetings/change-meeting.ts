import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { lockedMeeting } from './locked-meeting.ts';
import { checkOrganisations, clean, uniqueParticipants } from './participants.ts';
import type { MeetingChange } from './schema.ts';
import * as store from './store.ts';

/** Changes when, where or with whom; marks the meeting held, or cancels it with a reason. */
export async function changeMeeting(ctx: AppContext, auth: Auth, id: string, input: MeetingChange) {
  if (input.status === 'cancelled' && !input.cancelReason?.trim())
    throw badRequest('Say why the meeting is cancelled.', [{ path: '/body/cancelReason', message: 'is required to cancel' }]);
  if (input.participants) uniqueParticipants(input.participants, 'participants');
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const meeting = await lockedMeeting(tx, id, input.version);
    if (input.status === 'cancelled' && meeting.status === 'held') throw conflict('A meeting that was held cannot be cancelled.', 'wrong_state');
    const changes: Record<string, unknown> = {};
    const sealed: Record<string, unknown> = {};
    if (input.title !== undefined) sealed.title = input.title.trim();
    if (input.venue !== undefined) sealed.venue = input.venue.trim();
    if (input.startsAt !== undefined) changes.startsAt = new Date(input.startsAt).toISOString();
    if (input.status !== undefined) changes.status = input.status;
    await store.updateMeeting(
      tx,
      id,
      {
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.venue !== undefined ? { venue: input.venue.trim() } : {}),
        ...(input.startsAt !== undefined ? { starts_at: new Date(input.startsAt) } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.status === 'cancelled' ? { cancel_reason: input.cancelReason!.trim() } : {}),
      },
      now,
    );
    if (input.startsAt !== undefined) {
      // Exchanges scheduled at the meeting move with it.
      const meetingDate = new Date(input.startsAt).toISOString().slice(0, 10);
      const moved = await store.moveExchanges(tx, id, meetingDate, now);
      for (const e of moved)
        await record(tx, {
          type: 'exchange.scheduled',
          actor: loggedActor(auth),
          subject: { exchange: e.id, meeting: id },
          data: { meetingDate, meetingId: id },
        });
    }
    if (input.participants) {
      await checkOrganisations(
        tx,
        input.participants.map((p) => p.organisationId),
        (i) => `/body/participants/${i}/organisationId`,
      );
      const current = await store.participants(tx, [id]);
      const keep = new Set(input.participants.map((p) => p.organisationId));
      const dropped = current.filter((p) => !keep.has(p.organisation_id));
      const attended = dropped.find((p) => p.attendance !== 'unrecorded');
      if (attended) throw conflict(`The attendance of ${attended.name} is recorded; it stays a participant.`, 'attendance_recorded');
      if (dropped.length > 0)
        await store.removeParticipants(
          tx,
          id,
          dropped.map((p) => p.organisation_id),
        );
      for (const p of input.participants) {
        await store.upsertParticipant(
          tx,
          { meeting_id: id, organisation_id: p.organisationId, delegates: JSON.stringify(clean(p.delegates)), attendees: '[]' },
          { delegates: JSON.stringify(clean(p.delegates)) },
        );
      }
      changes.participants = input.participants.map((p) => p.organisationId);
      sealed.delegates = input.participants.map((p) => clean(p.delegates));
    }
    await record(tx, {
      type: input.status === 'cancelled' ? 'meeting.cancelled' : input.status === 'held' ? 'meeting.held' : 'meeting.changed',
      actor: loggedActor(auth),
      subject: { meeting: id },
      data: changes,
      sealed: { ...sealed, ...(input.status === 'cancelled' ? { reason: input.cancelReason!.trim() } : {}) },
    });
    return { id, previousStatus: meeting.status };
  });
}
