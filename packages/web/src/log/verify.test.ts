import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  encodeEntry,
  formatCheckpoint,
  formatVerifierKey,
  generateSigner,
  inclusionProof,
  leafHash,
  rootFromLeafHashes,
  signNote,
  toBase64,
  type NodeId,
  type Signer,
} from '@truce/core/log/index';
import { checkCheckpoint, checkInclusion, sameJson, toSeen, type CheckpointInput } from './verify.ts';

/** A little log, built with the core package, that the browser-side checks run against. */
function makeLog(signer: Signer, entries: unknown[]) {
  const bodies = entries.map((e) => encodeEntry(e));
  const leaves = bodies.map(leafHash);
  const node = (n: NodeId) => rootFromLeafHashes(leaves.slice(n.index * 2 ** n.level, (n.index + 1) * 2 ** n.level));
  const note = (size: number) => signNote(formatCheckpoint({ origin: signer.name, size, rootHash: rootFromLeafHashes(leaves.slice(0, size)) }), signer);
  return {
    bodies,
    note,
    root: (size: number) => toBase64(rootFromLeafHashes(leaves.slice(0, size))),
    consistency: async (m: number, n: number) => consistencyProof(m, n, node).map(toBase64),
    inclusion: async (i: number, n: number) => inclusionProof(i, n, node).map(toBase64),
  };
}

const entries = Array.from({ length: 13 }, (_, i) => ({
  type: 'test.entry',
  time: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`,
  actor: null,
  subject: { n: String(i) },
  data: {},
  commitments: {},
}));
const signer = generateSigner('truce/test-log');
const key = formatVerifierKey(signer.name, signer.publicKey);
const log = makeLog(signer, entries);

const input = (over: Partial<CheckpointInput>): CheckpointInput => ({
  note: log.note(13),
  servedKey: key,
  pinnedKey: key,
  previous: null,
  consistencyProof: log.consistency,
  ...over,
});

const seen = (size: number, l = log) => ({ note: l.note(size), origin: signer.name, size, rootHash: l.root(size), seenAt: '2026-01-01T00:00:00Z' });

describe('checking a checkpoint in the browser', () => {
  it('accepts a signed checkpoint on first use and remembers it', async () => {
    const check = await checkCheckpoint(input({ pinnedKey: null }));
    expect(check.state).toBe('verified');
    expect(check.key.state).toBe('first-use');
    expect(check.consistency).toEqual({ kind: 'first' });
    expect(check.checkpoint).toEqual({ origin: signer.name, size: 13, rootHash: log.root(13) });
    expect(toSeen(check)?.size).toBe(13);
  });

  it('proves a larger checkpoint consistent with the one seen before', async () => {
    for (const m of [0, 1, 5, 8, 12]) {
      const check = await checkCheckpoint(input({ previous: seen(m) }));
      expect(check.state, `from ${m}`).toBe('verified');
      expect(check.consistency?.kind).toBe(m === 13 ? 'same' : 'consistent');
    }
    expect((await checkCheckpoint(input({ previous: seen(13) }))).consistency?.kind).toBe('same');
  });

  it('fails when the record was rewritten, shrank or forked', async () => {
    const rewritten = makeLog(
      signer,
      entries.map((e, i) => (i === 3 ? { ...e, data: { changed: true } } : e)),
    );
    const forked = await checkCheckpoint(input({ previous: seen(13, rewritten) }));
    expect(forked.state).toBe('failed');
    expect(forked.consistency).toMatchObject({ kind: 'inconsistent', reason: 'fork' });

    const history = await checkCheckpoint(input({ previous: seen(6, rewritten) }));
    expect(history.state).toBe('failed');
    expect(history.consistency).toMatchObject({ kind: 'inconsistent', reason: 'proof' });

    const shrunk = await checkCheckpoint(input({ note: log.note(9), previous: seen(13) }));
    expect(shrunk.consistency).toMatchObject({ kind: 'inconsistent', reason: 'shrunk' });
  });

  it('fails on a bad signature and on a changed key', async () => {
    const tampered = log.note(13).replace(/\n\d+\n/, '\n14\n');
    const bad = await checkCheckpoint(input({ note: tampered }));
    expect(bad.state).toBe('failed');
    expect(bad.signature).toBe('invalid');

    const other = generateSigner('truce/test-log');
    const otherKey = formatVerifierKey(other.name, other.publicKey);
    const forged = makeLog(other, entries);
    const changed = await checkCheckpoint(input({ note: forged.note(13), servedKey: otherKey }));
    expect(changed.key.state).toBe('changed');
    expect(changed.signature).toBe('invalid');
    expect(changed.state).toBe('failed');
    expect(toSeen(changed)).toBeNull();
  });
});

describe('checking that an entry is in the record', () => {
  const verified = { origin: signer.name, size: 13, rootHash: log.root(13) };
  const base = (index: number) => ({
    index,
    shown: entries[index],
    entryBase64: toBase64(log.bodies[index]),
    verified,
    pinnedKey: key,
    inclusionProof: log.inclusion,
  });

  it('proves each entry with a proof fetched for the verified size or served with the entry', async () => {
    for (const index of [0, 1, 7, 12]) {
      expect((await checkInclusion(base(index))).state).toBe('included');
      const served = { proof: await log.inclusion(index, 13), checkpoint: log.note(13) };
      expect((await checkInclusion({ ...base(index), servedProof: served, inclusionProof: () => Promise.reject(new Error('not needed')) })).state).toBe(
        'included',
      );
    }
  });

  it('refuses an entry whose bytes differ, or that differs from what is shown', async () => {
    const altered = toBase64(encodeEntry({ ...entries[4], data: { x: 1 } }));
    expect(await checkInclusion({ ...base(4), entryBase64: altered, shown: { ...entries[4], data: { x: 1 } } })).toMatchObject({
      state: 'not-included',
      reason: 'proof',
    });
    expect(await checkInclusion({ ...base(4), shown: { ...entries[4], data: { x: 2 } } })).toMatchObject({ state: 'not-included', reason: 'content' });
    expect((await checkInclusion({ ...base(13 - 1), index: 13 })).state).toBe('newer');
  });
});

describe('helpers', () => {
  it('compares JSON regardless of key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
