import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the dashboard, map and exports (C8, C10). Their queries filter live
 * (not withdrawn) reports by time and by the reader's scope, and group by type, party
 * and governorate: a partial index on time that carries those columns answers the
 * whole-mechanism views from the index alone, and (organisation, time) indexes answer a
 * party's or a monitor's view without scanning everyone else's reports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index reports_live_occurred_idx on reports (occurred_at)
      include (type_code, alleged_party, affected_party, reporter_org, adm1_pcode) where withdrawn_at is null;
    create index reports_reporter_occurred_idx on reports (reporter_org, occurred_at);
    create index reports_alleged_occurred_idx on reports (alleged_party, occurred_at);
    create index reports_affected_occurred_idx on reports (affected_party, occurred_at);
    create index reports_type_occurred_idx on reports (type_code, occurred_at);
    create index incident_findings_current_idx on incident_findings (incident_id, round) where reopened_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index reports_live_occurred_idx, reports_reporter_occurred_idx, reports_alleged_occurred_idx,
    reports_affected_occurred_idx, reports_type_occurred_idx, incident_findings_current_idx`.execute(db);
}
