import type { AppContext } from '../context.ts';

/**
 * API tokens are used by scripts and field systems that file many requests a second;
 * looking each one up in the database would be a round trip per request. A token's
 * answer is remembered for TOKEN_CACHE_MS.
 *
 * A revocation in this process (a token revoked; a password changed or reset, a second
 * factor removed, a user deactivated — all of which revoke the user's tokens) runs inside
 * `whileRevoking`: from before its transaction starts until after it commits or rolls
 * back, the cache is emptied and neither answers nor remembers, and a lookup that began
 * before is not remembered when it ends. So a revoked token is refused by the very next
 * request on this process, not a moment later. Other account changes (a role, an
 * organisation, the second-factor rules) empty the cache when their log entry is
 * sequenced, before the change is answered. Other server processes on the same database
 * follow within TOKEN_CACHE_MS. Expiry is checked on every use (authenticate.ts), cached
 * or not. Browser sessions are not cached: signing out is immediate everywhere.
 */
export const TOKEN_CACHE_MS = 2000;
const MAX_ENTRIES = 10_000;
const INVALIDATING = ['user.', 'organisation.', 'mechanism.'];

interface Cached<T> {
  value: T;
  at: number;
}

interface TokenCache {
  entries: Map<string, Cached<unknown>>;
  /** Revocations under way in this process: while any is, the cache is bypassed. */
  revoking: number;
  /** Moves on every emptying, so a lookup that straddles one is not remembered. */
  generation: number;
}

const caches = new WeakMap<AppContext, TokenCache>();

function cacheOf(ctx: AppContext): TokenCache {
  let cache = caches.get(ctx);
  if (!cache) {
    const created: TokenCache = { entries: new Map(), revoking: 0, generation: 0 };
    ctx.sequencer.onSequenced((types) => {
      if ([...types].some((type) => INVALIDATING.some((p) => type.startsWith(p)))) forget(created);
    });
    caches.set(ctx, created);
    cache = created;
  }
  return cache;
}

function forget(cache: TokenCache) {
  cache.entries.clear();
  cache.generation++;
}

/** The remembered answer for a token hash, or the one `load` gives (remembered when found). */
export async function cachedToken<T>(ctx: AppContext, tokenHash: string, load: () => Promise<T | null>): Promise<T | null> {
  const cache = cacheOf(ctx);
  const now = Date.now();
  if (cache.revoking === 0) {
    const hit = cache.entries.get(tokenHash);
    if (hit && now - hit.at < TOKEN_CACHE_MS) return hit.value as T;
  }
  const generation = cache.generation;
  const value = await load();
  if (value === null) {
    cache.entries.delete(tokenHash);
    return null;
  }
  if (cache.revoking === 0 && cache.generation === generation) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
    cache.entries.set(tokenHash, { value, at: now });
  }
  return value;
}

/**
 * Runs work that revokes tokens (normally one transaction) with the cache out of use
 * until it has committed or failed; see above.
 */
export async function whileRevoking<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  const cache = cacheOf(ctx);
  cache.revoking++;
  forget(cache);
  try {
    return await work();
  } finally {
    cache.revoking--;
    forget(cache);
  }
}
