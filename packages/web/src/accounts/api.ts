import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { Organisation, User } from '../api/types.ts';

export const ORGANISATIONS = ['organisations'] as const;
export const usersKey = (organisationId?: string) => ['users', organisationId ?? 'all'] as const;

export function useOrganisations() {
  return useQuery({ queryKey: ORGANISATIONS, queryFn: () => get<Organisation[]>('/api/organisations') });
}

export function useUsers(organisationId?: string) {
  return useQuery({
    queryKey: usersKey(organisationId),
    queryFn: () => get<User[]>(`/api/users${organisationId ? `?organisationId=${encodeURIComponent(organisationId)}` : ''}`),
  });
}

/** Organisation id → organisation, for showing names where the API gives ids. */
export function byId(organisations: Organisation[] | undefined): Map<string, Organisation> {
  return new Map((organisations ?? []).map((o) => [o.id, o]));
}
