import { sql, type Kysely } from 'kysely';

/**
 * Issued publications (C8): the violation report to the United Nations and the progress
 * briefing for the support group, frozen when issued. A row is never updated: issuing the
 * same kind, period and language again makes the next version, and every version stays
 * readable with the exact PDF bytes that were issued, their SHA-256 (also in the log
 * entry of the issue), the document model and the data annex.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table issued_reports (
      id uuid primary key,
      kind text not null check (kind in ('un', 'issg')),
      period_from date not null,
      period_to date not null,
      language text not null check (language in ('en', 'ar', 'ru', 'tr', 'fa')),
      version integer not null check (version >= 1),
      checkpoint_size bigint not null,
      checkpoint_root bytea not null,
      issued_by uuid not null references users(id),
      issued_org uuid not null references organisations(id),
      issued_at timestamptz not null,
      document jsonb not null,
      annex jsonb not null,
      pdf bytea not null,
      pdf_sha256 text not null,
      pdf_pages integer not null,
      log_entry_id bigint not null,
      check (period_from <= period_to),
      unique (kind, period_from, period_to, language, version)
    );
    create index issued_reports_issued_at_idx on issued_reports (issued_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table issued_reports`.execute(db);
}
