import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { linkOf } from './agenda-link.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { ItemChange } from './schema.ts';
import * as store from './store.ts';

/** Writes an agenda item's minutes (or its title, or whether it is shared); every revision is kept. */
export async function changeItem(ctx: AppContext, auth: Auth, id: string, input: ItemChange) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const found = await store.findAgendaItem(tx, id);
    if (!found || found.removed_at) throw notFound('There is no such agenda item.');
    // The meeting first, then the item: the order setAgenda takes them in.
    await lockedMeeting(tx, found.meeting_id);
    const item = (await store.findAgendaItem(tx, id, { lock: true }))!;
    if (item.removed_at) throw notFound('There is no such agenda item.');
    if (item.version !== input.version) throw staleVersion('agenda item', item.version);
    const title = input.title?.trim() ?? item.title;
    if (title === '' && !linkOf(item)) throw badRequest('A free agenda item needs a title.', [{ path: '/body/title', message: 'is required for a free item' }]);
    const minutes = input.minutes !== undefined ? input.minutes.trim() : item.minutes;
    const shared = input.shared ?? item.shared;
    const version = item.version + 1;
    await store.updateAgendaItem(tx, id, { title, minutes, shared, version });
    if (minutes !== item.minutes || shared !== item.shared) {
      await store.insertMinutesRevision(tx, { agenda_item_id: id, version, minutes, shared, created_by: auth.actor.userId, created_at: now });
    }
    await record(tx, {
      type: 'meeting.minutes_recorded',
      actor: loggedActor(auth),
      subject: { meeting: item.meeting_id, item: id },
      data: { version, shared },
      sealed: { minutes, title },
    });
    return { id, meetingId: item.meeting_id };
  });
}
