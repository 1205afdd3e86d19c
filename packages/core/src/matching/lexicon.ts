/**
 * The name lexicon: Latin spellings of names → their Arabic spelling, and how common each
 * Arabic name is, learnt from real aligned pairs (Wikidata, data/names/).
 *
 * It gives the matcher a common key across scripts for names it has seen (Mohamed,
 * Mohammed, Muhammad, Mehmet → محمد) and the information the phonetic code cannot have
 * (Hasan → حسن but Hussein → حسين; Said → سعيد or سيد). Rows are tokenised exactly as names
 * on lists are (name-parts.ts), so "Abdulrahman ↔ عبدالرحمن" teaches "rahman ↔ رحمن"; a row
 * whose two sides do not sound alike (Wikidata alignments sometimes pair a name with the
 * wrong word) is left out. Pure: the caller reads the file (server/src/matching/lexicon-file.ts).
 */
import { foldArabic } from './arabic.ts';
import { tokenizeName } from './name-parts.ts';
import { arabicCode, codeDistance, consonantCount, latinCode } from './phonetic.ts';

export interface LexiconEntry {
  /** Folded Arabic spellings (foldArabic), most frequent first. */
  forms: string[];
  /** How often each form was seen with this Latin spelling. */
  counts: number[];
}

export interface Lexicon {
  /** Latin token (as the tokeniser writes it: lower case, no article, no accents) → Arabic forms. */
  latin: Map<string, LexiconEntry>;
  /** Folded Arabic spelling → how many aligned names carried it. */
  arabic: Map<string, number>;
  /** Sum of `arabic` over names written with letters only Arabic names use (a prior's denominator). */
  arabicTotal: number;
  /**
   * Place names in Latin letters (placeKey) → their Arabic name, from the gazetteer
   * (withPlaceNames). "Aleppo" and "حلب" share no sound: without this a place of birth
   * written in the other script would count as a conflict.
   */
  places?: Map<string, string>;
}

/** A form is kept for a Latin spelling when it has this share of the spelling's pairs… */
const MIN_SHARE = 0.1;
/** …and its sound is within this distance (plus a little per consonant) of the Latin. */
const MAX_DISTANCE = 0.9;
const EXTRA_PER_CONSONANT = 0.15;
/** Letters found in Arabic names and hardly in transliterated foreign ones (غ is in Graham). */
const ARABIC_ONLY = /[حخعصضطظقثذ]/;

/**
 * Parses the lexicon file: tab-separated `latin`, `arabic letters separated by spaces`,
 * `count`, one pair per line. Lines that do not have that shape are skipped.
 */
export function parseLexicon(tsvText: string): Lexicon {
  const pairs = new Map<string, Map<string, number>>();
  for (const line of tsvText.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 3) continue;
    const count = Number(cols[2]);
    if (!Number.isFinite(count) || count <= 0) continue;
    const lt = tokenizeName(cols[0]);
    const at = tokenizeName(cols[1].replace(/ /g, ''));
    if (lt.length === 0 || lt.length !== at.length) continue;
    let aligned = true;
    for (let i = 0; i < lt.length; i++) if ((lt[i].particle ?? '') !== (at[i].particle ?? '') || lt[i].script !== 'l' || at[i].script !== 'a') aligned = false;
    if (!aligned) continue;
    for (let i = 0; i < lt.length; i++) {
      if (lt[i].particle) continue;
      const latin = lt[i].text.replace(/'/g, '');
      const arabic = foldArabic(at[i].text);
      if (latin.length < 2 || arabic.length < 2) continue;
      const lc = latinCode(latin);
      const ac = arabicCode(arabic);
      const limit = MAX_DISTANCE + EXTRA_PER_CONSONANT * Math.max(0, consonantCount(ac) - 3);
      if (codeDistance(lc, ac, limit + 0.01) > limit) continue;
      let m = pairs.get(latin);
      if (!m) pairs.set(latin, (m = new Map()));
      m.set(arabic, (m.get(arabic) ?? 0) + count);
    }
  }
  const latin = new Map<string, LexiconEntry>();
  const arabic = new Map<string, number>();
  let arabicTotal = 0;
  for (const [l, m] of pairs) {
    const sorted = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const total = sorted.reduce((s, [, c]) => s + c, 0);
    const kept = sorted.filter(([, c], i) => i === 0 || c >= MIN_SHARE * total);
    latin.set(l, { forms: kept.map(([f]) => f), counts: kept.map(([, c]) => c) });
    for (const [f, c] of sorted) {
      arabic.set(f, (arabic.get(f) ?? 0) + c);
      if (ARABIC_ONLY.test(f)) arabicTotal += c;
    }
  }
  return { latin, arabic, arabicTotal: Math.max(arabicTotal, 1) };
}

/** The key of a place name written in Latin letters: its tokens without articles ("Deir ez-Zor" → "deir zor"); '' for Arabic script. */
export function placeKey(name: string): string {
  const ts = tokenizeName(name);
  if (ts.length === 0 || ts.some((t) => t.script !== 'l')) return '';
  return ts
    .filter((t) => !t.particle)
    .map((t) => t.text.replace(/'/g, ''))
    .join(' ');
}

/**
 * The lexicon with the gazetteer's place names added: `pairs` are [English name, Arabic
 * name], most authoritative first (the first Arabic name given for a Latin name is kept).
 */
export function withPlaceNames(lex: Lexicon, pairs: Iterable<readonly [string, string]>): Lexicon {
  const places = new Map(lex.places ?? []);
  for (const [latin, arabic] of pairs) {
    const key = placeKey(latin);
    if (key && arabic.trim() && !places.has(key)) places.set(key, arabic.trim());
  }
  return { ...lex, places };
}

/** The Arabic name of a place written in Latin letters, when the gazetteer knows it; else the name as given. */
export function placeInArabic(lex: Lexicon, name: string | null | undefined): string | null | undefined {
  if (!name || !lex.places || lex.places.size === 0) return name;
  return lex.places.get(placeKey(name)) ?? name;
}

/** An empty lexicon: the matcher then relies on the phonetic code alone. */
export function emptyLexicon(): Lexicon {
  return { latin: new Map(), arabic: new Map(), arabicTotal: 1 };
}
