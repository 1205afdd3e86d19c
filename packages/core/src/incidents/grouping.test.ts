import { describe, expect, it } from 'vitest';
import { distanceKm, proposeGroupings, type GroupingSubject } from './grouping.ts';

const shelling = (id: string, occurredAt: string, lat: number, lon: number, over: Partial<GroupingSubject> = {}): GroupingSubject => ({
  id,
  occurredAt,
  timePrecision: 'exact',
  lat,
  lon,
  typeCode: 'shelling',
  eventType: 'Explosions/Remote violence',
  ...over,
});

describe('grouping proposals', () => {
  it('measures distances on the sphere (Aleppo–Idlib is about 56 km)', () => {
    expect(distanceKm(36.2021, 37.1343, 35.9306, 36.6339)).toBeGreaterThan(52);
    expect(distanceKm(36.2021, 37.1343, 35.9306, 36.6339)).toBeLessThan(60);
  });

  it('proposes reports of the same shelling from both sides, nearest first, and says why', () => {
    const report = shelling('new', '2017-01-14T06:30:00Z', 36.1946, 37.1456);
    const proposals = proposeGroupings(report, [
      shelling('same-street', '2017-01-14T06:45:00Z', 36.1951, 37.1449),
      shelling('next-district', '2017-01-14T08:00:00Z', 36.2102, 37.1701),
      shelling('too-far', '2017-01-14T06:30:00Z', 35.9306, 36.6339),
      shelling('too-late', '2017-01-14T14:00:00Z', 36.1946, 37.1456),
    ]);
    expect(proposals.map((p) => p.id)).toEqual(['same-street', 'next-district']);
    expect(proposals[0].score).toBeGreaterThan(proposals[1].score);
    expect(proposals[0].reasons[2]).toBe('same type (shelling)');
    expect(proposals[1].kmApart).toBeGreaterThan(2);
  });

  it('groups compatible types of one ACLED family but not unrelated ones', () => {
    const report = shelling('new', '2017-01-14T06:30:00Z', 36.1946, 37.1456);
    const proposals = proposeGroupings(report, [
      shelling('air', '2017-01-14T07:00:00Z', 36.1946, 37.1456, { typeCode: 'air-strike' }),
      shelling('clash', '2017-01-14T07:00:00Z', 36.1946, 37.1456, { typeCode: 'armed-clash', eventType: 'Battles' }),
    ]);
    expect(proposals.map((p) => p.id)).toEqual(['air']);
    expect(proposals[0].sameType).toBe(false);
  });

  it('widens the window for a report known only to the day', () => {
    const report = shelling('new', '2017-01-14T12:00:00Z', 36.1946, 37.1456, { timePrecision: 'day' });
    const proposals = proposeGroupings(report, [shelling('morning', '2017-01-14T02:00:00Z', 36.1946, 37.1456)]);
    expect(proposals).toHaveLength(1);
    expect(proposeGroupings({ ...report, timePrecision: 'exact' }, [shelling('morning', '2017-01-14T02:00:00Z', 36.1946, 37.1456)])).toEqual([]);
  });

  it('honours the secretariat settings', () => {
    const report = shelling('new', '2017-01-14T06:30:00Z', 36.1946, 37.1456);
    const far = shelling('far', '2017-01-14T06:30:00Z', 36.25, 37.1456);
    expect(proposeGroupings(report, [far])).toEqual([]);
    expect(proposeGroupings(report, [far], { windowHours: 6, distanceKm: 10 })).toHaveLength(1);
  });
});
