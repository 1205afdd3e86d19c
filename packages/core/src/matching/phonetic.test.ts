import { describe, expect, it } from 'vitest';
import { arabicLetters } from './arabic.ts';
import { latinLetters } from './latin.ts';
import { PHONETIC_MAX } from './compare.ts';
import { arabicCode, blockingSkeleton, codeDistance, latinCode, latinCodes } from './phonetic.ts';

const ar = (s: string) => arabicCode(arabicLetters(s));
const la = (s: string) => latinCode(latinLetters(s));
/** The closest reading of a Latin spelling (digraphs read two ways) to an Arabic one. */
const dist = (latin: string, arabic: string) => Math.min(...latinCodes(latinLetters(latin)).map((c) => codeDistance(c, ar(arabic))));

describe('the cross-script phonetic code', () => {
  it('puts transliterations of a name close to its Arabic spelling', () => {
    for (const [l, a] of [
      ['Muhammad', 'محمد'],
      ['Mohammed', 'محمد'],
      ['Mohamad', 'محمد'],
      ['Mouhamad', 'محمد'],
      ['Hussein', 'حسين'],
      ['Husayn', 'حسين'],
      ['Hasan', 'حسن'],
      ['Fatima', 'فاطمة'],
      ['Fatmeh', 'فاطمة'],
      ['Youssef', 'يوسف'],
      ['Qasim', 'قاسم'],
      ['Kassem', 'قاسم'],
      ['Ghassan', 'غسان'],
      ['Ibrahim', 'ابراهيم'],
      ['Khaled', 'خالد'],
      ['Marwan', 'مروان'],
      ['Walid', 'وليد'],
      ['Saleh', 'صالح'],
      ['Fethy', 'فتحي'],
      ['Ishaq', 'اسحاق'],
      ['Haytham', 'هيثم'],
      ['Raed', 'رائد'],
      ['Fouad', 'فؤاد'],
      ['Aisha', 'عائشة'],
      ['Zeinab', 'زينب'],
      ['Mamdouh', 'ممدوح'],
    ]) {
      expect(dist(l, a), `${l} ~ ${a}`).toBeLessThanOrEqual(PHONETIC_MAX);
    }
  });

  it('keeps names apart that differ by a long vowel or a letter', () => {
    for (const [l, a] of [
      ['Hasan', 'حسين'],
      ['Hussein', 'حسن'],
      ['Saad', 'سعيد'],
      ['Ahmad', 'محمد'],
      ['Muhammad', 'محمود'],
    ]) {
      expect(dist(l, a), `${l} vs ${a}`).toBeGreaterThan(PHONETIC_MAX);
    }
    expect(codeDistance(ar('حسن'), ar('حسين'))).toBeGreaterThan(PHONETIC_MAX);
    expect(codeDistance(ar('محمد'), ar('محمود'))).toBeGreaterThan(PHONETIC_MAX);
  });

  it('does not let a Latin word-initial vowel vanish against Arabic (Ased is not سعيد)', () => {
    expect(dist('Ased', 'سعيد')).toBeGreaterThan(PHONETIC_MAX);
    expect(dist('Ased', 'اسد')).toBeLessThanOrEqual(PHONETIC_MAX);
  });

  it('charges less for a swap of neighbours than for two wrong letters', () => {
    expect(codeDistance(ar('مراد'), ar('رماد'))).toBeLessThan(1);
  });

  it('gives spellings of one name one blocking skeleton', () => {
    const k = blockingSkeleton(ar('محمد'));
    for (const l of ['Muhammad', 'Mohammed', 'Mehmet', 'Mohamad']) expect(blockingSkeleton(la(l))).toBe(k);
    expect(blockingSkeleton(la('Taha'))).toBe(blockingSkeleton(ar('طه')));
    expect(blockingSkeleton(la('Saleh'))).toBe(blockingSkeleton(ar('صالح')));
    expect(blockingSkeleton(la('Monzer'))).toBe(blockingSkeleton(ar('منذر')));
  });
});
