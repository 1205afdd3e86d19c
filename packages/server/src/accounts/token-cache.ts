import type { AppContext } from '../context.ts';

/**
 * API tokens are used by scripts and field systems that file many requests a second;
 * looking each one up in the database would be a round trip per request. A token's
 * answer is remembered for TOKEN_CACHE_MS. It is forgotten at once when this process
 * sequences an account or set-up change (a token revoked, a user deactivated or given
 * another role, an organisation changed, the second-factor rules changed): such a change
 * answers only after its entry is sequenced, so on this process it is in force for the
 * very next request. Other server processes on the same database follow within
 * TOKEN_CACHE_MS. Browser sessions are not cached: signing out is immediate everywhere.
 */
export const TOKEN_CACHE_MS = 2000;
const MAX_ENTRIES = 10_000;
const INVALIDATING = ['user.', 'organisation.', 'mechanism.'];

interface Cached<T> {
  value: T;
  at: number;
}

const caches = new WeakMap<AppContext, Map<string, Cached<unknown>>>();

function cacheOf(ctx: AppContext): Map<string, Cached<unknown>> {
  let cache = caches.get(ctx);
  if (!cache) {
    const created = new Map<string, Cached<unknown>>();
    ctx.sequencer.onSequenced((types) => {
      for (const type of types) if (INVALIDATING.some((p) => type.startsWith(p))) return created.clear();
    });
    caches.set(ctx, created);
    cache = created;
  }
  return cache;
}

/** The remembered answer for a token hash, or the one `load` gives (remembered when found). */
export async function cachedToken<T>(ctx: AppContext, tokenHash: string, load: () => Promise<T | null>): Promise<T | null> {
  const cache = cacheOf(ctx);
  const hit = cache.get(tokenHash);
  const now = Date.now();
  if (hit && now - hit.at < TOKEN_CACHE_MS) return hit.value as T;
  const value = await load();
  if (value === null) {
    cache.delete(tokenHash);
    return null;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(tokenHash, { value, at: now });
  return value;
}
