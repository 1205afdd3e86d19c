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
  'mechanism.witnesses.update': (k, r) => k === 'secretariat' && r === 'admin',
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
  'incident.reply_period.end': (k, r) => k === 'secretariat' && r !== 'viewer',
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
  // Route level; a party then only an exchange it proposed (below).
  'exchange.withdraw': (k, r) => (k === 'party' || k === 'facilitator') && r !== 'viewer',
  // Route level: everyone may list meetings; each sees only what the instance rules below allow.
  'meetings.read': () => true,
  'meetings.manage': (k, r) => k === 'secretariat' && r !== 'viewer',
  'meetings.decide': (k, r) => (k === 'secretariat' || k === 'guarantor') && r !== 'viewer',
  'meetings.approve': (k, r) => k === 'guarantor' && r !== 'viewer',
  'meetings.actions.read': () => true,
  'meetings.actions.done': (_k, r) => r !== 'viewer',
  // Issued reports and briefings: not for parties, monitors or the facilitator (their figures cover everything).
  'publications.read': (k) => ['secretariat', 'guarantor', 'observer'].includes(k),
  'publications.issue': (k, r) => k === 'secretariat' && r !== 'viewer',
  // The audit: secretariat and guarantors, any role.
  'audit.read': (k) => k === 'secretariat' || k === 'guarantor',
};

describe('access policy', () => {
  it('denies everything to nobody', () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
    expect(can(undefined, 'mechanism.read')).toBe(false);
  });

  it.each(ACTIONS.map((a) => [a]))('%s follows the matrix for every kind and role', (action) => {
    for (const kind of ORG_KINDS)
      for (const role of ROLES) {
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

  it('lets the facilitator withdraw any exchange and a party only one it proposed', () => {
    const government = actor('party', 'officer', 'org-government');
    const byGovernment = { exchangePartyIds: ['org-government', 'org-north-dawn'], proposedOrgId: 'org-government' };
    const byDawn = { exchangePartyIds: ['org-government', 'org-north-dawn'], proposedOrgId: 'org-north-dawn' };
    const byFacilitator = { exchangePartyIds: ['org-government', 'org-north-dawn'], proposedOrgId: 'org-facilitator' };
    expect(can(government, 'exchange.withdraw', byGovernment)).toBe(true);
    expect(can(government, 'exchange.withdraw', byDawn)).toBe(false);
    expect(can(government, 'exchange.withdraw', byFacilitator)).toBe(false);
    expect(can(actor('party', 'viewer', 'org-government'), 'exchange.withdraw', byGovernment)).toBe(false);
    expect(can(actor('party', 'admin', 'org-other'), 'exchange.withdraw', { ...byGovernment, proposedOrgId: 'org-other' })).toBe(false);
    expect(can(actor('facilitator', 'officer'), 'exchange.withdraw', byDawn)).toBe(true);
    expect(can(actor('facilitator', 'viewer'), 'exchange.withdraw', byDawn)).toBe(false);
    expect(can(actor('guarantor', 'admin'), 'exchange.withdraw', byDawn)).toBe(false);
  });

  it('shows a meeting and its parts by participation, concern and sharing', () => {
    const meeting = (part: 'meeting' | 'item' | 'decision' | 'action', concernsIds: string[] | null, shared = false) => ({
      meetingPart: part,
      meetingParticipantIds: ['org-government', 'org-north-dawn'],
      concernsIds,
      shared,
    });
    const government = actor('party', 'viewer', 'org-government');
    const orontes = actor('party', 'viewer', 'org-orontes');
    const un = actor('observer', 'viewer', 'org-un');
    // The meeting: its participants, a party a decision concerns, observers when something is shared.
    expect(can(government, 'meetings.read', meeting('meeting', []))).toBe(true);
    expect(can(orontes, 'meetings.read', meeting('meeting', []))).toBe(false);
    expect(can(orontes, 'meetings.read', meeting('meeting', ['org-orontes']))).toBe(true);
    expect(can(un, 'meetings.read', meeting('meeting', []))).toBe(false);
    expect(can(un, 'meetings.read', meeting('meeting', [], true))).toBe(true);
    // Agenda items and minutes: general ones and those that concern a participant.
    expect(can(government, 'meetings.read', meeting('item', null))).toBe(true);
    expect(can(government, 'meetings.read', meeting('item', ['org-north-dawn']))).toBe(false);
    expect(can(orontes, 'meetings.read', meeting('item', ['org-orontes']))).toBe(false);
    expect(can(un, 'meetings.read', meeting('item', null))).toBe(false);
    expect(can(un, 'meetings.read', meeting('item', ['org-north-dawn'], true))).toBe(true);
    // Decisions: those that concern a party, even one not at the table; shared ones for all.
    expect(can(orontes, 'meetings.read', meeting('decision', ['org-orontes']))).toBe(true);
    expect(can(government, 'meetings.read', meeting('decision', ['org-orontes']))).toBe(false);
    expect(can(government, 'meetings.read', meeting('decision', null))).toBe(true);
    expect(can(un, 'meetings.read', meeting('decision', null))).toBe(false);
    expect(can(un, 'meetings.read', meeting('decision', ['org-orontes'], true))).toBe(true);
    expect(can(un, 'meetings.read', meeting('action', ['org-un']))).toBe(true);
    // The mechanism sees everything; a resource of another kind is not a meeting.
    expect(can(actor('guarantor', 'viewer'), 'meetings.read', meeting('item', ['org-orontes']))).toBe(true);
    expect(can(actor('secretariat', 'viewer'), 'meetings.read', meeting('decision', ['org-orontes']))).toBe(true);
    expect(can(government, 'meetings.read', { orgId: 'org-government' })).toBe(false);
  });

  it('lets only the owner of an action item mark it done', () => {
    expect(can(actor('party', 'officer', 'org-government'), 'meetings.actions.done', { actionOwnerId: 'org-government' })).toBe(true);
    expect(can(actor('party', 'officer', 'org-orontes'), 'meetings.actions.done', { actionOwnerId: 'org-government' })).toBe(false);
    expect(can(actor('secretariat', 'admin'), 'meetings.actions.done', { actionOwnerId: 'org-government' })).toBe(false);
    expect(can(actor('party', 'viewer', 'org-government'), 'meetings.actions.done', { actionOwnerId: 'org-government' })).toBe(false);
  });
});
