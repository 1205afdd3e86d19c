import { describe, expect, it } from 'vitest';
import { utf8 } from './hash.ts';
import { NoteError, generateSigner, makeVerifier, openNote, parseSignerKey, parseVerifierKey, signNote, splitNote } from './note.ts';

// golang.org/x/mod/sumdb/note note_test.go (TestSign, TestOpen).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const peter = parseVerifierKey(PETER_VKEY);
const enoch = parseVerifierKey(ENOCH_VKEY);

function noteError(fn: () => unknown): NoteError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NoteError);
    return e as NoteError;
  }
  throw new Error('expected a NoteError');
}

describe('signNote', () => {
  it('reproduces the published signed note byte for byte', () => {
    const note = signNote(TEXT, parseSignerKey(PETER_SKEY));
    expect(note).toBe(TEXT + '\n' + PETER_SIG);
    // The em dash is U+2014, three bytes in UTF-8.
    expect([...utf8(note).subarray(TEXT.length + 1, TEXT.length + 4)]).toEqual([0xe2, 0x80, 0x94]);
  });

  it('signs with several keys in order', () => {
    const a = generateSigner('a.example/log');
    const b = generateSigner('b.example/witness');
    const note = signNote('hello\n', [a, b]);
    expect(
      note
        .split('\n')
        .slice(2, 4)
        .map((l) => l.split(' ')[1]),
    ).toEqual(['a.example/log', 'b.example/witness']);
    const opened = openNote(note, [makeVerifier(a.name, a.publicKey), makeVerifier(b.name, b.publicKey)]);
    expect(opened.signatures.map((s) => s.verified)).toEqual([true, true]);
  });

  it('refuses text that is not a valid note text', () => {
    const s = parseSignerKey(PETER_SKEY);
    expect(noteError(() => signNote('abc', s)).code).toBe('malformed');
    expect(noteError(() => signNote('', s)).code).toBe('malformed');
    expect(noteError(() => signNote('a\tb\n', s)).message).toMatch(/control character/);
    expect(noteError(() => signNote('a\rb\n', s)).code).toBe('malformed');
    expect(noteError(() => signNote('a\ud800\n', s)).code).toBe('malformed');
    expect(noteError(() => signNote('ok\n', { ...s, name: 'bad name' })).code).toBe('bad-key');
  });
});

describe('openNote', () => {
  it('verifies the known signature and lists unknown ones as unverified', () => {
    const opened = openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, [peter]);
    expect(opened.text).toBe(TEXT);
    expect(opened.signatures).toEqual([
      { name: 'PeterNeumann', keyId: 'c74f20a3', verified: true },
      { name: 'EnochRoot', keyId: 'af0cfe78', verified: false },
    ]);
    const both = openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, [peter, enoch]);
    expect(both.signatures.map((s) => s.verified)).toEqual([true, true]);
  });

  it('accepts UTF-8 bytes as well as strings', () => {
    expect(openNote(utf8(TEXT + '\n' + PETER_SIG), [peter]).text).toBe(TEXT);
    expect(noteError(() => openNote(new Uint8Array([0xff, 0x0a, 0x0a]), [peter])).message).toMatch(/UTF-8/);
  });

  it('rejects a note with no signature from a known key, saying who signed it', () => {
    const e = noteError(() => openNote(TEXT + '\n' + PETER_SIG + ENOCH_SIG, []));
    expect(e.code).toBe('unverified');
    expect(e.message).toContain('PeterNeumann+c74f20a3');
    // Same name, other key: still unknown, not a failure of the known key.
    const other = generateSigner('PeterNeumann');
    expect(noteError(() => openNote(TEXT + '\n' + PETER_SIG, [makeVerifier(other.name, other.publicKey)])).code).toBe('unverified');
  });

  it("rejects the whole note when a known key's signature fails", () => {
    const tampered = TEXT.replace('answer', 'ANSWER') + '\n' + PETER_SIG + ENOCH_SIG;
    const e = noteError(() => openNote(tampered, [peter]));
    expect(e.code).toBe('bad-signature');
    expect(e.message).toMatch(/known key PeterNeumann\+c74f20a3 does not verify/);
    const garbled = TEXT + '\n' + PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    expect(noteError(() => openNote(garbled, [peter])).code).toBe('bad-signature');
  });

  it('ignores repeated signatures after the first by the same key', () => {
    const opened = openNote(TEXT + '\n' + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG, [peter]);
    expect(opened.signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('refuses ambiguous verifier lists only when they matter', () => {
    const clash = generateSigner('EnochRoot');
    // A forged verifier with Enoch's name and ID but another public key.
    const forged = { ...makeVerifier(clash.name, clash.publicKey), keyId: enoch.keyId };
    expect(noteError(() => openNote(TEXT + '\n' + ENOCH_SIG, [enoch, peter, forged])).code).toBe('ambiguous-key');
    expect(openNote(TEXT + '\n' + PETER_SIG, [enoch, peter, forged]).signatures).toHaveLength(1);
    expect(openNote(TEXT + '\n' + ENOCH_SIG, [enoch, enoch]).signatures[0].verified).toBe(true);
  });

  it('rejects malformed notes (the Go test cases and more)', () => {
    const bad = [
      TEXT,
      TEXT + '\n',
      TEXT + '\n' + PETER_SIG.slice(0, -1),
      '\x01' + TEXT + '\n' + PETER_SIG,
      TEXT + '\n' + '— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
      TEXT + '\n' + PETER_SIG + 'Unexpected line.\n',
      TEXT + '\n' + '- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
      TEXT + '\n' + '— PeterNeumann x08g\n',
      TEXT + '\n' + '— PeterNeumann x08go/ZJ kuBS9UG\n',
      TEXT + '\n' + '— PeterNeumann\n',
      TEXT + '\n' + PETER_SIG.repeat(101),
    ];
    for (const note of bad) expect(noteError(() => openNote(note, [peter])).code, JSON.stringify(note.slice(-40))).toBe('malformed');
  });

  it('splits at the last blank line, so the text may contain blank lines', () => {
    const s = generateSigner('x.example');
    const text = 'para one\n\npara two\n\n';
    const note = signNote(text, s);
    expect(splitNote(note).text).toBe(text);
    expect(openNote(note, [makeVerifier(s.name, s.publicKey)]).text).toBe(text);
  });

  it('accepts at least 16 signatures', () => {
    const keys = Array.from({ length: 16 }, (_, i) => generateSigner(`w${i}.example`));
    const note = signNote('checkpoint\n', keys);
    const opened = openNote(
      note,
      keys.map((k) => makeVerifier(k.name, k.publicKey)),
    );
    expect(opened.signatures.filter((s) => s.verified)).toHaveLength(16);
  });
});
