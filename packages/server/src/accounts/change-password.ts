import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { hashPassword, passwordProblem, verifyPassword } from './secrets.ts';
import * as store from './store.ts';
import { whileRevoking } from './token-cache.ts';
import { revokeAllTokens } from './token-revocation.ts';

/** Changes the caller's password after checking the current one; ends their other sessions and revokes their API tokens. */
export async function changePassword(ctx: AppContext, auth: Auth, input: { currentPassword: string; newPassword: string }): Promise<void> {
  if (!(await verifyPassword(input.currentPassword, auth.user.password_hash))) {
    throw badRequest('The current password is not right.', [{ path: '/body/currentPassword', message: 'does not match' }], 'wrong_password');
  }
  const problem = passwordProblem(input.newPassword, auth.user.email);
  if (problem) throw badRequest(`The new password ${problem}.`, [{ path: '/body/newPassword', message: problem }], 'weak_password');
  if (input.newPassword === input.currentPassword) {
    throw badRequest(
      'The new password must differ from the current one.',
      [{ path: '/body/newPassword', message: 'same as the current password' }],
      'weak_password',
    );
  }
  const hash = await hashPassword(input.newPassword);
  await whileRevoking(ctx, () =>
    ctx.db.transaction().execute(async (tx) => {
      await store.setPassword(tx, auth.user.id, hash);
      await store.deleteOtherSessions(tx, auth.user.id, auth.sessionId);
      await record(tx, { type: 'user.password_changed', actor: loggedActor(auth), subject: { user: auth.user.id } });
      await revokeAllTokens(tx, auth.user.id, loggedActor(auth), 'password_changed');
    }),
  );
}
