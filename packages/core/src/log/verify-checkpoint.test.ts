import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import { leafHash, toBase64, utf8 } from './hash.ts';
import { consistencyProof, inclusionProof, rootFromLeafHashes, type NodeId } from './merkle.ts';
import { generateSigner, makeVerifier, signNote, type Signer } from './note.ts';
import { verifyCheckpointUpdate, verifyEntryInclusion } from './verify-checkpoint.ts';

const ORIGIN = 'truce/test-log';
const signer = generateSigner(ORIGIN);
const verifier = makeVerifier(signer.name, signer.publicKey);

const makeEntries = (n: number) => Array.from({ length: n }, (_, i) => utf8(`{"i":${i}}`));

function checkpointNote(entries: Uint8Array[], size = entries.length, key: Signer = signer): string {
  return signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: rootFromLeafHashes(entries.slice(0, size).map(leafHash)) }), key);
}

describe('verifyCheckpointUpdate', () => {
  const entries = makeEntries(50);
  const leaves = entries.map(leafHash);
  const get = (n: NodeId) => rootFromLeafHashes(leaves.slice(n.index * 2 ** n.level, (n.index + 1) * 2 ** n.level));

  it('accepts a signed extension of the earlier checkpoint, proof as bytes or base64', () => {
    const proof = consistencyProof(20, 50, get);
    const report = verifyCheckpointUpdate(checkpointNote(entries, 20), checkpointNote(entries, 50), proof, verifier);
    expect(report.ok, report.message).toBe(true);
    expect(report.message).toBe('the log grew from 20 to 50 entries without changing the first 20');
    expect(report.old?.size).toBe(20);
    expect(report.new?.size).toBe(50);
    expect(verifyCheckpointUpdate(checkpointNote(entries, 20), checkpointNote(entries, 50), proof.map(toBase64), verifier).ok).toBe(true);
    expect(verifyCheckpointUpdate(checkpointNote(entries, 50), checkpointNote(entries, 50), [], verifier).ok).toBe(true);
  });

  it('refuses a rewritten history, a rollback, a bad proof and an unsigned checkpoint', () => {
    const forked = entries.slice();
    forked[3] = utf8('changed');
    const proof = consistencyProof(20, 50, get);
    expect(verifyCheckpointUpdate(checkpointNote(forked, 20), checkpointNote(entries, 50), proof, verifier)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/consistency proof fails/),
    });
    expect(verifyCheckpointUpdate(checkpointNote(entries, 50), checkpointNote(entries, 20), proof, verifier).message).toMatch(/rolled back/);
    expect(verifyCheckpointUpdate(checkpointNote(entries, 20), checkpointNote(entries, 50), proof.slice(1), verifier).ok).toBe(false);
    expect(verifyCheckpointUpdate(checkpointNote(entries, 20), checkpointNote(entries, 50), ['%%%'], verifier).message).toMatch(/malformed/);
    const stranger = generateSigner(ORIGIN);
    expect(verifyCheckpointUpdate(checkpointNote(entries, 20), checkpointNote(entries, 50, stranger), proof, verifier).message).toMatch(
      /new checkpoint: .*no signature from a known key/,
    );
  });
});

describe('verifyEntryInclusion', () => {
  const entries = makeEntries(50);
  const leaves = entries.map(leafHash);
  const get = (n: NodeId) => rootFromLeafHashes(leaves.slice(n.index * 2 ** n.level, (n.index + 1) * 2 ** n.level));

  it('accepts an entry with its proof against a signed checkpoint, and nothing else', () => {
    const proof = inclusionProof(7, 50, get).map(toBase64);
    const checkpoint = checkpointNote(entries);
    expect(verifyEntryInclusion({ entry: entries[7], index: 7, proof, checkpoint, verifier })).toMatchObject({
      ok: true,
      message: 'entry 7 is in the signed log of 50 entries',
    });
    expect(verifyEntryInclusion({ entry: entries[8], index: 7, proof, checkpoint, verifier }).ok).toBe(false);
    expect(verifyEntryInclusion({ entry: entries[7], index: 8, proof, checkpoint, verifier }).ok).toBe(false);
    expect(verifyEntryInclusion({ entry: entries[7], index: 7, proof, checkpoint: checkpointNote(entries, 50, generateSigner(ORIGIN)), verifier }).ok).toBe(
      false,
    );
  });
});
