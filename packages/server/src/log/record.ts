import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { commitment, encodeEntry, leafHash, nodeHash, nodesCompletedByAppend, childrenOf } from '@truce/core/log/index';
import type { Database } from '../db/schema.ts';

/**
 * What a state change writes to the record (C9). `data` holds public fields only;
 * anything personal or confidential goes in `sealed`, which enters the entry as a salted
 * SHA-256 commitment per field (the salt stays in log_salts, outside the public log).
 */
export interface LogEvent {
  type: string;
  actor: { organisation: string; user: string } | null;
  subject: Record<string, string>;
  data?: Record<string, unknown>;
  sealed?: Record<string, unknown>;
}

/** An entry bundle stores each entry behind a u16 length, so an entry is at most 65535 bytes. */
export const MAX_ENTRY_BYTES = 65_535;

/**
 * Appends one entry to the log inside the caller's transaction (STYLE #7): the entry
 * and the domain rows commit or roll back together. The head row lock serialises
 * appends, so indexes have no gaps and follow commit order. Returns the entry's index.
 */
export async function record(tx: Kysely<Database>, event: LogEvent): Promise<number> {
  const head = await tx.selectFrom('log_head').select('size').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const index = head.size;

  const salts: { field: string; salt: Uint8Array }[] = [];
  const commitments: Record<string, string> = {};
  for (const [field, value] of Object.entries(event.sealed ?? {})) {
    if (value === undefined) continue;
    const salt = new Uint8Array(randomBytes(32));
    salts.push({ field, salt });
    commitments[field] = commitment(salt, value);
  }
  const body = encodeEntry({
    type: event.type,
    time: new Date().toISOString(),
    actor: event.actor,
    subject: event.subject,
    data: event.data ?? {},
    commitments,
  });
  if (body.length > MAX_ENTRY_BYTES) {
    throw new Error(`log entry of type ${event.type} is ${body.length} bytes, more than ${MAX_ENTRY_BYTES}`);
  }

  await tx.insertInto('log_entries').values({ idx: index, body, created_at: new Date() }).execute();
  await storeNodes(tx, index, leafHash(body));
  if (salts.length > 0) {
    await tx
      .insertInto('log_salts')
      .values(salts.map((s) => ({ entry_idx: index, field: s.field, salt: s.salt })))
      .execute();
  }
  await tx.updateTable('log_head').set({ size: index + 1 }).where('id', '=', 1).execute();
  return index;
}

/**
 * Stores the leaf hash and every subtree the new leaf completes. Each completed node's
 * right child is the node completed just before it (or the leaf); its left child was
 * stored earlier and is read in one query.
 */
async function storeNodes(tx: Kysely<Database>, index: number, leaf: Uint8Array): Promise<void> {
  const completed = nodesCompletedByAppend(index);
  const rows = [{ level: 0, idx: index, hash: leaf }];
  if (completed.length > 0) {
    const lefts = completed.map((node) => childrenOf(node)[0]);
    const found = await tx
      .selectFrom('log_nodes')
      .select(['level', 'idx', 'hash'])
      .where((eb) => eb.or(lefts.map((n) => eb.and([eb('level', '=', n.level), eb('idx', '=', n.index)]))))
      .execute();
    const byKey = new Map(found.map((r) => [`${r.level}/${r.idx}`, r.hash]));
    let right = leaf;
    for (const node of completed) {
      const [left] = childrenOf(node);
      const leftHash = byKey.get(`${left.level}/${left.index}`);
      if (!leftHash) throw new Error(`log node ${left.level}/${left.index} is missing`);
      right = nodeHash(new Uint8Array(leftHash), right);
      rows.push({ level: node.level, idx: node.index, hash: right });
    }
  }
  await tx.insertInto('log_nodes').values(rows).execute();
}
