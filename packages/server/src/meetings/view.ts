import type { Kysely } from 'kysely';
import { can, type MeetingScoped } from '@truce/core/policy/policy';
import { adoption } from '@truce/core/meetings/decisions';
import type { AgendaReason } from '@truce/core/meetings/agenda';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { incidentScope } from '../incidents/index.ts';
import type { Meeting } from './schema.ts';
import * as store from './store.ts';

/**
 * Meetings as one reader may see them (C7). Everything of a set of meetings is loaded at
 * once; then each part — agenda item with its minutes, decision, action item, the
 * releases of an exchange scheduled there — is shown only when the policy lets this
 * reader see it (meetings.read on a MeetingScoped). The secretariat and the guarantors see
 * all; a party sees the meetings it takes part in, the decisions that concern it and what
 * is shared; observers what is shared with them or names them.
 */
type Db = Kysely<Database>;
function iso(d: Date | string): string;
function iso(d: Date | string | null): string | null;
function iso(d: Date | string | null) {
  return d === null ? null : new Date(d).toISOString();
}
const uniq = (xs: string[]) => [...new Set(xs)];
/** Participants are listed guarantors first, then the parties, the facilitator and observers. */
const KIND_ORDER = ['secretariat', 'guarantor', 'party', 'facilitator', 'observer', 'monitor'];

export async function loadMeetings(db: Db, meetings: Awaited<ReturnType<typeof store.listMeetings>>) {
  const ids = meetings.map((m) => m.id);
  const [participants, items, decisions, actions, scheduled, facilitators] = await Promise.all([
    store.participants(db, ids),
    store.agendaItems(db, ids),
    store.decisions(db, ids),
    store.actionItems(db, { meetingIds: ids }),
    store.exchanges(db, { meetingIds: ids }),
    store.facilitatorIds(db),
  ]);
  const incidentIds = uniq([...items.flatMap((i) => (i.incident_id ? [i.incident_id] : [])), ...decisions.flatMap((d) => d.incident_ids)]);
  const exchangeIds = uniq([...items.flatMap((i) => (i.exchange_id ? [i.exchange_id] : [])), ...decisions.flatMap((d) => d.exchange_ids)]).filter(
    (id) => !scheduled.some((e) => e.id === id),
  );
  const [reports, linkedExchanges, approvals, lists, linkedActions, releases] = await Promise.all([
    store.incidentParties(db, incidentIds),
    store.exchanges(db, { ids: exchangeIds }),
    store.approvals(
      db,
      decisions.map((d) => d.id),
    ),
    store.listParties(db, uniq(decisions.flatMap((d) => d.persons.map((p) => p.listId)))),
    store.actionItems(db, { ids: uniq(items.flatMap((i) => (i.action_item_id ? [i.action_item_id] : []))) }),
    store.confirmedReleases(
      db,
      scheduled.map((e) => e.id),
    ),
  ]);
  const exchanges = [...scheduled, ...linkedExchanges];
  const incidentReports = new Map<string, typeof reports>();
  for (const r of reports) incidentReports.set(r.incident_id, [...(incidentReports.get(r.incident_id) ?? []), r]);
  return { meetings, participants, items, decisions, actions, scheduled, exchanges, incidentReports, approvals, lists, linkedActions, releases, facilitators };
}
export type Loaded = Awaited<ReturnType<typeof loadMeetings>>;

/** Whom each linked thing concerns: the organisations of an incident's reports, an exchange's two parties and the facilitator. */
function concerns(data: Loaded) {
  const incident = (id: string) => {
    const s = incidentScope(data.incidentReports.get(id) ?? [], false);
    return uniq([...s.reporterOrgIds, ...s.allegedPartyIds, ...s.affectedPartyIds]);
  };
  const exchange = (id: string) => {
    const e = data.exchanges.find((x) => x.id === id);
    return e ? [e.party_a, e.party_b, ...data.facilitators] : [];
  };
  const item = (i: Loaded['items'][number]): string[] | null =>
    i.incident_id
      ? incident(i.incident_id)
      : i.exchange_id
        ? exchange(i.exchange_id)
        : i.action_item_id
          ? [data.linkedActions.find((a) => a.id === i.action_item_id)?.owner_org ?? '']
          : null;
  const decision = (d: Loaded['decisions'][number]): string[] | null => {
    const all = uniq([
      ...d.party_ids,
      ...d.incident_ids.flatMap(incident),
      ...d.exchange_ids.flatMap(exchange),
      ...d.persons.flatMap((p) => data.lists.filter((l) => l.id === p.listId).map((l) => l.party_id)),
    ]);
    return all.length === 0 ? null : all;
  };
  return { incident, exchange, item, decision };
}

/** The policy's view of one meeting: who takes part, whom its decisions and action items concern, whether anything is shared. */
export function meetingScope(data: Loaded, meetingId: string): MeetingScoped {
  const c = concerns(data);
  const decisions = data.decisions.filter((d) => d.meeting_id === meetingId && d.status !== 'withdrawn');
  const actions = data.actions.filter((a) => a.meeting_id === meetingId);
  const items = data.items.filter((i) => i.meeting_id === meetingId);
  return {
    meetingPart: 'meeting',
    meetingParticipantIds: data.participants.filter((p) => p.meeting_id === meetingId).map((p) => p.organisation_id),
    concernsIds: uniq([...decisions.flatMap((d) => c.decision(d) ?? []), ...actions.map((a) => a.owner_org)]),
    shared: [...decisions, ...actions, ...items].some((p) => p.shared),
  };
}

/** One meeting as this reader may see it, or null when it may not see it at all. */
export function present(data: Loaded, auth: Auth, meetingId: string): Meeting | null {
  const m = data.meetings.find((x) => x.id === meetingId)!;
  const scope = meetingScope(data, meetingId);
  if (!can(auth.actor, 'meetings.read', scope)) return null;
  const c = concerns(data);
  const part = (meetingPart: MeetingScoped['meetingPart'], concernsIds: string[] | null, shared: boolean) =>
    can(auth.actor, 'meetings.read', { meetingPart, meetingParticipantIds: scope.meetingParticipantIds, concernsIds, shared });
  const mechanism = auth.actor.orgKind === 'secretariat' || auth.actor.orgKind === 'guarantor';

  const participants = data.participants
    .filter((p) => p.meeting_id === meetingId)
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
  const presentGuarantors = participants.filter((p) => p.kind === 'guarantor' && p.attendance === 'present').map((p) => p.organisation_id);
  const exchangeOf = (id: string) => {
    const e = data.exchanges.find((x) => x.id === id);
    if (!e) return null;
    const readable = can(auth.actor, 'exchange.read', { exchangePartyIds: [e.party_a, e.party_b] });
    return {
      id: e.id,
      title: readable ? e.title : null,
      readable,
      mode: e.mode,
      partyA: e.party_a,
      partyB: e.party_b,
      status: e.status,
      meetingDate: e.meeting_date,
      meetingId: e.meeting_id,
      version: e.version,
      counts: e.counts.map((x) => ({ partyId: x.party, outcome: x.outcome, count: x.n })),
    };
  };
  const incidentOf = (id: string) => {
    const reports = data.incidentReports.get(id) ?? [];
    const s = incidentScope(reports, false);
    return {
      id,
      firstOccurredAt: iso(reports[0]?.occurred_at ?? null),
      typeCodes: uniq(reports.map((r) => r.type_code)),
      adm1: reports[0]?.adm1_pcode ?? null,
      allegedPartyIds: s.allegedPartyIds,
      readable: can(auth.actor, 'incident.read', s),
    };
  };
  const actionOf = (a: Loaded['actions'][number]) => ({
    id: a.id,
    meetingId: a.meeting_id,
    decisionId: a.decision_id,
    text: a.text,
    ownerOrgId: a.owner_org,
    dueOn: a.due_on,
    shared: a.shared,
    status: a.status,
    doneAt: iso(a.done_at),
    doneBy: a.done_by_name,
    doneNote: a.done_note,
    version: a.version,
    canMarkDone: a.status === 'open' && can(auth.actor, 'meetings.actions.done', { actionOwnerId: a.owner_org }),
  });

  const items = data.items
    .filter((i) => i.meeting_id === meetingId && part('item', c.item(i), i.shared))
    .map((i) => {
      const action = i.action_item_id ? data.linkedActions.find((a) => a.id === i.action_item_id) : undefined;
      return {
        id: i.id,
        position: i.position,
        title: i.title,
        // Set from the request schema's AGENDA_REASONS (or null for a free item).
        reason: i.reason as AgendaReason | null,
        shared: i.shared,
        minutes: i.minutes,
        version: i.version,
        incident: i.incident_id ? incidentOf(i.incident_id) : null,
        exchange: i.exchange_id ? exchangeOf(i.exchange_id) : null,
        actionItem: action ? actionOf(action) : null,
      };
    });

  const decisions = data.decisions
    .filter((d) => d.meeting_id === meetingId && part('decision', c.decision(d), d.shared))
    .map((d) => {
      const approvals = data.approvals.filter((a) => a.decision_id === d.id);
      const state = adoption({ presentGuarantors, approvals: approvals.map((a) => a.organisation_id) });
      return {
        id: d.id,
        number: d.number,
        agendaItemId: d.agenda_item_id,
        text: d.text,
        proposedBy: d.proposed_by,
        status: d.status,
        shared: d.shared,
        incidentIds: d.incident_ids,
        exchangeIds: d.exchange_ids,
        partyIds: d.party_ids,
        persons: d.persons.map((p) => ({ ...p, partyId: data.lists.find((l) => l.id === p.listId)?.party_id ?? null })),
        adoptedAt: iso(d.adopted_at),
        withdrawnAt: iso(d.withdrawn_at),
        withdrawReason: mechanism ? d.withdraw_reason : undefined,
        createdAt: iso(d.created_at),
        version: d.version,
        approvals: approvals.map((a) => ({
          organisationId: a.organisation_id,
          organisation: a.organisation_name,
          by: a.user_name,
          at: iso(a.at),
          logIndex: a.log_index === null ? null : Number(a.log_index),
        })),
        waitingFor: d.status === 'proposed' && state.status === 'pending' ? state.missing : [],
        canApprove:
          d.status === 'proposed' &&
          can(auth.actor, 'meetings.approve') &&
          presentGuarantors.includes(auth.actor.orgId) &&
          !approvals.some((a) => a.organisation_id === auth.actor.orgId),
      };
    });

  const actions = data.actions.filter((a) => a.meeting_id === meetingId && part('action', [a.owner_org], a.shared)).map(actionOf);

  const releases = data.scheduled
    .filter((e) => e.meeting_id === meetingId && part('item', c.exchange(e.id), false))
    .map((e) => {
      const header = exchangeOf(e.id)!;
      return {
        exchange: header,
        confirmed: header.readable
          ? data.releases
              .filter((r) => r.exchange_id === e.id)
              .map((r) => ({ listId: r.list_id, ref: r.ref, releasingParty: r.releasing_party, at: iso(r.outcome_at) }))
          : null,
      };
    });

  return {
    id: m.id,
    title: m.title,
    startsAt: iso(m.starts_at),
    venue: m.venue,
    status: m.status,
    cancelReason: m.cancel_reason,
    version: m.version,
    createdAt: iso(m.created_at),
    updatedAt: iso(m.updated_at),
    participants: participants.map((p) => ({
      organisationId: p.organisation_id,
      name: p.name,
      shortName: p.short_name,
      kind: p.kind,
      delegates: p.delegates,
      attendance: p.attendance,
      attendees: p.attendees,
    })),
    agenda: items,
    decisions,
    actionItems: actions,
    releases,
    can: {
      manage: can(auth.actor, 'meetings.manage') && m.status !== 'cancelled',
      decide: can(auth.actor, 'meetings.decide') && m.status !== 'cancelled',
    },
  };
}
