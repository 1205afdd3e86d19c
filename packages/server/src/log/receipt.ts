import { formatProof, fromBase64, logOnlyPolicy } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/problem.ts';
import * as log from './service.ts';
import * as store from './store.ts';

/**
 * Receipts (issue 14): a c2sp.org/tlog-proof@v1 file for one entry, against the checkpoint
 * served at /log/checkpoint, with the entry's bytes in the `extra` line so that the file
 * alone, with the policy, proves the entry is in the record.
 */
export type Receipt = { ready: true; text: string } | { ready: false };

export async function receiptFor(ctx: AppContext, index: number): Promise<Receipt> {
  const checkpoint = await log.currentCheckpoint(ctx);
  if (index >= checkpoint.size) {
    // An entry already committed but not yet sequenced will be covered by a later
    // checkpoint: the caller may come back. Past those, there is no such entry.
    const pending = await store.unsequencedCount(ctx.db);
    if (index < checkpoint.size + pending) return { ready: false };
    throw notFound(`There is no entry ${index}: the record has ${checkpoint.size} entries.`);
  }
  const [row] = await log.readEntries(ctx, index, 1);
  if (!row) throw notFound(`There is no entry ${index}.`);
  const path = (await log.inclusionProof(ctx, index, checkpoint.size)).map(fromBase64);
  return { ready: true, text: formatProof({ extra: row.body, index, path, checkpoint: checkpoint.note }) };
}

/**
 * The c2sp.org/tlog-policy a verifier needs for this server's receipts while it has no
 * witnesses: its log key and `quorum none`. Kept apart so that the witnesses' policy
 * (witness lines, a guarantors group and its quorum) can replace it in one place.
 */
export async function servedPolicy(ctx: AppContext, baseUrl: string): Promise<string> {
  return logOnlyPolicy(await log.verifierKey(ctx), `${baseUrl.replace(/\/+$/, '')}/log/`);
}
