import { sql, type Kysely } from 'kysely';

/**
 * Incidents (C3): reports of one event, grouped by a person. Nothing is deleted:
 * membership rows are closed (removed_at) when a report is split off; an incident merged
 * into another keeps a pointer to it; assessments are appended (the latest of each
 * guarantor in the current round counts); findings are a history with reopenings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The secretariat's settings for grouping proposals (defaults: 6 hours, 5 km).
    alter table mechanism add column grouping_window_hours integer not null default 6;
    alter table mechanism add column grouping_distance_km double precision not null default 5;

    create table incidents (
      id uuid primary key,
      created_at timestamptz not null default now(),
      created_by uuid not null references users(id),
      reply_deadline timestamptz not null,
      round integer not null default 1,
      merged_into uuid references incidents(id),
      version integer not null default 1
    );

    create table incident_reports (
      incident_id uuid not null references incidents(id),
      report_id uuid not null references reports(id),
      added_at timestamptz not null default now(),
      added_by uuid not null references users(id),
      removed_at timestamptz,
      removed_by uuid references users(id)
    );
    create index incident_reports_incident_idx on incident_reports (incident_id);
    -- A report belongs to at most one incident at a time.
    create unique index incident_reports_current_key on incident_reports (report_id) where removed_at is null;

    create table incident_replies (
      id uuid primary key,
      incident_id uuid not null references incidents(id),
      party_id uuid not null references organisations(id),
      text text not null,
      evidence jsonb not null default '[]',
      created_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index incident_replies_incident_idx on incident_replies (incident_id);

    create table incident_assessments (
      id uuid primary key,
      incident_id uuid not null references incidents(id),
      round integer not null,
      guarantor_id uuid not null references organisations(id),
      verification text not null check (verification in ('corroborated','not-corroborated','outside-agreement','inadmissible')),
      attribution jsonb not null,
      reasoning text not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index incident_assessments_incident_idx on incident_assessments (incident_id, round);

    create table incident_findings (
      incident_id uuid not null references incidents(id),
      round integer not null,
      finding jsonb not null,
      basis jsonb not null,
      adopted_at timestamptz not null default now(),
      reopened_at timestamptz,
      reopened_by uuid references users(id),
      reopen_reason text,
      primary key (incident_id, round)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table incident_findings, incident_assessments, incident_replies, incident_reports, incidents;
    alter table mechanism drop column grouping_window_hours, drop column grouping_distance_km`.execute(db);
}
