import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { decide, type Assessment, type DecisionRule } from '@truce/core/incidents/findings';
import { actionItemReason, exchangeReason, linkKey, proposeAgenda, type AgendaLink, type PendingItem } from '@truce/core/meetings/agenda';
import { loggedActor, type Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { incidentScope } from '../incidents/index.ts';
import { lockedMeeting } from './locked-meeting.ts';
import type { AgendaBody, AgendaEntry, AgendaProposal, ItemChange } from './schema.ts';
import * as store from './store.ts';

/**
 * The agenda of a meeting (C7): proposed from what is pending in the mechanism (ranked by
 * core meetings/agenda), then set by the secretariat — items kept, added (free or about
 * an incident, an exchange or an action item), removed and ordered in one save — and
 * minutes written per item, each revision kept.
 */
type Db = Kysely<Database>;
const iso = (d: Date | string) => new Date(d).toISOString();

/** Everything pending in the mechanism at a meeting held at `meetingAt`. */
async function pendingItems(db: Db, meetingAt: Date): Promise<PendingItem[]> {
  const now = Date.now();
  const out: PendingItem[] = [];
  const incidents = await store.incidentsWithoutFinding(db);
  const ids = incidents.map((i) => i.id);
  const [reports, replied, assessments, guarantors, mechanism] = await Promise.all([
    store.incidentParties(db, ids),
    store.repliedParties(db, ids),
    store.assessmentsOfAssessed(db, ids),
    db.selectFrom('organisations').select('id').where('kind', '=', 'guarantor').execute(),
    db.selectFrom('mechanism').select('decision_rule').executeTakeFirst(),
  ]);
  const guarantorIds = guarantors.map((g) => g.id);
  for (const incident of incidents) {
    const link: AgendaLink = { kind: 'incident', incidentId: incident.id };
    const since = iso(incident.created_at);
    out.push({ link, reason: 'finding-awaited', since });
    const alleged = new Set(reports.filter((r) => r.incident_id === incident.id && r.alleged_party).map((r) => r.alleged_party!));
    const answered = new Set(replied.filter((r) => r.incident_id === incident.id).map((r) => r.party_id));
    const deadline = new Date(incident.reply_deadline);
    if (deadline.getTime() < now && [...alleged].some((p) => !answered.has(p))) out.push({ link, reason: 'reply-overdue', since, due: deadline.toISOString() });
    const mine = assessments.filter((a) => a.incident_id === incident.id);
    if (mine.length > 1) {
      const decision = decide(
        (mechanism?.decision_rule ?? 'consensus') as DecisionRule,
        guarantorIds,
        mine.map((a) => ({ guarantorId: a.guarantor_id, verification: a.verification, attribution: a.attribution as Assessment['attribution'] })),
      );
      if (decision.status === 'disagreement') out.push({ link, reason: 'finding-disputed', since });
    }
  }
  for (const e of await store.openExchanges(db)) {
    const reason = exchangeReason(e.status);
    if (reason) out.push({ link: { kind: 'exchange', exchangeId: e.id }, reason, since: iso(e.updated_at) });
  }
  for (const a of await store.openActionItemsDueBy(db, meetingAt.toISOString().slice(0, 10))) {
    const reason = actionItemReason(a.due_on, meetingAt);
    if (reason) out.push({ link: { kind: 'action-item', actionItemId: a.id }, reason, since: iso(a.created_at), due: a.due_on });
  }
  return out;
}

const linkOf = (i: { incident_id: string | null; exchange_id: string | null; action_item_id: string | null }): AgendaLink | null =>
  i.incident_id
    ? { kind: 'incident', incidentId: i.incident_id }
    : i.exchange_id
      ? { kind: 'exchange', exchangeId: i.exchange_id }
      : i.action_item_id
        ? { kind: 'action-item', actionItemId: i.action_item_id }
        : null;

/**
 * The proposed agenda: pending things not yet on this meeting's agenda, most urgent
 * first, each with what the secretariat needs to recognise it (no persons, and an
 * exchange's title only for those who may read the exchange).
 */
export async function proposal(ctx: AppContext, auth: Auth, meetingId: string, limit: number): Promise<AgendaProposal> {
  const meeting = await store.findMeeting(ctx.db, meetingId);
  if (!meeting) throw notFound('There is no such meeting.');
  const onAgenda = new Set(
    (await store.agendaItems(ctx.db, [meetingId]))
      .map(linkOf)
      .filter((l): l is AgendaLink => l !== null)
      .map(linkKey),
  );
  const ranked = proposeAgenda(await pendingItems(ctx.db, new Date(meeting.starts_at)), { meetingAt: new Date(meeting.starts_at), limit, exclude: onAgenda });
  const incidentIds = ranked.flatMap((p) => (p.link.kind === 'incident' ? [p.link.incidentId] : []));
  const exchangeIds = ranked.flatMap((p) => (p.link.kind === 'exchange' ? [p.link.exchangeId] : []));
  const actionIds = ranked.flatMap((p) => (p.link.kind === 'action-item' ? [p.link.actionItemId] : []));
  const [reports, exchanges, actions] = await Promise.all([
    store.incidentParties(ctx.db, incidentIds),
    store.exchanges(ctx.db, { ids: exchangeIds }),
    store.actionItems(ctx.db, { ids: actionIds }),
  ]);
  return {
    meetingId,
    items: ranked.map((p) => {
      const base = { reason: p.reason, reasons: p.reasons, since: p.since, due: p.due, days: p.days };
      if (p.link.kind === 'incident') {
        const id = p.link.incidentId;
        const mine = reports.filter((r) => r.incident_id === id);
        const scope = incidentScope(mine, false);
        return {
          ...base,
          incident: {
            id,
            firstOccurredAt: mine[0] ? iso(mine[0].occurred_at) : null,
            typeCodes: [...new Set(mine.map((r) => r.type_code))],
            adm1: mine[0]?.adm1_pcode ?? null,
            allegedPartyIds: scope.allegedPartyIds,
          },
        };
      }
      if (p.link.kind === 'exchange') {
        const e = exchanges.find((x) => x.id === (p.link as { exchangeId: string }).exchangeId)!;
        const readable = can(auth.actor, 'exchange.read', { exchangePartyIds: [e.party_a, e.party_b] });
        return {
          ...base,
          exchange: {
            id: e.id,
            title: readable ? e.title : null,
            partyA: e.party_a,
            partyB: e.party_b,
            status: e.status,
            meetingDate: e.meeting_date,
            meetingId: e.meeting_id,
            persons: e.counts.reduce((s, c) => s + c.n, 0),
          },
        };
      }
      const a = actions.find((x) => x.id === (p.link as { actionItemId: string }).actionItemId)!;
      return {
        ...base,
        actionItem: { id: a.id, text: a.text, ownerOrgId: a.owner_org, dueOn: a.due_on, meetingId: a.meeting_id, meetingTitle: a.meeting_title },
      };
    }),
  };
}

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
    const now = new Date();
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
        await tx
          .updateTable('meeting_agenda_items')
          .set((eb) => ({ position: i + 1, ...changes, ...(Object.keys(changes).length > 0 ? { version: eb('version', '+', 1) } : {}) }))
          .where('id', '=', id)
          .execute();
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
        await tx
          .insertInto('meeting_agenda_items')
          .values({
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
          })
          .execute();
        added.push({ item: id, link });
      }
      order.push(id);
    }
    const removed = current.filter((x) => !kept.has(x.id)).map((x) => x.id);
    if (removed.length > 0)
      await tx.updateTable('meeting_agenda_items').set({ removed_at: now, removed_by: auth.actor.userId }).where('id', 'in', removed).execute();
    await store.bumpMeeting(tx, meetingId);
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

/** Writes an agenda item's minutes (or its title, or whether it is shared); every revision is kept. */
export async function changeItem(ctx: AppContext, auth: Auth, id: string, input: ItemChange) {
  return ctx.db.transaction().execute(async (tx) => {
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
    await tx.updateTable('meeting_agenda_items').set({ title, minutes, shared, version }).where('id', '=', id).execute();
    if (minutes !== item.minutes || shared !== item.shared) {
      await tx
        .insertInto('meeting_minutes_revisions')
        .values({ agenda_item_id: id, version, minutes, shared, created_by: auth.actor.userId, created_at: new Date() })
        .execute();
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
