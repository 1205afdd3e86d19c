/**
 * A quick upper bound of a pair's score, so that most pairs blocking proposes are ruled
 * out without being compared field by field (compare.ts checks it: never below the score).
 *
 * A name can only agree, at a spelling variant or better, with a name of the same
 * blocking skeleton — the phonetic costs keep every cheap change inside a skeleton class
 * (phonetic.ts) — in a slot it is compared with, and only be near one whose skeleton is
 * one edit away in the same slot; a name slot with neither is a conflict, unless a kunya
 * or a family-name rescue may excuse it. Caps and
 * penalties only lower a score; birth date, sex, ID and day of detention are compared
 * exactly. Each record's names are reduced once to sorted skeleton ids, so a pair costs
 * two merges of short sorted lists.
 */
import { FieldComparer } from './fields.ts';
import { F_BIRTH, F_DETAINED_ON, F_ID, F_SEX, KUNYA, SLOT_MAX, SLOT_MODEL } from './levels.ts';
import { FAMILY_CAP, MAX_NAME_WEIGHT, log2 } from './model.ts';
import type { Side } from './token-space.ts';
import { N_SLOTS, type PreparedList } from './types.ts';

/**
 * Ids are skeleton × 8 + slot. A record offers its names under their own slots; a name of
 * the other record looks for them under the slots it can be compared with: its own, and
 * those a swap or a rescue pairs it with (compare.ts: given ↔ family, family ↔ father's
 * or grandfather's name).
 */
const TARGETS: number[][] = [[0, 3], [1, 3], [2, 3], [3, 0, 1, 2], [4], [5], [6]];
/** Slots whose upper bound tells a near spelling from a conflict (the others are taken as near). */
const NEAR_TESTED = [true, true, true, false, true, false, false];

export class BoundedComparer extends FieldComparer {
  private readonly boundSums = new Float64Array(N_SLOTS);
  private readonly boundState = new Uint8Array(N_SLOTS);
  private readonly aPlainIds = new Int32Array(1024);
  private readonly aPlainMask = new Int32Array(1024);
  private readonly aNearIds = new Int32Array(4096);
  private readonly aNearMask = new Int32Array(4096);
  private aPlainN = 0;
  private aNearN = 0;
  private markedFor = -1;
  /** The pair whose sex, birth, ID and detention upperBound compared last (compare reuses them). */
  protected restFor = -1;

  constructor(sought: PreparedList, held: PreparedList, dedupe: boolean) {
    super(sought, held, dedupe);
    const skelIds = new Map<string, number>();
    for (const sd of dedupe ? [this.a] : [this.a, this.b]) this.boundTokens(sd, skelIds);
  }

  /**
   * For upperBound. Per view of a record: its names (slot, the skeleton ids of every
   * spelling, the ids of those skeletons and of their one-letter deletions, the most a
   * match on it can weigh). Per record: the same ids of all its names, by slot group;
   * which slots every view fills; whether a given name is a kunya. Flat typed arrays.
   */
  private boundTokens(side: Side, skelIds: Map<string, number>): void {
    const L = side.list;
    const v = L.vocab;
    const intern = (k: string) => {
      let id = skelIds.get(k);
      if (id === undefined) skelIds.set(k, (id = skelIds.size));
      return id;
    };
    // Two skeletons are at most one edit apart exactly when their sets of "itself and its
    // one-letter deletions" meet (a deletion, an insertion or a substitution).
    const nv = v.key.length;
    const tokSkels: Int32Array[] = new Array(nv);
    side.near = new Array(nv);
    const nearOfSkel = new Map<string, number[]>();
    for (let i = 0; i < nv; i++) {
      const skels = new Set<string>(side.skels[i]);
      skels.add(v.skel[i]);
      const near = new Set<number>();
      for (const sk of skels) {
        let ids = nearOfSkel.get(sk);
        if (!ids) {
          ids = [intern(sk)];
          for (let x = 0; x < sk.length; x++) ids.push(intern(sk.slice(0, x) + sk.slice(x + 1)));
          nearOfSkel.set(sk, ids);
        }
        for (const id of ids) near.add(id);
      }
      const plainIds = new Int32Array(skels.size);
      let q = 0;
      for (const sk of skels) plainIds[q++] = intern(sk);
      tokSkels[i] = plainIds;
      side.near[i] = Int32Array.from(near).sort();
    }
    const lgMMax = log2(Math.max(...SLOT_MODEL.slice(0, 5).map((m) => m.exact)));
    const vStart = new Int32Array(L.reading.length + 1);
    const eSlot: number[] = [];
    const eW: number[] = [];
    const ePlainStart: number[] = [];
    const eNearStart: number[] = [];
    const ePlain: number[] = [];
    const eNear: number[] = [];
    const rStart = new Int32Array(L.size + 1);
    const rSkel: number[] = [];
    const rNearStart = new Int32Array(L.size + 1);
    const rNear: number[] = [];
    const present = new Uint8Array(L.size * N_SLOTS);
    const kunya = new Uint8Array(L.reading.length);
    const rKunya = new Uint8Array(L.size);
    // Scratch for a record's ids, sorted and deduplicated at the end of the record.
    let plainBuf = new Int32Array(256);
    let nearBuf = new Int32Array(1024);
    let np = 0;
    let nn = 0;
    const flush = (buf: Int32Array, n: number, out: number[]) => {
      const part = buf.subarray(0, n).sort();
      for (let x = 0; x < n; x++) if (x === 0 || part[x] !== part[x - 1]) out.push(part[x]);
    };
    for (let r = 0; r < L.size; r++) {
      np = 0;
      nn = 0;
      for (let s = 0; s < N_SLOTS; s++) present[r * N_SLOTS + s] = 1;
      for (let vw = L.viewStart[r]; vw < L.viewStart[r + 1]; vw++) {
        vStart[vw] = eSlot.length;
        if ((side.pmask[vw * N_SLOTS] & KUNYA) !== 0) {
          kunya[vw] = 1;
          rKunya[r] = 1;
        }
        for (let s = 0; s < N_SLOTS; s++) {
          const vs = vw * N_SLOTS + s;
          if (L.off[vs] === L.off[vs + 1]) present[r * N_SLOTS + s] = 0;
          const freq = s === 3 ? this.lgFamFreq : this.lgFreq;
          let lastParticle = -1;
          let content = 0;
          for (let x = L.off[vs]; x <= L.off[vs + 1]; x++) {
            let id: number;
            if (x < L.off[vs + 1]) {
              id = L.tok[x];
              if (side.pbit[id] !== 0) {
                if (side.pbit[id] !== 16) lastParticle = id;
                continue;
              }
              content++;
            } else {
              // A name of particles only (Abdullah): its last particle stands for it.
              if (content > 0 || lastParticle < 0) break;
              id = lastParticle;
            }
            eSlot.push(s);
            eW.push(s >= 5 ? SLOT_MAX[s] : Math.min(MAX_NAME_WEIGHT, lgMMax - freq[side.kid[id]]));
            ePlainStart.push(ePlain.length);
            const ps = tokSkels[id];
            for (let q = 0; q < ps.length; q++) {
              for (const t of TARGETS[s]) ePlain.push(ps[q] * 8 + t);
              const k = ps[q] * 8 + s;
              if (np === plainBuf.length) {
                const grown = new Int32Array(np * 2);
                grown.set(plainBuf);
                plainBuf = grown;
              }
              plainBuf[np++] = k;
            }
            eNearStart.push(eNear.length);
            // Only where a conflict can be told from a near spelling (given, father's,
            // grandfather's, mother's name); elsewhere upperBound assumes near.
            if (NEAR_TESTED[s]) {
              const ns = side.near[id];
              // A near spelling is only ever weighed against the same slot.
              for (let q = 0; q < ns.length; q++) {
                const k = ns[q] * 8 + s;
                eNear.push(k);
                if (nn === nearBuf.length) {
                  const grown = new Int32Array(nn * 2);
                  grown.set(nearBuf);
                  nearBuf = grown;
                }
                nearBuf[nn++] = k;
              }
            }
          }
        }
      }
      rStart[r] = rSkel.length;
      flush(plainBuf, np, rSkel);
      rNearStart[r] = rNear.length;
      flush(nearBuf, nn, rNear);
    }
    vStart[L.reading.length] = eSlot.length;
    // The most a record's names could weigh, whatever the other record: every name agreeing.
    const maxNames = new Float64Array(L.size);
    const sums = new Float64Array(N_SLOTS);
    for (let r = 0; r < L.size; r++) {
      let best = -Infinity;
      for (let vw = L.viewStart[r]; vw < L.viewStart[r + 1]; vw++) {
        sums.fill(0);
        for (let e = vStart[vw]; e < vStart[vw + 1]; e++) sums[eSlot[e]] += eW[e];
        let total = 0;
        let chain = 0;
        for (let s = 0; s < N_SLOTS; s++) {
          const x = sums[s] > SLOT_MAX[s] ? SLOT_MAX[s] : sums[s];
          total += x;
          if (s < 4) chain += x;
        }
        if (chain > this.chainMax) total -= chain - this.chainMax;
        if (total > best) best = total;
      }
      maxNames[r] = best === -Infinity ? 0 : best;
    }
    side.bMaxNames = maxNames;
    ePlainStart.push(ePlain.length);
    eNearStart.push(eNear.length);
    rStart[L.size] = rSkel.length;
    rNearStart[L.size] = rNear.length;
    side.bvStart = vStart;
    side.beSlot = Uint8Array.from(eSlot);
    side.beW = Float64Array.from(eW);
    side.bePlainStart = Int32Array.from(ePlainStart);
    side.bePlain = Int32Array.from(ePlain);
    side.beNearStart = Int32Array.from(eNearStart);
    side.beNear = Int32Array.from(eNear);
    side.brStart = rStart;
    side.brSkel = Int32Array.from(rSkel);
    side.brNearStart = rNearStart;
    side.brNear = Int32Array.from(rNear);
    side.bPresent = present;
    side.bKunyaView = kunya;
    side.bKunya = rKunya;
  }

  /**
   * The names of sought record ra (its entries across views, numbered from 0) as sorted
   * (skeleton id, entry bits) lists, so that upperBound meets them with the held side's
   * sorted ids in one merge.
   */
  private markSought(ra: number): void {
    const a = this.a;
    const e0 = a.bvStart[a.list.viewStart[ra]];
    const e1 = a.bvStart[a.list.viewStart[ra + 1]];
    const collect = (start: Int32Array, ids: Int32Array, outIds: Int32Array, outMask: Int32Array): number => {
      const m = new Map<number, number>();
      for (let e = e0; e < e1; e++) {
        const bit = e - e0 < 31 ? 1 << (e - e0) : 0;
        for (let x = start[e]; x < start[e + 1]; x++) m.set(ids[x], (m.get(ids[x]) ?? 0) | bit);
      }
      const keys = [...m.keys()].sort((x, y) => x - y);
      // More names than room (never on real records): every entry counts as met.
      if (keys.length > outIds.length) {
        outIds[0] = -1;
        outMask[0] = -1;
        return -1;
      }
      const n = keys.length;
      for (let i = 0; i < n; i++) {
        outIds[i] = keys[i];
        outMask[i] = m.get(keys[i])!;
      }
      return n;
    };
    this.aPlainN = collect(a.bePlainStart, a.bePlain, this.aPlainIds, this.aPlainMask);
    this.aNearN = collect(a.beNearStart, a.beNear, this.aNearIds, this.aNearMask);
    this.markedFor = ra;
  }

  /**
   * An upper bound of compare(ra, rb) from integer operations, so that most pairs
   * blocking proposes are ruled out without being compared. A name can only agree (at a
   * spelling variant or better) with a name of the same blocking skeleton — the phonetic
   * costs keep every cheap change inside a skeleton class — and only be near one whose
   * skeleton is one edit away; a name slot with neither is a conflict (unless a kunya or
   * a family name a rescue may excuse); caps and penalties only lower a score; birth
   * date, sex, ID and day of detention are exact.
   */
  upperBound(ra: number, rb: number, below = -Infinity): number {
    const a = this.a;
    const b = this.b;
    // Birth date, sex, ID and day of detention first: with every name agreeing, is the
    // pair still below `below`? Then the names need not be looked at.
    this.compareRest(ra, rb, false);
    this.restFor = ra * 0x100000 + rb;
    const d = this.weight[F_DETAINED_ON];
    const rest = this.prior + this.weight[F_SEX] + this.weight[F_BIRTH] + this.weight[F_ID] + (d > 0 ? d : 0);
    if (rest + a.bMaxNames[ra] < below) return rest + a.bMaxNames[ra];
    if (this.markedFor !== ra) this.markSought(ra);
    // Which of ra's entries meet a skeleton of rb (merges of sorted id lists); first
    // with every other name taken as near, then, if that does not settle it, with the
    // names at most an edit away found.
    const hitMask = this.aPlainN < 0 ? -1 : meet(this.aPlainIds, this.aPlainMask, this.aPlainN, b.brSkel, b.brStart[rb], b.brStart[rb + 1]);
    const loose = this.namesBound(ra, rb, hitMask, -1);
    if (rest + loose < below) return rest + loose;
    const nearMask = this.aNearN < 0 ? -1 : meet(this.aNearIds, this.aNearMask, this.aNearN, b.brNear, b.brNearStart[rb], b.brNearStart[rb + 1]);
    return rest + this.namesBound(ra, rb, hitMask, nearMask);
  }

  /** The most the names of ra can weigh against rb, given which of ra's entries meet or are near rb's. */
  private namesBound(ra: number, rb: number, hitMask: number, nearMask: number): number {
    const a = this.a;
    const b = this.b;
    const eBase = a.bvStart[a.list.viewStart[ra]];
    let best = -Infinity;
    const sums = this.boundSums;
    const state = this.boundState;
    const bKunya = b.bKunya[rb] === 1;
    for (let vw = a.list.viewStart[ra]; vw < a.list.viewStart[ra + 1]; vw++) {
      for (let s = 0; s < N_SLOTS; s++) {
        sums[s] = 0;
        state[s] = 0;
      }
      for (let e = a.bvStart[vw]; e < a.bvStart[vw + 1]; e++) {
        const s = a.beSlot[e];
        if (state[s] === 0) state[s] = 1;
        const i = e - eBase;
        // Entries past the 31st are not marked: taken as agreeing.
        const bit = i < 31 ? 1 << i : 0;
        if (bit === 0 || (hitMask & bit) !== 0) {
          sums[s] += a.beW[e];
          state[s] = 3;
        } else if (!NEAR_TESTED[s] || (nearMask & bit) !== 0) {
          if (this.maxFuzzy > 0) sums[s] += this.maxFuzzy;
          if (state[s] < 2) state[s] = 2;
        }
      }
      const givenHit = state[0] === 3;
      for (let s = 0; s < N_SLOTS; s++) {
        if (state[s] !== 1) continue;
        // Neither the same nor near: a conflict, where the other side fills the slot in
        // every view and no kunya or family-name rescue can excuse it.
        const excused = s === 3 || (s === 0 && (bKunya || a.bKunyaView[vw] === 1));
        if (!excused && b.bPresent[rb * N_SLOTS + s] === 1) sums[s] = this.wConflict[s];
      }
      let total = 0;
      let chain = 0;
      let fam = 0;
      for (let s = 0; s < N_SLOTS; s++) {
        if (sums[s] > SLOT_MAX[s]) sums[s] = SLOT_MAX[s];
        total += sums[s];
        if (sums[s] > 0) {
          if (s < 4) chain += sums[s];
          if (s > 0) fam += sums[s];
        }
      }
      // Each cap alone bounds the score (the actual applies both, in order).
      let names = chain > this.chainMax ? total - (chain - this.chainMax) : total;
      if (!givenHit && fam > FAMILY_CAP && total - (fam - FAMILY_CAP) < names) names = total - (fam - FAMILY_CAP);
      if (names > best) best = names;
    }
    return best;
  }
}

/** OR of the masks of the ids in sorted aIds[0…an) that also occur in sorted b[b0…b1). */
function meet(aIds: Int32Array, aMask: Int32Array, an: number, b: Int32Array, b0: number, b1: number): number {
  let mask = 0;
  let i = 0;
  let j = b0;
  while (i < an && j < b1) {
    const x = aIds[i];
    const y = b[j];
    if (x < y) i++;
    else if (x > y) j++;
    else {
      mask |= aMask[i];
      i++;
      j++;
    }
  }
  return mask;
}
