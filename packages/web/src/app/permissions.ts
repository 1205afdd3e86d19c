import { useMemo } from 'react';
import { can, type Action, type Resource } from '@truce/core/policy/policy';
import type { Actor } from '@truce/core/model/accounts';
import type { SessionUser } from '../api/types.ts';
import { useSession } from './session.ts';

/**
 * What the signed-in user may do, from the same policy table the server enforces
 * (@truce/core policy). The server decides; the interface only hides what would be refused.
 */
export function actorOf(user: SessionUser): Actor {
  return { userId: user.id, orgId: user.organisationId, orgKind: user.organisationKind, role: user.role };
}

export interface Permissions {
  /** The resource is an organisation's id, or a policy resource such as a report's scope. */
  can(action: Action, resource?: string | Resource): boolean;
  /** Change the mechanism's set-up (secretariat admins). */
  editSetup: boolean;
  /** Admit and rename organisations (secretariat admins). */
  editOrganisations: boolean;
  /** See users (secretariat staff: everyone; an organisation's admin: its own). */
  listUsers: boolean;
  /** See users of every organisation, not only one's own. */
  listAllUsers: boolean;
  /** See detainee lists: a party its own two, the facilitator and the guarantors every list. */
  detaineeLists: boolean;
  /** Run the matcher and review its candidates (facilitator and guarantors). */
  matchReview: boolean;
  /** See exchanges (a party: those it is in). */
  exchanges: boolean;
  /** See the exchange figures, counts only (everyone). */
  exchangeStats: boolean;
}

export function permissionsFor(user: SessionUser): Permissions {
  const actor = actorOf(user);
  const check = (action: Action, resource?: string | Resource) => can(actor, action, typeof resource === 'string' ? { orgId: resource } : resource);
  return {
    can: check,
    editSetup: check('mechanism.update'),
    editOrganisations: check('organisation.create'),
    listUsers: check('user.list'),
    // A rule without an organisation condition lets the actor see users of any organisation.
    listAllUsers: check('user.list', '\u0000another-organisation'),
    // Without a list, a party's rule (its own list) allows: the server then shows it only its own.
    detaineeLists: check('detainees.read'),
    matchReview: check('detainees.match'),
    exchanges: check('exchange.read'),
    exchangeStats: check('exchange.stats'),
  };
}

export function usePermissions(): Permissions {
  const { user } = useSession();
  return useMemo(() => permissionsFor(user), [user]);
}
