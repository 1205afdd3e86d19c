import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesEqual, concatBytes, fromBase64, sha256, toBase64, toHex, utf8 } from './hash.ts';

/**
 * Keys in the signed-note formats (c2sp.org/signed-note, and golang.org/x/mod/sumdb/note
 * for the private-key text): key IDs, signer keys, verifier keys ("vkeys"), and what
 * each supported signature type signs. Only Ed25519 is supported: type 0x01 for note
 * signatures and type 0x04 for tlog-cosignature/v1 witness cosignatures.
 */

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;
export type SignatureType = typeof SIG_ED25519 | typeof SIG_COSIGNATURE_V1;

/** Problems with keys and signed notes; `code` lets callers react without parsing messages. */
export class NoteError extends Error {
  constructor(
    readonly code: 'malformed' | 'bad-key' | 'unverified' | 'bad-signature' | 'ambiguous-key',
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

/** An Ed25519 key pair. `secretKey` is the 32-byte RFC 8032 seed. */
export interface Signer {
  name: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export interface Verifier {
  name: string;
  type: SignatureType;
  publicKey: Uint8Array;
  /** 4 bytes: SHA-256(name || 0x0A || type || publicKey)[:4]. */
  keyId: Uint8Array;
  /** Checks `signature` (the bytes after the key ID in a signature line) over the note text. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

const MAX_TIMESTAMP = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Key names are non-empty with no Unicode white space and no "+" (the spec's rules; "+"
 * separates vkey fields). Control characters and unpaired surrogates (not encodable as
 * UTF-8) are refused too: they cannot appear in a note anyway.
 */
export function isValidKeyName(name: string): boolean {
  return typeof name === 'string' && /^[^\p{White_Space}\p{Cc}\p{Cs}+]+$/u.test(name);
}

function requireName(name: string): void {
  if (!isValidKeyName(name)) throw new NoteError('bad-key', `invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or "+"`);
}

function requireKeyBytes(what: string, key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== 32) throw new NoteError('bad-key', `an Ed25519 ${what} is 32 bytes`);
}

export function keyId(name: string, sigType: number, publicKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8(name), new Uint8Array([0x0a, sigType]), publicKey)).slice(0, 4);
}

export function generateSigner(name: string): Signer {
  requireName(name);
  const secretKey = ed25519.utils.randomSecretKey();
  return { name, publicKey: ed25519.getPublicKey(secretKey), secretKey };
}

/** Ed25519 over `message` with the signer's seed (deterministic, RFC 8032). */
export function ed25519Sign(signer: Signer, message: Uint8Array): Uint8Array {
  requireKeyBytes('private key seed', signer.secretKey);
  return ed25519.sign(message, signer.secretKey);
}

/** `PRIVATE+KEY+<name>+<hex8 id>+<b64(0x01 || seed)>`, as Go's note.GenerateKey writes it. */
export function formatSignerKey(signer: Signer): string {
  requireName(signer.name);
  requireKeyBytes('private key seed', signer.secretKey);
  const publicKey = ed25519.getPublicKey(signer.secretKey);
  const id = toHex(keyId(signer.name, SIG_ED25519, publicKey));
  return `PRIVATE+KEY+${signer.name}+${id}+${toBase64(concatBytes(new Uint8Array([SIG_ED25519]), signer.secretKey))}`;
}

export function parseSignerKey(text: string): Signer {
  const parts = splitPlus(text, 4);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY')
    throw new NoteError('bad-key', 'a signer key has the form PRIVATE+KEY+<name>+<key ID>+<base64 key>');
  const [, , name, idHex, b64] = parts;
  requireName(name);
  const key = decodeKeyMaterial(b64, 'signer key');
  if (key[0] !== SIG_ED25519) throw new NoteError('bad-key', `unsupported signer key type 0x${toHex(key.subarray(0, 1))}; only Ed25519 (0x01) is supported`);
  const secretKey = key.slice(1);
  requireKeyBytes('private key seed', secretKey);
  const publicKey = ed25519.getPublicKey(secretKey);
  // The ID is of the public key, so it can only be checked after deriving it from the seed.
  checkId(idHex, keyId(name, SIG_ED25519, publicKey), name);
  return { name, publicKey, secretKey };
}

/** `<name>+<hex8 id>+<b64(type || publicKey)>`; type 0x01 for a log, 0x04 for a cosigner. */
export function formatVerifierKey(name: string, publicKey: Uint8Array, type: SignatureType = SIG_ED25519): string {
  requireName(name);
  requireKeyBytes('public key', publicKey);
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) throw new NoteError('bad-key', `unsupported signature type ${type}`);
  return `${name}+${toHex(keyId(name, type, publicKey))}+${toBase64(concatBytes(new Uint8Array([type]), publicKey))}`;
}

export function parseVerifierKey(vkey: string): Verifier {
  // The base64 part may itself contain "+", so only the first two separate fields.
  const parts = splitPlus(vkey, 2);
  if (!parts) throw new NoteError('bad-key', 'a verifier key has the form <name>+<key ID>+<base64 key>');
  const [name, idHex, b64] = parts;
  requireName(name);
  const key = decodeKeyMaterial(b64, 'verifier key');
  const type = key[0];
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) {
    throw new NoteError(
      'bad-key',
      `unsupported verifier key type 0x${toHex(key.subarray(0, 1))}; only Ed25519 (0x01) and Ed25519 cosignatures (0x04) are supported`,
    );
  }
  const publicKey = key.slice(1);
  requireKeyBytes('public key', publicKey);
  checkId(idHex, keyId(name, type, publicKey), name);
  return makeVerifier(name, publicKey, type);
}

export function makeVerifier(name: string, publicKey: Uint8Array, type: SignatureType = SIG_ED25519): Verifier {
  requireName(name);
  requireKeyBytes('public key', publicKey);
  const pub = publicKey.slice();
  const verify =
    type === SIG_COSIGNATURE_V1
      ? (text: Uint8Array, signature: Uint8Array) => {
          const ts = cosignatureTimestamp(signature);
          return ts !== null && ed25519Verify(pub, cosignatureMessage(text, ts), signature.subarray(8));
        }
      : (text: Uint8Array, signature: Uint8Array) => ed25519Verify(pub, text, signature);
  return { name, type, publicKey: pub, keyId: keyId(name, type, pub), verify };
}

/**
 * The message a tlog-cosignature/v1 (type 0x04) signature covers:
 * "cosignature/v1\ntime <decimal ts>\n" followed by the whole checkpoint note text.
 */
export function cosignatureMessage(text: Uint8Array, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`invalid cosignature timestamp ${timestamp}`);
  return concatBytes(utf8(`cosignature/v1\ntime ${timestamp}\n`), text);
}

/**
 * The u64 timestamp at the start of a 72-byte timestamped signature, or null if the
 * signature is malformed. The spec caps timestamps at 2^63-1 and lets verifiers refuse
 * future ones; anything past 2^53-1 seconds (285 million years) is refused here so that
 * timestamps stay exact JavaScript numbers.
 */
export function cosignatureTimestamp(signature: Uint8Array): number | null {
  if (signature.length !== 8 + 64) return null;
  const ts = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0, false);
  return ts <= MAX_TIMESTAMP ? Number(ts) : null;
}

function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    // Strict RFC 8032 decoding (no ZIP-215 leniency): one valid encoding per signature.
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** Splits on the first `count` "+" signs; null when there are fewer. */
function splitPlus(text: string, count: number): string[] | null {
  if (typeof text !== 'string') return null;
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return null;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

function decodeKeyMaterial(b64: string, what: string): Uint8Array {
  let key: Uint8Array;
  try {
    key = fromBase64(b64);
  } catch {
    throw new NoteError('bad-key', `the ${what}'s key material is not valid base64`);
  }
  if (key.length === 0) throw new NoteError('bad-key', `the ${what} has no key material`);
  return key;
}

function checkId(idHex: string, expected: Uint8Array, name: string): void {
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) throw new NoteError('bad-key', `the key ID "${idHex}" is not 8 hex digits`);
  if (idHex.toLowerCase() !== toHex(expected)) {
    throw new NoteError('bad-key', `the key ID ${idHex} does not match the key named ${name} (expected ${toHex(expected)})`);
  }
}

/** For signature lines: "<name>+<hex id>" identifies a key in messages. */
export function describeKey(name: string, id: Uint8Array): string {
  return `${name}+${toHex(id)}`;
}

export function sameKey(v: Verifier, name: string, id: Uint8Array): boolean {
  return v.name === name && bytesEqual(v.keyId, id);
}
