import { describe, expect, it } from 'vitest';
import { leafHash, sha256, toHex, utf8 } from '@truce/core/log/index';
import './native-sha256.ts';

describe("the server's native SHA-256", () => {
  it('gives the FIPS 180-2 digests and the same RFC 6962 leaf hashes as before', () => {
    expect(toHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // A leaf hash is SHA-256 over 0x00 and the entry: the log's stored hashes must not change.
    expect(toHex(leafHash(utf8('{"type":"report.filed"}')))).toBe(toHex(sha256(new Uint8Array([0, ...utf8('{"type":"report.filed"}')]))));
    const digest = sha256(utf8('تقرير عن قصف مدفعي قرب حلب'));
    expect(digest).toBeInstanceOf(Uint8Array);
    expect(digest.length).toBe(32);
  });
});
