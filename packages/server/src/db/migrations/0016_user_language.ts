import { sql, type Kysely } from 'kysely';

/**
 * A user's language (C11), chosen in the web app's language switch: e-mails reach them
 * in it. Null until they choose; e-mails are then in English.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column language text check (language in ('en', 'ar', 'ru', 'tr', 'fa'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column language`.execute(db);
}
