import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IssueInput, Publication, PublicationList } from '@truce/server/schemas/publications';
import { get, post } from '../api/client.ts';

/** Issued reports and briefings (C8) as GET /api/publications answers them (packages/server/src/publications). */
export type { IssueInput, Publication } from '@truce/server/schemas/publications';

const KEY = ['publications'];

export function usePublications() {
  return useQuery({ queryKey: KEY, queryFn: async ({ signal }) => (await get<PublicationList>('/api/publications', signal)).publications });
}

export function useIssuePublication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueInput) => post<Publication>('/api/publications', input),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
