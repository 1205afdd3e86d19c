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
  'geo.read': () => true,
  'evidence.upload': (k, r) => ['secretariat', 'guarantor', 'party', 'monitor'].includes(k) && r !== 'viewer',
  // Route level; each file is then shown only to its uploaders, the secretariat and the guarantors.
  'evidence.read': (k) => ['secretariat', 'guarantor', 'party', 'monitor'].includes(k),
  'report.file': (k, r) => ['party', 'guarantor', 'monitor'].includes(k) && r !== 'viewer',
  // Route level: parties and monitors may list, each sees only what concerns it (instance rules below).
  'report.read': () => true,
  'report.read.sealed': (k) => k === 'secretariat' || k === 'guarantor',
  'report.correct': (k, r) => ['party', 'guarantor', 'monitor'].includes(k) && r !== 'viewer',
  'incident.read': (k) => k !== 'facilitator',
  'incident.manage': (k, r) => (k === 'secretariat' || k === 'guarantor') && r !== 'viewer',
  'incident.reply': (k, r) => k === 'party' && r !== 'viewer',
  'incident.assess': (k, r) => k === 'guarantor' && r !== 'viewer',
  // Detainee lists: never the secretariat, observers or monitors; a party only its own (below).
  'detainees.read': (k) => ['party', 'facilitator', 'guarantor'].includes(k),
  'detainees.write': (k, r) => k === 'party' && r !== 'viewer',
  'detainees.match': (k, r) => (k === 'facilitator' || k === 'guarantor') && r !== 'viewer',
  'detainees.review': (k, r) => (k === 'facilitator' || k === 'guarantor') && r !== 'viewer',
  'exchange.read': (k) => ['party', 'facilitator', 'guarantor'].includes(k),
  'exchange.stats': () => true,
  'exchange.propose': (k, r) => (k === 'party' || k === 'facilitator') && r !== 'viewer',
  'exchange.approve': (k, r) => k === 'party' && r !== 'viewer',
  'exchange.endorse': (k, r) => k === 'guarantor' && r !== 'viewer',
  'exchange.release': (k, r) => k === 'facilitator' && r !== 'viewer',
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

  it('shows a party only the reports that concern it, and sealed parts only to their reporter', () => {
    const report = { reporterOrgId: 'org-government', allegedPartyId: 'org-opposition', affectedPartyId: null };
    expect(can(actor('party', 'viewer', 'org-government'), 'report.read', report)).toBe(true);
    expect(can(actor('party', 'viewer', 'org-opposition'), 'report.read', report)).toBe(true);
    expect(can(actor('party', 'viewer', 'org-third'), 'report.read', report)).toBe(false);
    expect(can(actor('monitor', 'officer', 'org-monitors'), 'report.read', report)).toBe(false);
    expect(can(actor('observer', 'viewer'), 'report.read', report)).toBe(true);
    expect(can(actor('party', 'viewer', 'org-opposition'), 'report.read.sealed', report)).toBe(false);
    expect(can(actor('party', 'viewer', 'org-government'), 'report.read.sealed', report)).toBe(true);
    expect(can(actor('guarantor', 'viewer'), 'report.read.sealed', report)).toBe(true);
    expect(can(actor('observer', 'admin'), 'report.read.sealed', report)).toBe(false);
    expect(can(actor('party', 'officer', 'org-opposition'), 'report.correct', report)).toBe(false);
    expect(can(actor('party', 'officer', 'org-government'), 'report.correct', report)).toBe(true);
  });

  it('shows an evidence file to the organisations that uploaded it, the secretariat and the guarantors', () => {
    const uploadedBy = { orgId: 'org-government' };
    expect(can(actor('party', 'viewer', 'org-government'), 'evidence.read', uploadedBy)).toBe(true);
    expect(can(actor('party', 'admin', 'org-opposition'), 'evidence.read', uploadedBy)).toBe(false);
    expect(can(actor('monitor', 'officer', 'org-monitors'), 'evidence.read', uploadedBy)).toBe(false);
    expect(can(actor('guarantor', 'viewer'), 'evidence.read', uploadedBy)).toBe(true);
    expect(can(actor('secretariat', 'viewer'), 'evidence.read', uploadedBy)).toBe(true);
    expect(can(actor('observer', 'admin'), 'evidence.read', uploadedBy)).toBe(false);
  });

  it('gives the right of reply to the accused party only, and shows it adopted findings', () => {
    const incident = { reporterOrgIds: ['org-government'], allegedPartyIds: ['org-opposition'], affectedPartyIds: [], findingAdopted: false };
    expect(can(actor('party', 'officer', 'org-opposition'), 'incident.reply', incident)).toBe(true);
    expect(can(actor('party', 'officer', 'org-government'), 'incident.reply', incident)).toBe(false);
    expect(can(actor('party', 'viewer', 'org-third'), 'incident.read', incident)).toBe(false);
    expect(can(actor('party', 'viewer', 'org-third'), 'incident.read', { ...incident, findingAdopted: true })).toBe(true);
    expect(can(actor('monitor', 'viewer', 'org-monitors'), 'incident.read', incident)).toBe(false);
  });

  it('denies an action no rule mentions', () => {
    expect(can(actor('secretariat', 'admin'), 'no.such.action' as Action)).toBe(false);
  });

  it('keeps a party to its own detainee lists and its own exchanges', () => {
    const government = actor('party', 'officer', 'org-government');
    expect(can(government, 'detainees.read', { listPartyId: 'org-government' })).toBe(true);
    expect(can(government, 'detainees.read', { listPartyId: 'org-north-dawn' })).toBe(false);
    expect(can(government, 'detainees.write', { listPartyId: 'org-north-dawn' })).toBe(false);
    expect(can(actor('party', 'viewer', 'org-government'), 'detainees.write', { listPartyId: 'org-government' })).toBe(false);
    expect(can(government, 'exchange.read', { exchangePartyIds: ['org-government', 'org-north-dawn'] })).toBe(true);
    expect(can(government, 'exchange.read', { exchangePartyIds: ['org-north-dawn', 'org-other'] })).toBe(false);
    expect(can(actor('secretariat', 'admin'), 'detainees.read', { listPartyId: 'org-government' })).toBe(false);
    expect(can(actor('observer', 'admin'), 'exchange.read', { exchangePartyIds: ['org-government', 'org-north-dawn'] })).toBe(false);
  });
});
