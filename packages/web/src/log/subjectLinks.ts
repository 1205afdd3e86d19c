import type { Action, Resource } from '@truce/core/policy/policy';

/**
 * What an entry concerns, as links to the items' pages for the reader who may open them
 * and as plain short references otherwise. Only what the entry itself shows is used (its
 * type, its writer's organisation and its subject's ids): the server tells the Record page
 * nothing more about an item than the record does. Whether the reader may open an item is
 * asked of the policy the server enforces (app/permissions.ts): with a resource that no
 * condition holds for (the reader's kind may open every such item), or with what the
 * entry proves of it (the reader's organisation filed the report, replied on the incident,
 * submitted the list, took part in the exchange). A party may thus see a plain reference
 * to an item it could open, never a link to one it may not.
 */

export interface SubjectPart {
  /** The subject's field: report, incident, meeting, … */
  kind: string;
  id: string;
  /** The page to open, or null when the reader may not open it or it has none. */
  href: string | null;
}

export interface LinkContext {
  /** The reader's organisation. */
  orgId: string;
  can(action: Action, resource?: Resource): boolean;
}

interface EntryShown {
  type?: string;
  actor?: { organisation: string } | null;
  subject?: Record<string, string>;
}

/** Nobody's organisation: a resource scoped to it satisfies no "its own" condition. */
const NOBODY = '\u0000nobody';

/** A UUID as the server writes ids: anything else in a subject is not put in a path. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function subjectParts(entry: EntryShown, ctx: LinkContext): SubjectPart[] {
  const subject = entry.subject ?? {};
  const type = entry.type ?? '';
  /** The reader's organisation wrote this entry (filed, replied, submitted, approved…). */
  const byReader = entry.actor?.organisation === ctx.orgId;
  const own = (prefix: string) => byReader && type.startsWith(prefix);

  const hrefOf = (kind: string, id: string): string | null => {
    if (!UUID.test(id) && !['publication', 'mechanism'].includes(kind)) return null;
    switch (kind) {
      case 'report': {
        const filer = own('report.') ? ctx.orgId : NOBODY;
        return ctx.can('report.read', { reporterOrgId: filer, allegedPartyId: null, affectedPartyId: null }) ? `/reports/${id}` : null;
      }
      case 'incident':
      case 'merged': {
        const accused = type === 'incident.replied' && byReader ? [ctx.orgId] : [];
        const scope = { reporterOrgIds: [], allegedPartyIds: accused, affectedPartyIds: [], findingAdopted: false };
        return ctx.can('incident.read', scope) ? `/incidents/${id}` : null;
      }
      case 'meeting':
        return ctx.can('meetings.read', { meetingPart: 'meeting', meetingParticipantIds: [], concernsIds: [], shared: false }) ? `/meetings/${id}` : null;
      case 'decision':
        // A decision is read on its meeting's page; some decisions concern only some organisations.
        return subject.meeting &&
          UUID.test(subject.meeting) &&
          ctx.can('meetings.read', { meetingPart: 'decision', meetingParticipantIds: [], concernsIds: [], shared: false })
          ? `/meetings/${subject.meeting}`
          : null;
      case 'list':
      case 'soughtList':
      case 'heldList': {
        const party = own('detainees.list.') ? ctx.orgId : NOBODY;
        return ctx.can('detainees.read', { listPartyId: party }) ? `/detainees/lists/${id}` : null;
      }
      case 'run':
        return ctx.can('detainees.match') ? `/detainees/matching/${id}` : null;
      case 'exchange': {
        const parties = own('exchange.') ? [ctx.orgId] : [];
        return ctx.can('exchange.read', { exchangePartyIds: parties }) ? `/exchanges/${id}` : null;
      }
      case 'publication':
        return ctx.can('publications.read') ? '/publications' : null;
      case 'mechanism':
        return ctx.can('mechanism.read') ? '/mechanism' : null;
      case 'agreement':
        return ctx.can('mechanism.read') ? '/mechanism/agreements' : null;
      case 'excluded_group':
        return ctx.can('mechanism.read') ? '/mechanism/excluded-groups' : null;
      case 'zone':
        return ctx.can('mechanism.read') ? '/mechanism/zones' : null;
      case 'taxonomy':
        return ctx.can('mechanism.read') ? '/mechanism/taxonomy' : null;
      default:
        // Replies and assessments are read on their incident's page (linked beside them);
        // users, tokens, evidence files and audits have no page of their own here.
        return null;
    }
  };

  return Object.entries(subject)
    .filter((p): p is [string, string] => typeof p[1] === 'string')
    .map(([kind, id]) => ({ kind, id, href: hrefOf(kind, id) }));
}

/** A UUIDv7 begins with its time, shared by rows made together: its random end tells them apart. */
export function shortId(id: string): string {
  return UUID.test(id) ? `…${id.slice(-8)}` : id.length > 24 ? `${id.slice(0, 23)}…` : id;
}
