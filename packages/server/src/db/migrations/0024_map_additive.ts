import { sql, type Kysely } from 'kysely';

/**
 * map_monthly becomes additive (dashboard/rollup.ts): a catch-up adds and subtracts counts
 * and coordinate sums like dashboard_daily's instead of recounting whole squares, so rows
 * whose count falls to zero are deleted through a partial index, as in migration 0014.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index map_monthly_zero_idx on map_monthly (scope) where reports = 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index map_monthly_zero_idx`.execute(db);
}
