import { describe, expect, it } from 'vitest';
import { withChanges } from './history.ts';

describe("a person's versions", () => {
  it('marks what each version changed, newest first', () => {
    const spans = withChanges([
      { fromVersion: 3, toVersion: null, record: { ref: 'G-1', fullName: 'محمد أحمد الحسن', category: 'sick', birthYear: 1985 } },
      { fromVersion: 1, toVersion: 3, record: { ref: 'G-1', fullName: 'محمد أحمد الحسن', category: 'civilian', birthYear: 1985, notes: '' } },
    ]);
    expect(spans.map((s) => s.fromVersion)).toEqual([3, 1]);
    expect(spans[0].changed).toEqual(['category']);
    expect(spans[1]).toMatchObject({ first: true, changed: [] });
  });
});
