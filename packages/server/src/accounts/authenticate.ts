import type { FastifyRequest } from 'fastify';
import type { Actor } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { unauthorized } from '../errors/index.ts';
import type { TokenScope } from './token-scopes.ts';
import { sha256Hex } from './secrets.ts';
import * as store from './store.ts';
import { mfaRequiredFor } from './mfa.ts';
import { cachedToken } from './token-cache.ts';

export const SESSION_COOKIE = 'truce_session';
export const TOKEN_PREFIX = 'truce_';

/** Why a signed-in user may for now only look after their own account. */
export type Restriction = 'password_change_required' | 'mfa_enrolment_required';

export interface Auth {
  actor: Actor;
  user: NonNullable<Awaited<ReturnType<typeof store.findUserById>>>;
  via: 'session' | 'token';
  sessionId?: string;
  /** The API token the request came with: what it may do and until when. */
  token?: { id: string; scope: TokenScope; expiresAt: Date };
  restriction?: Restriction;
}

/** Who did it, as a log entry names them (LogEvent.actor). */
export const loggedActor = (auth: Auth) => ({ organisation: auth.actor.orgId, user: auth.actor.userId });

declare module 'fastify' {
  interface FastifyRequest {
    auth?: Auth;
  }
}

/**
 * Reads the session cookie or the bearer token; null when neither opens a session.
 * Throws a 401 naming the expiry for a token past it.
 */
export async function authenticate(ctx: AppContext, req: FastifyRequest): Promise<Auth | null> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer (truce_[A-Za-z0-9_-]{43})$/.exec(header);
    if (!match) return null;
    const tokenHash = sha256Hex(match[1]);
    // Remembered for a moment (token-cache.ts): scripts file many requests a second.
    const auth = await cachedToken(ctx, tokenHash, async () => {
      const user = await store.findUserByToken(ctx.db, tokenHash);
      if (!user) return null;
      // "Last used" to the minute: writing it on every request would make all requests
      // with one token queue on that token's row.
      const last = user.token_last_used_at ? new Date(user.token_last_used_at).getTime() : 0;
      if (Date.now() - last > 60_000 && new Date(user.token_expires_at).getTime() > Date.now()) await store.touchToken(ctx.db, user.token_id);
      const token = { id: user.token_id, scope: user.token_scope, expiresAt: new Date(user.token_expires_at) };
      return { actor: actorOf(user), user, via: 'token', token, restriction: await restrictionOf(ctx, user) } satisfies Auth;
    });
    // Checked on every use, remembered or not: a token stops at its expiry to the millisecond.
    if (auth?.token && auth.token.expiresAt.getTime() <= Date.now()) {
      throw unauthorized(`This API token expired at ${auth.token.expiresAt.toISOString()}. Make a new one on the Account page.`, 'token_expired');
    }
    return auth;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie || cookie.length > 100) return null;
  const sessionId = sha256Hex(cookie);
  const user = await store.findUserBySession(ctx.db, sessionId);
  if (!user) return null;
  return { actor: actorOf(user), user, via: 'session', sessionId, restriction: await restrictionOf(ctx, user) };
}

export function actorOf(user: { id: string; organisation_id: string; organisation_kind: Actor['orgKind']; role: Actor['role'] }): Actor {
  return { userId: user.id, orgId: user.organisation_id, orgKind: user.organisation_kind, role: user.role };
}

export async function restrictionOf(
  ctx: AppContext,
  user: { must_change_password: boolean; totp_secret: string | null; demo: boolean; organisation_kind: Actor['orgKind']; role: Actor['role'] },
): Promise<Restriction | undefined> {
  if (user.must_change_password) return 'password_change_required';
  if (!user.totp_secret && !user.demo && (await mfaRequiredFor(ctx, user.organisation_kind, user.role))) {
    return 'mfa_enrolment_required';
  }
  return undefined;
}
