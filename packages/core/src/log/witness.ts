import { parseCheckpoint, type Checkpoint } from './checkpoint.ts';
import { cosignCheckpoint } from './cosignature.ts';
import { HASH_SIZE, bytesEqual, fromBase64, toBase64 } from './hash.ts';
import { NoteError, type Signer, type Verifier } from './keys.ts';
import { openNote, splitNote } from './note.ts';
import { verifyConsistency } from './merkle.ts';

/**
 * c2sp.org/tlog-witness, the pure part: reading an add-checkpoint request and deciding
 * whether to cosign it. No I/O: the caller keeps the state (the last checkpoint cosigned
 * per origin) and must run check and persist as one step, so two requests cannot both
 * pass against the same old state (the spec's rollback race).
 */

/** The spec allows at most 63 proof lines (a tree of 2^64 leaves needs no more). */
export const MAX_PROOF_LINES = 63;

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  note: string;
}

/** A refusal with the HTTP status the spec assigns; `size` is set for 409. */
export class WitnessRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422,
    message: string,
    readonly size?: number,
  ) {
    super(message);
    this.name = 'WitnessRefusal';
  }
}

/** What the witness remembers per origin: the latest checkpoint it cosigned. */
export interface WitnessedState {
  size: number;
  rootHash: Uint8Array;
}

export interface AcceptedCheckpoint {
  checkpoint: Checkpoint;
  /** The checkpoint note text (what the log and the cosigners sign). */
  text: string;
}

const SIZE = /^(0|[1-9][0-9]*)$/;
const HASH_LINE = /^[A-Za-z0-9+/]{43}=$/;

const bad = (why: string): never => {
  throw new WitnessRefusal(400, `malformed add-checkpoint request: ${why}`);
};

/** The request body: "old <size>\n", 0–63 base64 hash lines, "\n", the signed checkpoint. */
export function formatAddCheckpoint({ oldSize, proof, note }: AddCheckpointRequest): string {
  return `old ${oldSize}\n` + proof.map((h) => toBase64(h) + '\n').join('') + '\n' + note;
}

/** Parses an add-checkpoint body; throws WitnessRefusal(400) naming what is wrong. */
export function parseAddCheckpoint(body: string | Uint8Array): AddCheckpointRequest {
  let s: string;
  if (typeof body === 'string') s = body;
  else {
    try {
      s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return bad('the body is not valid UTF-8');
    }
  }
  const firstEnd = s.indexOf('\n');
  if (firstEnd < 0) bad('the first line must be "old <size>"');
  const first = s.slice(0, firstEnd);
  if (!first.startsWith('old ') || !SIZE.test(first.slice(4)))
    bad(`the first line must be "old <size>" with a decimal size, not ${JSON.stringify(first.slice(0, 40))}`);
  const oldSize = Number(first.slice(4));
  if (!Number.isSafeInteger(oldSize)) bad('the old size is too large');
  const proof: Uint8Array[] = [];
  let at = firstEnd + 1;
  for (;;) {
    const end = s.indexOf('\n', at);
    if (end < 0) bad('there is no blank line between the consistency proof and the checkpoint');
    const line = s.slice(at, end);
    at = end + 1;
    if (line === '') break;
    if (proof.length === MAX_PROOF_LINES) bad(`the consistency proof has more than ${MAX_PROOF_LINES} lines`);
    if (!HASH_LINE.test(line)) bad(`proof line ${proof.length + 1} is not a base64 SHA-256 hash`);
    const hash = fromBase64(line);
    if (hash.length !== HASH_SIZE) bad(`proof line ${proof.length + 1} is not 32 bytes`);
    proof.push(hash);
  }
  const note = s.slice(at);
  if (note.length === 0) bad('the signed checkpoint is missing');
  return { oldSize, proof, note };
}

/** The checkpoint text of a note: before the last blank line, or the whole of an unsigned one. */
function checkpointText(note: string): { text: string; signed: boolean } {
  try {
    return { text: splitNote(note).text, signed: true };
  } catch (err) {
    // A checkpoint sent without any signature is not malformed but unsigned: 403.
    if (!note.includes('\n\n')) return { text: note, signed: false };
    if (err instanceof NoteError) return bad(err.message);
    throw err;
  }
}

/**
 * The spec's checks, in its order. `logs` are the log keys this witness trusts (key name
 * = origin); `latest(origin)` is the state it last persisted for that origin, or null.
 * Returns the checkpoint to cosign; throws WitnessRefusal with the spec's status.
 */
export function checkAddCheckpoint(request: AddCheckpointRequest, logs: Verifier[], latest: (origin: string) => WitnessedState | null): AcceptedCheckpoint {
  const { text, signed } = checkpointText(request.note);
  // The origin is the first line; the log's key is found by it before anything else is
  // believed, so that unknown and unsigned checkpoints get 404 and 403 whatever they hold.
  const origin = text.slice(0, Math.max(0, text.indexOf('\n')));
  const keys = logs.filter((v) => v.name === origin);
  if (keys.length === 0) throw new WitnessRefusal(404, `this witness does not know the log ${JSON.stringify(origin)}`);
  if (!signed) throw new WitnessRefusal(403, 'the checkpoint carries no signature');
  try {
    openNote(request.note, keys);
  } catch (err) {
    if (err instanceof NoteError && err.code === 'malformed') bad(err.message);
    throw new WitnessRefusal(403, `the checkpoint is not signed by the log's key: ${(err as Error).message}`);
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (err) {
    // Size 0 with another root is the spec's 422, not a syntax error.
    if (/size 0 but its root/.test((err as Error).message)) throw new WitnessRefusal(422, (err as Error).message);
    return bad(`the checkpoint: ${(err as Error).message}`);
  }
  const { oldSize, proof } = request;
  if (oldSize > checkpoint.size) throw new WitnessRefusal(400, `old size ${oldSize} is larger than the checkpoint's size ${checkpoint.size}`);
  const state = latest(checkpoint.origin);
  const known = state?.size ?? 0;
  if (oldSize !== known) throw new WitnessRefusal(409, `old size ${oldSize} is not the size this witness last cosigned (${known})`, known);
  // (A size-0 checkpoint with another root was refused with 422 by parseCheckpoint above.)
  if (oldSize === 0) {
    if (proof.length !== 0) throw new WitnessRefusal(422, 'from size 0 the consistency proof must be empty');
    return { checkpoint, text };
  }
  const oldRoot = state!.rootHash;
  if (oldSize === checkpoint.size) {
    if (proof.length !== 0 || !bytesEqual(oldRoot, checkpoint.rootHash)) {
      throw new WitnessRefusal(422, `the checkpoint has the size ${oldSize} this witness cosigned but a different root: the log forked`);
    }
    return { checkpoint, text };
  }
  if (!verifyConsistency(oldSize, checkpoint.size, proof, oldRoot, checkpoint.rootHash)) {
    throw new WitnessRefusal(422, `the consistency proof from size ${oldSize} to ${checkpoint.size} does not verify against the tree this witness cosigned`);
  }
  return { checkpoint, text };
}

/** One cosignature line for an accepted checkpoint; the time is whole seconds, never 0. */
export function cosignAccepted(accepted: AcceptedCheckpoint, cosigner: Signer, nowMs: number): string {
  return cosignCheckpoint(accepted.text, cosigner, Math.max(1, Math.floor(nowMs / 1000)));
}
