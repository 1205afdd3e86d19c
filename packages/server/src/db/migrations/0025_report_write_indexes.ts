import { sql, type Kysely } from 'kysely';

/**
 * Fewer indexes to write per filing (issue 3's ingestion under load): the single-column
 * indexes on a report's filer, accused and affected party (migration 0005) are each the
 * leading column of the (party, occurred_at) indexes of migration 0007, which serve every
 * lookup they served.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists reports_reporter_idx, reports_alleged_idx, reports_affected_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index reports_reporter_idx on reports (reporter_org);
    create index reports_alleged_idx on reports (alleged_party);
    create index reports_affected_idx on reports (affected_party);
  `.execute(db);
}
