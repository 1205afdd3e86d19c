import { describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action } from './policy.ts';
import { ORG_KINDS, ROLES, type Actor, type OrgKind, type Role } from '../model/accounts.ts';

const actor = (orgKind: OrgKind, role: Role, orgId = `org-${orgKind}`): Actor => ({ userId: `u-${orgKind}-${role}`, orgId, orgKind, role });

/**
 * The whole matrix, written out: which kind × role may do each action (route level,
 * without a resource). A change to the policy must change this table too.
 */
const EXPECTED: Record<Action, (kind: OrgKind, role: Role) => boolean> = {
  'account.self': () => true,
  'organisation.list': () => true,
  'organisation.create': (k, r) => k === 'secretariat' && r === 'admin',
  'organisation.update': (k, r) => k === 'secretariat' && r === 'admin',
  'user.list': (k, r) => r === 'admin' || (k === 'secretariat' && r === 'officer'),
  'user.create': (_k, r) => r === 'admin',
  'user.update': (_k, r) => r === 'admin',
  'mechanism.read': () => true,
  'mechanism.update': (k, r) => k === 'secretariat' && r === 'admin',
  'log.entries.read': () => true,
};

describe('access policy', () => {
  it('denies everything to nobody', () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
    expect(can(undefined, 'mechanism.read')).toBe(false);
  });

  it.each(ACTIONS.map((a) => [a]))('%s follows the matrix for every kind and role', (action) => {
    for (const kind of ORG_KINDS) for (const role of ROLES) {
      expect(can(actor(kind, role), action), `${kind} ${role} ${action}`).toBe(EXPECTED[action](kind, role));
    }
  });

  it('lets an organisation admin manage only its own users', () => {
    const partyAdmin = actor('party', 'admin', 'org-government');
    expect(can(partyAdmin, 'user.create', { orgId: 'org-government' })).toBe(true);
    expect(can(partyAdmin, 'user.create', { orgId: 'org-opposition' })).toBe(false);
    expect(can(partyAdmin, 'user.update', { orgId: 'org-opposition' })).toBe(false);
    const secretariatAdmin = actor('secretariat', 'admin');
    expect(can(secretariatAdmin, 'user.update', { orgId: 'org-opposition' })).toBe(true);
  });

  it('denies an action no rule mentions', () => {
    expect(can(actor('secretariat', 'admin'), 'no.such.action' as Action)).toBe(false);
  });
});
