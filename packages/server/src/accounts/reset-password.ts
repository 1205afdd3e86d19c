import { can } from '@truce/core/policy/policy';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import type { TemporaryPassword } from './schema.ts';
import { generatePassword, hashPassword } from './secrets.ts';
import * as store from './store.ts';
import { whileRevoking } from './token-cache.ts';
import { revokeAllTokens } from './token-revocation.ts';

/**
 * Issues a new one-time password for a user who lost theirs; it must be changed at the
 * next sign-in, and every open session, second factor and API token of that user ends.
 */
export async function resetPassword(ctx: AppContext, auth: Auth, id: string): Promise<TemporaryPassword> {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await whileRevoking(ctx, () =>
    ctx.db.transaction().execute(async (tx) => {
      const current = await store.lockUser(tx, id);
      if (!current || !can(auth.actor, 'user.update', { orgId: current.organisation_id })) throw notFound('There is no such user.');
      if (id === auth.actor.userId)
        throw badRequest('Change your own password on the Account page.', [{ path: '/params/id', message: 'not on your own account' }]);
      await store.resetCredentials(tx, id, passwordHash, current.version + 1);
      await store.deleteOtherSessions(tx, id);
      await record(tx, { type: 'user.password_reset', actor: loggedActor(auth), subject: { user: id, organisation: current.organisation_id } });
      await revokeAllTokens(tx, id, loggedActor(auth), 'password_reset');
    }),
  );
  return { temporaryPassword };
}
