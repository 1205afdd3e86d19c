import { can, type IncidentScoped } from '@truce/core/policy/policy';
import type { Actor } from '@truce/core/model/accounts';
import type { ListScope } from './store.ts';

/** The policy's view of an incident, from its current reports and whether a finding stands. */
export function incidentScope(
  reports: { reporter_org: string; alleged_party: string | null; affected_party: string | null }[],
  findingAdopted: boolean,
): IncidentScoped {
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  return {
    reporterOrgIds: uniq(reports.map((r) => r.reporter_org)),
    allegedPartyIds: uniq(reports.map((r) => r.alleged_party)),
    affectedPartyIds: uniq(reports.map((r) => r.affected_party)),
    findingAdopted,
  };
}

/**
 * The reader's `incident.read` scope for the incident list (store.listIncidents) and the
 * exports, derived from the policy table rather than kept in step with it by hand
 * (issue 15): `can` is asked about an incident nobody of the actor's organisation is named
 * in, with and without a finding standing, and about incidents whose reports it filed, that
 * accuse it and that hit it; the answers pick the scope. A rule with another shape has no
 * SQL here and fails loudly; the property test (scopes.int.test.ts) checks the SQL
 * against `can` incident by incident.
 */
export function listScopeFor(actor: Actor): ListScope {
  const other = `not ${actor.orgId}`;
  const reads = (r: Partial<IncidentScoped>) =>
    can(actor, 'incident.read', { reporterOrgIds: [other], allegedPartyIds: [other], affectedPartyIds: [other], findingAdopted: false, ...r });
  if (reads({})) return { kind: 'all' };
  const me = [actor.orgId];
  const filed = reads({ reporterOrgIds: me });
  const accused = reads({ allegedPartyIds: me });
  const hit = reads({ affectedPartyIds: me });
  const finding = reads({ findingAdopted: true });
  if (filed && accused && hit && finding) return { kind: 'concerning', orgId: actor.orgId };
  if (filed && !accused && !hit && !finding) return { kind: 'filedBy', orgId: actor.orgId };
  if (!filed && !accused && !hit && !finding) return { kind: 'none' };
  throw new Error(`The policy's incident.read for ${actor.orgKind} ${actor.role} has no SQL scope (incidents/scope.ts).`);
}
