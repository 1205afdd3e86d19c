import { v7 as uuidv7 } from 'uuid';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { NewActionItem } from './schema.ts';
import * as store from './store.ts';

/**
 * Action items (C7): what a meeting asks an organisation to do by a date. They stay on
 * the owner's home page until the owner marks them done; an open item due by a later
 * meeting is proposed for its agenda.
 */
export async function assignAction(ctx: AppContext, auth: Auth, meetingId: string, input: NewActionItem) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await lockedMeeting(tx, meetingId);
    const [owner] = await store.organisations(tx, [input.ownerOrgId]);
    if (!owner) throw badRequest('There is no such organisation.', [{ path: '/body/ownerOrgId', message: 'unknown organisation' }]);
    if (input.decisionId) {
      const decision = await store.findDecision(tx, input.decisionId);
      if (!decision || decision.meeting_id !== meetingId)
        throw badRequest('This decision is not one of this meeting.', [{ path: '/body/decisionId', message: 'not a decision of this meeting' }]);
    }
    const id = uuidv7();
    await store.insertActionItem(tx, {
      id,
      meeting_id: meetingId,
      decision_id: input.decisionId ?? null,
      text: input.text.trim(),
      owner_org: input.ownerOrgId,
      due_on: input.dueOn,
      shared: input.shared ?? false,
      status: 'open',
      done_at: null,
      done_by: null,
      created_by: auth.actor.userId,
      created_at: now,
    });
    await store.bumpMeeting(tx, meetingId, now);
    await record(tx, {
      type: 'meeting.action_assigned',
      actor: loggedActor(auth),
      subject: { meeting: meetingId, action_item: id, organisation: input.ownerOrgId },
      data: { dueOn: input.dueOn, decision: input.decisionId ?? null, shared: input.shared ?? false },
      sealed: { text: input.text.trim() },
    });
    return { id, meetingId };
  });
}
