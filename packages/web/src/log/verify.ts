import { fromBase64, leafHash, openNote, parseCheckpoint, parseVerifierKey, toBase64, verifyConsistency, verifyInclusion } from './logCore.ts';
import type { SeenCheckpoint } from './storage.ts';

/**
 * Checking the record in the browser (C9), as pure steps over what the server sent and
 * what this browser remembers. Nothing here trusts the server's own verdict: signatures
 * and proofs are recomputed with the core package.
 */

export type KeyState = 'first-use' | 'pinned' | 'changed';

export type Consistency =
  /** This browser has seen no checkpoint of this record before. */
  | { kind: 'first' }
  /** The same tree as the one seen before. */
  | { kind: 'same'; previous: SeenCheckpoint }
  /** A larger tree that contains the one seen before (consistency proof checked). */
  | { kind: 'consistent'; previous: SeenCheckpoint }
  /** The record was rewritten, shrank, forked, or is another log. */
  | { kind: 'inconsistent'; previous: SeenCheckpoint; reason: 'proof' | 'shrunk' | 'fork' | 'origin' | 'error'; message?: string };

export interface CheckpointSummary {
  origin: string;
  size: number;
  /** base64 */
  rootHash: string;
}

export interface CheckpointCheck {
  state: 'verified' | 'failed';
  key: { state: KeyState; pinned: string; served: string };
  signature: 'valid' | 'invalid';
  signatureError?: string;
  checkpoint?: CheckpointSummary;
  consistency?: Consistency;
  note: string;
}

export interface CheckpointInput {
  note: string;
  servedKey: string;
  pinnedKey: string | null;
  previous: SeenCheckpoint | null;
  /** The consistency proof between two tree sizes, base64 hashes. */
  consistencyProof(first: number, second: number): Promise<string[]>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function checkCheckpoint(input: CheckpointInput): Promise<CheckpointCheck> {
  const served = input.servedKey.trim();
  const pinned = input.pinnedKey?.trim() || served;
  const keyState: KeyState = !input.pinnedKey ? 'first-use' : pinned === served ? 'pinned' : 'changed';
  const key = { state: keyState, pinned, served };
  const failed = (extra: Partial<CheckpointCheck>): CheckpointCheck => ({ state: 'failed', key, signature: 'invalid', note: input.note, ...extra });

  // The signature is checked with the key this browser pinned, never with a new one the server offers.
  let summary: CheckpointSummary;
  let root: Uint8Array;
  try {
    const verifier = parseVerifierKey(pinned);
    const opened = openNote(input.note, [verifier]);
    const parsed = parseCheckpoint(opened.text);
    root = parsed.rootHash;
    summary = { origin: parsed.origin, size: parsed.size, rootHash: toBase64(parsed.rootHash) };
  } catch (err) {
    return failed({ signatureError: message(err) });
  }

  const consistency = await checkConsistency(input, summary, root);
  const ok = keyState !== 'changed' && (consistency.kind === 'first' || consistency.kind === 'same' || consistency.kind === 'consistent');
  return { state: ok ? 'verified' : 'failed', key, signature: 'valid', checkpoint: summary, consistency, note: input.note };
}

async function checkConsistency(input: CheckpointInput, now: CheckpointSummary, root: Uint8Array): Promise<Consistency> {
  const previous = input.previous;
  if (!previous) return { kind: 'first' };
  if (previous.origin !== now.origin) return { kind: 'inconsistent', previous, reason: 'origin' };
  if (previous.size > now.size) return { kind: 'inconsistent', previous, reason: 'shrunk' };
  if (previous.size === now.size) {
    return previous.rootHash === now.rootHash ? { kind: 'same', previous } : { kind: 'inconsistent', previous, reason: 'fork' };
  }
  try {
    const proof = (await input.consistencyProof(previous.size, now.size)).map(fromBase64);
    const ok = verifyConsistency(previous.size, now.size, proof, fromBase64(previous.rootHash), root);
    return ok ? { kind: 'consistent', previous } : { kind: 'inconsistent', previous, reason: 'proof' };
  } catch (err) {
    return { kind: 'inconsistent', previous, reason: 'error', message: message(err) };
  }
}

/** What this browser should remember after a check: only a verified checkpoint. */
export function toSeen(check: CheckpointCheck, now = new Date()): SeenCheckpoint | null {
  if (check.state !== 'verified' || !check.checkpoint) return null;
  return { note: check.note, ...check.checkpoint, seenAt: now.toISOString() };
}

export type InclusionResult =
  | { state: 'included'; size: number; entry: unknown }
  | { state: 'not-included'; size: number; reason: 'proof' | 'content' | 'error'; message?: string }
  /** The entry is newer than the verified checkpoint: check the checkpoint again first. */
  | { state: 'newer'; size: number };

export interface InclusionInput {
  index: number;
  /** The entry as listed (what the user is looking at). */
  shown: unknown;
  /** The entry's bytes, base64, from /api/log/entries/:index. */
  entryBase64: string;
  /** A proof served with the entry, and the checkpoint it is for, if any. */
  servedProof?: { proof: string[]; checkpoint: string };
  /** The checkpoint this browser verified. */
  verified: CheckpointSummary;
  pinnedKey: string;
  inclusionProof(index: number, size: number): Promise<string[]>;
}

/**
 * Is this entry in the tree of the verified checkpoint? Hashes the entry's bytes as a leaf
 * and checks the inclusion proof against the verified root; also checks that the entry
 * shown is the entry proven.
 */
export async function checkInclusion(input: InclusionInput): Promise<InclusionResult> {
  const size = input.verified.size;
  if (input.index >= size) return { state: 'newer', size };
  try {
    const bytes = fromBase64(input.entryBase64);
    const proven: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (!sameJson(proven, input.shown)) return { state: 'not-included', size, reason: 'content' };
    let proof: string[] | null = null;
    if (input.servedProof) {
      try {
        const served = parseCheckpoint(openNote(input.servedProof.checkpoint, [parseVerifierKey(input.pinnedKey)]).text);
        if (served.size === size && toBase64(served.rootHash) === input.verified.rootHash) proof = input.servedProof.proof;
      } catch {
        /* not signed by the pinned key: ask for a proof against the verified checkpoint instead */
      }
    }
    proof ??= await input.inclusionProof(input.index, size);
    const ok = verifyInclusion(leafHash(bytes), input.index, size, proof.map(fromBase64), fromBase64(input.verified.rootHash));
    return ok ? { state: 'included', size, entry: proven } : { state: 'not-included', size, reason: 'proof' };
  } catch (err) {
    return { state: 'not-included', size, reason: 'error', message: message(err) };
  }
}

/** Structural equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  const bk = Object.keys(bo);
  return ak.length === bk.length && ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && sameJson(ao[k], bo[k]));
}
