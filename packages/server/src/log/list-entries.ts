import { leafHash, toBase64 } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors/index.ts';
import type { LogEntries, LogEntryDetail, LoggedEntry } from './schema.ts';
import { currentCheckpoint } from './checkpoints.ts';
import { readEntries } from './entries.ts';
import { inclusionProof } from './proofs.ts';
import * as store from './store.ts';

/** Entries of the record: `limit` (at most 500) from `from`, or the newest ones, newest first, when `from` is not given. */
export async function listEntries(ctx: AppContext, query: { from?: string; limit?: string }): Promise<LogEntries> {
  const size = await store.logSize(ctx.db);
  const limit = Math.min(Number(query.limit ?? 50), 500);
  if (limit < 1) throw badRequest('limit must be at least 1', [{ path: '/query/limit', message: 'must be from 1 to 500' }]);
  const from = query.from !== undefined ? Number(query.from) : Math.max(0, size - limit);
  const rows = await readEntries(ctx, from, limit);
  const entries = rows.map((r) => ({ index: r.index, entry: parseEntry(r.body), leafHash: toBase64(leafHash(r.body)) }));
  if (query.from === undefined) entries.reverse();
  return { size, entries };
}

/** One entry, its bytes and its inclusion proof against the latest checkpoint. */
export async function getEntry(ctx: AppContext, index: number): Promise<LogEntryDetail> {
  const checkpoint = await currentCheckpoint(ctx);
  if (index >= checkpoint.size) throw notFound(`There is no entry ${index}: the record has ${checkpoint.size} entries.`);
  const [row] = await readEntries(ctx, index, 1);
  return {
    index,
    entry: parseEntry(row.body),
    entryBase64: toBase64(row.body),
    leafHash: toBase64(leafHash(row.body)),
    checkpoint: checkpoint.note,
    treeSize: checkpoint.size,
    proof: await inclusionProof(ctx, index, checkpoint.size),
  };
}

/** Entries are our own canonical JSON; one that no longer parses is shown as damaged, not hidden. */
function parseEntry(body: Uint8Array): LoggedEntry {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { damaged: true };
  }
}
