import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import type { CreatedToken } from './schema.ts';
import { randomToken, sha256Hex } from './secrets.ts';
import * as store from './store.ts';
import type { TokenScope } from './token-scopes.ts';

const MAX_TOKENS = 20;
/** The longest a token may live: a year, after which whoever uses it confirms it is still needed. */
const TOKEN_MAX_DAYS = 365;
/** The expiry of a token made without one. */
const TOKEN_DEFAULT_DAYS = 90;
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
    await store.insertToken(tx, { id, userId: auth.user.id, name, scope, expiresAt, tokenHash: sha256Hex(token), createdAt: new Date(now) });
    await record(tx, {
      type: 'user.token_created',
      actor: loggedActor(auth),
      subject: { user: auth.user.id, token: id },
      data: { name, scope, expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, name, scope, expiresAt: expiresAt.toISOString(), token };
}
