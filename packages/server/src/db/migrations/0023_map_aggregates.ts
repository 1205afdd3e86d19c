import { sql, type Kysely } from 'kysely';

/**
 * Maintained aggregates for the map over a million reports (issue 3), kept exact from the
 * log by dashboard/rollup/ with the dashboard's own (migration 0014).
 *
 * - dashboard_reports also keeps each live report's time, place and whether its place is
 *   sealed, and the square of a fixed fine grid (MAP_LEAF_DEGREES, 90/2^11 degrees, ~5 km)
 *   its place falls in, exactly (`leaf`) and rounded as readers who may not see a sealed
 *   place are shown it (`leaf_shown`, sealed places only). The map's points read it newest
 *   first instead of joining each report to its incident and finding.
 * - map_monthly: per reader scope (as dashboard_daily: 'all'; 'concerning' an organisation;
 *   'filed' by one), per UTC month and per fine square of the place the scope's readers are
 *   shown, the reports' count, the sums of their latitudes and longitudes and their extent,
 *   for type, alleged party and verification each either a value or '*' (at most one a
 *   value: `dims` bits 1, 2, 4 as in dashboard_daily). `hidden` says how a sealed place is
 *   shown: 0 not sealed, or sealed and filed by the scope's organisation; 1 sealed, exact
 *   (scope 'all', for readers who may see every sealed place); 2 sealed, rounded. Map
 *   clusters at any zoom up to 11 are sums of these squares (the zoom's grid nests the fine one).
 *
 * The dashboard's cursor goes back to -1: the next catch-up rebuilds everything, these included.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table dashboard_reports
      add column occurred_at timestamptz,
      add column lat double precision,
      add column lon double precision,
      add column location_sealed boolean not null default false,
      add column leaf bigint,
      add column leaf_shown bigint;
    create index dashboard_reports_occurred_idx on dashboard_reports (occurred_at, report_id)
      include (type_code, alleged, affected_party, reporter_org, verification, incident_id, lat, lon, location_sealed);
    create index dashboard_reports_leaf_idx on dashboard_reports (leaf, occurred_at);
    create index dashboard_reports_leaf_shown_idx on dashboard_reports (leaf_shown, occurred_at) where leaf_shown is not null;

    create table map_monthly (
      scope text not null,
      org uuid not null,
      dims smallint not null,
      type_code text not null,
      alleged text not null,
      verification text not null,
      month date not null,
      hidden smallint not null,
      gx integer not null,
      gy integer not null,
      reports bigint not null,
      sum_lat double precision not null,
      sum_lon double precision not null,
      min_lat double precision not null,
      max_lat double precision not null,
      min_lon double precision not null,
      max_lon double precision not null,
      primary key (scope, org, dims, type_code, alleged, verification, month, hidden, gx, gy)
    );
    create index map_monthly_square_idx on map_monthly (gx, gy, month);

    update dashboard_cursor set log_index = -1 where id = 1;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table map_monthly;
    drop index dashboard_reports_occurred_idx, dashboard_reports_leaf_idx, dashboard_reports_leaf_shown_idx;
    alter table dashboard_reports drop column occurred_at, drop column lat, drop column lon, drop column location_sealed, drop column leaf, drop column leaf_shown;
  `.execute(db);
}
