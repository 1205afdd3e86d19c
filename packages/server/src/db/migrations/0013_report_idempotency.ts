import { sql, type Kysely } from 'kysely';

/**
 * Filing is safe to retry (C2, C12): a phone that lost the answer to a filing sends it
 * again with the same Idempotency-Key, and gets the report it already filed instead of
 * a duplicate. The key is the filer's own (unique per user); the request hash tells a
 * true retry from a different report sent under a reused key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table reports add column idempotency_key text, add column request_hash text;
    create unique index reports_idempotency_idx on reports (reporter_user, idempotency_key) where idempotency_key is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index reports_idempotency_idx;
    alter table reports drop column idempotency_key, drop column request_hash;
  `.execute(db);
}
