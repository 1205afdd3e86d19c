import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { linkKey, type AgendaLink } from '@truce/core/meetings/agenda';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { linkOf } from './agenda-link.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { AgendaBody, AgendaEntry } from './schema.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;

/** Checks that what a new agenda entry links to exists; returns its link. */
async function checkEntry(tx: Db, entry: AgendaEntry, i: number): Promise<AgendaLink | null> {
  const path = (field: string) => `/body/items/${i}/${field}`;
  const links = (['incidentId', 'exchangeId', 'actionItemId'] as const).filter((f) => entry[f] !== undefined);
  if (links.length > 1) throw badRequest('An agenda item is about one thing.', [{ path: path(links[1]), message: `cannot be given with ${links[0]}` }]);
  if (entry.incidentId) {
    const [incident] = await store.incidentsExist(tx, [entry.incidentId]);
    if (!incident) throw badRequest('There is no such incident.', [{ path: path('incidentId'), message: 'unknown incident' }]);
    if (incident.merged_into)
      throw badRequest(`This incident was merged into ${incident.merged_into}.`, [{ path: path('incidentId'), message: 'merged into another incident' }]);
    return { kind: 'incident', incidentId: entry.incidentId };
  }
  if (entry.exchangeId) {
    const [exchange] = await store.exchanges(tx, { ids: [entry.exchangeId] });
    if (!exchange) throw badRequest('There is no such exchange.', [{ path: path('exchangeId'), message: 'unknown exchange' }]);
    return { kind: 'exchange', exchangeId: entry.exchangeId };
  }
  if (entry.actionItemId) {
    if (!(await store.findActionItem(tx, entry.actionItemId)))
      throw badRequest('There is no such action item.', [{ path: path('actionItemId'), message: 'unknown action item' }]);
    return { kind: 'action-item', actionItemId: entry.actionItemId };
  }
  if (!entry.title?.trim()) throw badRequest('A free agenda item needs a title.', [{ path: path('title'), message: 'is required for a free item' }]);
  return null;
}

/**
 * Sets the agenda in one save: entries with an `id` are items kept (in the new order,
 * with a new title or sharing when given), the others are added, and items left out are
 * removed (kept on the record as removed).
 */
export async function setAgenda(ctx: AppContext, auth: Auth, meetingId: string, input: AgendaBody) {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await lockedMeeting(tx, meetingId, input.version);
    const current = await store.agendaItems(tx, [meetingId]);
    const kept = new Set<string>();
    const keptIds = new Set(input.items.flatMap((e) => (e.id ? [e.id] : [])));
    const linked = new Set(
      current
        .filter((x) => keptIds.has(x.id))
        .map(linkOf)
        .filter((l): l is AgendaLink => l !== null)
        .map(linkKey),
    );
    const order: string[] = [];
    const added: { item: string; link: AgendaLink | null }[] = [];
    const titles: Record<string, string> = {};
    for (const [i, entry] of input.items.entries()) {
      let id = entry.id;
      if (id) {
        const item = current.find((x) => x.id === id);
        if (!item) throw badRequest('This item is not on the agenda of this meeting.', [{ path: `/body/items/${i}/id`, message: 'not on this agenda' }]);
        if (kept.has(id)) throw badRequest('Each item appears once.', [{ path: `/body/items/${i}/id`, message: 'listed twice' }]);
        kept.add(id);
        const changes = {
          ...(entry.title !== undefined && entry.title.trim() !== item.title ? { title: entry.title.trim() } : {}),
          ...(entry.shared !== undefined && entry.shared !== item.shared ? { shared: entry.shared } : {}),
        };
        if (changes.title !== undefined) titles[id] = changes.title;
        await store.placeAgendaItem(tx, id, i + 1, changes);
      } else {
        const link = await checkEntry(tx, entry, i);
        if (link) {
          if (linked.has(linkKey(link))) {
            throw badRequest('This is already on the agenda.', [{ path: `/body/items/${i}`, message: 'already on the agenda' }]);
          }
          linked.add(linkKey(link));
        }
        id = uuidv7();
        const title = (entry.title ?? '').trim();
        if (title) titles[id] = title;
        await store.insertAgendaItem(tx, {
          id,
          meeting_id: meetingId,
          position: i + 1,
          title,
          reason: link ? (entry.reason ?? null) : null,
          incident_id: link?.kind === 'incident' ? link.incidentId : null,
          exchange_id: link?.kind === 'exchange' ? link.exchangeId : null,
          action_item_id: link?.kind === 'action-item' ? link.actionItemId : null,
          shared: entry.shared ?? false,
          created_by: auth.actor.userId,
          created_at: now,
        });
        added.push({ item: id, link });
      }
      order.push(id);
    }
    const removed = current.filter((x) => !kept.has(x.id)).map((x) => x.id);
    if (removed.length > 0) await store.removeAgendaItems(tx, removed, now, auth.actor.userId);
    await store.bumpMeeting(tx, meetingId, now);
    await record(tx, {
      type: 'meeting.agenda_set',
      actor: loggedActor(auth),
      subject: { meeting: meetingId },
      data: { order, added: added.map((a) => ({ item: a.item, ...(a.link ?? {}) })), removed },
      sealed: Object.keys(titles).length > 0 ? { titles } : undefined,
    });
    return { id: meetingId };
  });
}
