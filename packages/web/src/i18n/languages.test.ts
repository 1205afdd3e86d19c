import { describe, expect, it } from 'vitest';
import { directionOf, pickLanguage } from './languages.ts';
import { formatter } from './format.ts';

describe('languages', () => {
  it('keeps the remembered choice, else follows the browser, else English', () => {
    expect(pickLanguage('fa', ['en-GB'])).toBe('fa');
    expect(pickLanguage(null, ['de-DE', 'ru-RU', 'en'])).toBe('ru');
    expect(pickLanguage('xx', ['ar-SY'])).toBe('ar');
    expect(pickLanguage(null, ['de'])).toBe('en');
  });

  it('writes Arabic and Persian right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('tr')).toBe('ltr');
    expect(directionOf('unknown')).toBe('ltr');
  });

  it('formats dates in UTC on the Gregorian calendar in every language', () => {
    expect(formatter('en').date('2016-12-29')).toContain('2016');
    expect(formatter('fa').date('2016-12-29')).toMatch(/۲۰۱۶|2016/);
    expect(formatter('en').dateTime('2017-02-16T13:05:00Z')).toContain('13:05');
    expect(formatter('en').dateTime('not a date')).toBe('not a date');
  });
});
