import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { mayMatch } from './access.ts';
import { presentRun } from './present-run.ts';
import type { MatchRun } from './schema.ts';
import { findRun } from './store.ts';

/** A run: its state and figures. */
export async function showRun(ctx: AppContext, auth: Auth, id: string): Promise<MatchRun> {
  mayMatch(auth);
  const run = await findRun(ctx.db, id);
  if (!run) throw notFound('There is no such matching run.');
  return presentRun(run);
}
