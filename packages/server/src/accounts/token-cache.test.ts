import { describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { cachedToken, whileRevoking } from './token-cache.ts';

/** Just what the cache uses of the context: the sequencer's notice of sequenced entries. */
function fakeContext() {
  const listeners: ((types: ReadonlySet<string>) => void)[] = [];
  const ctx = { sequencer: { onSequenced: (fn: (types: ReadonlySet<string>) => void) => listeners.push(fn) } } as unknown as AppContext;
  return {
    ctx,
    sequenced: (...types: string[]) =>
      listeners.forEach((fn) => {
        fn(new Set(types));
      }),
  };
}

describe('token cache', () => {
  it('remembers a token, and forgets it when an account change is sequenced', async () => {
    const { ctx, sequenced } = fakeContext();
    let loads = 0;
    const load = async () => ({ user: 'rana', n: ++loads });
    await cachedToken(ctx, 'h', load);
    expect((await cachedToken(ctx, 'h', load))?.n).toBe(1);
    sequenced('report.filed');
    expect((await cachedToken(ctx, 'h', load))?.n).toBe(1);
    sequenced('user.updated');
    expect((await cachedToken(ctx, 'h', load))?.n).toBe(2);
  });

  it('answers from the database, not from memory, while a revocation runs, and forgets when it ends', async () => {
    const { ctx } = fakeContext();
    let valid = true;
    const load = async () => (valid ? { user: 'omar' } : null);
    expect(await cachedToken(ctx, 'h', load)).not.toBeNull();
    await whileRevoking(ctx, async () => {
      valid = false; // the revocation's write, not yet committed elsewhere: the database decides
      expect(await cachedToken(ctx, 'h', load)).toBeNull();
    });
    expect(await cachedToken(ctx, 'h', load)).toBeNull();
  });

  it('does not remember a lookup that began before a revocation and ended after it', async () => {
    const { ctx } = fakeContext();
    let release!: () => void;
    const slow = () => new Promise<{ user: string }>((resolve) => (release = () => resolve({ user: 'huda' })));
    const pending = cachedToken(ctx, 'h', slow);
    await whileRevoking(ctx, async () => {});
    release();
    expect(await pending).not.toBeNull(); // that request began before the revocation
    let loads = 0;
    await cachedToken(ctx, 'h', async () => (++loads, null));
    expect(loads).toBe(1); // the stale answer was not kept
  });
});
