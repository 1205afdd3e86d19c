import type { Actor } from '../model/accounts.ts';
import type { IncidentScoped } from '../policy/policy.ts';

/**
 * What each reader reads of an incident once its finding is adopted: a setting of the
 * mechanism (C1), not an accident of the code. Every reader allowed to open an adopted
 * incident (policy `incident.read`: every party) reads the finding, its date, place and
 * the agreed finding itself; each guarantor's reasoning and the accused party's reply go
 * only to the audiences the mechanism chose. The secretariat and the guarantors always
 * read them: they run the process.
 */
export const DISCLOSURE_AUDIENCES = ['reporting-party', 'accused-party', 'affected-party', 'other-parties', 'observers', 'monitors'] as const;
export type DisclosureAudience = (typeof DISCLOSURE_AUDIENCES)[number];

export interface AdoptedIncidentDisclosure {
  /** Who reads each guarantor's reasoning once the finding is adopted (besides the secretariat and the guarantors). */
  reasoning: DisclosureAudience[];
  /** Who reads the accused party's reply (text and evidence) once the finding is adopted. */
  reply: DisclosureAudience[];
}

export const DEFAULT_DISCLOSURE: AdoptedIncidentDisclosure = {
  reasoning: ['reporting-party', 'accused-party'],
  reply: ['reporting-party', 'accused-party'],
};

/** The audiences this reader belongs to for this incident (a party can be several at once). */
export function audiencesOf(actor: Actor, incident: IncidentScoped): DisclosureAudience[] {
  switch (actor.orgKind) {
    case 'observer':
      return ['observers'];
    case 'monitor':
      return incident.reporterOrgIds.includes(actor.orgId) ? ['monitors', 'reporting-party'] : ['monitors'];
    case 'party': {
      const out: DisclosureAudience[] = [];
      if (incident.reporterOrgIds.includes(actor.orgId)) out.push('reporting-party');
      if (incident.allegedPartyIds.includes(actor.orgId)) out.push('accused-party');
      if (incident.affectedPartyIds.includes(actor.orgId)) out.push('affected-party');
      return out.length > 0 ? out : ['other-parties'];
    }
    default:
      return [];
  }
}

/** May this reader read this part of an adopted incident under the mechanism's setting? */
export function discloses(setting: AdoptedIncidentDisclosure, part: keyof AdoptedIncidentDisclosure, actor: Actor, incident: IncidentScoped): boolean {
  if (actor.orgKind === 'secretariat' || actor.orgKind === 'guarantor') return true;
  const allowed = setting[part];
  return audiencesOf(actor, incident).some((a) => allowed.includes(a));
}

/** The stored setting, read defensively: anything unknown falls back to the default for that part. */
export function parseDisclosure(value: unknown): AdoptedIncidentDisclosure {
  const v = (value ?? {}) as Partial<Record<keyof AdoptedIncidentDisclosure, unknown>>;
  const list = (x: unknown, fallback: DisclosureAudience[]) => (Array.isArray(x) ? DISCLOSURE_AUDIENCES.filter((a) => x.includes(a)) : fallback);
  return { reasoning: list(v.reasoning, DEFAULT_DISCLOSURE.reasoning), reply: list(v.reply, DEFAULT_DISCLOSURE.reply) };
}
