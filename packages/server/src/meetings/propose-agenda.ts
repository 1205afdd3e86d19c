import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { decide, type Assessment, type DecisionRule } from '@truce/core/incidents/findings';
import { actionItemReason, exchangeReason, linkKey, proposeAgenda, type AgendaLink, type PendingItem } from '@truce/core/meetings/agenda';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import { incidentScope } from '../incidents/index.ts';
import { linkOf } from './agenda-link.ts';
import type { AgendaProposal } from './schema.ts';
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
async function pendingItems(db: Db, meetingAt: Date, now: number): Promise<PendingItem[]> {
  const out: PendingItem[] = [];
  const incidents = await store.incidentsWithoutFinding(db);
  const ids = incidents.map((i) => i.id);
  const [reports, replied, assessments, guarantorIds, rule] = await Promise.all([
    store.incidentParties(db, ids),
    store.repliedParties(db, ids),
    store.assessmentsOfAssessed(db, ids),
    store.guarantorIds(db),
    store.decisionRule(db),
  ]);
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
        (rule ?? 'consensus') as DecisionRule,
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
  const ranked = proposeAgenda(await pendingItems(ctx.db, new Date(meeting.starts_at), ctx.clock.now().getTime()), {
    meetingAt: new Date(meeting.starts_at),
    limit,
    exclude: onAgenda,
  });
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
