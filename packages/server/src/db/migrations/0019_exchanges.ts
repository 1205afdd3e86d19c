import { sql, type Kysely } from 'kysely';

/**
 * Prisoner exchanges (C6). A proposal between two parties names the persons each side
 * releases (from its held list); both parties approve, the guarantors endorse, and on
 * the day the facilitator records each release's outcome. A person's status on a list
 * (listed → matched → proposed → approved → released → confirmed, or declined / not
 * found / deceased) is kept with its history: who changed it, when, and why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table exchanges (
      id uuid primary key,
      title text not null,
      mode text not null check (mode in ('one-for-one', 'by-category', 'all-for-all', 'list')),
      party_a uuid not null references organisations(id),
      party_b uuid not null references organisations(id),
      meeting_date date,
      status text not null check (status in ('proposed', 'approved', 'endorsed', 'completed', 'withdrawn')),
      note text not null default '',
      proposed_by uuid not null references users(id),
      proposed_org uuid not null references organisations(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      check (party_a <> party_b)
    );

    create table exchange_persons (
      exchange_id uuid not null references exchanges(id),
      list_id uuid not null references detainee_lists(id),
      ref text not null,
      releasing_party uuid not null references organisations(id),
      sought_list_id uuid references detainee_lists(id),
      sought_ref text,
      category text,
      outcome text not null default 'pending' check (outcome in ('pending', 'released', 'confirmed', 'declined', 'not_found', 'deceased')),
      outcome_note text not null default '',
      outcome_by uuid references users(id),
      outcome_at timestamptz,
      primary key (exchange_id, list_id, ref)
    );
    create index exchange_persons_person_idx on exchange_persons (list_id, ref);

    create table exchange_approvals (
      exchange_id uuid not null references exchanges(id),
      organisation_id uuid not null references organisations(id),
      kind text not null check (kind in ('approval', 'endorsement')),
      user_id uuid not null references users(id),
      exchange_version integer not null,
      at timestamptz not null,
      primary key (exchange_id, organisation_id, kind)
    );

    create table detainee_status (
      list_id uuid not null references detainee_lists(id),
      ref text not null,
      status text not null check (status in ('listed', 'matched', 'proposed', 'approved', 'released', 'confirmed', 'declined', 'not_found', 'deceased')),
      exchange_id uuid references exchanges(id),
      note text not null default '',
      changed_by uuid references users(id),
      changed_at timestamptz not null,
      primary key (list_id, ref)
    );
    create index detainee_status_status_idx on detainee_status (list_id, status);

    create table detainee_status_events (
      id bigserial primary key,
      list_id uuid not null references detainee_lists(id),
      ref text not null,
      status text not null,
      exchange_id uuid references exchanges(id),
      note text not null default '',
      changed_by uuid references users(id),
      changed_org uuid references organisations(id),
      changed_at timestamptz not null
    );
    create index detainee_status_events_person_idx on detainee_status_events (list_id, ref, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table detainee_status_events, detainee_status, exchange_approvals, exchange_persons, exchanges`.execute(db);
}
