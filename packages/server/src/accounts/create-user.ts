import { v7 as uuidv7 } from 'uuid';
import type { Role } from '@truce/core/model/accounts';
import { can } from '@truce/core/policy/policy';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, forbidden } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { presentUser } from './present.ts';
import type { CreatedUser } from './schema.ts';
import { generatePassword, hashPassword } from './secrets.ts';
import * as store from './store.ts';

/** Creates a user with a one-time password that must be changed at first sign-in. */
export async function createUser(
  ctx: AppContext,
  auth: Auth,
  input: { name: string; email: string; organisationId: string; role: Role },
): Promise<CreatedUser> {
  if (!can(auth.actor, 'user.create', { orgId: input.organisationId })) {
    throw forbidden('You may only add users to your own organisation.');
  }
  const name = input.name.trim();
  const email = input.email.trim();
  if (name === '') throw badRequest('The user needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await ctx.db.transaction().execute(async (tx) => {
    const organisation = await store.findOrganisation(tx, input.organisationId);
    if (!organisation) throw badRequest('There is no such organisation.', [{ path: '/body/organisationId', message: 'unknown organisation' }]);
    if (await store.findUserByEmail(tx, email)) throw conflict(`A user with the e-mail address ${email} exists already.`, 'duplicate_email');
    const id = uuidv7();
    await store.insertUser(tx, { id, organisationId: organisation.id, name, email, role: input.role, passwordHash, mustChangePassword: true });
    await record(tx, {
      type: 'user.created',
      actor: loggedActor(auth),
      subject: { user: id, organisation: organisation.id },
      data: { role: input.role },
      sealed: { name, email },
    });
    return (await store.listUsers(tx, organisation.id)).find((u) => u.id === id)!;
  });
  return { user: presentUser(user), temporaryPassword };
}
