import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The log entries a request wrote, so that its answer can name their place in the log
 * (`logIndex`, C9) by one rule for every route (http/log-index.ts) rather than route by
 * route. record() notes each entry's id here; the request's handler runs inside
 * `recording`. Outside a request (background loops, the CLI, the demo seed) nothing is kept.
 */
const current = new AsyncLocalStorage<number[]>();

/** Runs `fn` with `ids` collecting the ids of the entries it records. */
export function recording<T>(ids: number[], fn: () => T): T {
  return current.run(ids, fn);
}

/** Notes an entry written by the current request (if any). */
export function noteRecorded(entryId: number): void {
  current.getStore()?.push(entryId);
}
