import { parseCheckpoint, type Checkpoint } from './checkpoint.ts';
import { fromBase64, leafHash } from './hash.ts';
import { verifyConsistency, verifyInclusion } from './merkle.ts';
import { NoteError, openNote, type Verifier } from './note.ts';

/**
 * Checks on one or two signed checkpoints, for readers who do not fetch the whole log:
 * the browser's Record page shows an entry with its inclusion proof, or a newer
 * checkpoint with a consistency proof from one seen before. Also the checkpoint opening
 * shared with verifyLog.
 */

export type VerifyProblem =
  | 'unavailable'
  | 'checkpoint-malformed'
  | 'checkpoint-signature'
  | 'origin-mismatch'
  | 'previous-malformed'
  | 'previous-signature'
  | 'previous-larger'
  | 'tile-malformed'
  | 'bundle-malformed'
  | 'root-mismatch'
  | 'entry-mismatch'
  | 'tile-mismatch'
  | 'previous-inconsistent';

// Failure, reason and openCheckpoint are shared with verifier.ts; index.ts does not export them.

export const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A verification failure: what kind, and a sentence for people. */
export class Failure extends Error {
  constructor(
    readonly problem: VerifyProblem,
    message: string,
    readonly extra: { index?: number; previousIndex?: number } = {},
  ) {
    super(message);
  }
}

interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  signer: string;
}

/**
 * Opens a signed checkpoint with the log's key and parses it; its origin must be the key's
 * name (tlog-policy). `previousIndex` marks a checkpoint seen before, for the problem codes.
 */
export function openCheckpoint(note: string, verifier: Verifier, what: string, previousIndex?: number): OpenedCheckpoint {
  const current = previousIndex === undefined;
  let text: string;
  let signer: string;
  try {
    const opened = openNote(note, [verifier]);
    text = opened.text;
    const sig = opened.signatures.find((s) => s.verified)!;
    signer = `${sig.name}+${sig.keyId}`;
  } catch (e) {
    const malformed = e instanceof NoteError && e.code === 'malformed';
    const problem = current ? (malformed ? 'checkpoint-malformed' : 'checkpoint-signature') : malformed ? 'previous-malformed' : 'previous-signature';
    throw new Failure(problem, `${what}: ${reason(e)}`, { previousIndex });
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (e) {
    throw new Failure(current ? 'checkpoint-malformed' : 'previous-malformed', `${what} is signed but is not a valid checkpoint: ${reason(e)}`, {
      previousIndex,
    });
  }
  if (checkpoint.origin !== verifier.name) {
    const problem = current ? 'origin-mismatch' : 'previous-malformed';
    throw new Failure(problem, `${what} is for the log "${checkpoint.origin}", but the key is for "${verifier.name}"`, { previousIndex });
  }
  return { checkpoint, signer };
}

export interface UpdateReport {
  ok: boolean;
  message: string;
  old?: Checkpoint;
  new?: Checkpoint;
}

const decodeProof = (proof: ReadonlyArray<Uint8Array | string>): Uint8Array[] => proof.map((p) => (typeof p === 'string' ? fromBase64(p) : p));

/**
 * For a reader who saw `oldNote` before and is now shown `newNote` with a consistency
 * proof (from /api/log/proof/consistency): both must be signed by the log and the new
 * tree must extend the old one.
 */
export function verifyCheckpointUpdate(
  oldNote: string,
  newNote: string,
  consistencyProof: ReadonlyArray<Uint8Array | string>,
  verifier: Verifier,
): UpdateReport {
  try {
    const { checkpoint: oldCp } = openCheckpoint(oldNote, verifier, 'the earlier checkpoint');
    const { checkpoint: newCp } = openCheckpoint(newNote, verifier, 'the new checkpoint');
    if (oldCp.size > newCp.size)
      return {
        ok: false,
        message: `the new checkpoint (size ${newCp.size}) is smaller than the earlier one (size ${oldCp.size}): the log was rolled back`,
        old: oldCp,
        new: newCp,
      };
    let proof: Uint8Array[];
    try {
      proof = decodeProof(consistencyProof);
    } catch (e) {
      return { ok: false, message: `the consistency proof is malformed: ${reason(e)}`, old: oldCp, new: newCp };
    }
    if (!verifyConsistency(oldCp.size, newCp.size, proof, oldCp.rootHash, newCp.rootHash)) {
      return {
        ok: false,
        message: `the log at size ${newCp.size} does not extend the log at size ${oldCp.size}: the consistency proof fails`,
        old: oldCp,
        new: newCp,
      };
    }
    return { ok: true, message: `the log grew from ${oldCp.size} to ${newCp.size} entries without changing the first ${oldCp.size}`, old: oldCp, new: newCp };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, message: e.message };
    throw e;
  }
}

/**
 * For the Record page: an entry (its bytes), its index, an inclusion proof and a signed
 * checkpoint. True only if the checkpoint is signed by the log and the entry is in it.
 */
export function verifyEntryInclusion({
  entry,
  index,
  proof,
  checkpoint,
  verifier,
}: {
  entry: Uint8Array;
  index: number;
  proof: ReadonlyArray<Uint8Array | string>;
  checkpoint: string;
  verifier: Verifier;
}): UpdateReport {
  try {
    const { checkpoint: cp } = openCheckpoint(checkpoint, verifier, 'the checkpoint');
    let hashes: Uint8Array[];
    try {
      hashes = decodeProof(proof);
    } catch (e) {
      return { ok: false, message: `the inclusion proof is malformed: ${reason(e)}`, new: cp };
    }
    if (!verifyInclusion(leafHash(entry), index, cp.size, hashes, cp.rootHash)) {
      return { ok: false, message: `entry ${index} is not in the log of size ${cp.size} with these bytes: the inclusion proof fails`, new: cp };
    }
    return { ok: true, message: `entry ${index} is in the signed log of ${cp.size} entries`, new: cp };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, message: e.message };
    throw e;
  }
}
