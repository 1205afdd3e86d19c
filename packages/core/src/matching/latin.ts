/**
 * Latin-script normalisation for transliterated Arabic names.
 *
 * Transliterations differ in accents (Muḥammad, Mohamed), the marks they use for ʿayn and
 * hamza (ʿAli, 'Ali, `Ali), case (ALASSAD), hyphens (Abd-al-Rahman) and, in chat-style
 * spelling, digits for Arabic letters (Mo7ammed, 3ali). `latinLetters` keeps one spelling
 * of all of these: lower case, no accents, ʿayn/hamza marks as a single apostrophe (the
 * phonetic code reads it as a glottal stop), digits inside words as the letters they stand
 * for. Punctuation other than the apostrophe is left for the tokeniser.
 */

/** Latin letters Unicode decomposition does not fold. */
const LATIN_FOLD: Record<string, string> = {
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'dj',
  ł: 'l',
  þ: 'th',
  ð: 'dh',
  ħ: 'h',
};
const LATIN_FOLD_RE = new RegExp(`[${Object.keys(LATIN_FOLD).join('')}]`, 'g');

/** Marks used for ʿayn and hamza, and apostrophes of every kind. */
const GLOTTAL_MARKS = /['’‘ʼʻʿʾ`´′ʹ]/g;

/** Chat-alphabet digits inside a word of letters: 7 ح, 3 ع, 2 ء, 5 خ, 6 ط, 9 ق. */
const ARABIZI: Record<string, string> = { '7': 'h', '3': "'", '2': "'", '5': 'kh', '6': 't', '9': 'q' };

/**
 * Lower case, accents removed (ḥ ā ö é ç → h a o e c), ʿayn/hamza marks as "'", chat
 * digits inside words as letters. Non-Latin text passes through (lower-cased).
 */
export function latinLetters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(LATIN_FOLD_RE, (c) => LATIN_FOLD[c])
    .replace(GLOTTAL_MARKS, "'")
    .replace(/[a-z0-9']+/g, (w) => (/[a-z]/.test(w) && /[235679]/.test(w) ? w.replace(/[235679]/g, (c) => ARABIZI[c]) : w));
}

/** The spelling key of a Latin token: letters only (the glottal apostrophe dropped). */
export function foldLatin(token: string): string {
  return token.replace(/'/g, '');
}
