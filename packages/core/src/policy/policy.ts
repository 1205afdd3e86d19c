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
  // the verifiable record: entry contents need a signed-in participant
  'log.entries.read',
  // one's own account: password, second factor, API tokens, sign out
  'account.self',
] as const;
export type Action = (typeof ACTIONS)[number];

type Condition = (actor: Actor, resource?: OrgScoped) => boolean;

interface Rule {
  action: Action;
  kinds: readonly OrgKind[] | 'any';
  roles: readonly Role[] | 'any';
  /** Extra condition on the resource; when a resource is given it must hold. */
  when?: Condition;
  why: string;
}

const sameOrg: Condition = (actor, resource) => resource === undefined || resource.orgId === actor.orgId;

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

  { action: 'log.entries.read', kinds: 'any', roles: 'any', why: 'every participant can verify the record for itself' },
];

function matches(list: readonly string[] | 'any', value: string): boolean {
  return list === 'any' || list.includes(value);
}

/** May this actor do this action (on this resource, when one is given)? Deny by default. */
export function can(actor: Actor | null | undefined, action: Action, resource?: OrgScoped): boolean {
  if (!actor) return false;
  return RULES.some(
    (rule) =>
      rule.action === action &&
      matches(rule.kinds, actor.orgKind) &&
      matches(rule.roles, actor.role) &&
      (rule.when === undefined || rule.when(actor, resource)),
  );
}

/** The rules, for documentation and the route × role test. */
export function rulesFor(action: Action): readonly Rule[] {
  return RULES.filter((rule) => rule.action === action);
}
