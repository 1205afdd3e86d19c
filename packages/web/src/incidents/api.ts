import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attribution, Verification } from '@truce/core/incidents/findings';
import type { IncidentScoped } from '@truce/core/policy/policy';
import type { Grouping, Incident, IncidentAfterReplyPeriod, IncidentList, TriageQueue } from '@truce/server/schemas/incidents';
import { get, post } from '../api/client.ts';
import { NOTIFICATIONS } from '../notifications/api.ts';

/** Incidents, right of reply, assessments and findings (C3) as the API answers them (packages/server/src/incidents/schema.ts). */

export type { Attribution, Verification };
export type { Decision, Finding as FindingValue, Grouping, Incident, IncidentSummary } from '@truce/server/schemas/incidents';
export const VERIFICATION_OPTIONS: Verification[] = ['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible'];

export const INCIDENTS = ['incidents'] as const;
export const incidentKey = (id: string) => ['incidents', 'one', id] as const;

/** The list's filters, as the address and the API name them. */
export interface IncidentFilter {
  finding?: string;
  allegedParty?: string;
  type?: string;
  reply?: string;
}

export const INCIDENT_PAGE = 50;

export function incidentsUrl(filter: IncidentFilter, before?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  if (before) q.set('before', before);
  q.set('limit', String(INCIDENT_PAGE));
  return `/api/incidents?${q}`;
}

/** Incidents newest first, fifty at a time, with how many match in all; the next page follows the server's `next`. */
export function useIncidents(filter: IncidentFilter) {
  return useInfiniteQuery({
    queryKey: [...INCIDENTS, 'list', filter],
    queryFn: ({ pageParam }) => get<IncidentList>(incidentsUrl(filter, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
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
export const sendEndReplyPeriod = (id: string) => (body: { reason: string }) => post<IncidentAfterReplyPeriod>(path(id, 'reply-period/end'), body);
export const sendReopen = (id: string) => (body: { reason: string; version: number }) => post<Incident>(path(id, 'reopen'), body);
export const sendAddReport = (id: string) => (body: { reportId: string; version: number }) => post<Incident>(path(id, 'reports'), body);
export const sendNewIncident = (body: { reportIds: string[] }) => post<Incident>('/api/incidents', body);

export type { TriageQueue };
export const TRIAGE_PAGE = 25;

/** Reports still to sort, newest first, each with the incidents and the other queued reports it may go with. */
export function useTriageQueue() {
  return useInfiniteQuery({
    queryKey: [...INCIDENTS, 'triage'],
    queryFn: ({ pageParam }) => get<TriageQueue>(`/api/incidents/triage?limit=${TRIAGE_PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
