import { Worker } from 'node:worker_threads';
export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  bodies: string[];
  count: number;
  concurrency: number;
  timeLimitMs: number;
}
export interface LoadResult {
  sent: number;
  ok: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  latenciesMs: number[];
  firstError: string | null;
}

/** Runs one load job in a worker thread (plain JavaScript: no loader needed). */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: job });
    w.once('message', (m) => resolve(m as LoadResult));
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(r: LoadResult) {
  const s = [...r.latenciesMs].sort((a, b) => a - b);
  const round = (x: number) => +x.toFixed(1);
  return {
    requests: r.sent,
    ok: r.ok,
    statuses: r.statuses,
    seconds: +(r.elapsedMs / 1000).toFixed(2),
    requestsPerSecond: Math.round((r.ok / r.elapsedMs) * 1000),
    p50Ms: round(percentile(s, 50)),
    p95Ms: round(percentile(s, 95)),
    p99Ms: round(percentile(s, 99)),
    maxMs: round(s.at(-1) ?? NaN),
    firstError: r.firstError,
  };
}
