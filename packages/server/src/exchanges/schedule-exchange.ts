import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, forbidden, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { exchangeFor, scope } from './access.ts';
import type { Schedule } from './schema.ts';
import * as store from './store.ts';

/**
 * Sets or moves the meeting at which the exchange takes place: a date, or one of the
 * group's meetings (C7: its day becomes the date, and the releases appear in its record).
 * A new date without a meeting unlinks the meeting it was scheduled at.
 */
export async function schedule(ctx: AppContext, auth: Auth, id: string, input: Schedule) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const e = await exchangeFor(tx, auth, id, true);
    if (!can(auth.actor, 'exchange.propose', scope(e))) throw forbidden('The facilitator or a party in the exchange sets its date.');
    if (e.version !== input.version) throw staleVersion('exchange', e.version);
    if (e.status === 'completed' || e.status === 'withdrawn') throw conflict(`This exchange is ${e.status}.`, 'wrong_state');
    let meetingDate = input.meetingDate;
    let meetingId = input.meetingId === undefined ? (input.meetingDate === e.meeting_date ? e.meeting_id : null) : input.meetingId;
    if (input.meetingId) {
      const meeting = await store.meetingOf(tx, input.meetingId);
      if (!meeting || meeting.status === 'cancelled')
        throw badRequest('There is no such meeting, or it was cancelled.', [{ path: '/body/meetingId', message: 'unknown or cancelled meeting' }]);
      meetingDate = new Date(meeting.starts_at).toISOString().slice(0, 10);
      meetingId = input.meetingId;
    }
    await store.setMeeting(tx, id, meetingDate, meetingId, now);
    await record(tx, { type: 'exchange.scheduled', actor: loggedActor(auth), subject: { exchange: id }, data: { meetingDate, meetingId } });
    return { id };
  });
}
