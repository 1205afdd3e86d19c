/**
 * Seeded pseudo-random numbers for every synthetic data set (the detainee lists, the demo,
 * the benches): xoshiro128** seeded through splitmix32, so the same seed always gives the
 * same data on every platform. The one generator of the package: nothing else draws.
 * `fork(label)` derives an independent stream, so one part of the generator can draw
 * more or fewer numbers without shifting every other part.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A 32-bit hash of a label (FNV-1a), to derive child streams. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const compiled = new WeakMap<object, { keys: string[]; cum: Float64Array; total: number }>();

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    const init = splitmix32(this.seed);
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** An unsigned 32-bit integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    return result;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi] (both included). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /**
   * Picks a key of a table of weights, e.g. `{ a: 0.7, b: 0.3 }`. Tables kept in constants
   * are compiled once (cumulative weights), so hot paths should not build them per call.
   */
  choose<K extends string>(weights: Readonly<{ [k in K]?: number }>): K {
    let c = compiled.get(weights);
    if (!c) {
      const keys = Object.keys(weights) as K[];
      const cum = new Float64Array(keys.length);
      let total = 0;
      keys.forEach((k, i) => {
        cum[i] = total += weights[k] ?? 0;
      });
      c = { keys, cum, total };
      compiled.set(weights, c);
    }
    const x = this.next() * c.total;
    const cum = c.cum;
    for (let i = 0; i < cum.length; i++) if (x < cum[i]) return c.keys[i] as K;
    return c.keys[c.keys.length - 1] as K;
  }

  /**
   * Picks a value of a list of [value, weight] pairs, e.g. `[[1, 50], [2, 35], [3, 15]]`.
   * For pairs built once and drawn from often, a WeightedTable is faster.
   */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }

  /** A small count with the given mean (geometric): mostly 0–2, now and then more, at most `max`. */
  count(mean: number, max = 60): number {
    const p = mean / (1 + mean);
    let n = 0;
    while (n < max && this.next() < p) n++;
    return n;
  }

  /** Approximately normal (sum of three uniforms), mean 0, standard deviation 1. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** An independent stream derived from this generator's seed and a label. */
  fork(label: string): Rng {
    return new Rng((this.seed ^ hashLabel(label)) >>> 0 || 1);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Draws items in proportion to their weights in O(1) (Walker's alias method). */
export class WeightedTable<T> {
  readonly items: T[];
  readonly weights: number[];
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(items: T[], weights: number[]) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('WeightedTable needs items and as many weights');
    this.items = items;
    this.weights = weights;
    const n = items.length;
    const total = weights.reduce((s, w) => s + w, 0);
    if (!(total > 0)) throw new Error('WeightedTable needs a positive total weight');
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => {
      (p < 1 ? small : large).push(i);
    });
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.prob[i] = 1;
  }

  draw(rng: Rng): T {
    const i = rng.int(this.items.length);
    return this.items[rng.next() < this.prob[i] ? i : this.alias[i]];
  }

  /** The share of the total weight an item carries. */
  share(item: T): number {
    const total = this.weights.reduce((s, w) => s + w, 0);
    let w = 0;
    this.items.forEach((it, i) => {
      if (it === item) w += this.weights[i];
    });
    return w / total;
  }
}
