import { sql, type Kysely } from 'kysely';

/**
 * Meetings of the joint group (C7): when and where, who takes part and who came, the
 * agenda (free items and items about pending incidents, exchanges and action items) with
 * minutes per item and their revisions, decisions with the guarantors' approvals, and
 * action items with an owner and a due date. An exchange may be scheduled at a meeting
 * (exchanges.meeting_id). Nothing is deleted: removed items and withdrawn decisions stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meetings (
      id uuid primary key,
      title text not null,
      starts_at timestamptz not null,
      venue text not null,
      status text not null check (status in ('scheduled', 'held', 'cancelled')),
      cancel_reason text not null default '',
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1
    );
    create index meetings_starts_idx on meetings (starts_at desc);

    create table meeting_participants (
      meeting_id uuid not null references meetings(id),
      organisation_id uuid not null references organisations(id),
      delegates jsonb not null default '[]',
      attendance text not null default 'unrecorded' check (attendance in ('unrecorded', 'present', 'absent')),
      attendees jsonb not null default '[]',
      primary key (meeting_id, organisation_id)
    );
    create index meeting_participants_org_idx on meeting_participants (organisation_id);

    create table meeting_agenda_items (
      id uuid primary key,
      meeting_id uuid not null references meetings(id),
      position integer not null,
      title text not null,
      reason text,
      incident_id uuid references incidents(id),
      exchange_id uuid references exchanges(id),
      action_item_id uuid,
      shared boolean not null default false,
      minutes text not null default '',
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      removed_at timestamptz,
      removed_by uuid references users(id),
      version integer not null default 1
    );
    create index meeting_agenda_items_meeting_idx on meeting_agenda_items (meeting_id, position);

    create table meeting_minutes_revisions (
      agenda_item_id uuid not null references meeting_agenda_items(id),
      version integer not null,
      minutes text not null,
      shared boolean not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      primary key (agenda_item_id, version)
    );

    create table meeting_decisions (
      id uuid primary key,
      meeting_id uuid not null references meetings(id),
      number integer not null,
      agenda_item_id uuid references meeting_agenda_items(id),
      text text not null,
      proposed_by uuid not null references organisations(id),
      recorded_by uuid not null references users(id),
      incident_ids jsonb not null default '[]',
      exchange_ids jsonb not null default '[]',
      persons jsonb not null default '[]',
      party_ids jsonb not null default '[]',
      shared boolean not null default false,
      status text not null check (status in ('proposed', 'adopted', 'withdrawn')),
      adopted_at timestamptz,
      withdrawn_at timestamptz,
      withdraw_reason text not null default '',
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      unique (meeting_id, number)
    );

    create table meeting_decision_approvals (
      decision_id uuid not null references meeting_decisions(id),
      organisation_id uuid not null references organisations(id),
      user_id uuid not null references users(id),
      decision_version integer not null,
      log_entry_id bigint not null,
      at timestamptz not null,
      primary key (decision_id, organisation_id)
    );

    create table meeting_action_items (
      id uuid primary key,
      meeting_id uuid not null references meetings(id),
      decision_id uuid references meeting_decisions(id),
      text text not null,
      owner_org uuid not null references organisations(id),
      due_on date not null,
      shared boolean not null default false,
      status text not null check (status in ('open', 'done')),
      done_at timestamptz,
      done_by uuid references users(id),
      done_note text not null default '',
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      version integer not null default 1
    );
    create index meeting_action_items_owner_idx on meeting_action_items (owner_org, status, due_on);
    create index meeting_action_items_open_idx on meeting_action_items (status, due_on);

    alter table meeting_agenda_items add foreign key (action_item_id) references meeting_action_items(id);
    alter table exchanges add column meeting_id uuid references meetings(id);
    create index exchanges_meeting_idx on exchanges (meeting_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table exchanges drop column meeting_id;
    drop table meeting_decision_approvals, meeting_minutes_revisions;
    alter table meeting_agenda_items drop column action_item_id;
    drop table meeting_action_items, meeting_decisions, meeting_agenda_items, meeting_participants, meetings;
  `.execute(db);
}
