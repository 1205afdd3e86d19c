import { sql, type Kysely } from 'kysely';

/**
 * The audit (C9). `stored_damage` keeps every stored file found damaged (an evidence
 * file or an issued PDF whose bytes no longer hash to what was recorded): when, and how
 * it was found. `audit_runs` keeps the background scrub's results, so a mismatch is
 * announced once, when it is first seen, and the last result can be shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stored_damage (
      kind text not null,
      key text not null,
      detail text not null,
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      primary key (kind, key)
    );

    create table audit_runs (
      id bigint generated always as identity primary key,
      started_at timestamptz not null,
      finished_at timestamptz not null,
      checked jsonb not null,
      total int not null,
      mismatches jsonb not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_runs, stored_damage`.execute(db);
}
