import { sql, type Kysely } from 'kysely';

/**
 * A fair process (C3): the reply period can be ended early by the secretariat only with
 * a recorded reason; an incident whose assessments meet the decision rule while the reply
 * period is still open is marked, so that the background check adopts its finding once the
 * deadline passes; and the mechanism says what each reader reads of an adopted incident.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table incidents add column reply_period_ended_at timestamptz;
    alter table incidents add column reply_period_ended_by uuid references users(id);
    alter table incidents add column reply_period_end_reason text;
    alter table incidents add column adoption_waits boolean not null default false;
    -- The background check looks only at incidents waiting for their deadline.
    create index incidents_adoption_waits_idx on incidents (reply_deadline) where adoption_waits;
    alter table mechanism add column adopted_incident_disclosure jsonb not null
      default '{"reasoning":["reporting-party","accused-party"],"reply":["reporting-party","accused-party"]}';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index incidents_adoption_waits_idx;
    alter table incidents drop column reply_period_ended_at, drop column reply_period_ended_by, drop column reply_period_end_reason, drop column adoption_waits;
    alter table mechanism drop column adopted_incident_disclosure;
  `.execute(db);
}
