import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/index.ts';
import {
  addDaily,
  addMap,
  addOpenDaily,
  addPairs,
  DAILY,
  DAILY_COLUMNS,
  dailyOf,
  freshOpen,
  freshReports,
  type Kept,
  keyOf,
  MAP,
  MAP_COLUMNS,
  mapMonthlyOf,
  OPEN_COLUMNS,
  OPEN_DAILY,
  OPEN_DAILY_COLUMNS,
  openDailyOf,
  PAIR_COLUMNS,
  PAIRS,
  pairsOf,
} from './sql.ts';

/**
 * Keeping the dashboard's maintained aggregates (migration 0014) exact from the log: the
 * writes never touch them, this catches them up afterwards (reads first, loop.ts between).
 *
 * A durable cursor over the log (dashboard_cursor, like the notification processor's) says
 * which entries are reflected. Catching up reads the report.*, incident.* and finding.*
 * entries past it, takes every report and incident they name, closes that set over
 * memberships old (as counted) and new, then for those: subtracts what they counted for
 * (dashboard_reports, dashboard_open: the rows as they were counted), recomputes those rows
 * from the tables, and adds them. Recomputing is idempotent, so an entry seen twice, or a
 * change already counted by a rebuild, does no harm. Entries get their index only after
 * they commit (log/sequencer.ts) and a write request answers only after its entry has one,
 * so a dashboard read that first catches up sees every change its reader was told of.
 */
type Db = Kysely<Database>;
type Frag = RawBuilder<unknown>;

const BATCH = 2000;

const idList = (ids: Iterable<string>) => sql`string_to_array(${[...ids].join(',')}::text, ',')::uuid[]`;

/**
 * What places a counted report on the map, as one text (its month, place, sealing, filer,
 * type, parties and verification: the rows of map_monthly it counts in follow from these),
 * and the (month, fine square) pairs of its place, exact and rounded, as "month,key" strings.
 */
async function placesOf(tx: Db, reports: Frag): Promise<Map<string, { key: string; squares: string[] }>> {
  const { rows } = await sql<{ id: string; key: string; month: string | null; leaf: string | null; leaf_shown: string | null }>`
    select d.report_id::text as id, to_char(date_trunc('month', d.occurred_at at time zone 'UTC'), 'YYYY-MM-DD') as month, d.leaf::text, d.leaf_shown::text,
           concat_ws('|', d.occurred_at is null, date_trunc('month', d.occurred_at at time zone 'UTC'), d.lat, d.lon, d.location_sealed, d.leaf, d.leaf_shown,
                     d.reporter_org, d.type_code, d.alleged, d.affected_party, d.verification) as key
    from dashboard_reports d where d.report_id = any(${reports})`.execute(tx);
  return new Map(
    rows.map((r) => [r.id, { key: r.key, squares: r.month === null ? [] : [r.leaf, r.leaf_shown].filter((k) => k !== null).map((k) => `${r.month},${k}`) }]),
  );
}

/** Recounts map_monthly over these (month, fine square) pairs from dashboard_reports: every scope, sealing and filter at once. */
async function recountSquares(tx: Db, squares: Set<string>): Promise<void> {
  if (squares.size === 0) return;
  const list = [...squares];
  const pairs = sql`select * from unnest(string_to_array(${list.map((x) => x.split(',')[0]).join(',')}::text, ',')::date[],
                                         string_to_array(${list.map((x) => x.split(',')[1]).join(',')}::text, ',')::bigint[]) t(month, k)`;
  await sql`
    delete from map_monthly m using (${pairs}) t
    where m.month = t.month and m.gx = t.k / 16384 - 8192 and m.gy = t.k % 16384 - 8192`.execute(tx);
  const inMonth = sql`d.occurred_at >= (t.month::timestamp at time zone 'UTC') and d.occurred_at < ((t.month + interval '1 month') at time zone 'UTC')`;
  const src = sql`
    select d.* from (${pairs}) t join dashboard_reports d on d.leaf = t.k and ${inMonth}
    union select d.* from (${pairs}) t join dashboard_reports d on d.leaf_shown = t.k and ${inMonth}`;
  await sql`insert into map_monthly (${MAP_COLUMNS}) ${mapMonthlyOf(src, 1, pairs)}`.execute(tx);
}

/**
 * Rows counted down to zero, found by key from the additions themselves (RETURNING) and
 * deleted at the end of a refresh if still at zero. Not by an index on the count: an index
 * naming the count would stop PostgreSQL from updating rows in place (migration 0024).
 */
class Zeros {
  private keys = new Map<Kept, Record<string, unknown>[]>();

  /** Runs one of the add* upserts, noting the rows it left at zero. */
  async add(tx: Db, kept: Kept, upsert: Frag): Promise<void> {
    const cols = keyOf(kept);
    const { rows } = await sql<Record<string, unknown>>`
      with up as (${upsert} returning ${cols}, ${sql.ref(kept.count)} as left_count) select ${cols} from up where left_count = 0`.execute(tx);
    if (rows.length > 0) this.keys.set(kept, [...(this.keys.get(kept) ?? []), ...rows]);
  }

  /** Deletes the noted rows that are still at zero (a later addition may have brought one back). */
  async delete(tx: Db): Promise<void> {
    for (const [kept, keys] of this.keys) {
      const defs = sql.join(kept.key.map(([c, type]) => sql`${sql.ref(c)} ${sql.raw(type)}`));
      const match = sql.join(
        kept.key.map(([c]) => sql`${sql.ref(`t.${c}`)} = ${sql.ref(`k.${c}`)}`),
        sql` and `,
      );
      await sql`delete from ${sql.table(kept.table)} as t using jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(${defs})
        where ${match} and ${sql.ref(`t.${kept.count}`)} = 0`.execute(tx);
    }
    this.keys.clear();
  }
}

/** Everything from the tables: the first catch-up after the migration, or after a bulk load (bench). */
export async function rebuild(tx: Db): Promise<void> {
  const { next } = (await sql<{ next: string | number }>`select coalesce(max(idx), -1) + 1 as next from log_entries`.execute(tx)).rows[0];
  await sql`delete from dashboard_reports; delete from dashboard_daily; delete from dashboard_incident_pairs; delete from dashboard_open; delete from dashboard_open_daily; delete from map_monthly`.execute(
    tx,
  );
  await sql`select set_config('work_mem', '256MB', true)`.execute(tx);
  await sql`insert into dashboard_reports ${freshReports(sql`true`)}`.execute(tx);
  await sql`analyze dashboard_reports`.execute(tx);
  await sql`insert into dashboard_daily (${DAILY_COLUMNS}) ${dailyOf(sql`select * from dashboard_reports`, 1)}`.execute(tx);
  await sql`insert into dashboard_incident_pairs (${PAIR_COLUMNS}) ${pairsOf(sql`select * from dashboard_reports`, 1)}`.execute(tx);
  await sql`insert into map_monthly (${MAP_COLUMNS}) ${mapMonthlyOf(sql`select * from dashboard_reports`, 1)}`.execute(tx);
  await sql`insert into dashboard_open (${OPEN_COLUMNS}) ${freshOpen(sql`true`)}`.execute(tx);
  await sql`insert into dashboard_open_daily (${OPEN_DAILY_COLUMNS}) ${openDailyOf(sql`select * from dashboard_open`, 1)}`.execute(tx);
  await sql`update dashboard_cursor set log_index = ${Number(next)} where id = 1`.execute(tx);
}

/** Recounts these reports and incidents, and every report and incident they share a membership with (old or new). */
export async function refresh(tx: Db, reportIds: Iterable<string>, incidentIds: Iterable<string>): Promise<void> {
  const reports = new Set(reportIds);
  const incidents = new Set(incidentIds);
  if (reports.size === 0 && incidents.size === 0) return;
  for (let round = 0; round < 20; round++) {
    const { rows } = await sql<{ kind: 'r' | 'i'; id: string }>`
      select 'r' as kind, report_id::text as id from dashboard_reports where incident_id = any(${idList(incidents)})
      union select 'r', report_id::text from incident_reports where incident_id = any(${idList(incidents)}) and removed_at is null
      union select 'i', incident_id::text from dashboard_reports where report_id = any(${idList(reports)}) and incident_id is not null
      union select 'i', incident_id::text from incident_reports where report_id = any(${idList(reports)}) and removed_at is null
    `.execute(tx);
    const before = reports.size + incidents.size;
    for (const r of rows) (r.kind === 'r' ? reports : incidents).add(r.id);
    if (reports.size + incidents.size === before) break;
  }
  const r = idList(reports);
  const i = idList(incidents);
  const counted = sql`select * from dashboard_reports where report_id = any(${r})`;
  const zeros = new Zeros();
  const before = await placesOf(tx, r);
  await zeros.add(tx, DAILY, addDaily(dailyOf(counted, -1)));
  await zeros.add(tx, PAIRS, addPairs(pairsOf(counted, -1)));
  await zeros.add(tx, MAP, addMap(mapMonthlyOf(counted, -1)));
  await sql`delete from dashboard_reports where report_id = any(${r})`.execute(tx);
  await sql`insert into dashboard_reports ${freshReports(sql`r.id = any(${r})`)}`.execute(tx);
  await zeros.add(tx, DAILY, addDaily(dailyOf(counted, 1)));
  await zeros.add(tx, PAIRS, addPairs(pairsOf(counted, 1)));
  await zeros.add(tx, MAP, addMap(mapMonthlyOf(counted, 1)));
  // A report that left map cells (moved, withdrawn, re-typed, a new finding…) may have been on
  // their extent's edge: the squares it was in are recounted whole. A report counted again
  // unchanged (a new report joining its incident, say) comes back to the same cells.
  const after = await placesOf(tx, r);
  const left = new Set<string>();
  for (const [id, was] of before) if (after.get(id)?.key !== was.key) for (const sq of was.squares) left.add(sq);
  await recountSquares(tx, left);

  if (incidents.size > 0) {
    const open = sql`select * from dashboard_open where incident_id = any(${i})`;
    await zeros.add(tx, OPEN_DAILY, addOpenDaily(openDailyOf(open, -1)));
    await sql`delete from dashboard_open where incident_id = any(${i})`.execute(tx);
    await sql`insert into dashboard_open (${OPEN_COLUMNS}) ${freshOpen(sql`i.id = any(${i})`)}`.execute(tx);
    await zeros.add(tx, OPEN_DAILY, addOpenDaily(openDailyOf(open, 1)));
  }
  await zeros.delete(tx);
}

interface Entry {
  type?: string;
  subject?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/** Brings the aggregates up to the log's head, in the caller's transaction (which holds the cursor's lock meanwhile). */
export async function catchUp(tx: Db, maxEntries = Infinity): Promise<number> {
  const row = (await sql<{ log_index: string | number }>`select log_index from dashboard_cursor where id = 1 for update`.execute(tx)).rows[0];
  let cursor = Number(row.log_index);
  // Set-based statements over many rows: JIT compiling them costs more than it saves (as for reads, store.READ_SETTINGS).
  await sql`select set_config('jit', 'off', true)`.execute(tx);
  if (cursor < 0) {
    await rebuild(tx);
    return -1;
  }
  let seen = 0;
  for (;;) {
    const batch = Math.min(BATCH, maxEntries - seen);
    if (batch <= 0) break;
    const { rows } = await sql<{
      idx: string | number;
      body: Uint8Array;
    }>`select idx, body from log_entries where idx >= ${cursor} order by idx limit ${batch}`.execute(tx);
    if (rows.length === 0) break;
    const reports = new Set<string>();
    const incidents = new Set<string>();
    const decoder = new TextDecoder();
    for (const r of rows) {
      let entry: Entry;
      try {
        entry = JSON.parse(decoder.decode(r.body)) as Entry;
      } catch {
        continue; // a damaged entry is for `truce verify` to report
      }
      const type = entry.type ?? '';
      if (!/^(report|incident|finding)\./.test(type)) continue;
      const s = entry.subject ?? {};
      if (typeof s.report === 'string') reports.add(s.report);
      for (const k of ['incident', 'merged']) if (typeof s[k] === 'string') incidents.add(s[k] as string);
      const listed = entry.data?.reports;
      if (Array.isArray(listed)) for (const id of listed) if (typeof id === 'string') reports.add(id);
    }
    await refresh(tx, reports, incidents);
    seen += rows.length;
    cursor = Number(rows[rows.length - 1].idx) + 1;
    await sql`update dashboard_cursor set log_index = ${cursor} where id = 1`.execute(tx);
    if (rows.length < batch) break;
  }
  return seen;
}

/**
 * Makes the aggregates current before a read: one cheap look when nothing is new, else a
 * catch-up in a transaction of its own (never inside another: PGlite has one connection).
 */
export async function ensureCurrent(db: Db): Promise<void> {
  if (await behind(db)) await db.transaction().execute((tx) => catchUp(tx));
}

/** Whether the log has entries the aggregates have not taken in (or they are still to be built): one cheap look. */
export async function behind(db: Db): Promise<boolean> {
  const row = (
    await sql<{ cursor: string | number; head: string | number | null }>`
    select (select log_index from dashboard_cursor where id = 1) as cursor, (select max(idx) from log_entries) as head`.execute(db)
  ).rows[0];
  const cursor = Number(row.cursor);
  return cursor < 0 || (row.head !== null && Number(row.head) >= cursor);
}
