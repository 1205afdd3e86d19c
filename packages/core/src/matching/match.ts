/**
 * Matching: sought list against held list, or one list against itself for duplicates.
 *
 * Blocking proposes pairs (blocking.ts), the comparer scores each (compare.ts), pairs at or
 * above `minScore` (default: the review threshold) are kept, best first, at most `top` per
 * sought record, and each kept pair is compared once more to write its explanation.
 * `from`/`to` take a slice of the sought list, so that worker threads can share a match
 * (server/src/matching/parallel.ts) and return exactly what one thread would.
 */
import type { PersonRecord } from '../detainees/person.ts';
import { Blocker, buildIndex, type BlockIndex, type BlockingOptions, type BlockingStats } from './blocking.ts';
import { Comparer, FIELDS, N_FIELDS, OUTCOMES } from './compare.ts';
import type { Lexicon } from './lexicon.ts';
import { THRESHOLDS, log2, posterior } from './model.ts';
import { prepareList } from './prepare.ts';
import type { Candidate, FieldComparison, PreparedList } from './types.ts';

export interface MatchOptions extends BlockingOptions {
  /** Keep at most this many candidates per sought record, best first. */
  top?: number;
  /** Keep pairs scoring at least this (default THRESHOLDS.review). */
  minScore?: number;
  /** A slice of the sought list: records [from, to). */
  from?: number;
  to?: number;
}

export interface MatchStats extends BlockingStats {
  /** Candidate pairs compared (each at least by the quick upper bound). */
  pairsCompared: number;
  /** Of those, pairs whose bound did not rule them out, scored field by field. */
  pairsScoredInFull: number;
  /** Candidates kept (at or above minScore, within top). */
  candidatesKept: number;
  /** Milliseconds spent blocking and scoring. */
  elapsedMs: number;
}

export interface MatchResult {
  candidates: Candidate[];
  stats: MatchStats;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function candidateOf(c: Comparer, sought: PreparedList, held: PreparedList, s: number, h: number): Candidate {
  const lo = c.compare(s, h, true);
  const score = posterior(lo);
  const comparisons: FieldComparison[] = new Array(N_FIELDS);
  for (let f = 0; f < N_FIELDS; f++) {
    const fc: FieldComparison = { field: FIELDS[f], outcome: OUTCOMES[c.outcome[f]], weight: round(c.weight[f], 2) };
    const d = c.detail![f];
    if (d) fc.detail = d;
    comparisons[f] = fc;
  }
  return {
    soughtRef: sought.refs[s],
    heldRef: held.refs[h],
    score: round(score, 6),
    band: score >= THRESHOLDS.link ? 'link' : 'review',
    comparisons,
  };
}

/**
 * A match set up once (frequencies, token cache, held index) and run over slices of the
 * sought list: a worker thread keeps one and runs the chunks it is given.
 */
export class Matcher {
  private readonly comparer: Comparer;
  private readonly index: BlockIndex;

  constructor(
    readonly sought: PreparedList,
    readonly held: PreparedList,
    readonly dedupe: boolean,
  ) {
    this.comparer = new Comparer(sought, held, dedupe);
    this.index = buildIndex(held);
  }

  run(opts: MatchOptions = {}): MatchResult {
    const { sought, held, dedupe, comparer } = this;
    const started = performance.now();
    const blocker = new Blocker(sought, held, this.index, dedupe, opts);
    const minScore = opts.minScore ?? THRESHOLDS.review;
    const minLogOdds = minScore <= 0 ? -Infinity : minScore >= 1 ? Infinity : log2(minScore / (1 - minScore));
    const top = opts.top && opts.top > 0 ? opts.top : Infinity;
    const from = Math.max(0, opts.from ?? 0);
    const to = Math.min(sought.size, opts.to ?? sought.size);
    const out: Candidate[] = [];
    let keptH = new Int32Array(64);
    let keptL = new Float64Array(64);
    let pairs = 0;
    let skipped = 0;
    for (let s = from; s < to; s++) {
      // Held records in index order: their data is read in order, not at random.
      const cands = blocker.candidates(s).sort();
      pairs += cands.length;
      let n = 0;
      for (let i = 0; i < cands.length; i++) {
        const h = cands[i];
        if (comparer.upperBound(s, h, minLogOdds) < minLogOdds) {
          skipped++;
          continue;
        }
        const lo = comparer.compare(s, h);
        if (lo < minLogOdds) continue;
        if (n === keptH.length) {
          const h2 = new Int32Array(n * 2);
          h2.set(keptH);
          keptH = h2;
          const l2 = new Float64Array(n * 2);
          l2.set(keptL);
          keptL = l2;
        }
        keptH[n] = h;
        keptL[n] = lo;
        n++;
      }
      if (n === 0) continue;
      const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => keptL[y] - keptL[x] || keptH[x] - keptH[y]);
      const k = Math.min(n, top);
      for (let i = 0; i < k; i++) out.push(candidateOf(comparer, sought, held, s, keptH[order[i]]));
    }
    const stats: MatchStats = {
      ...blocker.stats,
      pairsCompared: pairs,
      pairsScoredInFull: pairs - skipped,
      candidatesKept: out.length,
      elapsedMs: round(performance.now() - started, 1),
    };
    return { candidates: out, stats };
  }
}

function run(sought: PreparedList, held: PreparedList, dedupe: boolean, opts: MatchOptions): MatchResult {
  return new Matcher(sought, held, dedupe).run(opts);
}

/** Adds up the figures of slices of one match. */
export function mergeStats(parts: MatchStats[]): MatchStats {
  const sum = (k: keyof MatchStats) => parts.reduce((t, p) => t + (p[k] as number), 0);
  const soughtRecords = sum('soughtRecords');
  const candidatePairs = sum('candidatePairs');
  return {
    soughtRecords,
    heldRecords: parts[0]?.heldRecords ?? 0,
    candidatePairs,
    candidatesPerRecord: soughtRecords ? candidatePairs / soughtRecords : 0,
    keysCapped: sum('keysCapped'),
    recordsAtBudget: sum('recordsAtBudget'),
    pairsCompared: sum('pairsCompared'),
    pairsScoredInFull: sum('pairsScoredInFull'),
    candidatesKept: sum('candidatesKept'),
    elapsedMs: round(Math.max(0, ...parts.map((p) => p.elapsedMs)), 1),
  };
}

/** Candidates and figures for sought × held (or a slice of sought). */
export function matchPreparedWithStats(sought: PreparedList, held: PreparedList, opts: MatchOptions = {}): MatchResult {
  return run(sought, held, false, opts);
}

/** Candidate pairs of sought × held, best first per sought record. */
export function matchPrepared(sought: PreparedList, held: PreparedList, opts: MatchOptions = {}): Candidate[] {
  return run(sought, held, false, opts).candidates;
}

/** Prepares both lists and matches them (one thread; see server/src/matching/parallel.ts for more). */
export function matchLists(sought: readonly PersonRecord[], held: readonly PersonRecord[], opts: MatchOptions & { lexicon?: Lexicon } = {}): Candidate[] {
  return matchPrepared(prepareList(sought, opts.lexicon), prepareList(held, opts.lexicon), opts);
}

/** Pairs of records within one list that may be one person; each pair once (soughtRef before heldRef in list order). */
export function findDuplicatesWithStats(list: PreparedList, opts: MatchOptions = {}): MatchResult {
  return run(list, list, true, opts);
}

export function findDuplicates(list: PreparedList | readonly PersonRecord[], opts: MatchOptions & { lexicon?: Lexicon } = {}): Candidate[] {
  const prepared = Array.isArray(list) ? prepareList(list as PersonRecord[], opts.lexicon) : (list as PreparedList);
  return run(prepared, prepared, true, opts).candidates;
}

/**
 * Blocking alone: how many pairs would be compared (for benches and for sizing a run).
 * With `dedupe`, `held` is ignored and the list is blocked against itself.
 */
export function blockingStats(sought: PreparedList, held: PreparedList, opts: MatchOptions & { dedupe?: boolean } = {}): BlockingStats {
  const dedupe = opts.dedupe ?? false;
  const h = dedupe ? sought : held;
  const blocker = new Blocker(sought, h, buildIndex(h), dedupe, opts);
  const from = Math.max(0, opts.from ?? 0);
  const to = Math.min(sought.size, opts.to ?? sought.size);
  for (let s = from; s < to; s++) blocker.candidates(s);
  return blocker.stats;
}

/** The candidate pairs blocking proposes, as record indexes (recall after blocking is measured on them). */
export function candidatePairs(sought: PreparedList, held: PreparedList, opts: MatchOptions & { dedupe?: boolean } = {}): Array<[number, number]> {
  const dedupe = opts.dedupe ?? false;
  const h = dedupe ? sought : held;
  const blocker = new Blocker(sought, h, buildIndex(h), dedupe, opts);
  const out: Array<[number, number]> = [];
  const from = Math.max(0, opts.from ?? 0);
  const to = Math.min(sought.size, opts.to ?? sought.size);
  for (let s = from; s < to; s++) for (const x of blocker.candidates(s)) out.push([s, x]);
  return out;
}

/**
 * Whether blocking proposes each given pair (sought index, held index): recall after
 * blocking, measured without listing every candidate pair.
 */
export function pairsBlocked(
  sought: PreparedList,
  held: PreparedList,
  pairs: ReadonlyArray<readonly [number, number]>,
  opts: MatchOptions & { dedupe?: boolean } = {},
): boolean[] {
  const dedupe = opts.dedupe ?? false;
  const h = dedupe ? sought : held;
  const blocker = new Blocker(sought, h, buildIndex(h), dedupe, opts);
  const bySought = new Map<number, number[]>();
  pairs.forEach(([s], i) => {
    const list = bySought.get(s) ?? [];
    list.push(i);
    bySought.set(s, list);
  });
  const out: boolean[] = new Array(pairs.length).fill(false);
  for (const [s, idx] of bySought) {
    const found = new Set(blocker.candidates(s));
    for (const i of idx) {
      const [a, b] = pairs[i];
      out[i] = dedupe && b < a ? new Set(blocker.candidates(b)).has(a) : found.has(b);
    }
  }
  return out;
}
