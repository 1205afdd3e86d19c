import { v7 as uuidv7 } from 'uuid';
import { can } from '@truce/core/policy/policy';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { ActionDone, ActionQuery, ListedActionItem, NewActionItem, ScheduleExchange } from './schema.ts';
import * as store from './store.ts';

/**
 * Action items (C7): what a meeting asks an organisation to do by a date. They stay on
 * the owner's home page until the owner marks them done; an open item due by a later
 * meeting is proposed for its agenda.
 */
function iso(d: Date | string): string;
function iso(d: Date | string | null): string | null;
function iso(d: Date | string | null) {
  return d === null ? null : new Date(d).toISOString();
}

export async function assignAction(ctx: AppContext, auth: Auth, meetingId: string, input: NewActionItem) {
  return ctx.db.transaction().execute(async (tx) => {
    await lockedMeeting(tx, meetingId);
    const [owner] = await store.organisations(tx, [input.ownerOrgId]);
    if (!owner) throw badRequest('There is no such organisation.', [{ path: '/body/ownerOrgId', message: 'unknown organisation' }]);
    if (input.decisionId) {
      const decision = await store.findDecision(tx, input.decisionId);
      if (!decision || decision.meeting_id !== meetingId)
        throw badRequest('This decision is not one of this meeting.', [{ path: '/body/decisionId', message: 'not a decision of this meeting' }]);
    }
    const id = uuidv7();
    await tx
      .insertInto('meeting_action_items')
      .values({
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
        created_at: new Date(),
      })
      .execute();
    await store.bumpMeeting(tx, meetingId);
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

/** The owner says an action item is done (with a note); it leaves the owner's home page. */
export async function markDone(ctx: AppContext, auth: Auth, id: string, input: ActionDone) {
  return ctx.db.transaction().execute(async (tx) => {
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
    await tx
      .updateTable('meeting_action_items')
      .set((eb) => ({ status: 'done', done_at: new Date(), done_by: auth.actor.userId, done_note: note, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    await record(tx, {
      type: 'meeting.action_done',
      actor: loggedActor(auth),
      subject: { meeting: item.meeting_id, action_item: id },
      sealed: note ? { note } : undefined,
    });
    return { id, meetingId: item.meeting_id };
  });
}

/**
 * Action items for a reader: by default its own organisation's open ones (the home page);
 * `owner: 'all'` gives every item it may see (all, for the secretariat and the guarantors).
 */
export async function listActions(ctx: AppContext, auth: Auth, query: ActionQuery): Promise<ListedActionItem[]> {
  const status = query.status ?? 'open';
  const rows = await store.actionItems(ctx.db, {
    owner: (query.owner ?? 'mine') === 'mine' ? auth.actor.orgId : undefined,
    status: status === 'all' ? undefined : status,
  });
  const today = new Date().toISOString().slice(0, 10);
  return rows
    .filter((a) => can(auth.actor, 'meetings.read', { meetingPart: 'action', meetingParticipantIds: [], concernsIds: [a.owner_org], shared: a.shared }))
    .map((a) => ({
      id: a.id,
      text: a.text,
      ownerOrgId: a.owner_org,
      dueOn: a.due_on,
      overdue: a.status === 'open' && a.due_on < today,
      status: a.status,
      shared: a.shared,
      meeting: { id: a.meeting_id, title: a.meeting_title, startsAt: iso(a.meeting_starts_at) },
      decisionId: a.decision_id,
      doneAt: iso(a.done_at),
      doneBy: a.done_by_name,
      doneNote: a.done_note,
      version: a.version,
      canMarkDone: a.status === 'open' && can(auth.actor, 'meetings.actions.done', { actionOwnerId: a.owner_org }),
    }));
}

/**
 * Schedules an exchange at this meeting: the exchange takes place on the meeting's day,
 * and the releases confirmed in it appear in the meeting's record.
 */
export async function scheduleExchange(ctx: AppContext, auth: Auth, meetingId: string, input: ScheduleExchange) {
  return ctx.db.transaction().execute(async (tx) => {
    const meeting = await lockedMeeting(tx, meetingId, input.version);
    const exchange = await tx.selectFrom('exchanges').select(['id', 'status']).where('id', '=', input.exchangeId).forUpdate().executeTakeFirst();
    if (!exchange) throw badRequest('There is no such exchange.', [{ path: '/body/exchangeId', message: 'unknown exchange' }]);
    if (exchange.status === 'completed' || exchange.status === 'withdrawn') throw conflict(`This exchange is ${exchange.status}.`, 'wrong_state');
    const meetingDate = new Date(meeting.starts_at).toISOString().slice(0, 10);
    await tx
      .updateTable('exchanges')
      .set((eb) => ({ meeting_id: meetingId, meeting_date: meetingDate, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', input.exchangeId)
      .execute();
    await store.bumpMeeting(tx, meetingId);
    await record(tx, {
      type: 'exchange.scheduled',
      actor: loggedActor(auth),
      subject: { exchange: input.exchangeId, meeting: meetingId },
      data: { meetingDate, meetingId },
    });
    return { id: meetingId };
  });
}
