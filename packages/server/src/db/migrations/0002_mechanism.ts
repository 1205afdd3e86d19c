import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mechanism (
      id integer primary key default 1 check (id = 1),
      name text not null,
      slug text not null,
      log_origin text not null,
      decision_rule text not null default 'consensus' check (decision_rule in ('consensus','majority')),
      mfa_required_roles jsonb not null default '[]',
      support_group_name text not null default '',
      reply_deadline_hours integer not null default 72,
      demo boolean not null default false,
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );

    create table agreements (
      id uuid primary key,
      title text not null,
      terms text not null default '',
      signed_on date not null,
      effective_from date not null,
      effective_to date,
      signatory_ids jsonb not null default '[]',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );

    create table excluded_groups (
      id uuid primary key,
      name text not null,
      aliases jsonb not null default '[]',
      note text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );

    create table zones (
      id uuid primary key,
      name text not null,
      description text not null default '',
      geometry jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );

    create table taxonomy (
      id uuid primary key,
      code text not null unique,
      label text not null,
      description text not null default '',
      acled_event_type text not null,
      acled_sub_event_type text not null,
      active boolean not null default true,
      sort_order integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table taxonomy, zones, excluded_groups, agreements, mechanism`.execute(db);
}
