import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CanonicalColumn, PersonCategory, PersonRecord } from '@truce/core/detainees/person';
import type { ColumnMapping } from '@truce/core/detainees/headers';
import type { PersonStatus, ReleaseOutcome } from '@truce/core/detainees/status';
import type {
  ListDetail,
  ListSummaries,
  ListSummary,
  PersonChangeResult,
  PersonDetail,
  PersonsPage,
  UploadPreview,
  DiscardedUpload,
} from '@truce/server/schemas/detainees';
import type { CandidatesPage, Comparison, DecisionInput, DecisionTaken, MatchRun, MatchRuns, RunRequest } from '@truce/server/schemas/matching';
import { api, get, post, ProblemError } from '../api/client.ts';

/**
 * Detainee lists (C4), matching (C5) and exchanges (C6) as the API answers them
 * (packages/server/src: detainees/, matching/, exchanges/).
 */

export type { CanonicalColumn, ColumnMapping, PersonCategory, PersonRecord, PersonStatus, ReleaseOutcome };
export type {
  ListDetail,
  ListedPerson,
  ListSummary,
  ListVersion,
  PersonChangeResult,
  PersonChanges,
  PersonDetail,
  PersonsPage,
  UploadPreview,
} from '@truce/server/schemas/detainees';
export type { Candidate, CandidatesPage, Comparison, DecisionInput, MatchDecision, MatchRun } from '@truce/server/schemas/matching';
export type ListKind = ListSummary['kind'];
export type ComparisonOutcome = Comparison['outcome'];

// ---------------------------------------------------------------------------------------
// Query keys: every change refetches what it touches by its prefix.

export const DETAINEES = ['detainees'] as const;
export const MATCHING = ['matching'] as const;

const enc = encodeURIComponent;
export const listPath = (id: string) => `/api/detainee-lists/${enc(id)}`;
export const personPath = (listId: string, ref: string) => `${listPath(listId)}/persons/${enc(ref)}`;

export function useLists(enabled = true) {
  return useQuery({ queryKey: [...DETAINEES, 'lists'], enabled, queryFn: async () => (await get<ListSummaries>('/api/detainee-lists')).lists });
}

export function useList(id: string) {
  return useQuery({ queryKey: [...DETAINEES, 'list', id], queryFn: ({ signal }) => get<ListDetail>(listPath(id), signal) });
}

export interface PersonFilter {
  q?: string;
  status?: PersonStatus | '';
  limit: number;
  offset: number;
}

export function personsUrl(listId: string, filter: PersonFilter): string {
  const q = new URLSearchParams();
  if (filter.q?.trim()) q.set('q', filter.q.trim().slice(0, 100));
  if (filter.status) q.set('status', filter.status);
  q.set('limit', String(filter.limit));
  q.set('offset', String(filter.offset));
  return `${listPath(listId)}/persons?${q}`;
}

/** A page of a list's persons (the server records the view). */
export function usePersons(listId: string, filter: PersonFilter, enabled = true) {
  return useQuery({
    queryKey: [...DETAINEES, 'persons', listId, filter],
    enabled: enabled && !!listId,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => get<PersonsPage>(personsUrl(listId, filter), signal),
  });
}

export function usePerson(listId: string, ref: string) {
  return useQuery({ queryKey: [...DETAINEES, 'person', listId, ref], queryFn: ({ signal }) => get<PersonDetail>(personPath(listId, ref), signal) });
}

function useRefresh(...keys: (readonly string[])[]) {
  const client = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useReloadDetainees() {
  return useRefresh(DETAINEES);
}

/** Adds, changes or removes one person by form: a new version of the list, sent with the version the user saw. */
export function usePersonChange(listId: string) {
  const refresh = useRefresh(DETAINEES, MATCHING);
  return useMutation({
    mutationFn: (
      change:
        | { mode: 'add'; version: number; person: PersonRecord; note?: string }
        | { mode: 'change'; version: number; person: PersonRecord; note?: string }
        | { mode: 'remove'; version: number; ref: string; note: string },
    ) => {
      if (change.mode === 'add')
        return post<PersonChangeResult>(`${listPath(listId)}/persons`, {
          version: change.version,
          person: change.person,
          ...(change.note ? { note: change.note } : {}),
        });
      if (change.mode === 'change')
        return api<PersonChangeResult>('PUT', personPath(listId, change.person.ref), {
          version: change.version,
          person: change.person,
          ...(change.note ? { note: change.note } : {}),
        });
      return post<PersonChangeResult>(`${personPath(listId, change.ref)}/remove`, { version: change.version, note: change.note });
    },
    onSuccess: () => refresh(),
  });
}

/** A problem from a raw fetch, as the API client makes them. */
async function problemOf(res: Response): Promise<ProblemError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  return new ProblemError({
    type: String(body.type ?? 'about:blank'),
    title: String(body.title ?? res.statusText),
    status: Number(body.status ?? res.status),
    detail: String(body.detail ?? `${res.status} ${res.statusText}`),
    code: typeof body.code === 'string' ? body.code : undefined,
    errors: Array.isArray(body.errors) ? (body.errors as { path: string; message: string }[]) : undefined,
  });
}

/** Sends a list file as the request body itself (no multipart); answers the upload's preview. */
export async function uploadListFile(listId: string, file: File): Promise<UploadPreview> {
  let res: Response;
  try {
    res = await fetch(`${listPath(listId)}/uploads?fileName=${enc(file.name.slice(0, 255) || 'list')}`, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json' },
    });
  } catch (err) {
    throw new ProblemError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: err instanceof Error ? err.message : String(err),
      code: 'network',
    });
  }
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as UploadPreview;
}

export const uploadKey = (id: string) => [...DETAINEES, 'upload', id] as const;

export function useUpload(id: string | null) {
  return useQuery({ queryKey: uploadKey(id ?? ''), enabled: !!id, queryFn: ({ signal }) => get<UploadPreview>(`/api/detainee-uploads/${enc(id!)}`, signal) });
}

/** The steps of an upload after the file: mapping, accepting, discarding. Each answer replaces the preview shown. */
export function useUploadSteps(id: string) {
  const client = useQueryClient();
  const refresh = useRefresh(DETAINEES, MATCHING);
  const base = `/api/detainee-uploads/${enc(id)}`;
  const mapping = useMutation({
    mutationFn: (m: ColumnMapping) => api<UploadPreview>('PUT', `${base}/mapping`, { mapping: m }),
    onSuccess: (preview) => client.setQueryData(uploadKey(id), preview),
  });
  const accept = useMutation({ mutationFn: () => post<PersonChangeResult>(`${base}/accept`), onSuccess: () => refresh() });
  const discard = useMutation({
    mutationFn: () => post<DiscardedUpload>(`${base}/discard`),
    onSuccess: () => client.invalidateQueries({ queryKey: uploadKey(id) }),
  });
  return { mapping, accept, discard };
}

// ---------------------------------------------------------------------------------------
// Matching

export function useRuns(refetchWhileBusy = true) {
  return useQuery({
    queryKey: [...MATCHING, 'runs'],
    queryFn: async () => (await get<MatchRuns>('/api/match-runs')).runs,
    // Runs are queued and run in the background: look again while one is not finished.
    refetchInterval: (query) => (refetchWhileBusy && query.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 2000 : false),
  });
}

export function useQueueRun() {
  const refresh = useRefresh(MATCHING);
  return useMutation({
    mutationFn: (body: RunRequest) => post<MatchRun>('/api/match-runs', body),
    onSuccess: () => refresh(),
  });
}

export interface CandidateFilter {
  band?: 'link' | 'review' | '';
  decision?: 'open' | 'confirmed' | 'rejected' | '';
  limit: number;
  offset: number;
}

export function candidatesUrl(runId: string, filter: CandidateFilter): string {
  const q = new URLSearchParams();
  if (filter.band) q.set('band', filter.band);
  if (filter.decision) q.set('decision', filter.decision);
  q.set('limit', String(filter.limit));
  q.set('offset', String(filter.offset));
  return `/api/match-runs/${enc(runId)}/candidates?${q}`;
}

export function useCandidates(runId: string, filter: CandidateFilter) {
  return useQuery({
    queryKey: [...MATCHING, 'candidates', runId, filter],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => get<CandidatesPage>(candidatesUrl(runId, filter), signal),
    refetchInterval: (query) => (query.state.data && ['queued', 'running'].includes(query.state.data.run.status) ? 2000 : false),
  });
}

export function useDecide() {
  const refresh = useRefresh(MATCHING, DETAINEES);
  return useMutation({
    mutationFn: (body: DecisionInput) => api<DecisionTaken>('PUT', '/api/match-decisions', body),
    onSuccess: () => refresh(),
  });
}

// ---------------------------------------------------------------------------------------
// Exchanges

export * from './exchanges-api.ts';
