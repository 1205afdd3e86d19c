import { describe, expect, it } from 'vitest';
import { birthOf, personName, scorePercent } from './names.ts';

describe('a person as the screens show it', () => {
  it('prefers the full name, else joins the parts in Arabic order without the mother', () => {
    expect(personName({ fullName: 'محمد أحمد الحسن', givenName: 'x' })).toBe('محمد أحمد الحسن');
    expect(personName({ givenName: 'سامر', fatherName: 'عادل', familyName: 'الحموي' })).toBe('سامر عادل الحموي');
    expect(personName({ fullName: '  ', givenName: 'Rasha', grandfatherName: 'Hassan', familyName: ' Darwish ' })).toBe('Rasha Hassan Darwish');
    expect(personName({ givenName: null, familyName: undefined })).toBe('');
    expect(personName(null)).toBe('');
  });

  it('gives the birth date when known, else the year', () => {
    expect(birthOf({ birthDate: '1985-03-12', birthYear: 1985 })).toBe('1985-03-12');
    expect(birthOf({ birthYear: 1990 })).toBe('1990');
    expect(birthOf({})).toBe('');
  });

  it('writes a score as a percentage in the reader’s digits, never rounding a doubt away', () => {
    expect(scorePercent(0.873, 'en')).toBe('87%');
    expect(scorePercent(0.999, 'en')).toBe('>99%');
    expect(scorePercent(1, 'en')).toBe('100%');
    expect(scorePercent(0.004, 'en')).toBe('<1%');
    expect(scorePercent(0.5, 'ar')).toMatch(/٥٠|50/);
  });
});
