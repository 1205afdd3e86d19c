import { sql, type Kysely } from 'kysely';

/**
 * Detainee lists (C4). Each party keeps one list of persons it holds and one of persons
 * it seeks. A list changes only by new versions: a person row is valid from the version
 * that added (or changed) it until the version that removed or changed it, so every
 * version stays readable and a person keeps its identity (list, ref) across versions.
 *
 * An upload is parsed and checked into `detainee_uploads` first; the user sees its errors
 * or its differences from the current version, and only accepting it writes a version.
 * Views of persons' records are themselves recorded (who, when, which persons).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table detainee_lists (
      id uuid primary key,
      party_id uuid not null references organisations(id),
      kind text not null check (kind in ('held', 'sought')),
      current_version integer not null default 0,
      person_count integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (party_id, kind)
    );

    create table detainee_list_versions (
      list_id uuid not null references detainee_lists(id),
      version integer not null,
      source text not null check (source in ('upload', 'form')),
      file_name text,
      file_sha256 text,
      person_count integer not null,
      added integer not null,
      removed integer not null,
      changed integer not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      primary key (list_id, version)
    );

    create table detainee_persons (
      id bigserial primary key,
      list_id uuid not null references detainee_lists(id),
      ref text not null,
      record jsonb not null,
      from_version integer not null,
      to_version integer,
      check (to_version is null or to_version > from_version)
    );
    create unique index detainee_persons_current_key on detainee_persons (list_id, ref) where to_version is null;
    create index detainee_persons_versions_idx on detainee_persons (list_id, from_version);

    create table detainee_uploads (
      id uuid primary key,
      list_id uuid not null references detainee_lists(id),
      base_version integer not null,
      file_name text not null,
      file_sha256 text not null,
      file_bytes integer not null,
      headers jsonb not null,
      cells jsonb not null,
      mapping jsonb not null,
      status text not null check (status in ('pending', 'accepted', 'discarded')),
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      decided_at timestamptz
    );
    create index detainee_uploads_list_idx on detainee_uploads (list_id, created_at desc);

    -- What an organisation mapped a file's header to last time, offered again next time.
    create table detainee_header_mappings (
      organisation_id uuid not null references organisations(id),
      header text not null,
      target text,
      updated_at timestamptz not null,
      primary key (organisation_id, header)
    );

    create table detainee_views (
      id bigserial primary key,
      list_id uuid not null references detainee_lists(id),
      refs text[] not null,
      what text not null,
      viewer_user uuid not null references users(id),
      viewer_org uuid not null references organisations(id),
      viewed_at timestamptz not null
    );
    create index detainee_views_list_idx on detainee_views (list_id, viewed_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table detainee_views, detainee_header_mappings, detainee_uploads, detainee_persons, detainee_list_versions, detainee_lists`.execute(db);
}
