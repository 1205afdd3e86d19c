import { sql, type Kysely } from 'kysely';

/**
 * The tamper-evident record (C9). Entries are the canonical JSON bytes that are hashed;
 * nodes hold every complete RFC 6962 subtree hash (level 0 = leaf hashes), from which
 * tiles and proofs are read without recomputation. log_head's single row is locked by
 * every append, which gives entries gap-free indexes in commit order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table log_entries (
      idx bigint primary key,
      body bytea not null,
      created_at timestamptz not null default now()
    );

    create table log_nodes (
      level smallint not null,
      idx bigint not null,
      hash bytea not null,
      primary key (level, idx)
    );

    create table log_head (
      id integer primary key check (id = 1),
      size bigint not null
    );
    insert into log_head (id, size) values (1, 0);

    create table log_checkpoints (
      size bigint primary key,
      root bytea not null,
      note text not null,
      created_at timestamptz not null default now()
    );

    -- Openings of the salted commitments: who holds the value and the salt can prove
    -- what an entry committed to. Never served by the public log routes.
    create table log_salts (
      entry_idx bigint not null references log_entries(idx),
      field text not null,
      salt bytea not null,
      primary key (entry_idx, field)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table log_salts, log_checkpoints, log_head, log_nodes, log_entries`.execute(db);
}
