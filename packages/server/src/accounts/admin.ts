import { v7 as uuidv7 } from 'uuid';
import { can } from '@truce/core/policy/policy';
import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { generatePassword, hashPassword } from './secrets.ts';
import type { CreatedUser, Organisation, TemporaryPassword, User } from './schema.ts';
import * as store from './store.ts';
import { whileRevoking } from './token-cache.ts';
import { revokeAllTokens } from './token-revocation.ts';

/** Organisations and their users, managed by the secretariat (and each organisation's admin for its own users). */

function presentOrganisation(o: Awaited<ReturnType<typeof store.listOrganisations>>[number]): Organisation {
  return { id: o.id, name: o.name, shortName: o.short_name, kind: o.kind, version: o.version, createdAt: new Date(o.created_at).toISOString() };
}

function presentUser(u: Awaited<ReturnType<typeof store.listUsers>>[number]): User {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    organisationId: u.organisation_id,
    role: u.role,
    active: u.active,
    totpEnabled: u.totp_secret !== null,
    createdAt: new Date(u.created_at).toISOString(),
    version: u.version,
  };
}

/** Every organisation of the mechanism, by kind then name. */
export async function listOrganisations(ctx: AppContext): Promise<Organisation[]> {
  return (await store.listOrganisations(ctx.db)).map(presentOrganisation);
}

export async function createOrganisation(ctx: AppContext, auth: Auth, input: { name: string; shortName?: string; kind: OrgKind }): Promise<Organisation> {
  const name = input.name.trim();
  if (name === '') throw badRequest('The organisation needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
  return ctx.db.transaction().execute(async (tx) => {
    if (await store.findOrganisationByName(tx, name)) {
      throw conflict(`An organisation named "${name}" exists already.`, 'duplicate_name');
    }
    const id = uuidv7();
    const shortName = input.shortName?.trim() || name;
    const now = new Date();
    await tx.insertInto('organisations').values({ id, name, short_name: shortName, kind: input.kind, created_at: now, updated_at: now, version: 1 }).execute();
    await record(tx, { type: 'organisation.created', actor: loggedActor(auth), subject: { organisation: id }, data: { name, shortName, kind: input.kind } });
    return presentOrganisation((await store.findOrganisation(tx, id))!);
  });
}

export async function updateOrganisation(
  ctx: AppContext,
  auth: Auth,
  id: string,
  input: { name?: string; shortName?: string; version: number },
): Promise<Organisation> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('organisations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('There is no such organisation.');
    if (current.version !== input.version) throw staleVersion('organisation', current.version);
    const changes: Record<string, string> = {};
    if (input.name !== undefined && input.name.trim() !== current.name) {
      const name = input.name.trim();
      if (name === '') throw badRequest('The organisation needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
      const other = await store.findOrganisationByName(tx, name);
      if (other && other.id !== id) throw conflict(`An organisation named "${name}" exists already.`, 'duplicate_name');
      changes.name = name;
    }
    if (input.shortName !== undefined && input.shortName.trim() !== current.short_name) changes.short_name = input.shortName.trim() || current.name;
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('organisations')
        .set({ ...changes, updated_at: new Date(), version: current.version + 1 })
        .where('id', '=', id)
        .execute();
      await record(tx, { type: 'organisation.updated', actor: loggedActor(auth), subject: { organisation: id }, data: changes });
    }
    return presentOrganisation((await store.findOrganisation(tx, id))!);
  });
}

export async function listUsers(ctx: AppContext, auth: Auth, organisationId?: string): Promise<User[]> {
  // Secretariat staff see everyone; an organisation's admin only its own users.
  const scope = can(auth.actor, 'user.list', { orgId: '' }) ? organisationId : auth.actor.orgId;
  if (organisationId && scope !== organisationId) throw forbidden('You may only list the users of your own organisation.');
  return (await store.listUsers(ctx.db, scope)).map(presentUser);
}

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
      const current = await tx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
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
        await tx
          .updateTable('users')
          .set({ ...set, updated_at: new Date(), version: current.version + 1 })
          .where('id', '=', id)
          .execute();
        if (set.active === false) await store.deleteOtherSessions(tx, id);
        await record(tx, { type: 'user.updated', actor: loggedActor(auth), subject: { user: id, organisation: current.organisation_id }, data, sealed });
        if (set.active === false) await revokeAllTokens(tx, id, loggedActor(auth), 'deactivated');
      }
      return presentUser(await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    }),
  );
}

/**
 * Issues a new one-time password for a user who lost theirs; it must be changed at the
 * next sign-in, and every open session, second factor and API token of that user ends.
 */
export async function resetPassword(ctx: AppContext, auth: Auth, id: string): Promise<TemporaryPassword> {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await whileRevoking(ctx, () =>
    ctx.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current || !can(auth.actor, 'user.update', { orgId: current.organisation_id })) throw notFound('There is no such user.');
      if (id === auth.actor.userId)
        throw badRequest('Change your own password on the Account page.', [{ path: '/params/id', message: 'not on your own account' }]);
      await tx
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          must_change_password: true,
          totp_secret: null,
          totp_pending_secret: null,
          updated_at: new Date(),
          version: current.version + 1,
        })
        .where('id', '=', id)
        .execute();
      await store.deleteOtherSessions(tx, id);
      await record(tx, { type: 'user.password_reset', actor: loggedActor(auth), subject: { user: id, organisation: current.organisation_id } });
      await revokeAllTokens(tx, id, loggedActor(auth), 'password_reset');
    }),
  );
  return { temporaryPassword };
}
