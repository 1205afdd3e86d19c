/**
 * Names as tokens, and full names as their parts.
 *
 * The same Arabic name is written with its article attached or detached or not at all
 * (الأسد, al-Assad, el Asad, Alassad, Assad; ar-Rahman, Arrahman), its compounds joined or
 * split (عبد الرحمن, Abdulrahman, Abdel Rahman, Abd al-Rahman, Abdurrahman; Nureddin, Nur
 * al-Din; Abu Bakr, Aboubakr; Nasrallah, Nasr Allah), and a full name in several orders
 * ("ALASSAD, Bashar Hafez", "Muhammad bin Salman bin Abdulaziz Al Saud"). The tokeniser
 * turns any of these into the same tokens: content words without their article, and
 * particles (#ABD, #ABU, #DIN, #ALLAH, #BIN) for the compound parts, so that spacing and
 * hyphens stop mattering. `parseFullName` then assigns tokens to given, father's,
 * grandfather's and family name by the conventions clerks use.
 */
import { arabicLetters } from './arabic.ts';
import { latinLetters } from './latin.ts';

export type Particle = '#ABD' | '#ABU' | '#UMM' | '#DIN' | '#ALLAH' | '#BIN';

export interface NameToken {
  /** Normalised letters (Arabic letters or lower-case Latin), article removed; or a particle. */
  text: string;
  script: 'a' | 'l';
  particle?: Particle;
  /** The Latin word before an attached article was guessed off it ("assad" for "sad"). */
  alt?: string;
  /** Written in capitals among words that are not (a family-name convention). */
  upper?: boolean;
  /** The first word after a comma ("ALASSAD, Bashar"). */
  afterComma?: boolean;
  /** Written with the article (al-, ال, attached or not): family names usually are. */
  article?: boolean;
}

/** Is this Latin word a known name as it stands (the lexicon): then its "al" is not an article. */
export type KnownLatin = (word: string) => boolean;

const LATIN_ARTICLES = new Set(['al', 'el', 'il', 'ul', 'ol', 'l', 'aal']);
/** Sun-letter articles, dropped when the next word starts with their consonant (ad-Din, as-Sayyid). */
const SUN_ARTICLES = new Set([
  'ad',
  'adh',
  'ar',
  'as',
  'ash',
  'at',
  'ath',
  'az',
  'an',
  'ed',
  'edh',
  'er',
  'es',
  'esh',
  'et',
  'eth',
  'ez',
  'en',
  'ud',
  'ur',
  'us',
  'ush',
  'ut',
  'uth',
  'uz',
  'un',
]);
const LATIN_BIN = new Set(['bin', 'ibn', 'ben', 'bint', 'bent', 'binte', 'binti', 'ould', 'ibnu', 'b']);
/** Umm, mother of: a kunya (Umm Muhammad) written in place of a woman's given name. */
const LATIN_UMM = new Set(['um', 'umm', 'om', 'omm', 'oum', 'oumm', 'im', 'imm']);
const LATIN_ABU = new Set(['abu', 'abou', 'abo', 'aboo', 'abi']);
const LATIN_ABD = new Set([
  'abd',
  'abdul',
  'abdel',
  'abdal',
  'abdil',
  'abdol',
  'abdu',
  'abdoul',
  'abdl',
  'abdur',
  'abdus',
  'abduz',
  'abdut',
  'abdun',
  'abdud',
  'abdush',
  'abder',
  'abdes',
  'abdez',
  'abdet',
  'abden',
  'abded',
  'abedel',
  'abedal',
  'abedul',
  'abedil',
  'abdell',
  'abdull',
]);
/** Abed, Abid: a name of its own, or Abd- before an article or Allah ("Abed el-Malek", "Abed Allah"). */
const LATIN_ABD_BEFORE_ARTICLE = new Set(['abed', 'abid', 'abad', 'abd']);
const LATIN_ALLAH = new Set(['allah', 'alla', 'ullah', 'ulla', 'ollah', 'olla', 'ellah', 'illah', 'lah', 'llah', 'allahi']);
const LATIN_DIN = new Set([
  'din',
  'deen',
  'dine',
  'eddin',
  'eddine',
  'uddin',
  'uddeen',
  'eddeen',
  'aldin',
  'aldeen',
  'eldin',
  'eldine',
  'addin',
  'iddin',
  'udin',
  'edin',
  'edine',
  'ddin',
  'ddine',
]);

const ARABIC_BIN = new Set(['بن', 'ابن', 'بنت']);
const ARABIC_ABU = new Set(['ابو', 'ابي', 'ابا']);
const ARABIC_UMM = new Set(['ام']);
const ARABIC_ALLAH = new Set(['الله', 'لله', 'اللة', 'للة']);
const ARABIC_DIN = new Set(['الدين', 'دين']);
/** Names that begin with the letters of the article but have none (Ilyas, Ilham, Alaa, Ulfat). */
const ARABIC_NOT_ARTICLE = new Set(['الياس', 'الهام', 'الاء', 'الفت', 'اليسا', 'اليسار', 'الماس', 'الين', 'اليان', 'الطاف']);

/** Latin consonants that make a word stand alone (h, w and y do not count). */
const countConsonants = (w: string) => (w.match(/[bcdfgjklmnpqrstvxz]/g) ?? []).length;

interface Word {
  w: string;
  script: 'a' | 'l';
  upper: boolean;
  afterComma: boolean;
}

const WORD = /([\u0621-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F]+)|([\p{Script=Latin}'0-9]+)|([,،;])/gu;

/** Words of a name in reading order, each with its script; commas mark the next word. */
/** Latin letters whose accent carries the sound (Turkish and Kurdish ş ç ğ, scholarly ṯ ḏ ḫ ġ). */
const SOUND_ACCENTS: Record<string, string> = {
  ç: 's',
  Ç: 'S',
  ş: 'sh',
  Ş: 'SH',
  š: 'sh',
  Š: 'SH',
  č: 'ch',
  Č: 'CH',
  ğ: 'gh',
  Ğ: 'GH',
  ž: 'zh',
  Ž: 'ZH',
  ṯ: 'th',
  Ṯ: 'TH',
  ḏ: 'dh',
  Ḏ: 'DH',
  ḫ: 'kh',
  Ḫ: 'KH',
  ġ: 'gh',
  Ġ: 'GH',
  ǧ: 'j',
  Ǧ: 'J',
};
const SOUND_ACCENTS_RE = new RegExp(`[${Object.keys(SOUND_ACCENTS).join('')}]`, 'g');

function splitWords(raw: string): Word[] {
  const text = arabicLetters(raw.normalize('NFC').replace(SOUND_ACCENTS_RE, (c) => SOUND_ACCENTS[c])).replace(/['’‘ʼʻʿʾ`´′]/g, "'");
  const out: Word[] = [];
  let comma = false;
  for (const m of text.matchAll(WORD)) {
    if (m[3]) {
      comma = out.length > 0;
      continue;
    }
    if (m[1]) {
      out.push({ w: m[1], script: 'a', upper: false, afterComma: comma });
    } else {
      const rawWord = m[2];
      if (/^[0-9]+$/.test(rawWord)) continue;
      const w = latinLetters(rawWord)
        .replace(/^'+(?=')|'+$/g, '')
        .replace(/[0-9]/g, '');
      if (!/[a-z]/.test(w)) continue;
      const upper = /\p{Lu}.*\p{Lu}/u.test(rawWord) && rawWord === rawWord.toUpperCase();
      out.push({ w, script: 'l', upper, afterComma: comma });
    }
    comma = false;
  }
  return out;
}

function particle(p: Particle, from: Word): NameToken {
  return { text: p, script: from.script, particle: p, upper: from.upper || undefined, afterComma: from.afterComma || undefined };
}

function content(text: string, from: Word, alt?: string): NameToken {
  const t: NameToken = { text, script: from.script };
  if (alt && alt !== text) t.alt = alt;
  if (from.upper) t.upper = true;
  if (from.afterComma) t.afterComma = true;
  return t;
}

/** A Latin word without an attached article, when it has one and is not a known name. */
function stripLatinArticle(w: string, known?: KnownLatin): string {
  if (known?.(w)) return w;
  // "alhasan", "elali": stripped when what remains is a name (known, or long enough to be one).
  const al = /^(?:al|el)-?(.+)$/.exec(w);
  if (al && al[1].length >= 2 && (known?.(al[1]) || (al[1].length >= 4 && countConsonants(al[1]) >= 1) || (al[1].length >= 3 && countConsonants(al[1]) >= 2)))
    return al[1];
  // Assimilated to a sun letter: "arrahman", "assayed", "ezzeddin".
  const sun = /^[aeiu]([dtszrn])\1(.{2,})$/.exec(w);
  if (sun && (known?.(sun[1] + sun[2]) || countConsonants(sun[1] + sun[2]) >= 2)) return sun[1] + sun[2];
  return w;
}

function stripArabicArticle(w: string): string {
  if (w.length >= 4 && w.startsWith('ال') && !ARABIC_NOT_ARTICLE.has(w)) return w.slice(2);
  return w;
}

/** The tokens of one Latin word (one or two: a compound splits). */
function latinWord(word: Word, hasPrev: boolean, hasNext: boolean, known?: KnownLatin, afterArticle = false, next?: Word): NameToken[] {
  const w = word.w.replace(/^'+/, (m) => (word.w.length > m.length ? "'" : ''));
  const bare = w.replace(/'/g, '');
  if (hasNext && LATIN_BIN.has(bare)) return [particle('#BIN', word)];
  if (hasNext && LATIN_ABU.has(bare)) return [particle('#ABU', word)];
  if (hasNext && LATIN_UMM.has(bare)) return [particle('#UMM', word)];
  if (hasNext && LATIN_ABD.has(bare)) return [particle('#ABD', word)];
  if (next && LATIN_ABD_BEFORE_ARTICLE.has(bare) && (LATIN_ARTICLES.has(next.w) || LATIN_ALLAH.has(next.w) || /^(?:al|el|ul)-?[^aeiou]/.test(next.w))) {
    return [particle('#ABD', word)];
  }
  if (hasPrev && LATIN_ALLAH.has(bare)) return [particle('#ALLAH', word)];
  if (hasPrev && LATIN_DIN.has(bare)) return [particle('#DIN', word)];
  if (bare === 'allah') return [particle('#ALLAH', word)];
  // Abdullah, Abdallah, Abdulla…
  if (/^abd[aeiou]{0,2}l+[aeiou]{1,2}h?$/.test(bare)) return [particle('#ABD', word), particle('#ALLAH', word)];
  // Abdulrahman, Abdelkader, Abdurrahman, Abdrahman: the article of the compound is dropped.
  const abd = /^abd([aeiou]?)(?:(l)-?|([dtszrn])(?=\3))?(.+)$/.exec(bare);
  if (abd && !known?.(bare)) {
    const rest = abd[4];
    const article = abd[2] !== undefined || abd[3] !== undefined;
    if (rest.length >= 3 && countConsonants(rest) >= (article ? 1 : 2)) {
      if (LATIN_ALLAH.has(rest) || /^l+[aeiou]{1,2}h?$/.test(rest)) return [particle('#ABD', word), particle('#ALLAH', word)];
      return [particle('#ABD', word), content(stripLatinArticle(rest, known), word, rest)];
    }
  }
  const abu = /^(abu|abou|abo)(.{3,})$/.exec(bare);
  if (abu && countConsonants(abu[2]) >= 2 && !known?.(bare)) return [particle('#ABU', word), content(stripLatinArticle(abu[2], known), word, abu[2])];
  // Nasrallah, Fathallah, Hibatullah.
  const allah = /^(.{3,}?)[aeiou]?ll[aeiou]h?$/.exec(bare);
  if (allah && !known?.(bare)) return [content(allah[1], word), particle('#ALLAH', word)];
  // Nureddin, Salahuddin, Nouraldeen, Alaeddine, Kamaludin.
  const din = /^(.{3,}?)(?:[aeiou]l|[aeiou])d{1,2}(?:i|ee|y)ne?$/.exec(bare);
  if (din && !known?.(bare)) return [content(stripLatinArticle(din[1], known), word, din[1]), particle('#DIN', word)];
  // After a detached article ("al Assad") the word is the name itself.
  const stripped = afterArticle ? w : stripLatinArticle(w, known);
  const t = content(stripped, word, stripped !== w ? w : undefined);
  if (afterArticle || stripped !== w) t.article = true;
  return [t];
}

/** The tokens of one Arabic word. */
function arabicWord(word: Word, hasPrev: boolean, hasNext: boolean): NameToken[] {
  // العبدالله, الابوزيد: the article before a compound.
  if (word.w.length >= 7 && (word.w.startsWith('العبد') || word.w.startsWith('الابو'))) {
    const ts = arabicWord({ ...word, w: word.w.slice(2) }, hasPrev, hasNext);
    for (const t of ts) if (!t.particle) t.article = true;
    return ts;
  }
  const w = word.w;
  if (hasNext && ARABIC_BIN.has(w)) return [particle('#BIN', word)];
  if (hasNext && ARABIC_ABU.has(w)) return [particle('#ABU', word)];
  if (hasNext && ARABIC_UMM.has(w)) return [particle('#UMM', word)];
  if (hasNext && w === 'عبد') return [particle('#ABD', word)];
  if (ARABIC_ALLAH.has(w)) return [particle('#ALLAH', word)];
  if (hasPrev && ARABIC_DIN.has(w)) return [particle('#DIN', word)];
  if (w.startsWith('عبد') && w.length >= 5) {
    const rest = w.slice(3);
    if (ARABIC_ALLAH.has(rest)) return [particle('#ABD', word), particle('#ALLAH', word)];
    if (rest.startsWith('ال') && rest.length >= 4) return [particle('#ABD', word), content(stripArabicArticle(rest), word)];
  }
  if (/^ابو.{3,}$/.test(w)) return [particle('#ABU', word), content(stripArabicArticle(w.slice(3)), word)];
  if (w.length >= 7 && w.endsWith('الدين')) return [content(w.slice(0, -5), word), particle('#DIN', word)];
  if (w.length >= 6 && (w.endsWith('الله') || w.endsWith('اللة'))) return [content(w.slice(0, -4), word), particle('#ALLAH', word)];
  const stripped = stripArabicArticle(w);
  const t = content(stripped, word);
  if (stripped !== w) t.article = true;
  return [t];
}

/**
 * The tokens of a name as written, in reading order. Detached articles are dropped;
 * compounds split into a particle and a content token.
 */
export function tokenizeName(raw: string | null | undefined, known?: KnownLatin): NameToken[] {
  if (!raw) return [];
  const words = splitWords(raw);
  const out: NameToken[] = [];
  let afterArticle = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    const hasPrev = out.length > 0;
    const hasNext = next !== undefined;
    const article = afterArticle;
    afterArticle = false;
    if (word.script === 'l') {
      if (hasNext && LATIN_ARTICLES.has(word.w)) {
        if (next.afterComma) continue;
        afterArticle = true;
        // The article's capitals belong to the word it introduces ("AL ASSAD").
        if (word.upper) next.upper = true;
        if (word.afterComma) next.afterComma = true;
        continue;
      }
      if (hasNext && SUN_ARTICLES.has(word.w) && next.script === 'l' && next.w.startsWith(word.w.slice(1))) {
        afterArticle = true;
        if (word.upper) next.upper = true;
        if (word.afterComma) next.afterComma = true;
        continue;
      }
      const ts = latinWord(word, hasPrev, hasNext, known, article, next);
      // "Khairud-Din", "Nour-al Din": the article of the compound hangs on the first word.
      if (ts.length === 1 && ts[0].particle === '#DIN' && out.length > 0) {
        const prev = out[out.length - 1];
        if (!prev.particle && prev.script === 'l' && /^.{3,}[aeiou][ld]$/.test(prev.text)) prev.text = prev.text.slice(0, -2);
      }
      out.push(...ts);
    } else {
      if (word.w === 'ال' || word.w === 'آل') {
        if (next && word.afterComma) next.afterComma = true;
        afterArticle = true;
        continue;
      }
      const ts = arabicWord(word, hasPrev, hasNext);
      if (article && ts.length === 1 && !ts[0].particle) ts[0].article = true;
      out.push(...ts);
    }
  }
  return out;
}

/** The name parts a full name is split into. */
export interface NameSlots {
  given: NameToken[];
  father: NameToken[];
  grandfather: NameToken[];
  family: NameToken[];
}

/**
 * Name units: a content token with the particles bound to it (#ABD Rahman, #ABU Bakr, Nur
 * #DIN, Nasr #ALLAH), #BIN kept as a separator.
 */
function units(tokens: NameToken[]): NameToken[][] {
  const out: NameToken[][] = [];
  let pending: NameToken[] = [];
  for (const t of tokens) {
    if (t.particle === '#BIN') {
      if (pending.length) out.push(pending);
      pending = [];
      out.push([t]);
    } else if (t.particle === '#ABD' || t.particle === '#ABU' || t.particle === '#UMM') {
      pending.push(t);
    } else if ((t.particle === '#DIN' || t.particle === '#ALLAH') && pending.length === 0 && out.length > 0 && out[out.length - 1][0].particle !== '#BIN') {
      out[out.length - 1].push(t);
    } else {
      pending.push(t);
      out.push(pending);
      pending = [];
    }
  }
  if (pending.length) out.push(pending);
  return out;
}

const flat = (us: NameToken[][]) => us.flat();

/**
 * The readings of a full name: one when its writing tells the order (a comma, a family
 * name in capitals, bin/ibn), else two: the Arabic order (given, father, grandfather,
 * family) and family name first, as registers and many official lists write it
 * ("العثمان معن حافظ محمد").
 */
export function fullNameReadings(tokens: NameToken[]): NameSlots[] {
  // Which reading is likelier is decided at match time, from how the lists use each name
  // (compare.ts: a name seen mostly as a family name, or written with the article).
  const first = parseFullName(tokens);
  const cued = tokens.some((t) => t.afterComma || t.particle === '#BIN') || (tokens.some((t) => t.upper) && tokens.some((t) => t.script === 'l' && !t.upper));
  const us = units(tokens);
  if (cued || us.length < 2) return [first];
  const rest = parseFullName(flat(us.slice(1)));
  const familyFirst: NameSlots = { given: rest.given, father: [], grandfather: [], family: us[0] };
  // The rest is the person's chain without a family name of its own.
  const chain = units([...rest.father, ...rest.grandfather, ...rest.family]);
  familyFirst.father = chain[0] ?? [];
  familyFirst.grandfather = flat(chain.slice(1));
  return [first, familyFirst];
}

/**
 * Given, father's, grandfather's and family name of a full name:
 *
 * - "FAMILY, Given Father Grandfather": the part before the comma is the family name;
 * - "Given bin Father bin Grandfather Family": #BIN links the chain of fathers;
 * - "ASSAD Bashar Hafez": words in capitals among words that are not are the family name;
 * - otherwise the Arabic order: 1 unit given; 2 given family; 3 given father family; 4
 *   given father grandfather family; more: the first three, then the rest as family.
 */
export function parseFullName(tokens: NameToken[]): NameSlots {
  const slots: NameSlots = { given: [], father: [], grandfather: [], family: [] };
  if (tokens.length === 0) return slots;
  const comma = tokens.findIndex((t) => t.afterComma);
  if (comma > 0) {
    const family = tokens.slice(0, comma);
    const rest = parseFullName(tokens.slice(comma).map((t) => (t.afterComma ? { ...t, afterComma: undefined } : t)));
    slots.family = family;
    slots.given = rest.given;
    // The rest is the person's own chain: given, father, grandfather (no family of its own).
    const chain = [...rest.father, ...rest.grandfather, ...rest.family];
    const us = units(chain).filter((u) => u[0].particle !== '#BIN');
    slots.father = us[0] ?? [];
    slots.grandfather = flat(us.slice(1));
    return slots;
  }
  const upper = tokens.filter((t) => t.upper);
  if (upper.length > 0 && upper.length < tokens.length && tokens.some((t) => t.script === 'l' && !t.upper)) {
    const rest = parseFullName(tokens.filter((t) => !t.upper));
    const chain = [...rest.father, ...rest.grandfather, ...rest.family];
    const us = units(chain).filter((u) => u[0].particle !== '#BIN');
    return { given: rest.given, father: us[0] ?? [], grandfather: flat(us.slice(1)), family: upper };
  }
  const us = units(tokens);
  if (us.some((u) => u[0].particle === '#BIN')) {
    // Given bin Father [bin Grandfather] [Family…]
    const parts: NameToken[][][] = [[]];
    for (const u of us) {
      if (u[0].particle === '#BIN') parts.push([]);
      else parts[parts.length - 1].push(u);
    }
    const head = parts[0];
    slots.given = flat(head.slice(0, 1));
    const links = parts.slice(1).filter((p) => p.length > 0);
    if (links.length === 0) {
      slots.family = flat(head.slice(1));
      return slots;
    }
    slots.father = flat(links[0].slice(0, 1));
    const lastLink = links[links.length - 1];
    if (links.length >= 2) slots.grandfather = flat(links[1].slice(0, 1));
    slots.family = flat(lastLink.slice(1));
    return slots;
  }
  const n = us.length;
  slots.given = us[0];
  if (n === 2) slots.family = us[1];
  else if (n === 3) {
    slots.father = us[1];
    slots.family = us[2];
  } else if (n >= 4) {
    slots.father = us[1];
    slots.grandfather = us[2];
    slots.family = flat(us.slice(3));
  }
  return slots;
}
