import { useInfiniteQuery } from '@tanstack/react-query';
import type { SearchHit, SearchResults } from '@truce/server/schemas/search';
import { get } from '../api/client.ts';

/** Search as the API answers it (packages/server/src/search/schema.ts). */
export type { SearchHit, SearchResults };

export const KINDS = ['report', 'incident', 'meeting', 'decision'] as const;
export type Kind = (typeof KINDS)[number];

export interface SearchParams {
  q: string;
  /** Comma-separated kinds; all when empty. */
  kinds?: string;
  from?: string;
  to?: string;
  governorate?: string;
}

export const PAGE = 20;

export function searchUrl(params: SearchParams, cursor?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  q.set('limit', String(PAGE));
  return `/api/search?${q}`;
}

/** One search, twenty items a page, best first; nothing is asked while the words are empty. */
export function useSearch(params: SearchParams) {
  return useInfiniteQuery({
    queryKey: ['search', params],
    queryFn: ({ pageParam }) => get<SearchResults>(searchUrl(params, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: params.q.trim().length > 0,
  });
}

/** Where an item of the results opens. */
export function hitPath(hit: SearchHit): string {
  if (hit.kind === 'report') return `/reports/${hit.id}`;
  if (hit.kind === 'incident') return `/incidents/${hit.id}`;
  if (hit.kind === 'meeting') return `/meetings/${hit.id}`;
  return `/meetings/${hit.meetingId}`;
}
