import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentLanguage } from '@truce/core/documents/model';
import type { PublicationKind } from '@truce/core/publications/figures';
import { get, post } from '../api/client.ts';

/** Issued reports and briefings (C8) as GET /api/publications answers them (packages/server/src/publications). */
export interface Publication {
  id: string;
  kind: PublicationKind;
  period: { from: string; to: string };
  language: DocumentLanguage;
  version: number;
  checkpoint: { size: number; rootHash: string };
  issuedAt: string;
  issuedBy: { userId: string; organisationId: string; name: string | null };
  pdf: { sha256: string; pages: number; bytes: number };
  links: { html: string; pdf: string; json: string; csv: string };
}

export interface IssueInput {
  kind: PublicationKind;
  from: string;
  to: string;
  language: DocumentLanguage;
}

const KEY = ['publications'];

export function usePublications() {
  return useQuery({ queryKey: KEY, queryFn: async ({ signal }) => (await get<{ publications: Publication[] }>('/api/publications', signal)).publications });
}

export function useIssuePublication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueInput) => post<Publication>('/api/publications', input),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
