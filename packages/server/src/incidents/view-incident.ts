import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import { decide, isStalemate, type Assessment, type DecisionRule } from '@truce/core/incidents/findings';
import { discloses, parseDisclosure } from '@truce/core/incidents/disclosure';
import { replyPeriod } from '@truce/core/incidents/reply-period';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import type { Decision, Finding, Incident } from './schema.ts';
import { incidentScope } from './scope.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;
const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/**
 * An incident as one reader may see it: its reports (those the reader may open are
 * marked), the right-of-reply state per accused party, every assessment, the decision
 * under the mechanism's rule (adopted, pending, or a disagreement shown as such), the
 * history of findings and a timeline of all of it.
 */
export async function viewIncident(db: Db, auth: Auth, id: string, at: Date): Promise<Incident> {
  const incident = await store.findIncident(db, id);
  if (!incident) throw notFound('There is no such incident.');
  const [reports, allFindings] = await Promise.all([store.memberReports(db, [id]), store.findings(db, [id])]);
  const current = allFindings.find((f) => f.round === incident.round && f.reopened_at === null) ?? null;
  const scope = incidentScope(reports, current !== null);
  if (!can(auth.actor, 'incident.read', scope)) throw notFound('There is no such incident.');

  const [replies, assessments, guarantors, mechanism] = await Promise.all([
    store.replies(db, id),
    store.assessments(db, id),
    store.guarantorIds(db),
    store.decisionSettings(db),
  ]);
  const now = at.getTime();
  const period = replyPeriod(
    {
      allegedPartyIds: scope.allegedPartyIds,
      repliedPartyIds: replies.map((r) => r.party_id),
      deadline: incident.reply_deadline,
      endedAt: incident.reply_period_ended_at,
    },
    now,
  );
  const deadline = new Date(incident.reply_deadline);
  const replyState = scope.allegedPartyIds.map((party) => {
    const first = replies.find((r) => r.party_id === party);
    return {
      partyId: party,
      state: first ? ('replied' as const) : deadline.getTime() < now || incident.reply_period_ended_at ? ('no-reply' as const) : ('due' as const),
      repliedAt: isoOrNull(first?.created_at ?? null),
    };
  });
  const inRound = assessments.filter((a) => a.round === incident.round);
  const rule = mechanism.decision_rule as DecisionRule;
  const latest = inRound.map((a) => ({ guarantorId: a.guarantor_id, verification: a.verification, attribution: a.attribution as Assessment['attribution'] }));
  const decision = decide(rule, guarantors, latest);
  const live = current === null && incident.merged_into === null;
  // What happens next, said on the incident: adoption waits for the reply, or the guarantors differ and it goes to a meeting.
  const adoption = live
    ? {
        ruleMet: decision.status === 'adopted',
        waitsForReplyUntil: period.open ? iso(incident.reply_deadline) : null,
        awaitedPartyIds: period.open ? period.awaitedPartyIds : [],
      }
    : null;
  const dispute = live && isStalemate(rule, guarantors, latest) ? { nextStep: 'meeting-agenda' as const } : null;
  // Once adopted, the mechanism's setting says who reads the reasoning and the reply (C1).
  const setting = parseDisclosure(mechanism.adopted_incident_disclosure);
  const showReasoning = current === null || discloses(setting, 'reasoning', auth.actor, scope);
  const showReply = current === null || discloses(setting, 'reply', auth.actor, scope);

  const timeline = [
    ...reports.map((r) => ({ at: iso(r.created_at), kind: 'report' as const, id: r.id, organisationId: r.reporter_org as string | null })),
    ...replies.map((r) => ({ at: iso(r.created_at), kind: 'reply' as const, id: r.id, organisationId: r.party_id as string | null })),
    ...assessments.map((a) => ({ at: iso(a.created_at), kind: 'assessment' as const, id: a.id, organisationId: a.guarantor_id as string | null })),
    ...(incident.reply_period_ended_at
      ? [{ at: iso(incident.reply_period_ended_at), kind: 'reply-period-ended' as const, id: `${id}/reply-period`, organisationId: null as string | null }]
      : []),
    ...allFindings.flatMap((f) => [
      { at: iso(f.adopted_at), kind: 'finding' as const, id: `${id}/${f.round}`, organisationId: null as string | null },
      ...(f.reopened_at ? [{ at: iso(f.reopened_at), kind: 'reopened' as const, id: `${id}/${f.round}`, organisationId: null as string | null }] : []),
    ]),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    id,
    version: incident.version,
    createdAt: iso(incident.created_at),
    mergedInto: incident.merged_into,
    round: incident.round,
    replyDeadline: iso(incident.reply_deadline),
    reports: reports.map((r) => ({
      id: r.id,
      occurredAt: iso(r.occurred_at),
      typeCode: r.type_code,
      adm1: r.adm1_pcode,
      reporterOrganisationId: r.reporter_org,
      allegedPartyId: r.alleged_party,
      withdrawn: r.withdrawn_at !== null,
      readable: can(auth.actor, 'report.read', { reporterOrgId: r.reporter_org, allegedPartyId: r.alleged_party, affectedPartyId: r.affected_party }),
    })),
    allegedPartyIds: scope.allegedPartyIds,
    affectedPartyIds: scope.affectedPartyIds,
    replies: replyState,
    replyPeriod: {
      open: period.open,
      closedBy: period.closedBy,
      endedEarly: incident.reply_period_ended_at ? { at: iso(incident.reply_period_ended_at), reason: incident.reply_period_end_reason } : null,
    },
    adoption,
    dispute,
    replyTexts: replies.map((r) => ({
      id: r.id,
      partyId: r.party_id,
      text: showReply ? r.text : null,
      evidence: showReply ? r.evidence : [],
      withheld: !showReply,
      at: iso(r.created_at),
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      round: a.round,
      guarantorId: a.guarantor_id,
      verification: a.verification,
      attribution: a.attribution as Assessment['attribution'],
      reasoning: showReasoning ? a.reasoning : null,
      reasoningWithheld: !showReasoning,
      at: iso(a.created_at),
    })),
    decision: decision as Decision,
    finding: current ? { finding: current.finding as Finding, basis: current.basis, adoptedAt: iso(current.adopted_at), round: current.round } : null,
    findingHistory: allFindings.map((f) => ({
      round: f.round,
      finding: f.finding as Finding,
      basis: f.basis,
      adoptedAt: iso(f.adopted_at),
      reopenedAt: isoOrNull(f.reopened_at),
      reopenReason: f.reopen_reason,
    })),
    timeline,
  };
}
