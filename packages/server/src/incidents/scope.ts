import type { IncidentScoped } from '@truce/core/policy/policy';

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
