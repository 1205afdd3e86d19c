import { sql, type Kysely } from 'kysely';

/**
 * Witnesses (C9, c2sp.org/tlog-witness): the guarantors' witnesses the server asks to
 * cosign its checkpoints, the quorum a checkpoint needs before it is served
 * (`log_witness_quorum.k`, one row), and the cosignatures received, one line per
 * (checkpoint size, witness). `known_size` is the size the witness last cosigned as far
 * as the server knows (the `old` of its next request); `next_attempt_at` and `failures`
 * pace the retries of a witness that is down.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table log_witnesses (
      name text primary key,
      url text not null,
      vkey text not null,
      position int not null,
      known_size bigint not null default 0,
      last_cosigned_size bigint,
      last_cosigned_at timestamptz,
      last_error text,
      failures int not null default 0,
      next_attempt_at timestamptz,
      created_at timestamptz not null
    );

    create table log_witness_quorum (
      id int primary key check (id = 1),
      k int not null check (k >= 0),
      updated_at timestamptz not null
    );

    create table log_cosignatures (
      size bigint not null,
      witness text not null references log_witnesses (name) on delete cascade,
      line text not null,
      cosigned_at timestamptz not null,
      primary key (size, witness)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table log_cosignatures, log_witness_quorum, log_witnesses`.execute(db);
}
