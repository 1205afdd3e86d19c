import { describe, expect, it } from 'vitest';
import { arabicLetters, asciiDigits, foldArabic, hasArabic } from './arabic.ts';

const key = (s: string) => foldArabic(arabicLetters(s));

describe('Arabic name normalisation', () => {
  it('writes the hamza forms of alef as a bare alef', () => {
    expect(key('أحمد')).toBe('احمد');
    expect(key('إبراهيم')).toBe('ابراهيم');
    expect(key('آمنة')).toBe(key('امنه'));
    expect(key('ٱلأسد')).toBe('الاسد');
  });

  it('folds ta marbuta into ha and alef maqsura into ya for the key, keeps them for the sound', () => {
    expect(key('فاطمة')).toBe(key('فاطمه'));
    expect(key('مصطفى')).toBe(key('مصطفي'));
    expect(arabicLetters('فاطمة')).toBe('فاطمة');
    expect(arabicLetters('مصطفى')).toBe('مصطفى');
  });

  it('drops diacritics, shadda and tatweel', () => {
    expect(key('مُحَمَّد')).toBe('محمد');
    expect(key('محـــمد')).toBe('محمد');
    expect(key('عَبْدُ الرَّحْمٰن')).toBe('عبد الرحمن');
  });

  it('reads Persian and Kurdish keyboard letters as the Arabic ones', () => {
    expect(key('علی')).toBe('علي');
    expect(key('کریم')).toBe('كريم');
    expect(key('شێخموس')).toBe(key('شيخموس'));
    expect(key('ئەحمەد')).toBe('احمد');
  });

  it('turns Arabic-Indic and Persian digits into 0–9', () => {
    expect(asciiDigits('٠٢١٥٨٦٥٤١٥٠')).toBe('02158654150');
    expect(asciiDigits('۱۹۸۵')).toBe('1985');
  });

  it('hamza carriers on waw and ya become the letters', () => {
    expect(key('فؤاد')).toBe('فواد');
    expect(key('رائد')).toBe('رايد');
  });

  it('tells Arabic script from Latin', () => {
    expect(hasArabic('محمد Ali')).toBe(true);
    expect(hasArabic('Mohammed')).toBe(false);
  });
});
