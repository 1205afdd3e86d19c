import type { AppContext } from '../context.ts';
import { randomToken, sha256Hex } from './secrets.ts';
import * as store from './store.ts';

/**
 * The one-time set-up. On a start with no users, a random token is issued and printed as
 * a link; its hash is kept. Opening the link creates the mechanism, the secretariat and
 * its first administrator in one transaction, and the token dies. No default password.
 */
export const SETUP_KEY = 'setup_token_sha256';

export async function setupNeeded(ctx: AppContext): Promise<boolean> {
  return (await store.countUsers(ctx.db)) === 0;
}

/** Issues a fresh set-up token when none has been used yet; returns it, or null when set up. */
export async function issueSetupToken(ctx: AppContext): Promise<string | null> {
  if (!(await setupNeeded(ctx))) return null;
  const token = randomToken();
  await store.putSetting(ctx.db, SETUP_KEY, sha256Hex(token));
  return token;
}
