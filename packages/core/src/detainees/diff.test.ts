import { describe, expect, it } from 'vitest';
import { diffLists } from './diff.ts';
import type { PersonRecord } from './person.ts';

const person = (ref: string, fields: Partial<PersonRecord> = {}): PersonRecord => ({ ref, fullName: 'محمد أحمد الحسن', birthPlace: 'حلب', ...fields });

describe('diffLists', () => {
  it('finds added, removed, changed and unchanged persons by ref', () => {
    const previous = [person('1'), person('2', { fullName: 'Fatima al-Khatib', birthPlace: 'Homs' }), person('3', { fullName: 'Abdulrahman Haj Ali' })];
    const next = [
      person('4', { fullName: 'Yusuf al-Ahmad', birthPlace: 'Idlib' }),
      person('2', { fullName: 'Fatima al-Khatib', birthPlace: 'Homs', detainedOn: '2014-04-03', notes: 'Adra' }),
      person('1'),
    ];
    const diff = diffLists(previous, next);
    expect(diff.added.map((p) => p.ref)).toEqual(['4']);
    expect(diff.removed.map((p) => p.ref)).toEqual(['3']);
    expect(diff.changed).toEqual([{ ref: '2', before: previous[1], after: next[1], fields: ['detainedOn', 'notes'] }]);
    expect(diff.unchanged).toBe(1);
  });

  it('treats null, missing and empty values alike', () => {
    const diff = diffLists([person('1', { notes: null, sex: undefined })], [person('1', { notes: '', sex: null, category: null })]);
    expect(diff).toEqual({ added: [], removed: [], changed: [], unchanged: 1 });
  });

  it('compares every field, numbers included', () => {
    const diff = diffLists(
      [person('1', { birthYear: 1985, sex: 'male' })],
      [person('1', { birthYear: 1986, sex: 'female', fullName: 'Muhammad Ahmad al-Hasan' })],
    );
    expect(diff.changed[0].fields).toEqual(['fullName', 'sex', 'birthYear']);
  });

  it('handles empty lists', () => {
    expect(diffLists([], [person('1')])).toMatchObject({ added: [{ ref: '1' }], removed: [], unchanged: 0 });
    expect(diffLists([person('1')], [])).toMatchObject({ added: [], removed: [{ ref: '1' }] });
  });
});
