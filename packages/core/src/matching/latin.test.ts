import { describe, expect, it } from 'vitest';
import { foldLatin, latinLetters } from './latin.ts';

describe('Latin transliteration normalisation', () => {
  it('lower-cases and drops accents', () => {
    expect(latinLetters('Muḥammad')).toBe('muhammad');
    expect(latinLetters('ABDULRAHMAN')).toBe('abdulrahman');
    expect(latinLetters('Séif')).toBe('seif');
  });

  it('writes every mark for ʿayn and hamza as one apostrophe, dropped in the key', () => {
    expect(latinLetters('ʿAli')).toBe("'ali");
    expect(latinLetters('`Ali')).toBe("'ali");
    expect(foldLatin(latinLetters('Isma’il'))).toBe('ismail');
  });

  it('reads chat-alphabet digits inside words as letters', () => {
    expect(latinLetters('Mo7ammed')).toBe('mohammed');
    expect(latinLetters('3ali')).toBe("'ali");
    expect(latinLetters('1985')).toBe('1985');
  });
});
