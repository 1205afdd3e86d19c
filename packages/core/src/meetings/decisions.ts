/**
 * Adoption of a meeting's decisions (C7). A decision is adopted when every guarantor
 * present at the meeting has approved it: a guarantor recorded absent is not waited for,
 * and with no guarantor present nothing can be adopted. Only a guarantor present may
 * approve, once; the secretariat and the parties record and propose, they do not adopt.
 */

export type DecisionStatus = 'proposed' | 'adopted' | 'withdrawn';

export interface AdoptionInput {
  /** Guarantor organisations recorded present at the meeting. */
  presentGuarantors: readonly string[];
  /** Organisations that approved the decision. */
  approvals: readonly string[];
}

export type Adoption =
  | { status: 'adopted'; approvedBy: string[] }
  | { status: 'pending'; approvedBy: string[]; missing: string[] }
  | { status: 'no-guarantor-present'; approvedBy: string[] };

/** Where the approvals stand: adopted, waiting for some present guarantors, or impossible for now. */
export function adoption({ presentGuarantors, approvals }: AdoptionInput): Adoption {
  const present = [...new Set(presentGuarantors)].sort();
  const approvedBy = present.filter((g) => approvals.includes(g));
  if (present.length === 0) return { status: 'no-guarantor-present', approvedBy };
  const missing = present.filter((g) => !approvals.includes(g));
  return missing.length === 0 ? { status: 'adopted', approvedBy } : { status: 'pending', approvedBy, missing };
}

export type ApprovalRefusal = 'not-guarantor' | 'not-present' | 'already-approved' | 'not-open';

export interface ApprovalAttempt {
  organisationId: string;
  organisationKind: string;
  decisionStatus: DecisionStatus;
  presentGuarantors: readonly string[];
  approvals: readonly string[];
}

/** Why this organisation may not approve the decision now, or null when it may. */
export function approvalRefusal(a: ApprovalAttempt): ApprovalRefusal | null {
  if (a.organisationKind !== 'guarantor') return 'not-guarantor';
  if (a.decisionStatus !== 'proposed') return 'not-open';
  if (a.approvals.includes(a.organisationId)) return 'already-approved';
  if (!a.presentGuarantors.includes(a.organisationId)) return 'not-present';
  return null;
}
