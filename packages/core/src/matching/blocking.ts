/**
 * Blocking: which pairs are worth comparing at all.
 *
 * Comparing every sought record with every held one (50,000 × 50,000 = 2.5 billion pairs)
 * is out of reach, and a pair that shares nothing is not a match. Each record gets several
 * keys, built from the cross-script blocking skeletons of its names (phonetic-code.ts), so that
 * محمد, Mohamed and Muhammad give one key; a pair is compared when any key is shared (a
 * union of rules, so that one missing or misspelt field does not lose the pair):
 *
 * - any two of given, father's, grandfather's and family name, in either order (a name
 *   written in the wrong slot or order still meets its match);
 * - given + father's + family name together (still selective for Muhammad Ahmad al-Ali);
 * - given or father's name with mother's name; given or family name with birth place;
 * - birth year (within a year) with given, father's or family name; day and month of
 *   birth with any name (a year mistyped);
 * - the national ID, and each half of it (a digit mistyped);
 * - the day of detention with any name;
 * - each name token alone, which only counts when it is rare.
 *
 * A key shared by many held records (Muhammad + Ahmad) is read only around the sought
 * record's birth year (± WINDOW, and records of unknown year); one still too common is
 * dropped for that record and the others carry the pair; a record's keys are taken
 * rarest first up to a budget, so the number of pairs stays bounded on lists full of
 * common names.
 */
import type { PreparedList } from './types.ts';

export const KEY_PAIR = 0;
export const KEY_TRIPLE = 1;
export const KEY_SINGLE = 2;
export const KEY_YEAR = 3;
export const KEY_ID = 4;
export const KEY_MOTHER = 5;
export const KEY_DAY = 6;
export const KEY_PLACE = 7;
export const KEY_DETAINED = 8;

type KeyKind = 'pair' | 'triple' | 'single' | 'year' | 'id' | 'mother' | 'day' | 'place' | 'detained';

export interface BlockingOptions {
  /** A key is used only when at most this many held records share it, by key type. */
  caps?: Partial<Record<KeyKind, number>>;
  /** At most this many candidates per sought record (rarest keys first). */
  maxCandidates?: number;
}

/** Caps chosen on synthetic lists (bench/matching.ts): a key this common carries little identity. */
export const DEFAULT_CAPS: Record<KeyKind, number> = {
  pair: 800,
  triple: 2000,
  single: 40,
  year: 300,
  id: 50,
  mother: 300,
  day: 200,
  place: 300,
  detained: 200,
};
/**
 * A key shared by more held records than this is read, for a sought record with a birth
 * year, only for held records born within WINDOW years of it (or of unknown year).
 */
export const WINDOW_FROM = 40;
export const WINDOW = 2;
export const DEFAULT_MAX_CANDIDATES = 1500;

function capsOf(opts: BlockingOptions | undefined): Int32Array {
  const c = { ...DEFAULT_CAPS, ...(opts?.caps ?? {}) };
  const caps = new Int32Array(16);
  caps[KEY_PAIR] = c.pair;
  caps[KEY_TRIPLE] = c.triple;
  caps[KEY_SINGLE] = c.single;
  caps[KEY_YEAR] = c.year;
  caps[KEY_ID] = c.id;
  caps[KEY_MOTHER] = c.mother;
  caps[KEY_DAY] = c.day;
  caps[KEY_PLACE] = c.place;
  caps[KEY_DETAINED] = c.detained;
  return caps;
}

export interface KeySource {
  /** Hashes (textHash) of the skeletons of given, father's, grandfather's, family and mother's name (0 when empty). */
  slots: number[];
  /** Hash of the skeleton of the place of birth (0 when unknown). */
  place: number;
  /** Hashes of the skeletons of every name token. */
  tokens: number[];
  year: number;
  month: number;
  day: number;
  nationalId: string;
  /** Day of detention (days since 1970), 0 unknown. */
  detained: number;
}

/** A 32-bit hash of a text, never 0 (0 means "none" in a KeySource). */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h === 0 ? 1 : h;
}

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x01000193);
  return h ^ (h >>> 15);
}

/** A key from up to three numbers, its low 4 bits the key type (and a tag that keeps kinds apart). */
function key(type: number, tag: number, a: number, b = 0, c = 0): number {
  const h = mix(mix(mix(mix(0x811c9dc5, type * 31 + tag), a), b), c);
  return ((h & ~0xf) | type) >>> 0;
}

/** The blocking keys of one record (see the header for the rules). */
export function recordKeys(src: KeySource, into: Set<number>): void {
  const names = src.slots;
  for (let i = 0; i < 4; i++) {
    for (let j = i + 1; j < 4; j++) {
      const x = names[i];
      const y = names[j];
      if (x && y) into.add(x < y ? key(KEY_PAIR, 0, x, y) : key(KEY_PAIR, 0, y, x));
    }
  }
  const g = names[0];
  const f = names[1];
  const fam = names[3];
  const mother = names[4];
  if (g && f && fam) {
    const lo = Math.min(g, f, fam);
    const hi = Math.max(g, f, fam);
    into.add(key(KEY_TRIPLE, 0, lo, g + f + fam - lo - hi, hi));
  }
  if (mother) {
    if (g) into.add(key(KEY_MOTHER, 1, g, mother));
    if (f) into.add(key(KEY_MOTHER, 2, f, mother));
  }
  if (src.place) {
    if (g) into.add(key(KEY_PLACE, 1, g, src.place));
    if (fam) into.add(key(KEY_PLACE, 2, fam, src.place));
  }
  if (src.year > 0) {
    // Two-year windows at two offsets: a year off by one still shares a window.
    const w0 = src.year >> 1;
    const w1 = (src.year + 1) >> 1;
    for (const n of [g, f, fam]) {
      if (!n) continue;
      into.add(key(KEY_YEAR, 1, w0, n));
      into.add(key(KEY_YEAR, 2, w1, n));
    }
  }
  if (src.month > 0 && src.day > 0 && !(src.month === 1 && src.day === 1)) {
    // Day and month with any name: the year is the part of a date most often wrong.
    for (const t of src.tokens) if (t) into.add(key(KEY_DAY, 0, src.month * 32 + src.day, t));
  }
  if (src.detained) {
    // Arrested the same day, with any name: lists of one event share it.
    for (const t of src.tokens) if (t) into.add(key(KEY_DETAINED, 0, src.detained, t));
  }
  const id = src.nationalId;
  if (id) {
    into.add(key(KEY_ID, 1, textHash(id)));
    // Halves, so that one mistyped digit still meets its number.
    const h = id.length >> 1;
    into.add(key(KEY_ID, 2, textHash(id.slice(0, h))));
    into.add(key(KEY_ID, 3, textHash(id.slice(h))));
  }
  for (const t of src.tokens) if (t) into.add(key(KEY_SINGLE, 0, t));
}

/** Held records by key: sorted unique hashes, and for each the records that carry it, by birth year. */
export interface BlockIndex {
  hashes: Uint32Array;
  start: Int32Array;
  recs: Int32Array;
  /** Birth year of each entry of recs (0 unknown, first). */
  years: Uint16Array;
}

export function buildIndex(list: PreparedList): BlockIndex {
  const n = list.keys.length;
  const keys = list.keys;
  const year = list.year;
  const recOf = new Int32Array(n);
  for (let r = 0; r < list.size; r++) for (let k = list.keyOff[r]; k < list.keyOff[r + 1]; k++) recOf[k] = r;
  // Entries by key (a stable radix sort on the 32-bit hash keeps them in record order)…
  let order = new Uint32Array(n);
  let tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Uint32Array(257);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[order[i]] >>> shift) & 255) + 1]++;
    for (let b = 0; b < 256; b++) count[b + 1] += count[b];
    for (let i = 0; i < n; i++) tmp[count[(keys[order[i]] >>> shift) & 255]++] = order[i];
    const t = order;
    order = tmp;
    tmp = t;
  }
  // …then each key's records by birth year (stable: records of a year stay in order).
  const hashes: number[] = [];
  const start: number[] = [];
  let g0 = 0;
  while (g0 < n) {
    const h = keys[order[g0]];
    let g1 = g0 + 1;
    while (g1 < n && keys[order[g1]] === h) g1++;
    if (g1 - g0 > 1) {
      const group = Array.from(order.subarray(g0, g1));
      group.sort((a, b) => year[recOf[a]] - year[recOf[b]] || a - b);
      order.set(group, g0);
    }
    hashes.push(h);
    start.push(g0);
    g0 = g1;
  }
  start.push(n);
  const recs = new Int32Array(n);
  const years = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    recs[i] = recOf[order[i]];
    years[i] = year[recs[i]];
  }
  return { hashes: Uint32Array.from(hashes), start: Int32Array.from(start), recs, years };
}

/** First entry in [from, to) of a posting whose year is at least y. */
function lowerYear(index: BlockIndex, from: number, to: number, y: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.years[mid] < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function find(index: BlockIndex, h: number): number {
  const hs = index.hashes;
  let lo = 0;
  let hi = hs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = hs[mid];
    if (v < h) lo = mid + 1;
    else if (v > h) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export interface BlockingStats {
  soughtRecords: number;
  heldRecords: number;
  /** Candidate pairs produced by blocking (each compared once). */
  candidatePairs: number;
  candidatesPerRecord: number;
  /** Key look-ups skipped because the key was too common. */
  keysCapped: number;
  /** Records whose candidates hit the per-record budget. */
  recordsAtBudget: number;
}

/**
 * Walks the candidates of sought records [from, to): calls `visit(s, h)` once per pair.
 * With `dedupe`, sought and held are one list and only pairs s < h are visited.
 */
export class Blocker {
  private readonly caps: Int32Array;
  private readonly maxCandidates: number;
  private readonly stamp: Int32Array;
  private readonly cand: Int32Array;
  private readonly keyFrom = new Int32Array(256);
  private readonly keyMid = new Int32Array(256);
  private readonly keyWinFrom = new Int32Array(256);
  private readonly keyWinTo = new Int32Array(256);
  private readonly keyLen = new Int32Array(256);
  private readonly keyOrder = new Int32Array(256);
  stats: BlockingStats;

  constructor(
    private readonly sought: PreparedList,
    held: PreparedList,
    private readonly index: BlockIndex,
    private readonly dedupe: boolean,
    opts?: BlockingOptions,
  ) {
    this.caps = capsOf(opts);
    this.maxCandidates = opts?.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
    this.stamp = new Int32Array(held.size).fill(-1);
    this.cand = new Int32Array(held.size);
    this.stats = { soughtRecords: 0, heldRecords: held.size, candidatePairs: 0, candidatesPerRecord: 0, keysCapped: 0, recordsAtBudget: 0 };
  }

  /** The candidates of sought record s (a view on a buffer reused by the next call). */
  candidates(s: number): Int32Array {
    const { sought, index, caps, stamp, cand } = this;
    const y = sought.year[s];
    let nk = 0;
    for (let k = sought.keyOff[s]; k < sought.keyOff[s + 1] && nk < 256; k++) {
      const h = sought.keys[k];
      const at = find(index, h);
      if (at < 0) continue;
      const type = h & 0xf;
      const from = index.start[at];
      const to = index.start[at + 1];
      let len = to - from;
      let unknownEnd = from;
      let winFrom = to;
      let winTo = to;
      // A long posting is read around the sought record's birth year (plus unknown years).
      if (len > WINDOW_FROM && y > 0 && type !== KEY_YEAR && type !== KEY_DAY && type !== KEY_ID && type !== KEY_DETAINED) {
        unknownEnd = lowerYear(index, from, to, 1);
        winFrom = lowerYear(index, unknownEnd, to, y - WINDOW);
        winTo = lowerYear(index, winFrom, to, y + WINDOW + 1);
        len = unknownEnd - from + (winTo - winFrom);
      } else unknownEnd = to;
      if (len > caps[type]) {
        this.stats.keysCapped++;
        continue;
      }
      this.keyFrom[nk] = from;
      this.keyMid[nk] = unknownEnd;
      this.keyWinFrom[nk] = winFrom;
      this.keyWinTo[nk] = winTo;
      this.keyLen[nk] = len;
      nk++;
    }
    // Rarest keys first, so a budget cut keeps the most telling ones.
    const order = this.keyOrder;
    for (let i = 0; i < nk; i++) order[i] = i;
    for (let i = 1; i < nk; i++) {
      const o = order[i];
      const l = this.keyLen[o];
      let j = i - 1;
      while (j >= 0 && this.keyLen[order[j]] > l) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = o;
    }
    let n = 0;
    let full = false;
    for (let i = 0; i < nk && !full; i++) {
      const o = order[i];
      for (let part = 0; part < 2 && !full; part++) {
        const x0 = part === 0 ? this.keyFrom[o] : this.keyWinFrom[o];
        const x1 = part === 0 ? this.keyMid[o] : this.keyWinTo[o];
        for (let x = x0; x < x1; x++) {
          const h = index.recs[x];
          if (stamp[h] === s) continue;
          if (this.dedupe && h <= s) continue;
          stamp[h] = s;
          if (n >= this.maxCandidates) {
            full = true;
            break;
          }
          cand[n++] = h;
        }
      }
    }
    if (full) this.stats.recordsAtBudget++;
    this.stats.soughtRecords++;
    this.stats.candidatePairs += n;
    this.stats.candidatesPerRecord = this.stats.candidatePairs / this.stats.soughtRecords;
    return cand.subarray(0, n);
  }
}
