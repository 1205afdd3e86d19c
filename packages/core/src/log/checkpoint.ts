import { EMPTY_ROOT, HASH_SIZE, bytesEqual, fromBase64, toBase64 } from './hash.ts';
import { isValidKeyName } from './keys.ts';

/**
 * c2sp.org/tlog-checkpoint: the note text a log signs.
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n[<extension line>\n]...
 */

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Opaque extension lines, without their newlines. */
  extensions: string[];
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const SIZE = /^(0|[1-9][0-9]*)$/;
const CONTROL = /[\x00-\x1f]|\p{Cs}/u;

/**
 * Formats the note text. The origin must also be usable as the log's key name (tlog-policy
 * asks the key name to equal the origin), so spaces and "+" are refused here even though
 * readers must accept them.
 */
export function formatCheckpoint({
  origin,
  size,
  rootHash,
  extensions = [],
}: {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: string[];
}): string {
  if (!isValidKeyName(origin)) throw new CheckpointError(`the origin ${JSON.stringify(origin)} must be non-empty, without spaces, "+" or control characters`);
  if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointError(`the tree size must be a whole number, not ${size}`);
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) throw new CheckpointError('the root hash must be 32 bytes');
  if (size === 0 && !bytesEqual(rootHash, EMPTY_ROOT)) throw new CheckpointError('an empty tree has the root SHA-256("")');
  for (const ext of extensions) {
    if (typeof ext !== 'string' || ext.length === 0 || CONTROL.test(ext))
      throw new CheckpointError('extension lines must be non-empty, on one line, without control characters');
  }
  return [origin, String(size), toBase64(rootHash), ...extensions].map((l) => l + '\n').join('');
}

/**
 * Parses and validates checkpoint note text (the text of an opened note, not the signed
 * note itself). Throws CheckpointError naming the first problem.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) throw new CheckpointError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError(`a checkpoint has at least 3 lines (origin, size, root hash), this has ${lines.length}`);
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (lines.some((l) => l.length === 0)) throw new CheckpointError('a checkpoint has no empty lines (was a signed note passed instead of its text?)');
  if (CONTROL.test(text.replace(/\n/g, ''))) throw new CheckpointError('a checkpoint contains no control characters');
  if (!SIZE.test(sizeText)) throw new CheckpointError(`the tree size "${sizeText}" is not a decimal number without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new CheckpointError(`the tree size ${sizeText} is too large`);
  let rootHash: Uint8Array;
  try {
    rootHash = fromBase64(rootText);
  } catch {
    throw new CheckpointError(`the root hash "${rootText}" is not valid base64`);
  }
  if (rootHash.length !== HASH_SIZE) throw new CheckpointError(`the root hash is ${rootHash.length} bytes, not 32`);
  if (size === 0 && !bytesEqual(rootHash, EMPTY_ROOT))
    throw new CheckpointError('the checkpoint has size 0 but its root is not the empty-tree hash SHA-256("")');
  return { origin, size, rootHash, extensions };
}
