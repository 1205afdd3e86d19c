import type { AppContext } from '../context.ts';
import { startLoop, type LoopLog } from '../background/index.ts';
import { runQueued } from './run-queued.ts';
import { requeueRunning } from './store.ts';

/**
 * Runs queued matching runs every two seconds. A run left "running" by a server that
 * stopped (or crashed) mid-run is queued again at start: its candidates were written in
 * one transaction with its "done", so none were kept.
 */
export async function startMatchingLoop(ctx: AppContext, log: LoopLog, everyMs = 2000): Promise<() => Promise<void>> {
  await requeueRunning(ctx.db);
  return startLoop(() => runQueued(ctx), { everyMs, log, failure: 'matching run failed; retrying' });
}
