import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionDone,
  ActionItemList,
  ActionQuery,
  AgendaBody,
  AgendaIncident,
  AgendaProposal,
  AttendanceBody,
  DecisionChange,
  ItemChange,
  ListedActionItem,
  Meeting,
  MeetingActionItem,
  MeetingChange,
  MeetingExchange,
  MeetingList,
  NewActionItem,
  NewDecision,
  NewMeeting,
  ProposedExchange,
  ProposedIncident,
  VersionBody,
  Withdraw,
} from '@truce/server/schemas/meetings';
import { api, get, patch, post } from '../api/client.ts';

/** Meetings (C7) as the API answers them (packages/server/src/meetings/schema.ts). */

export type { AgendaReason } from '@truce/core/meetings/agenda';
export type {
  AgendaEntry,
  AgendaItem,
  Decision,
  DecisionStatus,
  Meeting,
  MeetingParticipant as Participant,
  MeetingStatus,
  MeetingSummary,
  ProposedItem,
} from '@truce/server/schemas/meetings';
/** An incident on the agenda, or proposed for it. */
export type IncidentRef = AgendaIncident | ProposedIncident;
/** An exchange on the agenda or in the record, or proposed for the agenda. */
export type ExchangeRef = MeetingExchange | ProposedExchange;
/** An action item in a meeting's record, or in a list of them (with its meeting). */
export type ActionItem = MeetingActionItem | ListedActionItem;

const MEETINGS = ['meetings'] as const;
const ACTIONS = ['action-items'] as const;
const meetingKey = (id: string) => ['meetings', id] as const;
const enc = encodeURIComponent;

export function useMeetings() {
  return useQuery({ queryKey: MEETINGS, queryFn: ({ signal }) => get<MeetingList>('/api/meetings', signal).then((r) => r.meetings) });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: meetingKey(id), queryFn: ({ signal }) => get<Meeting>(`/api/meetings/${enc(id)}`, signal) });
}

export function useAgendaProposal(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['meetings', id, 'proposal'],
    enabled,
    queryFn: ({ signal }) => get<AgendaProposal>(`/api/meetings/${enc(id)}/agenda-proposal?limit=40`, signal).then((r) => r.items),
  });
}

export function useActionItems(query: ActionQuery = {}, enabled = true) {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
  return useQuery({
    queryKey: [...ACTIONS, qs],
    enabled,
    queryFn: ({ signal }) => get<ActionItemList>(`/api/action-items${qs ? `?${qs}` : ''}`, signal).then((r) => r.actionItems),
  });
}

export function useScheduleMeeting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMeeting) => post<Meeting>('/api/meetings', body),
    onSuccess: () => client.invalidateQueries({ queryKey: MEETINGS }),
  });
}

/** Every change to a meeting answers with the meeting as the caller sees it. */
export type MeetingStep =
  | ({ step: 'change' } & MeetingChange)
  | ({ step: 'agenda' } & AgendaBody)
  | ({ step: 'item'; itemId: string } & ItemChange)
  | ({ step: 'attendance' } & AttendanceBody)
  | ({ step: 'decision' } & NewDecision)
  | ({ step: 'approve'; decisionId: string } & VersionBody)
  | ({ step: 'share-decision'; decisionId: string } & Pick<DecisionChange, 'version'> & Required<Pick<DecisionChange, 'shared'>>)
  | ({ step: 'withdraw-decision'; decisionId: string } & Withdraw)
  | ({ step: 'action' } & NewActionItem);

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
    mutationFn: (s: { id: string } & ActionDone) => post<ActionItemList>(`/api/action-items/${enc(s.id)}/done`, { version: s.version, note: s.note }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ACTIONS }), client.invalidateQueries({ queryKey: MEETINGS })]),
  });
}
