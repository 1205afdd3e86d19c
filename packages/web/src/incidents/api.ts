import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attribution, Verification } from '@truce/core/incidents/findings';
import type { IncidentScoped } from '@truce/core/policy/policy';
import { get, post } from '../api/client.ts';
import { NOTIFICATIONS } from '../notifications/api.ts';

/** Incidents, right of reply, assessments and findings (C3) as the API answers them (packages/server/src/incidents). */

export type { Attribution, Verification };
export const VERIFICATION_OPTIONS: Verification[] = ['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible'];

export interface FindingValue {
  verification: Verification;
  attribution: Attribution | null;
}

export interface IncidentSummary {
  id: string;
  createdAt: string;
  firstOccurredAt: string;
  typeCodes: string[];
  reportCount: number;
  allegedPartyIds: string[];
  replyDeadline: string;
  finding: FindingValue | null;
}

export type Decision =
  | { status: 'adopted'; finding: FindingValue; basis: string[] }
  | { status: 'pending'; missing: string[] }
  | { status: 'disagreement'; positions: { finding: FindingValue; guarantors: string[] }[]; missing: string[] };

export interface Incident {
  id: string;
  version: number;
  createdAt: string;
  mergedInto: string | null;
  round: number;
  replyDeadline: string;
  reports: {
    id: string;
    occurredAt: string;
    typeCode: string;
    adm1: string | null;
    reporterOrganisationId: string;
    allegedPartyId: string | null;
    withdrawn: boolean;
    readable: boolean;
  }[];
  allegedPartyIds: string[];
  affectedPartyIds: string[];
  replies: { partyId: string; state: 'due' | 'replied' | 'no-reply'; repliedAt: string | null }[];
  replyPeriod: { open: boolean; closedBy: 'replies' | 'deadline' | 'ended-early' | null; endedEarly: { at: string; reason: string | null } | null };
  /** While no finding stands: whether the assessments meet the rule, and whether adoption waits for a reply (until the deadline). */
  adoption: { ruleMet: boolean; waitsForReplyUntil: string | null; awaitedPartyIds: string[] } | null;
  /** The guarantors are at a stalemate under the rule: the incident goes to the next meeting. */
  dispute: { nextStep: 'meeting-agenda' } | null;
  /** `withheld`: once the finding is adopted, the mechanism does not share the reply with this reader. */
  replyTexts: { id: string; partyId: string; text: string | null; evidence: string[]; withheld: boolean; at: string }[];
  assessments: {
    id: string;
    round: number;
    guarantorId: string;
    verification: Verification;
    attribution: Attribution | null;
    reasoning: string | null;
    reasoningWithheld: boolean;
    at: string;
  }[];
  decision: Decision;
  finding: null | { finding: FindingValue; basis: string[]; adoptedAt: string; round: number };
  findingHistory: { round: number; finding: FindingValue; basis: string[]; adoptedAt: string; reopenedAt: string | null; reopenReason: string | null }[];
  timeline: {
    at: string;
    kind: 'report' | 'reply' | 'assessment' | 'finding' | 'reopened' | 'reply-period-ended';
    id: string;
    organisationId: string | null;
  }[];
}

export interface Grouping {
  currentIncident: string | null;
  proposals: { incidentId: string; viaReport: string; score: number; hoursApart: number; kmApart: number; sameType: boolean; reasons: string[] }[];
}

export const INCIDENTS = ['incidents'] as const;
export const incidentKey = (id: string) => ['incidents', 'one', id] as const;

export function useIncidents(limit = 200) {
  return useQuery({
    queryKey: [...INCIDENTS, 'list', limit],
    queryFn: async () => (await get<{ incidents: IncidentSummary[] }>(`/api/incidents?limit=${limit}`)).incidents,
  });
}

export function useIncident(id: string) {
  return useQuery({ queryKey: incidentKey(id), queryFn: () => get<Incident>(`/api/incidents/${encodeURIComponent(id)}`) });
}

export function useGrouping(reportId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...INCIDENTS, 'grouping', reportId],
    enabled,
    queryFn: () => get<Grouping>(`/api/reports/${encodeURIComponent(reportId)}/grouping`),
  });
}

/** The incident as the policy sees it, for asking what this reader may do with it. */
export function scopeOf(incident: Incident): IncidentScoped {
  return {
    reporterOrgIds: [...new Set(incident.reports.map((r) => r.reporterOrganisationId))],
    allegedPartyIds: incident.allegedPartyIds,
    affectedPartyIds: incident.affectedPartyIds,
    findingAdopted: incident.finding !== null,
  };
}

/** Every change refetches the incidents (lists, details, groupings) and the notifications. */
function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: INCIDENTS }), client.invalidateQueries({ queryKey: NOTIFICATIONS })]);
}

export function useReloadIncidents() {
  return useRefresh();
}

const path = (id: string, what: string) => `/api/incidents/${encodeURIComponent(id)}/${what}`;

/** A change to an incident. `onDone` is called from the mutation itself, so it runs even when the form that sent it is gone after the refetch. */
export function useIncidentAction<A, R = Incident>(send: (args: A) => Promise<R>, onDone?: (result: R) => void) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: send,
    onSuccess: (result) => {
      onDone?.(result);
      return refresh();
    },
  });
}

export const sendReply = (id: string) => (body: { text: string; evidence: string[] }) => post<Incident>(path(id, 'replies'), body);
export const sendAssessment = (id: string) => (body: { verification: Verification; attribution: Attribution | null; reasoning: string }) =>
  post<Incident>(path(id, 'assessments'), body);
export const sendEndReplyPeriod = (id: string) => (body: { reason: string }) =>
  post<Incident & { logIndex: number | null }>(path(id, 'reply-period/end'), body);
export const sendReopen = (id: string) => (body: { reason: string; version: number }) => post<Incident>(path(id, 'reopen'), body);
export const sendAddReport = (id: string) => (body: { reportId: string; version: number }) => post<Incident>(path(id, 'reports'), body);
export const sendNewIncident = (body: { reportIds: string[] }) => post<Incident>('/api/incidents', body);
