/**
 * Text folding for search (issue 16, "Search"): one spelling for what people type
 * interchangeably, so that "معره النعمان" finds "معرّة النّعمان" and "Maarat" finds "Ma'arrat".
 *
 * The fold is a character-for-character table (a character becomes another, or nothing),
 * because the database applies the very same table with SQL `translate()` to build its
 * index (migration 0033 reads FOLD_FROM and FOLD_TO from here): the index and the query are
 * folded alike by construction, and a test runs both over a list of variants. Case is
 * folded by the table too rather than by `lower()`, whose result depends on the database's
 * locale (the embedded engine's is C).
 *
 * Arabic: the hamza forms أ إ آ ٱ → ا, ؤ → و, ئ → ي; ة → ه; ى → ي; Persian ی ک → ي ك;
 * harakat, the superscript alef and tatweel dropped; Arabic-Indic and Persian digits → 0–9.
 * Latin: case, accents (precomposed or combining), Turkish letters, the macrons and dots of
 * transliteration; apostrophes and ʿayn/hamza signs dropped ("Ma'arrat" = "Maarrat").
 * Cyrillic: case, ё → е. Invisible format characters (ZWNJ, LRM…) dropped.
 */

/** [from, to] pairs: every character of `from` becomes the character at the same place in `to`. */
const PAIRS: [string, string][] = [
  // Arabic letters typed interchangeably.
  ['أإآٱ', 'اااا'],
  ['ؤ', 'و'],
  ['ئى', 'يي'],
  ['ةۀ', 'هه'],
  ['یې', 'يي'],
  ['ک', 'ك'],
  ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
  ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
  // Latin: capitals, then accented letters to their base letter.
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'],
  ['ÀÁÂÃÄÅàáâãäåĀāĂăĄą', 'aaaaaaaaaaaaaaaaaa'],
  ['ÇçĆćČč', 'cccccc'],
  ['ĎďĐđḌḍ', 'dddddd'],
  ['ÈÉÊËèéêëĒēĚěĘę', 'eeeeeeeeeeeeee'],
  ['ĞğĢģ', 'gggg'],
  ['ḤḥḪḫ', 'hhhh'],
  ['ÌÍÎÏìíîïĪīİı', 'iiiiiiiiiiii'],
  ['Ññ', 'nn'],
  ['ÒÓÔÕÖØòóôõöøŌō', 'oooooooooooooo'],
  ['ŞşŠšŚśṢṣ', 'ssssssss'],
  ['ŢţŤťṬṭ', 'tttttt'],
  ['ÙÚÛÜùúûüŪūŮů', 'uuuuuuuuuuuu'],
  ['ÝýÿŸ', 'yyyy'],
  ['ŽžŹźŻżẒẓ', 'zzzzzzzz'],
  // Cyrillic capitals (А–Я) and ё.
  ['АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁё', 'абвгдежзийклмнопрстуфхцчшщъыьэюяее'],
];

/** Characters dropped: harakat (U+064B–U+065F), superscript alef, tatweel, combining accents, apostrophes, format marks. */
const DROPPED = [
  range(0x064b, 0x065f),
  '\u0670\u0640',
  range(0x0300, 0x036f),
  "'\u2019\u2018\u02bc\u02bf\u02be`\u00b4",
  '\u200b\u200c\u200d\u200e\u200f\u00ad\u061c',
].join('');

function range(from: number, to: number): string {
  let s = '';
  for (let c = from; c <= to; c++) s += String.fromCharCode(c);
  return s;
}

/** The `from` and `to` of SQL `translate(text, FOLD_FROM, FOLD_TO)`: characters of FOLD_FROM past FOLD_TO's length are removed. */
export const FOLD_FROM = PAIRS.map(([f]) => f).join('') + DROPPED;
export const FOLD_TO = PAIRS.map(([, t]) => t).join('');

const TABLE = new Map<string, string>();
for (const [f, t] of PAIRS) {
  if (f.length !== t.length) throw new Error(`fold pair of unequal length: ${f}`);
  for (let i = 0; i < f.length; i++) TABLE.set(f[i], t[i]);
}
for (const c of DROPPED) TABLE.set(c, '');

/** One character folded: itself, another, or '' when dropped. */
export function foldChar(c: string): string {
  return TABLE.get(c) ?? c;
}

/** The text folded as the index folds it (SQL: truce_search_fold). Every character listed is in the BMP, so UTF-16 units suffice. */
export function fold(text: string): string {
  let out = '';
  for (const c of text) out += TABLE.get(c) ?? c;
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The words of a text once folded: runs of letters and digits (what the index calls a word). */
export function searchWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A word of a text: where it stands in the original text and its folded form. */
export interface WordSpan {
  start: number;
  end: number;
  folded: string;
}

/**
 * The words of the original text with their positions: a character the fold drops (a
 * haraka, an apostrophe) stays inside its word, so "مَعَرَّة" is one word folded to "معره".
 */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let start = -1;
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]);
    const inWord = f === '' ? start >= 0 : WORD_CHAR.test(f);
    if (inWord) {
      if (start < 0) start = i;
      folded += f;
    } else if (start >= 0) {
      spans.push({ start, end: i, folded });
      start = -1;
      folded = '';
    }
  }
  if (start >= 0) spans.push({ start, end: text.length, folded });
  // A word of dropped characters only (a lone apostrophe) is no word.
  return spans.filter((s) => s.folded.length > 0);
}
