import { sql, type Kysely } from 'kysely';

/**
 * In-app notifications to organisations (right of reply, adopted findings). They are
 * derived from the record: a processor reads log entries past its cursor and writes the
 * notifications, so no command fans out by hand and none is lost across a restart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key,
      organisation_id uuid not null references organisations(id),
      kind text not null,
      subject jsonb not null,
      details jsonb not null,
      log_index bigint not null,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      read_by uuid references users(id)
    );
    create index notifications_org_idx on notifications (organisation_id, created_at desc);
    create unique index notifications_once_key on notifications (organisation_id, kind, log_index);

    create table notification_cursor (
      id integer primary key check (id = 1),
      log_index bigint not null
    );
    insert into notification_cursor (id, log_index) values (1, 0);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notification_cursor, notifications`.execute(db);
}
