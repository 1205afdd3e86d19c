import { sql, type Kysely } from 'kysely';

/**
 * One index per entry, whatever the number of server processes (C9). The sequencer's
 * statement that moves the head also numbers the entries it read; this check makes that
 * statement fail, moving nothing, if it would move the head without numbering every one
 * of them (which would leave a gap in the tree and let a checkpoint cover a missing entry).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function log_sequencer_check(moved int, numbered int, expected int) returns int
    language plpgsql as $$
    begin
      if moved = 1 and numbered <> expected then
        raise exception 'log sequencer: the head would move by % entries but % were numbered', expected, numbered;
      end if;
      return moved;
    end
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function log_sequencer_check(int, int, int)`.execute(db);
}
