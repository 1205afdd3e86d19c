import canonicalize from 'canonicalize';
import { bytesEqual, concatBytes, sha256, toBase64, utf8 } from './hash.ts';

/**
 * Log entry bytes: RFC 8785 canonical JSON, so the same record always hashes the same
 * way whoever serialises it. Personal or confidential fields enter the log only as salted
 * commitments; the salts stay outside the public log.
 */

/** Salts shorter than this would let anyone confirm a guessed value (a name, a date) by hashing. */
export const MIN_SALT_BYTES = 16;

/**
 * Refuses values JSON cannot represent faithfully instead of letting them turn into
 * something else: undefined at the top or in an array (JSON.stringify writes null),
 * non-finite numbers, bigint, functions and symbols. Object properties that are
 * undefined are left out, as in JSON.stringify, so optional fields can stay unset.
 */
function checkJsonValue(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot represent`);
      return;
    case 'undefined':
      throw new TypeError(`${path} is undefined`);
    case 'object':
      if (value === null) return;
      if (seen.has(value)) throw new TypeError(`${path} refers back to itself`);
      seen.add(value);
      if (Array.isArray(value))
        value.forEach((v, i) => {
          checkJsonValue(v, `${path}[${i}]`, seen);
        });
      else if (typeof (value as { toJSON?: unknown }).toJSON === 'function') checkJsonValue((value as { toJSON: () => unknown }).toJSON(), path, seen);
      else for (const [k, v] of Object.entries(value)) if (v !== undefined) checkJsonValue(v, `${path}.${k}`, seen);
      seen.delete(value);
      return;
    default:
      throw new TypeError(`${path} is a ${typeof value}, which JSON cannot represent`);
  }
}

export function canonicalJson(value: unknown): string {
  checkJsonValue(value, 'value', new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** The bytes stored in the log for an entry: UTF-8 of its canonical JSON. */
export function encodeEntry(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

/** "sha256:" + base64(SHA-256(salt || canonical JSON of value)). */
export function commitment(salt: Uint8Array, value: unknown): string {
  if (!(salt instanceof Uint8Array) || salt.length < MIN_SALT_BYTES) throw new RangeError(`a commitment salt must be at least ${MIN_SALT_BYTES} random bytes`);
  return 'sha256:' + toBase64(sha256(concatBytes(salt, encodeEntry(value))));
}

/** Checks a disclosed value and salt against a commitment from the log. */
export function verifyCommitment(salt: Uint8Array, value: unknown, expected: string): boolean {
  let actual: string;
  try {
    actual = commitment(salt, value);
  } catch {
    return false;
  }
  return bytesEqual(utf8(actual), utf8(expected));
}
