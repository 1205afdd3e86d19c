import type { AppContext } from '../context.ts';
import { badRequest, notFound, Problem } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { checkTotp, mfaRequiredFor, newTotpSecret, totpUri } from './mfa.ts';
import type { ApiToken, CreatedToken, Language, TotpEnabled, TotpEnrolment } from './schema.ts';
import { hashPassword, passwordProblem, randomToken, sha256Hex, verifyPassword } from './secrets.ts';
import * as store from './store.ts';
import { whileRevoking } from './token-cache.ts';
import { revokeAllTokens } from './token-revocation.ts';
import type { TokenScope } from './token-scopes.ts';
import { v7 as uuidv7 } from 'uuid';

/** One's own account: password, second factor, API tokens. Each change is a log entry. */

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
      await tx.updateTable('users').set({ password_hash: hash, must_change_password: false, updated_at: new Date() }).where('id', '=', auth.user.id).execute();
      await store.deleteOtherSessions(tx, auth.user.id, auth.sessionId);
      await record(tx, { type: 'user.password_changed', actor: loggedActor(auth), subject: { user: auth.user.id } });
      await revokeAllTokens(tx, auth.user.id, loggedActor(auth), 'password_changed');
    }),
  );
}

/** Starts second-factor enrolment: a new secret to put in an authenticator app. */
export async function startTotp(ctx: AppContext, auth: Auth): Promise<TotpEnrolment> {
  if (auth.user.totp_secret)
    throw new Problem(409, 'Conflict', 'A second factor is already set up. Remove it first to enrol a new one.', { code: 'totp_enabled' });
  const secret = newTotpSecret();
  await ctx.db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', auth.user.id).execute();
  const mechanism = await ctx.db.selectFrom('mechanism').select('name').executeTakeFirst();
  return { secret, uri: totpUri(secret, auth.user.email, mechanism ? `Truce · ${mechanism.name}` : 'Truce') };
}

/** Completes enrolment with a code from the app; from then on sign-in asks for a code. */
export async function confirmTotp(ctx: AppContext, auth: Auth, code: string): Promise<TotpEnabled> {
  await ctx.db.transaction().execute(async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['totp_pending_secret', 'totp_secret'])
      .where('id', '=', auth.user.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!user.totp_pending_secret)
      throw badRequest('Start the enrolment first.', [{ path: '/body/code', message: 'no enrolment in progress' }], 'totp_not_started');
    const step = checkTotp(user.totp_pending_secret, code, null);
    if (step === null)
      throw badRequest(
        'The code does not match. Check the time on your phone and try the next code.',
        [{ path: '/body/code', message: 'wrong code' }],
        'totp_invalid',
      );
    await tx
      .updateTable('users')
      .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step, updated_at: new Date() })
      .where('id', '=', auth.user.id)
      .execute();
    await record(tx, { type: 'user.second_factor_enabled', actor: loggedActor(auth), subject: { user: auth.user.id } });
  });
  return { enabled: true };
}

/** Removes the second factor (password needed) and revokes the caller's API tokens; refused where the mechanism requires one. */
export async function disableTotp(ctx: AppContext, auth: Auth, password: string): Promise<void> {
  if (!(await verifyPassword(password, auth.user.password_hash))) {
    throw badRequest('The password is not right.', [{ path: '/body/password', message: 'does not match' }], 'wrong_password');
  }
  if ((await mfaRequiredFor(ctx, auth.actor.orgKind, auth.actor.role)) && !auth.user.demo)
    throw new Problem(403, 'Forbidden', 'The mechanism requires a second factor for your role.', { code: 'mfa_required' });
  await whileRevoking(ctx, () =>
    ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, updated_at: new Date() }).where('id', '=', auth.user.id).execute();
      await record(tx, { type: 'user.second_factor_removed', actor: loggedActor(auth), subject: { user: auth.user.id } });
      await revokeAllTokens(tx, auth.user.id, loggedActor(auth), 'second_factor_removed');
    }),
  );
}

const MAX_TOKENS = 20;
/** The longest a token may live: a year, after which whoever uses it confirms it is still needed. */
export const TOKEN_MAX_DAYS = 365;
/** The expiry of a token made without one. */
export const TOKEN_DEFAULT_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Creates an API token for scripts, with its scope and expiry (a `read` token for 90
 * days unless asked otherwise); the token is returned once and only its hash kept.
 * Throws 400 naming `/body/expiresAt` for an expiry in the past or over a year ahead.
 */
export async function createToken(ctx: AppContext, auth: Auth, input: { name: string; scope?: TokenScope; expiresAt?: string }): Promise<CreatedToken> {
  const name = input.name.trim();
  if (name === '') throw badRequest('The token needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
  const scope = input.scope ?? 'read';
  const now = Date.now();
  const expiresAt = input.expiresAt === undefined ? new Date(now + TOKEN_DEFAULT_DAYS * DAY_MS) : new Date(input.expiresAt);
  if (Number.isNaN(expiresAt.getTime())) throw badRequest('The expiry is not a date and time.', [{ path: '/body/expiresAt', message: 'is not a date-time' }]);
  if (expiresAt.getTime() <= now)
    throw badRequest('The expiry must be in the future.', [{ path: '/body/expiresAt', message: 'must be in the future' }], 'invalid_expiry');
  if (expiresAt.getTime() > now + TOKEN_MAX_DAYS * DAY_MS) {
    throw badRequest(
      `A token may live at most ${TOKEN_MAX_DAYS} days.`,
      [{ path: '/body/expiresAt', message: `must be at most ${TOKEN_MAX_DAYS} days ahead` }],
      'invalid_expiry',
    );
  }
  const token = randomToken('truce_');
  const id = uuidv7();
  await ctx.db.transaction().execute(async (tx) => {
    const live = (await store.listTokens(tx, auth.user.id)).filter((t) => new Date(t.expires_at).getTime() > now);
    if (live.length >= MAX_TOKENS)
      throw badRequest(`You have ${MAX_TOKENS} tokens already; revoke one first.`, [{ path: '/body', message: 'too many tokens' }], 'too_many_tokens');
    await tx
      .insertInto('api_tokens')
      .values({ id, user_id: auth.user.id, name, scope, expires_at: expiresAt, token_hash: sha256Hex(token), created_at: new Date(now) })
      .execute();
    await record(tx, {
      type: 'user.token_created',
      actor: loggedActor(auth),
      subject: { user: auth.user.id, token: id },
      data: { name, scope, expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, name, scope, expiresAt: expiresAt.toISOString(), token };
}

/** The caller's API tokens not revoked, newest first (expired ones too, marked). */
export async function listTokens(ctx: AppContext, auth: Auth): Promise<ApiToken[]> {
  return (await store.listTokens(ctx.db, auth.user.id)).map((t) => ({
    id: t.id,
    name: t.name,
    scope: t.scope,
    createdAt: new Date(t.created_at).toISOString(),
    expiresAt: new Date(t.expires_at).toISOString(),
    expired: new Date(t.expires_at).getTime() <= Date.now(),
    lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
  }));
}

export async function revokeToken(ctx: AppContext, auth: Auth, id: string): Promise<void> {
  await whileRevoking(ctx, () =>
    ctx.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('user_id', '=', auth.user.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('You have no such token.');
      await record(tx, { type: 'user.token_revoked', actor: loggedActor(auth), subject: { user: auth.user.id, token: id } });
    }),
  );
}

/**
 * The user's interface language, so that e-mails reach them in it. A preference, not a
 * change to the mechanism: it is not recorded in the log and does not move the
 * account's version (an administrator's edit in progress is not made stale by it).
 */
export async function setLanguage(ctx: AppContext, auth: Auth, language: Language): Promise<void> {
  await ctx.db.updateTable('users').set({ language }).where('id', '=', auth.user.id).execute();
}
