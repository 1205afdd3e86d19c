import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { ScheduleExchange } from './schema.ts';
import * as store from './store.ts';

/**
 * Schedules an exchange at this meeting: the exchange takes place on the meeting's day,
 * and the releases confirmed in it appear in the meeting's record.
 */
export async function scheduleExchange(ctx: AppContext, auth: Auth, meetingId: string, input: ScheduleExchange) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const meeting = await lockedMeeting(tx, meetingId, input.version);
    const exchange = await store.findExchange(tx, input.exchangeId, { lock: true });
    if (!exchange) throw badRequest('There is no such exchange.', [{ path: '/body/exchangeId', message: 'unknown exchange' }]);
    if (exchange.status === 'completed' || exchange.status === 'withdrawn') throw conflict(`This exchange is ${exchange.status}.`, 'wrong_state');
    const meetingDate = new Date(meeting.starts_at).toISOString().slice(0, 10);
    await store.scheduleExchangeAt(tx, input.exchangeId, meetingId, meetingDate, now);
    await store.bumpMeeting(tx, meetingId, now);
    await record(tx, {
      type: 'exchange.scheduled',
      actor: loggedActor(auth),
      subject: { exchange: input.exchangeId, meeting: meetingId },
      data: { meetingDate, meetingId },
    });
    return { id: meetingId };
  });
}
