import { sql, type Kysely } from 'kysely';

/**
 * Maintained aggregates for the dashboard over a million reports (issue 3): the dashboard
 * reads thousands of rollup rows instead of scanning every report. They are kept exact by
 * dashboard/rollup/, which catches up from a durable cursor over the log: for each report
 * or incident an entry touches, it subtracts what that report or incident counted for
 * (kept in dashboard_reports and dashboard_open) and adds what it counts for now.
 *
 * - dashboard_reports: each live report as it is counted (day, type, alleged party,
 *   affected party, filer, its incident's adopted verification, governorate, casualties).
 * - dashboard_daily: per reader scope ('all'; 'concerning' an organisation: filed by it,
 *   accusing it or saying it was hit; 'filed' by an organisation) and per day, the counts
 *   for every combination of type, alleged party, verification and governorate, each
 *   either a value or '*' (any): `dims` says which are values (bits 1, 2, 4, 8). `incidents`
 *   counts the incidents with a report in the cell that day; dashboard_incident_pairs counts
 *   each incident's consecutive days in a cell, so that distinct incidents over a period are
 *   the sum of the first minus the pairs inside the period (exact, see rollup/sql.ts).
 * - dashboard_open: each open incident's part in the open items, per reader scope;
 *   dashboard_open_daily sums it per reply-deadline day.
 *
 * The cursor starts at -1: the first catch-up builds everything from the tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dashboard_cursor (
      id integer primary key check (id = 1),
      log_index bigint not null
    );
    insert into dashboard_cursor (id, log_index) values (1, -1);

    create table dashboard_reports (
      report_id uuid primary key,
      incident_id uuid,
      day date not null,
      type_code text not null,
      alleged text not null,
      affected_party uuid,
      reporter_org uuid not null,
      verification text not null,
      adm1 text not null,
      killed_civilian integer,
      killed_combatant integer,
      injured_civilian integer,
      injured_combatant integer
    );
    create index dashboard_reports_incident_idx on dashboard_reports (incident_id);

    create table dashboard_daily (
      scope text not null,
      org uuid not null,
      dims smallint not null,
      day date not null,
      type_code text not null,
      alleged text not null,
      verification text not null,
      adm1 text not null,
      reports bigint not null,
      killed_civilian bigint not null,
      killed_combatant bigint not null,
      killed_unknown bigint not null,
      injured_civilian bigint not null,
      injured_combatant bigint not null,
      injured_unknown bigint not null,
      incidents bigint not null,
      primary key (scope, org, dims, day, type_code, alleged, verification, adm1)
    );
    create index dashboard_daily_zero_idx on dashboard_daily (scope) where reports = 0;

    create table dashboard_incident_pairs (
      scope text not null,
      org uuid not null,
      dims smallint not null,
      type_code text not null,
      alleged text not null,
      verification text not null,
      day1 date not null,
      day2 date not null,
      n bigint not null,
      primary key (scope, org, dims, type_code, alleged, verification, day1, day2)
    );
    create index dashboard_incident_pairs_zero_idx on dashboard_incident_pairs (scope) where n = 0;

    create table dashboard_open (
      incident_id uuid not null,
      scope text not null,
      org uuid not null,
      reply_deadline timestamptz not null,
      assessors integer not null,
      unreplied integer not null,
      disagree boolean not null,
      primary key (incident_id, scope, org)
    );
    create index dashboard_open_deadline_idx on dashboard_open (scope, org, reply_deadline);

    create table dashboard_open_daily (
      scope text not null,
      org uuid not null,
      day date not null,
      assessors integer not null,
      incidents bigint not null,
      unreplied bigint not null,
      disagreements bigint not null,
      primary key (scope, org, day, assessors)
    );
    create index dashboard_open_daily_zero_idx on dashboard_open_daily (scope) where incidents = 0;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table dashboard_open_daily, dashboard_open, dashboard_incident_pairs, dashboard_daily, dashboard_reports, dashboard_cursor`.execute(db);
}
