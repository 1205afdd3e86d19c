import { sql, type Kysely } from 'kysely';

/**
 * The mechanism's clock (issue 16, "the demo looks alive"): how far its time stands from
 * the system's, in milliseconds. Zero for a real mechanism; the demo sets it so that its
 * today is the day after its 2017 story, and its clock runs on from there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mechanism add column clock_offset_ms double precision not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mechanism drop column clock_offset_ms`.execute(db);
}
