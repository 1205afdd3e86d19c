import type { AppContext } from '../context.ts';
import { badRequest, Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { mfaRequiredFor } from './mfa.ts';
import { verifyPassword } from './secrets.ts';
import * as store from './store.ts';
import { whileRevoking } from './token-cache.ts';
import { revokeAllTokens } from './token-revocation.ts';

/** Removes the second factor (password needed) and revokes the caller's API tokens; refused where the mechanism requires one. */
export async function disableTotp(ctx: AppContext, auth: Auth, password: string): Promise<void> {
  if (!(await verifyPassword(password, auth.user.password_hash))) {
    throw badRequest('The password is not right.', [{ path: '/body/password', message: 'does not match' }], 'wrong_password');
  }
  if ((await mfaRequiredFor(ctx, auth.actor.orgKind, auth.actor.role)) && !auth.user.demo)
    throw new Problem(403, 'Forbidden', 'The mechanism requires a second factor for your role.', { code: 'mfa_required' });
  await whileRevoking(ctx, () =>
    ctx.db.transaction().execute(async (tx) => {
      await store.removeTotp(tx, auth.user.id);
      await record(tx, { type: 'user.second_factor_removed', actor: loggedActor(auth), subject: { user: auth.user.id } });
      await revokeAllTokens(tx, auth.user.id, loggedActor(auth), 'second_factor_removed');
    }),
  );
}
