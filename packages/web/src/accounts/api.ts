import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { Organisation, OrganisationList, UserList } from '@truce/server/schemas/accounts';

/** Organisations, users and one's own account as the API answers them (packages/server/src/accounts). */

export type {
  ApiToken,
  CreatedToken,
  CreatedUser,
  Organisation,
  Session,
  SetupStatus,
  TemporaryPassword,
  TokenScope,
  TotpEnabled,
  TotpEnrolment,
  User,
} from '@truce/server/schemas/accounts';

export const ORGANISATIONS = ['organisations'] as const;
export const usersKey = (organisationId?: string) => ['users', organisationId ?? 'all'] as const;

export function useOrganisations() {
  return useQuery({ queryKey: ORGANISATIONS, queryFn: () => get<OrganisationList>('/api/organisations') });
}

export function useUsers(organisationId?: string) {
  return useQuery({
    queryKey: usersKey(organisationId),
    queryFn: () => get<UserList>(`/api/users${organisationId ? `?organisationId=${encodeURIComponent(organisationId)}` : ''}`),
  });
}

/** Organisation id → organisation, for showing names where the API gives ids. */
export function byId(organisations: Organisation[] | undefined): Map<string, Organisation> {
  return new Map((organisations ?? []).map((o) => [o.id, o]));
}
