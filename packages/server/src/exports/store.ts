import { sql, type Kysely } from 'kysely';
import { labelIn } from '@truce/core/mechanism/labels';
import type { OrgKind } from '@truce/core/model/accounts';
import type { Database } from '../db/index.ts';
import { storedLabels } from '../mechanism/index.ts';
import { membership, where, type Filter, type Scope } from '../dashboard/index.ts';

/**
 * All SQL of the exports (STYLE #5). Reports are read a page at a time in a stable order
 * (occurred, then id), each page its own short query: a large export never holds a
 * transaction, or the embedded engine's single connection, while the answer travels to a
 * slow client. The reader's scope is the dashboard's (same WHERE clause, same policy).
 */
type Db = Kysely<Database>;

export interface ReportExportRow {
  id: string;
  reporter_org: string;
  alleged_party: string | null;
  alleged_group: string | null;
  affected_party: string | null;
  created_at: Date | string;
  current_version: number;
  outside_zones: boolean;
  outside_dates: boolean;
  withdrawn_at: Date | string | null;
  content: unknown;
  areas: unknown;
  version_created_at: Date | string;
  incident_id: string | null;
  verification: string | null;
}

/** How many reports the export would hold, before its row limit. */
export async function countReports(db: Db, scope: Scope, f: Filter): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from reports r where ${where(scope, f)}`.execute(db);
  return Number(rows[0].n);
}

/** One page of reports with their current version, oldest first, after the report `after` (the last of the previous page). */
export async function reportPage(db: Db, scope: Scope, f: Filter, after: string | null, limit: number): Promise<ReportExportRow[]> {
  const cursor = after === null ? sql`true` : sql`(r.occurred_at, r.id) > (select c.occurred_at, c.id from reports c where c.id = ${after})`;
  const { rows } = await sql<ReportExportRow>`
    select r.id, r.reporter_org, r.alleged_party, r.alleged_group, r.affected_party, r.created_at, r.current_version,
           r.outside_zones, r.outside_dates, r.withdrawn_at, v.content, v.areas, v.created_at as version_created_at,
           ir.incident_id, f.finding->>'verification' as verification
    from reports r
    join report_versions v on v.report_id = r.id and v.version = r.current_version
    ${membership}
    where ${where(scope, f)} and ${cursor}
    order by r.occurred_at, r.id
    limit ${limit}
  `.execute(db);
  return rows;
}

/**
 * The names an export gives: organisations, excluded groups, and the taxonomy's labels and
 * ACLED types, in the reader's language (English where an item has no label in it).
 * Small tables, read once per export.
 */
export async function names(db: Db, language: string) {
  const [orgs, groups, types] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name', 'labels', 'kind']).execute(),
    db.selectFrom('excluded_groups').select(['id', 'name', 'labels']).execute(),
    db.selectFrom('taxonomy').select(['code', 'label', 'labels', 'acled_event_type', 'acled_sub_event_type']).execute(),
  ]);
  const label = (labels: unknown, english: string) => labelIn(storedLabels(labels, english), language);
  return {
    language,
    organisations: new Map(orgs.map((o) => [o.id, { name: label(o.labels, o.name), nameEn: o.name, kind: o.kind as OrgKind }])),
    groups: new Map(groups.map((g) => [g.id, label(g.labels, g.name)])),
    groupsEn: new Map(groups.map((g) => [g.id, g.name])),
    types: new Map(
      types.map((t) => [t.code, { label: label(t.labels, t.label), acledEventType: t.acled_event_type, acledSubEventType: t.acled_sub_event_type }]),
    ),
  };
}
export type Names = Awaited<ReturnType<typeof names>>;

/** The current reports of incidents, with what an incident export shows of them. */
export function incidentReports(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('incident_reports')
    .innerJoin('reports', 'reports.id', 'incident_reports.report_id')
    .select([
      'incident_reports.incident_id',
      'reports.id',
      'reports.reporter_org',
      'reports.alleged_party',
      'reports.affected_party',
      'reports.occurred_at',
      'reports.type_code',
      'reports.adm1_pcode',
      'reports.lat',
      'reports.lon',
      'reports.location_sealed',
      'reports.killed_civilian',
      'reports.killed_combatant',
      'reports.injured_civilian',
      'reports.injured_combatant',
    ])
    .where('incident_reports.incident_id', 'in', incidentIds)
    .where('incident_reports.removed_at', 'is', null)
    .orderBy('reports.occurred_at')
    .orderBy('reports.id')
    .execute();
}
