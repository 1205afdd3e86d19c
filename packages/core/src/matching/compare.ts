/**
 * Comparing two prepared records, field by field, into Fellegi–Sunter weights.
 *
 * A `Comparer` is built once per match (two prepared lists, or one for duplicates) on
 * the token space (token-space.ts: keys, frequencies, token levels), the other fields
 * (fields.ts) and the quick upper bound (bound.ts). This file compares the name slots:
 * each slot's tokens paired greedily by level, a kunya set aside, names written in the
 * wrong slot rescued, the dependence caps of model.ts applied, and the best pair of
 * readings of two records kept. Comparing a pair reads integer ids and typed arrays and
 * writes into preallocated arrays: no allocation in the pair loop. With `explain`, the
 * same code also writes the text of each field's comparison (for the pairs kept).
 */
import { BoundedComparer } from './bound.ts';
import {
  CROSS_SLOTS,
  EXACT,
  FAMILY_CAP_WHY,
  FUZZY,
  F_BIRTH,
  F_DETAINED_ON,
  F_ID,
  F_SEX,
  KUNYA,
  LEVEL_NAMES,
  MAX_TOK,
  N_FIELDS,
  NONE,
  O_AGREE,
  O_CONFLICT,
  O_MISSING,
  O_SIMILAR,
  PHONETIC,
  SLOT_MAX,
} from './levels.ts';
import { CROSS_SLOT_SHARE, FAMILY_CAP, MAX_NAME_WEIGHT, W_BOTH_EXTRA, W_ONE_EXTRA, W_PARTICLES_DIFFER } from './model.ts';
import type { Side } from './token-space.ts';
import { N_SLOTS, type PreparedList } from './types.ts';

export { EXACT, FIELDS, FUZZY, N_FIELDS, NONE, OUTCOMES, O_AGREE, O_CONFLICT, O_MISSING, O_SIMILAR, PHONETIC, PHONETIC_MAX, fuzzyMax } from './levels.ts';
export { withinOneEdit } from './token-space.ts';
export { nearId } from './fields.ts';

export class Comparer extends BoundedComparer {
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
    super(sought, held, dedupe);
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
    // Sex, birth date, ID, day of detention: already compared by upperBound for this pair.
    if (explain || this.restFor !== ra * 0x100000 + rb) this.compareRest(ra, rb, explain);
    this.restFor = -1;
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
      const cross = CROSS_SLOTS[k];
      const sa = cross[0];
      const sb = cross[1];
      const y = cross[2];
      const label = cross[3];
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
}
