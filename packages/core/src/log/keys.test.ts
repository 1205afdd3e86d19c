import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromBase64, fromHex, toHex, utf8 } from './hash.ts';
import {
  NoteError,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  isValidKeyName,
  keyId,
  parseSignerKey,
  parseVerifierKey,
} from './keys.ts';

// golang.org/x/mod/sumdb/note note_test.go
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
// c2sp.org/signed-note's verifier key example.
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';

const bump = (s: string, i: number) => s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) + 1) + s.slice(i + 1);

describe('key IDs', () => {
  it('are SHA-256(name || 0x0A || type || key)[:4]', () => {
    const pub = fromBase64('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW').slice(1);
    expect(toHex(keyId('PeterNeumann', SIG_ED25519, pub))).toBe('c74f20a3');
    // The same key as a cosigner has another ID: the type byte is hashed in.
    expect(toHex(keyId('PeterNeumann', SIG_COSIGNATURE_V1, pub))).not.toBe('c74f20a3');
  });
});

describe('verifier keys', () => {
  it('parse the Go and C2SP examples', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.type).toBe(SIG_ED25519);
    expect(toHex(peter.keyId)).toBe('c74f20a3');
    expect(peter.publicKey.length).toBe(32);
    expect(formatVerifierKey(peter.name, peter.publicKey)).toBe(PETER_VKEY);
    expect(toHex(parseVerifierKey(ENOCH_VKEY).keyId)).toBe('af0cfe78');
    // The base64 part of this one contains "+": only the first two "+" separate fields.
    const spec = parseVerifierKey(SPEC_VKEY);
    expect(spec.name).toBe('example.com/foo');
    expect(formatVerifierKey(spec.name, spec.publicKey)).toBe(SPEC_VKEY);
  });

  it('reject every substring and every one-character change of a valid key (as Go does)', () => {
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i === 0 && j === PETER_VKEY.length) continue;
        expect(() => parseVerifierKey(PETER_VKEY.slice(i, j)), PETER_VKEY.slice(i, j)).toThrow(NoteError);
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) expect(() => parseVerifierKey(bump(PETER_VKEY, i))).toThrow(NoteError);
  });

  it('reject a wrong key length and an unknown algorithm even with a matching ID', () => {
    // Go's case; its base64 has non-zero padding bits, which strict decoding already refuses.
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(NoteError);
    const long = new Uint8Array(33).fill(7);
    expect(() => parseVerifierKey(`PeterNeumann+${toHex(keyId('PeterNeumann', 1, long))}+${btoa(String.fromCharCode(1, ...long))}`)).toThrow(/32 bytes/);
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/unsupported verifier key type 0x65/);
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/does not match/);
    expect(() => parseVerifierKey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/invalid key name/);
  });

  it('round-trip cosigner keys (type 0x04)', () => {
    const s = generateSigner('witness.example/w1');
    const vkey = formatVerifierKey(s.name, s.publicKey, SIG_COSIGNATURE_V1);
    expect(fromBase64(vkey.split('+').slice(2).join('+'))[0]).toBe(0x04);
    const v = parseVerifierKey(vkey);
    expect(v.type).toBe(SIG_COSIGNATURE_V1);
    expect(v.keyId).toEqual(keyId(s.name, 0x04, s.publicKey));
  });
});

describe('signer keys', () => {
  it('parse the Go example, deriving the matching public key', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.secretKey.length).toBe(32);
    expect(signer.publicKey).toEqual(parseVerifierKey(PETER_VKEY).publicKey);
    expect(formatSignerKey(signer)).toBe(PETER_SKEY);
  });

  it('reject every substring and every one-character change (as Go does)', () => {
    for (let i = 0; i <= PETER_SKEY.length; i++) {
      for (let j = i + 1; j <= PETER_SKEY.length; j++) {
        if (i === 0 && j === PETER_SKEY.length) continue;
        expect(() => parseSignerKey(PETER_SKEY.slice(i, j))).toThrow(NoteError);
      }
    }
    for (let i = 0; i < PETER_SKEY.length; i++) expect(() => parseSignerKey(bump(PETER_SKEY, i))).toThrow(NoteError);
  });

  it('generate fresh key pairs that round-trip through both formats', () => {
    const a = generateSigner('truce/demo');
    const b = generateSigner('truce/demo');
    expect(a.secretKey).not.toEqual(b.secretKey);
    expect(a.publicKey).toEqual(ed25519.getPublicKey(a.secretKey));
    const back = parseSignerKey(formatSignerKey(a));
    expect(back).toEqual({ name: a.name, publicKey: a.publicKey, secretKey: a.secretKey });
    expect(formatSignerKey(a)).toMatch(/^PRIVATE\+KEY\+truce\/demo\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    expect(() => generateSigner('two words')).toThrow(NoteError);
  });

  it('sign RFC 8032 test 1 correctly (deterministic Ed25519 from a seed)', () => {
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const text = `PRIVATE+KEY+rfc8032+${toHex(keyId('rfc8032', 1, ed25519.getPublicKey(seed)))}+${btoa(String.fromCharCode(1, ...seed))}`;
    const signer = parseSignerKey(text);
    expect(toHex(signer.publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(toHex(ed25519.sign(utf8(''), signer.secretKey))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });
});

describe('key names', () => {
  it('follow the signed-note rules', () => {
    for (const ok of ['PeterNeumann', 'example.com/log42', 'truce/syria-ceasefire-demo', 'é—ü']) expect(isValidKeyName(ok), ok).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u2003b', 'a\u3000b', 'a\u0085b', 'a\nb', 'a\u0001b', 'a\ud800b'])
      expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
  });
});
