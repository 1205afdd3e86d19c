import { sql, type Kysely } from 'kysely';

/**
 * Violation reports (C2). A report is a header (who filed it, its state) and its
 * versions: every correction is a new row in report_versions, never an update. The
 * header keeps copies of what lists filter on (current version's time, type, parties,
 * governorate) so that lists need no JSON digging; they change only with a new version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reports (
      id uuid primary key,
      reporter_org uuid not null references organisations(id),
      reporter_user uuid not null references users(id),
      created_at timestamptz not null default now(),
      current_version integer not null,
      occurred_at timestamptz not null,
      type_code text not null,
      alleged_party uuid references organisations(id),
      alleged_group uuid references excluded_groups(id),
      affected_party uuid references organisations(id),
      adm1_pcode text,
      adm2_pcode text,
      outside_zones boolean not null default false,
      outside_dates boolean not null default false,
      withdrawn_at timestamptz,
      withdrawn_by uuid references users(id),
      withdrawn_reason text
    );
    create index reports_occurred_idx on reports (occurred_at);
    create index reports_reporter_idx on reports (reporter_org);
    create index reports_alleged_idx on reports (alleged_party);
    create index reports_affected_idx on reports (affected_party);

    create table report_versions (
      report_id uuid not null references reports(id),
      version integer not null,
      content jsonb not null,
      areas jsonb not null,
      change_note text not null default '',
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      primary key (report_id, version)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table report_versions, reports`.execute(db);
}
