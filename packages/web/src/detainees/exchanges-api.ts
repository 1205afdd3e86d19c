import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExchangeDetail, ExchangeList, ExchangeMode, ExchangeStats, Outcome, OutcomeRecorded, Proposal, Withdraw } from '@truce/server/schemas/exchanges';
import { api, get, post } from '../api/client.ts';

/** Exchanges (C6) as the API answers them (packages/server/src/exchanges); api.ts re-exports all of it. */

export type {
  ExchangeDetail as Exchange,
  ExchangeMode,
  ExchangePerson,
  ExchangeStats,
  ExchangeStatus as ExchangeState,
  ExchangeSummary,
  OutcomeRecorded,
  PersonOutcome,
  PersonPick,
  Proposal,
} from '@truce/server/schemas/exchanges';

/** The modes in the order the proposal form offers them. */
export const EXCHANGE_MODES: readonly ExchangeMode[] = ['one-for-one', 'by-category', 'all-for-all', 'list'];

// ---------------------------------------------------------------------------------------
// Query keys: a change to an exchange refetches the exchanges and the detainees (their statuses).

export const EXCHANGES = ['exchanges'] as const;
/** api.ts's DETAINEES (not imported from there: api.ts re-exports this file). */
const DETAINEES = ['detainees'] as const;

const enc = encodeURIComponent;

function useRefresh(...keys: (readonly string[])[]) {
  const client = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useExchanges(enabled = true) {
  return useQuery({
    queryKey: [...EXCHANGES, 'list'],
    enabled,
    queryFn: async () => (await get<ExchangeList>('/api/exchanges')).exchanges,
  });
}

export const exchangeKey = (id: string) => [...EXCHANGES, 'one', id] as const;

export function useExchange(id: string) {
  return useQuery({ queryKey: exchangeKey(id), queryFn: ({ signal }) => get<ExchangeDetail>(`/api/exchanges/${enc(id)}`, signal) });
}

export function useExchangeStats() {
  return useQuery({ queryKey: [...EXCHANGES, 'stats'], queryFn: ({ signal }) => get<ExchangeStats>('/api/exchange-stats', signal) });
}

export function useReloadExchanges() {
  return useRefresh(EXCHANGES);
}

export function usePropose() {
  const refresh = useRefresh(EXCHANGES, DETAINEES);
  return useMutation({ mutationFn: (body: Proposal) => post<ExchangeDetail>('/api/exchanges', body), onSuccess: () => refresh() });
}

export type ExchangeStep =
  | { step: 'approve' | 'endorse'; version: number }
  | { step: 'meeting'; version: number; meetingDate: string | null }
  | ({ step: 'withdraw' } & Withdraw)
  | ({ step: 'outcome' } & Outcome);

/** One step on an exchange; the answer is the exchange as it now stands (or, for an outcome, it is fetched again). */
export function useExchangeStep(id: string) {
  const client = useQueryClient();
  const refresh = useRefresh(EXCHANGES, DETAINEES);
  const base = `/api/exchanges/${enc(id)}`;
  return useMutation({
    mutationFn: async (s: ExchangeStep): Promise<ExchangeDetail | OutcomeRecorded> => {
      switch (s.step) {
        case 'approve':
        case 'endorse':
          return post<ExchangeDetail>(`${base}/${s.step}`, { version: s.version });
        case 'meeting':
          return api<ExchangeDetail>('PUT', `${base}/meeting`, { version: s.version, meetingDate: s.meetingDate });
        case 'withdraw':
          return post<ExchangeDetail>(`${base}/withdraw`, { version: s.version, reason: s.reason });
        case 'outcome': {
          const { step: _step, ...body } = s;
          return post<OutcomeRecorded>(`${base}/outcomes`, body);
        }
      }
    },
    onSuccess: (answer) => {
      if (answer && typeof answer === 'object' && 'persons' in answer) client.setQueryData(exchangeKey(id), answer);
      return refresh();
    },
  });
}
