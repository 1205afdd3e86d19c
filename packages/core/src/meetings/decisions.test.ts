import { describe, expect, it } from 'vitest';
import { adoption, approvalRefusal } from './decisions.ts';

const RUSSIA = 'org-russia';
const TURKEY = 'org-turkey';
const IRAN = 'org-iran';

describe('adoption of a decision', () => {
  it('waits for every guarantor present', () => {
    expect(adoption({ presentGuarantors: [RUSSIA, TURKEY, IRAN], approvals: [RUSSIA, TURKEY] })).toEqual({
      status: 'pending',
      approvedBy: [RUSSIA, TURKEY],
      missing: [IRAN],
    });
    expect(adoption({ presentGuarantors: [RUSSIA, TURKEY, IRAN], approvals: [IRAN, RUSSIA, TURKEY] })).toEqual({
      status: 'adopted',
      approvedBy: [IRAN, RUSSIA, TURKEY],
    });
  });

  it('does not wait for an absent guarantor', () => {
    expect(adoption({ presentGuarantors: [RUSSIA, TURKEY], approvals: [TURKEY, RUSSIA] }).status).toBe('adopted');
  });

  it('ignores approvals of organisations not present', () => {
    expect(adoption({ presentGuarantors: [TURKEY], approvals: [RUSSIA] })).toEqual({ status: 'pending', approvedBy: [], missing: [TURKEY] });
  });

  it('adopts nothing when no guarantor is present', () => {
    expect(adoption({ presentGuarantors: [], approvals: [RUSSIA] }).status).toBe('no-guarantor-present');
  });
});

describe('who may approve', () => {
  const base = {
    organisationId: RUSSIA,
    organisationKind: 'guarantor',
    decisionStatus: 'proposed' as const,
    presentGuarantors: [RUSSIA, TURKEY],
    approvals: [] as string[],
  };

  it('lets a guarantor present approve once', () => {
    expect(approvalRefusal(base)).toBeNull();
    expect(approvalRefusal({ ...base, approvals: [RUSSIA] })).toBe('already-approved');
  });

  it('refuses a guarantor recorded absent, and anyone who is not a guarantor', () => {
    expect(approvalRefusal({ ...base, organisationId: IRAN })).toBe('not-present');
    expect(approvalRefusal({ ...base, organisationId: 'org-secretariat', organisationKind: 'secretariat' })).toBe('not-guarantor');
    expect(approvalRefusal({ ...base, organisationId: 'org-government', organisationKind: 'party' })).toBe('not-guarantor');
  });

  it('refuses approvals of an adopted or withdrawn decision', () => {
    expect(approvalRefusal({ ...base, decisionStatus: 'adopted' })).toBe('not-open');
    expect(approvalRefusal({ ...base, decisionStatus: 'withdrawn' })).toBe('not-open');
  });
});
