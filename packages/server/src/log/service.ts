import {
  consistencyProof as buildConsistencyProof,
  consistencyProofRanges,
  formatCheckpoint,
  hashFromNodes,
  inclusionProof as buildInclusionProof,
  inclusionProofRanges,
  signNote,
  subtreeNodes,
  toBase64,
  type NodeId,
} from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors/index.ts';
import type { SubjectEntry } from './schema.ts';
import * as store from './store.ts';

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

async function nodesFor(ctx: AppContext, ranges: Array<[number, number]>) {
  const needed: NodeId[] = ranges.flatMap(([s, e]) => subtreeNodes(s, e));
  return store.getNodes(ctx.db, needed);
}

export async function inclusionProof(ctx: AppContext, index: number, treeSize: number): Promise<string[]> {
  const size = await store.logSize(ctx.db);
  if (treeSize > size)
    throw badRequest(`tree_size ${treeSize} is larger than the log (${size} entries)`, [{ path: '/query/tree_size', message: `must be at most ${size}` }]);
  if (index >= treeSize)
    throw badRequest(`index ${index} is not in a tree of size ${treeSize}`, [{ path: '/query/index', message: `must be less than tree_size (${treeSize})` }]);
  const get = await nodesFor(ctx, inclusionProofRanges(index, treeSize));
  return buildInclusionProof(index, treeSize, get).map(toBase64);
}

export async function consistencyProof(ctx: AppContext, first: number, second: number): Promise<string[]> {
  const size = await store.logSize(ctx.db);
  if (second > size)
    throw badRequest(`second ${second} is larger than the log (${size} entries)`, [{ path: '/query/second', message: `must be at most ${size}` }]);
  if (first > second) throw badRequest(`first ${first} is larger than second ${second}`, [{ path: '/query/first', message: 'must be at most second' }]);
  const get = await nodesFor(ctx, consistencyProofRanges(first, second));
  return buildConsistencyProof(first, second, get).map(toBase64);
}

export async function readEntries(ctx: AppContext, from: number, count: number) {
  const rows = await store.entryRange(ctx.db, from, count);
  return rows.map((r) => ({ index: r.idx, body: new Uint8Array(r.body) }));
}

/** How many entries naming one item are listed: an item's history is short; a list's can be long. */
const NAMING_LIMIT = 500;

/** The entries whose subject has `name: value` (of these types, if any), oldest first, with their type, time and whole subject. */
export async function entriesNaming(ctx: AppContext, name: string, value: string, types: string[] = []): Promise<SubjectEntry[]> {
  const rows = await store.entriesNaming(ctx.db, name, value, types, NAMING_LIMIT);
  return rows.map((r) => {
    let entry: { type?: unknown; time?: unknown; subject?: unknown } = {};
    try {
      entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.body));
    } catch {
      /* a damaged entry is still listed: the audit names it */
    }
    const subject = entry.subject && typeof entry.subject === 'object' ? (entry.subject as Record<string, unknown>) : {};
    return {
      index: r.idx,
      type: typeof entry.type === 'string' ? entry.type : '',
      time: typeof entry.time === 'string' ? entry.time : '',
      subject: Object.fromEntries(Object.entries(subject).filter((p): p is [string, string] => typeof p[1] === 'string')),
    };
  });
}
