import { formatProof, fromBase64 } from '@truce/core/log/index';
import { servedCheckpoint } from '../cosigning/index.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import { readEntries } from './entries.ts';
import { inclusionProof } from './proofs.ts';
import * as store from './store.ts';

/**
 * Receipts (issue 14): a c2sp.org/tlog-proof@v1 file for one entry, against the checkpoint
 * served at /log/checkpoint, with the entry's bytes in the `extra` line so that the file
 * alone, with the policy, proves the entry is in the record.
 */
export type Receipt = { ready: true; text: string } | { ready: false };

export async function receiptFor(ctx: AppContext, index: number): Promise<Receipt> {
  // The checkpoint /log/checkpoint serves: with witnesses, the newest one the quorum cosigned.
  const checkpoint = await servedCheckpoint(ctx);
  if (index >= checkpoint.size || !checkpoint.quorumMet) {
    // An entry in the tree but not yet under a cosigned checkpoint, or committed but not
    // yet sequenced, will be covered later: the caller may come back. Past those, there is no such entry.
    const [size, pending] = await Promise.all([store.logSize(ctx.db), store.unsequencedCount(ctx.db)]);
    if (index < size + pending) return { ready: false };
    throw notFound(`There is no entry ${index}: the record has ${size} entries.`);
  }
  const [row] = await readEntries(ctx, index, 1);
  if (!row) throw notFound(`There is no entry ${index}.`);
  const path = (await inclusionProof(ctx, index, checkpoint.size)).map(fromBase64);
  return { ready: true, text: formatProof({ extra: row.body, index, path, checkpoint: checkpoint.note }) };
}
