import { describe, expect, it } from 'vitest';
import { decide, type Assessment } from './findings.ts';

const G = ['russia', 'turkey', 'iran'];
const corroborated = (guarantorId: string, attribution: Assessment['attribution'] = { kind: 'alleged' }): Assessment => ({
  guarantorId,
  verification: 'corroborated',
  attribution,
});
const notCorroborated = (guarantorId: string): Assessment => ({ guarantorId, verification: 'not-corroborated', attribution: { kind: 'undetermined' } });

describe('decision rule for findings', () => {
  it('waits under consensus until every guarantor has assessed', () => {
    expect(decide('consensus', G, [corroborated('russia'), corroborated('turkey')])).toEqual({ status: 'pending', missing: ['iran'] });
  });

  it('adopts under consensus when all three agree on verification and attribution', () => {
    const d = decide('consensus', G, [corroborated('russia'), corroborated('turkey'), corroborated('iran')]);
    expect(d).toEqual({ status: 'adopted', finding: { verification: 'corroborated', attribution: { kind: 'alleged' } }, basis: ['iran', 'russia', 'turkey'] });
  });

  it('keeps a disagreement on attribution visible under consensus', () => {
    const d = decide('consensus', G, [corroborated('russia'), corroborated('turkey'), corroborated('iran', { kind: 'undetermined' })]);
    expect(d.status).toBe('disagreement');
    if (d.status !== 'disagreement') return;
    expect(d.positions).toHaveLength(2);
    expect(d.positions[0].guarantors).toEqual(['russia', 'turkey']);
    expect(d.positions[1].guarantors).toEqual(['iran']);
  });

  it('adopts by majority with two of three, recording the dissent as the basis excludes it', () => {
    const d = decide('majority', G, [corroborated('russia'), corroborated('turkey'), notCorroborated('iran')]);
    expect(d).toMatchObject({ status: 'adopted', basis: ['russia', 'turkey'], finding: { verification: 'corroborated' } });
  });

  it('does not adopt by majority with one of three, or with a 1–1 split', () => {
    expect(decide('majority', G, [corroborated('russia')]).status).toBe('pending');
    expect(decide('majority', G, [corroborated('russia'), notCorroborated('turkey')]).status).toBe('disagreement');
  });

  it('ignores attribution when the violation is not corroborated', () => {
    const d = decide('consensus', G, [
      { guarantorId: 'russia', verification: 'inadmissible', attribution: { kind: 'alleged' } },
      { guarantorId: 'turkey', verification: 'inadmissible', attribution: { kind: 'undetermined' } },
      { guarantorId: 'iran', verification: 'inadmissible', attribution: { kind: 'other-party', organisationId: 'gov' } },
    ]);
    expect(d).toMatchObject({ status: 'adopted', finding: { verification: 'inadmissible', attribution: null } });
  });

  it('takes the later assessment of a guarantor and ignores non-guarantors', () => {
    const d = decide('consensus', G, [
      notCorroborated('russia'),
      corroborated('turkey'),
      corroborated('iran'),
      corroborated('russia'),
      notCorroborated('syria'),
    ]);
    expect(d.status).toBe('adopted');
  });

  it('tells attribution to different parties apart', () => {
    const d = decide('consensus', G, [
      corroborated('russia', { kind: 'other-party', organisationId: 'north-dawn' }),
      corroborated('turkey', { kind: 'other-party', organisationId: 'orontes' }),
      corroborated('iran', { kind: 'other-party', organisationId: 'north-dawn' }),
    ]);
    expect(d.status).toBe('disagreement');
  });
});
