import { describe, expect, it } from 'vitest';
import { canonicalJson, commitment, encodeEntry, verifyCommitment } from './entry.ts';
import { utf8 } from './hash.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the RFC 8785 §3.2.2 example', () => {
    const input = {
      // biome-ignore lint/correctness/noPrecisionLoss: RFC 8785's own example, written as the standard gives it
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    expect(canonicalJson(input)).toBe('{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}');
  });

  it('is independent of key order and nesting order', () => {
    expect(canonicalJson({ b: [2, { y: 1, x: 0 }], a: 'é' })).toBe(canonicalJson({ a: 'é', b: [2, { x: 0, y: 1 }] }));
    expect(canonicalJson({ b: 1, a: { d: null, c: -0 } })).toBe('{"a":{"c":0,"d":null},"b":1}');
  });

  it('leaves out undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('refuses what JSON cannot represent faithfully', () => {
    expect(() => canonicalJson(undefined)).toThrow(/undefined/);
    expect(() => canonicalJson([1, undefined])).toThrow(/value\[1\] is undefined/);
    expect(() => canonicalJson({ a: { b: NaN } })).toThrow(/value\.a\.b is NaN/);
    expect(() => canonicalJson(Infinity)).toThrow(/Infinity/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson(Symbol('s'))).toThrow(/symbol/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/itself/);
    expect(() => canonicalJson('\ud800')).toThrow();
  });

  it('uses toJSON like JSON.stringify (dates become ISO strings)', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) })).toBe('{"at":"2024-01-02T03:04:05.000Z"}');
  });
});

describe('entries and commitments', () => {
  it('encodes an entry as UTF-8 canonical JSON', () => {
    expect(encodeEntry({ z: 'é', a: 1 })).toEqual(utf8('{"a":1,"z":"é"}'));
  });

  it('commits to sha256(salt || canonical JSON) — values computed independently with Python hashlib', () => {
    const salt = new Uint8Array(16).map((_, i) => i);
    expect(commitment(salt, { b: 2, a: [1, 'é'] })).toBe('sha256:6GD5NAXTnlwK61QkU9j+iG0g19fmq1xExhCZ2z2N8K4=');
    expect(commitment(new Uint8Array(32).fill(0xaa), 'alice@example.org')).toBe('sha256:5I6sgGNGSNkWa5uhEQidTzu7/Wc3U884MuIAJbYLX8k=');
  });

  it('hides the value behind the salt and can be checked on disclosure', () => {
    const s1 = new Uint8Array(32).fill(1);
    const s2 = new Uint8Array(32).fill(2);
    const c = commitment(s1, 'Ahmad Khalil');
    expect(c).not.toBe(commitment(s2, 'Ahmad Khalil'));
    expect(c).not.toContain('Ahmad');
    expect(verifyCommitment(s1, 'Ahmad Khalil', c)).toBe(true);
    expect(verifyCommitment(s1, 'Ahmad Khalii', c)).toBe(false);
    expect(verifyCommitment(s2, 'Ahmad Khalil', c)).toBe(false);
    expect(verifyCommitment(new Uint8Array(4), 'Ahmad Khalil', c)).toBe(false);
  });

  it('refuses short salts', () => {
    expect(() => commitment(new Uint8Array(15), 'x')).toThrow(/at least 16/);
  });
});
