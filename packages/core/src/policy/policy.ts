import type { Actor, OrgKind, Role } from '../model/accounts.ts';

/**
 * Access policy in one place (ARCHITECTURE "Access policy in one place", STYLE #6).
 *
 * Every route names one action; `can(actor, action, resource)` answers. Deny by default:
 * an action with no rule, or with rules none of which allow, is refused. An auditor
 * reads who may do what in the RULES table below.
 */

/** Resources some rules look at. Route-level checks pass none; instance checks pass it. */
export interface OrgScoped {
  /** The organisation the resource belongs to (a user's organisation, say). */
  orgId: string;
}

/** A violation report as the policy sees it: who filed it and whom it concerns. */
export interface ReportScoped {
  reporterOrgId: string;
  allegedPartyId: string | null;
  affectedPartyId: string | null;
}

/** An incident as the policy sees it: the organisations its reports came from and concern. */
export interface IncidentScoped {
  reporterOrgIds: string[];
  allegedPartyIds: string[];
  affectedPartyIds: string[];
  findingAdopted: boolean;
}

/** A detainee list as the policy sees it: the party whose list it is. */
export interface ListScoped {
  listPartyId: string;
}

/** An exchange as the policy sees it: the two parties it is between, and the organisation that proposed it. */
export interface ExchangeScoped {
  exchangePartyIds: string[];
  proposedOrgId?: string;
}

/**
 * A meeting or one of its parts (C7) as the policy sees it: the organisations taking part,
 * whom the part concerns (null: a general item, for every participant) and whether the
 * mechanism shared it with observers (then every participant of the mechanism may read it).
 * For the meeting itself, `concernsIds` is every organisation one of its parts concerns and
 * `shared` whether any part is shared.
 */
export interface MeetingScoped {
  meetingPart: 'meeting' | 'item' | 'decision' | 'action';
  meetingParticipantIds: string[];
  concernsIds: string[] | null;
  shared: boolean;
}

/** An action item as the policy sees it: the organisation that owns it. */
export interface ActionItemScoped {
  actionOwnerId: string;
}

export type Resource = OrgScoped | ReportScoped | IncidentScoped | ListScoped | ExchangeScoped | MeetingScoped | ActionItemScoped;

export const ACTIONS = [
  // organisations
  'organisation.list',
  'organisation.create',
  'organisation.update',
  // users of organisations
  'user.list',
  'user.create',
  'user.update',
  // mechanism set-up (C1)
  'mechanism.read',
  'mechanism.update',
  // the witnesses that cosign the record's checkpoints, and their quorum (C9)
  'mechanism.witnesses.update',
  // the verifiable record: entry contents need a signed-in participant
  'log.entries.read',
  // geography: gazetteer, boundaries, point location (C2, C10)
  'geo.read',
  // one's own account: password, second factor, API tokens, sign out
  'account.self',
  // evidence files (C2): content-addressed uploads and their downloads
  'evidence.upload',
  'evidence.read',
  // violation reports (C2)
  'report.file',
  'report.read',
  'report.read.sealed',
  'report.correct',
  // incidents, right of reply, assessments and findings (C3)
  'incident.read',
  'incident.manage',
  'incident.reply',
  'incident.assess',
  'incident.reply_period.end',
  // detainee lists (C4): personal data of detained and missing persons
  'detainees.read',
  'detainees.write',
  // matching (C5): run the matcher, read its candidates, confirm or reject them
  'detainees.match',
  'detainees.review',
  // exchanges (C6)
  'exchange.read',
  'exchange.stats',
  'exchange.propose',
  'exchange.approve',
  'exchange.endorse',
  'exchange.release',
  'exchange.withdraw',
  // meetings (C7): schedule and run them, record decisions, adopt them, action items
  'meetings.read',
  'meetings.manage',
  'meetings.decide',
  'meetings.approve',
  'meetings.actions.read',
  'meetings.actions.done',
  // reports and briefings (C8): the UN violation report and the support group's briefing, once issued
  'publications.read',
  'publications.issue',
  // the audit (C9): what the server serves, compared with the log that recorded it
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

type Condition = (actor: Actor, resource?: Resource) => boolean;

interface Rule {
  action: Action;
  kinds: readonly OrgKind[] | 'any';
  roles: readonly Role[] | 'any';
  /** Extra condition on the resource; when a resource is given it must hold. */
  when?: Condition;
  why: string;
}

const sameOrg: Condition = (actor, resource) => resource === undefined || ('orgId' in resource && resource.orgId === actor.orgId);
/** The actor's organisation filed the report. */
const filedIt: Condition = (actor, r) => r === undefined || ('reporterOrgId' in r && r.reporterOrgId === actor.orgId);
/** The report accuses the actor's organisation, or says it was hit. */
const incidentConcerns: Condition = (actor, r) =>
  r === undefined ||
  ('allegedPartyIds' in r &&
    (r.findingAdopted || r.allegedPartyIds.includes(actor.orgId) || r.affectedPartyIds.includes(actor.orgId) || r.reporterOrgIds.includes(actor.orgId)));
const incidentFiledBy: Condition = (actor, r) => r === undefined || ('reporterOrgIds' in r && r.reporterOrgIds.includes(actor.orgId));
const concernsIt: Condition = (actor, r) =>
  r === undefined || ('reporterOrgId' in r && (r.reporterOrgId === actor.orgId || r.allegedPartyId === actor.orgId || r.affectedPartyId === actor.orgId));

/** The list is the actor's organisation's own. */
const ownList: Condition = (actor, r) => r === undefined || ('listPartyId' in r && r.listPartyId === actor.orgId);
/** The exchange is between the actor's organisation and another party. */
const inExchange: Condition = (actor, r) => r === undefined || ('exchangePartyIds' in r && r.exchangePartyIds.includes(actor.orgId));
/** The actor's organisation is a party in the exchange and proposed it. */
const proposedExchange: Condition = (actor, r) =>
  r === undefined || ('exchangePartyIds' in r && r.exchangePartyIds.includes(actor.orgId) && r.proposedOrgId === actor.orgId);

/**
 * A meeting or part a party or the facilitator may read: anything shared; decisions and
 * action items that concern it; in a meeting it takes part in, the general items and
 * those that concern it.
 */
const meetingForParticipant: Condition = (actor, r) => {
  if (r === undefined) return true;
  if (!('meetingPart' in r)) return false;
  const takesPart = r.meetingParticipantIds.includes(actor.orgId);
  const concerns = r.concernsIds?.includes(actor.orgId) ?? false;
  if (r.shared) return true;
  switch (r.meetingPart) {
    case 'meeting':
      return takesPart || concerns;
    case 'item':
      return takesPart && (r.concernsIds === null || concerns);
    default:
      return concerns || (takesPart && r.concernsIds === null);
  }
};
/** What the mechanism addresses to an observer or a monitor: shared parts, and parts that name it. */
const meetingAddressedTo: Condition = (actor, r) => {
  if (r === undefined) return true;
  if (!('meetingPart' in r)) return false;
  const concerns = r.concernsIds?.includes(actor.orgId) ?? false;
  if (r.shared || concerns) return true;
  return r.meetingPart === 'meeting' && r.meetingParticipantIds.includes(actor.orgId);
};
/** The action item is the actor's organisation's to do. */
const ownsAction: Condition = (actor, r) => r === undefined || ('actionOwnerId' in r && r.actionOwnerId === actor.orgId);

const RULES: readonly Rule[] = [
  { action: 'account.self', kinds: 'any', roles: 'any', why: 'everyone manages their own account' },

  { action: 'organisation.list', kinds: 'any', roles: 'any', why: 'participants need to know who takes part' },
  { action: 'organisation.create', kinds: ['secretariat'], roles: ['admin'], why: 'the secretariat admits organisations' },
  { action: 'organisation.update', kinds: ['secretariat'], roles: ['admin'], why: 'the secretariat maintains organisations' },

  { action: 'user.list', kinds: ['secretariat'], roles: ['admin', 'officer'], why: 'the secretariat keeps the roster' },
  { action: 'user.list', kinds: 'any', roles: ['admin'], when: sameOrg, why: "an organisation's admin sees its own users" },
  { action: 'user.create', kinds: ['secretariat'], roles: ['admin'], why: 'the secretariat manages all accounts' },
  { action: 'user.create', kinds: 'any', roles: ['admin'], when: sameOrg, why: "an organisation's admin adds its own users" },
  { action: 'user.update', kinds: ['secretariat'], roles: ['admin'], why: 'the secretariat manages all accounts' },
  { action: 'user.update', kinds: 'any', roles: ['admin'], when: sameOrg, why: "an organisation's admin manages its own users" },

  { action: 'mechanism.read', kinds: 'any', roles: 'any', why: 'the terms of the mechanism bind every participant' },
  { action: 'mechanism.update', kinds: ['secretariat'], roles: ['admin'], why: 'the secretariat configures the mechanism' },
  {
    action: 'mechanism.witnesses.update',
    kinds: ['secretariat'],
    roles: ['admin'],
    why: "the secretariat registers the guarantors' witnesses and the quorum they agreed",
  },

  { action: 'log.entries.read', kinds: 'any', roles: 'any', why: 'every participant can verify the record for itself' },

  { action: 'geo.read', kinds: 'any', roles: 'any', why: 'every participant places reports and reads maps' },

  {
    action: 'evidence.upload',
    kinds: ['secretariat', 'guarantor', 'party', 'monitor'],
    roles: ['admin', 'officer'],
    why: 'those who report, assess and record violations attach evidence; viewers only read',
  },
  { action: 'evidence.read', kinds: ['secretariat', 'guarantor'], roles: 'any', why: 'the secretariat and the guarantors examine all evidence' },
  // The resource is one organisation that uploaded the file; the service asks for each.
  { action: 'evidence.read', kinds: ['party', 'monitor'], roles: 'any', when: sameOrg, why: 'an organisation sees the files it uploaded itself' },

  {
    action: 'report.file',
    kinds: ['party', 'guarantor', 'monitor'],
    roles: ['admin', 'officer'],
    why: 'parties, guarantors and field monitors report violations',
  },
  { action: 'report.read', kinds: ['secretariat', 'guarantor', 'observer'], roles: 'any', why: 'the mechanism and its observers see every report' },
  { action: 'report.read', kinds: ['party'], roles: 'any', when: concernsIt, why: 'a party sees its own reports and those that accuse it or say it was hit' },
  { action: 'report.read', kinds: ['monitor', 'facilitator'], roles: 'any', when: filedIt, why: 'a monitor sees what it filed' },
  {
    action: 'report.read.sealed',
    kinds: ['secretariat', 'guarantor'],
    roles: 'any',
    why: 'sources and sealed places are for the secretariat and the guarantors',
  },
  {
    action: 'report.read.sealed',
    kinds: 'any',
    roles: 'any',
    when: (actor, r) => r !== undefined && filedIt(actor, r),
    why: 'reporters see what they filed, sealed parts included',
  },
  {
    action: 'report.correct',
    kinds: ['party', 'guarantor', 'monitor'],
    roles: ['admin', 'officer'],
    when: filedIt,
    why: 'the reporting organisation corrects or withdraws its report',
  },

  { action: 'incident.read', kinds: ['secretariat', 'guarantor', 'observer'], roles: 'any', why: 'the mechanism and its observers follow every incident' },
  {
    action: 'incident.read',
    kinds: ['party'],
    roles: 'any',
    when: incidentConcerns,
    why: 'a party sees incidents that accuse it or hit it, and every adopted finding',
  },
  { action: 'incident.read', kinds: ['monitor'], roles: 'any', when: incidentFiledBy, why: 'a monitor sees the incidents its reports belong to' },
  {
    action: 'incident.manage',
    kinds: ['secretariat', 'guarantor'],
    roles: ['admin', 'officer'],
    why: 'the secretariat and the guarantors group reports into incidents and reopen findings',
  },
  {
    action: 'incident.reply',
    kinds: ['party'],
    roles: ['admin', 'officer'],
    when: (actor, r) => r === undefined || ('allegedPartyIds' in r && r.allegedPartyIds.includes(actor.orgId)),
    why: 'the accused party has a right of reply',
  },
  { action: 'incident.assess', kinds: ['guarantor'], roles: ['admin', 'officer'], why: 'each guarantor records its own assessment' },
  {
    action: 'incident.reply_period.end',
    kinds: ['secretariat'],
    roles: ['admin', 'officer'],
    why: 'the secretariat runs the process: it may end a reply period early, with a recorded reason',
  },

  // Detainee lists are the most dangerous data Truce holds: the party that keeps a list,
  // the humanitarian facilitator and the guarantors, nobody else. The opposite party sees
  // only the persons of an exchange that concerns it (exchange.read), never the list.
  { action: 'detainees.read', kinds: ['party'], roles: 'any', when: ownList, why: 'a party sees its own lists' },
  { action: 'detainees.read', kinds: ['facilitator', 'guarantor'], roles: 'any', why: 'the facilitator and the guarantors work with every list' },
  { action: 'detainees.write', kinds: ['party'], roles: ['admin', 'officer'], when: ownList, why: 'a party keeps its own lists' },
  {
    action: 'detainees.match',
    kinds: ['facilitator', 'guarantor'],
    roles: ['admin', 'officer'],
    why: 'the facilitator and the guarantors match the lists of both sides',
  },
  {
    action: 'detainees.review',
    kinds: ['facilitator', 'guarantor'],
    roles: ['admin', 'officer'],
    why: 'matches are confirmed by the neutral side, never by one party alone',
  },

  { action: 'exchange.read', kinds: ['facilitator', 'guarantor'], roles: 'any', why: 'the facilitator and the guarantors follow every exchange' },
  { action: 'exchange.read', kinds: ['party'], roles: 'any', when: inExchange, why: 'a party sees the exchanges it is in, and only their persons' },
  { action: 'exchange.stats', kinds: 'any', roles: 'any', why: 'counts per status and category name nobody' },
  { action: 'exchange.propose', kinds: ['facilitator'], roles: ['admin', 'officer'], why: 'the facilitator drafts exchanges between the parties' },
  { action: 'exchange.propose', kinds: ['party'], roles: ['admin', 'officer'], when: inExchange, why: 'a party proposes an exchange it takes part in' },
  { action: 'exchange.approve', kinds: ['party'], roles: ['admin', 'officer'], when: inExchange, why: 'each party approves the exchange it is in' },
  { action: 'exchange.endorse', kinds: ['guarantor'], roles: ['admin', 'officer'], why: 'the guarantors endorse an approved exchange' },
  {
    action: 'exchange.release',
    kinds: ['facilitator'],
    roles: ['admin', 'officer'],
    why: 'on the day, the facilitator checks identity and that each return is voluntary',
  },
  // Before any release is recorded (the service checks the state): whoever answers for the proposal.
  { action: 'exchange.withdraw', kinds: ['facilitator'], roles: ['admin', 'officer'], why: 'the facilitator may withdraw any exchange before it takes place' },
  {
    action: 'exchange.withdraw',
    kinds: ['party'],
    roles: ['admin', 'officer'],
    when: proposedExchange,
    why: 'a party may withdraw an exchange it proposed, not one the other side or the facilitator proposed',
  },

  {
    action: 'meetings.read',
    kinds: ['secretariat', 'guarantor'],
    roles: 'any',
    why: 'the secretariat runs the meetings and the guarantors sit in all of them',
  },
  {
    action: 'meetings.read',
    kinds: ['party', 'facilitator'],
    roles: 'any',
    when: meetingForParticipant,
    why: 'a participant sees the meetings it takes part in, the decisions that concern it and what is shared',
  },
  {
    action: 'meetings.read',
    kinds: ['observer', 'monitor'],
    roles: 'any',
    when: meetingAddressedTo,
    why: 'observers see what the mechanism shares with them or addresses to them',
  },
  {
    action: 'meetings.manage',
    kinds: ['secretariat'],
    roles: ['admin', 'officer'],
    why: 'the secretariat schedules meetings, sets the agenda, records attendance, minutes and action items',
  },
  {
    action: 'meetings.decide',
    kinds: ['secretariat', 'guarantor'],
    roles: ['admin', 'officer'],
    why: 'decisions are recorded by the secretariat or put forward by a guarantor',
  },
  { action: 'meetings.approve', kinds: ['guarantor'], roles: ['admin', 'officer'], why: 'a decision is adopted when every guarantor present approves it' },
  { action: 'meetings.actions.read', kinds: 'any', roles: 'any', why: 'every organisation sees the action items it owns' },
  { action: 'meetings.actions.done', kinds: 'any', roles: ['admin', 'officer'], when: ownsAction, why: 'the owner of an action item says when it is done' },

  // Issued reports and briefings are addressed to the UN and the support group (observers);
  // their figures cover every report, incident and exchange, so a party, which sees only
  // what concerns it, does not read them, nor does a monitor or the facilitator.
  {
    action: 'publications.read',
    kinds: ['secretariat', 'guarantor', 'observer'],
    roles: 'any',
    why: 'the mechanism and the observers it reports to read the issued reports and briefings',
  },
  {
    action: 'publications.issue',
    kinds: ['secretariat'],
    roles: ['admin', 'officer'],
    why: 'the secretariat issues the report to the UN and the briefing to the support group',
  },

  // The audit names records by id and field (never their content) across every party's
  // data: for those who run the mechanism and those who guarantee it.
  {
    action: 'audit.read',
    kinds: ['secretariat', 'guarantor'],
    roles: 'any',
    why: 'the secretariat and the guarantors check that what the server serves is what the log recorded',
  },
];

function matches(list: readonly string[] | 'any', value: string): boolean {
  return list === 'any' || list.includes(value);
}

/** May this actor do this action (on this resource, when one is given)? Deny by default. */
export function can(actor: Actor | null | undefined, action: Action, resource?: Resource): boolean {
  if (!actor) return false;
  return RULES.some(
    (rule) =>
      rule.action === action &&
      matches(rule.kinds, actor.orgKind) &&
      matches(rule.roles, actor.role) &&
      (rule.when === undefined || rule.when(actor, resource)),
  );
}
