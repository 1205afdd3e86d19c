import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.ts';
import * as store from './store.ts';
import type { Filter, Scope } from './store.ts';
import { startLoop, type LoopLog } from '../background/index.ts';

/**
 * The dashboard's maintained aggregates (migration 0014), kept exact from the log.
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
 *
 * Distinct incidents over a period, exactly, from daily rows: for one incident and one cell
 * (scope, type, alleged party, verification), let d1 < d2 < … be the distinct days it has a
 * report in that cell. The days inside a period are consecutive in that list, so the
 * incident is in the period iff (days inside) − (consecutive pairs both inside) = 1, and is
 * 0 otherwise. dashboard_daily.incidents sums the first per day, dashboard_incident_pairs
 * counts the pairs (d_k, d_k+1); the count is Σ incidents − Σ pairs inside the period.
 */
type Db = Kysely<Database>;
type Frag = RawBuilder<unknown>;

/** The organisation of the 'all' scope's rows. */
export const NIL = '00000000-0000-0000-0000-000000000000';
const BATCH = 2000;

const idList = (ids: Iterable<string>) => sql`string_to_array(${[...ids].join(',')}::text, ',')::uuid[]`;

/**
 * The map's fine grid (migration 0023): squares of 90 / 2^11 degrees (~5 km), aligned on 0°.
 * A map zoom z up to 11 bins on squares of 90 / 2^z degrees, each made of whole fine squares:
 * floor(x / (90/2^11)) is exactly 2^(11-z) · floor(x / (90/2^z)) + (0 … 2^(11-z) − 1) in
 * floating point too, since the two divisions differ by a power of two.
 */
export const MAP_LEAF_ZOOM = 11;
export const MAP_LEAF_DEGREES = 90 / 2 ** MAP_LEAF_ZOOM;
const LEAF = sql`${sql.lit(MAP_LEAF_DEGREES)}::float8`;
/** A fine square as one number (dashboard_reports.leaf): its column and row, offset to be positive. */
const leafKey = (lat: Frag, lon: Frag) => sql`((floor(${lon} / ${LEAF})::bigint + 8192) * 16384 + floor(${lat} / ${LEAF})::bigint + 8192)`;
const leafOf = (gx: Frag, gy: Frag) => sql`((${gx})::bigint + 8192) * 16384 + (${gy})::bigint + 8192`;
/** A sealed place as readers who may not see it are shown it (presentContent's roundedLocation, 0.1°). */
export const rounded = (x: Frag) => sql`floor(${x} * 10 + 0.5) / 10`;

/** Each live report as the dashboard counts it (the columns of dashboard_reports). */
const freshReports = (where: Frag) => sql`
  select r.id as report_id, ir.incident_id, (r.occurred_at at time zone 'UTC')::date as day, r.type_code,
         coalesce(r.alleged_party::text, '') as alleged, r.affected_party, r.reporter_org,
         coalesce(f.finding->>'verification', '') as verification, coalesce(r.adm1_pcode, '') as adm1,
         r.killed_civilian, r.killed_combatant, r.injured_civilian, r.injured_combatant,
         r.occurred_at, r.lat, r.lon, r.location_sealed, ${leafKey(sql`r.lat`, sql`r.lon`)} as leaf,
         case when r.location_sealed then ${leafKey(rounded(sql`r.lat`), rounded(sql`r.lon`))} end as leaf_shown
  from reports r
  left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
  left join incidents i on i.id = ir.incident_id
  left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null
  where r.withdrawn_at is null and ${where}`;

/**
 * The reader scopes a counted report (as `x`, with its filer's organisation as `o`) belongs
 * to, one row `v(scope, org)` each; a null org is a scope it is not in.
 */
const readerScopes = sql`join organisations o on o.id = x.reporter_org
  cross join lateral (values
    ('all', ${NIL}::uuid),
    ('filed', case when o.kind in ('monitor', 'facilitator') then x.reporter_org end),
    ('concerning', case when o.kind = 'party' then x.reporter_org end),
    ('concerning', case when x.alleged <> '' and (o.kind <> 'party' or x.alleged <> x.reporter_org::text) then x.alleged::uuid end),
    ('concerning', case when x.affected_party is not null and (o.kind <> 'party' or x.affected_party <> x.reporter_org) and x.affected_party::text <> x.alleged then x.affected_party end)
  ) v(scope, org)`;

/**
 * Counted reports (rows like dashboard_reports) once per reader scope that sees them: every
 * reader ('all'), the filer's organisation if it reads what it filed (monitors and
 * facilitators: 'filed') or what concerns it (parties: 'concerning'), and the accused and
 * affected parties ('concerning'); each organisation once.
 */
const viewed = (src: Frag) => sql`
  select v.scope, v.org, x.day, x.incident_id, x.type_code, x.alleged, x.verification, x.adm1,
         x.killed_civilian, x.killed_combatant, x.injured_civilian, x.injured_combatant
  from (${src}) x
  ${readerScopes}
  where v.org is not null`;

const DAILY_COLUMNS = sql`scope, org, dims, day, type_code, alleged, verification, adm1, reports, killed_civilian, killed_combatant, killed_unknown, injured_civilian, injured_combatant, injured_unknown, incidents`;
const PAIR_COLUMNS = sql`scope, org, dims, type_code, alleged, verification, day1, day2, n`;
const OPEN_COLUMNS = sql`incident_id, scope, org, reply_deadline, assessors, unreplied, disagree`;
const OPEN_DAILY_COLUMNS = sql`scope, org, day, assessors, incidents, unreplied, disagreements`;

/**
 * The daily rows these counted reports make, times sign, for the combinations of dimensions
 * the dashboard reads (dims bits: 1 type, 2 alleged party, 4 verification, 8 governorate; a
 * dimension left out reads '*'): every combination of type, party and verification (the
 * filters, and the by-week and by-party breakdowns), and governorate alone or with one of
 * them. Governorates under two filters or more are counted from the tables (perGovernorate).
 * Distinct incidents are only counted without governorate.
 */
const dailyOf = (src: Frag, sign: 1 | -1) => {
  const s = sql.lit(sign);
  const kept = (col: string, bit: number) => sql`case when grouping(${sql.ref(col)}) = 0 then ${sql.lit(bit)} else 0 end`;
  const cellCol = (col: string) => sql`case when grouping(${sql.ref(col)}) = 0 then ${sql.ref(col)} else '*' end`;
  const part = (sets: Frag, withAdm1: boolean) => sql`
    select scope, org, (${kept('type_code', 1)} + ${kept('alleged', 2)} + ${kept('verification', 4)} + ${withAdm1 ? sql`8` : sql`0`})::smallint, day,
           ${cellCol('type_code')}, ${cellCol('alleged')}, ${cellCol('verification')}, ${withAdm1 ? sql`adm1` : sql`'*'`},
           ${s} * count(*), ${s} * coalesce(sum(killed_civilian), 0), ${s} * coalesce(sum(killed_combatant), 0),
           ${s} * count(*) filter (where killed_civilian is null or killed_combatant is null),
           ${s} * coalesce(sum(injured_civilian), 0), ${s} * coalesce(sum(injured_combatant), 0),
           ${s} * count(*) filter (where injured_civilian is null or injured_combatant is null),
           ${withAdm1 ? sql`0` : sql`${s} * count(distinct incident_id)`}
    from viewed e
    group by scope, org, day, ${sets}`;
  return sql`
    with viewed as materialized (${viewed(src)})
    ${part(sql`cube(type_code, alleged, verification)`, false)}
    union all
    ${part(sql`adm1, grouping sets ((), (type_code), (alleged), (verification))`, true)}`;
};

const MAP_COLUMNS = sql`scope, org, dims, type_code, alleged, verification, month, hidden, gx, gy, reports, sum_lat, sum_lon, min_lat, max_lat, min_lon, max_lon`;

/**
 * The map_monthly rows these counted reports make: per reader scope (as `viewed`), month,
 * the fine square of the place that scope's readers are shown (`hidden`: 0 as filed, 1 sealed
 * and exact for readers who may see every sealed place, 2 sealed and rounded), and type,
 * alleged party and verification each a value or '*' (at most one a value). With `only`, a
 * relation (month, k) of fine squares, just the rows of those squares in those months.
 */
const mapMonthlyOf = (src: Frag, sign: 1 | -1, only?: Frag) => {
  const s = sql.lit(sign);
  const kept = (col: string, bit: number) => sql`case when grouping(${sql.ref(col)}) = 0 then ${sql.lit(bit)} else 0 end`;
  const cellCol = (col: string) => sql`case when grouping(${sql.ref(col)}) = 0 then ${sql.ref(col)} else '*' end`;
  return sql`
    with placed as materialized (
      select v.scope, v.org, h.hidden, x.month, x.type_code, x.alleged, x.verification,
             case when h.hidden = 2 then x.rlat else x.lat end as lat, case when h.hidden = 2 then x.rlon else x.lon end as lon,
             case when h.hidden = 2 then x.leaf_shown else x.leaf end as k
      from (
        select s.*, (date_trunc('month', s.occurred_at at time zone 'UTC'))::date as month, ${rounded(sql`s.lat`)} as rlat, ${rounded(sql`s.lon`)} as rlon
        from (${src}) s where s.lat is not null and s.lon is not null
      ) x
      ${readerScopes}
      cross join lateral (values
        (case when not x.location_sealed then 0 when v.scope = 'all' then 1 when x.reporter_org = v.org then 0 else 2 end),
        (case when v.scope = 'all' and x.location_sealed then 2 end)
      ) h(hidden)
      where v.org is not null and h.hidden is not null
    ),
    -- With only: on the materialized rows, so that the semi-join hashes on month and square both.
    shown as (select * from placed p ${only ? sql`where (p.month, p.k) in (select o.month, o.k from (${only}) o)` : sql``})
    select scope, org, (${kept('type_code', 1)} + ${kept('alleged', 2)} + ${kept('verification', 4)})::smallint,
           ${cellCol('type_code')}, ${cellCol('alleged')}, ${cellCol('verification')}, month, hidden::smallint,
           floor(lon / ${LEAF})::int, floor(lat / ${LEAF})::int,
           ${s} * count(*), ${s} * sum(lat), ${s} * sum(lon), min(lat), max(lat), min(lon), max(lon)
    from shown
    group by scope, org, month, hidden, floor(lon / ${LEAF})::int, floor(lat / ${LEAF})::int,
             grouping sets ((), (type_code), (alleged), (verification))`;
};

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

/** Whether the governorate breakdown under this filter is in dashboard_daily (at most one filter). */
const governoratesRolledUp = (f: Filter) => [f.type, f.allegedParty, f.finding].filter((x) => x !== undefined).length <= 1;

/**
 * Each incident's consecutive distinct days in a cell (without governorate: distinct
 * incidents are only counted without it), times sign. Only incidents with reports on two
 * days or more have pairs.
 */
const pairsOf = (src: Frag, sign: 1 | -1) => {
  const cellCol = (col: string) => sql`case when grouping(${sql.ref(col)}) = 0 then ${sql.ref(col)} else '*' end`;
  const kept = (col: string, bit: number) => sql`case when grouping(${sql.ref(col)}) = 0 then ${sql.lit(bit)} else 0 end`;
  return sql`
    with spread as materialized (
      select * from (${src}) x
      where x.incident_id in (select y.incident_id from (${src}) y where y.incident_id is not null group by y.incident_id having min(y.day) < max(y.day))
    ),
    present as (
      select scope, org, (${kept('type_code', 1)} + ${kept('alleged', 2)} + ${kept('verification', 4)})::smallint as dims,
             ${cellCol('type_code')} as type_code, ${cellCol('alleged')} as alleged, ${cellCol('verification')} as verification, incident_id, day
      from (${viewed(sql`select * from spread`)}) e
      group by scope, org, incident_id, day, cube(type_code, alleged, verification)
    )
    select scope, org, dims, type_code, alleged, verification, day1, day2, ${sql.lit(sign)} * count(*) from (
      select scope, org, dims, type_code, alleged, verification, day as day1,
             lead(day) over (partition by scope, org, dims, type_code, alleged, verification, incident_id order by day) as day2
      from present
    ) p
    where day2 is not null
    group by 1, 2, 3, 4, 5, 6, 7, 8`;
};

/** Each open incident's part in the open items, once per reader scope that may follow it (store.openItems). */
const freshOpen = (where: Frag) => sql`
  with open as (
    select i.id, i.round, i.reply_deadline from incidents i
    where ${where} and i.merged_into is null
      and not exists (select 1 from incident_findings f where f.incident_id = i.id and f.round = i.round and f.reopened_at is null)
  ),
  members as (
    select o.id, r.reporter_org, g.kind as reporter_kind, r.alleged_party, r.affected_party
    from open o join incident_reports ir on ir.incident_id = o.id and ir.removed_at is null
    join reports r on r.id = ir.report_id
    join organisations g on g.id = r.reporter_org
  ),
  accused as (
    select m.id, count(distinct m.alleged_party) as unreplied from members m
    where m.alleged_party is not null
      and not exists (select 1 from incident_replies p where p.incident_id = m.id and p.party_id = m.alleged_party)
    group by m.id
  ),
  latest as (
    select distinct on (a.incident_id, a.guarantor_id) a.incident_id, a.guarantor_id, a.verification
    from incident_assessments a join open o on o.id = a.incident_id and a.round = o.round
    order by a.incident_id, a.guarantor_id, a.created_at desc, a.id desc
  ),
  assessed as (
    select o.id, count(l.guarantor_id) as assessors, count(distinct l.verification) as verdicts
    from open o left join latest l on l.incident_id = o.id group by o.id
  ),
  viewers as (
    select o.id, 'all' as scope, ${NIL}::uuid as org from open o
    union select m.id, 'filed', m.reporter_org from members m where m.reporter_kind in ('monitor', 'facilitator')
    union select m.id, 'concerning', m.reporter_org from members m where m.reporter_kind = 'party'
    union select m.id, 'concerning', m.alleged_party from members m where m.alleged_party is not null
    union select m.id, 'concerning', m.affected_party from members m where m.affected_party is not null
  )
  select v.id, v.scope, v.org, o.reply_deadline, s.assessors::int, coalesce(a.unreplied, 0)::int, s.verdicts > 1
  from viewers v join open o on o.id = v.id join assessed s on s.id = v.id left join accused a on a.id = v.id`;

const openDailyOf = (src: Frag, sign: 1 | -1) => {
  const s = sql.lit(sign);
  return sql`
    select scope, org, (reply_deadline at time zone 'UTC')::date, assessors, ${s} * count(*), ${s} * coalesce(sum(unreplied), 0), ${s} * count(*) filter (where disagree)
    from (${src}) o group by 1, 2, 3, 4`;
};

/** An aggregate table kept by signed additions: its key (columns and their types) and its count. */
interface Kept {
  table: string;
  key: [string, string][];
  count: string;
}
const CELL_KEY: [string, string][] = [
  ['scope', 'text'],
  ['org', 'uuid'],
  ['dims', 'smallint'],
  ['type_code', 'text'],
  ['alleged', 'text'],
  ['verification', 'text'],
];
const DAILY: Kept = { table: 'dashboard_daily', count: 'reports', key: [...CELL_KEY, ['day', 'date'], ['adm1', 'text']] };
const PAIRS: Kept = { table: 'dashboard_incident_pairs', count: 'n', key: [...CELL_KEY, ['day1', 'date'], ['day2', 'date']] };
const OPEN_DAILY: Kept = {
  table: 'dashboard_open_daily',
  count: 'incidents',
  key: [
    ['scope', 'text'],
    ['org', 'uuid'],
    ['day', 'date'],
    ['assessors', 'integer'],
  ],
};
const MAP: Kept = {
  table: 'map_monthly',
  count: 'reports',
  key: [...CELL_KEY, ['month', 'date'], ['hidden', 'smallint'], ['gx', 'integer'], ['gy', 'integer']],
};
/** A kept table's key columns: the conflict target of its upserts. */
const keyOf = (kept: Kept) => sql.join(kept.key.map(([c]) => sql.ref(c)));

const addDaily = (rows: Frag) => sql`
  insert into dashboard_daily (${DAILY_COLUMNS}) ${rows}
  on conflict (${keyOf(DAILY)}) do update set
    reports = dashboard_daily.reports + excluded.reports,
    killed_civilian = dashboard_daily.killed_civilian + excluded.killed_civilian,
    killed_combatant = dashboard_daily.killed_combatant + excluded.killed_combatant,
    killed_unknown = dashboard_daily.killed_unknown + excluded.killed_unknown,
    injured_civilian = dashboard_daily.injured_civilian + excluded.injured_civilian,
    injured_combatant = dashboard_daily.injured_combatant + excluded.injured_combatant,
    injured_unknown = dashboard_daily.injured_unknown + excluded.injured_unknown,
    incidents = dashboard_daily.incidents + excluded.incidents`;
const addPairs = (rows: Frag) => sql`
  insert into dashboard_incident_pairs (${PAIR_COLUMNS}) ${rows}
  on conflict (${keyOf(PAIRS)}) do update set n = dashboard_incident_pairs.n + excluded.n`;
const addOpenDaily = (rows: Frag) => sql`
  insert into dashboard_open_daily (${OPEN_DAILY_COLUMNS}) ${rows}
  on conflict (${keyOf(OPEN_DAILY)}) do update set
    incidents = dashboard_open_daily.incidents + excluded.incidents,
    unreplied = dashboard_open_daily.unreplied + excluded.unreplied,
    disagreements = dashboard_open_daily.disagreements + excluded.disagreements`;

/**
 * Adds signed map_monthly rows. A cell's extent only widens here: subtracting leaves it as it
 * was, which stays exact when the same places come back (a report recounted unchanged);
 * refresh() recounts the squares that reports left.
 */
const addMap = (rows: Frag) => sql`
  insert into map_monthly (${MAP_COLUMNS}) ${rows}
  on conflict (${keyOf(MAP)}) do update set
    reports = map_monthly.reports + excluded.reports,
    sum_lat = map_monthly.sum_lat + excluded.sum_lat,
    sum_lon = map_monthly.sum_lon + excluded.sum_lon,
    min_lat = case when excluded.reports > 0 then least(map_monthly.min_lat, excluded.min_lat) else map_monthly.min_lat end,
    max_lat = case when excluded.reports > 0 then greatest(map_monthly.max_lat, excluded.max_lat) else map_monthly.max_lat end,
    min_lon = case when excluded.reports > 0 then least(map_monthly.min_lon, excluded.min_lon) else map_monthly.min_lon end,
    max_lon = case when excluded.reports > 0 then greatest(map_monthly.max_lon, excluded.max_lon) else map_monthly.max_lon end`;

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
async function behind(db: Db): Promise<boolean> {
  const row = (
    await sql<{ cursor: string | number; head: string | number | null }>`
    select (select log_index from dashboard_cursor where id = 1) as cursor, (select max(idx) from log_entries) as head`.execute(db)
  ).rows[0];
  const cursor = Number(row.cursor);
  return cursor < 0 || (row.head !== null && Number(row.head) >= cursor);
}

// --- reads -------------------------------------------------------------------------------

const n = (v: unknown) => Number(v ?? 0);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function scopeKey(scope: Scope): { scope: string; org: string } {
  switch (scope.kind) {
    case 'all':
      return { scope: 'all', org: NIL };
    case 'concerning':
      return { scope: 'concerning', org: scope.orgId };
    case 'filedBy':
      return { scope: 'filed', org: scope.orgId };
    case 'none':
      return { scope: 'none', org: NIL };
  }
}

/** The rows of one cell kind: grouped by `group` (dims bits), filtered as the dashboard's filter says. */
function cell(scope: Scope, f: Filter, group: number, prefix = ''): Frag {
  const k = scopeKey(scope);
  const dims = group | (f.type ? 1 : 0) | (f.allegedParty ? 2 : 0) | (f.finding ? 4 : 0);
  const c = (name: string) => sql.ref(prefix + name);
  const conds: Frag[] = [sql`${c('scope')} = ${k.scope}`, sql`${c('org')} = ${k.org}::uuid`, sql`${c('dims')} = ${dims}`];
  if (f.type) conds.push(sql`${c('type_code')} = ${f.type}`);
  if (f.allegedParty) conds.push(sql`${c('alleged')} = ${f.allegedParty}`);
  if (f.finding) conds.push(sql`${c('verification')} = ${f.finding === 'none' ? '' : f.finding}`);
  return sql.join(conds, sql` and `);
}
const days = (start: Date, end: Date) => sql`day >= ${dayOf(start)}::date and day < ${dayOf(end)}::date`;

/** The cursor and the log's head, as columns of a read: stale when an entry is past the cursor. */
const FRESHNESS = sql`(select log_index from dashboard_cursor where id = 1) as rollup_cursor, (select max(idx) from log_entries) as log_head`;
const stale = (row: { rollup_cursor: unknown; log_head: unknown }) =>
  n(row.rollup_cursor) < 0 || (row.log_head !== null && n(row.log_head) >= n(row.rollup_cursor));

/**
 * Reads one statement over the aggregates (one snapshot, one round trip); when the log has
 * entries past the cursor, catches up (in a transaction of its own, never inside another:
 * PGlite has one connection) and reads again.
 */
async function current<T extends { rollup_cursor: unknown; log_head: unknown }>(db: Db, query: Frag): Promise<T> {
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
async function currentRemembered<T extends { rollup_cursor: unknown; log_head: unknown }>(db: Db, query: Frag): Promise<T> {
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

type Pairs = [string | null, number | string][];

/**
 * Every figure of the dashboard from the aggregates, in one statement: store.totals,
 * store.aggregates, store.casualties and store.openItems (open items against `now`: whole
 * deadline days from dashboard_open_daily, today's deadlines from dashboard_open).
 */
export async function figures(db: Db, scope: Scope, f: Filter, previous: { start: Date; end: Date }, withIncidents: boolean, now: Date) {
  const start = sql`${dayOf(f.start)}::date`;
  const end = sql`${dayOf(f.end)}::date`;
  const within = sql`day >= ${start} and day < ${end}`;
  const k = scopeKey(scope);
  const mine = sql`scope = ${k.scope} and org = ${k.org}::uuid`;
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const tomorrow = new Date(today.getTime() + 86_400_000);
  const governorates = governoratesRolledUp(f);
  const row = await current<Record<string, unknown> & { rollup_cursor: unknown; log_head: unknown }>(
    db,
    sql`
      select ${FRESHNESS},
        (select json_agg(json_build_array(week, type_code, count)) from (
           select to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') as week, type_code, sum(reports) as count
           from dashboard_daily where ${cell(scope, f, 1)} and ${within} group by 1, 2) x) as by_week,
        (select json_agg(json_build_array(nullif(alleged, ''), count)) from (
           select alleged, sum(reports) as count from dashboard_daily where ${cell(scope, f, 2)} and ${within} group by 1) x) as by_party,
        ${
          governorates
            ? sql`(select json_agg(json_build_array(nullif(adm1, ''), count)) from (
                   select adm1, sum(reports) as count from dashboard_daily where ${cell(scope, f, 8)} and ${within} group by 1) x)`
            : sql`null`
        } as by_governorate,
        t.*,
        ${withIncidents ? sql`(select sum(p.n) from dashboard_incident_pairs p where ${cell(scope, f, 0, 'p.')} and p.day1 >= ${start} and p.day2 < ${end})` : sql`0`} as pairs,
        ${
          withIncidents
            ? sql`
        (select coalesce(sum(unreplied), 0) from dashboard_open_daily where ${mine} and day > ${dayOf(today)}::date)
          + (select coalesce(sum(unreplied), 0) from dashboard_open where ${mine} and reply_deadline >= ${now} and reply_deadline < ${tomorrow}) as replies_due,
        (select coalesce(sum(unreplied), 0) from dashboard_open_daily where ${mine} and day < ${dayOf(today)}::date)
          + (select coalesce(sum(unreplied), 0) from dashboard_open where ${mine} and reply_deadline >= ${today} and reply_deadline < ${now}) as no_reply,
        (select coalesce(sum(incidents), 0) from dashboard_open_daily where ${mine}
          and assessors < (select count(*) from organisations where kind = 'guarantor')) as assessments_missing,
        (select coalesce(sum(disagreements), 0) from dashboard_open_daily where ${mine}) as disagreements`
            : sql`null as replies_due`
        }
      from (
        select sum(reports) filter (where day >= ${start}) as current, sum(reports) filter (where day < ${start}) as previous,
               sum(incidents) filter (where day >= ${start}) as incident_days,
               sum(killed_civilian) filter (where day >= ${start}) as kc, sum(killed_combatant) filter (where day >= ${start}) as kk,
               sum(killed_unknown) filter (where day >= ${start}) as ku,
               sum(injured_civilian) filter (where day >= ${start}) as ic, sum(injured_combatant) filter (where day >= ${start}) as ik,
               sum(injured_unknown) filter (where day >= ${start}) as iu
        from dashboard_daily where ${cell(scope, f, 0)} and day >= ${dayOf(previous.start)}::date and day < ${end}
      ) t`,
  );
  const list = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as Pairs | null) : (v as Pairs | null)) ?? [];
  const byWeek = list(row.by_week).map((x) => ({ week: x[0] as string, type: x[1] as unknown as string, count: n((x as unknown[])[2]) }));
  const byParty = list(row.by_party).map(([partyId, count]) => ({ partyId, count: n(count) }));
  const byGovernorate = governorates
    ? list(row.by_governorate).map(([pcode, count]) => ({ pcode, count: n(count) }))
    : await store.perGovernorate(db, scope, f);
  byWeek.sort((a, b) => a.week.localeCompare(b.week) || a.type.localeCompare(b.type));
  byParty.sort((a, b) => b.count - a.count || String(a.partyId).localeCompare(String(b.partyId)));
  byGovernorate.sort((a, b) => b.count - a.count || String(a.pcode).localeCompare(String(b.pcode)));
  return {
    current: n(row.current),
    previous: n(row.previous),
    incidents: withIncidents ? n(row.incident_days) - n(row.pairs) : null,
    hurt: {
      killed: { civilian: n(row.kc), combatant: n(row.kk), unknownCount: n(row.ku) },
      injured: { civilian: n(row.ic), combatant: n(row.ik), unknownCount: n(row.iu) },
    },
    groups: { byWeek, byParty, byGovernorate },
    open: withIncidents
      ? { repliesDue: n(row.replies_due), noReply: n(row.no_reply), assessmentsMissing: n(row.assessments_missing), disagreements: n(row.disagreements) }
      : null,
  };
}

/** store.perGovernorate from the aggregates (same order), caught up first; from the tables under two filters or more. */
export async function perGovernorate(db: Db, scope: Scope, f: Filter) {
  if (!governoratesRolledUp(f)) {
    await ensureCurrent(db);
    return store.perGovernorate(db, scope, f);
  }
  const row = await currentRemembered<{ rollup_cursor: unknown; log_head: unknown; list: unknown }>(
    db,
    sql`select ${FRESHNESS}, (select json_agg(json_build_array(pcode, count) order by count desc, pcode) from (
          select nullif(adm1, '') as pcode, sum(reports) as count from dashboard_daily
          where ${cell(scope, f, 8)} and ${days(f.start, f.end)} group by adm1) x) as list`,
  );
  const list = (typeof row.list === 'string' ? JSON.parse(row.list) : row.list) as Pairs | null;
  return (list ?? []).map(([pcode, count]) => ({ pcode, count: n(count) }));
}

/** How the background catch-up gives way to a burst of writes. */
export interface CatchUpPace {
  /** Entries this recent mean writes are still arriving. */
  quietMs: number;
  /** The oldest entry not taken in waits no longer than this, burst or not. */
  maxLagMs: number;
}
export const CATCH_UP_PACE: CatchUpPace = { quietMs: 1000, maxLagMs: 10_000 };
/** Log entries the background loop takes in per transaction. */
const LOOP_SLICE = 250;

/**
 * Whether the background catch-up waits this time: while entries keep arriving (the newest
 * written, numbered or not, is under quietMs old) and the oldest one not yet taken in is
 * under maxLagMs old. Nothing pending (or everything to build): no wait.
 */
export function catchUpWaits(now: number, newest: Date | null, oldestPending: Date | null, pace: CatchUpPace = CATCH_UP_PACE): boolean {
  if (newest === null || oldestPending === null) return false;
  return now - newest.getTime() < pace.quietMs && now - oldestPending.getTime() < pace.maxLagMs;
}

/**
 * Catches up every few seconds (and builds everything on the first run after the
 * migration), so that a dashboard read rarely has more than a few entries to take in.
 * A burst of filings goes first: each report adds to some fifty aggregate rows, work that
 * would compete with the filings for the processor, so while entries keep arriving the
 * catch-up waits (catchUpWaits), at most CATCH_UP_PACE.maxLagMs. Reads are exact whatever
 * the loop does: each catches up first. Errors are logged, not fatal: the next read or run
 * catches up.
 */
export function startDashboardLoop(db: Db, log: LoopLog, everyMs = 2000): () => Promise<void> {
  const run = async () => {
    if (!(await behind(db))) return;
    const row = (
      await sql<{ newest: Date | string | null; oldest: Date | string | null }>`
        select (select created_at from log_entries order by id desc limit 1) as newest,
               (select created_at from log_entries where idx = (select log_index from dashboard_cursor where id = 1)) as oldest`.execute(db)
    ).rows[0];
    const date = (v: Date | string | null) => (v === null ? null : new Date(v));
    if (catchUpWaits(Date.now(), date(row.newest), date(row.oldest))) return;
    // In slices of its own transaction each, letting other statements through in between:
    // PGlite has one connection, which a catch-up of thousands of entries would hold for seconds.
    for (;;) {
      const seen = await db.transaction().execute((tx) => catchUp(tx, LOOP_SLICE));
      if (seen < LOOP_SLICE) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return startLoop(run, { everyMs, log, failure: 'dashboard aggregates catch-up failed; will retry' });
}

// --- the map -----------------------------------------------------------------------------

/** dashboard_reports rows (as `d`) in this reader's scope, under the map's filter. */
function counted(scope: Scope, f: Filter): Frag {
  const conds: Frag[] = [];
  if (scope.kind === 'none') conds.push(sql`false`);
  if (scope.kind === 'filedBy') conds.push(sql`d.reporter_org = ${scope.orgId}::uuid`);
  if (scope.kind === 'concerning')
    conds.push(sql`(d.reporter_org = ${scope.orgId}::uuid or d.alleged = ${scope.orgId} or d.affected_party = ${scope.orgId}::uuid)`);
  if (f.type) conds.push(sql`d.type_code = ${f.type}`);
  if (f.allegedParty) conds.push(sql`d.alleged = ${f.allegedParty}`);
  if (f.finding) conds.push(sql`d.verification = ${f.finding === 'none' ? '' : f.finding}`);
  return conds.length ? sql.join(conds, sql` and `) : sql`true`;
}
const between = (range: { start: Date; end: Date }) => sql`d.occurred_at >= ${range.start} and d.occurred_at < ${range.end}`;

/**
 * The map's points as GeoJSON Feature text, joined by commas, newest first, at most `limit`,
 * and whether more matched: the points of service.mapPoints (pointFeature) written by the
 * database, so that 20,000 points cross into JavaScript as 20,000 strings, not rows of
 * typed columns to parse into objects and serialise again. Coordinates print as the
 * shortest text that reads back to the same number (extra_float_digits 1), as
 * JSON.stringify prints them.
 */
export async function pointsJson(
  db: Db,
  scope: Scope,
  f: Filter,
  sealed: store.SealedScope,
  incidents: boolean,
  limit: number,
): Promise<{ features: string; truncated: boolean }> {
  await ensureCurrent(db);
  const hid = sealed.kind === 'all' ? sql`false` : sql`(d.location_sealed and d.reporter_org <> ${sealed.orgId}::uuid)`;
  const str = (x: Frag) => sql`coalesce('"' || ${x} || '"', 'null')`;
  const rows = await store.reading(db, async (tx) => {
    await sql`select set_config('extra_float_digits', '1', true)`.execute(tx);
    return (
      await sql<{ f: string }>`
        select concat('{"type":"Feature","id":"', d.report_id, '","geometry":{"type":"Point","coordinates":[',
            case when ${hid} then ${rounded(sql`coalesce(d.lon, 0)`)} else coalesce(d.lon, 0) end, ',',
            case when ${hid} then ${rounded(sql`coalesce(d.lat, 0)`)} else coalesce(d.lat, 0) end,
            ']},"properties":{"id":"', d.report_id, '","typeCode":', to_json(d.type_code)::text,
            ',"occurredAt":"', to_char(d.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            '","allegedPartyId":', ${str(sql`nullif(d.alleged, '')`)},
            ',"incidentId":', ${incidents ? str(sql`d.incident_id::text`) : sql`'null'`},
            ',"finding":', ${incidents ? sql`case when d.verification <> '' then '{"verification":' || to_json(d.verification)::text || '}' else 'null' end` : sql`'null'`},
            ',"locationSealed":', (${hid})::text, '}}') as f
        from dashboard_reports d
        where ${between(f)} and ${counted(scope, f)}
        order by d.occurred_at desc, d.report_id desc
        limit ${limit + 1}`.execute(tx)
    ).rows;
  });
  return {
    features: rows
      .slice(0, limit)
      .map((r) => r.f)
      .join(','),
    truncated: rows.length > limit,
  };
}

const DAY_MS = 86_400_000;
/** A period's whole UTC months [from, to) (empty when it holds none) and the days around them. */
export function monthsOf(start: Date, end: Date): { months: { start: Date; end: Date } | null; days: { start: Date; end: Date }[] } {
  const first = start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const last = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  if (first.getTime() >= last.getTime()) return { months: null, days: [{ start, end }] };
  const days = [
    { start, end: first },
    { start: last, end },
  ].filter((d) => d.end.getTime() - d.start.getTime() >= DAY_MS);
  return { months: { start: first, end: last }, days };
}

/**
 * store.clusters from the aggregates (same clusters and points; a cluster's mean place from
 * summed coordinates), caught up first, when the view's grid nests the fine one (zoom 0–11
 * squares, not widened by a large view), at most one filter is set, and the reader's sealed
 * places are those map_monthly keeps apart; else from the tables.
 *
 * Whole months are read from map_monthly per fine square. A fine square whose places all lie
 * inside the view counts whole in its zoom square; one with none inside is left out; one
 * across the view's edge, and the days of the period outside whole months, are counted
 * report by report from dashboard_reports. Squares with `pointsUpTo` reports or fewer give
 * their reports, fetched by fine square.
 */
export async function clusters(
  db: Db,
  scope: Scope,
  f: Filter,
  sealed: store.SealedScope,
  grid: store.Grid,
  zoom: number,
  pointsUpTo: number,
): Promise<store.ClusterRow[]> {
  const filters = [f.type, f.allegedParty, f.finding].filter((x) => x !== undefined).length;
  const nests = Number.isInteger(zoom) && zoom >= 0 && zoom <= MAP_LEAF_ZOOM && grid.cell === 90 / 2 ** zoom;
  // map_monthly keeps apart what 'all' readers see two ways, and what a party or a monitor sees of what it did not file.
  const sealedKept = scope.kind === 'all' || sealed.kind === 'filedBy';
  if (!nests || filters > 1 || scope.kind === 'none' || !sealedKept) return store.reading(db, (tx) => store.clusters(tx, scope, f, sealed, grid, pointsUpTo));
  await ensureCurrent(db);

  const { months, days: edges } = monthsOf(f.start, f.end);
  // Readers of the 'all' scope who may not see every sealed place are observers, who file nothing: all sealed places rounded.
  const hiddenKinds = scope.kind === 'all' && sealed.kind === 'all' ? sql`(0, 1)` : sql`(0, 2)`;
  const hid = sealed.kind === 'all' ? sql`false` : sql`(d.location_sealed and d.reporter_org <> ${sealed.orgId}::uuid)`;
  const c = sql`${grid.cell}::float8`;
  const up = sql`${2 ** (MAP_LEAF_ZOOM - zoom)}::float8`;
  const [west, south, east, north] = [grid.west, grid.south, grid.east, grid.north].map((x) => sql`${x}::float8`);
  // A report as a point, at the place this reader is shown.
  const pointCols = sql`d.report_id as id, d.reporter_org, nullif(d.alleged, '')::uuid as alleged_party, d.affected_party, d.type_code, d.occurred_at,
    ${hid} as sealed, case when ${hid} then ${rounded(sql`d.lat`)} else d.lat end as lat, case when ${hid} then ${rounded(sql`d.lon`)} else d.lon end as lon,
    d.incident_id, nullif(d.verification, '') as verification`;
  const mine = counted(scope, f);
  // Reports of whole months in the fine squares of `keys` (a relation with column k), by the square of the place shown.
  const inSquares = (keys: Frag) =>
    months
      ? sql`select ${pointCols} from (${keys}) q join dashboard_reports d on d.leaf = q.k where not ${hid} and ${between(months)} and ${mine}
            union all
            select ${pointCols} from (${keys}) q join dashboard_reports d on d.leaf_shown = q.k where ${hid} and ${between(months)} and ${mine}`
      : sql`select ${pointCols} from dashboard_reports d where false`;
  const edgeDays = edges.map(
    (range) => sql`select ${pointCols} from dashboard_reports d where ${between(range)} and ${mine} and d.lat is not null and d.lon is not null`,
  );
  const inView = sql`x.lon >= ${west} and x.lon <= ${east} and x.lat >= ${south} and x.lat <= ${north}`;

  const { rows } = await store.reading(db, (tx) =>
    sql<Record<string, unknown>>`
      with fine as (
        select gx, gy, sum(reports) as n, sum(sum_lat) as slat, sum(sum_lon) as slon,
               min(min_lat) as s, max(max_lat) as nn, min(min_lon) as w, max(max_lon) as e
        from map_monthly
        where ${cell(scope, f, 0)} and ${months ? sql`month >= ${dayOf(months.start)}::date and month < ${dayOf(months.end)}::date` : sql`false`}
          and hidden in ${hiddenKinds}
        group by gx, gy
      ),
      placed as (
        select fine.*, ${leafOf(sql`gx`, sql`gy`)} as k, floor(gx / ${up}) as sx, floor(gy / ${up}) as sy,
               case when w >= ${west} and e <= ${east} and s >= ${south} and nn <= ${north} then 'in'
                    when e < ${west} or w > ${east} or nn < ${south} or s > ${north} then 'out' else 'edge' end as at
        from fine
      ),
      singles as materialized (
        select x.* from (
          ${sql.join([...edgeDays, inSquares(sql`select k from placed where at = 'edge'`)], sql` union all `)}
        ) x where ${inView}
      ),
      parts as (
        select sx, sy, n, slat, slon, s, nn, w, e from placed where at = 'in'
        union all
        select floor(x.lon / ${c}), floor(x.lat / ${c}), 1, x.lat, x.lon, x.lat, x.lat, x.lon, x.lon from singles x
      ),
      cells as (
        select sx, sy, sum(n) as n, sum(slat) / sum(n) as lat, sum(slon) / sum(n) as lon, min(s) as south, min(w) as west, max(nn) as north, max(e) as east
        from parts group by sx, sy
      ),
      few as (select sx, sy from cells where n <= ${pointsUpTo})
      select 'cluster' as kind, c.n as count, c.lat, c.lon, c.south, c.west, c.north, c.east,
             null::uuid as id, null::uuid as reporter_org, null::uuid as alleged_party, null::uuid as affected_party, null as type_code, null::timestamptz as occurred_at,
             null::boolean as sealed, null::uuid as incident_id, null as verification
      from cells c where c.n > ${pointsUpTo}
      union all
      select 'point', 1, x.lat, x.lon, null, null, null, null,
             x.id, x.reporter_org, x.alleged_party, x.affected_party, x.type_code, x.occurred_at, x.sealed, x.incident_id, x.verification
      from singles x where (floor(x.lon / ${c}), floor(x.lat / ${c})) in (select sx, sy from few)
      union all
      select 'point', 1, x.lat, x.lon, null, null, null, null,
             x.id, x.reporter_org, x.alleged_party, x.affected_party, x.type_code, x.occurred_at, x.sealed, x.incident_id, x.verification
      from (${inSquares(sql`select p.k from placed p join few on few.sx = p.sx and few.sy = p.sy where p.at = 'in'`)}) x
      order by 1, 2 desc, occurred_at desc, id desc`.execute(tx),
  );
  return rows.map((x): store.ClusterRow => {
    if (x.kind === 'cluster')
      return {
        kind: 'cluster',
        count: n(x.count),
        lat: Number(x.lat),
        lon: Number(x.lon),
        south: Number(x.south),
        west: Number(x.west),
        north: Number(x.north),
        east: Number(x.east),
      };
    return { kind: 'point', ...(x as unknown as store.PointRow) };
  });
}
