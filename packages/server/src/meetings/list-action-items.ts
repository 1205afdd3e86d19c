import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { ActionQuery, ListedActionItem } from './schema.ts';
import * as store from './store.ts';

function iso(d: Date | string): string;
function iso(d: Date | string | null): string | null;
function iso(d: Date | string | null) {
  return d === null ? null : new Date(d).toISOString();
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
  const today = ctx.clock.now().toISOString().slice(0, 10);
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
