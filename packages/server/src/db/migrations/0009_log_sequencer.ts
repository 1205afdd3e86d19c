import { sql, type Kysely } from 'kysely';

/**
 * Appends no longer lock the log head inside every command (C9 under load). A command's
 * transaction now writes its entry with only an `id` (taken from a sequence, so
 * concurrent commands never wait on each other); a sequencer later gives committed
 * entries their `idx`, in one short transaction per batch, and extends the tree. An
 * entry without an idx is durable but not yet in the tree.
 *
 * Salts and evidence uploads now point at the entry's id, which exists from the start.
 * Existing entries keep their idx and take id = idx + 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table log_entries add column id bigint;
    update log_entries set id = idx + 1;
    create sequence log_entries_id_seq owned by log_entries.id;
    select setval('log_entries_id_seq', coalesce((select max(id) from log_entries), 0) + 1, false);
    alter table log_entries alter column id set default nextval('log_entries_id_seq');
    alter table log_entries alter column id set not null;

    alter table log_salts add column entry_id bigint;
    update log_salts set entry_id = entry_idx + 1;
    alter table log_salts drop constraint log_salts_pkey;
    alter table log_salts drop column entry_idx;
    alter table log_salts alter column entry_id set not null;

    alter table evidence_uploads add column log_entry_id bigint;
    update evidence_uploads set log_entry_id = log_idx + 1;
    alter table evidence_uploads drop column log_idx;
    alter table evidence_uploads alter column log_entry_id set not null;

    alter table log_entries drop constraint log_entries_pkey;
    alter table log_entries add primary key (id);
    alter table log_entries alter column idx drop not null;
    create unique index log_entries_idx_key on log_entries (idx);
    -- What the sequencer looks for: committed entries not yet in the tree.
    create index log_entries_pending_idx on log_entries (id) where idx is null;

    alter table log_salts add primary key (entry_id, field);
    alter table log_salts add foreign key (entry_id) references log_entries(id);
    alter table evidence_uploads add foreign key (log_entry_id) references log_entries(id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  throw new Error('0009_log_sequencer cannot be undone: entries may exist that are not yet sequenced');
}
