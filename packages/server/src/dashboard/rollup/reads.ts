import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/index.ts';
import * as store from '../store.ts';
import type { Filter, Scope } from '../store.ts';
import { current, currentRemembered, FRESHNESS } from './cache.ts';
import { leafOf, MAP_LEAF_ZOOM, NIL, rounded } from './sql.ts';
import { ensureCurrent } from './upkeep.ts';

/**
 * The dashboard's and the map's reads from the maintained aggregates (service.ts calls
 * these): the same figures as the queries over the tables in store.ts (which the
 * dashboard-rollup test compares them with), caught up first. Under filters the aggregates
 * do not keep, they fall back on store.ts.
 */
type Db = Kysely<Database>;
type Frag = RawBuilder<unknown>;

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

/** Whether the governorate breakdown under this filter is in dashboard_daily (at most one filter). */
const governoratesRolledUp = (f: Filter) => [f.type, f.allegedParty, f.finding].filter((x) => x !== undefined).length <= 1;

// --- the dashboard ---------------------------------------------------------------------

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
