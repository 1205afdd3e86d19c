import { sql, type RawBuilder } from 'kysely';

/**
 * The SQL of the dashboard's and the map's maintained aggregates (migrations 0014, 0023,
 * 0024): what a counted report is, which reader scopes see it, and the rows of every
 * aggregate table it makes, times a sign. Kept apart from the code that runs them
 * (upkeep.ts adds and subtracts these rows as the log says things changed; reads.ts reads
 * the tables) so that the one definition of each table's rows is in one place: a rebuild
 * and an incremental refresh count with the very same statements.
 *
 * Distinct incidents over a period, exactly, from daily rows: for one incident and one cell
 * (scope, type, alleged party, verification), let d1 < d2 < … be the distinct days it has a
 * report in that cell. The days inside a period are consecutive in that list, so the
 * incident is in the period iff (days inside) − (consecutive pairs both inside) = 1, and is
 * 0 otherwise. dashboard_daily.incidents sums the first per day, dashboard_incident_pairs
 * counts the pairs (d_k, d_k+1); the count is Σ incidents − Σ pairs inside the period.
 */
type Frag = RawBuilder<unknown>;

/** The organisation of the 'all' scope's rows. */
export const NIL = '00000000-0000-0000-0000-000000000000';

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
export const leafOf = (gx: Frag, gy: Frag) => sql`((${gx})::bigint + 8192) * 16384 + (${gy})::bigint + 8192`;
/** A sealed place as readers who may not see it are shown it (presentContent's roundedLocation, 0.1°). */
export const rounded = (x: Frag) => sql`floor(${x} * 10 + 0.5) / 10`;

/** Each live report as the dashboard counts it (the columns of dashboard_reports). */
export const freshReports = (where: Frag) => sql`
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

export const DAILY_COLUMNS = sql`scope, org, dims, day, type_code, alleged, verification, adm1, reports, killed_civilian, killed_combatant, killed_unknown, injured_civilian, injured_combatant, injured_unknown, incidents`;
export const PAIR_COLUMNS = sql`scope, org, dims, type_code, alleged, verification, day1, day2, n`;
export const OPEN_COLUMNS = sql`incident_id, scope, org, reply_deadline, assessors, unreplied, disagree`;
export const OPEN_DAILY_COLUMNS = sql`scope, org, day, assessors, incidents, unreplied, disagreements`;

/**
 * The daily rows these counted reports make, times sign, for the combinations of dimensions
 * the dashboard reads (dims bits: 1 type, 2 alleged party, 4 verification, 8 governorate; a
 * dimension left out reads '*'): every combination of type, party and verification (the
 * filters, and the by-week and by-party breakdowns), and governorate alone or with one of
 * them. Governorates under two filters or more are counted from the tables (perGovernorate).
 * Distinct incidents are only counted without governorate.
 */
export const dailyOf = (src: Frag, sign: 1 | -1) => {
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

export const MAP_COLUMNS = sql`scope, org, dims, type_code, alleged, verification, month, hidden, gx, gy, reports, sum_lat, sum_lon, min_lat, max_lat, min_lon, max_lon`;

/**
 * The map_monthly rows these counted reports make: per reader scope (as `viewed`), month,
 * the fine square of the place that scope's readers are shown (`hidden`: 0 as filed, 1 sealed
 * and exact for readers who may see every sealed place, 2 sealed and rounded), and type,
 * alleged party and verification each a value or '*' (at most one a value). With `only`, a
 * relation (month, k) of fine squares, just the rows of those squares in those months.
 */
export const mapMonthlyOf = (src: Frag, sign: 1 | -1, only?: Frag) => {
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
 * Each incident's consecutive distinct days in a cell (without governorate: distinct
 * incidents are only counted without it), times sign. Only incidents with reports on two
 * days or more have pairs.
 */
export const pairsOf = (src: Frag, sign: 1 | -1) => {
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
export const freshOpen = (where: Frag) => sql`
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

export const openDailyOf = (src: Frag, sign: 1 | -1) => {
  const s = sql.lit(sign);
  return sql`
    select scope, org, (reply_deadline at time zone 'UTC')::date, assessors, ${s} * count(*), ${s} * coalesce(sum(unreplied), 0), ${s} * count(*) filter (where disagree)
    from (${src}) o group by 1, 2, 3, 4`;
};

/** An aggregate table kept by signed additions: its key (columns and their types) and its count. */
export interface Kept {
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
export const DAILY: Kept = { table: 'dashboard_daily', count: 'reports', key: [...CELL_KEY, ['day', 'date'], ['adm1', 'text']] };
export const PAIRS: Kept = { table: 'dashboard_incident_pairs', count: 'n', key: [...CELL_KEY, ['day1', 'date'], ['day2', 'date']] };
export const OPEN_DAILY: Kept = {
  table: 'dashboard_open_daily',
  count: 'incidents',
  key: [
    ['scope', 'text'],
    ['org', 'uuid'],
    ['day', 'date'],
    ['assessors', 'integer'],
  ],
};
export const MAP: Kept = {
  table: 'map_monthly',
  count: 'reports',
  key: [...CELL_KEY, ['month', 'date'], ['hidden', 'smallint'], ['gx', 'integer'], ['gy', 'integer']],
};
/** A kept table's key columns: the conflict target of its upserts. */
export const keyOf = (kept: Kept) => sql.join(kept.key.map(([c]) => sql.ref(c)));

export const addDaily = (rows: Frag) => sql`
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
export const addPairs = (rows: Frag) => sql`
  insert into dashboard_incident_pairs (${PAIR_COLUMNS}) ${rows}
  on conflict (${keyOf(PAIRS)}) do update set n = dashboard_incident_pairs.n + excluded.n`;
export const addOpenDaily = (rows: Frag) => sql`
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
export const addMap = (rows: Frag) => sql`
  insert into map_monthly (${MAP_COLUMNS}) ${rows}
  on conflict (${keyOf(MAP)}) do update set
    reports = map_monthly.reports + excluded.reports,
    sum_lat = map_monthly.sum_lat + excluded.sum_lat,
    sum_lon = map_monthly.sum_lon + excluded.sum_lon,
    min_lat = case when excluded.reports > 0 then least(map_monthly.min_lat, excluded.min_lat) else map_monthly.min_lat end,
    max_lat = case when excluded.reports > 0 then greatest(map_monthly.max_lat, excluded.max_lat) else map_monthly.max_lat end,
    min_lon = case when excluded.reports > 0 then least(map_monthly.min_lon, excluded.min_lon) else map_monthly.min_lon end,
    max_lon = case when excluded.reports > 0 then greatest(map_monthly.max_lon, excluded.max_lon) else map_monthly.max_lon end`;
