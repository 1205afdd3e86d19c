import { interiorPoint, type AdminArea, type AreaRef } from './areas.ts';
import { contentWords, isArabicScript, keyOfWords, normalizeName, skeletonsOfWords } from './normalize.ts';

/**
 * The gazetteer (C2 "a place from the gazetteer ... with its OCHA p-code"): populated
 * places, governorates and districts, searchable by their Arabic or English name in any
 * usual spelling. Pure and synchronous; built once from rows, then searched on the
 * request path (or in the browser), so a search is binary searches in sorted keys and
 * a walk of a bigram index, never a scan of every name (bench/geo.ts: ~0.3 ms a query).
 */

/** One populated place, as in the shipped syr_populated_places.tsv. */
export interface PlaceRow {
  pcode: string;
  name_en: string;
  name_ar: string;
  lat: number;
  lon: number;
  /** 1 governorate capital, 2 district capital, 3 sub-district capital; null otherwise. */
  capital_level?: number | null;
  adm1_pcode: string;
  adm1_en: string;
  adm1_ar: string;
  adm2_pcode: string;
  adm2_en: string;
  adm2_ar: string;
  adm3_pcode?: string;
  adm3_en?: string;
  adm3_ar?: string;
}

export type PlaceKind = 'place' | 'district' | 'governorate';

/** A search result or a p-code look-up. A governorate has no adm2, only a place has an adm3. */
export interface GeoPlace {
  pcode: string;
  kind: PlaceKind;
  nameEn: string;
  nameAr: string;
  lat: number;
  lon: number;
  adm1: AreaRef;
  adm2?: AreaRef;
  adm3?: AreaRef;
}

export interface SearchOptions {
  /** At most this many results (default 10). */
  limit?: number;
  /** Only places and areas in this governorate (p-code SY01…SY14). */
  adm1?: string;
}

const TSV_COLUMNS = [
  'pcode',
  'name_en',
  'name_ar',
  'lat',
  'lon',
  'capital_level',
  'adm1_pcode',
  'adm1_en',
  'adm1_ar',
  'adm2_pcode',
  'adm2_en',
  'adm2_ar',
] as const;

/**
 * Parses the populated places file (UTF-8, tab-separated, header row). Columns are found
 * by name; an error names the line and the column.
 */
export function parsePlacesTsv(text: string): PlaceRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  for (const name of TSV_COLUMNS) if (col(name) < 0) throw new Error(`line 1: no column ${name}`);
  const rows: PlaceRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const f = lines[i].split('\t');
    const at = (name: string) => `line ${i + 1}, column ${name}`;
    if (f.length !== header.length) throw new Error(`line ${i + 1}: ${f.length} fields, the header has ${header.length}`);
    const text = (name: string, required = true) => {
      const v = (f[col(name)] ?? '').trim();
      if (required && v === '') throw new Error(`${at(name)}: empty`);
      return v;
    };
    const number = (name: string, min: number, max: number) => {
      const v = Number(text(name));
      if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${at(name)}: ${JSON.stringify(f[col(name)])} is not a number from ${min} to ${max}`);
      return v;
    };
    const capital = text('capital_level', false);
    const row: PlaceRow = {
      pcode: text('pcode'),
      name_en: text('name_en'),
      name_ar: text('name_ar'),
      lat: number('lat', -90, 90),
      lon: number('lon', -180, 180),
      capital_level: capital === '' ? null : Number(capital),
      adm1_pcode: text('adm1_pcode'),
      adm1_en: text('adm1_en'),
      adm1_ar: text('adm1_ar'),
      adm2_pcode: text('adm2_pcode'),
      adm2_en: text('adm2_en'),
      adm2_ar: text('adm2_ar'),
    };
    if (col('adm3_pcode') >= 0 && text('adm3_pcode', false) !== '') {
      row.adm3_pcode = text('adm3_pcode');
      row.adm3_en = text('adm3_en', false) || row.adm3_pcode;
      row.adm3_ar = text('adm3_ar', false) || row.adm3_pcode;
    }
    rows.push(row);
  }
  return rows;
}

/** One searchable spelling of an entry: its English or Arabic name, or an alias of it. */
interface NameForm {
  entry: number;
  arabic: boolean;
  /** Subtracted from the score: an alias is a slightly weaker match than the name itself. */
  penalty: number;
  /** The whole key (for substrings) and the number of its bigrams (for similarity). */
  key: string;
  grams: number;
}

interface Entry {
  place: GeoPlace;
  /** Among equally good matches: governorates, districts, then places by capital level. */
  rank: number;
  /**
   * Added to the score: a governorate or a capital is more often meant than a village
   * whose name happens to look closer ("Halab" is Aleppo, حلب, before the hamlet
   * Hallaba; "Suwayda" is As-Sweida before Sayda). At most 3, less than the gap
   * between two kinds of match, so it orders within a kind of match, not across.
   */
  prominence: number;
}

/** Separators between the two names of a combined locality ("Rabwa / Harbuq", "البياضة - جنديرس"). */
const LATIN_SEPARATORS = /\s*(?:[/\\&_]|\s-\s)\s*/;
const ARABIC_SEPARATORS = /\s*[-_/\\]\s*/;
/** OCHA names a governorate's central district "centre of X" and Damascus "city of Damascus". */
const ARABIC_AREA_PREFIX = /^(?:مركز|مدينة)\s+/;

/** Prominence of a place by its capital level (1 governorate, 2 district, 3 sub-district capital, other). */
const CAPITAL_PROMINENCE = [0, 3, 2, 1];

/** Padded bigrams: short names are the common case, and bigrams give them enough overlap to rank. */
function bigrams(key: string): string[] {
  const padded = ` ${key} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) out.add(padded.slice(i, i + 2));
  return [...out];
}

/** A string of a name form; `whole` is false for the name from its second word on. */
interface Indexed {
  s: string;
  form: number;
  whole: boolean;
}

/**
 * Strings in sorted order, so that all those starting with a prefix are one binary
 * search and a contiguous run: the prefix and exact-match kinds of search cost the
 * number of matches, not the size of the gazetteer.
 */
class PrefixIndex {
  private readonly strings: string[];
  private readonly forms: Int32Array;
  private readonly whole: Uint8Array;

  constructor(items: Indexed[]) {
    items.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
    this.strings = items.map((i) => i.s);
    this.forms = Int32Array.from(items, (i) => i.form);
    this.whole = Uint8Array.from(items, (i) => (i.whole ? 1 : 0));
  }

  /** Calls `visit` for every string that starts with `prefix`. */
  each(prefix: string, visit: (form: number, whole: boolean, exact: boolean) => void) {
    const { strings } = this;
    let lo = 0,
      hi = strings.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strings[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < strings.length && strings[i].startsWith(prefix); i++) visit(this.forms[i], this.whole[i] === 1, strings[i].length === prefix.length);
  }
}

export class Gazetteer {
  private readonly entries: Entry[] = [];
  private readonly forms: NameForm[] = [];
  private readonly byCode = new Map<string, Entry>();
  private readonly postings = new Map<string, number[]>();
  private readonly norms: PrefixIndex;
  private readonly keys: PrefixIndex;
  private readonly skeletons: PrefixIndex;
  // Scratch buffers reused by every search (searches are synchronous, so never shared).
  private readonly counts: Uint16Array;
  private readonly strong: Float64Array;
  private readonly weak: Float64Array;
  private readonly dice: Float64Array;

  /**
   * @param places populated places (syr_populated_places.tsv)
   * @param areas governorates and districts (their label point becomes their position)
   */
  constructor(places: readonly PlaceRow[], areas: readonly AdminArea[] = []) {
    const norms: Indexed[] = [],
      keys: Indexed[] = [],
      skeletons: Indexed[] = [];
    const add = (place: GeoPlace, rank: number, prominence: number) => this.add(place, rank, prominence, norms, keys, skeletons);
    const refs = new Map(areas.map((a) => [a.pcode, { pcode: a.pcode, nameEn: a.nameEn, nameAr: a.nameAr }]));
    for (const a of areas) {
      const [lon, lat] = interiorPoint(a.geometry);
      const self = refs.get(a.pcode)!;
      const parent = a.parent ? refs.get(a.parent) : undefined;
      if (a.level === 2 && !parent) throw new Error(`district ${a.pcode}: governorate ${a.parent} is not among the areas`);
      if (a.level === 1) add({ pcode: a.pcode, kind: 'governorate', nameEn: a.nameEn, nameAr: a.nameAr, lat, lon, adm1: self }, 0, 3);
      else add({ pcode: a.pcode, kind: 'district', nameEn: a.nameEn, nameAr: a.nameAr, lat, lon, adm1: parent!, adm2: self }, 1, 2);
    }
    for (const p of places) {
      const place: GeoPlace = {
        pcode: p.pcode,
        kind: 'place',
        nameEn: p.name_en,
        nameAr: p.name_ar,
        lat: p.lat,
        lon: p.lon,
        adm1: { pcode: p.adm1_pcode, nameEn: p.adm1_en, nameAr: p.adm1_ar },
        adm2: { pcode: p.adm2_pcode, nameEn: p.adm2_en, nameAr: p.adm2_ar },
        ...(p.adm3_pcode ? { adm3: { pcode: p.adm3_pcode, nameEn: p.adm3_en ?? p.adm3_pcode, nameAr: p.adm3_ar ?? p.adm3_pcode } } : {}),
      };
      // Capitals first among places of the same name: "Hama" is the city before the villages.
      const capital = p.capital_level && p.capital_level >= 1 && p.capital_level <= 3 ? p.capital_level : 0;
      add(place, capital === 0 ? 5 : 1 + capital, CAPITAL_PROMINENCE[capital]);
    }
    this.norms = new PrefixIndex(norms);
    this.keys = new PrefixIndex(keys);
    this.skeletons = new PrefixIndex(skeletons);
    this.counts = new Uint16Array(this.forms.length);
    this.strong = new Float64Array(this.entries.length);
    this.weak = new Float64Array(this.entries.length);
    this.dice = new Float64Array(this.entries.length);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The place, district or governorate with this p-code. */
  byPcode(pcode: string): GeoPlace | undefined {
    return this.byCode.get(pcode)?.place;
  }

  private add(place: GeoPlace, rank: number, prominence: number, norms: Indexed[], keys: Indexed[], skeletons: Indexed[]) {
    if (this.byCode.has(place.pcode)) throw new Error(`p-code ${place.pcode} appears twice in the gazetteer`);
    const entry = this.entries.length;
    const e: Entry = { place, rank, prominence };
    this.entries.push(e);
    this.byCode.set(place.pcode, e);
    const spellings: [string, number][] = [
      [place.nameEn, 0],
      [place.nameAr, 0],
    ];
    for (const [name, separators] of [
      [place.nameEn, LATIN_SEPARATORS],
      [place.nameAr, ARABIC_SEPARATORS],
    ] as const) {
      const parts = name.split(separators);
      if (parts.length > 1) for (const part of parts) spellings.push([part, 2]);
    }
    if (place.kind !== 'place' && ARABIC_AREA_PREFIX.test(place.nameAr)) spellings.push([place.nameAr.replace(ARABIC_AREA_PREFIX, ''), 2]);
    const seen = new Set<string>();
    for (const [spelling, penalty] of spellings) {
      const norm = normalizeName(spelling);
      if (norm === '' || seen.has(norm)) continue;
      seen.add(norm);
      const form = this.forms.length;
      const words = contentWords(norm);
      const key = keyOfWords(words);
      const grams = bigrams(key);
      this.forms.push({ entry, arabic: isArabicScript(norm), penalty, key, grams: grams.length });
      norms.push({ s: norm, form, whole: true });
      for (let i = 0; i < words.length; i++) {
        const tail = words.slice(i);
        keys.push({ s: i === 0 ? key : keyOfWords(tail), form, whole: i === 0 });
        for (const s of skeletonsOfWords(tail)) if (s !== '') skeletons.push({ s, form, whole: i === 0 });
      }
      for (const g of grams) {
        const list = this.postings.get(g);
        if (list) list.push(form);
        else this.postings.set(g, [form]);
      }
    }
  }

  /**
   * Places, districts and governorates matching the query, best first. A name matches
   * (best first): written the same after normalisation; the same without articles,
   * spaces and doubled letters; starting with what was typed, or with the same
   * consonants in the other script or another transliteration; one of its later words
   * starting so; containing it; or, failing all, by bigram similarity (typos). Among
   * equal matches: the closer spelling, then governorates, districts, capitals, places.
   */
  search(query: string, options: SearchOptions = {}): GeoPlace[] {
    const limit = Math.max(1, Math.min(options.limit ?? 10, 1000));
    const norm = normalizeName(query);
    if (norm === '') return [];
    const words = contentWords(norm);
    const key = keyOfWords(words);
    const arabic = isArabicScript(norm);
    // A skeleton of one consonant ("Ain" → n) says nothing; of two it is weak evidence.
    const skels = skeletonsOfWords(words).filter((s) => s.length >= 2);
    const strongSkeleton = skels.some((s) => s.length >= 3);

    const { forms, counts, strong, weak, dice } = this;
    strong.fill(0);
    weak.fill(0);
    dice.fill(0);
    const raise = (form: number, tier: number, scores = strong) => {
      const f = forms[form];
      if (tier - f.penalty > scores[f.entry]) scores[f.entry] = tier - f.penalty;
    };

    // Written the same, or the start of it (what is being typed).
    this.norms.each(norm, (form, _whole, exact) => {
      if (forms[form].arabic === arabic) raise(form, exact ? 100 : 85);
    });
    // The same without articles, spaces and doubled letters; or the start of the name or of a later word.
    this.keys.each(key, (form, whole, exact) => {
      if (forms[form].arabic === arabic) raise(form, whole ? (exact ? 95 : 85) : 78);
    });
    // The same consonants: another transliteration, or the other script.
    for (const q of skels) {
      this.skeletons.each(q, (form, whole, exact) => {
        if (strongSkeleton) raise(form, whole ? (exact ? 85 : 72) : 65);
        else raise(form, whole ? (exact ? 72 : 50) : 45, weak);
      });
    }
    // Shared bigrams: how alike the spellings are (to order matches), substrings and typos.
    const qGrams = bigrams(key);
    const touched: number[] = [];
    for (const g of qGrams) {
      const list = this.postings.get(g);
      if (list) for (const form of list) if (counts[form]++ === 0) touched.push(form);
    }
    for (const form of touched) {
      const f = forms[form];
      const shared = counts[form];
      counts[form] = 0;
      if (f.arabic !== arabic) continue;
      const similarity = (2 * shared) / (qGrams.length + f.grams);
      if (similarity > dice[f.entry]) dice[f.entry] = similarity;
      if (key.length >= 3 && f.key.includes(key)) raise(form, 55);
      else if (similarity >= 0.45) raise(form, 30 + 25 * similarity);
    }

    // The best `limit`, kept in order while scanning (broad queries match thousands).
    const top: { e: Entry; score: number }[] = [];
    const before = (a: { e: Entry; score: number }, b: { e: Entry; score: number }) =>
      a.score !== b.score
        ? a.score > b.score
        : a.e.rank !== b.e.rank
          ? a.e.rank < b.e.rank
          : a.e.place.nameEn.length !== b.e.place.nameEn.length
            ? a.e.place.nameEn.length < b.e.place.nameEn.length
            : a.e.place.pcode < b.e.place.pcode;
    for (let i = 0; i < this.entries.length; i++) {
      // Two shared consonants alone ("zq" and "Zaqi") are no evidence without some likeness of spelling.
      const tier = Math.max(strong[i], dice[i] >= 0.3 ? weak[i] : 0);
      if (tier === 0) continue;
      const e = this.entries[i];
      if (options.adm1 && e.place.adm1.pcode !== options.adm1) continue;
      const hit = { e, score: tier + 4 * dice[i] + e.prominence };
      if (top.length === limit && !before(hit, top[limit - 1])) continue;
      let at = top.length;
      while (at > 0 && before(hit, top[at - 1])) at--;
      top.splice(at, 0, hit);
      if (top.length > limit) top.pop();
    }
    return top.map((h) => h.e.place);
  }
}
