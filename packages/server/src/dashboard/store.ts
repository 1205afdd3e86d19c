import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * All SQL of the dashboard, map and exports (STYLE #5). Figures are aggregated in the
 * database (GROUP BY week, type, party, governorate) with the reader's visibility as a
 * WHERE clause, so a million incidents never cross into JavaScript.
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
}

/** The current finding of the incident a report belongs to, as a correlated expression. */
const findingOf = sql`(select f.finding->>'verification'
  from incident_reports ir
  join incidents i on i.id = ir.incident_id
  join incident_findings f on f.incident_id = i.id and f.round = i.round and f.reopened_at is null
  where ir.report_id = r.id and ir.removed_at is null limit 1)`;

const incidentOf = sql`(select ir.incident_id from incident_reports ir where ir.report_id = r.id and ir.removed_at is null limit 1)`;

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

function where(scope: Scope, f: Filter, range: { start: Date; end: Date } = f): Frag {
  const conds: Frag[] = [sql`r.occurred_at >= ${range.start}`, sql`r.occurred_at < ${range.end}`, scopeWhere(scope)];
  if (!f.withdrawn) conds.push(sql`r.withdrawn_at is null`);
  if (f.type) conds.push(sql`r.type_code = ${f.type}`);
  if (f.allegedParty) conds.push(sql`r.alleged_party = ${f.allegedParty}`);
  if (f.finding === 'none') conds.push(sql`${findingOf} is null`);
  else if (f.finding) conds.push(sql`${findingOf} = ${f.finding}`);
  return sql.join(conds, sql` and `);
}

const n = (v: unknown) => Number(v ?? 0);

/** Counts by week × type, by alleged party and by governorate, and the totals, in one scan. */
export async function aggregates(db: Db, scope: Scope, f: Filter) {
  const { rows } = await sql<{ g: number; week: string | null; type_code: string | null; alleged_party: string | null; adm1_pcode: string | null; count: string | number }>`
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
             ${withIncidents ? sql`, count(distinct ${incidentOf}) filter (where r.occurred_at >= ${f.start}) as incidents` : sql``}
      from reports r
      where ${where(scope, f, { start: previous.start, end: f.end })}
    `.execute(db)
  ).rows[0];
  return { current: n(row.current), previous: n(row.previous), incidents: withIncidents ? n(row.incidents) : null };
}

/** Casualties from each report's current version; null in a report means not known. */
export async function casualties(db: Db, scope: Scope, f: Filter) {
  const c = (k: string) => sql`(v.content->'casualties'->>${sql.lit(k)})::int`;
  const row = (
    await sql<Record<string, string | number | null>>`
      select coalesce(sum(${c('killedCivilian')}), 0) as kc, coalesce(sum(${c('killedCombatant')}), 0) as kk,
             count(*) filter (where ${c('killedCivilian')} is null or ${c('killedCombatant')} is null) as ku,
             coalesce(sum(${c('injuredCivilian')}), 0) as ic, coalesce(sum(${c('injuredCombatant')}), 0) as ik,
             count(*) filter (where ${c('injuredCivilian')} is null or ${c('injuredCombatant')} is null) as iu
      from reports r
      join report_versions v on v.report_id = r.id and v.version = r.current_version
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
           (v.content->'location'->>'lat')::float8 as lat, (v.content->'location'->>'lon')::float8 as lon,
           coalesce((v.content->>'sealLocation')::boolean, false) as sealed,
           ${incidentOf} as incident_id, ${findingOf} as verification
    from reports r
    join report_versions v on v.report_id = r.id and v.version = r.current_version
    where ${where(scope, f)}
    order by r.occurred_at desc, r.id desc
    limit ${limit}
  `.execute(db);
  return rows;
}

/** Counts per governorate p-code, for the choropleth. */
export async function perGovernorate(db: Db, scope: Scope, f: Filter) {
  const { rows } = await sql<{ adm1_pcode: string | null; count: string | number }>`
    select r.adm1_pcode, count(*) as count from reports r where ${where(scope, f)} group by r.adm1_pcode order by count(*) desc, r.adm1_pcode
  `.execute(db);
  return rows.map((x) => ({ pcode: x.adm1_pcode, count: n(x.count) }));
}

/** Whole reports (current version) for exports: oldest first, at most `limit`. */
export async function exportRows(db: Db, scope: Scope, f: Filter, limit: number) {
  const { rows } = await sql<{
    id: string;
    reporter_org: string;
    reporter_user: string;
    created_at: Date | string;
    current_version: number;
    alleged_party: string | null;
    affected_party: string | null;
    adm1_pcode: string | null;
    adm2_pcode: string | null;
    outside_zones: boolean;
    outside_dates: boolean;
    withdrawn_at: Date | string | null;
    withdrawn_reason: string | null;
    content: unknown;
    areas: unknown;
  }>`
    select r.id, r.reporter_org, r.reporter_user, r.created_at, r.current_version, r.alleged_party, r.affected_party,
           r.adm1_pcode, r.adm2_pcode, r.outside_zones, r.outside_dates, r.withdrawn_at, r.withdrawn_reason, v.content, v.areas
    from reports r
    join report_versions v on v.report_id = r.id and v.version = r.current_version
    where ${where(scope, { ...f, withdrawn: true })}
    order by r.occurred_at, r.id
    limit ${limit}
  `.execute(db);
  return rows;
}
