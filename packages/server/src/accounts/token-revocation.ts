import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { record } from '../log/index.ts';
import * as store from './store.ts';

/** Why a user's tokens were all revoked at once: the change that made them untrustworthy. */
export type RevocationReason = 'password_changed' | 'password_reset' | 'second_factor_removed' | 'deactivated';

/**
 * Revokes every token of a user inside the caller's transaction, one log entry per token
 * naming the reason, so the change and the revocation commit together. A token is a
 * copy of the user's credentials: whoever could have taken it may be the reason the
 * password is changed. Run the transaction inside `whileRevoking` (token-cache.ts), so
 * that no remembered token outlives the commit.
 */
export async function revokeAllTokens(
  tx: Kysely<Database>,
  userId: string,
  actor: { organisation: string; user: string },
  reason: RevocationReason,
): Promise<void> {
  for (const token of await store.revokeUserTokens(tx, userId)) {
    await record(tx, { type: 'user.token_revoked', actor, subject: { user: userId, token }, data: { reason } });
  }
}
