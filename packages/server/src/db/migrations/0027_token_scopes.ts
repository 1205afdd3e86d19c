import { sql, type Kysely } from 'kysely';

/**
 * API tokens get a scope and an expiry (issue 13, part 4). A token is `read` (GET and
 * HEAD only) or `file` (reading, plus filing reports and their corrections, uploading
 * evidence and replying to an incident), and stops working at `expires_at`.
 *
 * Tokens made before this migration could do everything their user could. Cutting them
 * to `read` would silently break the field systems that file reports with them, so they
 * become `file` (what such scripts do) and expire 90 days after the migration: time
 * enough to make a new token with a chosen scope and expiry, and no token lives on
 * without an end.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table api_tokens
      add column scope text not null default 'file' check (scope in ('read', 'file')),
      add column expires_at timestamptz;
    update api_tokens set expires_at = now() + interval '90 days' where expires_at is null;
    alter table api_tokens alter column expires_at set not null;
    -- New tokens always say their scope; the default was only for the tokens already there.
    alter table api_tokens alter column scope drop default;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table api_tokens drop column scope, drop column expires_at`.execute(db);
}
