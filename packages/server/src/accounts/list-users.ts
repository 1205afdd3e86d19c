import { can } from '@truce/core/policy/policy';
import type { AppContext } from '../context.ts';
import { forbidden } from '../errors/index.ts';
import type { Auth } from './authenticate.ts';
import { presentUser } from './present.ts';
import type { User } from './schema.ts';
import * as store from './store.ts';

/** Users by name: secretariat staff see everyone (or one organisation's); an organisation's admin only its own. */
export async function listUsers(ctx: AppContext, auth: Auth, organisationId?: string): Promise<User[]> {
  const scope = can(auth.actor, 'user.list', { orgId: '' }) ? organisationId : auth.actor.orgId;
  if (organisationId && scope !== organisationId) throw forbidden('You may only list the users of your own organisation.');
  return (await store.listUsers(ctx.db, scope)).map(presentUser);
}
