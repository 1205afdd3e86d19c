import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgendaReason } from '@truce/core/meetings/agenda';
import { api, get, patch, post } from '../api/client.ts';

/** Meetings (C7) as the API answers them (packages/server/src/meetings: view.ts, agenda.ts, actions.ts). */

export type { AgendaReason };
export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';
export type DecisionStatus = 'proposed' | 'adopted' | 'withdrawn';

export interface MeetingSummary {
  id: string;
  title: string;
  startsAt: string;
  venue: string;
  status: MeetingStatus;
  version: number;
  participantIds: string[];
  agendaItems: number;
  decisions: { adopted: number; proposed: number };
  openActionItems: number;
}

export interface IncidentRef {
  id: string;
  firstOccurredAt: string | null;
  typeCodes: string[];
  adm1: string | null;
  allegedPartyIds: string[];
  readable?: boolean;
}

export interface ExchangeRef {
  id: string;
  /** Only for readers who may open the exchange. */
  title: string | null;
  readable?: boolean;
  partyA: string;
  partyB: string;
  status: string;
  meetingDate: string | null;
  meetingId: string | null;
  version?: number;
  persons?: number;
  counts?: { partyId: string; outcome: string; count: number }[];
}

export interface ActionItem {
  id: string;
  text: string;
  ownerOrgId: string;
  dueOn: string;
  shared: boolean;
  status: 'open' | 'done';
  doneAt: string | null;
  doneBy: string | null;
  doneNote: string;
  version: number;
  canMarkDone: boolean;
  overdue?: boolean;
  meeting?: { id: string; title: string; startsAt: string };
}

export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  reason: AgendaReason | null;
  shared: boolean;
  minutes: string;
  version: number;
  incident: IncidentRef | null;
  exchange: ExchangeRef | null;
  actionItem: ActionItem | null;
}

export interface Decision {
  id: string;
  number: number;
  agendaItemId: string | null;
  text: string;
  proposedBy: string;
  status: DecisionStatus;
  shared: boolean;
  incidentIds: string[];
  exchangeIds: string[];
  partyIds: string[];
  persons: { listId: string; ref: string; partyId: string | null }[];
  adoptedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason?: string;
  version: number;
  approvals: { organisationId: string; organisation: string; by: string; at: string; logIndex: number | null }[];
  waitingFor: string[];
  canApprove: boolean;
}

export interface Participant {
  organisationId: string;
  name: string;
  shortName: string;
  kind: string;
  delegates: string[];
  attendance: 'unrecorded' | 'present' | 'absent';
  attendees: string[];
}

export interface Meeting {
  id: string;
  title: string;
  startsAt: string;
  venue: string;
  status: MeetingStatus;
  cancelReason: string;
  version: number;
  participants: Participant[];
  agenda: AgendaItem[];
  decisions: Decision[];
  actionItems: ActionItem[];
  releases: { exchange: ExchangeRef; confirmed: { listId: string; ref: string; releasingParty: string; at: string }[] | null }[];
  can: { manage: boolean; decide: boolean };
}

export interface ProposedItem {
  reason: AgendaReason;
  reasons: AgendaReason[];
  since: string;
  due: string | null;
  days: number;
  incident?: IncidentRef;
  exchange?: ExchangeRef;
  actionItem?: { id: string; text: string; ownerOrgId: string; dueOn: string; meetingId: string; meetingTitle: string };
}

export interface AgendaEntry {
  id?: string;
  title?: string;
  incidentId?: string;
  exchangeId?: string;
  actionItemId?: string;
  reason?: AgendaReason;
  shared?: boolean;
}

const MEETINGS = ['meetings'] as const;
const ACTIONS = ['action-items'] as const;
const meetingKey = (id: string) => ['meetings', id] as const;
const enc = encodeURIComponent;

export function useMeetings() {
  return useQuery({ queryKey: MEETINGS, queryFn: ({ signal }) => get<{ meetings: MeetingSummary[] }>('/api/meetings', signal).then((r) => r.meetings) });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: meetingKey(id), queryFn: ({ signal }) => get<Meeting>(`/api/meetings/${enc(id)}`, signal) });
}

export function useAgendaProposal(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', id, 'proposal'],
    enabled,
    queryFn: ({ signal }) => get<{ items: ProposedItem[] }>(`/api/meetings/${enc(id)}/agenda-proposal?limit=40`, signal).then((r) => r.items),
  });
}

export function useActionItems(query: { status?: 'open' | 'done' | 'all'; owner?: 'mine' | 'all' } = {}, enabled = true) {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
  return useQuery({
    queryKey: [...ACTIONS, qs],
    enabled,
    queryFn: ({ signal }) => get<{ actionItems: ActionItem[] }>(`/api/action-items${qs ? `?${qs}` : ''}`, signal).then((r) => r.actionItems),
  });
}

export function useScheduleMeeting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; startsAt: string; venue: string; participants: { organisationId: string; delegates?: string[] }[] }) =>
      post<Meeting>('/api/meetings', body),
    onSuccess: () => client.invalidateQueries({ queryKey: MEETINGS }),
  });
}

/** Every change to a meeting answers with the meeting as the caller sees it. */
export type MeetingStep =
  | { step: 'change'; version: number; title?: string; startsAt?: string; venue?: string; status?: 'held' | 'cancelled'; cancelReason?: string }
  | { step: 'agenda'; version: number; items: AgendaEntry[] }
  | { step: 'item'; itemId: string; version: number; title?: string; minutes?: string; shared?: boolean }
  | { step: 'attendance'; version: number; attendance: { organisationId: string; present: boolean; attendees?: string[] }[] }
  | { step: 'decision'; text: string; agendaItemId?: string; proposedBy?: string; partyIds?: string[]; incidentIds?: string[]; shared?: boolean }
  | { step: 'approve'; decisionId: string; version: number }
  | { step: 'share-decision'; decisionId: string; version: number; shared: boolean }
  | { step: 'withdraw-decision'; decisionId: string; version: number; reason: string }
  | { step: 'action'; text: string; ownerOrgId: string; dueOn: string; decisionId?: string; shared?: boolean };

export function useMeetingStep(id: string) {
  const client = useQueryClient();
  const base = `/api/meetings/${enc(id)}`;
  return useMutation({
    mutationFn: async (s: MeetingStep): Promise<Meeting> => {
      const { step: _step, ...body } = s;
      switch (s.step) {
        case 'change':
          return patch<Meeting>(base, body);
        case 'agenda':
          return api<Meeting>('PUT', `${base}/agenda`, body);
        case 'item': {
          const { itemId: _id, ...rest } = body as Omit<Extract<MeetingStep, { step: 'item' }>, 'step'>;
          return patch<Meeting>(`/api/agenda-items/${enc(s.itemId)}`, rest);
        }
        case 'attendance':
          return api<Meeting>('PUT', `${base}/attendance`, body);
        case 'decision':
          return post<Meeting>(`${base}/decisions`, body);
        case 'approve':
          return post<Meeting>(`/api/decisions/${enc(s.decisionId)}/approve`, { version: s.version });
        case 'share-decision':
          return patch<Meeting>(`/api/decisions/${enc(s.decisionId)}`, { version: s.version, shared: s.shared });
        case 'withdraw-decision':
          return post<Meeting>(`/api/decisions/${enc(s.decisionId)}/withdraw`, { version: s.version, reason: s.reason });
        case 'action':
          return post<Meeting>(`${base}/action-items`, body);
      }
    },
    onSuccess: (meeting) => {
      client.setQueryData(meetingKey(id), meeting);
      void client.invalidateQueries({ queryKey: MEETINGS, exact: true });
      void client.invalidateQueries({ queryKey: ['meetings', id, 'proposal'] });
      void client.invalidateQueries({ queryKey: ACTIONS });
    },
  });
}

export function useReloadMeeting(id: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: meetingKey(id) });
}

export function useMarkDone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (s: { id: string; version: number; note?: string }) =>
      post<{ actionItems: ActionItem[] }>(`/api/action-items/${enc(s.id)}/done`, { version: s.version, note: s.note }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ACTIONS }), client.invalidateQueries({ queryKey: MEETINGS })]),
  });
}
