/**
 * A common representation of Arabic-script and Latin-script names, and a distance on it.
 *
 * Each name token becomes a short code of sound symbols, the same alphabet for both
 * scripts: consonant classes (ح and h are H, خ and kh are X, ث and th are TH…), vowels
 * (Latin a e i o u, long vowels written aa ee ou, Arabic ا و ي), the glottal ʿayn/hamza,
 * and the final ta marbuta. A weighted edit distance then compares two codes with costs
 * that know how transliteration goes wrong or varies:
 *
 * - Arabic script leaves short vowels out, so a Latin short vowel costs almost nothing
 *   against Arabic, but an Arabic long vowel (حسين's ي) must find a Latin vowel of its
 *   class: "Hasan" is near حسن and not near حسين;
 * - letters transliterated interchangeably are cheap to swap (ق q/k/g, ج j/g, ث th/s/t,
 *   ذ dh/z/d, د d/t as in Turkish Mehmet);
 * - ʿayn (ع, ') and the final ta marbuta (ة, -a/-ah/-eh/-e) are cheap to lose.
 *
 * `blockingSkeleton` (in phonetic-code.ts, with the letter tables) is the coarse form of
 * a code (consonant classes merged further, vowels and weak letters dropped): blocking
 * keys are built from it, so that spellings the distance would accept land in the same
 * block.
 *
 * Costs were set by hand from transliteration practice and checked against the Wikidata
 * pairs (phonetic.test.ts); they are the only tunable part of this file. One invariant is
 * relied on (compare.ts, upperBound): every swap or loss cheaper than PHONETIC_MAX (0.36)
 * stays within one blocking class, so two spellings of one name share a skeleton.
 */

import { type Code, isConsonant, isVowel, N_SYM, SYM } from './phonetic-code.ts';

// Reading letters into codes is in phonetic-code.ts; its functions are exported from here too,
// so that the matching code imports everything phonetic from one path.
export { arabicCode, blockingSkeleton, type Code, consonantCount, latinCode, latinCodes, SYM } from './phonetic-code.ts';

const S = SYM;

// ---------------------------------------------------------------------------------------
// Costs. Three tables: Latin against Arabic, Latin against Latin, Arabic against Arabic.

/** Consonants transliterated for one another, and what swapping them costs. */
const NEAR: [number, number, number][] = [
  [S.T, S.D, 0.3],
  [S.T, S.TH, 0.25],
  [S.D, S.DH, 0.25],
  [S.TH, S.DH, 0.25],
  [S.TH, S.S, 0.3],
  [S.DH, S.Z, 0.25],
  [S.D, S.Z, 0.5],
  [S.S, S.Z, 0.5],
  [S.S, S.SH, 0.5],
  [S.J, S.G, 0.25],
  [S.G, S.Q, 0.3],
  [S.Q, S.K, 0.15],
  [S.G, S.K, 0.35],
  [S.J, S.K, 0.6],
  [S.G, S.X, 0.5],
  [S.H, S.X, 0.45],
  [S.K, S.X, 0.5],
  [S.F, S.W, 0.5],
  [S.B, S.F, 0.7],
  [S.J, S.Y, 0.6],
  [S.J, S.SH, 0.6],
  [S.GL, S.Q, 0.6],
  [S.GL, S.H, 0.7],
  [S.W, S.Y, 0.7],
  [S.HF, S.H, 0],
  [S.HF, S.T, 0.4],
  [S.GL, S.W, 0.5],
  [S.GL, S.Y, 0.5],
  [S.HF, S.Y, 0.3],
  [S.HF, S.GL, 0.3],
  [S.HL, S.HF, 0],
  [S.HL, S.H, 0],
  [S.HL, S.X, 0.45],
  [S.HL, S.GL, 0.3],
];

/** Vowel-like symbols and how they sound: [a-ness, i-ness, u-ness] of 0 (is) to 1 (is not). */
type VowelClass = 'a' | 'i' | 'u' | 'e' | 'any' | 'ai' | 'y' | 'w' | 'gl' | 'hf';
const VOWEL_CLASS: Record<number, VowelClass> = {
  [S.A]: 'a',
  [S.AL]: 'a',
  [S.AR]: 'a',
  [S.E]: 'e',
  [S.I]: 'i',
  [S.IL]: 'i',
  [S.U]: 'u',
  [S.UL]: 'u',
  [S.AW]: 'any',
  [S.AIF]: 'ai',
  [S.Y]: 'y',
  [S.W]: 'w',
  [S.GL]: 'gl',
  [S.HF]: 'hf',
};
/** Symbols that are neither a plain consonant nor a vowel but may stand for either. */
const HALF: Record<number, true> = { [S.W]: true, [S.Y]: true, [S.GL]: true, [S.HF]: true, [S.HL]: true };

/** Cost of reading one vowel-like symbol as another. */
function vowelCost(a: VowelClass, b: VowelClass): number {
  if (a === b) return 0;
  if (a === 'any' || b === 'any') return 0;
  if (a === 'gl' || b === 'gl') {
    const o = a === 'gl' ? b : a;
    return o === 'y' || o === 'w' ? 0.5 : o === 'hf' ? 0.3 : 0.05;
  }
  const pair = (x: VowelClass, y: VowelClass) => (a === x && b === y) || (a === y && b === x);
  if (pair('a', 'e') || pair('i', 'e')) return 0.1;
  if (pair('ai', 'a') || pair('ai', 'i') || pair('ai', 'e') || pair('ai', 'y')) return 0;
  if (pair('ai', 'u')) return 0.35;
  if (pair('y', 'i')) return 0;
  // A short e is rarely a written ي (Majed ماجد, not مجيد).
  if (pair('y', 'e')) return 0.25;
  if (pair('y', 'a')) return 0.45;
  if (pair('y', 'u')) return 0.5;
  if (pair('w', 'u')) return 0;
  if (pair('w', 'a') || pair('w', 'e')) return 0.45;
  if (pair('w', 'i') || pair('w', 'ai')) return 0.5;
  if (pair('y', 'w')) return 0.7;
  if (pair('hf', 'a') || pair('hf', 'e') || pair('hf', 'ai')) return 0;
  if (pair('hf', 'i')) return 0.2;
  if (pair('hf', 'u')) return 0.3;
  if (pair('hf', 'y')) return 0.3;
  if (pair('hf', 'w')) return 0.5;
  if (pair('e', 'u')) return 0.3;
  return 0.35; // a/i, a/u, i/u
}

const LATIN_SHORT = new Set<number>([S.A, S.E, S.I, S.U]);
const LATIN_LONG = new Set<number>([S.AL, S.IL, S.UL]);

/** What dropping a symbol costs, by its script and the script of the other side. */
function deleteCost(s: number, own: 'a' | 'l', other: 'a' | 'l'): number {
  if (s === S.GL) return 0.1;
  if (s === S.HF || s === S.HL) return 0.15;
  // An Arabic word-initial alef is a letter (أسعد is not سعد), though a carrier for Latin's vowel.
  if (s === S.AW) return other === 'a' ? 0.6 : 0.4;
  if (own === 'l' && LATIN_SHORT.has(s)) return other === 'a' ? 0.02 : 0.3;
  // French writes any u as ou (Youssouf for يوسف); ee, ii and diphthongs are long i.
  if (own === 'l' && LATIN_LONG.has(s)) return other === 'a' ? (s === S.UL ? 0.15 : 0.4) : 0.3;
  if (s === S.AR) return other === 'l' ? 0.45 : 0.5;
  if (s === S.AIF) return other === 'l' ? 0.35 : 0.4;
  if (s === S.W || s === S.Y) return own === 'a' ? 0.5 : 0.4;
  if (s === S.H) return 0.6;
  return 1;
}

function substituteCost(a: number, b: number): number {
  if (a === b) return 0;
  // Latin final h: against a vowel-like symbol it reads as ta marbuta or nothing.
  if (a === S.HL || b === S.HL) {
    const o = a === S.HL ? b : a;
    if (HALF[o] || isConsonant(o)) return nearCost(a, b);
    return 1;
  }
  const va = VOWEL_CLASS[a];
  const vb = VOWEL_CLASS[b];
  if (va !== undefined && vb !== undefined) return vowelCost(va, vb);
  if (isVowel(a) || isVowel(b)) return 1; // a vowel against a consonant: a wrong letter
  return nearCost(a, b);
}

function nearCost(a: number, b: number): number {
  for (const [x, y, c] of NEAR) if ((x === a && y === b) || (x === b && y === a)) return c;
  return 1;
}

function table(ownA: 'a' | 'l', ownB: 'a' | 'l') {
  const sub = new Float32Array(N_SYM * N_SYM);
  const delA = new Float32Array(N_SYM);
  const delB = new Float32Array(N_SYM);
  for (let a = 1; a < N_SYM; a++) {
    delA[a] = deleteCost(a, ownA, ownB);
    delB[a] = deleteCost(a, ownB, ownA);
    for (let b = 1; b < N_SYM; b++) sub[a * N_SYM + b] = Math.min(substituteCost(a, b), delA[a] + deleteCost(b, ownB, ownA));
  }
  return { sub, delA, delB };
}

const LA = table('l', 'a');
const LL = table('l', 'l');
const AA = table('a', 'a');

const MAX_LEN = 64;
/** Two neighbouring letters typed in the wrong order ("مراد" for "رماد", "Hsaan"). */
const TRANSPOSE = 0.7;
const INITIAL_VOWEL_DELETE = 0.6;
const rowPrev2 = new Float32Array(MAX_LEN + 1);
const rowPrev = new Float32Array(MAX_LEN + 1);
const rowCur = new Float32Array(MAX_LEN + 1);

/**
 * Weighted edit distance between two codes (0 = the same sound; a wrong consonant costs
 * about 1; two neighbours swapped 0.7). Stops early and answers `limit` when the distance
 * is sure to exceed it.
 */
export function codeDistance(x: Code, y: Code, limit = Infinity): number {
  let a = x;
  let b = y;
  // Latin against Arabic: the Latin code on the first axis.
  if (a.charCodeAt(0) === 97 && b.charCodeAt(0) === 108) {
    a = y;
    b = x;
  }
  const t = a.charCodeAt(0) === 108 ? (b.charCodeAt(0) === 97 ? LA : LL) : AA;
  const n = Math.min(a.length - 1, MAX_LEN);
  const m = Math.min(b.length - 1, MAX_LEN);
  const { sub, delA, delB } = t;
  let prev2 = rowPrev2;
  let prev = rowPrev;
  let cur = rowCur;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1] + delB[b.charCodeAt(j)];
  const latinVsArabic = t === LA;
  for (let i = 1; i <= n; i++) {
    const sa = a.charCodeAt(i);
    // Arabic writes a word-initial vowel (ا ع أ): a Latin one cannot be dropped against it;
    // nor a final -i, the ي of Jabouri, Halabi.
    const da = latinVsArabic && ((i === 1 && LATIN_SHORT.has(sa)) || (i === n && i > 2 && (sa === S.I || sa === S.IL))) ? INITIAL_VOWEL_DELETE : delA[sa];
    const base = sa * N_SYM;
    cur[0] = prev[0] + da;
    let best = cur[0];
    for (let j = 1; j <= m; j++) {
      const sb = b.charCodeAt(j);
      let v = prev[j - 1] + sub[base + sb];
      const del = prev[j] + da;
      if (del < v) v = del;
      const ins = cur[j - 1] + delB[sb];
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && sa !== sb && sa === b.charCodeAt(j - 1) && a.charCodeAt(i - 1) === sb) {
        const tr = prev2[j - 2] + TRANSPOSE;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > limit) return limit;
    const tmp = prev2;
    prev2 = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[m];
}

/**
 * How long a name is, for how close two spellings must be: consonants, ʿayn, w/y and long
 * vowels count 1, Latin short vowels ½ (Arabic script does not write them).
 */
export function codeSize(code: Code): number {
  let n = 0;
  for (let i = 1; i < code.length; i++) n += LATIN_SHORT.has(code.charCodeAt(i)) ? 0.5 : 1;
  return n;
}
