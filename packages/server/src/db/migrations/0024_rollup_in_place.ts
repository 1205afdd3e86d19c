import { sql, type Kysely } from 'kysely';

/**
 * The dashboard's and the map's aggregates are updated in place (dashboard/rollup/): every
 * filing adds to some fifty of their rows, and map_monthly now takes signed additions too.
 *
 * - The partial indexes that found rows counted down to zero (migration 0014) name the
 *   count in their predicate, which kept PostgreSQL from updating any row in place (a
 *   "HOT" update: no new index entries); the catch-up now deletes those rows by key instead.
 * - Pages are filled to 70% so that an updated row finds room on its own page.
 * Existing rows keep their pages until the next rebuild; new ones get the room.
 */
const TABLES = ['dashboard_daily', 'dashboard_incident_pairs', 'dashboard_open_daily', 'map_monthly'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists dashboard_daily_zero_idx, dashboard_incident_pairs_zero_idx, dashboard_open_daily_zero_idx`.execute(db);
  for (const t of TABLES) await sql`alter table ${sql.table(t)} set (fillfactor = 70)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) await sql`alter table ${sql.table(t)} reset (fillfactor)`.execute(db);
  await sql`
    create index dashboard_daily_zero_idx on dashboard_daily (scope) where reports = 0;
    create index dashboard_incident_pairs_zero_idx on dashboard_incident_pairs (scope) where n = 0;
    create index dashboard_open_daily_zero_idx on dashboard_open_daily (scope) where incidents = 0;
  `.execute(db);
}
