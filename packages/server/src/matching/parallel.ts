/**
 * Runs the matching engine on worker threads, so the request thread stays free.
 *
 * Lists are prepared in the workers (one list per worker at a time), each worker then
 * loads the two prepared lists once and takes slices of the sought list from a queue.
 * Slices come back in order and are concatenated: the candidates are exactly those of
 * the single-thread `matchPrepared` / `findDuplicates` (parallel.test.ts checks that).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PersonRecord } from '@truce/core/detainees/person';
import { mergeStats, type Candidate, type Lexicon, type MatchOptions, type MatchResult, type MatchStats, type PreparedList } from '@truce/core/matching/index';
import type { WorkerRequest } from './match-worker.ts';

export interface ParallelOptions extends MatchOptions {
  /** Worker threads (default 2, at most the number of CPUs). */
  workers?: number;
  /** Slices per worker: more balances better, each costs a message (default 4). */
  slicesPerWorker?: number;
}

type Req = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** A few worker threads running the engine; close() when done. */
export class MatchPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failed: Error | null = null;

  constructor(count = 2) {
    const n = Math.max(1, Math.min(count, Math.max(1, os.availableParallelism?.() ?? os.cpus().length) * 2));
    for (let i = 0; i < n; i++) {
      const w = new Worker(new URL('./match-worker.mjs', import.meta.url));
      w.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(`matching worker: ${m.error}`));
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`matching worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private fail(e: Error) {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  request<T>(worker: number, req: Req): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[worker].postMessage({ ...req, id });
    });
  }

  /** Prepares lists on the workers, several at once. */
  async prepare(lists: readonly (readonly PersonRecord[])[], lexicon?: Lexicon): Promise<PreparedList[]> {
    const out: PreparedList[] = new Array(lists.length);
    let next = 0;
    await Promise.all(
      this.workers.map(async (_, w) => {
        while (next < lists.length) {
          const i = next++;
          out[i] = await this.request<PreparedList>(w, { op: 'prepare', records: lists[i] as PersonRecord[], lexicon });
        }
      }),
    );
    return out;
  }

  /** Matches sought × held (or a list with itself when `held` is null) on all workers. */
  async match(sought: PreparedList, held: PreparedList | null, opts: ParallelOptions = {}): Promise<MatchResult> {
    await Promise.all(this.workers.map((_, w) => this.request(w, { op: 'load', sought, held })));
    const from = Math.max(0, opts.from ?? 0);
    const to = Math.min(sought.size, opts.to ?? sought.size);
    const count = Math.max(1, Math.min(to - from, this.workers.length * (opts.slicesPerWorker ?? 4)));
    const bounds = Array.from({ length: count + 1 }, (_, i) => from + Math.round(((to - from) * i) / count));
    const results: MatchResult[] = new Array(count);
    let next = 0;
    const { workers: _w, slicesPerWorker: _s, ...matchOpts } = opts;
    await Promise.all(
      this.workers.map(async (_, w) => {
        while (next < count) {
          const i = next++;
          results[i] = await this.request<MatchResult>(w, { op: 'run', opts: { ...matchOpts, from: bounds[i], to: bounds[i + 1] } });
        }
      }),
    );
    const candidates: Candidate[] = [];
    for (const r of results) for (const c of r.candidates) candidates.push(c);
    const stats: MatchStats = mergeStats(results.map((r) => r.stats));
    return { candidates, stats };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export type MatchJob = { kind: 'match'; sought: readonly PersonRecord[]; held: readonly PersonRecord[] } | { kind: 'dedupe'; list: readonly PersonRecord[] };

export interface JobResult extends MatchResult {
  timings: { prepareMs: number; matchMs: number; totalMs: number };
}

/**
 * Prepares and matches a job end to end on a pool of worker threads (started and closed
 * here). Same candidates as matchLists / findDuplicates on one thread.
 */
export async function runMatchJob(job: MatchJob, opts: ParallelOptions & { lexicon?: Lexicon } = {}): Promise<JobResult> {
  const started = performance.now();
  const pool = new MatchPool(opts.workers ?? 2);
  try {
    const { lexicon, ...rest } = opts;
    const lists = job.kind === 'match' ? [job.sought, job.held] : [job.list];
    const prepared = await pool.prepare(lists, lexicon);
    const prepareMs = performance.now() - started;
    const result = job.kind === 'match' ? await pool.match(prepared[0], prepared[1], rest) : await pool.match(prepared[0], null, rest);
    const totalMs = performance.now() - started;
    return { ...result, timings: { prepareMs: Math.round(prepareMs), matchMs: Math.round(totalMs - prepareMs), totalMs: Math.round(totalMs) } };
  } finally {
    await pool.close();
  }
}
