import type { AppContext } from '../context.ts';
import { readMechanismFacts, type MechanismFacts } from './store.ts';

/**
 * The mechanism facts a filing is checked against (types, parties, groups, agreements,
 * zones), kept in memory between filings: they change a few times a year and filings
 * come in bursts. The cache is dropped when this process sequences an entry that
 * changes them, and is at most a few seconds old when another process made the change.
 * A report naming a type, party or group the cached facts do not know is checked again
 * against fresh facts before it is refused, so a party just added is never turned away.
 */
const MAX_AGE_MS = 5_000;
const CHANGES = /^(organisation|taxonomy|excluded_group|agreement|zone|mechanism)\./;

interface Cached {
  facts: Promise<MechanismFacts>;
  at: number;
}

const caches = new WeakMap<AppContext['db'], { current: Cached | null }>();

function cacheOf(ctx: AppContext) {
  let cache = caches.get(ctx.db);
  if (!cache) {
    const created = { current: null as Cached | null };
    ctx.sequencer.onSequenced((types) => {
      for (const type of types) if (CHANGES.test(type)) created.current = null;
    });
    caches.set(ctx.db, created);
    cache = created;
  }
  return cache;
}

export function mechanismFacts(ctx: AppContext, options: { fresh?: boolean } = {}): Promise<MechanismFacts> {
  const cache = cacheOf(ctx);
  const now = Date.now();
  if (!options.fresh && cache.current && now - cache.current.at < MAX_AGE_MS) return cache.current.facts;
  const entry: Cached = { facts: readMechanismFacts(ctx.db), at: now };
  // A failed read is not kept: the next filing asks again.
  entry.facts.catch(() => {
    if (cache.current === entry) cache.current = null;
  });
  cache.current = entry;
  return entry.facts;
}
