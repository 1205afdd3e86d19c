/**
 * Arabic-script spellings as clerks type or write them: hamza seats dropped or swapped
 * (أحمد/احمد/إحمد), ta marbuta as ha (فاطمة/فاطمه), alif maqsura and ya confused (مصطفى/
 * مصطفي, علي/على), ئ and ؤ flattened (رائد/رايد), final hamza dropped (أسماء/أسما), عبد and
 * الدين joined or split (عبد الرحمن/عبدالرحمن), a plene alif (الرحمان, داوود), stray
 * diacritics and tatweel, Persian keyboard code points (ی ک), invisible joiners, Kurdish
 * spellings (ڤ ۆ ێ), and Arabic-Indic digits.
 *
 * Habits are drawn once per clerk, so a list is consistent the way a real one is; the
 * per-token probabilities around them follow name-matching.md §5. These are spelling
 * conventions, not errors: they do not count as corruptions.
 */
import type { NameToken } from './name-pool.ts';
import type { Rng } from '../random.ts';

export interface ArabicHabits {
  /** Bare alif for أ إ آ. */
  hamzaDrop: number;
  /** ه for final ة. */
  taMarbutaAsHa: number;
  /** ي for final ى (and, less often, ى for final ي). */
  alifMaqsura: number;
  /** ي/و/ء for ئ and ؤ, final hamza dropped. */
  hamzaSeat: number;
  /** عبدالرحمن, نورالدين written as one word. */
  joinCompounds: number;
  /** A long vowel the standard spelling leaves out: الرحمان, داوود, يحيا. */
  plene: number;
  tashkeel: number;
  tatweel: number;
  /** Persian ی and ک code points (a Persian or Kurdish keyboard), per record. */
  persianKeyboard: number;
  /** Zero-width non-joiner or a right-to-left mark slipped in. */
  invisible: number;
  /** Kurdish spelling of a Kurdish name (ڤ ۆ ێ). */
  kurdishSpelling: number;
  /** Arabic-Indic digits in numbers. */
  indicDigits: number;
}

/** Draws a clerk's habits: most drop some hamzas, some never write ة, a few use a Persian keyboard. */
export function drawArabicHabits(rng: Rng): ArabicHabits {
  return {
    hamzaDrop: rng.pick([0.05, 0.3, 0.3, 0.6]),
    taMarbutaAsHa: rng.pick([0.02, 0.15, 0.2, 0.5]),
    alifMaqsura: rng.pick([0.02, 0.15, 0.2, 0.5]),
    hamzaSeat: rng.pick([0.05, 0.2, 0.4]),
    joinCompounds: rng.pick([0.1, 0.4, 0.8]),
    plene: rng.pick([0.02, 0.08, 0.15]),
    tashkeel: rng.pick([0, 0.05, 0.05, 0.12]),
    tatweel: rng.pick([0, 0.02, 0.02, 0.06]),
    persianKeyboard: rng.pick([0.01, 0.03, 0.05, 0.15]),
    invisible: rng.pick([0, 0.01, 0.03]),
    kurdishSpelling: rng.pick([0.2, 0.5, 0.8]),
    indicDigits: rng.pick([0.1, 0.3, 0.6]),
  };
}

const PLENE: Record<string, string> = {
  الرحمن: 'الرحمان',
  داود: 'داوود',
  طه: 'طاها',
  إسحق: 'إسحاق',
  يحيى: 'يحيا',
  لقمن: 'لقمان',
  هشام: 'هيشام',
};

const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0652'];
const SHADDA = '\u0651';
/** Letters that join to the next one (where tatweel may stretch them). */
const JOINING = new Set([...'بتثجحخسشصضطظعغفقكلمنهيئ']);

function hamzaDrop(word: string, p: number, rng: Rng): string {
  let w = word;
  if (/^[أإآ]/.test(w) && rng.chance(p)) w = 'ا' + w.slice(1);
  else if (/^[أإ]/.test(w) && rng.chance(p * 0.15)) w = (w[0] === 'أ' ? 'إ' : 'أ') + w.slice(1); // the wrong seat
  // After the article: الأحمد / الاحمد / الإبراهيم / الابراهيم.
  if (/^ال[أإآ]/.test(w) && rng.chance(p)) w = 'الا' + w.slice(3);
  if (/.[أ]/.test(w) && rng.chance(p * 0.7)) w = w.replace(/(.)أ/, '$1ا'); // مأمون / مامون
  return w;
}

function seats(word: string, p: number, rng: Rng): string {
  let w = word;
  if (w.includes('ئ') && rng.chance(p)) w = w.replace('ئ', rng.chance(0.8) ? 'ي' : 'ء'); // رائد / رايد
  if (w.includes('ؤ') && rng.chance(p)) w = w.replace('ؤ', rng.chance(0.8) ? 'و' : 'ء'); // مؤيد / مويد
  if (/اء$/.test(w) && rng.chance(p * 0.6)) w = w.slice(0, -1); // أسماء / أسما
  return w;
}

function finals(word: string, h: ArabicHabits, rng: Rng): string {
  let w = word;
  if (w.endsWith('ة') && rng.chance(h.taMarbutaAsHa)) w = w.slice(0, -1) + 'ه';
  else if (w.endsWith('ه') && w.length > 2 && rng.chance(h.taMarbutaAsHa * 0.1)) w = w.slice(0, -1) + 'ة';
  if (w.endsWith('ى')) {
    if (rng.chance(h.alifMaqsura)) w = w.slice(0, -1) + 'ي';
    else if (rng.chance(h.plene * 0.5)) w = w.slice(0, -1) + 'ا'; // مصطفا, موسا
  } else if (w.endsWith('ي') && rng.chance(h.alifMaqsura * 0.25)) w = w.slice(0, -1) + 'ى'; // على
  return w;
}

function decorate(word: string, h: ArabicHabits, rng: Rng): string {
  let w = word;
  const letters = [...w];
  if (letters.length > 2 && rng.chance(h.tashkeel)) {
    const k = 1 + rng.int(letters.length - 1);
    letters[k] += rng.chance(0.5) ? SHADDA : rng.pick(HARAKAT);
    w = letters.join('');
  }
  if (rng.chance(h.tatweel)) {
    const ls = [...w];
    const spots = ls.map((c, i) => (JOINING.has(c) && i < ls.length - 1 ? i : -1)).filter((i) => i >= 0);
    if (spots.length) {
      const k = rng.pick(spots);
      ls[k] += 'ـ';
      w = ls.join('');
    }
  }
  if (rng.chance(h.invisible)) {
    const ls = [...w];
    const k = 1 + rng.int(Math.max(1, ls.length - 1));
    ls.splice(k, 0, rng.chance(0.7) ? '\u200C' : '\u200F');
    w = ls.join('');
  }
  return w;
}

/** Persian code points for ي and ك, as a Persian or Kurdish keyboard types them. */
export function persianKeyboard(text: string): string {
  return text.replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/ى/g, 'ی');
}

/** One word with the clerk's spelling habits. */
export function noisyArabicWord(word: string, h: ArabicHabits, rng: Rng): string {
  let w = PLENE[word] && rng.chance(h.plene) ? PLENE[word] : word;
  w = hamzaDrop(w, h.hamzaDrop, rng);
  w = seats(w, h.hamzaSeat, rng);
  w = finals(w, h, rng);
  return decorate(w, h, rng);
}

/** A name token in Arabic script with the clerk's habits (no typos; see record-noise.ts). */
export function spellArabic(token: NameToken, h: ArabicHabits, rng: Rng, opts: { dropArticle?: boolean } = {}): string {
  let base = token.ar;
  if (token.kurdish && token.arKurdish && rng.chance(h.kurdishSpelling)) base = token.arKurdish;
  let words = base.split(' ');
  if (opts.dropArticle && words[0].startsWith('ال') && words[0].length > 3) words[0] = words[0].slice(2);
  words = words.map((w) => noisyArabicWord(w, h, rng));
  if (words.length === 1) return words[0];
  // عبد الرحمن / عبدالرحمن, نور الدين / نورالدين, أبو زيد / ابوزيد, عبد الله / عبدالله.
  const joinable = token.compound === 'article' || token.compound === 'allah' || (token.compound === 'abu' && rng.chance(0.3));
  const join = joinable && rng.chance(h.joinCompounds);
  return words.join(join ? '' : ' ');
}

const INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';

/** ASCII digits as Arabic-Indic (or, rarely, Persian) digits. */
export function indicDigits(text: string, rng: Rng): string {
  const set = rng.chance(0.1) ? PERSIAN : INDIC;
  return text.replace(/[0-9]/g, (d) => set[Number(d)]);
}
