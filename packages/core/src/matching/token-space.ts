/**
 * The token space of one match: both lists' tokens in one key space, how common each
 * name is over both lists (smoothed with the lexicon), how likely each reading of a full
 * name is, and the level of agreement of two tokens, cached.
 *
 * Built once per match (two prepared lists, or one for duplicates). The classes of
 * fields.ts, bound.ts and compare.ts build on it, each adding one stage of comparing a
 * pair; all state is typed arrays and scratch fields, so that a pair allocates nothing.
 */
import { FUZZY, EXACT, KNOWN_ELSEWHERE, NONE, PARTICLE_BIT, PHONETIC, PHONETIC_MAX, SLOT_MODEL, fuzzyMax } from './levels.ts';
import { ALT_READING, DUPLICATE_RATE, LEXICON_PSEUDO_TOKENS, NAME_COLLISION_RATE, NATIONAL_ID, log2 } from './model.ts';
import { blockingSkeleton, codeDistance, consonantCount } from './phonetic.ts';
import { N_SLOTS, type PreparedList } from './types.ts';

export interface Side {
  list: PreparedList;
  /** log2 prior of each view: how likely this reading of the record's name is. */
  viewPrior: Float64Array;
  /** Per view slot (v * N_SLOTS + s): its first content token (-1 none), number of content tokens, particle bits. */
  first: Int32Array;
  nContent: Uint8Array;
  pmask: Uint8Array;
  kid: Int32Array;
  alt: (Int32Array | null)[];
  codes: string[][];
  /** Added to the distance of each code (a well-known spelling read by its own sound). */
  pen: Float64Array[];
  /** First letter of each token's key: 'a' Arabic form, 'l' unknown Latin spelling, '#' particle. */
  script: Uint8Array;
  /** Consonants of each code: two names whose counts differ by two are never near. */
  cons: Int8Array[];
  /** Blocking skeleton of each code: near names' skeletons are at most one edit apart. */
  skels: string[][];
  pbit: Uint8Array;
  /** Per token, sorted ids of its skeletons and their one-letter deletions: tokens whose lists do not meet are never near. */
  near: Int32Array[];
  /** For upperBound (boundTokens). */
  bvStart: Int32Array;
  beSlot: Uint8Array;
  beW: Float64Array;
  bePlainStart: Int32Array;
  bePlain: Int32Array;
  beNearStart: Int32Array;
  beNear: Int32Array;
  brStart: Int32Array;
  brSkel: Int32Array;
  brNearStart: Int32Array;
  brNear: Int32Array;
  bPresent: Uint8Array;
  bKunyaView: Uint8Array;
  bKunya: Uint8Array;
  /** Per record: the most its names can weigh against any record. */
  bMaxNames: Float64Array;
}

/** Token-pair levels are cached in a direct-mapped table of 2^CACHE_BITS entries. */
const CACHE_BITS = 22;

export class TokenSpace {
  readonly a: Side;
  readonly b: Side;
  /** Prior log-odds of a pair: log2(1 / held size); for duplicates, log2(DUPLICATE_RATE / size). */
  readonly prior: number;
  /** The most the name chain may weigh (NAME_COLLISION_RATE), and why, for explanations. */
  readonly chainMax: number;
  readonly chainWhy: string;
  /** log2 frequency of each joint key as a personal name, as a family name, as a place. */
  protected readonly lgFreq: Float64Array;
  protected readonly lgFamFreq: Float64Array;
  protected readonly lgPlaceFreq: Float64Array;
  protected readonly lgM: Float64Array; // [slot*4 + level]
  protected readonly lgFuzzy: Float64Array; // per slot: log2(m.fuzzy / u.fuzzy)
  protected readonly lgMFuzzy: Float64Array; // per slot: log2(m.fuzzy)
  protected readonly lgMCross = new Float64Array(N_SLOTS); // per slot: log2(m.exact + m.phonetic)
  protected readonly wConflict: Float64Array; // per slot
  protected maxFuzzy = 0;
  protected readonly lgIdExact: number;
  private readonly cacheA = new Int32Array(1 << CACHE_BITS).fill(-1);
  private readonly cacheB = new Int32Array(1 << CACHE_BITS);
  private readonly cacheV = new Uint8Array(1 << CACHE_BITS);

  constructor(sought: PreparedList, held: PreparedList, dedupe: boolean) {
    const keyIds = new Map<string, number>();
    const intern = (k: string) => {
      let id = keyIds.get(k);
      if (id === undefined) keyIds.set(k, (id = keyIds.size));
      return id;
    };
    const side = (list: PreparedList): Side => {
      const v = list.vocab;
      const kid = new Int32Array(v.key.length);
      const alt: (Int32Array | null)[] = new Array(v.key.length);
      const codes: string[][] = new Array(v.key.length);
      const pbit = new Uint8Array(v.key.length);
      for (let i = 0; i < v.key.length; i++) {
        kid[i] = intern(v.key[i]);
        alt[i] = v.altKeys[i] ? Int32Array.from(v.altKeys[i].split('|'), intern) : null;
        codes[i] = v.codes[i] ? v.codes[i].split('|') : [];
        pbit[i] = v.particle[i] ? (PARTICLE_BIT[v.key[i]] ?? 0) : 0;
      }
      // A code marked '~' is a well-known Latin spelling read by its own sound: it costs more.
      const pen = codes.map((cs) => Float64Array.from(cs, (c) => (c.charCodeAt(0) === 126 ? KNOWN_ELSEWHERE : 0)));
      for (const cs of codes) for (let x = 0; x < cs.length; x++) if (cs[x].charCodeAt(0) === 126) cs[x] = cs[x].slice(1);
      const cons = codes.map((cs) => Int8Array.from(cs, (c) => consonantCount(c)));
      const skels = codes.map((cs) => cs.map((c) => blockingSkeleton(c)));
      const script = Uint8Array.from(v.key, (k) => k.charCodeAt(0));
      const nv = list.reading.length;
      const first = new Int32Array(nv * N_SLOTS).fill(-1);
      const nContent = new Uint8Array(nv * N_SLOTS);
      const pmask = new Uint8Array(nv * N_SLOTS);
      for (let vs = 0; vs < nv * N_SLOTS; vs++) {
        for (let x = list.off[vs]; x < list.off[vs + 1]; x++) {
          const id = list.tok[x];
          const p = pbit[id];
          if (p) {
            if (p !== 16) pmask[vs] |= p;
          } else {
            if (first[vs] < 0) first[vs] = id;
            nContent[vs]++;
          }
        }
      }
      const none = new Int32Array(0);
      return {
        list,
        kid,
        alt,
        codes,
        pen,
        script,
        cons,
        skels,
        pbit,
        viewPrior: new Float64Array(nv),
        first,
        nContent,
        pmask,
        near: [],
        bvStart: none,
        beSlot: new Uint8Array(0),
        beW: new Float64Array(0),
        bePlainStart: none,
        bePlain: none,
        beNearStart: none,
        beNear: none,
        brStart: none,
        brSkel: none,
        brNearStart: none,
        brNear: none,
        bPresent: new Uint8Array(0),
        bKunyaView: new Uint8Array(0),
        bKunya: new Uint8Array(0),
        bMaxNames: new Float64Array(0),
      };
    };
    this.a = side(sought);
    this.b = dedupe ? this.a : side(held);
    // Frequencies over both lists (each list once), of personal names (given, father's, grandfather's, mother's) and of
    // family names apart: agreeing on "Ahmad" as a given name is not agreeing on al-Ahmad.
    const nk = keyIds.size;
    const personal = new Float64Array(nk);
    const family = new Float64Array(nk);
    const placeCount = new Float64Array(nk);
    const prior = new Float64Array(nk);
    let personalTokens = 0;
    let familyTokens = 0;
    let places = 0;
    for (const s of dedupe ? [this.a] : [this.a, this.b]) {
      const v = s.list.vocab;
      for (let i = 0; i < s.kid.length; i++) {
        const k = s.kid[i];
        personal[k] += v.count[i] - v.familySlotCount[i];
        family[k] += v.familySlotCount[i];
        personalTokens += v.count[i] - v.familySlotCount[i];
        familyTokens += v.familySlotCount[i];
        placeCount[k] += v.placeCount[i];
        places += v.placeCount[i];
        if (v.prior[i] > prior[k]) prior[k] = v.prior[i];
      }
    }
    const pDenom = personalTokens + LEXICON_PSEUDO_TOKENS;
    const fDenom = familyTokens + LEXICON_PSEUDO_TOKENS;
    this.lgFreq = new Float64Array(nk);
    this.lgFamFreq = new Float64Array(nk);
    this.lgPlaceFreq = new Float64Array(nk);
    for (let k = 0; k < nk; k++) {
      this.lgFreq[k] = log2(Math.max((personal[k] + LEXICON_PSEUDO_TOKENS * prior[k]) / pDenom, 1 / pDenom));
      this.lgFamFreq[k] = log2(Math.max((family[k] + LEXICON_PSEUDO_TOKENS * prior[k]) / fDenom, 1 / fDenom));
      this.lgPlaceFreq[k] = log2(Math.max(placeCount[k] / Math.max(places, 1), 1 / Math.max(places + 10, 20)));
    }
    this.spellingFrequencies(dedupe);
    this.lgM = new Float64Array(N_SLOTS * 4);
    this.lgFuzzy = new Float64Array(N_SLOTS);
    this.lgMFuzzy = new Float64Array(N_SLOTS);
    this.wConflict = new Float64Array(N_SLOTS);
    SLOT_MODEL.forEach((m, s) => {
      this.lgM[s * 4 + EXACT] = log2(m.exact);
      this.lgM[s * 4 + PHONETIC] = log2(m.phonetic);
      this.lgFuzzy[s] = log2(m.fuzzy / m.uFuzzy);
      this.lgMFuzzy[s] = log2(m.fuzzy);
      this.lgMCross[s] = log2(m.exact + m.phonetic);
      this.wConflict[s] = log2(m.conflict / m.uConflict);
      if (this.lgFuzzy[s] > this.maxFuzzy) this.maxFuzzy = this.lgFuzzy[s];
    });
    // Readings of full names: a name the lists use as a family name, or written with the
    // article, is likelier the family name.
    const fam = new Float64Array(nk);
    const nonFam = new Float64Array(nk);
    for (const sd of dedupe ? [this.a] : [this.a, this.b]) {
      const v = sd.list.vocab;
      for (let i = 0; i < sd.kid.length; i++) {
        fam[sd.kid[i]] += v.famCount[i];
        nonFam[sd.kid[i]] += v.nameCount[i];
      }
    }
    for (const sd of dedupe ? [this.a] : [this.a, this.b]) this.readingPriors(sd, fam, nonFam);
    const n = Math.max(held.size, 100);
    this.lgIdExact = log2(NATIONAL_ID.exact.m * n);
    this.prior = -log2(n) + (dedupe ? log2(DUPLICATE_RATE) : 0);
    this.chainMax = log2(n) + log2(1 / NAME_COLLISION_RATE);
    this.chainWhy = `the name as a whole counts at most ${this.chainMax.toFixed(1)} bits`;
  }

  /**
   * An unknown Latin spelling (Muhamad, Mouhamed) is as common as the name it spells,
   * not as the spelling: its frequency is raised to that of the Arabic-keyed names it
   * sounds like (same skeleton, within a spelling variant's distance).
   */
  protected spellingFrequencies(dedupe: boolean): void {
    const sides = dedupe ? [this.a] : [this.a, this.b];
    const bySkel = new Map<string, [Side, number][]>();
    for (const sd of sides) {
      const v = sd.list.vocab;
      for (let i = 0; i < v.key.length; i++) {
        if (sd.script[i] !== 97) continue;
        const list = bySkel.get(v.skel[i]);
        if (list) {
          if (list.length < 400) list.push([sd, i]);
        } else bySkel.set(v.skel[i], [[sd, i]]);
      }
    }
    const done = new Set<number>();
    for (const sd of sides) {
      const v = sd.list.vocab;
      for (let i = 0; i < v.key.length; i++) {
        if (sd.script[i] !== 108 || done.has(sd.kid[i])) continue;
        done.add(sd.kid[i]);
        const k = sd.kid[i];
        for (const [so, j] of bySkel.get(v.skel[i]) ?? []) {
          const kj = so.kid[j];
          if (this.lgFreq[kj] <= this.lgFreq[k] && this.lgFamFreq[kj] <= this.lgFamFreq[k]) continue;
          let d = Infinity;
          for (const x of sd.codes[i]) for (const y of so.codes[j]) d = Math.min(d, codeDistance(x, y, PHONETIC_MAX + 0.01));
          if (d > PHONETIC_MAX) continue;
          if (this.lgFreq[kj] > this.lgFreq[k]) this.lgFreq[k] = this.lgFreq[kj];
          if (this.lgFamFreq[kj] > this.lgFamFreq[k]) this.lgFamFreq[k] = this.lgFamFreq[kj];
        }
      }
    }
  }

  protected readingPriors(side: Side, fam: Float64Array, nonFam: Float64Array): void {
    const L = side.list;
    const pFam = (v: number) => {
      for (let x = L.off[v * N_SLOTS + 3]; x < L.off[v * N_SLOTS + 4]; x++) {
        const id = L.tok[x];
        if (side.pbit[id] !== 0) continue;
        const k = side.kid[id];
        const p0 = L.vocab.article[id] ? 0.75 : 0.25;
        return (fam[k] + 3 * p0) / (fam[k] + nonFam[k] + 3);
      }
      return 0.25;
    };
    for (let r = 0; r < L.size; r++) {
      const v0 = L.viewStart[r];
      const v1 = L.viewStart[r + 1];
      let total = 0;
      for (let v = v0; v < v1; v++) if (L.reading[v] === 2) total += pFam(v);
      for (let v = v0; v < v1; v++) {
        let p = v > v0 ? ALT_READING : 0;
        if (L.reading[v] === 2) p += Math.max(-6, log2(pFam(v) / total));
        side.viewPrior[v] = p;
      }
    }
  }

  /** Level of agreement between token i of the sought side and token j of the held side. */
  tokenLevel(i: number, j: number): number {
    const a = this.a;
    const b = this.b;
    if (a.kid[i] === b.kid[j]) return EXACT;
    if (a.pbit[i] !== 0 || b.pbit[j] !== 0) return NONE;
    const h = (Math.imul(i, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b)) >>> (32 - CACHE_BITS);
    if (this.cacheA[h] === i && this.cacheB[h] === j) return this.cacheV[h];
    const v = this.computeLevel(i, j);
    this.cacheA[h] = i;
    this.cacheB[h] = j;
    this.cacheV[h] = v;
    return v;
  }

  protected computeLevel(i: number, j: number): number {
    const a = this.a;
    const b = this.b;
    const altA = a.alt[i];
    const altB = b.alt[j];
    if (altA) for (let x = 0; x < altA.length; x++) if (altA[x] === b.kid[j]) return EXACT;
    if (altB) for (let x = 0; x < altB.length; x++) if (altB[x] === a.kid[i]) return EXACT;
    // No skeleton of one within an edit of a skeleton of the other: not even near.
    if (!intersects(a.near[i], b.near[j])) return NONE;
    const limit = fuzzyMax(Math.min(a.list.vocab.size2[i], b.list.vocab.size2[j]));
    let d = limit + 1;
    const ca = a.codes[i];
    const cb = b.codes[j];
    const na = a.cons[i];
    const nb = b.cons[j];
    const pa = a.pen[i];
    const pb = b.pen[j];
    for (let x = 0; x < ca.length; x++) {
      const px = pa[x];
      for (let y = 0; y < cb.length; y++) {
        const p = px + pb[y];
        const dc = na[x] - nb[y];
        // Each consonant without a partner costs at least 0.6 (an h); names further
        // apart than one coarse consonant class are not near.
        if (p + 0.6 * (dc < 0 ? -dc : dc) >= d || !withinOneEdit(a.skels[i][x], b.skels[j][y])) continue;
        const dd = codeDistance(ca[x], cb[y], d - p) + p;
        if (dd < d) d = dd;
      }
    }
    if (d <= PHONETIC_MAX) return PHONETIC;
    if (d <= limit) return FUZZY;
    return NONE;
  }

  /** Weight of agreement at `level` in slot s between tokens i (sought) and j (held). */
  protected agreeWeight(s: number, level: number, i: number, j: number): number {
    const freq = s >= 5 ? this.lgPlaceFreq : s === 3 ? this.lgFamFreq : this.lgFreq;
    const fa = freq[this.a.kid[i]];
    const fb = freq[this.b.kid[j]];
    const lgU = fa > fb ? fa : fb;
    // Near spellings of common names are mostly other common names (احمد ~ محمد): u is at
    // least twice the commoner one's frequency.
    if (level === FUZZY) return Math.min(this.lgFuzzy[s], this.lgMFuzzy[s] - 1 - lgU);
    if (level === EXACT) return this.lgM[s * 4 + EXACT] - lgU;
    // A spelling variant: when one key is Arabic and the other an unknown Latin spelling,
    // the exact level could not happen, so its probability moves to this one.
    const cross = this.a.script[i] !== this.b.script[j];
    const lgm = cross ? this.lgMCross[s] : this.lgM[s * 4 + PHONETIC];
    // Other names share the spelling's neighbourhood: u is 1.5 times the name's frequency.
    return lgm - lgU - 0.585;
  }
}

/** Whether two sorted lists share an element. */
function intersects(x: Int32Array, y: Int32Array): boolean {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i];
    const q = y[j];
    if (p === q) return true;
    if (p < q) i++;
    else j++;
  }
  return false;
}

/** Whether two short strings are equal or one insertion, deletion or substitution apart. */
export function withinOneEdit(x: string, y: string): boolean {
  const n = x.length;
  const m = y.length;
  if (n === m) {
    let diff = 0;
    for (let i = 0; i < n; i++) if (x.charCodeAt(i) !== y.charCodeAt(i) && ++diff > 1) return false;
    return true;
  }
  if (n - m !== 1 && m - n !== 1) return false;
  const s = n < m ? x : y;
  const l = n < m ? y : x;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  for (let k = i; k < s.length; k++) if (s.charCodeAt(k) !== l.charCodeAt(k + 1)) return false;
  return true;
}
