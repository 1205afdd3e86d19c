/**
 * The sound skeleton of a name token, recovered by aligning its Arabic spelling with a
 * Latin spelling of it. Arabic script gives the consonants and long vowels; the Latin
 * spelling gives the short vowels and doubled consonants. The result is a string of
 * one-character phonemes that the stochastic letter rules (transliterate.ts) turn into new
 * Latin spellings, the way a clerk who hears or reads the name would write it.
 *
 * Phoneme alphabet (one character each):
 *   consonants  ' b t θ j ħ x d ð r z s ʃ ṣ ḍ ṭ ẓ ʕ ɣ f q k l m n h w y v g p č ž
 *   ta marbuta  @          (final ة: -a, -ah, -eh, -e, -at)
 *   vowels      a i u (short)  A I U (long)  e o E O (Kurdish short/long e, o)
 *   article     ^          (a leading definite article al-; removed by callers)
 * A doubled consonant is a geminate.
 *
 * Written for the generator alone, from how names are spelled; it shares nothing with the
 * matching engine.
 */

export const VOWELS = new Set(['a', 'i', 'u', 'A', 'I', 'U', 'e', 'o', 'E', 'O']);
export const SUN_LETTERS = new Set(['t', 'θ', 'd', 'ð', 'r', 'z', 's', 'ʃ', 'ṣ', 'ḍ', 'ṭ', 'ẓ', 'l', 'n']);
export const isVowel = (c: string | undefined) => c !== undefined && VOWELS.has(c);
export const isConsonant = (c: string | undefined) => c !== undefined && c !== '^' && !VOWELS.has(c);

/** [latin pattern, phoneme output, cost] */
type Option = readonly [string, string, number];

const HAMZA: Option[] = [
  ["'", "'", 0],
  ['', "'", 0.1],
];

/** How each Arabic letter may appear in a Latin spelling. */
const LETTERS: Record<string, Option[]> = {
  ء: HAMZA,
  أ: HAMZA,
  إ: HAMZA,
  ؤ: [...HAMZA, ['w', "'", 1]],
  ئ: [...HAMZA, ['y', "'", 0.6], ['i', "'", 1]],
  آ: [
    ['a', "'A", 0],
    ['aa', "'A", 0.1],
    ["'a", "'A", 0.1],
    ['e', "'A", 1],
  ],
  ا: [
    ['a', 'A', 0],
    ['aa', 'A', 0.2],
    ['e', 'A', 1],
    ['o', 'A', 1.5],
  ],
  ب: [
    ['b', 'b', 0],
    ['p', 'p', 0.8],
  ],
  ت: [['t', 't', 0]],
  ث: [
    ['th', 'θ', 0],
    ['t', 'θ', 0.8],
    ['s', 'θ', 0.8],
  ],
  ج: [
    ['j', 'j', 0],
    ['dj', 'j', 0.4],
    ['g', 'j', 0.8],
    ['zh', 'ž', 0.8],
    ['ch', 'č', 0.8],
    ['dsch', 'j', 1],
  ],
  ح: [
    ['h', 'ħ', 0],
    ['7', 'ħ', 1],
    ['kh', 'ħ', 2],
  ],
  خ: [
    ['kh', 'x', 0],
    ['h', 'x', 1],
    ['x', 'x', 0.8],
    ['ch', 'x', 1],
    ['k', 'x', 1.5],
  ],
  د: [
    ['d', 'd', 0],
    ['t', 'd', 1.5],
  ],
  ذ: [
    ['dh', 'ð', 0],
    ['th', 'ð', 0.5],
    ['z', 'ð', 0.5],
    ['d', 'ð', 0.5],
  ],
  ر: [['r', 'r', 0]],
  ز: [
    ['z', 'z', 0],
    ['s', 'z', 1],
  ],
  س: [
    ['s', 's', 0],
    ['c', 's', 1.5],
  ],
  ش: [
    ['sh', 'ʃ', 0],
    ['ch', 'ʃ', 0.4],
    ['sch', 'ʃ', 0.5],
    ['s', 'ʃ', 1],
  ],
  ص: [
    ['s', 'ṣ', 0],
    ['c', 'ṣ', 1.5],
  ],
  ض: [
    ['d', 'ḍ', 0],
    ['dh', 'ḍ', 0.5],
    ['z', 'ḍ', 1],
  ],
  ط: [['t', 'ṭ', 0]],
  ظ: [
    ['z', 'ẓ', 0],
    ['dh', 'ẓ', 0.5],
    ['d', 'ẓ', 0.5],
    ['th', 'ẓ', 1],
  ],
  ع: [
    ['', 'ʕ', 0.2],
    ["'", 'ʕ', 0],
    ['3', 'ʕ', 0.5],
    ['a', 'ʕ', 0.15],
    ['e', 'ʕ', 0.4],
    ['h', 'ʕ', 1.2],
  ],
  غ: [
    ['gh', 'ɣ', 0],
    ['g', 'ɣ', 1],
    ['r', 'ɣ', 2],
  ],
  ف: [
    ['f', 'f', 0],
    ['ph', 'f', 0.8],
    ['v', 'v', 1],
  ],
  ق: [
    ['q', 'q', 0],
    ['k', 'q', 0.5],
    ['g', 'q', 0.8],
    ['c', 'q', 1],
    ['ck', 'q', 1],
    ["'", 'q', 1.2],
  ],
  ك: [
    ['k', 'k', 0],
    ['c', 'k', 0.5],
    ['ck', 'k', 0.6],
    ['g', 'g', 1],
    ['ch', 'k', 1.5],
    ['q', 'k', 1],
  ],
  ل: [['l', 'l', 0]],
  م: [['m', 'm', 0]],
  ن: [['n', 'n', 0]],
  ه: [
    ['h', 'h', 0],
    ['', 'h', 1.2],
  ],
  و: [
    ['w', 'w', 0],
    ['v', 'v', 1],
    ['ou', 'w', 0.6],
    ['u', 'U', 0],
    ['ou', 'U', 0.2],
    ['oo', 'U', 0.2],
    ['o', 'U', 0.3],
    ['uu', 'U', 0.2],
    ['', '', 2.5],
  ],
  ي: [
    ['y', 'y', 0],
    ['i', 'y', 0.5],
    ['j', 'y', 1],
    ['i', 'I', 0],
    ['ee', 'I', 0.2],
    ['ie', 'I', 0.3],
    ['ii', 'I', 0.3],
    ['y', 'I', 0.5],
    ['e', 'I', 0.8],
  ],
  ى: [
    ['a', 'A', 0],
    ['aa', 'A', 0.3],
    ['e', 'A', 0.8],
    ['y', 'A', 1.5],
  ],
  ة: [
    ['a', '@', 0],
    ['ah', '@', 0.1],
    ['e', '@', 0.4],
    ['eh', '@', 0.4],
    ['at', '@', 0.7],
    ['et', '@', 1],
    ['t', '@', 0.5],
    ['', '@', 1.5],
  ],
  // Letters of Kurdish and Persian in Arabic script.
  پ: [['p', 'p', 0]],
  چ: [
    ['ch', 'č', 0],
    ['c', 'č', 0.5],
  ],
  ژ: [
    ['zh', 'ž', 0],
    ['j', 'ž', 0.3],
  ],
  ڤ: [
    ['v', 'v', 0],
    ['w', 'v', 1],
    ['f', 'v', 1],
  ],
  گ: [['g', 'g', 0]],
};

const KURDISH_VOWEL_LETTERS: Record<string, Option[]> = {
  و: [
    ['o', 'O', 0],
    ['u', 'U', 0],
    ['w', 'w', 0],
    ['ou', 'U', 0.2],
    ['oo', 'U', 0.2],
  ],
  ي: [
    ['e', 'E', 0.1],
    ['i', 'I', 0],
    ['y', 'y', 0],
    ['ee', 'I', 0.2],
  ],
};

/** Short vowels read from the Latin spelling between letters. */
const SHORT: Option[] = [
  ['a', 'a', 0],
  ['i', 'i', 0],
  ['u', 'u', 0],
  ['e', 'a', 0.5],
  ['o', 'u', 0.5],
  ['ou', 'u', 0.6],
];
const SHORT_KURDISH: Option[] = [
  ['a', 'a', 0],
  ['i', 'i', 0],
  ['u', 'u', 0],
  ['e', 'e', 0],
  ['o', 'o', 0],
];

const ARTICLE: Option[] = [
  ['al', '^', 0],
  ['el', '^', 0.1],
  ['ul', '^', 0.3],
  ['il', '^', 0.5],
  ['l', '^', 0.6],
  ['', '^', 0.5],
  ['a', '^a', 0.3], // assimilated: as-salam, ar-rahman (the doubled consonant follows)
  ['e', '^a', 0.5],
  ['u', '^a', 0.6],
];

/** Arabic letters without diacritics, tatweel or Persian code points. */
export function plainArabic(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u064B-\u0652\u0670\u0640\u200C\u200E\u200F]|\u200D/g, '')
    .replace(/ی/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/ۆ/g, 'و')
    .replace(/ێ/g, 'ي')
    .replace(/ڕ/g, 'ر');
}

/** A Latin spelling reduced to lowercase ASCII letters and apostrophes (and 3, 7). */
export function plainLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ʿʾ`’‘ʻ´]/g, "'")
    .replace(/ı/g, 'i')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[\s-]/g, '');
}

export interface Alignment {
  /** Phonemes (see the alphabet above); starts with ^ when an article was read. */
  phon: string;
  cost: number;
  /** The Latin spelling included a written article (al-, el-, as-…). */
  latinArticle: boolean;
}

/**
 * Aligns an Arabic token (one word; `article` when its leading ال is the definite article)
 * with a Latin spelling. Returns null when the Latin cannot be a spelling of the Arabic at a
 * cost of at most `maxCost`.
 */
export function align(arabic: string, latin: string, opts: { article?: boolean; kurdish?: boolean; maxCost?: number } = {}): Alignment | null {
  const ar = [...plainArabic(arabic).replace(/\s/g, '')];
  const la = plainLatin(latin);
  if (!/^[a-z'37]+$/.test(la) || ar.length === 0) return null;
  const maxCost = opts.maxCost ?? 3;
  const short = opts.kurdish ? SHORT_KURDISH : SHORT;

  // Units to consume: the article (two letters) or one letter each.
  const units: Option[][] = [];
  let start = 0;
  if (opts.article && ar[0] === 'ا' && ar[1] === 'ل') {
    units.push(ARTICLE);
    start = 2;
  }
  for (let i = start; i < ar.length; i++) {
    const letter = ar[i];
    let options = (opts.kurdish && KURDISH_VOWEL_LETTERS[letter]) || LETTERS[letter];
    if (!options) return null;
    if (letter === 'ا' && i === start) options = [...options, ['', "'", 0.3]]; // hamza seat written bare
    if (letter === 'و' && i === ar.length - 1 && ar[i - 1] === 'ر') options = [...options, ['', '', 0.5]]; // عمرو
    if (letter === 'ة' && i !== ar.length - 1) options = options.filter(([l]) => l === 'at' || l === 'et' || l === 't' || l === 'a');
    units.push(options);
  }

  const n = units.length;
  const m = la.length;
  // State (i, j, v): i units and j Latin characters consumed; v = what was read last:
  // 0 a consonant, 1 a short vowel, 2 a long vowel.
  const size = (n + 1) * (m + 1) * 3;
  const cost = new Float64Array(size).fill(Infinity);
  const back = new Int32Array(size).fill(-1);
  const out: string[] = new Array(size);
  const idx = (i: number, j: number, v: number) => (i * (m + 1) + j) * 3 + v;
  cost[idx(0, 0, 0)] = 0;

  const relax = (from: number, to: number, c: number, o: string) => {
    if (c < cost[to]) {
      cost[to] = c;
      back[to] = from;
      out[to] = o;
    }
  };
  const endsLong = (ph: string) => /[AIUEO]$/.test(ph);

  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      for (let v = 0; v < 3; v++) {
        const here = idx(i, j, v);
        const c0 = cost[here];
        if (c0 === Infinity || c0 > maxCost) continue;
        // A short vowel from the Latin, never right after another vowel.
        if (v === 0) {
          for (const [pat, ph, c] of short) {
            if (la.startsWith(pat, j)) relax(here, idx(i, j + pat.length, 1), c0 + c + 0.05, ph);
          }
        }
        // A stray apostrophe in the Latin.
        if (la[j] === "'") relax(here, idx(i, j + 1, v), c0 + 0.5, '');
        if (i === n) {
          // A French silent final e: Noureddine, Abderrahmane.
          if (v === 0 && j === m - 1 && la[j] === 'e') relax(here, idx(i, m, 0), c0 + 0.2, '');
          continue;
        }
        for (const [pat, ph, c] of units[i]) {
          // A letter written with nothing (ع, hamza, a dropped article) does not follow a
          // short vowel: the vowel is read after it. ع written as a vowel letter (Saad,
          // Jaafar) only follows a vowel.
          if (pat === '' && v === 1) continue;
          if (ph === 'ʕ' && (pat === 'a' || pat === 'e') && v === 0) continue;
          const next = ph === '' ? v : endsLong(ph) ? 2 : 0;
          if (la.startsWith(pat, j)) relax(here, idx(i + 1, j + pat.length, next), c0 + c, ph);
          // A doubled consonant: mm, ss, ssh, tth…
          if (pat.length > 0 && ph.length === 1 && !isVowel(ph) && ph !== "'" && ph !== 'ʕ' && ph !== '@' && ph !== '^') {
            for (const doubled of pat.length === 1 ? [pat + pat] : [pat[0] + pat, pat + pat]) {
              if (la.startsWith(doubled, j)) relax(here, idx(i + 1, j + doubled.length, 0), c0 + c + 0.2, ph + ph);
            }
          }
        }
      }
    }
  }

  let end = idx(n, m, 0);
  for (let v = 1; v < 3; v++) if (cost[idx(n, m, v)] < cost[end]) end = idx(n, m, v);
  if (cost[end] > maxCost) return null;
  const parts: string[] = [];
  for (let k = end; back[k] !== -1; k = back[k]) parts.push(out[k]);
  let phon = parts.reverse().join('');
  // A short vowel before y or w that closes the syllable is a diphthong: Hussein = ħusayn.
  phon = phon.replace(/([ae])I(?![aiuAIUeoEO])/g, '$1y').replace(/([ae])U(?![aiuAIUeoEO])/g, '$1w');
  // An assimilated article reads as ^a + doubled consonant: keep one consonant.
  if (phon.startsWith('^a') && phon[2] && phon[2] === phon[3]) phon = '^' + phon.slice(3);
  else if (phon.startsWith('^a')) phon = '^' + phon.slice(2);
  const firstUnit = units[0] === ARTICLE;
  let latinArticle = false;
  if (firstUnit) {
    // Walk forward to see what the article consumed.
    const path: number[] = [];
    for (let k = end; k !== -1; k = back[k]) path.push(k);
    path.reverse();
    for (let s = 1; s < path.length; s++) {
      const i = Math.floor(Math.floor(path[s] / 3) / (m + 1));
      if (i === 1) {
        const j = Math.floor(path[s] / 3) % (m + 1);
        latinArticle = j > 0;
        break;
      }
    }
  }
  return { phon, cost: cost[end], latinArticle };
}
