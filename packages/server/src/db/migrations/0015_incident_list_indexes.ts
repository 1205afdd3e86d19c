import { sql, type Kysely } from 'kysely';

/**
 * The incident list filtered and paged in SQL (incidents/store.ts listIncidents): live
 * incidents newest first, walked by the (created_at, id) cursor from an index; the
 * current reports of each incident for the reader's scope and the filters. The current
 * finding of an incident already has incident_findings_current_idx (0007).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index incidents_list_idx on incidents (created_at desc, id desc) where merged_into is null;
    create index incident_reports_current_idx on incident_reports (incident_id, report_id) where removed_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index incidents_list_idx, incident_reports_current_idx`.execute(db);
}
