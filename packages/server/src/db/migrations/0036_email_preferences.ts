import { sql, type Kysely } from 'kysely';

/**
 * Which notices each person also receives by e-mail (issue 16): at once, in a daily
 * digest, or not at all, per kind of notice. A kind with no row takes its default
 * (notifications/email-preferences.ts). Digest e-mails wait in the outbox, marked, until
 * the digest hour; the sender then joins a person's waiting notices into one message.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_email_preferences (
      user_id uuid not null references users(id),
      kind text not null,
      delivery text not null check (delivery in ('off', 'immediate', 'digest')),
      primary key (user_id, kind)
    );
    alter table email_outbox add column digest boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table email_outbox drop column digest;
    drop table notification_email_preferences;
  `.execute(db);
}
