import { sql, type Kysely } from 'kysely';

/**
 * Matching (C5). A run compares one version of a sought list with one version of the
 * other side's held list (or finds duplicates inside one list) and keeps its candidate
 * pairs with score, band and explanation. Reviewers' decisions are kept per pair of
 * persons, not per run, so a decision survives new versions and new runs; a confirmed
 * pair is a person in both lists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table match_runs (
      id uuid primary key,
      kind text not null check (kind in ('match', 'dedupe')),
      sought_list_id uuid not null references detainee_lists(id),
      sought_version integer not null,
      held_list_id uuid not null references detainee_lists(id),
      held_version integer not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      requested_by uuid references users(id),
      requested_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz,
      stats jsonb,
      error text
    );
    create index match_runs_lists_idx on match_runs (sought_list_id, held_list_id, requested_at desc);
    create index match_runs_status_idx on match_runs (status) where status in ('queued', 'running');

    create table match_candidates (
      run_id uuid not null references match_runs(id),
      sought_ref text not null,
      held_ref text not null,
      score real not null,
      band text not null check (band in ('link', 'review')),
      comparisons jsonb not null,
      primary key (run_id, sought_ref, held_ref)
    );
    create index match_candidates_score_idx on match_candidates (run_id, score desc);

    create table match_decisions (
      sought_list_id uuid not null references detainee_lists(id),
      sought_ref text not null,
      held_list_id uuid not null references detainee_lists(id),
      held_ref text not null,
      decision text not null check (decision in ('confirmed', 'rejected')),
      note text not null default '',
      score real,
      decided_by uuid not null references users(id),
      decided_org uuid not null references organisations(id),
      decided_at timestamptz not null,
      version integer not null default 1,
      primary key (sought_list_id, sought_ref, held_list_id, held_ref)
    );
    create index match_decisions_held_idx on match_decisions (held_list_id, held_ref);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table match_decisions, match_candidates, match_runs`.execute(db);
}
