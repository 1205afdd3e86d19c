import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, bytesEqual, concatBytes, fromBase64, fromHex, leafHash, nodeHash, sha256, toBase64, toHex, utf8 } from './hash.ts';

describe('sha256 and the RFC 6962 hashes', () => {
  it('hashes known inputs (FIPS 180-2 "abc", empty string)', () => {
    expect(toHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    // The RFC 6962 test tree's first leaf is the empty string: its hash is SHA-256(0x00).
    expect(toHex(leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const l = leafHash(fromHex('00'));
    const r = leafHash(fromHex('10'));
    expect(nodeHash(l, r)).toEqual(sha256(concatBytes(new Uint8Array([1]), l, r)));
    expect(nodeHash(l, r)).not.toEqual(nodeHash(r, l));
  });
});

describe('base64 (RFC 4648 §4, padded, strict)', () => {
  it('encodes the RFC 4648 §10 test vectors', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64(utf8(plain))).toBe(encoded);
      expect(fromBase64(encoded)).toEqual(utf8(plain));
    }
  });

  it('uses + and / and round-trips every byte value', () => {
    expect(toBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=');
    const all = new Uint8Array(256).map((_, i) => i);
    for (let n = 0; n <= 256; n += 17) expect(fromBase64(toBase64(all.subarray(0, n)))).toEqual(all.subarray(0, n));
    expect(toBase64(all)).toBe(btoa(String.fromCharCode(...all)));
  });

  it('rejects malformed input', () => {
    for (const bad of ['Zg', 'Zg=', 'Z===', 'Zm9v\n', ' Zm9v', 'Zm9-', 'Zm_v', 'Z=g=', '====', 'Zh==', 'Zm9=', 'Zm8é']) {
      expect(() => fromBase64(bad), bad).toThrow(/invalid base64/);
    }
  });
});

describe('byte helpers', () => {
  it('compares, converts and concatenates', () => {
    expect(bytesEqual(fromHex('0102'), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(fromHex('0102'), fromHex('0103'))).toBe(false);
    expect(bytesEqual(fromHex('01'), fromHex('0100'))).toBe(false);
    expect(bytesEqual(fromHex('00000000'), fromHex('00000001'))).toBe(false);
    expect(toHex(fromHex('00ff10AB'))).toBe('00ff10ab');
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('zz')).toThrow();
    expect(toHex(concatBytes(fromHex('01'), new Uint8Array(0), fromHex('0203')))).toBe('010203');
    expect(utf8('— é')).toEqual(new Uint8Array([0xe2, 0x80, 0x94, 0x20, 0xc3, 0xa9]));
  });
});
