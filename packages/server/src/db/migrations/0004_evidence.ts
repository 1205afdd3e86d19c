import { sql, type Kysely } from 'kysely';

/**
 * Evidence files (C2), content-addressed: a file is stored once under its SHA-256 (the
 * bytes live in <data dir>/evidence/sha256/, the row describes them), while every upload
 * of it is a row of its own, so each organisation that brought the same bytes is known
 * and sees the file, and each upload points at its log entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evidence (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null check (size > 0),
      media_type text not null,
      -- The first upload's name, capture time and uploader; every upload is in evidence_uploads.
      original_name text,
      capture_time timestamptz,
      uploaded_by uuid not null references users(id),
      uploaded_org uuid not null references organisations(id),
      uploaded_at timestamptz not null default now()
    );

    create table evidence_uploads (
      id uuid primary key,
      sha256 text not null references evidence(sha256),
      organisation_id uuid not null references organisations(id),
      user_id uuid not null references users(id),
      original_name text,
      capture_time timestamptz,
      -- What the uploader said the file was, when they said anything.
      claimed_media_type text,
      log_idx bigint not null references log_entries(idx),
      uploaded_at timestamptz not null default now()
    );
    -- "May this organisation see this file?" is asked on every download.
    create index evidence_uploads_sha256_org_idx on evidence_uploads (sha256, organisation_id);
    create index evidence_uploads_org_idx on evidence_uploads (organisation_id, uploaded_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table evidence_uploads, evidence`.execute(db);
}
