/**
 * Place-name normalisation for gazetteer search (C2 "a place from the gazetteer").
 *
 * People type Syrian place names in Arabic with or without hamza, diacritics and ta
 * marbuta, on Persian keyboards, and in Latin in a dozen transliterations ("Deir-ez-Zor",
 * "Dayr az Zawr", "Deir Ezzor"). Search compares three forms of every name, from strict to
 * loose, and ranks a closer agreement higher:
 *
 * - `normalizeName`: the same letters, written one way (case, accents, hamza forms of
 *   alef, ة/ه, ى/ي, Persian code points, digits, punctuation);
 * - `searchKey`: also without the article (al-, el-, as-, ال…), spaces and doubled letters;
 * - `skeletons`: the consonants only, in classes that transliterations do not agree on
 *   (t/d/ط/ض, k/q/ق/ك, j/g/ج/غ…), the same for Arabic and Latin script, so that "Halab"
 *   meets حلب and "Dayr az Zawr" meets "Deir-ez-Zor".
 *
 * Pure string functions, no I/O: the browser uses them for offline search too.
 */

/** Code points that Unicode decomposition does not fold but searchers confuse. */
const FOLD: Record<string, string> = {
  // Arabic: one spelling for letters typed interchangeably.
  ة: 'ه', // ta marbuta is written and read as ha at the end of a word
  ى: 'ي', // alef maqsura / ya
  ٱ: 'ا', // alef wasla
  ٲ: 'ا',
  ٳ: 'ا',
  ۀ: 'ه',
  // Persian and Urdu keyboards: their ya, kaf and heh are other code points.
  ی: 'ي',
  ې: 'ي',
  ے: 'ي',
  ک: 'ك',
  ڪ: 'ك',
  گ: 'ك',
  ە: 'ه',
  ہ: 'ه',
  ھ: 'ه',
  // Letters used for foreign sounds in Levantine writing.
  پ: 'ب',
  چ: 'ج',
  ڤ: 'ف',
  ژ: 'ز',
  // Latin letters without a decomposition.
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
};

const FOLDED = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');

/** Removed without a trace: hamza on the line, tatweel, the replacement character, joiners, bidi marks. */
const DROP = /[\u0621\u0640\u0674\uFFFD\u200B-\u200F\u061C\u2066-\u2069]/g;
/** Apostrophes and the marks transliterations use for ʿayn and hamza: "Dar'a" is "Dara". */
const APOSTROPHES = /['’‘ʼʻʿʾ`´′]/g;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** ٠–٩ start at U+0660, the Persian ۰–۹ at U+06F0. */
function digitValue(d: string): number {
  const cp = d.codePointAt(0)!;
  return cp >= 0x06f0 ? cp - 0x06f0 : cp - 0x0660;
}

/** True when the text contains Arabic-script letters (Arabic, Persian, Urdu…). */
export function isArabicScript(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/**
 * One way of writing a name: lower case, no accents or Arabic diacritics, hamza forms of
 * alef as bare alef, ؤ→و, ئ→ي, ة→ه, ى→ي, Persian ی/ک as Arabic, Arabic-Indic digits as
 * 0–9, apostrophes dropped, any other punctuation as one space.
 */
export function normalizeName(text: string): string {
  return (
    text
      // NFKD splits أ إ آ ؤ ئ into a base letter and a hamza or madda mark, folds
      // presentation forms (ﻻ, ﺣ…) and full-width letters; the marks are then dropped.
      .normalize('NFKD')
      .toLowerCase()
      .replace(/\p{M}/gu, '')
      .replace(DROP, '')
      .replace(ARABIC_INDIC_DIGITS, (d) => String(digitValue(d)))
      .replace(FOLDED, (c) => FOLD[c])
      .replace(APOSTROPHES, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * The definite article written as its own word. Latin transliterations assimilate it to
 * the sun letters (ad-, ar-, as-, ash-, at-, ath-, az-, an-) and write it with e or a.
 */
const ARTICLES = new Set([
  'ال',
  'al',
  'el',
  'il',
  'ul',
  'ad',
  'ed',
  'adh',
  'edh',
  'ar',
  'er',
  'as',
  'es',
  'ash',
  'esh',
  'at',
  'et',
  'ath',
  'eth',
  'az',
  'ez',
  'an',
  'en',
]);

/** The article attached to its word: "Elhomor", "Alraqqa", "Arraqqa", "Ezzor", "الرقه". */
function stripAttachedArticle(word: string): string {
  if (word.startsWith('ال') && word.length >= 3) return word.slice(2);
  // Assimilated: a vowel and a doubled sun letter ("arraqqa" → "raqqa").
  const sun = /^[ae]([dlnrstz])\1(.{2,})$/.exec(word);
  if (sun) return sun[1] + sun[2];
  // al/el before a consonant, keeping short words ("alma") and vowels ("aleppo") whole.
  const al = /^[ae]l([^aeiou\d].{2,})$/.exec(word);
  if (al) return al[1];
  return word;
}

/** The words of a normalised name without articles (kept when the name is nothing else). */
export function contentWords(normalized: string): string[] {
  const words = normalized.split(' ').filter(Boolean);
  const kept = words.filter((w) => !ARTICLES.has(w));
  return (kept.length > 0 ? kept : words).map(stripAttachedArticle);
}

/** Latin final "ah"/"eh" is ta marbuta: "Raqqah" is "Raqqa", "Hamah" is "Hama". */
function dropFinalH(word: string): string {
  return /[aeiou]h$/.test(word) ? word.slice(0, -1) : word;
}

const collapseRuns = (s: string) => s.replace(/(.)\1+/gu, '$1');

/**
 * The loose key of a list of content words: joined without spaces, final -h of ta
 * marbuta dropped, doubled letters single ("Ar-Raqqah", "Raqqa" and "raqa" are one key).
 */
export function keyOfWords(words: readonly string[]): string {
  return collapseRuns(words.map(dropFinalH).join(''));
}

/** `searchKey(normalizeName(x))`: the key of a name or a query. */
export function searchKey(normalized: string): string {
  return keyOfWords(contentWords(normalized));
}

/*
 * Consonant skeletons. Every letter maps to a class symbol, vowels (and the letters that
 * transliterations render as vowels: ا و ي ع, w, y) to '.', which is removed after
 * adjacent equal symbols are merged, so that shadda, "tt" and "t" agree but the two z of
 * "Azaz" stay two.
 */
const LATIN_DIGRAPHS: [string, string][] = [
  ['sch', 'S'],
  ['sh', 'S'],
  ['ch', 'S'],
  ['kh', 'X'],
  ['gh', 'j'],
  ['dj', 'j'],
  ['th', 't'],
  ['dh', 't'],
  ['ph', 'f'],
  ['ck', 'k'],
];
/** Letters a digraph can start with: the others skip the digraph search. */
const DIGRAPH_FIRST = new Set(LATIN_DIGRAPHS.map(([d]) => d[0]));
const LATIN: Record<string, string> = {
  a: '.',
  e: '.',
  i: '.',
  o: '.',
  u: '.',
  y: '.',
  w: '.',
  b: 'b',
  p: 'b',
  t: 't',
  d: 't',
  s: 's',
  z: 'z',
  c: 'k',
  k: 'k',
  q: 'k',
  g: 'j',
  j: 'j',
  x: 'ks',
  f: 'f',
  v: 'f',
  h: 'h',
  l: 'l',
  m: 'm',
  n: 'n',
  r: 'r',
};
const ARABIC: Record<string, string> = {
  ا: '.',
  و: '.',
  ي: '.',
  ع: '.',
  ب: 'b',
  ت: 't',
  ط: 't',
  د: 't',
  ض: 't',
  ذ: 't',
  ث: 't',
  ز: 'z',
  ظ: 'z',
  س: 's',
  ص: 's',
  ش: 'S',
  ج: 'j',
  غ: 'j',
  ق: 'k',
  ك: 'k',
  خ: 'X',
  ح: 'h',
  ه: 'h',
  ف: 'f',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ر: 'r',
};

/**
 * Class symbols of one word; several when the spelling is ambiguous. Arabic word-final ه
 * is mostly ta marbuta: silent at the end of a name, but before another word it is read
 * "t" in a construct ("معرة النعمان", Ma'arrat an-Nu'man) and not after an adjective
 * ("الغارية الشرقية"), so both readings are kept.
 */
function wordSymbols(word: string, last: boolean): string[] {
  let out = '';
  let finalHa: string[] | null = null;
  for (let i = 0; i < word.length; ) {
    const c = word[i];
    const digraph = DIGRAPH_FIRST.has(c) ? LATIN_DIGRAPHS.find(([d]) => word.startsWith(d, i)) : undefined;
    if (digraph) {
      out += digraph[1];
      i += digraph[0].length;
      continue;
    }
    if (c === 'ه' && i === word.length - 1 && word.length > 1) finalHa = last ? ['.'] : ['t', '.'];
    else if (c === 'h' && i === word.length - 1 && i > 0 && /[aeiou]/.test(word[i - 1])) out += '.';
    else out += LATIN[c] ?? ARABIC[c] ?? (/\d/.test(c) ? c : '');
    i++;
  }
  return finalHa ? finalHa.map((f) => out + f) : [out];
}

/** At most this many variants per name: ambiguity multiplies, a long name stops branching. */
const MAX_VARIANTS = 8;

/**
 * The consonant skeletons of a list of content words (usually one; more when an Arabic
 * spelling has two readings). Empty strings when the words have no consonant.
 */
export function skeletonsOfWords(words: readonly string[]): string[] {
  let acc = [''];
  words.forEach((word, i) => {
    const options = wordSymbols(word, i === words.length - 1);
    const next: string[] = [];
    for (const a of acc) for (const o of options) if (next.length < MAX_VARIANTS) next.push(a + o);
    acc = next;
  });
  return [...new Set(acc.map((s) => collapseRuns(s).replace(/\./g, '')))];
}

/** `skeletonsOfWords(contentWords(normalizeName(x)))` in one call. */
export function skeletons(text: string): string[] {
  return skeletonsOfWords(contentWords(normalizeName(text)));
}
