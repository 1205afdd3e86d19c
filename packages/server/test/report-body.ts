/**
 * A valid report body (C2) for tests: shelling by Northern Dawn, civilians affected, no
 * casualties, no sources or evidence. Each test gives what it is about — when, where,
 * what was said — and overrides the rest as it needs.
 */
export function reportBody(orgs: Record<string, string>, fields: Record<string, unknown>) {
  return {
    timePrecision: 'exact',
    sealLocation: false,
    typeCode: 'shelling',
    allegedPerpetrator: { kind: 'party', organisationId: orgs['Northern Dawn'] },
    affectedSide: { kind: 'civilians' },
    casualties: { killedCivilian: 0, killedCombatant: 0, injuredCivilian: 0, injuredCombatant: 0 },
    language: 'en',
    sources: [],
    evidence: [],
    ...fields,
  };
}
