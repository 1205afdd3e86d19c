import { sql, type Kysely } from 'kysely';

/**
 * Notification e-mails waiting to be sent, being sent, sent or given up. The processor
 * queues them with the notification, in one transaction; a sender loop delivers them
 * (notifications/email.ts). One row per notification and recipient user: a notification
 * is never mailed twice to the same person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table email_outbox (
      id uuid primary key,
      notification_id uuid not null references notifications(id),
      user_id uuid not null references users(id),
      recipient text not null,
      language text not null,
      created_at timestamptz not null default now(),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      last_attempt_at timestamptz,
      sent_at timestamptz,
      given_up_at timestamptz
    );
    create unique index email_outbox_once_key on email_outbox (notification_id, user_id);
    create index email_outbox_due_idx on email_outbox (next_attempt_at) where sent_at is null and given_up_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table email_outbox`.execute(db);
}
