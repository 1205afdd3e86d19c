/**
 * The name pool: curated Syrian names (name-data.ts) and Arab nisba family names found in
 * the Wikidata token data, each with its sound skeleton (phonemes.ts), its attested Latin
 * spellings with their counts, and a sampling weight taken from the Wikidata counts, so
 * that Muhammad, Ahmad and Ali dominate as they do in real lists.
 *
 * `parseNameTokens` reads the TSV text (Latin token, Arabic letters separated by spaces,
 * count); the caller reads the file.
 */
import { align, plainLatin } from './phonemes.ts';
import { WeightedTable } from '../random.ts';
import { FAMILY, FEMALE_GIVEN, KURDISH_FAMILY, KURDISH_FEMALE, KURDISH_MALE, MALE_GIVEN, NOT_FAMILY_NAMES, PATRONYMIC_FAMILY_FROM } from './name-data.ts';

export interface LatinCount {
  latin: string;
  count: number;
}

/** The Wikidata token pairs, by Arabic spelling (letters joined). */
export interface NameTokenData {
  byArabic: Map<string, LatinCount[]>;
  rows: number;
}

/** Reads `wikidata-arabic-latin-name-tokens.tsv`: latin TAB arabic letters spaced TAB count. */
export function parseNameTokens(tsv: string): NameTokenData {
  const byArabic = new Map<string, LatinCount[]>();
  let rows = 0;
  for (const line of tsv.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 3) continue;
    const count = Number(cols[2]);
    if (!Number.isFinite(count) || count <= 0) continue;
    const arabic = cols[1].replace(/ /g, '').normalize('NFC');
    const latin = cols[0].trim();
    if (!arabic || !latin) continue;
    rows++;
    let list = byArabic.get(arabic);
    if (!list) byArabic.set(arabic, (list = []));
    list.push({ latin, count });
  }
  return { byArabic, rows };
}

/** An attested Latin spelling of a name part; `article` when it includes the article. */
export interface Variant {
  latin: string;
  count: number;
  article: boolean;
}

export interface NamePart {
  /** Arabic spelling of the part, with its article when it has one. */
  ar: string;
  article: boolean;
  /** Sound skeleton of the part without the article. */
  phon: string;
  variants: Variant[];
  variantTotal: number;
}

export type NameKind = 'male' | 'female' | 'family';
/** How the parts of a compound join: Abd al-Rahman, Nasr Allah, Abu Zayd, al-Hajj Ali. */
export type CompoundKind = 'single' | 'article' | 'allah' | 'abu' | 'plain';

export interface NameToken {
  id: number;
  kind: NameKind;
  /** Arabic spelling as a register writes it; parts separated by a space. */
  ar: string;
  /** Kurdish spelling in Arabic script (ڤ ۆ ێ ڕ ک گ ی), for Kurdish names. */
  arKurdish?: string;
  /** Kurmanji Latin (Hawar) spelling, for Kurdish names. */
  hawar?: string;
  kurdish: boolean;
  parts: NamePart[];
  compound: CompoundKind;
  /** Attested spellings of a compound written as one word (Abdulrahman). */
  whole: Variant[];
  weight: number;
  /** The reference Latin spelling it was built from. */
  ref: string;
}

export interface NamePool {
  male: WeightedTable<NameToken>;
  female: WeightedTable<NameToken>;
  family: WeightedTable<NameToken>;
  kurdishMale: WeightedTable<NameToken>;
  kurdishFemale: WeightedTable<NameToken>;
  kurdishFamily: WeightedTable<NameToken>;
  /** The single-part men's names (for kunyas: Abu Ahmad). */
  kunyaNames: WeightedTable<NameToken>;
  all: NameToken[];
  /** Tokens by Arabic spelling and kind, e.g. `male:محمد`. */
  byKey: Map<string, NameToken>;
}

const MAX_VARIANT_COST = 2;

/** Arabic spelling variants under which the data may hold a token (hamza seats, ة/ه, ى/ي). */
function lookupKeys(ar: string): string[] {
  const keys = new Set([ar]);
  keys.add(ar.replace(/^[أإآ]/, 'ا'));
  keys.add(ar.replace(/[أإآ]/g, 'ا'));
  keys.add(ar.replace(/ة$/, 'ه'));
  keys.add(ar.replace(/ى$/, 'ي'));
  keys.add(ar.replace(/ي$/, 'ى'));
  return [...keys];
}

function isPlainLatin(s: string) {
  return /^[a-z'3]+$/.test(plainLatin(s)) && !/[37]/.test(s);
}

/** The attested spellings of an Arabic part that are plausible spellings of it. */
function variantsOf(data: NameTokenData, ar: string, article: boolean, kurdish: boolean, stemLookup = true): Variant[] {
  const merged = new Map<string, Variant>();
  const add = (latin: string, count: number, art: boolean) => {
    const key = latin
      .normalize('NFC')
      .toLowerCase()
      .replace(/\u0307/g, '');
    const v = merged.get(key);
    if (v) v.count += count;
    else merged.set(key, { latin: key, count, article: art });
  };
  const stem = article ? ar.slice(2) : ar;
  const candidates: { key: string; art: boolean }[] = lookupKeys(ar).map((key) => ({ key, art: article }));
  if (article && stemLookup) for (const key of lookupKeys(stem)) candidates.push({ key, art: false });
  for (const { key, art } of candidates) {
    for (const { latin, count } of data.byArabic.get(key) ?? []) {
      if (!isPlainLatin(latin) || latin.length < 2) continue;
      const a = align(art ? 'ال' + stem : stem, latin, { article: art, kurdish, maxCost: MAX_VARIANT_COST });
      if (!a) continue;
      add(latin, count, a.latinArticle);
    }
  }
  const list = [...merged.values()];
  const total = list.reduce((s, v) => s + v.count, 0);
  // Single occurrences of rare spellings of a frequent name are mostly alignment noise.
  return list.filter((v) => v.count >= 2 || total < 40).sort((a, b) => b.count - a.count || (a.latin < b.latin ? -1 : 1));
}

const ALLAH = 'الله';

function buildPart(data: NameTokenData, ar: string, ref: string, kurdish: boolean): NamePart {
  const article = ref.startsWith('al-');
  if (ar === ALLAH) return { ar, article: true, phon: 'lAh', variants: [], variantTotal: 0 };
  if (article && !ar.startsWith('ال')) throw new Error(`name part ${ar} has an article in "${ref}" but not in Arabic`);
  const a = align(ar, ref.replace(/-/g, ''), { article, kurdish, maxCost: 4 });
  if (!a) throw new Error(`cannot align name part ${ar} with "${ref}"`);
  const phon = a.phon.replace(/^\^/, '');
  // Kurdish names are spelled by the rules and in Kurmanji: the Wikidata spellings of
  // their Arabic letters are mostly other people's names (جوان → Joan).
  const variants = kurdish ? [] : variantsOf(data, ar, article, kurdish);
  return { ar, article, phon, variants, variantTotal: variants.reduce((s, v) => s + v.count, 0) };
}

function compoundKind(parts: NamePart[], refParts: string[]): CompoundKind {
  if (parts.length === 1) return 'single';
  if (parts[1].ar === ALLAH) return 'allah';
  if (refParts[0] === 'abu') return 'abu';
  if (parts[1].article) return 'article';
  return 'plain';
}

function lines(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('|').map((c) => c.trim()));
}

interface Builder {
  data: NameTokenData;
  tokens: NameToken[];
  byKey: Map<string, NameToken>;
}

function addToken(
  b: Builder,
  kind: NameKind,
  ar: string,
  ref: string,
  extra: { kurdish?: boolean; arKurdish?: string; hawar?: string; floor: number; weight?: number; cap?: number },
): NameToken | undefined {
  const key = `${kind}:${ar}`;
  if (b.byKey.has(key)) return b.byKey.get(key);
  const arParts = ar.split(' ');
  const refParts = ref.split(' ');
  if (arParts.length !== refParts.length) throw new Error(`"${ar}" and "${ref}" have different numbers of parts`);
  const kurdish = extra.kurdish ?? false;
  const parts = arParts.map((p, i) => buildPart(b.data, p, refParts[i], kurdish));
  const compound = compoundKind(parts, refParts);
  const whole = parts.length > 1 ? variantsJoined(b.data, arParts.join('')) : [];
  // Weight: the attested count of the name (for compounds, of the whole and a share of
  // the distinctive part), damped a little, plus a floor for names Wikidata barely knows.
  const attested =
    parts.length === 1
      ? parts[0].variantTotal
      : whole.reduce((s, v) => s + v.count, 0) + (compound === 'abu' || compound === 'plain' ? 0 : parts[1].variantTotal / 8);
  const weight = extra.weight ?? extra.floor + Math.pow(Math.min(attested, extra.cap ?? Infinity), 0.9);
  const token: NameToken = {
    id: b.tokens.length,
    kind,
    ar,
    arKurdish: extra.arKurdish,
    hawar: extra.hawar,
    kurdish,
    parts,
    compound,
    whole,
    weight,
    ref,
  };
  b.tokens.push(token);
  b.byKey.set(key, token);
  return token;
}

/** Spellings of a compound written as one word (عبدالرحمن → abdulrahman). */
function variantsJoined(data: NameTokenData, joined: string): Variant[] {
  const out: Variant[] = [];
  for (const key of lookupKeys(joined)) {
    for (const { latin, count } of data.byArabic.get(key) ?? []) {
      const l = plainLatin(latin);
      if (!isPlainLatin(latin) || l.length < [...joined].length * 0.6) continue;
      out.push({ latin: l, count, article: true });
    }
  }
  return out;
}

/** Arab nisba family names (al-…i) attested in the Wikidata tokens. */
function minedFamilies(b: Builder): void {
  const known = new Set(b.tokens.filter((t) => t.kind === 'family').map((t) => t.ar));
  const keys = [...b.data.byArabic.keys()].filter(
    (k) => k.startsWith('ال') && k.endsWith('ي') && [...k].length >= 5 && !NOT_FAMILY_NAMES.has(k) && !known.has(k),
  );
  keys.sort();
  for (const ar of keys) {
    // Only spellings in plain ASCII: accented ones are mostly European names in the data.
    // Only the spellings of the whole token (the bare stem would bring in Barry for باري).
    const variants = variantsOf(b.data, ar, true, false, false).filter((v) => /^[a-z']+$/.test(v.latin));
    const total = variants.reduce((s, v) => s + v.count, 0);
    if (total < 3 || variants.length === 0) continue;
    // Reference: the best-aligning frequent spelling written without the article.
    let best: { phon: string; score: number; latin: string } | null = null;
    for (const v of variants) {
      if (v.article) continue;
      const a = align(ar, v.latin, { article: true, maxCost: 1.5 });
      if (!a) continue;
      const score = a.cost - 0.3 * Math.log(v.count);
      if (!best || score < best.score) best = { phon: a.phon.replace(/^\^/, ''), score, latin: v.latin };
    }
    if (!best || best.phon.length < 3) continue;
    const token: NameToken = {
      id: b.tokens.length,
      kind: 'family',
      ar,
      kurdish: false,
      parts: [{ ar, article: true, phon: best.phon, variants, variantTotal: total }],
      compound: 'single',
      whole: [],
      weight: 1 + Math.pow(total, 0.7),
      ref: 'al-' + best.latin,
    };
    b.tokens.push(token);
    b.byKey.set(`family:${ar}`, token);
  }
}

/** Builds the name pool from the Wikidata token data. Deterministic; takes ~100 ms. */
export function buildNamePool(data: NameTokenData): NamePool {
  const b: Builder = { data, tokens: [], byKey: new Map() };
  const male: NameToken[] = [];
  const female: NameToken[] = [];
  const family: NameToken[] = [];
  const kMale: NameToken[] = [];
  const kFemale: NameToken[] = [];
  const kFamily: NameToken[] = [];
  const push = (list: NameToken[], t: NameToken | undefined) => {
    if (t && !list.includes(t)) list.push(t);
  };

  // A third column overrides the weight of names Wikidata mostly knows from non-Arabs (Mary).
  const w = (col: string | undefined) => (col ? Number(col) : undefined);
  for (const [ar, ref, wt] of lines(MALE_GIVEN)) push(male, addToken(b, 'male', ar, ref, { floor: 4, weight: w(wt) }));
  for (const [ar, ref, wt] of lines(FEMALE_GIVEN)) push(female, addToken(b, 'female', ar, ref, { floor: 6, weight: w(wt) }));
  for (const [ar, ref, wt] of lines(FAMILY)) push(family, addToken(b, 'family', ar, ref, { floor: 8, weight: w(wt), cap: 25 }));
  for (const given of PATRONYMIC_FAMILY_FROM) {
    const g = b.byKey.get(`male:${given}`);
    if (!g) throw new Error(`patronymic family from unknown name ${given}`);
    const [first, ...rest] = g.ar.split(' ');
    const refParts = g.ref.split(' ');
    const ar = ['ال' + first, ...rest].join(' ');
    const ref = ['al-' + refParts[0], ...refParts.slice(1)].join(' ');
    // al-Ahmad, al-Ali, al-Muhammad are among the commonest Syrian family names.
    push(family, addToken(b, 'family', ar, ref, { floor: 0, weight: 2 * Math.pow(g.weight, 0.6) }));
  }
  minedFamilies(b);
  for (const t of b.tokens) if (t.kind === 'family' && !family.includes(t) && !t.kurdish) family.push(t);

  for (const [ar, ku, ref, hawar] of lines(KURDISH_MALE)) push(kMale, addToken(b, 'male', ar, ref, { kurdish: true, arKurdish: ku, hawar, floor: 6 }));
  for (const [ar, ku, ref, hawar] of lines(KURDISH_FEMALE)) push(kFemale, addToken(b, 'female', ar, ref, { kurdish: true, arKurdish: ku, hawar, floor: 6 }));
  for (const [ar, ku, ref, hawar] of lines(KURDISH_FAMILY)) push(kFamily, addToken(b, 'family', ar, ref, { kurdish: true, arKurdish: ku, hawar, floor: 6 }));

  const table = (list: NameToken[]) =>
    new WeightedTable(
      list,
      list.map((t) => t.weight),
    );
  const kunya = male.filter((t) => t.parts.length === 1);
  return {
    male: table(male),
    female: table(female),
    family: table(family),
    kurdishMale: table(kMale),
    kurdishFemale: table(kFemale),
    kurdishFamily: table(kFamily),
    kunyaNames: table(kunya),
    all: b.tokens,
    byKey: b.byKey,
  };
}
