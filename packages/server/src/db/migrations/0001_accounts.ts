import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisations (
      id uuid primary key,
      name text not null,
      short_name text not null,
      kind text not null check (kind in ('secretariat','guarantor','party','facilitator','observer','monitor')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );
    create unique index organisations_name_key on organisations (lower(name));

    create table users (
      id uuid primary key,
      organisation_id uuid not null references organisations(id),
      name text not null,
      email text not null,
      role text not null check (role in ('admin','officer','viewer')),
      password_hash text not null,
      must_change_password boolean not null default false,
      active boolean not null default true,
      totp_secret text,
      totp_pending_secret text,
      totp_last_step bigint,
      demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );
    create unique index users_email_key on users (lower(email));
    create index users_organisation_idx on users (organisation_id);

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions (user_id);

    create table api_tokens (
      id uuid primary key,
      user_id uuid not null references users(id),
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user_idx on api_tokens (user_id);

    create table settings (
      key text primary key,
      value jsonb not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table settings, api_tokens, sessions, users, organisations`.execute(db);
}
