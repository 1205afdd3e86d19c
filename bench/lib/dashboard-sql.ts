/**
 * Hand-written SQL for the figures the dashboard and map routes answer (bench/dashboard.ts
 * times each route against its query here; the bar is 1.5× at most). The queries read the
 * same maintained aggregates the server reads (migrations 0014 and 0023) and, for reference
 * (BENCH_RAW=1), the reports and incident tables. A file of its own: the SQL is long and is
 * the yardstick, not the bench's logic.
 */
import type pg from 'pg';
import { MAP_LEAF_ZOOM, NIL } from '../../packages/server/src/dashboard/rollup/sql.ts';

/** The period timed (2017) and the start of the previous period of the same length. */
export const FROM = '2017-01-01';
export const TO = '2017-12-31';
const PREV_FROM = '2016-01-02'; // the 365 days before 2017

// The map's country view (zoom 7 over Syria): a grid of 360 / 2^7 / 4 degrees, clusters above 3 reports, points below.
export const BBOX = [35.5, 32.3, 42.4, 37.4];
export const ZOOM = 7;
const CELL = Math.max(360 / 2 ** ZOOM / 4, (BBOX[2] - BBOX[0]) / 64, (BBOX[3] - BBOX[1]) / 64);

/**
 * The queries on the connection `c` (whose session has the server's settings), for the
 * secretariat ('all') or one party (`partyId`); `guarantorCount` is how many assessments an
 * incident needs. Each query answers a row count, enough to be sure it ran.
 */
export function handQueries(c: pg.Client, partyId: string, guarantorCount: number) {
  const range = `r.occurred_at >= '${FROM}T00:00:00Z' and r.occurred_at < '2018-01-01T00:00:00Z' and r.withdrawn_at is null`;
  const prevRange = `r.occurred_at >= '2016-01-01T00:00:00Z' and r.occurred_at < '${FROM}T00:00:00Z' and r.withdrawn_at is null`;
  const scopeSql = (scope: 'all' | 'party') =>
    scope === 'all' ? 'true' : `(r.reporter_org = '${partyId}' or r.alleged_party = '${partyId}' or r.affected_party = '${partyId}')`;
  const handDashboard = (scope: 'all' | 'party') => async () => {
    const s = scopeSql(scope);
    const q = (text: string) => c.query(text).then((r) => r.rows);
    const out: unknown[] = [];
    out.push(await q(`select count(*) from reports r where ${range} and ${s}`));
    out.push(await q(`select count(*) from reports r where ${prevRange} and ${s}`));
    out.push(
      await q(
        `select count(distinct ir.incident_id) from reports r join incident_reports ir on ir.report_id = r.id and ir.removed_at is null where ${range} and ${s}`,
      ),
    );
    out.push(
      await q(
        `select date_trunc('week', r.occurred_at at time zone 'UTC') as week, r.type_code, count(*) from reports r where ${range} and ${s} group by 1, 2`,
      ),
    );
    out.push(await q(`select r.alleged_party, count(*) from reports r where ${range} and ${s} group by 1`));
    out.push(await q(`select r.adm1_pcode, count(*) from reports r where ${range} and ${s} group by 1`));
    // Casualties from the header's copies of the current version's figures (migration 0012).
    out.push(
      await q(`select sum(r.killed_civilian), sum(r.killed_combatant), count(*) filter (where r.killed_civilian is null or r.killed_combatant is null),
      sum(r.injured_civilian), sum(r.injured_combatant), count(*) filter (where r.injured_civilian is null or r.injured_combatant is null)
      from reports r where ${range} and ${s}`),
    );
    // Open items: incidents without a current finding (visible to the reader).
    const visible =
      scope === 'all'
        ? ''
        : `and exists (select 1 from incident_reports ir join reports r on r.id = ir.report_id where ir.incident_id = i.id and ir.removed_at is null and ${s})`;
    out.push(
      await q(`with open as (select i.id, i.round, i.reply_deadline from incidents i left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null
        where i.merged_into is null and f.incident_id is null ${visible}),
      accused as (select distinct o.id, o.reply_deadline, r.alleged_party from open o join incident_reports ir on ir.incident_id = o.id and ir.removed_at is null
        join reports r on r.id = ir.report_id left join incident_replies p on p.incident_id = o.id and p.party_id = r.alleged_party
        where r.alleged_party is not null and p.id is null),
      assessed as (select o.id, count(distinct a.guarantor_id) as assessors, count(distinct a.verification) as verdicts from open o left join incident_assessments a on a.incident_id = o.id and a.round = o.round group by o.id)
      select (select count(*) from accused where reply_deadline >= now()), (select count(*) from accused where reply_deadline < now()),
             (select count(*) from assessed where assessors < ${guarantorCount}), (select count(*) from assessed where verdicts > 1)`),
    );
    return out.length;
  };
  // The same figures from the same maintained aggregates the server reads (dashboard/rollup/).
  const handRollup = (scope: 'all' | 'party') => async () => {
    const key = scope === 'all' ? `scope = 'all' and org = '${NIL}'` : `scope = 'concerning' and org = '${partyId}'`;
    const cellOf = (dims: number) => `${key} and dims = ${dims}`;
    const days = `day >= '${FROM}' and day <= '${TO}'`;
    const q = (text: string) => c.query(text).then((r) => r.rows);
    const out: unknown[] = [];
    out.push(
      await q(`select sum(reports) filter (where day >= '${FROM}'), sum(reports) filter (where day < '${FROM}'), sum(incidents) filter (where day >= '${FROM}'),
        sum(killed_civilian) filter (where day >= '${FROM}'), sum(killed_combatant) filter (where day >= '${FROM}'), sum(killed_unknown) filter (where day >= '${FROM}'),
        sum(injured_civilian) filter (where day >= '${FROM}'), sum(injured_combatant) filter (where day >= '${FROM}'), sum(injured_unknown) filter (where day >= '${FROM}')
      from dashboard_daily where ${cellOf(0)} and day >= '${PREV_FROM}' and day <= '${TO}'`),
    );
    out.push(await q(`select sum(n) from dashboard_incident_pairs where ${cellOf(0)} and day1 >= '${FROM}' and day2 <= '${TO}'`));
    out.push(
      await q(
        `select to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD'), type_code, sum(reports) from dashboard_daily where ${cellOf(1)} and ${days} group by 1, 2`,
      ),
    );
    out.push(await q(`select alleged, sum(reports) from dashboard_daily where ${cellOf(2)} and ${days} group by 1`));
    out.push(await q(`select adm1, sum(reports) from dashboard_daily where ${cellOf(8)} and ${days} group by 1`));
    out.push(
      await q(`select (select sum(unreplied) from dashboard_open_daily where ${key} and day > current_date),
        (select sum(unreplied) from dashboard_open where ${key} and reply_deadline >= now() and reply_deadline < current_date + 1),
        (select sum(unreplied) from dashboard_open_daily where ${key} and day < current_date),
        (select sum(unreplied) from dashboard_open where ${key} and reply_deadline >= current_date and reply_deadline < now()),
        (select sum(incidents) from dashboard_open_daily where ${key} and assessors < ${guarantorCount}),
        (select sum(disagreements) from dashboard_open_daily where ${key})`),
    );
    return out.length;
  };
  const handGovernoratesRollup = async () =>
    (
      await c.query(
        `select nullif(adm1, ''), sum(reports) from dashboard_daily where scope = 'all' and org = '${NIL}' and dims = 8 and day >= '${FROM}' and day <= '${TO}' group by adm1 order by 2 desc, 1`,
      )
    ).rows.length;
  const handGovernorates = async () => (await c.query(`select r.adm1_pcode, count(*) from reports r where ${range} group by 1 order by 2 desc, 1`)).rows.length;
  const handPoints = async () =>
    (
      await c.query(`select r.id, r.type_code, r.occurred_at, r.alleged_party, r.lat, r.lon, r.location_sealed as sealed, ir.incident_id, f.finding->>'verification' as verification
      from reports r
      left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
      left join incidents i on i.id = ir.incident_id
      left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null
      where ${range} order by r.occurred_at desc, r.id desc limit 20001`)
    ).rows.length;

  // The map's points and clusters from the same maintained copy and aggregates the server reads
  // (dashboard_reports, map_monthly: migration 0023), for the secretariat over whole months.
  const handPointsRollup = async () =>
    (
      await c.query(`select d.report_id, d.type_code, d.occurred_at, nullif(d.alleged, '') as alleged_party, d.lat, d.lon, d.location_sealed, d.incident_id, nullif(d.verification, '') as verification
      from dashboard_reports d where d.occurred_at >= '${FROM}T00:00:00Z' and d.occurred_at < '2018-01-01T00:00:00Z' order by d.occurred_at desc, d.report_id desc limit 20001`)
    ).rows.length;
  const handClustersRollup = async () => {
    const up = 2 ** (MAP_LEAF_ZOOM - ZOOM);
    const [w, s, e, n] = BBOX;
    const months = `d.occurred_at >= '${FROM}T00:00:00Z' and d.occurred_at < '2018-01-01T00:00:00Z'`;
    const cols = `d.report_id, d.type_code, d.occurred_at, d.alleged, d.lat, d.lon, d.location_sealed, d.incident_id, d.verification`;
    return (
      await c.query(`with fine as (select gx, gy, sum(reports) as n, sum(sum_lat) as slat, sum(sum_lon) as slon, min(min_lat) as s, max(max_lat) as nn, min(min_lon) as w, max(max_lon) as e
          from map_monthly where scope = 'all' and org = '${NIL}' and dims = 0 and month >= '${FROM}' and month < '2018-01-01' and hidden in (0, 1) group by gx, gy),
        p as (select *, (gx::bigint + 8192) * 16384 + gy + 8192 as k, floor(gx / ${up}::float8) as sx, floor(gy / ${up}::float8) as sy,
                case when w >= ${w} and e <= ${e} and s >= ${s} and nn <= ${n} then 'in' when e < ${w} or w > ${e} or nn < ${s} or s > ${n} then 'out' else 'edge' end as at from fine),
        one as materialized (select ${cols} from p join dashboard_reports d on d.leaf = p.k and ${months} where p.at = 'edge' and d.lon between ${w} and ${e} and d.lat between ${s} and ${n}),
        parts as (select sx, sy, n, slat, slon, s, nn, w, e from p where at = 'in'
          union all select floor(lon / ${CELL}), floor(lat / ${CELL}), 1, lat, lon, lat, lat, lon, lon from one),
        g as (select sx, sy, sum(n) as n, sum(slat) / sum(n) as lat, sum(slon) / sum(n) as lon, min(s) as s, min(w) as w, max(nn) as n2, max(e) as e from parts group by sx, sy),
        few as (select sx, sy from g where n <= 3)
        select n, lat, lon, s, w, n2, e, null::uuid as report_id, null as type_code, null::timestamptz as occurred_at, null as alleged, null::uuid as incident_id, null as verification from g where n > 3
        union all select 1, lat, lon, null, null, null, null, report_id, type_code, occurred_at, alleged, incident_id, verification from one where (floor(lon / ${CELL}), floor(lat / ${CELL})) in (select * from few)
        union all select 1, d.lat, d.lon, null, null, null, null, d.report_id, d.type_code, d.occurred_at, d.alleged, d.incident_id, d.verification
          from p join few on few.sx = p.sx and few.sy = p.sy join dashboard_reports d on d.leaf = p.k and ${months} where p.at = 'in'`)
    ).rows.length;
  };

  const handCells = (res: 5 | 6 | 7, scope: 'all' | 'party') => async () =>
    (
      await c.query(
        scope === 'all'
          ? `select to_hex(h3_r${res}), count(*) from reports r where ${range} group by h3_r${res} order by 2 desc, 1 limit 50001`
          : `select to_hex(k), count(*) from (select case when r.reporter_org = '${partyId}' then h3_r${res} else coalesce(h3_shown_r${res}, h3_r${res}) end as k
               from reports r where ${range} and ${scopeSql('party')}) x group by k order by 2 desc, 1 limit 50001`,
      )
    ).rows.length;

  const handClusters = async () =>
    (
      await c.query(`with v as (select r.id, r.occurred_at, r.lat, r.lon, floor(r.lon / ${CELL}) as gx, floor(r.lat / ${CELL}) as gy from reports r
          where ${range} and r.lon between ${BBOX[0]} and ${BBOX[2]} and r.lat between ${BBOX[1]} and ${BBOX[3]}),
        g as (select gx, gy, count(*) as n, avg(lat) as lat, avg(lon) as lon, min(lat) as s, min(lon) as w, max(lat) as n2, max(lon) as e from v group by gx, gy)
        select n, lat, lon, s, w, n2, e, null::uuid as id, null as type_code, null::timestamptz as occurred_at, null::uuid as alleged_party, null::uuid as incident_id, null as verification from g where n > 3
        union all
        select 1, v.lat, v.lon, null, null, null, null, r.id, r.type_code, r.occurred_at, r.alleged_party, ir.incident_id, f.finding->>'verification'
        from v join g on g.gx = v.gx and g.gy = v.gy and g.n <= 3 join reports r on r.id = v.id
        left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
        left join incidents i on i.id = ir.incident_id
        left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null`)
    ).rows.length;

  return { handDashboard, handRollup, handGovernoratesRollup, handGovernorates, handPoints, handPointsRollup, handClustersRollup, handCells, handClusters };
}
