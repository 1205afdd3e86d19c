import type { Kysely } from 'kysely';
import type { Labels } from '@truce/core/mechanism/labels';
import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { Database } from '../db/index.ts';
import type { TokenScope } from './token-scopes.ts';

/** All SQL about organisations, users, sessions and tokens (STYLE #5). */

type Db = Kysely<Database>;

const userWithOrg = (db: Db) =>
  db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('users')
    .select(['organisations.name as organisation_name', 'organisations.labels as organisation_labels', 'organisations.kind as organisation_kind']);

export type UserWithOrg = Awaited<ReturnType<typeof findUserByEmail>> & {};

export function findUserByEmail(db: Db, email: string) {
  return userWithOrg(db)
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return userWithOrg(db).where('users.id', '=', id).executeTakeFirst();
}

export function findUserBySession(db: Db, sessionHash: string) {
  return userWithOrg(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.id as session_id'])
    .where('sessions.id', '=', sessionHash)
    .where('sessions.expires_at', '>', new Date())
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export function findUserByToken(db: Db, tokenHash: string) {
  return userWithOrg(db)
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at as token_last_used_at',
      'api_tokens.scope as token_scope',
      'api_tokens.expires_at as token_expires_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function touchToken(db: Db, tokenId: string) {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute();
}

export async function insertSession(db: Db, id: string, userId: string, expiresAt: Date) {
  await db.insertInto('sessions').values({ id, user_id: userId, created_at: new Date(), expires_at: expiresAt }).execute();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user but one (after a password change, say). */
export async function deleteOtherSessions(db: Db, userId: string, keep?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db) {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
}

export function listOrganisations(db: Db) {
  return db.selectFrom('organisations').selectAll().orderBy('kind').orderBy('name').execute();
}

export function findOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationByName(db: Db, name: string) {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function listUsers(db: Db, organisationId?: string) {
  let q = db.selectFrom('users').selectAll().orderBy('name');
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  return q.execute();
}

/** A user's row, locked until the transaction ends (an edit checks its version against it). */
export function lockUser(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findUser(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Changes a user's name, role or whether the account is active, moving its version on. */
export async function updateUser(db: Db, id: string, set: { name?: string; role?: Role; active?: boolean }, version: number) {
  await db
    .updateTable('users')
    .set({ ...set, updated_at: new Date(), version })
    .where('id', '=', id)
    .execute();
}

/** A password the user chose: no longer a one-time one. */
export async function setPassword(db: Db, userId: string, passwordHash: string) {
  await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: false, updated_at: new Date() }).where('id', '=', userId).execute();
}

/** A one-time password given by an administrator: the second factor goes, and the version moves on. */
export async function resetCredentials(db: Db, userId: string, passwordHash: string, version: number) {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: true,
      totp_secret: null,
      totp_pending_secret: null,
      updated_at: new Date(),
      version,
    })
    .where('id', '=', userId)
    .execute();
}

export async function setLanguage(db: Db, userId: string, language: 'en' | 'ar' | 'ru' | 'tr' | 'fa') {
  await db.updateTable('users').set({ language }).where('id', '=', userId).execute();
}

/** A second factor being enrolled: kept aside until a code from the app confirms it. */
export async function setPendingTotp(db: Db, userId: string, secret: string) {
  await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute();
}

/** The user's second-factor secrets, the row locked until the transaction ends. */
export function lockTotp(db: Db, userId: string) {
  return db.selectFrom('users').select(['totp_pending_secret', 'totp_secret']).where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
}

/** The last TOTP step used, the row locked so that one code cannot open two sessions at once. */
export function lockTotpStep(db: Db, userId: string) {
  return db.selectFrom('users').select(['totp_last_step']).where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
}

export async function setTotpStep(db: Db, userId: string, step: number) {
  await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId).execute();
}

export async function enableTotp(db: Db, userId: string, secret: string, step: number) {
  await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function removeTotp(db: Db, userId: string) {
  await db.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, updated_at: new Date() }).where('id', '=', userId).execute();
}

export async function insertOrganisation(db: Db, o: { id: string; labels: Labels; shortLabels: Labels; kind: OrgKind }) {
  const now = new Date();
  await db
    .insertInto('organisations')
    .values({
      id: o.id,
      name: o.labels.en,
      short_name: o.shortLabels.en,
      labels: JSON.stringify(o.labels),
      short_labels: JSON.stringify(o.shortLabels),
      kind: o.kind,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
}

/** An organisation's row, locked until the transaction ends (an edit checks its version against it). */
export function lockOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateOrganisation(
  db: Db,
  id: string,
  changes: { name?: string; short_name?: string; labels?: string; short_labels?: string },
  version: number,
) {
  await db
    .updateTable('organisations')
    .set({ ...changes, updated_at: new Date(), version })
    .where('id', '=', id)
    .execute();
}

/**
 * Revokes every live token of a user (a password change or reset, a second factor
 * removed, the account deactivated); returns the ids revoked, for the log.
 */
export async function revokeUserTokens(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export function listTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scope', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertToken(
  db: Db,
  t: { id: string; userId: string; name: string; scope: TokenScope; expiresAt: Date; tokenHash: string; createdAt: Date },
) {
  await db
    .insertInto('api_tokens')
    .values({ id: t.id, user_id: t.userId, name: t.name, scope: t.scope, expires_at: t.expiresAt, token_hash: t.tokenHash, created_at: t.createdAt })
    .execute();
}

/** Revokes one live token of a user; false when the user has no such token. */
export async function revokeToken(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A new user, active, without a second factor; `mustChangePassword` for one given a temporary password. */
export async function insertUser(
  db: Db,
  user: {
    id: string;
    organisationId: string;
    name: string;
    email: string;
    role: 'admin' | 'officer' | 'viewer';
    passwordHash: string;
    mustChangePassword: boolean;
  },
) {
  const now = new Date();
  await db
    .insertInto('users')
    .values({
      id: user.id,
      organisation_id: user.organisationId,
      name: user.name,
      email: user.email,
      role: user.role,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
      active: true,
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      demo: false,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function putSetting(db: Db, key: string, value: unknown) {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
}

/** A setting's value, the row locked until the transaction ends. */
export function lockSetting(db: Db, key: string) {
  return db.selectFrom('settings').select('value').where('key', '=', key).forUpdate().executeTakeFirst();
}

export async function deleteSetting(db: Db, key: string) {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}
