import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { formatCheckpoint } from './checkpoint.ts';
import { addSignatureLines, cosignCheckpoint, formatCosignerKey, parseCosignatureLine, verifyCosignature } from './cosignature.ts';
import { concatBytes, fromBase64, fromHex, sha256, toHex, utf8 } from './hash.ts';
import { NoteError, generateSigner, makeVerifier, openNote, parseSignerKey, parseVerifierKey, signNote } from './note.ts';

const CHECKPOINT = formatCheckpoint({
  origin: 'truce/demo',
  size: 8,
  rootHash: fromHex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'),
});
const TS = 1_700_000_000;

describe('tlog-cosignature/v1 (Ed25519, type 0x04)', () => {
  it('reads the spec example line: key ID, and timestamp 1679315147', () => {
    const line = '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';
    const parsed = parseCosignatureLine(line);
    expect(parsed.name).toBe('witness.example.com/w1');
    expect(parsed.keyId).toBe('8d66cf3f');
    expect(parsed.timestamp).toBe(1679315147);
    expect(parsed.signature.length).toBe(72);
  });

  it('lays out keyID || u64be(time) || signature over "cosignature/v1\\ntime T\\n" + text', () => {
    const w = generateSigner('witness.example/w1');
    const line = cosignCheckpoint(CHECKPOINT, w, TS);
    expect(line).toMatch(/^— witness\.example\/w1 [A-Za-z0-9+/]{102}==\n$/);
    const raw = fromBase64(line.slice('— witness.example/w1 '.length, -1));
    expect(raw.length).toBe(76);
    const expectedId = sha256(concatBytes(utf8('witness.example/w1\n'), new Uint8Array([0x04]), w.publicKey)).subarray(0, 4);
    expect(toHex(raw.subarray(0, 4))).toBe(toHex(expectedId));
    expect(toHex(raw.subarray(4, 12))).toBe('000000006553f100'); // 1700000000
    // Checked with the Ed25519 library directly, over a message built by hand.
    const message = utf8('cosignature/v1\ntime 1700000000\n' + CHECKPOINT);
    expect(ed25519.verify(raw.subarray(12), message, w.publicKey)).toBe(true);
  });

  it('is deterministic for a given key, text and time', () => {
    const w = parseSignerKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
    expect(cosignCheckpoint(CHECKPOINT, w, TS)).toBe(cosignCheckpoint(CHECKPOINT, w, TS));
    expect(cosignCheckpoint(CHECKPOINT, w, TS)).not.toBe(cosignCheckpoint(CHECKPOINT, w, TS + 1));
  });

  it('verifies with the cosigner key and nothing else', () => {
    const w = generateSigner('witness.example/w1');
    const vkey = formatCosignerKey(w.name, w.publicKey);
    const v = parseVerifierKey(vkey);
    const line = cosignCheckpoint(CHECKPOINT, w, TS);
    expect(verifyCosignature(line, CHECKPOINT, v)).toEqual({ name: w.name, keyId: toHex(v.keyId), timestamp: TS });
    expect(verifyCosignature(line.trimEnd(), CHECKPOINT, v).timestamp).toBe(TS);

    const fails = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(NoteError);
        return (e as NoteError).code;
      }
      return 'accepted';
    };
    expect(fails(() => verifyCosignature(line, CHECKPOINT.replace('\n8\n', '\n9\n'), v))).toBe('bad-signature');
    const other = generateSigner('witness.example/w1');
    expect(fails(() => verifyCosignature(line, CHECKPOINT, makeVerifier(other.name, other.publicKey, 0x04)))).toBe('unverified');
    expect(fails(() => verifyCosignature(line, CHECKPOINT, makeVerifier(w.name, w.publicKey, 0x01)))).toBe('bad-key');
    // Changing the timestamp bytes breaks the signature: the time is signed.
    const raw = fromBase64(line.slice('— witness.example/w1 '.length, -1));
    raw[11] ^= 1;
    const moved = `— witness.example/w1 ${btoa(String.fromCharCode(...raw))}\n`;
    expect(fails(() => verifyCosignature(moved, CHECKPOINT, v))).toBe('bad-signature');
    expect(fails(() => verifyCosignature(line + line, CHECKPOINT, v))).toBe('malformed');
  });

  it('is not a log signature, and a log signature is not a cosignature', () => {
    const k = generateSigner('truce/demo');
    const logSigned = signNote(CHECKPOINT, k);
    const cosigned = CHECKPOINT + '\n' + cosignCheckpoint(CHECKPOINT, k, TS);
    // Same key pair, different types: the key IDs differ, so each is "unknown" to the other.
    expect(() => openNote(cosigned, [makeVerifier(k.name, k.publicKey, 0x01)])).toThrow(/no signature from a known key/);
    expect(() => openNote(logSigned, [makeVerifier(k.name, k.publicKey, 0x04)])).toThrow(/no signature from a known key/);
  });

  it('combines with the log signature in one note that openNote checks', () => {
    const log = generateSigner('truce/demo');
    const w1 = generateSigner('w1.example');
    const w2 = generateSigner('w2.example');
    const note = addSignatureLines(signNote(CHECKPOINT, log), [cosignCheckpoint(CHECKPOINT, w1, TS), cosignCheckpoint(CHECKPOINT, w2, TS + 5).trimEnd()]);
    const opened = openNote(note, [makeVerifier(log.name, log.publicKey), parseVerifierKey(formatCosignerKey(w1.name, w1.publicKey))]);
    expect(opened.text).toBe(CHECKPOINT);
    expect(opened.signatures.map((s) => [s.name, s.verified, s.timestamp])).toEqual([
      ['truce/demo', true, undefined],
      ['w1.example', true, TS],
      ['w2.example', false, undefined],
    ]);
    expect(() => addSignatureLines(note, ['not a signature'])).toThrow(NoteError);
  });

  it('refuses to cosign something that is not a checkpoint, or at time 0', () => {
    const w = generateSigner('w.example');
    expect(() => cosignCheckpoint('hello\n', w, TS)).toThrow();
    expect(() => cosignCheckpoint(signNote(CHECKPOINT, w), w, TS)).toThrow(); // the signed note, not its text
    expect(() => cosignCheckpoint(CHECKPOINT, w, 0)).toThrow(RangeError);
    expect(() => cosignCheckpoint(CHECKPOINT, w, 1.5)).toThrow(RangeError);
  });
});
