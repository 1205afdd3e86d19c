import { sql, type Kysely } from 'kysely';
import type { NodeId } from '@truce/core/log/index';
import type { Database } from '../db/index.ts';

/** All SQL that reads the record (STYLE #5). Appends live in record.ts. */

export async function logSize(db: Kysely<Database>): Promise<number> {
  const head = await db.selectFrom('log_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  return head.size;
}

/** Fetches stored subtree hashes; throws if one is missing (the store would be damaged). */
export async function getNodes(db: Kysely<Database>, nodes: NodeId[]): Promise<(n: NodeId) => Uint8Array> {
  const found = new Map<string, Uint8Array>();
  const unique = [...new Map(nodes.map((n) => [`${n.level}/${n.index}`, n])).values()];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db
      .selectFrom('log_nodes')
      .select(['level', 'idx', 'hash'])
      .where((eb) => eb.or(chunk.map((n) => eb.and([eb('level', '=', n.level), eb('idx', '=', n.index)]))))
      .execute();
    for (const row of rows) found.set(`${row.level}/${row.idx}`, new Uint8Array(row.hash));
  }
  return (n) => {
    const hash = found.get(`${n.level}/${n.index}`);
    if (!hash) throw new Error(`log node ${n.level}/${n.index} is missing`);
    return hash;
  };
}

/** Consecutive stored nodes of one level, for hash tiles. */
export async function nodeRange(db: Kysely<Database>, level: number, from: number, count: number): Promise<Uint8Array[]> {
  const rows = await db
    .selectFrom('log_nodes')
    .select(['idx', 'hash'])
    .where('level', '=', level)
    .where('idx', '>=', from)
    .where('idx', '<', from + count)
    .orderBy('idx')
    .execute();
  return rows.map((r) => new Uint8Array(r.hash));
}

export async function entryRange(db: Kysely<Database>, from: number, count: number) {
  return db
    .selectFrom('log_entries')
    .select(['idx', 'body', 'created_at'])
    .where('idx', '>=', from)
    .where('idx', '<', from + count)
    .orderBy('idx')
    .$narrowType<{ idx: number }>()
    .execute();
}

/**
 * At most `count` sequenced entries with `floor <= idx < before`, newest first, whose bytes
 * contain, for every group of `needles`, one of its byte strings. The needles only narrow
 * what is read (the caller checks each entry it lists): an entry is canonical JSON, so a
 * field such as `"type":"report.filed"` appears in its bytes exactly so.
 */
export async function entriesBelow(db: Kysely<Database>, q: { floor: number; before: number; count: number; needles: Uint8Array[][] }) {
  let query = db.selectFrom('log_entries').select(['idx', 'body']).where('idx', '>=', q.floor).where('idx', '<', q.before);
  for (const group of q.needles) {
    query = query.where((eb) => eb.or(group.map((needle) => sql<boolean>`position(${Buffer.from(needle)}::bytea in body) > 0`)));
  }
  const rows = await query.orderBy('idx', 'desc').limit(q.count).$narrowType<{ idx: number }>().execute();
  return rows.map((r) => ({ index: Number(r.idx), body: new Uint8Array(r.body) }));
}

export async function checkpointAt(db: Kysely<Database>, size: number) {
  return db.selectFrom('log_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
}

/** The size of the newest signed checkpoint; null before the first. */
export async function newestCheckpointSize(db: Kysely<Database>): Promise<number | null> {
  const row = await db.selectFrom('log_checkpoints').select('size').orderBy('size', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.size) : null;
}

export async function insertCheckpoint(db: Kysely<Database>, size: number, root: Uint8Array, note: string) {
  await db
    .insertInto('log_checkpoints')
    .values({ size, root, note, created_at: new Date() })
    .onConflict((oc) => oc.column('size').doNothing())
    .execute();
}

/** Entries committed but not yet given a place in the tree by the sequencer. */
export async function unsequencedCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('log_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('idx', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sequenced entries whose subject has `name: value` (log_entry_subjects), of the given types (any when none), oldest first. */
export async function entriesNaming(db: Kysely<Database>, name: string, value: string, types: string[], limit: number) {
  let query = db
    .selectFrom('log_entry_subjects as s')
    .innerJoin('log_entries as e', 'e.idx', 's.idx')
    .select(['s.idx', 'e.body'])
    .where('s.name', '=', name)
    .where('s.value', '=', value);
  if (types.length > 0) query = query.where('s.type', 'in', types);
  return query
    .orderBy('s.idx')
    .limit(limit)
    .$narrowType<{ idx: number }>()
    .execute()
    .then((rows) => rows.map((r) => ({ idx: Number(r.idx), body: new Uint8Array(r.body) })));
}
