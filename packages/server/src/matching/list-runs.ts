import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { mayMatch } from './access.ts';
import { presentRun } from './present-run.ts';
import type { MatchRuns } from './schema.ts';
import { latestRuns } from './store.ts';

/** The latest matching runs, newest first. */
export async function listRuns(ctx: AppContext, auth: Auth, limit: number): Promise<MatchRuns> {
  mayMatch(auth);
  return { runs: (await latestRuns(ctx.db, limit)).map(presentRun) };
}
