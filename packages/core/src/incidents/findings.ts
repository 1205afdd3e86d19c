/**
 * Assessments and findings (C3). Monitors keep verification apart from attribution:
 * first whether the violation occurred, then, separately, who is responsible. Each
 * guarantor records its assessment; a finding is adopted when the mechanism's decision
 * rule is met, and a disagreement stays visible as such instead of being averaged away.
 */
export const VERIFICATIONS = ['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export type Attribution = { kind: 'alleged' } | { kind: 'other-party'; organisationId: string } | { kind: 'undetermined' };

export type DecisionRule = 'consensus' | 'majority';

export interface Assessment {
  guarantorId: string;
  verification: Verification;
  /** Only meaningful when the violation is corroborated. */
  attribution: Attribution;
}

export interface Finding {
  verification: Verification;
  attribution: Attribution | null;
}

export type Decision =
  | { status: 'adopted'; finding: Finding; basis: string[] }
  | { status: 'pending'; missing: string[] }
  | { status: 'disagreement'; positions: { finding: Finding; guarantors: string[] }[]; missing: string[] };

const key = (f: Finding) =>
  JSON.stringify([f.verification, f.attribution ? [f.attribution.kind, 'organisationId' in f.attribution ? f.attribution.organisationId : ''] : null]);

/** The finding an assessment argues for: attribution only counts for a corroborated violation. */
export function findingOf(a: Assessment): Finding {
  return { verification: a.verification, attribution: a.verification === 'corroborated' ? a.attribution : null };
}

/**
 * Applies the decision rule to the guarantors' latest assessments.
 * - consensus: every guarantor has assessed and all argue for the same finding;
 * - majority: more than half of all guarantors argue for the same finding (the others
 *   may still be missing or disagree — their positions stay on the record).
 * Guarantors not in `guarantors` are ignored; a later assessment replaces an earlier one
 * of the same guarantor (the caller passes the latest per guarantor).
 */
export function decide(rule: DecisionRule, guarantors: readonly string[], assessments: readonly Assessment[]): Decision {
  const latest = new Map<string, Assessment>();
  for (const a of assessments) if (guarantors.includes(a.guarantorId)) latest.set(a.guarantorId, a);
  const missing = guarantors.filter((g) => !latest.has(g));

  const positions = new Map<string, { finding: Finding; guarantors: string[] }>();
  for (const a of latest.values()) {
    const finding = findingOf(a);
    const k = key(finding);
    const p = positions.get(k) ?? { finding, guarantors: [] };
    p.guarantors.push(a.guarantorId);
    positions.set(k, p);
  }
  const ranked = [...positions.values()].sort((a, b) => b.guarantors.length - a.guarantors.length);
  if (guarantors.length === 0) return { status: 'pending', missing: [] };

  if (rule === 'majority') {
    const top = ranked[0];
    if (top && top.guarantors.length * 2 > guarantors.length) return { status: 'adopted', finding: top.finding, basis: [...top.guarantors].sort() };
  } else if (missing.length === 0 && ranked.length === 1) {
    return { status: 'adopted', finding: ranked[0].finding, basis: [...ranked[0].guarantors].sort() };
  }
  if (ranked.length > 1) return { status: 'disagreement', positions: ranked, missing };
  return { status: 'pending', missing };
}

/**
 * Whether the guarantors' assessments have come to a standstill: the rule cannot be met
 * any more unless a guarantor changes its assessment, even if every guarantor still
 * missing joined the largest position. Under consensus that is any two differing
 * positions; under majority, no position (with the missing guarantors) can pass half.
 * Such an incident is for the guarantors to settle at a meeting (C7).
 */
export function isStalemate(rule: DecisionRule, guarantors: readonly string[], assessments: readonly Assessment[]): boolean {
  const decision = decide(rule, guarantors, assessments);
  if (decision.status !== 'disagreement') return false;
  const top = decision.positions[0]?.guarantors.length ?? 0;
  const reachable = top + decision.missing.length;
  return rule === 'consensus' ? true : reachable * 2 <= guarantors.length;
}
