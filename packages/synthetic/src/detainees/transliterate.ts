/**
 * Latin spellings of Arabic names as clerks write them. Two sources, mixed per token:
 * - the attested spellings of the token in Wikidata (Mohamed 553, Mohammed 297…), drawn by
 *   their counts, for a configurable share of tokens (`lexiconShare`, default one half);
 * - stochastic letter rules over the token's sound skeleton (phonemes.ts), in an English
 *   style (sh, j, kh, u/oo, -a/-ah) or a French style (ch, dj, ou, -a/-e/-eh), so that new
 *   spellings appear that no lexicon holds (Mouhamad, Hsein, Abdelrazzak).
 * Articles (al-, el-, as-, attached, dropped), compounds (Abd al-Rahman, Nur al-Din, Nasr
 * Allah, Abu Zayd) and Kurdish names (Kurmanji spellings with ş, ç, x, c) have their own
 * rules. Output is lower case; `applyCase` gives the clerk's capitalisation.
 */
import type { NamePart, NameToken, Variant } from './name-pool.ts';
import { SUN_LETTERS, isConsonant, isVowel } from './phonemes.ts';
import type { Rng } from '../random.ts';

export type Scheme = 'en' | 'fr';

export interface LatinStyle {
  scheme: Scheme;
  /** Probability of using an attested spelling when the token has some. */
  lexiconShare: number;
  /** Scholarly spelling with ḥ ṣ ʿ ā (a few NGO clerks). */
  academic: boolean;
  /** The clerk's usual way of writing the article; used most of the time. */
  articleHabit: ArticleForm;
  /** Probability of writing a Kurdish name in Kurmanji Latin (Şiyar, Ciwan). */
  kurmanji: number;
}

export type ArticleForm = 'al-' | 'al ' | 'al' | 'el-' | 'el ' | 'el' | 'assim' | 'none';

const ARTICLE_WEIGHTS: Record<Scheme, Record<ArticleForm, number>> = {
  en: { 'al-': 0.34, 'al ': 0.14, al: 0.14, 'el-': 0.07, 'el ': 0.04, el: 0.03, assim: 0.06, none: 0.18 },
  fr: { 'al-': 0.12, 'al ': 0.06, al: 0.06, 'el-': 0.18, 'el ': 0.14, el: 0.1, assim: 0.08, none: 0.26 },
};

export function drawArticleHabit(scheme: Scheme, rng: Rng): ArticleForm {
  return rng.choose(ARTICLE_WEIGHTS[scheme]);
}

const BACK = new Set(['ħ', 'ʕ', 'x', 'q', 'ɣ', 'ṣ', 'ḍ', 'ṭ', 'ẓ', 'r']);

type Weights = Record<string, number>;

const CONSONANTS: Record<Scheme, Record<string, Weights>> = {
  en: {
    θ: { th: 0.75, s: 0.1, t: 0.15 },
    ð: { dh: 0.45, z: 0.3, d: 0.15, th: 0.1 },
    j: { j: 0.93, g: 0.05, dj: 0.02 },
    x: { kh: 0.92, h: 0.04, ch: 0.02, x: 0.02 },
    ʃ: { sh: 0.95, ch: 0.03, sch: 0.02 },
    ḍ: { d: 0.75, dh: 0.2, z: 0.05 },
    ẓ: { z: 0.6, dh: 0.25, d: 0.1, th: 0.05 },
    ɣ: { gh: 0.92, g: 0.08 },
    q: { q: 0.6, k: 0.3, g: 0.05, "'": 0.03, c: 0.02 },
    k: { k: 0.96, c: 0.04 },
    č: { ch: 0.85, tch: 0.05, c: 0.1 },
    ž: { zh: 0.5, j: 0.5 },
  },
  fr: {
    θ: { th: 0.5, t: 0.3, s: 0.2 },
    ð: { dh: 0.3, z: 0.45, d: 0.25 },
    j: { dj: 0.45, j: 0.5, g: 0.05 },
    x: { kh: 0.85, h: 0.05, ch: 0.05, x: 0.05 },
    ʃ: { ch: 0.8, sh: 0.15, sch: 0.05 },
    ḍ: { d: 0.85, dh: 0.15 },
    ẓ: { z: 0.65, dh: 0.2, d: 0.15 },
    ɣ: { gh: 0.9, g: 0.05, r: 0.05 },
    q: { k: 0.55, q: 0.4, g: 0.05 },
    k: { k: 0.9, c: 0.1 },
    č: { tch: 0.5, ch: 0.5 },
    ž: { j: 0.8, zh: 0.2 },
  },
};

/** Probability tables of the letter rules, by scheme (constants, compiled once by Rng.choose). */
const R = {
  initialQ: { en: { q: 0.62, k: 0.33, g: 0.05 }, fr: { k: 0.57, q: 0.4, g: 0.03 } },
  finalAyn: { en: { '': 0.5, "'": 0.15, h: 0.15, e: 0.2 }, fr: { '': 0.5, h: 0.2, e: 0.25, "'": 0.05 } },
  // ع closing a syllable: Saad, Jaafar, Sa'd, Sad.
  closingAyn: { en: { '': 0.35, "'": 0.2, a: 0.35, e: 0.1 }, fr: { '': 0.35, a: 0.4, "'": 0.05, e: 0.2 } },
  vowelAyn: { en: { '': 0.65, "'": 0.3, '3': 0.05 }, fr: { '': 0.85, "'": 0.1, h: 0.05 } },
  ayn: { en: { '': 0.6, "'": 0.35, a: 0.05 }, fr: { '': 0.75, "'": 0.1, a: 0.15 } },
  taMarbutaBack: { en: { a: 0.65, ah: 0.28, eh: 0.04, e: 0.03 }, fr: { a: 0.6, ah: 0.15, e: 0.1, eh: 0.1, é: 0.05 } },
  taMarbuta: { en: { a: 0.55, ah: 0.22, eh: 0.12, e: 0.11 }, fr: { a: 0.4, e: 0.2, eh: 0.22, ah: 0.12, é: 0.06 } },
  ay: { en: { ay: 0.3, ai: 0.3, ei: 0.25, ey: 0.1, e: 0.05 }, fr: { ai: 0.3, ei: 0.35, ay: 0.15, ey: 0.1, e: 0.1 } },
  aw: { en: { aw: 0.45, ou: 0.15, au: 0.2, o: 0.2 }, fr: { aou: 0.3, ou: 0.35, aw: 0.15, o: 0.2 } },
  finalI: { en: { i: 0.7, y: 0.2, ee: 0.1 }, fr: { i: 0.8, y: 0.15, ie: 0.05 } },
  longI: { en: { i: 0.6, ee: 0.35, ie: 0.03, ei: 0.02 }, fr: { i: 0.9, ee: 0.04, y: 0.02, î: 0.04 } },
  longU: { en: { u: 0.55, oo: 0.25, ou: 0.2 }, fr: { ou: 0.9, u: 0.07, oo: 0.03 } },
  shortU: { en: { u: 0.55, o: 0.45 }, fr: { ou: 0.45, o: 0.45, u: 0.1 } },
  // The vowel of the article inside a compound: Abdulrahman, Abdelrahman, Abd al-Rahman.
  joinedArticleVowel: { en: { u: 0.55, e: 0.25, a: 0.2 }, fr: { e: 0.7, ou: 0.1, a: 0.1, u: 0.1 } },
  articleVowel: { en: { a: 0.65, e: 0.25, u: 0.1 }, fr: { e: 0.7, a: 0.3 } },
  compoundSep1: { en: { '': 0.5, ' ': 0.42, '-': 0.08 }, fr: { '': 0.55, ' ': 0.4, '-': 0.05 } },
  compoundSep2: { en: { '': 0.4, ' ': 0.3, '-': 0.3 }, fr: { '': 0.45, ' ': 0.35, '-': 0.2 } },
  umm: { en: { umm: 0.6, um: 0.3, om: 0.1 }, fr: { oum: 0.45, om: 0.25, umm: 0.2, um: 0.1 } },
  abu: { en: { abu: 0.75, abo: 0.1, abou: 0.1, aboo: 0.05 }, fr: { abou: 0.7, abu: 0.2, abo: 0.1 } },
  abuSep: { ' ': 0.8, '': 0.1, '-': 0.1 },
  plainSep: { ' ': 0.85, '': 0.1, '-': 0.05 },
  joinWithArticle: { ' ': 0.45, '': 0.4, '-': 0.15 },
} as const;

const ACADEMIC: Record<string, string> = {
  ħ: 'ḥ',
  ṣ: 'ṣ',
  ḍ: 'ḍ',
  ṭ: 'ṭ',
  ẓ: 'ẓ',
  ʕ: 'ʿ',
  "'": 'ʾ',
  A: 'ā',
  I: 'ī',
  U: 'ū',
  θ: 'th',
  ð: 'dh',
  x: 'kh',
  ʃ: 'sh',
  ɣ: 'gh',
  q: 'q',
  '@': 'a',
};

const PLAIN: Record<string, string> = { ṣ: 's', ṭ: 't', ħ: 'h' };

/** Spells a sound skeleton with the letter rules. */
export function spellPhonemes(phon: string, style: LatinStyle, rng: Rng): string {
  const s = style.scheme;
  const academic = style.academic && rng.chance(0.8);
  const ph = academic ? [...phon] : syncope([...phon], s, rng);
  const out: string[] = [];
  const n = ph.length;
  for (let i = 0; i < n; i++) {
    const c = ph[i];
    const prev = ph[i - 1];
    const next = ph[i + 1];
    const initial = i === 0 || (i === 1 && (prev === "'" || prev === 'ʕ'));
    const final = i === n - 1;
    if (academic && ACADEMIC[c] && !(c === "'" && i === 0)) {
      if (isConsonant(c) && next === c) {
        out.push(ACADEMIC[c] + ACADEMIC[c]);
        i++;
      } else out.push(ACADEMIC[c]);
      continue;
    }
    if (isVowel(c)) {
      out.push(spellVowel(c, ph, i, s, rng, initial, final));
      if (c === 'a' && (next === 'y' || next === 'w') && !isVowel(ph[i + 2])) i++; // diphthong consumed
      continue;
    }
    // Consonants.
    let spelled = spellConsonant(c, ph, i, s, rng);
    if (next === c && c !== "'" && c !== 'ʕ') {
      // A geminate: doubled or not (Bashar/Bashshar, Hasan/Hassan).
      if (spelled.length === 1 && rng.chance(s === 'en' ? 0.7 : 0.65)) spelled += spelled;
      else if (spelled.length === 2 && rng.chance(0.08)) spelled = spelled[0] + spelled;
      i++;
    } else if (spelled.length === 1 && /[bdfklmnrtz]/.test(spelled) && isVowel(prev) && isVowel(next) && rng.chance(0.03)) {
      spelled += spelled; // a doubling the Arabic does not have
    }
    out.push(spelled);
  }
  let text = out.join('');
  if (text.startsWith("'")) text = text.slice(1);
  return text;
}

/**
 * Short vowels the spoken name drops: Fatmeh for Fatimah (before the feminine ending) and,
 * rarely, the first vowel of Hsein, Mhammad (Syrian countryside, Maghreb).
 */
function syncope(ph: string[], s: Scheme, rng: Rng): string[] {
  const n = ph.length;
  if (n >= 5 && ph[n - 1] === '@' && ph[n - 3] === 'i' && isConsonant(ph[n - 2]) && isConsonant(ph[n - 4]) && rng.chance(0.25)) {
    return [...ph.slice(0, n - 3), ...ph.slice(n - 2)];
  }
  if (
    n >= 5 &&
    isConsonant(ph[0]) &&
    ph[0] !== "'" &&
    ph[0] !== 'ʕ' &&
    (ph[1] === 'u' || ph[1] === 'i') &&
    isConsonant(ph[2]) &&
    ph.slice(3).some((c) => c === 'A' || c === 'I' || c === 'U' || c === 'a') &&
    rng.chance(s === 'fr' ? 0.04 : 0.02)
  ) {
    return [ph[0], ...ph.slice(2)];
  }
  return ph;
}

function spellConsonant(c: string, ph: string[], i: number, s: Scheme, rng: Rng): string {
  const prev = ph[i - 1];
  const next = ph[i + 1] === c ? ph[i + 2] : ph[i + 1];
  const last = i >= ph.length - 1 || (ph[i + 1] === c && i + 1 === ph.length - 1);
  const table = CONSONANTS[s][c];
  if (c === 'q' && i === 0) return rng.choose(R.initialQ[s]);
  if (table) return rng.choose(table);
  switch (c) {
    case "'": {
      if (i === 0) return '';
      if (last) return rng.chance(s === 'en' ? 0.15 : 0.05) ? "'" : '';
      if (prev === 'A' && (next === 'i' || next === 'I') && rng.chance(0.15)) return 'y'; // Wayel, Fayez
      return rng.chance(s === 'en' ? 0.22 : 0.07) ? "'" : '';
    }
    case 'ʕ': {
      if (i === 0 || (i === 1 && prev === 'l')) return rng.chance(0.02) ? "'" : '';
      if (last) return rng.choose(R.finalAyn[s]);
      if (isVowel(prev) && !isVowel(next)) {
        // Closing a syllable: Saad, Jaafar, Sa'd, Sad.
        return rng.choose(R.closingAyn[s]);
      }
      if (isVowel(prev)) return rng.choose(R.vowelAyn[s]);
      return rng.choose(R.ayn[s]);
    }
    case 'ħ':
      return s === 'en' && rng.chance(0.005) ? '7' : 'h';
    case 'h':
      if (last && isVowel(prev)) return rng.chance(s === 'en' ? 0.8 : 0.65) ? 'h' : '';
      return 'h';
    case 's':
    case 'ṣ':
      if (isVowel(prev) && isVowel(next) && ph[i + 1] !== c) return rng.chance(s === 'en' ? 0.35 : 0.85) ? 'ss' : 's';
      return 's';
    case 'w':
      if (s === 'fr' && (isVowel(next) || i === 0)) return rng.chance(0.45) ? 'ou' : 'w';
      if (s === 'en' && rng.chance(0.02)) return 'v';
      return 'w';
    case 'y':
      return 'y';
    case '@': {
      if (!last) return rng.chance(0.7) ? 'at' : 'et';
      const back = BACK.has(prev === 'a' ? ph[i - 2] : prev);
      return rng.choose(back ? R.taMarbutaBack[s] : R.taMarbuta[s]);
    }
    default:
      return PLAIN[c] ?? c;
  }
}

function spellVowel(c: string, ph: string[], i: number, s: Scheme, rng: Rng, initial: boolean, final: boolean): string {
  const next = ph[i + 1];
  const after = ph[i + 2];
  const prev = ph[i - 1];
  const nearBack = BACK.has(prev) || BACK.has(next);
  switch (c) {
    case 'a': {
      if (next === 'y' && !isVowel(after)) {
        return rng.choose(R.ay[s]);
      }
      if (next === 'w' && !isVowel(after)) {
        return rng.choose(R.aw[s]);
      }
      let pe = s === 'en' ? 0.15 : 0.3;
      if (nearBack) pe *= 0.4;
      if (initial) pe = prev === 'ʕ' ? 0 : pe * 0.3;
      return rng.chance(pe) ? 'e' : 'a';
    }
    case 'i': {
      let pe = s === 'en' ? 0.2 : 0.35;
      const closedFinal = isConsonant(next) && (i + 2 === ph.length || (after === next && i + 3 === ph.length));
      if (closedFinal) pe *= 2; // Khaled, Majed, Samer
      if (initial) pe *= 0.6;
      return rng.chance(Math.min(pe, 0.8)) ? 'e' : 'i';
    }
    case 'u':
      return rng.choose(R.shortU[s]);
    case 'A':
      if (s === 'en') return rng.chance(0.08) ? 'aa' : 'a';
      return rng.chance(0.04) ? 'aa' : 'a';
    case 'I':
      if (final) return rng.choose(R.finalI[s]);
      return rng.choose(R.longI[s]);
    case 'U':
      return rng.choose(R.longU[s]);
    case 'E':
      return rng.chance(0.1) ? 'ê' : 'e';
    case 'O':
    case 'o':
      return 'o';
    default:
      return c;
  }
}

/** How "French" or "English" an attested spelling looks. */
function schemeAffinity(latin: string, s: Scheme): number {
  const fr = (/ou/.test(latin) ? 1 : 0) + (/ch/.test(latin) ? 1 : 0) + (/dj/.test(latin) ? 1 : 0) + (/[^aeiou]e$/.test(latin) ? 0.5 : 0);
  const en = (/sh|kh/.test(latin) ? 1 : 0) + (/(^|[^o])u/.test(latin) ? 1 : 0) + (/oo|ee/.test(latin) ? 1 : 0) + (/(^|[^d])j/.test(latin) ? 0.5 : 0);
  return s === 'fr' ? 1 + 1.5 * fr - 0.3 * en : 1 + 1.5 * en - 0.3 * fr;
}

/** Cumulative draw weights of a variant list per scheme, computed once per list. */
const variantWeights = new WeakMap<Variant[], Record<Scheme, Float64Array>>();

function drawVariant(variants: Variant[], s: Scheme, rng: Rng): Variant {
  let w = variantWeights.get(variants);
  if (!w) {
    const cum = (sc: Scheme) => {
      const a = new Float64Array(variants.length);
      let t = 0;
      variants.forEach((v, i) => {
        a[i] = t += Math.max(0.05, schemeAffinity(v.latin, sc)) * v.count;
      });
      return a;
    };
    w = { en: cum('en'), fr: cum('fr') };
    variantWeights.set(variants, w);
  }
  const cum = w[s];
  const x = rng.next() * cum[cum.length - 1];
  for (let i = 0; i < cum.length; i++) if (x < cum[i]) return variants[i];
  return variants[variants.length - 1];
}

/** One part of a name (without its article): an attested spelling or the rules. */
export function spellPart(part: NamePart, style: LatinStyle, rng: Rng): { text: string; withArticle: boolean; lexicon: boolean } {
  if (part.variants.length > 0 && rng.chance(style.lexiconShare)) {
    const v = drawVariant(part.variants, style.scheme, rng);
    return { text: v.latin, withArticle: v.article, lexicon: true };
  }
  return { text: spellPhonemes(part.phon, style, rng), withArticle: false, lexicon: false };
}

/** The article before a stem: al-Shami, el Chami, Alshami, ash-Shami, Shami. */
export function spellArticle(stem: string, phon: string, style: LatinStyle, rng: Rng): string {
  let form = rng.chance(0.75) ? style.articleHabit : drawArticleHabit(style.scheme, rng);
  const sun = SUN_LETTERS.has([...phon][0]);
  if (form === 'assim') {
    if (!sun) form = style.scheme === 'fr' ? 'el-' : 'al-';
    else {
      const lead = /^[^aeiouy]+/.exec(stem)?.[0] ?? stem[0];
      const onset = lead.length > 2 ? lead.slice(0, 2) : lead;
      const vowel = style.scheme === 'fr' ? (rng.chance(0.7) ? 'e' : 'a') : rng.chance(0.8) ? 'a' : 'e';
      const hyphen = rng.chance(0.75);
      return hyphen ? `${vowel}${onset}-${stem}` : `${vowel}${onset}${stem}`;
    }
  }
  switch (form) {
    case 'none':
      return stem;
    case 'al':
    case 'el':
      return form + stem;
    default:
      return form + stem;
  }
}

/** The connecting article of Abd al-Rahman, Nur al-Din: al, el, ul, ur-, ed-… */
function spellCompoundArticle(first: string, secondStem: string, secondPhon: string, style: LatinStyle, rng: Rng): string {
  const s = style.scheme;
  const sun = SUN_LETTERS.has([...secondPhon][0]);
  const sep1 = rng.choose(R.compoundSep1[s]);
  if (rng.chance(0.04)) return first + (sep1 || ' ') + secondStem; // article dropped: Abd Rahman
  const vowel = sep1 === '' ? rng.choose(R.joinedArticleVowel[s]) : rng.choose(R.articleVowel[s]);
  const assimilate = sun && rng.chance(s === 'en' ? 0.15 : 0.3);
  if (assimilate) {
    const lead = /^[^aeiouy]+/.exec(secondStem)?.[0] ?? secondStem[0];
    const onset = lead.length > 2 ? lead.slice(0, 2) : lead;
    const sep2 = rng.chance(0.7) ? '' : '-';
    return first + sep1 + vowel + onset + sep2 + secondStem;
  }
  const sep2 = rng.choose(R.compoundSep2[s]);
  return first + sep1 + vowel + 'l' + sep2 + secondStem;
}

const ALLAH_FORMS: Record<Scheme, Record<string, number>> = {
  en: { ullah: 0.33, allah: 0.3, ' allah': 0.15, ulla: 0.05, alla: 0.05, '-allah': 0.05, ellah: 0.04, ' ullah': 0.03 },
  fr: { allah: 0.38, ellah: 0.15, ' allah': 0.2, alla: 0.1, oullah: 0.05, '-allah': 0.1, ' ellah': 0.02 },
};

/** The Latin spelling of a whole name token (lower case). */
export function spellToken(token: NameToken, style: LatinStyle, rng: Rng, opts: { article?: boolean } = {}): string {
  const withArticle = opts.article ?? true;
  if (token.kurdish && token.hawar && rng.chance(style.kurmanji)) {
    const h = token.hawar.toLowerCase();
    return rng.chance(0.5) ? h : h.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  if (token.whole.length > 0 && rng.chance(style.lexiconShare * 0.3)) return drawVariant(token.whole, style.scheme, rng).latin;
  const [p0, p1] = token.parts;
  if (token.compound === 'single') {
    const sp = spellPart(p0, style, rng);
    if (!p0.article || sp.withArticle) return sp.text;
    return withArticle ? spellArticle(sp.text, p0.phon, style, rng) : sp.text;
  }
  if (token.compound === 'abu') {
    const abu = p0.ar === 'أم' ? rng.choose(R.umm[style.scheme]) : rng.choose(R.abu[style.scheme]);
    const sep = rng.choose(R.abuSep);
    return abu + sep + spellPart(p1, style, rng).text;
  }
  // The first part of a compound; a family compound may have an article (al-Hajj Ali).
  const first = spellPart(p0, style, rng);
  let firstText = first.text;
  if (p0.article && !first.withArticle && withArticle) firstText = spellArticle(firstText, p0.phon, style, rng);
  if (token.compound === 'allah') {
    let form: string = rng.choose(ALLAH_FORMS[style.scheme]);
    if (/[aeiou]$/.test(firstText) && /^[aeiou]/.test(form) && rng.chance(0.6)) form = form.slice(1); // Atallah
    return firstText + form;
  }
  if (token.compound === 'plain') {
    const second = spellPart(p1, style, rng).text;
    return firstText + rng.choose(R.plainSep) + second;
  }
  // Abd al-Rahman, Nur al-Din.
  const second = spellPart(p1, style, rng);
  if (second.withArticle) return firstText + rng.choose(R.joinWithArticle) + second.text;
  return spellCompoundArticle(firstText, second.text, p1.phon, style, rng);
}

export type CaseStyle = 'title' | 'upper' | 'lower' | 'family-upper';

/** Capitalises a name as a clerk would: Title Case, UPPER CASE… (`lowerArticle`: al-Hasan). */
export function applyCase(text: string, style: CaseStyle, opts: { family?: boolean; lowerArticle?: boolean } = {}): string {
  if (style === 'upper' || (style === 'family-upper' && opts.family)) return text.toUpperCase();
  if (style === 'lower') return text.toLowerCase();
  return text
    .split(/([ -])/)
    .map((w, i, all) => {
      if (w === ' ' || w === '-' || w === '') return w;
      if (opts.lowerArticle && /^(al|el|as|ash|ad|ar|at|az|an|es|ech|ed|er|et|ez|en)$/.test(w) && all[i + 1] === '-') return w;
      const start = w[0] === "'" || w[0] === 'ʿ' || w[0] === 'ʾ' ? 1 : 0;
      return w.slice(0, start) + w.charAt(start).toUpperCase() + w.slice(start + 1);
    })
    .join('');
}
