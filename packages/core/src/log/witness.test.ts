import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import { formatCosignerKey, verifyCosignature } from './cosignature.ts';
import { EMPTY_ROOT, leafHash, toBase64, utf8 } from './hash.ts';
import { consistencyProof, rootFromLeafHashes, type NodeId } from './merkle.ts';
import { formatVerifierKey, generateSigner, parseSignerKey, parseVerifierKey, signNote, type Signer } from './note.ts';
import { checkAddCheckpoint, cosignAccepted, formatAddCheckpoint, parseAddCheckpoint, WitnessRefusal, type WitnessedState } from './witness.ts';

const ORIGIN = 'truce/witness-test';
const log = parseSignerKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
const logSigner: Signer = { ...generateSigner(ORIGIN), secretKey: log.secretKey, publicKey: log.publicKey };
const logKey = parseVerifierKey(formatVerifierKey(ORIGIN, logSigner.publicKey));
const witness = { ...logSigner, name: 'guarantor.example/w1' };

/** A tree of `n` leaves named by `prefix`, so two prefixes give two diverging logs. */
function tree(prefix: string, n: number) {
  const leaves = Array.from({ length: n }, (_, i) => leafHash(utf8(`${prefix}${i}`)));
  const get = (node: NodeId) => rootFromLeafHashes(leaves.slice(node.index * 2 ** node.level, (node.index + 1) * 2 ** node.level));
  const root = rootFromLeafHashes(leaves);
  const note = (signer: Signer = logSigner) => signNote(formatCheckpoint({ origin: signer.name, size: n, rootHash: root }), signer);
  return { root, note, proofFrom: (m: number) => consistencyProof(m, n, get) };
}

function check(body: string, state: WitnessedState | null = null) {
  return checkAddCheckpoint(parseAddCheckpoint(body), [logKey], () => state);
}

function refusal(body: string, state: WitnessedState | null = null): { status: number; size?: number; message: string } {
  try {
    check(body, state);
  } catch (err) {
    if (err instanceof WitnessRefusal) return { status: err.status, size: err.size, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('tlog-witness add-checkpoint', () => {
  const t5 = tree('a', 5);
  const t9 = tree('a', 9);
  const after5: WitnessedState = { size: 5, rootHash: t5.root };

  it('cosigns a first checkpoint, and the cosignature verifies with the witness key (type 0x04)', () => {
    const accepted = check(formatAddCheckpoint({ oldSize: 0, proof: [], note: t5.note() }));
    expect(accepted.checkpoint.size).toBe(5);
    const line = cosignAccepted(accepted, witness, 1_700_000_000_500);
    expect(line).toMatch(/^— guarantor\.example\/w1 [A-Za-z0-9+/]{102}==\n$/);
    const vkey = parseVerifierKey(formatCosignerKey(witness.name, witness.publicKey));
    expect(verifyCosignature(line, accepted.text, vkey)).toMatchObject({ name: witness.name, timestamp: 1_700_000_000 });
    // Another checkpoint's text does not verify under it.
    expect(() => verifyCosignature(line, formatCheckpoint({ origin: ORIGIN, size: 9, rootHash: t9.root }), vkey)).toThrow();
  });

  it('never stamps time 0', () => {
    const accepted = check(formatAddCheckpoint({ oldSize: 0, proof: [], note: t5.note() }));
    const line = cosignAccepted(accepted, witness, 10);
    const vkey = parseVerifierKey(formatCosignerKey(witness.name, witness.publicKey));
    expect(verifyCosignature(line, accepted.text, vkey).timestamp).toBe(1);
  });

  it('accepts a consistent extension and the same checkpoint again', () => {
    expect(check(formatAddCheckpoint({ oldSize: 5, proof: t9.proofFrom(5), note: t9.note() }), after5).checkpoint.size).toBe(9);
    expect(check(formatAddCheckpoint({ oldSize: 5, proof: [], note: t5.note() }), after5).checkpoint.size).toBe(5);
  });

  it('refuses a fork: the same size with another root, or a tree that does not extend the cosigned one (422)', () => {
    const fork5 = tree('b', 5);
    const fork9 = tree('b', 9);
    expect(refusal(formatAddCheckpoint({ oldSize: 5, proof: [], note: fork5.note() }), after5).status).toBe(422);
    const r = refusal(formatAddCheckpoint({ oldSize: 5, proof: fork9.proofFrom(5), note: fork9.note() }), after5);
    expect(r.status).toBe(422);
    expect(r.message).toMatch(/consistency proof from size 5 to 9/);
  });

  it('refuses a stale or wrong old size with 409 and the size it holds', () => {
    expect(refusal(formatAddCheckpoint({ oldSize: 0, proof: [], note: t9.note() }), after5)).toMatchObject({ status: 409, size: 5 });
    expect(refusal(formatAddCheckpoint({ oldSize: 3, proof: t9.proofFrom(3), note: t9.note() }))).toMatchObject({ status: 409, size: 0 });
  });

  it('refuses old > new with 400, and a proof from size 0 with 422', () => {
    expect(refusal(formatAddCheckpoint({ oldSize: 9, proof: [], note: t5.note() })).status).toBe(400);
    expect(refusal(formatAddCheckpoint({ oldSize: 0, proof: t9.proofFrom(5), note: t9.note() })).status).toBe(422);
  });

  it('refuses a size-0 checkpoint whose root is not SHA-256("") with 422, and accepts the empty tree', () => {
    const text = `${ORIGIN}\n0\n${toBase64(t5.root)}\n`;
    // signNote checks only note syntax, so a log can sign this; the witness must not cosign it.
    expect(refusal(formatAddCheckpoint({ oldSize: 0, proof: [], note: signNote(text, logSigner) })).status).toBe(422);
    const empty = signNote(formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: EMPTY_ROOT }), logSigner);
    expect(check(formatAddCheckpoint({ oldSize: 0, proof: [], note: empty })).checkpoint.size).toBe(0);
  });

  it('answers 404 for an unknown origin and 403 for a missing or wrong signature', () => {
    const other = generateSigner('someone/else');
    expect(refusal(formatAddCheckpoint({ oldSize: 0, proof: [], note: t5.note(other) })).status).toBe(404);
    const impostor = generateSigner(ORIGIN);
    expect(refusal(formatAddCheckpoint({ oldSize: 0, proof: [], note: t5.note(impostor) })).status).toBe(403);
    const unsigned = formatCheckpoint({ origin: ORIGIN, size: 5, rootHash: t5.root });
    expect(refusal(formatAddCheckpoint({ oldSize: 0, proof: [], note: unsigned })).status).toBe(403);
    const tampered = t5.note().replace(`\n5\n`, '\n6\n');
    expect(refusal(formatAddCheckpoint({ oldSize: 0, proof: [], note: tampered })).status).toBe(403);
  });

  it('answers 400 with a clear message for malformed bodies', () => {
    const note = t5.note();
    const cases: Array<[string | Uint8Array, RegExp]> = [
      ['', /old <size>/],
      ['old five\n\n' + note, /old <size>/],
      ['old 05\n\n' + note, /old <size>/],
      ['old 0\n' + note, /proof line 1|blank line/],
      ['old 0\nnot-a-hash\n\n' + note, /proof line 1/],
      ['old 0\n' + `${toBase64(t5.root)}\n`.repeat(64) + '\n' + note, /more than 63/],
      ['old 0\n\n', /missing/],
      [new Uint8Array([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff]), /UTF-8/],
    ];
    for (const [body, message] of cases) {
      try {
        check(body as string);
        throw new Error(`accepted ${JSON.stringify(body)}`);
      } catch (err) {
        expect(err).toBeInstanceOf(WitnessRefusal);
        expect((err as WitnessRefusal).status).toBe(400);
        expect((err as Error).message).toMatch(message);
      }
    }
  });

  it('round-trips the request format', () => {
    const body = formatAddCheckpoint({ oldSize: 5, proof: t9.proofFrom(5), note: t9.note() });
    expect(body.startsWith('old 5\n')).toBe(true);
    const parsed = parseAddCheckpoint(body);
    expect(parsed.proof.map(toBase64)).toEqual(t9.proofFrom(5).map(toBase64));
    expect(parsed.note).toBe(t9.note());
  });
});
