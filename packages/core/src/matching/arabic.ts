/**
 * Arabic-script normalisation for person names.
 *
 * Clerks type the same name with or without hamza on alef (أ إ آ ا), with ة or ه at the
 * end, ى or ي, with or without diacritics and tatweel, on Arabic, Persian or Kurdish
 * keyboards (ی ک ە), and with Arabic-Indic digits in IDs and dates. Two forms come out:
 *
 * - `arabicLetters`: one code point per letter, hamza carriers and marks removed, but the
 *   letters that carry sound information kept (ة, ى, گ, ڤ, پ, چ, ژ): the phonetic code
 *   (phonetic-code.ts) reads this one;
 * - `foldArabic`: also ة→ه, ى→ي and the Persian/Kurdish letters onto the Arabic ones
 *   that sound the same (گ ڤ پ ژ; not چ, "ch", which is no Arabic letter): the spelling key
 *   that two Arabic spellings of one name share.
 *
 * Written for names (not places: see geo/normalize.ts for those).
 */

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** True when the text contains a letter of the Arabic script (Arabic, Persian, Kurdish…). */
export function hasArabic(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/** ٠–٩ (U+0660) and the Persian ۰–۹ (U+06F0) as 0–9. */
export function asciiDigits(text: string): string {
  return text.replace(ARABIC_INDIC_DIGIT, (d) => {
    const cp = d.codePointAt(0)!;
    return String(cp >= 0x06f0 ? cp - 0x06f0 : cp - 0x0660);
  });
}

/** Letters kept apart by `arabicLetters` (they tell the sound) and merged by `foldArabic`. */
const FOLD_KEY: Record<string, string> = {
  ة: 'ه',
  ى: 'ي',
  گ: 'ك',
  ڤ: 'ف',
  پ: 'ب',
  ژ: 'ز',
};
const FOLD_KEY_RE = new RegExp(`[${Object.keys(FOLD_KEY).join('')}]`, 'g');

/** Other code points of the same letter: Persian, Urdu and Kurdish keyboards, alef variants. */
const SAME_LETTER: Record<string, string> = {
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ٵ: 'ا',
  ی: 'ي',
  ې: 'ي',
  ێ: 'ي',
  ے: 'ي',
  ۍ: 'ي',
  ئ: 'ي',
  ک: 'ك',
  ڪ: 'ك',
  ھ: 'ه',
  ہ: 'ه',
  ۀ: 'ه',
  ۃ: 'ة',
  ۆ: 'و',
  ۇ: 'و',
  ۈ: 'و',
  ۋ: 'و',
  ؤ: 'و',
  ڕ: 'ر',
  ڵ: 'ل',
  ڨ: 'ق',
};
const SAME_LETTER_RE = new RegExp(`[${Object.keys(SAME_LETTER).join('')}]`, 'g');

/**
 * Removed without trace: combining marks (tashkeel, shadda, sukun, dagger alef, the hamza
 * and madda marks NFKD splits off أ إ آ ؤ ئ), tatweel, hamza on the line, joiners and bidi
 * controls.
 */
const DROP = /[\p{M}\u0640\u0621\u200B-\u200F\u061C\u2066-\u2069\uFEFF]/gu;

/** The Kurdish vowel ە is a written short vowel: dropped, as Arabic spelling leaves it out. */
const KURDISH_E = /\u06D5/g;

/**
 * Arabic letters of a name, one code point per letter: presentation forms unfolded,
 * hamza carriers to their base letter (أ إ آ ٱ → ا, ؤ → و, ئ → ي; word-initial ئ, a
 * Kurdish vowel carrier, → ا), diacritics and tatweel dropped, digits as 0–9, any other
 * punctuation kept for the tokeniser. Latin letters pass through unchanged.
 */
export function arabicLetters(text: string): string {
  return asciiDigits(
    text
      // Word-initial ئ carries a vowel (Kurdish ئەحمەد, Persian ئیران): an alef.
      .replace(/(^|[^\u0600-\u06FF])\u0626/g, '$1\u0627')
      .normalize('NFKD')
      .replace(DROP, '')
      .replace(KURDISH_E, '')
      .replace(SAME_LETTER_RE, (c) => SAME_LETTER[c]),
  );
}

/** The spelling key of Arabic letters: ة→ه, ى→ي, Persian گ ڤ پ ژ as ك ف ب ز. */
export function foldArabic(letters: string): string {
  return letters.replace(FOLD_KEY_RE, (c) => FOLD_KEY[c]);
}
