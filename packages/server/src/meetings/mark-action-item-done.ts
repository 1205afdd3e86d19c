import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { conflict, forbidden, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import type { ActionDone } from './schema.ts';
import * as store from './store.ts';

/** The owner says an action item is done (with a note); it leaves the owner's home page. */
export async function markDone(ctx: AppContext, auth: Auth, id: string, input: ActionDone) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const item = await store.findActionItem(tx, id, { lock: true });
    const scope = item && { actionOwnerId: item.owner_org };
    if (
      !item ||
      !(
        can(auth.actor, 'meetings.actions.done', scope!) ||
        can(auth.actor, 'meetings.read', { meetingPart: 'action', meetingParticipantIds: [], concernsIds: [item.owner_org], shared: item.shared })
      )
    )
      throw notFound('There is no such action item.');
    if (!can(auth.actor, 'meetings.actions.done', scope!)) throw forbidden('Only the organisation that owns an action item marks it done.');
    if (item.version !== input.version) throw staleVersion('action item', item.version);
    if (item.status === 'done') throw conflict('This action item is already done.', 'already_done');
    const note = (input.note ?? '').trim();
    await store.markActionItemDone(tx, id, auth.actor.userId, note, now);
    await record(tx, {
      type: 'meeting.action_done',
      actor: loggedActor(auth),
      subject: { meeting: item.meeting_id, action_item: id },
      sealed: note ? { note } : undefined,
    });
    return { id, meetingId: item.meeting_id };
  });
}
