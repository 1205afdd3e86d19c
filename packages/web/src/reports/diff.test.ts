import { describe, expect, it } from 'vitest';
import type { ReportContent } from '@truce/core/reports/model';
import { diffContent, evidenceChange } from './diff.ts';

const base: ReportContent = {
  occurredAt: '2017-02-12T10:30:00.000Z',
  timePrecision: 'hour',
  location: { lat: 36.2, lon: 37.1, geoPrecision: 'place', pcode: 'C1', placeName: 'Aleppo' },
  sealLocation: false,
  typeCode: 'shelling',
  allegedPerpetrator: { kind: 'unknown' },
  affectedSide: { kind: 'civilians' },
  casualties: { killedCivilian: null, killedCombatant: 0, injuredCivilian: 3, injuredCombatant: null },
  description: 'Shelling',
  language: 'en',
  sources: [],
  evidence: ['a'.repeat(64)],
};

describe('differences between versions', () => {
  it('finds nothing between equal contents, whatever the order of keys', () => {
    const same = { ...base, location: { placeName: 'Aleppo', pcode: 'C1', geoPrecision: 'place' as const, lon: 37.1, lat: 36.2 } };
    expect(diffContent(base, same)).toEqual([]);
  });

  it('names each changed field with its value before and after', () => {
    const next: ReportContent = {
      ...base,
      occurredAt: '2017-02-12T11:00:00Z',
      casualties: { ...base.casualties, killedCivilian: 0 },
      allegedPerpetrator: { kind: 'party', organisationId: 'o1' },
      evidence: ['b'.repeat(64)],
    };
    const changes = diffContent(base, next);
    expect(changes.map((c) => c.field)).toEqual(['occurredAt', 'allegedPerpetrator', 'killedCivilian', 'evidence']);
    // Not known → 0 is a change.
    expect(changes.find((c) => c.field === 'killedCivilian')).toEqual({ field: 'killedCivilian', before: null, after: 0 });
    expect(evidenceChange(base.evidence, next.evidence)).toEqual({ added: ['b'.repeat(64)], removed: ['a'.repeat(64)] });
  });

  it('treats a place name removed as a change of the location', () => {
    const { placeName: _gone, ...rest } = base.location;
    expect(diffContent(base, { ...base, location: rest }).map((c) => c.field)).toEqual(['location']);
  });
});
