import { describe, expect, it } from 'vitest';
import { indicDigits, noisyArabicWord, persianKeyboard, spellArabic, type ArabicHabits } from './arabic-noise.ts';
import { Rng } from '../random.ts';
import { testData } from './test-data.ts';

const NONE: ArabicHabits = {
  hamzaDrop: 0,
  taMarbutaAsHa: 0,
  alifMaqsura: 0,
  hamzaSeat: 0,
  joinCompounds: 0,
  plene: 0,
  tashkeel: 0,
  tatweel: 0,
  persianKeyboard: 0,
  invisible: 0,
  kurdishSpelling: 0,
  indicDigits: 0,
};

function forms(word: string, habits: Partial<ArabicHabits>, n = 200): Set<string> {
  const r = new Rng(7);
  return new Set(Array.from({ length: n }, () => noisyArabicWord(word, { ...NONE, ...habits }, r)));
}

describe('Arabic spelling habits', () => {
  it('leaves a word alone without habits', () => {
    expect(forms('أحمد', {})).toEqual(new Set(['أحمد']));
  });

  it('drops or swaps hamza seats, writes ة as ه, confuses ى and ي, flattens ئ', () => {
    expect(forms('أحمد', { hamzaDrop: 0.5 })).toContain('احمد');
    expect(forms('فاطمة', { taMarbutaAsHa: 0.5 })).toEqual(new Set(['فاطمة', 'فاطمه']));
    expect(forms('مصطفى', { alifMaqsura: 0.5 })).toContain('مصطفي');
    expect(forms('علي', { alifMaqsura: 0.9 })).toContain('على');
    expect(forms('رائد', { hamzaSeat: 0.9 })).toContain('رايد');
    expect(forms('أسماء', { hamzaSeat: 0.9 })).toContain('أسما');
    expect(forms('الرحمن', { plene: 0.5 })).toContain('الرحمان');
  });

  it('adds diacritics, tatweel and invisible marks', () => {
    expect([...forms('محمد', { tashkeel: 1 })].some((w) => /[\u064B-\u0652]/.test(w))).toBe(true);
    expect([...forms('محمد', { tatweel: 1 })].some((w) => w.includes('ـ'))).toBe(true);
    expect([...forms('محمد', { invisible: 1 })].some((w) => /[\u200C\u200F]/.test(w))).toBe(true);
  });

  it('joins or splits compounds and uses Kurdish and Persian letters', () => {
    const { pool } = testData();
    const r = new Rng(3);
    const abd = pool.byKey.get('male:عبد الرحمن')!;
    const written = new Set(Array.from({ length: 100 }, () => spellArabic(abd, { ...NONE, joinCompounds: 0.5 }, r)));
    expect(written).toEqual(new Set(['عبد الرحمن', 'عبدالرحمن']));
    const shivan = pool.byKey.get('male:شفان')!;
    expect(spellArabic(shivan, { ...NONE, kurdishSpelling: 1 }, r)).toBe('شڤان');
    expect(persianKeyboard('علي الكردي')).toBe('علی الکردی');
    expect(indicDigits('0123456789', new Rng(1))).toMatch(/^[٠-٩]{10}$|^[۰-۹]{10}$/);
  });
});
