import type { Role } from '@truce/core/model/accounts';
import { can } from '@truce/core/policy/policy';
import type { AppContext } from '../context.ts';
import { badRequest, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { presentUser } from './present.ts';
import type { User } from './schema.ts';
import * as store from './store.ts';
import { whileRevoking } from './token-cache.ts';
import { revokeAllTokens } from './token-revocation.ts';

/**
 * Changes a user's name, role or whether the account is active (an administrator, not on
 * their own role or account); deactivating ends the user's sessions and revokes their tokens.
 */
export async function updateUser(
  ctx: AppContext,
  auth: Auth,
  id: string,
  input: { name?: string; role?: Role; active?: boolean; version: number },
): Promise<User> {
  // Deactivating revokes the user's tokens: keep the token cache out of use meanwhile.
  const guard = input.active === false ? <T>(work: () => Promise<T>) => whileRevoking(ctx, work) : <T>(work: () => Promise<T>) => work();
  return guard(() =>
    ctx.db.transaction().execute(async (tx) => {
      const current = await store.lockUser(tx, id);
      // Someone else's user in another organisation is reported as absent, not as forbidden.
      if (!current || !can(auth.actor, 'user.update', { orgId: current.organisation_id })) throw notFound('There is no such user.');
      if (current.version !== input.version) throw staleVersion('user', current.version);
      if (id === auth.actor.userId && (input.active === false || (input.role && input.role !== current.role))) {
        throw badRequest('You cannot deactivate yourself or change your own role; ask another administrator.', [
          { path: input.active === false ? '/body/active' : '/body/role', message: 'not on your own account' },
        ]);
      }
      const set: { name?: string; role?: Role; active?: boolean } = {};
      const data: Record<string, unknown> = {};
      const sealed: Record<string, unknown> = {};
      if (input.name !== undefined && input.name.trim() !== current.name) {
        if (input.name.trim() === '') throw badRequest('The user needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
        set.name = sealed.name = input.name.trim();
      }
      if (input.role !== undefined && input.role !== current.role) set.role = data.role = input.role;
      if (input.active !== undefined && input.active !== current.active) set.active = data.active = input.active;
      if (Object.keys(set).length > 0) {
        await store.updateUser(tx, id, set, current.version + 1);
        if (set.active === false) await store.deleteOtherSessions(tx, id);
        await record(tx, { type: 'user.updated', actor: loggedActor(auth), subject: { user: id, organisation: current.organisation_id }, data, sealed });
        if (set.active === false) await revokeAllTokens(tx, id, loggedActor(auth), 'deactivated');
      }
      return presentUser(await store.findUser(tx, id));
    }),
  );
}
