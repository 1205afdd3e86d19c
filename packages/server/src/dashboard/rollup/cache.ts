import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/index.ts';
import { catchUp } from './upkeep.ts';

/**
 * Reading the aggregates current: each read carries the cursor and the log's head as
 * columns, so that one statement both answers and says whether it was stale (then the
 * aggregates catch up and it is read again). Apart from reads.ts because the remembered
 * answers are state of their own (per database handle), with their own rule for when they
 * are still good.
 */
type Db = Kysely<Database>;
type Frag = RawBuilder<unknown>;

const n = (v: unknown) => Number(v ?? 0);

/** The cursor and the log's head, as columns of a read: stale when an entry is past the cursor. */
export const FRESHNESS = sql`(select log_index from dashboard_cursor where id = 1) as rollup_cursor, (select max(idx) from log_entries) as log_head`;
const stale = (row: { rollup_cursor: unknown; log_head: unknown }) =>
  n(row.rollup_cursor) < 0 || (row.log_head !== null && n(row.log_head) >= n(row.rollup_cursor));

/**
 * Reads one statement over the aggregates (one snapshot, one round trip); when the log has
 * entries past the cursor, catches up (in a transaction of its own, never inside another:
 * PGlite has one connection) and reads again.
 */
export async function current<T extends { rollup_cursor: unknown; log_head: unknown }>(db: Db, query: Frag): Promise<T> {
  const row = (await sql<T>`${query}`.execute(db)).rows[0];
  if (!stale(row)) return row;
  await db.transaction().execute((tx) => catchUp(tx));
  return (await sql<T>`${query}`.execute(db)).rows[0];
}

/** Answers remembered per database handle, with the aggregates' state they were read at. */
const REMEMBERED_MAX = 512;
const remembered = new WeakMap<Db, Map<string, { state: string; row: unknown }>>();
const stateOf = (row: { rollup_cursor: unknown; log_head: unknown }) => `${n(row.rollup_cursor)}:${row.log_head === null ? '' : n(row.log_head)}`;

/**
 * current() for figures that depend on nothing but the aggregates (no clock): the answer of
 * an identical statement is remembered with the aggregates' state it was read at (the
 * cursor and the log's head), and given again while one small query finds that state
 * unchanged. Any entry appended or taken in since, by this process or another, changes the
 * state and the figures are read afresh. Many readers open the same map view.
 */
export async function currentRemembered<T extends { rollup_cursor: unknown; log_head: unknown }>(db: Db, query: Frag): Promise<T> {
  const compiled = query.compile(db);
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  let cache = remembered.get(db);
  if (!cache) remembered.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    const now = (await sql<{ rollup_cursor: unknown; log_head: unknown }>`select ${FRESHNESS}`.execute(db)).rows[0];
    if (!stale(now) && stateOf(now) === hit.state) return hit.row as T;
  }
  const row = await current<T>(db, query);
  if (!stale(row)) {
    if (cache.size >= REMEMBERED_MAX) cache.clear();
    cache.set(key, { state: stateOf(row), row });
  }
  return row;
}
