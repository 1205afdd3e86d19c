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

/** Real places in five governorates (Aleppo, Idlib, Homs, Daraa, Rural Damascus), for reports filed in tests. */
export const PLACES = {
  aleppo: { lat: 36.2021, lon: 37.1343 },
  idlib: { lat: 35.9306, lon: 36.6339 },
  homs: { lat: 34.7324, lon: 36.7137 },
  daraa: { lat: 32.6189, lon: 36.1021 },
  douma: { lat: 33.5711, lon: 36.4028 },
};
