import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { startLoop, type LoopLog } from '../../background/index.ts';
import { behind, catchUp } from './upkeep.ts';

/**
 * The background catch-up of the dashboard's aggregates, so that reads (which catch up
 * first, upkeep.ts) rarely have much to take in. Apart from the upkeep itself because it is
 * policy, not arithmetic: when to run and how to give way to writes.
 */
type Db = Kysely<Database>;

/** How the background catch-up gives way to a burst of writes. */
export interface CatchUpPace {
  /** Entries this recent mean writes are still arriving. */
  quietMs: number;
  /** The oldest entry not taken in waits no longer than this, burst or not. */
  maxLagMs: number;
}
export const CATCH_UP_PACE: CatchUpPace = { quietMs: 1000, maxLagMs: 10_000 };
/** Log entries the background loop takes in per transaction. */
const LOOP_SLICE = 250;

/**
 * Whether the background catch-up waits this time: while entries keep arriving (the newest
 * written, numbered or not, is under quietMs old) and the oldest one not yet taken in is
 * under maxLagMs old. Nothing pending (or everything to build): no wait.
 */
export function catchUpWaits(now: number, newest: Date | null, oldestPending: Date | null, pace: CatchUpPace = CATCH_UP_PACE): boolean {
  if (newest === null || oldestPending === null) return false;
  return now - newest.getTime() < pace.quietMs && now - oldestPending.getTime() < pace.maxLagMs;
}

/**
 * Catches up every few seconds (and builds everything on the first run after the
 * migration), so that a dashboard read rarely has more than a few entries to take in.
 * A burst of filings goes first: each report adds to some fifty aggregate rows, work that
 * would compete with the filings for the processor, so while entries keep arriving the
 * catch-up waits (catchUpWaits), at most CATCH_UP_PACE.maxLagMs. Reads are exact whatever
 * the loop does: each catches up first. Errors are logged, not fatal: the next read or run
 * catches up.
 */
export function startDashboardLoop(db: Db, log: LoopLog, everyMs = 2000): () => Promise<void> {
  const run = async () => {
    if (!(await behind(db))) return;
    const row = (
      await sql<{ newest: Date | string | null; oldest: Date | string | null }>`
        select (select created_at from log_entries order by id desc limit 1) as newest,
               (select created_at from log_entries where idx = (select log_index from dashboard_cursor where id = 1)) as oldest`.execute(db)
    ).rows[0];
    const date = (v: Date | string | null) => (v === null ? null : new Date(v));
    if (catchUpWaits(Date.now(), date(row.newest), date(row.oldest))) return;
    // In slices of its own transaction each, letting other statements through in between:
    // PGlite has one connection, which a catch-up of thousands of entries would hold for seconds.
    for (;;) {
      const seen = await db.transaction().execute((tx) => catchUp(tx, LOOP_SLICE));
      if (seen < LOOP_SLICE) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return startLoop(run, { everyMs, log, failure: 'dashboard aggregates catch-up failed; will retry' });
}
