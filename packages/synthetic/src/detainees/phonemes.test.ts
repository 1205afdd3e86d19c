import { describe, expect, it } from 'vitest';
import { align } from './phonemes.ts';

describe('aligning an Arabic spelling with a Latin one', () => {
  it('reads consonants and long vowels from the Arabic, short vowels and doubling from the Latin', () => {
    expect(align('محمد', 'muhammad')?.phon).toBe('muħammad');
    expect(align('فاطمة', 'fatima')?.phon).toBe('fAṭim@');
    expect(align('حسين', 'husayn')?.phon).toBe('ħusayn');
    expect(align('حسين', 'hussein')?.phon).toBe('ħussayn'); // ei read as a diphthong
    expect(align('عثمان', 'uthman')?.phon).toBe('ʕuθmAn'); // ع written with nothing
    expect(align('سعد', 'saad')?.phon).toBe('saʕd'); // ع written as a vowel
    expect(align('إبراهيم', 'ibrahim')?.phon).toBe("'ibrAhIm");
  });

  it('reads the article, written or assimilated or dropped', () => {
    expect(align('الحلبي', 'alhalabi', { article: true })).toMatchObject({ phon: '^ħalabI', latinArticle: true });
    expect(align('الحلبي', 'halabi', { article: true })).toMatchObject({ phon: '^ħalabI', latinArticle: false });
    expect(align('الرحمن', 'arrahman', { article: true })).toMatchObject({ phon: '^raħman', latinArticle: true });
    expect(align('الدين', 'eddine', { article: true })?.phon).toBe('^dIn');
  });

  it('rejects spellings of other names', () => {
    expect(align('محمد', 'morocco')).toBeNull();
    expect(align('محمد', 'mehmet', { maxCost: 2 })).toBeNull();
    expect(align('الدين', 'dean', { article: true, maxCost: 2 })).toBeNull();
  });

  it('reads Kurdish vowels', () => {
    expect(align('هوزان', 'hozan', { kurdish: true })?.phon).toBe('hOzAn');
  });
});
