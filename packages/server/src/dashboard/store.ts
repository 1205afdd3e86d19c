import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.ts';

/**
 * All SQL of the dashboard, map and exports (STYLE #5). Figures are aggregated in the
 * database (GROUP BY week, type, party, governorate) with the reader's visibility as a
 * WHERE clause, so a million incidents never cross into JavaScript. The dashboard itself
 * reads maintained aggregates (rollup/); totals, aggregates, casualties and openItems here
 * compute the same figures from the tables, the reference its tests compare them with.
 */
type Db = Kysely<Database>;
type Frag = RawBuilder<unknown>;

export const VERIFICATIONS = ['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible'] as const;

/** Which reports a reader sees, in SQL terms (the policy's `report.read`, as a scope). */
export type Scope = { kind: 'all' } | { kind: 'concerning'; orgId: string } | { kind: 'filedBy'; orgId: string } | { kind: 'none' };

export interface Filter {
  start: Date;
  end: Date;
  type?: string;
  allegedParty?: string;
  /** A verification of the adopted finding of the report's incident, or "none" (no finding adopted). */
  finding?: (typeof VERIFICATIONS)[number] | 'none';
  /** Include withdrawn reports (exports show them, marked). */
  withdrawn?: boolean;
  /** The governorate's p-code. */
  governorate?: string;
  /** Only reports in no incident yet. */
  ungrouped?: boolean;
}

/**
 * Whether the incident a report currently belongs to (at most one) has a current finding
 * with the given verification (or any, for "none"): a semi-join the planner can run as a
 * hash or merge join, not a subquery per report.
 */
const hasFinding = (verification: Frag) => sql`exists (select 1 from incident_reports ir
  join incidents i on i.id = ir.incident_id
  join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null
  where ir.report_id = r.id and ir.removed_at is null and ${verification})`;

/** The report's current incident (ir) and that incident's current finding (f), joined to reports r. */
export const membership = sql`left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null
  left join incidents i on i.id = ir.incident_id
  left join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null`;

export function scopeWhere(scope: Scope): Frag {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'filedBy':
      return sql`r.reporter_org = ${scope.orgId}`;
    case 'concerning':
      return sql`(r.reporter_org = ${scope.orgId} or r.alleged_party = ${scope.orgId} or r.affected_party = ${scope.orgId})`;
  }
}

/** The reader's scope and the filter as a WHERE clause on reports `r` (the exports use it too). */
export function where(scope: Scope, f: Filter, range: { start: Date; end: Date } = f): Frag {
  const conds: Frag[] = [sql`r.occurred_at >= ${range.start}`, sql`r.occurred_at < ${range.end}`, scopeWhere(scope)];
  if (!f.withdrawn) conds.push(sql`r.withdrawn_at is null`);
  if (f.type) conds.push(sql`r.type_code = ${f.type}`);
  if (f.allegedParty) conds.push(sql`r.alleged_party = ${f.allegedParty}`);
  if (f.finding === 'none') conds.push(sql`not ${hasFinding(sql`f.finding->>'verification' is not null`)}`);
  else if (f.finding) conds.push(hasFinding(sql`f.finding->>'verification' = ${f.finding}`));
  if (f.governorate) conds.push(sql`r.adm1_pcode = ${f.governorate}`);
  if (f.ungrouped)
    conds.push(
      sql`not exists (select 1 from incident_reports ir join incidents i on i.id = ir.incident_id where ir.report_id = r.id and ir.removed_at is null and i.merged_into is null)`,
    );
  return sql.join(conds, sql` and `);
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Runs the dashboard's or the map's reads in one read-only transaction, with the settings
 * of a query that aggregates a million rows once: enough work memory for its hash tables
 * to stay in memory, and no JIT compilation (which costs more than it saves at this size:
 * measured in bench/dashboard.ts, whose hand-written SQL runs with the same settings).
 */
export const READ_SETTINGS = { jit: 'off', work_mem: '64MB' } as const;
export function reading<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set transaction read only`.execute(tx);
    await sql`select ${sql.join(Object.entries(READ_SETTINGS).map(([k, v]) => sql`set_config(${k}, ${v}, true)`))}`.execute(tx);
    return fn(tx);
  });
}

/** Counts by week × type, by alleged party and by governorate, and the totals, in one scan. */
export async function aggregates(db: Db, scope: Scope, f: Filter) {
  const { rows } = await sql<{
    g: number;
    week: string | null;
    type_code: string | null;
    alleged_party: string | null;
    adm1_pcode: string | null;
    count: string | number;
  }>`
    select grouping(week, r.type_code, r.alleged_party, r.adm1_pcode) as g,
           to_char(week, 'YYYY-MM-DD') as week, r.type_code, r.alleged_party, r.adm1_pcode, count(*) as count
    from reports r
    cross join lateral (select date_trunc('week', r.occurred_at at time zone 'UTC') as week) w
    where ${where(scope, f)}
    group by grouping sets ((week, r.type_code), (r.alleged_party), (r.adm1_pcode))
  `.execute(db);
  // grouping() bits, most significant first: week, type, party, pcode (1 = rolled up).
  const byWeek = rows.filter((x) => n(x.g) === 0b0011).map((x) => ({ week: x.week!, type: x.type_code!, count: n(x.count) }));
  const byParty = rows.filter((x) => n(x.g) === 0b1101).map((x) => ({ partyId: x.alleged_party, count: n(x.count) }));
  const byGovernorate = rows.filter((x) => n(x.g) === 0b1110).map((x) => ({ pcode: x.adm1_pcode, count: n(x.count) }));
  byWeek.sort((a, b) => a.week.localeCompare(b.week) || a.type.localeCompare(b.type));
  byParty.sort((a, b) => b.count - a.count || String(a.partyId).localeCompare(String(b.partyId)));
  byGovernorate.sort((a, b) => b.count - a.count || String(a.pcode).localeCompare(String(b.pcode)));
  return { byWeek, byParty, byGovernorate };
}

/** Reports in the current and the previous period, and distinct incidents now, in one scan. */
export async function totals(db: Db, scope: Scope, f: Filter, previous: { start: Date; end: Date }, withIncidents: boolean) {
  const row = (
    await sql<Record<string, string | number | null>>`
      select count(*) filter (where r.occurred_at >= ${f.start}) as current,
             count(*) filter (where r.occurred_at < ${f.start}) as previous
             ${withIncidents ? sql`, count(distinct ir.incident_id) filter (where r.occurred_at >= ${f.start}) as incidents` : sql``}
      from reports r
      ${withIncidents ? sql`left join incident_reports ir on ir.report_id = r.id and ir.removed_at is null` : sql``}
      where ${where(scope, f, { start: previous.start, end: f.end })}
    `.execute(db)
  ).rows[0];
  return { current: n(row.current), previous: n(row.previous), incidents: withIncidents ? n(row.incidents) : null };
}

/** Casualties of each report's current version (copied on its header, 0012); null in a report means not known. */
export async function casualties(db: Db, scope: Scope, f: Filter) {
  const row = (
    await sql<Record<string, string | number | null>>`
      select coalesce(sum(r.killed_civilian), 0) as kc, coalesce(sum(r.killed_combatant), 0) as kk,
             count(*) filter (where r.killed_civilian is null or r.killed_combatant is null) as ku,
             coalesce(sum(r.injured_civilian), 0) as ic, coalesce(sum(r.injured_combatant), 0) as ik,
             count(*) filter (where r.injured_civilian is null or r.injured_combatant is null) as iu
      from reports r
      where ${where(scope, f)}
    `.execute(db)
  ).rows[0];
  return {
    killed: { civilian: n(row.kc), combatant: n(row.kk), unknownCount: n(row.ku) },
    injured: { civilian: n(row.ic), combatant: n(row.ik), unknownCount: n(row.iu) },
  };
}

/**
 * Open items over the incidents a reader may follow that have no adopted finding:
 * accused parties whose reply is due or overdue, guarantors' assessments missing in the
 * current round, and incidents whose assessments disagree on verification.
 */
export async function openItems(db: Db, scope: Scope, now: Date) {
  const visible =
    scope.kind === 'all'
      ? sql`true`
      : sql`exists (select 1 from incident_reports ir join reports r on r.id = ir.report_id where ir.incident_id = i.id and ir.removed_at is null and ${scopeWhere(scope)})`;
  const row = (
    await sql<Record<string, string | number | null>>`
      with open as (
        select i.id, i.round, i.reply_deadline from incidents i
        where i.merged_into is null and ${visible}
          and not exists (select 1 from incident_findings f where f.incident_id = i.id and f.round = i.round and f.reopened_at is null)
      ),
      accused as (
        select distinct o.id, o.reply_deadline, r.alleged_party as party
        from open o join incident_reports ir on ir.incident_id = o.id and ir.removed_at is null
        join reports r on r.id = ir.report_id
        where r.alleged_party is not null
          and not exists (select 1 from incident_replies p where p.incident_id = o.id and p.party_id = r.alleged_party)
      ),
      latest as (
        -- The latest assessment of each guarantor in the current round is the one that counts.
        select distinct on (a.incident_id, a.guarantor_id) a.incident_id, a.guarantor_id, a.verification
        from incident_assessments a join open o on o.id = a.incident_id and a.round = o.round
        order by a.incident_id, a.guarantor_id, a.created_at desc, a.id desc
      ),
      assessed as (
        select o.id, count(l.guarantor_id) as assessors, count(distinct l.verification) as verdicts
        from open o left join latest l on l.incident_id = o.id
        group by o.id
      )
      select
        (select count(*) from accused where reply_deadline >= ${now}) as replies_due,
        (select count(*) from accused where reply_deadline < ${now}) as no_reply,
        (select count(*) from assessed where assessors < (select count(*) from organisations where kind = 'guarantor')) as assessments_missing,
        (select count(*) from assessed where verdicts > 1) as disagreements
    `.execute(db)
  ).rows[0];
  return { repliesDue: n(row.replies_due), noReply: n(row.no_reply), assessmentsMissing: n(row.assessments_missing), disagreements: n(row.disagreements) };
}

export interface PointRow {
  id: string;
  reporter_org: string;
  alleged_party: string | null;
  affected_party: string | null;
  type_code: string;
  occurred_at: Date | string;
  lat: number | string;
  lon: number | string;
  sealed: boolean;
  incident_id: string | null;
  verification: string | null;
}

/** Points for the map: newest first, at most `limit`. */
export async function points(db: Db, scope: Scope, f: Filter, limit: number) {
  const { rows } = await sql<PointRow>`
    select r.id, r.reporter_org, r.alleged_party, r.affected_party, r.type_code, r.occurred_at,
           r.lat, r.lon, r.location_sealed as sealed, ir.incident_id, f.finding->>'verification' as verification
    from reports r
    ${membership}
    where ${where(scope, f)}
    order by r.occurred_at desc, r.id desc
    limit ${limit}
  `.execute(db);
  return rows;
}

/** A view of the map: its bounds in degrees and the side of a grid cell in degrees. */
export interface Grid {
  west: number;
  south: number;
  east: number;
  north: number;
  cell: number;
}

export type ClusterRow =
  | { kind: 'cluster'; count: number; lat: number; lon: number; south: number; west: number; north: number; east: number }
  | ({ kind: 'point' } & PointRow);

/**
 * The map's view at one zoom, bounded whatever the number of reports: the reports at their
 * shown place (a sealed place rounded to 0.1° as presentReport does, unless this reader may
 * see it) inside the view, binned on a grid of cell-degree squares; a square holding more
 * than `pointsUpTo` reports is one cluster (count, mean place, extent), a square holding
 * fewer gives its reports as points. Clusters with most reports first, then points newest first.
 */
export async function clusters(db: Db, scope: Scope, f: Filter, sealed: SealedScope, grid: Grid, pointsUpTo: number) {
  const seen = sealed.kind === 'all' ? sql`true` : sql`r.reporter_org = ${sealed.orgId}`;
  const { rows } = await sql<Record<string, unknown>>`
    with shown as materialized (
      select r.id, r.occurred_at, r.location_sealed and not (${seen}) as rounded,
             case when r.location_sealed and not (${seen}) then floor(r.lat * 10 + 0.5) / 10 else r.lat end as lat,
             case when r.location_sealed and not (${seen}) then floor(r.lon * 10 + 0.5) / 10 else r.lon end as lon
      from reports r
      where ${where(scope, f)} and r.lat is not null
    ),
    inview as materialized (
      select s.*, floor(s.lon / ${grid.cell}::float8) as gx, floor(s.lat / ${grid.cell}::float8) as gy from shown s
      where s.lon >= ${grid.west}::float8 and s.lon <= ${grid.east}::float8 and s.lat >= ${grid.south}::float8 and s.lat <= ${grid.north}::float8
    ),
    cells as (
      select gx, gy, count(*) as n, avg(lat) as lat, avg(lon) as lon, min(lat) as south, min(lon) as west, max(lat) as north, max(lon) as east
      from inview group by gx, gy
    )
    select 'cluster' as kind, c.n as count, c.lat, c.lon, c.south, c.west, c.north, c.east,
           null::uuid as id, null::uuid as reporter_org, null::uuid as alleged_party, null::uuid as affected_party, null as type_code, null::timestamptz as occurred_at,
           null::boolean as sealed, null::uuid as incident_id, null as verification
    from cells c where c.n > ${pointsUpTo}
    union all
    select 'point', 1, v.lat, v.lon, null, null, null, null,
           r.id, r.reporter_org, r.alleged_party, r.affected_party, r.type_code, r.occurred_at, v.rounded, ir.incident_id, f.finding->>'verification'
    from inview v join cells c on c.gx = v.gx and c.gy = v.gy and c.n <= ${pointsUpTo}
    join reports r on r.id = v.id
    ${membership}
    order by 1, 2 desc, occurred_at desc, id desc
  `.execute(db);
  return rows.map((x): ClusterRow => {
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
    return { kind: 'point', ...(x as unknown as PointRow) };
  });
}

/** Counts per governorate p-code, for the choropleth. */
export async function perGovernorate(db: Db, scope: Scope, f: Filter) {
  const { rows } = await sql<{ adm1_pcode: string | null; count: string | number }>`
    select r.adm1_pcode, count(*) as count from reports r where ${where(scope, f)} group by r.adm1_pcode order by count(*) desc, r.adm1_pcode
  `.execute(db);
  return rows.map((x) => ({ pcode: x.adm1_pcode, count: n(x.count) }));
}

/**
 * Whose sealed places a reader sees exactly, in SQL terms (the policy's
 * `report.read.sealed`): every report's, or only those its organisation filed.
 */
export type SealedScope = { kind: 'all' } | { kind: 'filedBy'; orgId: string };

/**
 * Counts per H3 cell at resolution 5, 6 or 7 (migration 0011), most first, at most
 * `limit`; cells as hexadecimal H3 indexes. A report whose place is sealed for this
 * reader counts in the cell of its rounded place (`h3_shown_rN`), the place its point is
 * shown at: a small cell never tells more than the map's points and the exports do.
 */
export async function perCell(db: Db, scope: Scope, f: Filter, resolution: 5 | 6 | 7, sealed: SealedScope, limit: number) {
  const exact = sql.ref(`r.h3_r${resolution}`);
  const shown = sql.ref(`r.h3_shown_r${resolution}`);
  const cell = sealed.kind === 'all' ? exact : sql`case when r.reporter_org = ${sealed.orgId} then ${exact} else coalesce(${shown}, ${exact}) end`;
  const { rows } = await sql<{ cell: string; count: string | number }>`
    select to_hex(c.cell) as cell, c.count from (
      select ${cell} as cell, count(*) as count from reports r where ${where(scope, f)} group by 1
    ) c where c.cell is not null order by c.count desc, c.cell limit ${limit}
  `.execute(db);
  return rows.map((x) => ({ cell: x.cell.padStart(15, '0'), count: n(x.count) }));
}
