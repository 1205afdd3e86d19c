import type { AppContext } from '../context.ts';
import { mechanismBrief } from './describe-session.ts';
import type { SetupStatus } from './schema.ts';
import { setupNeeded } from './setup.ts';

/**
 * Whether the set-up is still to be done, with the mechanism's name and whether it is a
 * demo: shown before sign-in, so that nobody types real data into a demonstration.
 */
export async function setupStatus(ctx: AppContext): Promise<SetupStatus> {
  return { needed: await setupNeeded(ctx), mechanism: await mechanismBrief(ctx) };
}
