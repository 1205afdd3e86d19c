import { randomFillSync } from 'node:crypto';

/**
 * Cryptographically random bytes drawn from a pool filled 4 KiB at a time. A filing takes
 * 16 bytes for its id and 32 for each salt; asking the system for each separately cost
 * more than hashing the entry (node's getRandomValues and randomBytes have a fixed cost per
 * call). Bytes are handed out once and copied out of the pool, never shared.
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;

export function randomPooled(n: number): Uint8Array {
  if (n > POOL_BYTES) return randomFillSync(new Uint8Array(n));
  if (offset + n > POOL_BYTES) {
    pool = randomFillSync(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  const out = pool.slice(offset, offset + n);
  offset += n;
  return out;
}
