import { CheckpointError, parseCheckpoint } from './checkpoint.ts';
import { HASH_SIZE, bytesEqual, fromBase64, leafHash, toBase64, toHex } from './hash.ts';
import { NoteError } from './keys.ts';
import { inclusionProofRanges, verifyInclusion } from './merkle.ts';
import { openNote, splitNote } from './note.ts';
import { quorumMet, type Policy } from './policy.ts';

/**
 * c2sp.org/tlog-proof@v1, our receipt: everything needed to check offline that one entry
 * is in a log whose checkpoint the policy's log signed and enough witnesses cosigned.
 *
 *   c2sp.org/tlog-proof@v1\n
 *   extra <base64>\n            optional, unauthenticated: here the entry's own bytes
 *   index <n>\n
 *   <base64 hash>\n ...         the inclusion path, the leaf's sibling first
 *   \n
 *   <the checkpoint note, verbatim with all its signatures>
 */

export const PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
/** A path in a tree of at most 2^63 leaves has at most 63 hashes. */
const MAX_PATH = 63;
/** Entries are at most 65535 bytes (tlog-tiles bundles): their base64 is shorter than this. */
const MAX_EXTRA_CHARS = 87384;
const INDEX = /^(0|[1-9][0-9]{0,15})$/;

export type ProofProblem =
  | 'malformed' // not a tlog-proof file, or cut short
  | 'entry' // no entry to hash, or the entry given is not the one the receipt carries
  | 'unknown-log' // the checkpoint's origin is not a log of the policy
  | 'log-signature' // the log's signature is missing or does not verify
  | 'cosignature' // a known witness's cosignature does not verify
  | 'quorum' // not enough known witnesses cosigned
  | 'index' // the index is outside the checkpoint's tree
  | 'inclusion'; // the path does not lead from the entry to the checkpoint's root

export class ProofError extends Error {
  constructor(
    readonly problem: ProofProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ProofError';
  }
}

export interface TlogProof {
  extra?: Uint8Array;
  index: number;
  path: Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
}

export function formatProof({ extra, index, path, checkpoint }: TlogProof): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`invalid index ${index}`);
  if (path.length > MAX_PATH || !path.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE))
    throw new RangeError('the inclusion path is at most 63 hashes of 32 bytes');
  splitNote(checkpoint); // a receipt carries a signed note, never bare text
  return [PROOF_HEADER, ...(extra ? [`extra ${toBase64(extra)}`] : []), `index ${index}`, ...path.map(toBase64), ''].join('\n') + '\n' + checkpoint;
}

const malformed = (why: string): never => {
  throw new ProofError('malformed', `not a complete tlog-proof receipt: ${why}`);
};

/** Reads the layout only; `verifyProof` checks what it says. */
export function parseProof(text: string): TlogProof {
  if (typeof text !== 'string') malformed('it is not text');
  if (text.length === 0) malformed('the file is empty');
  let rest = text;
  const nextLine = (what: string): string => {
    const nl = rest.indexOf('\n');
    if (nl < 0) malformed(`the file ends before ${what}`);
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    return line;
  };
  const header = nextLine('the end of the first line');
  if (header !== PROOF_HEADER) malformed(`the first line is not "${PROOF_HEADER}"`);
  let line = nextLine('the index line');
  let extra: Uint8Array | undefined;
  if (line.startsWith('extra ')) {
    const b64 = line.slice('extra '.length);
    if (b64.length > MAX_EXTRA_CHARS) malformed('the extra line is too long');
    try {
      extra = fromBase64(b64);
    } catch {
      malformed('the extra line is not valid base64');
    }
    line = nextLine('the index line');
  }
  if (!line.startsWith('index ')) malformed('there is no "index <n>" line');
  const indexText = line.slice('index '.length);
  if (!INDEX.test(indexText) || !Number.isSafeInteger(Number(indexText))) malformed(`the index "${indexText}" is not a decimal number`);
  const index = Number(indexText);
  const path: Uint8Array[] = [];
  for (;;) {
    line = nextLine('the blank line before the checkpoint');
    if (line === '') break;
    if (path.length === MAX_PATH) malformed(`the inclusion path has more than ${MAX_PATH} hashes`);
    let hash: Uint8Array;
    try {
      hash = fromBase64(line);
    } catch {
      return malformed(`line ${path.length + 1} of the inclusion path is not base64`);
    }
    if (hash.length !== HASH_SIZE) malformed(`line ${path.length + 1} of the inclusion path is ${hash.length} bytes, not 32`);
    path.push(hash);
  }
  if (rest.length === 0) malformed('there is no checkpoint after the blank line');
  try {
    splitNote(rest);
  } catch (err) {
    malformed(`the checkpoint is not a signed note (${(err as Error).message})`);
  }
  return { extra, index, path, checkpoint: rest };
}

export interface VerifiedProof {
  index: number;
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  entry: Uint8Array;
  /** The policy's witnesses whose cosignatures verified, by their policy names. */
  cosigners: string[];
  /** The policy's quorum, null for `quorum none`. */
  quorum: string | null;
}

/**
 * Checks a receipt against a policy, in tlog-proof's order: the leaf hash of the entry
 * (given, or carried in the extra line), the log's signature by the policy's key for the
 * checkpoint's origin, the known witnesses' cosignatures against the quorum, then the
 * inclusion path. Throws ProofError naming the first thing that is wrong.
 */
export function verifyProof(receipt: string | TlogProof, policy: Policy, entry?: Uint8Array): VerifiedProof {
  const proof = typeof receipt === 'string' ? parseProof(receipt) : receipt;

  // 1. The leaf hash.
  if (entry && proof.extra && !bytesEqual(entry, proof.extra)) throw new ProofError('entry', 'the entry given is not the entry this receipt carries');
  const data = entry ?? proof.extra;
  if (!data) throw new ProofError('entry', 'the receipt carries no entry (no extra line) and none was given');
  const leaf = leafHash(data);

  // 2. The log: its origin must be in the policy and its key must have signed.
  const { text } = splitNote(proof.checkpoint);
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (err) {
    throw new ProofError('malformed', `the checkpoint is not valid: ${err instanceof CheckpointError ? err.message : String(err)}`);
  }
  const log = policy.logs.find((l) => l.origin === checkpoint.origin);
  if (!log)
    throw new ProofError(
      'unknown-log',
      `the checkpoint is from ${checkpoint.origin}, which is not a log of the policy (${policy.logs.map((l) => l.origin).join(', ')})`,
    );
  const witnesses = policy.witnesses;
  let opened;
  try {
    opened = openNote(proof.checkpoint, [log.verifier, ...witnesses.map((w) => w.verifier)]);
  } catch (err) {
    if (!(err instanceof NoteError)) throw err;
    const byWitness = witnesses.find((w) => err.message.includes(`${w.verifier.name}+${toHex(w.verifier.keyId)}`));
    if (err.code === 'bad-signature' && byWitness)
      throw new ProofError('cosignature', `the cosignature of witness ${byWitness.name} does not verify: the checkpoint was altered or the cosignature forged`);
    if (err.code === 'bad-signature')
      throw new ProofError('log-signature', `the log's signature does not verify: the checkpoint was altered or signed by another key`);
    if (err.code === 'unverified')
      throw new ProofError(
        'log-signature',
        `the checkpoint is not signed by the policy's key for ${log.origin} (${log.vkey.split('+').slice(0, 2).join('+')})`,
      );
    throw new ProofError('malformed', err.message);
  }
  const isKey = (s: { name: string; keyId: string; verified: boolean }, v: { name: string; keyId: Uint8Array }) =>
    s.verified && s.name === v.name && s.keyId === toHex(v.keyId);
  if (!opened.signatures.some((s) => isKey(s, log.verifier))) {
    // Only witnesses signed: the log's own signature is what is missing.
    throw new ProofError('log-signature', `the checkpoint is not signed by the policy's key for ${log.origin}`);
  }

  // 3. The witnesses and the quorum.
  const cosigners = witnesses.filter((w) => opened.signatures.some((s) => isKey(s, w.verifier))).map((w) => w.name);
  if (!quorumMet(policy, new Set(cosigners))) {
    throw new ProofError('quorum', `the quorum ${policy.quorum} is not met: cosigned by ${cosigners.length ? cosigners.join(', ') : 'no known witness'}`);
  }

  // 4. The inclusion path.
  if (proof.index >= checkpoint.size) throw new ProofError('index', `index ${proof.index} is not in the checkpoint's tree of ${checkpoint.size} entries`);
  const needed = inclusionProofRanges(proof.index, checkpoint.size).length;
  if (proof.path.length !== needed) {
    throw new ProofError(
      'inclusion',
      `the inclusion path has ${proof.path.length} hashes, but entry ${proof.index} of a tree of ${checkpoint.size} needs ${needed}: a wrong index or a cut path`,
    );
  }
  if (!verifyInclusion(leaf, proof.index, checkpoint.size, proof.path, checkpoint.rootHash)) {
    throw new ProofError(
      'inclusion',
      `the inclusion path does not lead from entry ${proof.index} to the checkpoint's root: the entry, the index or the path was changed`,
    );
  }
  return {
    index: proof.index,
    origin: checkpoint.origin,
    treeSize: checkpoint.size,
    rootHash: checkpoint.rootHash,
    entry: data,
    cosigners,
    quorum: policy.quorum,
  };
}
