/**
 * Name tokens as codes of sound symbols, one alphabet for Arabic and Latin script
 * (phonetic.ts explains the scheme and holds the distance on these codes). Split from the
 * distance because this half is about reading letters (which letters make which sound, per
 * script) and the other about costs; the blocking skeleton and consonantCount live here as
 * they read a code and know nothing of costs.
 */

// Sound symbols. Values are small integers stored as the characters of a code string.
export const SYM = {
  B: 1,
  T: 2,
  D: 3,
  TH: 4,
  DH: 5,
  S: 6,
  Z: 7,
  SH: 8,
  J: 9,
  G: 10,
  Q: 11,
  K: 12,
  H: 13,
  X: 14,
  F: 15,
  L: 16,
  M: 17,
  N: 18,
  R: 19,
  /** و: the consonant w or a long u/o. */
  W: 20,
  /** ي: the consonant y or a long i/ee. */
  Y: 21,
  /** ʿayn or hamza: ع ء, an apostrophe in Latin. */
  GL: 22,
  /** Arabic word-final ة or ه: read -a, -ah, -eh, -e or nothing. */
  HF: 23,
  /** Latin word-final h after a vowel: ta marbuta (-ah, -eh) or a real ح/ه (Saleh, Sabah). */
  HL: 24,
  // Latin vowels: short a e i o/u, long (doubled or diphthong) a i u.
  A: 30,
  E: 31,
  I: 32,
  U: 33,
  AL: 34,
  IL: 35,
  UL: 36,
  /** Arabic ا inside or at the end of a word: a long a. */
  AR: 40,
  /** Arabic ا at the start of a word: a seat for any vowel. */
  AW: 41,
  /** Arabic word-final ي or ى: -i or -a. */
  AIF: 42,
} as const;

const S = SYM;
/** Symbols are below this; the cost tables (phonetic.ts) are N_SYM × N_SYM. */
export const N_SYM = 48;

/** Code strings begin with the script: 'a' Arabic, 'l' Latin. */
export type Code = string;

const ARABIC_SYM: Record<string, number> = {
  ب: S.B,
  پ: S.B,
  ت: S.T,
  ط: S.T,
  د: S.D,
  ض: S.D,
  ث: S.TH,
  ذ: S.DH,
  ظ: S.DH,
  س: S.S,
  ص: S.S,
  ز: S.Z,
  ژ: S.Z,
  ش: S.SH,
  چ: S.SH,
  ج: S.J,
  غ: S.G,
  گ: S.G,
  ق: S.Q,
  ك: S.K,
  ح: S.H,
  خ: S.X,
  ف: S.F,
  ڤ: S.F,
  ل: S.L,
  م: S.M,
  ن: S.N,
  ر: S.R,
  و: S.W,
  ع: S.GL,
  ء: S.GL,
};

export const isConsonant = (s: number) => s > 0 && s < S.W;
export const isVowel = (s: number) => s >= S.A;

/** The code of an Arabic token (the output of arabicLetters, article already removed). */
export function arabicCode(word: string): Code {
  let out = 'a';
  const last = word.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = word[i];
    let s: number;
    if (c === 'ا') s = i === 0 ? S.AW : S.AR;
    else if (c === 'ي') s = i === last && i > 0 ? S.AIF : S.Y;
    else if (c === 'ى') s = S.AIF;
    else if (c === 'ة') s = i === last ? S.HF : S.H;
    else if (c === 'ه') s = i === last && i > 0 ? S.HF : S.H;
    else s = ARABIC_SYM[c] ?? 0;
    if (s === 0) continue;
    // Two letters written are two sounds (ممدوح): Arabic writes a doubled one once.
    out += String.fromCharCode(s);
  }
  return out;
}

const LATIN_SYM: Record<string, number> = {
  b: S.B,
  p: S.B,
  t: S.T,
  d: S.D,
  s: S.S,
  z: S.Z,
  j: S.J,
  g: S.G,
  q: S.Q,
  k: S.K,
  h: S.H,
  x: S.X,
  f: S.F,
  v: S.F,
  l: S.L,
  m: S.M,
  n: S.N,
  r: S.R,
  w: S.W,
  y: S.Y,
  "'": S.GL,
  a: S.A,
  e: S.E,
  i: S.I,
  o: S.U,
  u: S.U,
};
const LATIN_DIGRAPH: Record<string, number> = {
  sh: S.SH,
  ch: S.SH,
  kh: S.X,
  gh: S.G,
  th: S.TH,
  dh: S.DH,
  dj: S.J,
  ph: S.F,
  ck: S.K,
  zh: S.Z,
  ou: S.UL,
  oo: S.UL,
  uu: S.UL,
  ee: S.IL,
  ii: S.IL,
  aa: S.AL,
};
const VOWEL_LETTER = /[aeiou]/;

/**
 * The codes of a Latin token: as read with its digraphs, and, when it has th, dh, sh, kh
 * or gh, also with them read as two letters (Fethy is فتحي, Ishaq is إسحاق).
 */
export function latinCodes(word: string): Code[] {
  const a = latinCode(word);
  if (!/[tdskgc]h/.test(word)) return [a];
  const out = [a];
  const b = latinCode(word, false);
  if (!out.includes(b)) out.push(b);
  // German-style ch for خ (Chaled, Chalil).
  if (word.includes('ch')) {
    const c = latinCode(word.replace(/ch/g, 'kh'));
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** The code of a Latin token (the output of latinLetters, article already removed). */
export function latinCode(word: string, digraphs = true): Code {
  let out = 'l';
  let prev = -1;
  const n = word.length;
  for (let i = 0; i < n; ) {
    let s = 0;
    let step = 1;
    if (digraphs && word.startsWith('sch', i)) {
      s = S.SH;
      step = 3;
    } else if (i + 1 < n && LATIN_DIGRAPH[word.slice(i, i + 2)] !== undefined && (digraphs || word[i + 1] !== 'h')) {
      s = LATIN_DIGRAPH[word.slice(i, i + 2)];
      step = 2;
    } else {
      const c = word[i];
      if (c === 'h' && i === n - 1 && i > 0 && VOWEL_LETTER.test(word[i - 1])) s = S.HL;
      else if (c === 'c') s = i + 1 < n && /[eiy]/.test(word[i + 1]) ? S.S : S.K;
      else s = LATIN_SYM[c] ?? 0;
    }
    i += step;
    if (s === 0) continue;
    if (s === prev && isConsonant(s)) continue; // ss, mm, dd: one sound
    // The second of two vowels (Hussein, Faisal, Said) marks a long vowel or diphthong.
    if (s === S.I && prev >= S.A && prev <= S.UL) s = S.IL;
    out += String.fromCharCode(s);
    prev = s;
  }
  return out;
}

/** Consonant classes of blocking keys: coarser than the distance's, so variants share a key. */
const BLOCK_CLASS: Record<number, string> = {
  // ث is th, s or t; ذ and ظ dh, z or d: the dentals and sibilants are one class.
  [S.B]: 'b',
  [S.T]: 't',
  [S.D]: 't',
  [S.TH]: 't',
  [S.DH]: 't',
  [S.S]: 't',
  [S.Z]: 't',
  [S.SH]: 'S',
  [S.J]: 'k',
  [S.G]: 'k',
  [S.Q]: 'k',
  [S.K]: 'k',
  [S.H]: 'h',
  [S.X]: 'h',
  [S.F]: 'f',
  [S.L]: 'l',
  [S.M]: 'm',
  [S.N]: 'n',
  [S.R]: 'r',
};

/**
 * The blocking skeleton of a code: consonant classes only (t d s z ث ذ ض ظ ص ط one
 * class, k q g j غ ج one, h ح خ one), w y ʿ and vowels dropped, repeats merged.
 */
export function blockingSkeleton(code: Code): string {
  // A final h (ح ه ة, -ah -eh, "Taha") is written or left out: never part of the key.
  let end = code.length;
  while (end > 1) {
    const s = code.charCodeAt(end - 1);
    if (isVowel(s) || s === S.H || s === S.HF || s === S.HL || s === S.GL || s === S.Y || s === S.W) end--;
    else break;
  }
  let out = '';
  let prev = '';
  for (let i = 1; i < end; i++) {
    const k = BLOCK_CLASS[code.charCodeAt(i)];
    if (k === undefined || k === prev) continue;
    out += k;
    prev = k;
  }
  return out;
}

/** Number of consonant symbols (not counting ʿayn and ta marbuta): how long a name is. */
export function consonantCount(code: Code): number {
  let n = 0;
  for (let i = 1; i < code.length; i++) {
    const s = code.charCodeAt(i);
    if (isConsonant(s)) n++;
  }
  return n;
}
