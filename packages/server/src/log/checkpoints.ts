import { formatCheckpoint, hashFromNodes, signNote, subtreeNodes } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import * as store from './store.ts';

/** The log's signed checkpoints (C9): one per tree size, signed once and kept. */

export interface SignedCheckpoint {
  size: number;
  root: Uint8Array;
  note: string;
}

async function origin(ctx: AppContext): Promise<string> {
  const mechanism = await ctx.db.selectFrom('mechanism').select('log_origin').executeTakeFirst();
  if (!mechanism) throw notFound('The record starts when the mechanism is set up.');
  return mechanism.log_origin;
}

export async function verifierKey(ctx: AppContext): Promise<string> {
  return ctx.keyring.verifierKey(await origin(ctx));
}

/**
 * The signed checkpoint for the current tree. A checkpoint is signed once per tree size
 * and stored, so the log never signs two different checkpoints for one size.
 */
export async function currentCheckpoint(ctx: AppContext): Promise<SignedCheckpoint> {
  return checkpointFor(ctx, await store.logSize(ctx.db));
}

/**
 * The signed checkpoint of the tree at a size the log has reached (signed and stored now
 * if it never was): for a reader that took the size in a snapshot of its own (publications).
 */
export async function checkpointFor(ctx: AppContext, size: number): Promise<SignedCheckpoint> {
  const logOrigin = await origin(ctx);
  const existing = await store.checkpointAt(ctx.db, size);
  if (existing) return { size, root: new Uint8Array(existing.root), note: existing.note };

  const root = await rangeHash(ctx, 0, size);
  const signer = ctx.keyring.signerFor(logOrigin);
  const note = signNote(formatCheckpoint({ origin: logOrigin, size, rootHash: root }), signer);
  await store.insertCheckpoint(ctx.db, size, root, note);
  const stored = await store.checkpointAt(ctx.db, size);
  return { size, root, note: stored?.note ?? note };
}

/** The size of the newest checkpoint signed so far (null before the first): how far cosigning may lag. */
export async function newestCheckpointSize(ctx: AppContext): Promise<number | null> {
  return store.newestCheckpointSize(ctx.db);
}

async function rangeHash(ctx: AppContext, start: number, end: number): Promise<Uint8Array> {
  const nodes = subtreeNodes(start, end);
  const get = await store.getNodes(ctx.db, nodes);
  return hashFromNodes(start, end, get);
}
