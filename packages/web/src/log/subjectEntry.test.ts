import { describe, expect, it } from 'vitest';
import { pickEntry, type SubjectEntry } from './subjectEntry.ts';

const e = (index: number, type: string, time: string, subject: Record<string, string> = {}): SubjectEntry => ({ index, type, time, subject });

describe('picking the entry that recorded an item', () => {
  const list = [
    e(3, 'detainees.list.version', '2026-01-01T10:00:00.010Z', { list: 'L' }),
    e(5, 'detainees.person.viewed', '2026-01-01T10:05:00Z', { list: 'L' }),
    e(9, 'detainees.list.version', '2026-01-02T10:00:00.010Z', { list: 'L' }),
    e(12, 'detainees.person.viewed', '2026-01-03T10:00:00Z', { list: 'L' }),
  ];

  it('takes the latest entry of the type by default, the first when asked', () => {
    expect(pickEntry(list, { types: ['detainees.list.version'] })).toBe(9);
    expect(pickEntry(list, { types: ['detainees.list.version'], which: 'first' })).toBe(3);
    expect(pickEntry(list)).toBe(12);
  });

  it("finds a version's entry by its position among the version entries", () => {
    expect(pickEntry(list, { types: ['detainees.list.version'], which: { nth: 0 } })).toBe(3);
    expect(pickEntry(list, { types: ['detainees.list.version'], which: { nth: 1 } })).toBe(9);
    expect(pickEntry(list, { types: ['detainees.list.version'], which: { nth: 2 } })).toBeNull();
  });

  it('tells entries apart by another subject field and by the time nearest the item', () => {
    const decisions = [
      e(20, 'detainees.match.run', '2026-01-01T09:00:00Z', { soughtList: 'S', heldList: 'H', run: 'R' }),
      e(21, 'detainees.match.decided', '2026-01-01T10:00:00.004Z', { soughtList: 'S', heldList: 'H' }),
      e(22, 'detainees.match.decided', '2026-01-01T10:00:00.004Z', { soughtList: 'S', heldList: 'OTHER' }),
      e(23, 'detainees.match.decided', '2026-01-01T11:00:00.003Z', { soughtList: 'S', heldList: 'H' }),
    ];
    const pick = (at: string) => pickEntry(decisions, { types: ['detainees.match.decided'], subject: { heldList: 'H' }, which: { nearest: at } });
    expect(pick('2026-01-01T10:00:00.000Z')).toBe(21);
    expect(pick('2026-01-01T11:00:00.000Z')).toBe(23);
    expect(pick('not a time')).toBeNull();
  });

  it('finds nothing when no entry has the type', () => {
    expect(pickEntry(list, { types: ['publication.issued'] })).toBeNull();
    expect(pickEntry([], {})).toBeNull();
  });
});
