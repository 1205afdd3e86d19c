import type { PersonStatus } from '@truce/core/detainees/status';
import { type Auth, loggedActor } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { listFor } from './access.ts';
import { iso } from './present.ts';
import type { PersonDetail } from './schema.ts';
import * as store from './store.ts';

/** One person with every version of its record, its status history and who looked at it (this view too). */
export async function showPerson(ctx: AppContext, auth: Auth, id: string, ref: string): Promise<PersonDetail> {
  const list = await listFor(ctx.db, auth.actor, id, 'detainees.read');
  const history = await store.personHistory(ctx.db, list.id, ref);
  if (history.length === 0) throw notFound('There is no person with this reference on the list.');
  await ctx.db.transaction().execute(async (tx) => {
    await store.recordView(tx, { list_id: list.id, refs: [ref], what: 'person', viewer_user: auth.actor.userId, viewer_org: auth.actor.orgId });
    // A view of one person's record is itself on the record, as a commitment to whom.
    await record(tx, { type: 'detainees.person.viewed', actor: loggedActor(auth), subject: { list: list.id }, sealed: { ref } });
  });
  const [statusEvents, views] = await Promise.all([store.statusEvents(ctx.db, list.id, ref), store.viewsOf(ctx.db, list.id, ref, 50)]);
  const current = history.find((h) => h.to_version === null) ?? null;
  return {
    listId: list.id,
    ref,
    current: current?.record ?? null,
    removedInVersion: current ? null : history[history.length - 1].to_version,
    versions: history.map((h) => ({ fromVersion: h.from_version, toVersion: h.to_version, record: h.record })),
    statusHistory: statusEvents.map((e) => ({
      status: e.status as PersonStatus,
      note: e.note,
      exchangeId: e.exchange_id,
      at: iso(e.changed_at),
      by: e.changed_by_name,
    })),
    views: views.map((v) => ({ what: v.what, at: iso(v.viewed_at), user: v.user_name, organisation: v.organisation_name })),
  };
}
