import type { AppContext } from '../context.ts';
import { startLoop, type LoopLog } from '../background/index.ts';
import { adoptIfDue } from './adopt-finding.ts';
import * as store from './store.ts';

/**
 * Adopts the findings that waited for a reply whose deadline has now passed, without
 * anyone acting: each in its own transaction with its `finding.adopted` entry (no actor:
 * the deadline adopted it). Returns how many were adopted.
 */
export async function adoptAfterDeadlines(ctx: AppContext, now = ctx.clock.now()): Promise<number> {
  let adopted = 0;
  for (const id of await store.waitingForDeadline(ctx.db, now)) {
    const done = await ctx.db.transaction().execute(async (tx) => {
      const incident = await store.lockIncident(tx, id);
      if (!incident?.adoption_waits) return 'none';
      return adoptIfDue(tx, incident, null, 'deadline', now);
    });
    if (done === 'adopted') adopted++;
  }
  return adopted;
}

/** Runs the check every few seconds until stopped; errors are logged and retried at the next tick. */
export function startAdoptionLoop(ctx: AppContext, log: LoopLog, everyMs = 5000): () => Promise<void> {
  return startLoop(() => adoptAfterDeadlines(ctx), { everyMs, log, failure: 'adopting findings after their reply deadline failed; will retry' });
}
