import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/**
 * Byte helpers and the RFC 6962 hash functions. Pure (no Buffer, no node:) so the
 * browser can check proofs with exactly the code the server uses.
 */

let digest: (data: Uint8Array) => Uint8Array = nobleSha256;

/**
 * Puts in another implementation of the same function, such as the server's native one
 * (node:crypto, several times faster on the log's hot paths); digests are identical.
 */
export function useSha256(impl: (data: Uint8Array) => Uint8Array): void {
  digest = impl;
}

export function sha256(data: Uint8Array): Uint8Array {
  return digest(data);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** RFC 6962 §2.1: leaves and interior nodes get different prefixes so one can't pass for the other. */
export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, entry));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** MTH({}) = SHA-256 of the empty string. Do not mutate: callers get copies where it matters. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

export const HASH_SIZE = 32;

const textEncoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return textEncoder.encode(s);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  // No early exit: comparisons of hashes and signatures should not leak where they differ.
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Decodes lowercase or uppercase hex; throws on odd length or other characters. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`invalid hex string "${hex.slice(0, 20)}"`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// Standard RFC 4648 §4 alphabet with padding, as signed notes and checkpoints use.
// Written out rather than btoa/atob so that large inputs need no binary-string detour
// and decoding can be strict.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=';
  }
  return out;
}

/**
 * Strict decoding: length a multiple of 4, padding only at the end, no whitespace,
 * and unused trailing bits zero. So every byte string has exactly one accepted
 * encoding, and a signed text cannot carry the same hash spelled two ways.
 */
export function fromBase64(text: string): Uint8Array {
  const fail = (why: string): never => {
    throw new Error(`invalid base64 (${why}): "${text.length > 24 ? text.slice(0, 24) + '…' : text}"`);
  };
  if (text.length % 4 !== 0) fail('length is not a multiple of 4');
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  const value = (i: number): number => {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c] : -1;
    if (v < 0) fail(`unexpected character at ${i}`);
    return v;
  };
  let o = 0;
  const body = text.length - (pad > 0 ? 4 : 0);
  for (let i = 0; i < body; i += 4) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (value(i + 2) << 6) | value(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (pad === 2) {
    const a = value(body);
    const b = value(body + 1);
    if (b & 15) fail('non-zero trailing bits');
    out[o++] = (a << 2) | (b >> 4);
  } else if (pad === 1) {
    const a = value(body);
    const b = value(body + 1);
    const c = value(body + 2);
    if (c & 3) fail('non-zero trailing bits');
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 15) << 4) | (c >> 2);
  }
  return out;
}
