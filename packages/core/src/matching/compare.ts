/**
 * Comparing two prepared records, field by field, into Fellegi–Sunter weights.
 *
 * A `Comparer` is built once per match (two prepared lists, or one for duplicates): it
 * puts both lists' tokens in one key space, computes name frequencies over both lists
 * (smoothed with the lexicon's), and keeps a small cache of token-pair levels. Comparing
 * a pair then reads integer ids and typed arrays and writes into preallocated arrays: no
 * allocation in the pair loop. With `explain`, the same code also writes the text of each
 * field's comparison (used only for the pairs that are kept).
 *
 * Token levels: EXACT (same key, or a known spelling of the same Arabic name), PHONETIC
 * (codes within a spelling variant's distance: Mouhamad ~ محمد), FUZZY (one letter off in
 * a long name: a typo, or a different name — weak evidence), NONE.
 */
import {
  BIRTH,
  CROSS_SLOT_SHARE,
  FAMILY_CAP,
  LEXICON_PSEUDO_TOKENS,
  MAX_NAME_WEIGHT,
  ALT_READING,
  NAME_COLLISION_RATE,
  NAME_M,
  PLACE_MAX_WEIGHT,
  DETAINED_AT_MAX_WEIGHT,
  DETENTION,
  NATIONAL_ID,
  SEX,
  W_BOTH_EXTRA,
  W_ONE_EXTRA,
  W_PARTICLES_DIFFER,
  log2,
} from './model.ts';
import { blockingSkeleton, codeDistance, consonantCount } from './phonetic.ts';
import { N_SLOTS, type MatchField, type Outcome, type PreparedList } from './types.ts';

export const NONE = 0;
export const FUZZY = 1;
export const PHONETIC = 2;
export const EXACT = 3;

/** Added to the distance of a well-attested Latin spelling read by its own sound, not its Arabic form. */
const KNOWN_ELSEWHERE = 0.3;
/** Distance up to which two codes are spellings of one name. */
export const PHONETIC_MAX = 0.36;
/** Distance up to which two codes are near (a typo), by the shorter name's length (codeSize × 2). */
export function fuzzyMax(size2: number): number {
  return size2 >= 10 ? 1.05 : size2 >= 8 ? 1.0 : size2 >= 6 ? 0.75 : 0.5;
}

// Birth, sex and ID weights that do not depend on the pair (log2 of the table in model.ts).
const LG_EXACT_DATE = log2(BIRTH.exactDate.m);
const LG_SAME_YEAR = log2(BIRTH.sameYear.m);
const LG_SWAPPED = log2(BIRTH.swapped.m) - log2(BIRTH.swapped.uPerYear);
const LG_OTHER_DAY = log2(BIRTH.sameYearOtherDay.m) - log2(BIRTH.sameYearOtherDay.uPerYear);
const LG_OFF_SAME_DAY = log2(BIRTH.yearOffSameDay.m) - log2(BIRTH.yearOffSameDay.uPerYear);
const LG_OFF_OTHER_DAY = log2(BIRTH.yearOffOtherDay.m) - log2(BIRTH.yearOffOtherDay.uPerYear);
const LG_YEAR_OFF = log2(BIRTH.yearOff.m) - log2(BIRTH.yearOff.uPerYear);
const LG_NEAR = log2(BIRTH.near.m) - log2(BIRTH.near.uPerYear);
const W_BIRTH_CONFLICT = log2(BIRTH.conflict.m / BIRTH.conflict.u);
const W_SEX_AGREE = log2(SEX.agree.m / SEX.agree.u);
const W_SEX_CONFLICT = log2(SEX.conflict.m / SEX.conflict.u);
const W_ID_NEAR = log2(NATIONAL_ID.near.m / NATIONAL_ID.near.u);
const W_ID_CONFLICT = log2(NATIONAL_ID.conflict.m / NATIONAL_ID.conflict.u);
const LG_SAME_DAY = log2(DETENTION.sameDay.m);
const W_DETAINED_MONTH = log2(DETENTION.withinMonth.m / DETENTION.withinMonth.u);
const W_DETAINED_YEAR = log2(DETENTION.withinYear.m / DETENTION.withinYear.u);
const W_DETAINED_FURTHER = log2(DETENTION.further.m / DETENTION.further.u);

/** Field order of comparisons and explanations. */
export const FIELDS: MatchField[] = [
  'given_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'birth_place',
  'detained_at',
  'sex',
  'birth_date',
  'national_id',
  'detained_on',
];
const F_SEX = 7;
const F_BIRTH = 8;
const F_ID = 9;
const F_DETAINED_ON = 10;
export const N_FIELDS = FIELDS.length;

export const O_MISSING = 0;
export const O_AGREE = 1;
export const O_SIMILAR = 2;
export const O_CONFLICT = 3;
export const OUTCOMES: Outcome[] = ['missing', 'agree', 'similar', 'conflict'];

const SLOT_MODEL = [NAME_M.given, NAME_M.father, NAME_M.grandfather, NAME_M.family, NAME_M.mother, NAME_M.place, NAME_M.detainedAt];
/** The most a place slot (birth, detention) can weigh. */
const SLOT_MAX = [MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, MAX_NAME_WEIGHT, PLACE_MAX_WEIGHT, DETAINED_AT_MAX_WEIGHT];
const LEVEL_NAMES = ['different', 'near spelling', 'spelling variant', 'same name'];
const PARTICLE_BIT: Record<string, number> = { '#ABD': 1, '#ABU': 2, '#DIN': 4, '#ALLAH': 8, '#BIN': 16, '#UMM': 32 };
/** Abu …, Umm …: a kunya, 'father/mother of', written instead of the given name. */
const KUNYA = 2 | 32;
const MAX_TOK = 8;

interface Side {
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
  /** For upperBound: per view, its names (slot, skeleton ids, best weight); per record, all its skeleton ids. */
  bvStart: Int32Array;
  beSlot: Uint8Array;
  beSkel: number[][];
  beW: Float64Array;
  brStart: Int32Array;
  brSkel: Int32Array;
}

const CACHE_BITS = 20;
const FAMILY_CAP_WHY = `family names count at most ${FAMILY_CAP} bits without given-name agreement`;

/** Family name against a slot the other side leaves empty: [sought slot, held slot, the empty slot, label]. */
const CROSS_SLOTS: [number, number, number, string][] = [
  [3, 1, 1, "the other side's father's name"],
  [1, 3, 1, "the other side's family name"],
  [3, 2, 2, "the other side's grandfather's name"],
  [2, 3, 2, "the other side's family name"],
];

export class Comparer {
  readonly a: Side;
  readonly b: Side;
  /** Prior log-odds of a pair: log2(1 / held size). */
  readonly prior: number;
  /** log2 frequency of each joint key as a personal name, as a family name, as a place. */
  private readonly lgFreq: Float64Array;
  private readonly lgFamFreq: Float64Array;
  private readonly lgPlaceFreq: Float64Array;
  private readonly lgM: Float64Array; // [slot*4 + level]
  private readonly lgFuzzy: Float64Array; // per slot: log2(m.fuzzy / u.fuzzy)
  private readonly lgMFuzzy: Float64Array; // per slot: log2(m.fuzzy)
  private readonly lgMCross = new Float64Array(N_SLOTS); // per slot: log2(m.exact + m.phonetic)
  private maxFuzzy = 0;
  private boundSums = new Float64Array(N_SLOTS);
  private readonly wConflict: Float64Array; // per slot
  private readonly lgYear = new Float64Array(2200);
  private readonly lgDate: Map<string, number> = new Map();
  private readonly lgDetained: Map<number, number> = new Map();
  private readonly lgDetainedFloor: number;
  private readonly lgIdExact: number;
  private readonly chainMax: number;
  private readonly chainWhy: string;
  private readonly yearsKnown: number;
  private readonly cacheA = new Int32Array(1 << CACHE_BITS).fill(-1);
  private readonly cacheB = new Int32Array(1 << CACHE_BITS);
  private readonly cacheV = new Uint8Array(1 << CACHE_BITS);

  // Per-pair results.
  readonly outcome = new Uint8Array(N_FIELDS);
  readonly weight = new Float64Array(N_FIELDS);
  readonly level = new Uint8Array(N_SLOTS);
  detail: string[] | null = null;
  private readonly bestOutcome = new Uint8Array(N_SLOTS);
  private readonly bestWeight = new Float64Array(N_SLOTS);
  private bestDetail: string[] = [];
  private readonly sharedOutcome = new Uint8Array(N_SLOTS);
  private readonly sharedWeight = new Float64Array(N_SLOTS);
  private readonly sharedLevel = new Uint8Array(N_SLOTS);
  private readonly sharedDetail: string[] = new Array(N_SLOTS).fill('');

  // Scratch for slot comparison.
  private readonly ca = new Int32Array(MAX_TOK);
  private readonly cb = new Int32Array(MAX_TOK);
  private readonly lv = new Uint8Array(MAX_TOK * MAX_TOK);
  private slotOutcome = 0;
  private slotWeight = 0;
  private slotLevel = 0;
  private slotDetail = '';
  private slotPa = 0;
  private slotPb = 0;

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
        pbit[i] = v.particle[i] ? PARTICLE_BIT[v.key[i]] ?? 0 : 0;
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
      return { list, kid, alt, codes, pen, script, cons, skels, pbit, viewPrior: new Float64Array(nv), first, nContent, pmask, bvStart: none, beSlot: new Uint8Array(0), beSkel: [], beW: new Float64Array(0), brStart: none, brSkel: none };
    };
    this.a = side(sought);
    this.b = dedupe ? this.a : side(held);
    // Frequencies over both lists (each list once).
    // Frequencies of personal names (given, father's, grandfather's, mother's) and of
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
    // Birth years and dates.
    const lists = dedupe ? [sought] : [sought, held];
    let known = 0;
    const years = new Map<number, number>();
    const dates = new Map<string, number>();
    for (const l of lists) {
      for (const [y, c] of l.yearCount) years.set(y, (years.get(y) ?? 0) + c);
      for (const [d, c] of l.dateCount) dates.set(d, (dates.get(d) ?? 0) + c);
      for (const c of l.yearCount.values()) known += c;
    }
    this.yearsKnown = Math.max(known, 1);
    // Smoothed as if 60 more records were spread evenly over 60 years (small lists).
    const denom = this.yearsKnown + 60;
    this.lgYear.fill(log2(1 / denom));
    for (const [y, c] of years) if (y < this.lgYear.length) this.lgYear[y] = log2((c + 1) / denom);
    for (const [d, c] of dates) this.lgDate.set(d, log2(Math.max((c + 1 / 365) / denom, 1 / 30000)));
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
    // Days of detention: how many records share each (smoothed over ~6 years of days).
    const det = new Map<number, number>();
    let detKnown = 0;
    for (const l of lists) {
      for (const [d, c] of l.detainedCount) {
        det.set(d, (det.get(d) ?? 0) + c);
        detKnown += c;
      }
    }
    const detDenom = detKnown + 2000;
    this.lgDetainedFloor = log2(1 / detDenom);
    for (const [d, c] of det) this.lgDetained.set(d, log2((c + 1) / detDenom));
    const n = Math.max(held.size, 100);
    this.lgIdExact = log2(NATIONAL_ID.exact.m * n);
    this.prior = -log2(n);
    this.chainMax = log2(n) + log2(1 / NAME_COLLISION_RATE);
    this.chainWhy = `the name as a whole counts at most ${this.chainMax.toFixed(1)} bits`;
    // Per record, for the quick upper bound: its distinct names (blocking skeleton and
    // the most a match on it can weigh), name slots and mother's name apart.
    const skelIds = new Map<string, number>();
    for (const sd of dedupe ? [this.a] : [this.a, this.b]) this.boundTokens(sd, skelIds);
    this.boundSums = new Float64Array(N_SLOTS);
  }

  /**
   * For upperBound: per view, its names (slot, skeleton ids of every spelling, the most a
   * match on it can weigh); per record, the skeletons of all its names, by slot group.
   */
  private boundTokens(side: Side, skelIds: Map<string, number>): void {
    const L = side.list;
    const v = L.vocab;
    const intern = (k: string) => {
      let id = skelIds.get(k);
      if (id === undefined) skelIds.set(k, (id = skelIds.size));
      return id;
    };
    // Skeleton ids of each token: its blocking skeleton and those of all its codes.
    const tokSkels: number[][] = new Array(v.key.length);
    for (let i = 0; i < v.key.length; i++) {
      const ids = new Set<number>([intern(v.skel[i])]);
      for (const sk of side.skels[i]) ids.add(intern(sk));
      tokSkels[i] = [...ids];
    }
    const lgMMax = log2(Math.max(...SLOT_MODEL.slice(0, 5).map((m) => m.exact)));
    const vStart = new Int32Array(L.reading.length + 1);
    const eSlot: number[] = [];
    const eSkel: number[][] = [];
    const eW: number[] = [];
    const rStart = new Int32Array(L.size + 1);
    const rSkel: number[] = [];
    const set = new Set<number>();
    // Skeleton ids by group: names 0…, mothers' offset by GROUP, places by 2 × GROUP.
    const GROUP = 1 << 28;
    const group = (s: number) => (s < 4 ? 0 : (s - 3) * GROUP);
    for (let r = 0; r < L.size; r++) {
      set.clear();
      for (let vw = L.viewStart[r]; vw < L.viewStart[r + 1]; vw++) {
        vStart[vw] = eSlot.length;
        for (let s = 0; s < N_SLOTS; s++) {
          const vs = vw * N_SLOTS + s;
          let lastParticle = -1;
          let content = 0;
          for (let x = L.off[vs]; x < L.off[vs + 1]; x++) {
            const id = L.tok[x];
            if (side.pbit[id] !== 0) {
              if (side.pbit[id] !== 16) lastParticle = id;
              continue;
            }
            content++;
            this.boundEntry(side, id, s, group(s), lgMMax, tokSkels, eSlot, eSkel, eW, set);
          }
          // A name of particles only (Abdullah): its last particle stands for it.
          if (content === 0 && lastParticle >= 0) this.boundEntry(side, lastParticle, s, group(s), lgMMax, tokSkels, eSlot, eSkel, eW, set);
        }
      }
      rStart[r] = rSkel.length;
      for (const k of set) rSkel.push(k);
    }
    vStart[L.reading.length] = eSlot.length;
    rStart[L.size] = rSkel.length;
    side.bvStart = vStart;
    side.beSlot = Uint8Array.from(eSlot);
    side.beSkel = eSkel;
    side.beW = Float64Array.from(eW);
    side.brStart = rStart;
    side.brSkel = Int32Array.from(rSkel);
  }

  private boundEntry(side: Side, id: number, s: number, g: number, lgMMax: number, tokSkels: number[][], eSlot: number[], eSkel: number[][], eW: number[], set: Set<number>) {
    eSlot.push(s);
    eSkel.push(tokSkels[id].map((k) => k + g));
    const freq = s === 3 ? this.lgFamFreq : this.lgFreq;
    eW.push(s >= 5 ? SLOT_MAX[s] : Math.min(MAX_NAME_WEIGHT, lgMMax - freq[side.kid[id]]));
    for (const k of tokSkels[id]) set.add(k + g);
  }

  /**
   * An upper bound of compare(ra, rb) from a few integer comparisons, so that most pairs
   * blocking proposes are ruled out without being compared. A name can only agree (at a
   * spelling variant or better) with a name of the same blocking skeleton — the phonetic
   * costs keep every cheap change inside a skeleton class — else it is at best near
   * (maxFuzzy); caps and penalties only lower a score; birth date, sex and ID are exact.
   */
  upperBound(ra: number, rb: number): number {
    const a = this.a;
    const b = this.b;
    const b0 = b.brStart[rb];
    const b1 = b.brStart[rb + 1];
    const bs = b.brSkel;
    let best = -Infinity;
    const sums = this.boundSums;
    for (let vw = a.list.viewStart[ra]; vw < a.list.viewStart[ra + 1]; vw++) {
      for (let s = 0; s < N_SLOTS; s++) sums[s] = 0;
      let givenHit = false;
      for (let e = a.bvStart[vw]; e < a.bvStart[vw + 1]; e++) {
        const sk = a.beSkel[e];
        let hit = false;
        for (let q = 0; q < sk.length && !hit; q++) {
          const k = sk[q];
          for (let y = b0; y < b1; y++) {
            if (bs[y] === k) {
              hit = true;
              break;
            }
          }
        }
        const s = a.beSlot[e];
        if (hit) {
          sums[s] += a.beW[e];
          if (s === 0) givenHit = true;
        } else if (this.maxFuzzy > 0) sums[s] += this.maxFuzzy;
      }
      for (let s = 0; s < N_SLOTS; s++) if (sums[s] > SLOT_MAX[s]) sums[s] = SLOT_MAX[s];
      const chain = sums[0] + sums[1] + sums[2] + sums[3];
      let names = (chain > this.chainMax ? this.chainMax : chain) + sums[4] + sums[5] + sums[6];
      if (!givenHit) {
        const fam = sums[1] + sums[2] + sums[3] + sums[4] + sums[5] + sums[6];
        const capped = sums[0] + (fam > FAMILY_CAP ? FAMILY_CAP : fam);
        if (capped < names) names = capped;
      }
      if (names > best) best = names;
    }
    this.compareSex(ra, rb, false);
    this.compareBirth(ra, rb, false);
    this.compareId(ra, rb, false);
    this.compareDetainedOn(ra, rb, false);
    const det = this.weight[F_DETAINED_ON];
    return this.prior + best + this.weight[F_SEX] + this.weight[F_BIRTH] + this.weight[F_ID] + (det > 0 ? det : 0);
  }

  /**
   * An unknown Latin spelling (Muhamad, Mouhamed) is as common as the name it spells,
   * not as the spelling: its frequency is raised to that of the Arabic-keyed names it
   * sounds like (same skeleton, within a spelling variant's distance).
   */
  private spellingFrequencies(dedupe: boolean): void {
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

  private readingPriors(side: Side, fam: Float64Array, nonFam: Float64Array): void {
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

  private computeLevel(i: number, j: number): number {
    const a = this.a;
    const b = this.b;
    const altA = a.alt[i];
    const altB = b.alt[j];
    if (altA) for (let x = 0; x < altA.length; x++) if (altA[x] === b.kid[j]) return EXACT;
    if (altB) for (let x = 0; x < altB.length; x++) if (altB[x] === a.kid[i]) return EXACT;
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
  private agreeWeight(s: number, level: number, i: number, j: number): number {
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

  /**
   * Compares slot s of sought record ra with slot t of held record rb into slotOutcome,
   * slotWeight, slotLevel (and slotDetail when explaining).
   */
  private compareSlot(s: number, ra: number, t: number, rb: number, explain: boolean): void {
    const A = this.a.list;
    const B = this.b.list;
    const sa = A.off[ra * N_SLOTS + s];
    const ea = A.off[ra * N_SLOTS + s + 1];
    const sb = B.off[rb * N_SLOTS + t];
    const eb = B.off[rb * N_SLOTS + t + 1];
    if (sa === ea || sb === eb) {
      this.slotOutcome = O_MISSING;
      this.slotWeight = 0;
      this.slotLevel = NONE;
      if (explain) this.slotDetail = '';
      return;
    }
    // The usual case, one name on each side: no gathering (same result as below).
    const da = ra * N_SLOTS + s;
    const db = rb * N_SLOTS + t;
    if (!explain && this.a.nContent[da] === 1 && this.b.nContent[db] === 1) {
      const pa = this.a.pmask[da];
      const pb = this.b.pmask[db];
      this.slotPa = pa;
      this.slotPb = pb;
      const i = this.a.first[da];
      const j = this.b.first[db];
      const level = this.tokenLevel(i, j);
      this.slotLevel = level;
      if (level === NONE) {
        this.slotOutcome = O_CONFLICT;
        this.slotWeight = this.wConflict[s];
        return;
      }
      let w = this.agreeWeight(s, level, i, j);
      if (pa !== pb) w += W_PARTICLES_DIFFER;
      this.slotWeight = w > MAX_NAME_WEIGHT ? MAX_NAME_WEIGHT : w;
      this.slotOutcome = level >= PHONETIC && pa === pb ? O_AGREE : O_SIMILAR;
      return;
    }
    let na = 0;
    let nb = 0;
    let pa = 0;
    let pb = 0;
    let lastPa = -1;
    for (let x = sa; x < ea; x++) {
      const id = A.tok[x];
      const p = this.a.pbit[id];
      if (p) {
        if (p !== 16) {
          pa |= p;
          lastPa = id;
        }
      } else if (na < MAX_TOK) this.ca[na++] = id;
    }
    let lastPb = -1;
    for (let x = sb; x < eb; x++) {
      const id = B.tok[x];
      const p = this.b.pbit[id];
      if (p) {
        if (p !== 16) {
          pb |= p;
          lastPb = id;
        }
      } else if (nb < MAX_TOK) this.cb[nb++] = id;
    }
    this.slotPa = pa;
    this.slotPb = pb;
    if (na === 0 || nb === 0) {
      // Names of particles only (Abdullah = #ABD #ALLAH), or one side only particles.
      if (na === 0 && nb === 0 && pa === pb && lastPa >= 0) {
        this.slotOutcome = O_AGREE;
        this.slotLevel = EXACT;
        this.slotWeight = this.agreeWeight(s, EXACT, lastPa, lastPb);
      } else {
        this.slotOutcome = O_CONFLICT;
        this.slotLevel = NONE;
        this.slotWeight = this.wConflict[s];
      }
      if (explain) this.slotDetail = `${this.slotText(A, sa, ea, this.a)} / ${this.slotText(B, sb, eb, this.b)}`;
      return;
    }
    // Token levels, then the best pairs greedily.
    const lv = this.lv;
    let best = NONE;
    for (let x = 0; x < na; x++) {
      for (let y = 0; y < nb; y++) {
        const l = this.tokenLevel(this.ca[x], this.cb[y]);
        lv[x * MAX_TOK + y] = l;
        if (l > best) best = l;
      }
    }
    if (best === NONE) {
      this.slotOutcome = O_CONFLICT;
      this.slotLevel = NONE;
      this.slotWeight = this.wConflict[s];
      if (explain) this.slotDetail = `${this.slotText(A, sa, ea, this.a)} ≠ ${this.slotText(B, sb, eb, this.b)}`;
      return;
    }
    let weight = 0;
    let matched = 0;
    let worst = EXACT;
    let usedA = 0;
    let usedB = 0;
    let text = '';
    if (na === 1 && nb === 1) {
      weight = this.agreeWeight(s, best, this.ca[0], this.cb[0]);
      matched = 1;
      worst = best;
      usedA = usedB = 1;
      if (explain) text = this.pairText(this.ca[0], this.cb[0], best);
    } else {
      for (let level = EXACT; level >= FUZZY; level--) {
        for (let x = 0; x < na; x++) {
          if (usedA & (1 << x)) continue;
          for (let y = 0; y < nb; y++) {
            if (usedB & (1 << y) || lv[x * MAX_TOK + y] !== level) continue;
            usedA |= 1 << x;
            usedB |= 1 << y;
            weight += this.agreeWeight(s, level, this.ca[x], this.cb[y]);
            matched++;
            if (level < worst) worst = level;
            if (explain) text += (text ? ', ' : '') + this.pairText(this.ca[x], this.cb[y], level);
            break;
          }
        }
      }
    }
    const extraA = na - matched;
    const extraB = nb - matched;
    if (extraA > 0 && extraB > 0) weight += W_BOTH_EXTRA;
    else if (extraA > 0 || extraB > 0) weight += W_ONE_EXTRA;
    const particlesDiffer = pa !== pb;
    if (particlesDiffer) weight += W_PARTICLES_DIFFER;
    if (weight > MAX_NAME_WEIGHT) weight = MAX_NAME_WEIGHT;
    this.slotWeight = weight;
    this.slotLevel = worst;
    this.slotOutcome = worst >= PHONETIC && extraA === 0 && extraB === 0 && !particlesDiffer ? O_AGREE : O_SIMILAR;
    if (explain) {
      if (extraA > 0 || extraB > 0 || particlesDiffer) text += `; ${this.slotText(A, sa, ea, this.a)} / ${this.slotText(B, sb, eb, this.b)}`;
      this.slotDetail = text;
    }
  }

  private tokenText(side: Side, id: number): string {
    const t = side.list.vocab.text[id];
    return t.startsWith('#') ? t.slice(1).toLowerCase() : t;
  }

  private slotText(list: PreparedList, from: number, to: number, side: Side): string {
    let s = '';
    for (let x = from; x < to; x++) {
      const id = list.tok[x];
      if (side.pbit[id] === 16) continue;
      s += (s ? ' ' : '') + this.tokenText(side, id);
    }
    return s;
  }

  private pairText(i: number, j: number, level: number): string {
    const x = this.tokenText(this.a, i);
    const y = this.tokenText(this.b, j);
    return level === EXACT && x === y ? x : `${x} ~ ${y} (${LEVEL_NAMES[level]})`;
  }

  private setSlot(f: number, explain: boolean): void {
    this.outcome[f] = this.slotOutcome;
    this.weight[f] = this.slotWeight;
    if (f < N_SLOTS) this.level[f] = this.slotLevel;
    if (explain) this.detail![f] = this.slotDetail;
  }

  /**
   * Name slots of view va (sought) against view vb (held), rescues and caps: their total.
   * Mother's name and birth place are the same in every view: compared once (sharedSlots).
   */
  private compareNames(va: number, vb: number, explain: boolean): number {
    for (let s = 0; s < 4; s++) {
      this.compareSlot(s, va, s, vb, explain);
      this.setSlot(s, explain);
      // A kunya (Abu Hamza, "father of Hamza") on one side is not the given name, and its
      // Hamza is the son's name: not compared (unless both sides give the same kunya).
      if (s === 0 && this.slotOutcome !== O_MISSING && ((this.slotPa ^ this.slotPb) & KUNYA) !== 0) {
        this.outcome[0] = O_MISSING;
        this.weight[0] = 0;
        this.level[0] = NONE;
        if (explain) this.detail![0] = `${this.slotDetail} (a kunya, not a given name)`;
      }
    }
    for (let s = 4; s < N_SLOTS; s++) {
      this.outcome[s] = this.sharedOutcome[s];
      this.weight[s] = this.sharedWeight[s];
      this.level[s] = this.sharedLevel[s];
      if (explain) this.detail![s] = this.sharedDetail[s];
    }
    this.rescue(va, vb, explain);
    this.caps(explain, (this.a.list.familyFirst[va] | this.b.list.familyFirst[vb]) === 1);
    let t = 0;
    for (let f = 0; f < N_SLOTS; f++) t += this.weight[f];
    return t;
  }

  private sharedSlots(va: number, vb: number, explain: boolean): void {
    for (let s = 4; s < N_SLOTS; s++) {
      this.compareSlot(s, va, s, vb, explain);
      this.sharedOutcome[s] = this.slotOutcome;
      this.sharedWeight[s] = this.slotWeight > SLOT_MAX[s] ? SLOT_MAX[s] : this.slotWeight;
      this.sharedLevel[s] = this.slotLevel;
      if (explain) this.sharedDetail[s] = this.slotDetail;
    }
  }

  /**
   * Compares sought record ra with held record rb; answers the log-odds (prior included)
   * and leaves the field outcomes and weights in `outcome` / `weight` (and `detail`).
   * Records written two ways (parts in Arabic, full name in Latin) count their best pair
   * of views.
   */
  compare(ra: number, rb: number, explain = false): number {
    if (explain) this.detail = new Array(N_FIELDS).fill('');
    const A = this.a.list;
    const B = this.b.list;
    const a0 = A.viewStart[ra];
    const a1 = A.viewStart[ra + 1];
    const b0 = B.viewStart[rb];
    const b1 = B.viewStart[rb + 1];
    this.sharedSlots(a0, b0, explain);
    let names: number;
    if (a1 - a0 === 1 && b1 - b0 === 1) names = this.compareNames(a0, b0, explain);
    else {
      names = -Infinity;
      for (let va = a0; va < a1; va++) {
        for (let vb = b0; vb < b1; vb++) {
          // Each reading of a name weighs by how likely it is (and is one more chance of a coincidence).
          const t = this.compareNames(va, vb, explain) + this.a.viewPrior[va] + this.b.viewPrior[vb];
          if (t > names) {
            names = t;
            for (let f = 0; f < N_SLOTS; f++) {
              this.bestOutcome[f] = this.outcome[f];
              this.bestWeight[f] = this.weight[f];
            }
            if (explain) this.bestDetail = this.detail!.slice(0, N_SLOTS);
          }
        }
      }
      for (let f = 0; f < N_SLOTS; f++) {
        this.outcome[f] = this.bestOutcome[f];
        this.weight[f] = this.bestWeight[f];
      }
      if (explain) for (let f = 0; f < N_SLOTS; f++) this.detail![f] = this.bestDetail[f];
    }
    this.compareSex(ra, rb, explain);
    this.compareBirth(ra, rb, explain);
    this.compareId(ra, rb, explain);
    this.compareDetainedOn(ra, rb, explain);
    // Relatives are often arrested together: a shared day of detention counts with the
    // family's evidence when the given names do not agree.
    let det = this.weight[F_DETAINED_ON];
    if (det > 0 && this.level[0] < PHONETIC) {
      let fam = 0;
      for (let f = 1; f < N_SLOTS; f++) if (this.weight[f] > 0) fam += this.weight[f];
      const room = Math.max(0, FAMILY_CAP - fam);
      if (det > room) {
        if (explain) this.detail![F_DETAINED_ON] += `; −${(det - room).toFixed(1)}: counted with the family's evidence`;
        det = room;
        this.weight[F_DETAINED_ON] = det;
      }
    }
    return this.prior + names + this.weight[F_SEX] + this.weight[F_BIRTH] + this.weight[F_ID] + det;
  }

  /** Names written in the wrong slot: given and family swapped, father's name as family name. */
  private rescue(ra: number, rb: number, explain: boolean): void {
    const o = this.outcome;
    if (o[0] === O_CONFLICT && o[3] === O_CONFLICT) {
      this.compareSlot(0, ra, 3, rb, explain);
      const w1 = this.slotWeight;
      const l1 = this.slotLevel;
      const d1 = this.slotDetail;
      this.compareSlot(3, ra, 0, rb, explain);
      if (l1 >= PHONETIC && this.slotLevel >= PHONETIC) {
        o[0] = o[3] = O_SIMILAR;
        this.weight[0] = w1;
        this.weight[3] = this.slotWeight;
        this.level[0] = l1;
        this.level[3] = this.slotLevel;
        if (explain) {
          this.detail![0] = `${d1} (given and family name swapped)`;
          this.detail![3] = `${this.slotDetail} (given and family name swapped)`;
        }
        return;
      }
    }
    if (o[3] !== O_CONFLICT && o[3] !== O_MISSING) return;
    // A family name that repeats the record's own father's name is a clerk's filler.
    if (o[3] === O_CONFLICT && (this.repeatsFather(this.a, ra) || this.repeatsFather(this.b, rb))) {
      o[3] = O_MISSING;
      this.weight[3] = 0;
      if (explain) this.detail![3] += " (repeats the father's name: not compared)";
      return;
    }
    // The family name on one side stands in a slot the other side leaves empty: a father's
    // or grandfather's name recorded as family name, or "given father grandfather" read
    // as "given father family". A slot already matched is never used twice.
    for (let k = 0; k < CROSS_SLOTS.length; k++) {
      const [sa, sb, y, label] = CROSS_SLOTS[k];
      if (o[y] !== O_MISSING) continue;
      this.compareSlot(sa, ra, sb, rb, explain);
      if (this.slotLevel >= PHONETIC) {
        o[3] = O_SIMILAR;
        this.weight[3] = Math.max(this.weight[3], CROSS_SLOT_SHARE * this.slotWeight);
        if (explain) this.detail![3] = `${this.slotDetail} (as ${label})`;
        return;
      }
    }
  }

  /** Whether the family name of view v is its father's name again (same first name key). */
  private repeatsFather(side: Side, v: number): boolean {
    const fam = this.firstContent(side, v, 3);
    return fam >= 0 && fam === this.firstContent(side, v, 1);
  }

  private firstContent(side: Side, v: number, s: number): number {
    const L = side.list;
    for (let x = L.off[v * N_SLOTS + s]; x < L.off[v * N_SLOTS + s + 1]; x++) {
      const id = L.tok[x];
      if (side.pbit[id] === 0) return side.kid[id];
    }
    return -1;
  }

  /**
   * Dependence corrections, on the name slots' weights:
   *
   * - siblings share every name but their own, and often the place of birth: without
   *   given-name agreement, the family's evidence (father's, grandfather's, family,
   *   mother's name, birth place) counts at most FAMILY_CAP bits;
   * - two people may bear the same full name however rare its parts (the frequencies of
   *   the parts multiplied say otherwise, but names run in families and places): the
   *   name chain (given … family) counts at most chainMax bits, so that the name alone
   *   cannot make a posterior above 1 / (1 + NAME_COLLISION_RATE).
   *
   * A cut is taken from the strongest slot and said in its detail.
   */
  private caps(explain: boolean, familyFirst: boolean): void {
    const w = this.weight;
    // Read family name first, a given name stands in the family slot: its conflict is
    // the given names' conflict.
    if (this.level[0] < PHONETIC || (familyFirst && this.outcome[3] === O_CONFLICT)) {
      let fam = 0;
      for (let f = 1; f < N_SLOTS; f++) if (w[f] > 0) fam += w[f];
      if (fam > FAMILY_CAP) this.cut(fam - FAMILY_CAP, 1, N_SLOTS - 1, explain, FAMILY_CAP_WHY);
    }
    let chain = 0;
    for (let f = 0; f <= 3; f++) if (w[f] > 0) chain += w[f];
    if (chain > this.chainMax) this.cut(chain - this.chainMax, 0, 3, explain, this.chainWhy);
  }

  /** Takes `amount` bits from slots first…last, strongest first, and says so in their details. */
  private cut(amount: number, first: number, last: number, explain: boolean, why: string): void {
    const w = this.weight;
    let rest = amount;
    while (rest > 1e-9) {
      let at = first;
      for (let f = first; f <= last; f++) if (w[f] > w[at]) at = f;
      if (w[at] <= 0) break;
      const take = Math.min(rest, w[at]);
      w[at] -= take;
      rest -= take;
      if (explain) this.detail![at] += `; −${take.toFixed(1)}: ${why}`;
    }
  }

  private compareSex(ra: number, rb: number, explain: boolean): void {
    const x = this.a.list.sex[ra];
    const y = this.b.list.sex[rb];
    if (!x || !y) {
      this.outcome[F_SEX] = O_MISSING;
      this.weight[F_SEX] = 0;
    } else if (x === y) {
      this.outcome[F_SEX] = O_AGREE;
      this.weight[F_SEX] = W_SEX_AGREE;
    } else {
      this.outcome[F_SEX] = O_CONFLICT;
      this.weight[F_SEX] = W_SEX_CONFLICT;
    }
    if (explain) this.detail![F_SEX] = x && y ? `${x === 1 ? 'male' : 'female'} / ${y === 1 ? 'male' : 'female'}` : '';
  }

  private compareBirth(ra: number, rb: number, explain: boolean): void {
    const A = this.a.list;
    const B = this.b.list;
    const ya = A.year[ra];
    const yb = B.year[rb];
    const f = F_BIRTH;
    if (!ya || !yb) {
      this.outcome[f] = O_MISSING;
      this.weight[f] = 0;
      if (explain) this.detail![f] = '';
      return;
    }
    // 1 January is a common filler for an unknown day: read it as the year alone.
    const fullA = A.month[ra] > 0 && A.day[ra] > 0 && !(A.month[ra] === 1 && A.day[ra] === 1);
    const fullB = B.month[rb] > 0 && B.day[rb] > 0 && !(B.month[rb] === 1 && B.day[rb] === 1);
    const lgYear = this.lgYear[ya];
    const dy = Math.abs(ya - yb);
    const ma = A.month[ra];
    const da = A.day[ra];
    const mb = B.month[rb];
    const db = B.day[rb];
    let w: number;
    let o: number;
    let what: string;
    if (dy === 0) {
      if (fullA && fullB && ma === mb && da === db) {
        const lgDate = this.lgDate.get(`${ya}-${ma}-${da}`) ?? lgYear - log2(365);
        w = LG_EXACT_DATE - lgDate;
        o = O_AGREE;
        what = 'same date';
      } else if (!fullA || !fullB) {
        w = LG_SAME_YEAR - lgYear;
        o = O_AGREE;
        what = 'same year';
      } else if (ma === db && da === mb) {
        w = LG_SWAPPED - lgYear;
        o = O_SIMILAR;
        what = 'day and month swapped';
      } else {
        w = LG_OTHER_DAY - lgYear;
        o = w > 0 ? O_SIMILAR : O_CONFLICT;
        what = 'same year, other day';
      }
    } else if (dy === 1) {
      if (fullA && fullB && ma === mb && da === db) {
        w = LG_OFF_SAME_DAY - lgYear;
        what = 'same day, year off by one';
      } else if (fullA && fullB) {
        w = LG_OFF_OTHER_DAY - lgYear;
        what = 'year off by one, other day';
      } else {
        w = LG_YEAR_OFF - lgYear;
        what = 'year off by one';
      }
      o = w > 0 ? O_SIMILAR : O_CONFLICT;
    } else if (dy <= 3) {
      w = LG_NEAR - lgYear;
      o = w > 0 ? O_SIMILAR : O_CONFLICT;
      what = `${dy} years apart`;
    } else {
      w = W_BIRTH_CONFLICT;
      o = O_CONFLICT;
      what = `${dy} years apart`;
    }
    this.outcome[f] = o;
    this.weight[f] = w;
    if (explain) this.detail![f] = `${dateText(ya, ma, da)} / ${dateText(yb, mb, db)}: ${what}`;
  }

  private compareDetainedOn(ra: number, rb: number, explain: boolean): void {
    const x = this.a.list.detainedDay[ra];
    const y = this.b.list.detainedDay[rb];
    const f = F_DETAINED_ON;
    if (!x || !y) {
      this.outcome[f] = O_MISSING;
      this.weight[f] = 0;
      if (explain) this.detail![f] = '';
      return;
    }
    const d = x > y ? x - y : y - x;
    let w: number;
    if (d === 0) {
      w = LG_SAME_DAY - (this.lgDetained.get(x) ?? this.lgDetainedFloor);
      if (w > DETENTION.sameDayMax) w = DETENTION.sameDayMax;
      this.outcome[f] = O_AGREE;
    } else if (d <= 31) {
      w = W_DETAINED_MONTH;
      this.outcome[f] = O_SIMILAR;
    } else if (d <= 366) {
      w = W_DETAINED_YEAR;
      this.outcome[f] = w > 0 ? O_SIMILAR : O_CONFLICT;
    } else {
      w = W_DETAINED_FURTHER;
      this.outcome[f] = O_CONFLICT;
    }
    this.weight[f] = w;
    if (explain) this.detail![f] = `${isoDay(x)} / ${isoDay(y)}${d ? `: ${d} days apart` : ''}`;
  }

  private compareId(ra: number, rb: number, explain: boolean): void {
    const x = this.a.list.nationalId[ra];
    const y = this.b.list.nationalId[rb];
    const f = F_ID;
    if (!x || !y) {
      this.outcome[f] = O_MISSING;
      this.weight[f] = 0;
      if (explain) this.detail![f] = '';
      return;
    }
    if (x === y) {
      this.outcome[f] = O_AGREE;
      this.weight[f] = Math.min(this.lgIdExact, 20);
    } else if (nearId(x, y)) {
      this.outcome[f] = O_SIMILAR;
      this.weight[f] = W_ID_NEAR;
    } else {
      this.outcome[f] = O_CONFLICT;
      this.weight[f] = W_ID_CONFLICT;
    }
    if (explain) this.detail![f] = x === y ? x : `${x} / ${y}`;
  }
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

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function dateText(y: number, m: number, d: number): string {
  return m && d ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : String(y);
}

/** One digit different, or two adjacent digits swapped, or one digit more or less. */
export function nearId(x: string, y: string): boolean {
  if (x.length === y.length) {
    let diff = 0;
    let first = -1;
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i]) {
        if (diff === 0) first = i;
        diff++;
        if (diff > 2) return false;
      }
    }
    if (diff <= 1) return true;
    return x[first] === y[first + 1] && x[first + 1] === y[first];
  }
  if (Math.abs(x.length - y.length) !== 1) return false;
  const [s, l] = x.length < y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}
